using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A client made by a method that then polls with it forever lives as long as that loop: <c>using var http = new
/// HttpClient(); while (true) { await Task.Delay(30000); await http.GetStringAsync(url); }</c> makes one client per
/// worker, however the method is started, because the method never returns to be run again. The loop must come after the
/// creation in the same function, use the client's local, and have no way out but an exception: its condition is
/// <c>true</c> (or missing), <c>!token.IsCancellationRequested</c> or <c>await timer.WaitForNextTickAsync(...)</c>, and it
/// holds no <c>break</c> of its own, no <c>return</c>, no <c>goto</c> and no <c>yield</c> (an iterator's loop ends when
/// its consumer stops: once per consumer, not per process).
/// </summary>
internal static class WorkerLoops
{
    /// <summary>
    /// <paramref name="creation"/>, written in <paramref name="body"/> outside any loop or function inside it, initializes a
    /// local that an endless loop later in the same body uses.
    /// </summary>
    public static bool KeepAlive(ExpressionSyntax creation, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        if (LocalOf(creation, model, cancellationToken) is not { } local)
        {
            return false;
        }

        var ownStatements = body.DescendantNodes(descendIntoChildren: node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));
        foreach (var node in ownStatements)
        {
            if (node is YieldStatementSyntax)
            {
                // An iterator: its loop ends when its consumer stops asking.
                return false;
            }
        }

        foreach (var node in ownStatements)
        {
            if (node is StatementSyntax loop && node.SpanStart > creation.Span.End && IsEndless(loop) && Uses(loop, local, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For HCG007, syntax only: <paramref name="creation"/> is written in a method's own body (not in a loop or a function
    /// inside it), and an endless loop (<see cref="IsEndless"/>) of that body comes after it.
    /// </summary>
    public static bool MayKeepAlive(ExpressionSyntax creation) =>
        creation.EnclosingFunction() is MethodDeclarationSyntax { Body: { } body } && OutsideLoops(creation, body) && HasEndlessLoopAfter(creation, body);

    /// <summary>
    /// For HCG007: <paramref name="creation"/> is a client a method makes in its own body and then keeps alive with an endless
    /// loop (<see cref="KeepAlive"/>), so the client lives as long as the process (or the worker's token): the keeper's
    /// phrase for the message (<c>by the endless loop in 'VotePoller.RunAsync', </c>), or null.
    /// </summary>
    public static string? LoopKeeping(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken) =>
        MayKeepAlive(creation) && creation.EnclosingFunction() is MethodDeclarationSyntax { Body: { } body } method &&
        KeepAlive(creation, body, model, cancellationToken)
            ? "by the endless loop in '" + method.EnclosingMemberName() + "', "
            : null;

    private static bool OutsideLoops(ExpressionSyntax creation, BlockSyntax body)
    {
        for (var current = creation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
            {
                // Made anew on every pass of a loop: not one long-lived client.
                return false;
            }
        }

        return true;
    }

    private static bool HasEndlessLoopAfter(ExpressionSyntax creation, BlockSyntax body)
    {
        foreach (var node in body.DescendantNodes(descendIntoChildren: node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is StatementSyntax loop && node.SpanStart > creation.Span.End && IsEndless(loop))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The local <paramref name="creation"/> initializes or is assigned to (<c>using var http = new HttpClient(...)</c>,
    /// <c>using (var http = ...)</c>, <c>http = ...</c>), also where it is the handler of the client that does
    /// (<c>new HttpClient(new HttpClientHandler { ... })</c>).
    /// </summary>
    private static ILocalSymbol? LocalOf(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode value = creation;
        while (value.ParentSkippingParenthesesAndCasts() is { } parent)
        {
            switch (parent)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } }:
                    value = wrapper;
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right.Unwrap() == value:
                    return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol as ILocalSymbol;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsEndless(StatementSyntax statement) => statement switch
    {
        WhileStatementSyntax loop => RunsUntilStopped(loop.Condition) && NoWayOut(loop.Statement),
        DoStatementSyntax loop => RunsUntilStopped(loop.Condition) && NoWayOut(loop.Statement),
        ForStatementSyntax loop => (loop.Condition is null || RunsUntilStopped(loop.Condition)) && NoWayOut(loop.Statement),
        _ => false,
    };

    /// <summary><c>true</c>, <c>!token.IsCancellationRequested</c>, <c>await timer.WaitForNextTickAsync(token)</c>.</summary>
    private static bool RunsUntilStopped(ExpressionSyntax condition)
    {
        switch (condition.Unwrap())
        {
            case LiteralExpressionSyntax literal:
                return literal.IsKind(SyntaxKind.TrueLiteralExpression);
            case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                return not.Operand.Unwrap() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCancellationRequested" };
            case AwaitExpressionSyntax { Expression: InvocationExpressionSyntax tick }:
                return tick.InvokedName() == "WaitForNextTickAsync";
            default:
                return false;
        }
    }

    /// <summary>Nothing in the loop's body leaves it normally: no <c>break</c> of this loop, no <c>return</c> or <c>goto</c>.</summary>
    private static bool NoWayOut(StatementSyntax body)
    {
        foreach (var node in body.DescendantNodesAndSelf(descendIntoChildren: node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax or GotoStatementSyntax:
                    return false;
                case BreakStatementSyntax breakStatement when BreaksOut(breakStatement, body):
                    return false;
            }
        }

        return true;
    }

    /// <summary>The <c>break</c> leaves the loop whose body is <paramref name="body"/>, not a loop or <c>switch</c> inside it.</summary>
    private static bool BreaksOut(BreakStatementSyntax breakStatement, StatementSyntax body)
    {
        for (var current = breakStatement.Parent; current is not null && current != body.Parent; current = current.Parent)
        {
            if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Uses(StatementSyntax loop, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        model.References(local, loop, cancellationToken).Any();
}
