using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>Where a created client lives in its member, which decides what a fix may rewrite.</summary>
internal enum ClientHolder
{
    /// <summary><c>var c = new HttpClient();</c> or <c>using var c = new HttpClient();</c></summary>
    LocalDeclaration,

    /// <summary><c>using (var c = new HttpClient()) { ... }</c></summary>
    UsingStatement,

    /// <summary><c>new HttpClient().GetStringAsync(u)</c>: used once, never stored.</summary>
    Receiver,

    /// <summary>Returned, passed, stored or anything else: the client escapes this member.</summary>
    Other,
}

/// <summary>
/// How a client created in a member is held and used: its local (if any), the references to it,
/// and whether it escapes or is mutated. Both HCG001 fixes decide from this.
/// </summary>
internal sealed class ClientLocal
{
    private ClientLocal(ClientHolder holder, VariableDeclaratorSyntax? declarator, ILocalSymbol? local, IReadOnlyList<IdentifierNameSyntax> references)
    {
        Holder = holder;
        Declarator = declarator;
        Local = local;
        References = references;
    }

    public ClientHolder Holder { get; }

    public VariableDeclaratorSyntax? Declarator { get; }

    public ILocalSymbol? Local { get; }

    /// <summary>Every use of the local after its declaration.</summary>
    public IReadOnlyList<IdentifierNameSyntax> References { get; }

    /// <summary>The statement that declares the local (a local declaration or a using statement).</summary>
    public StatementSyntax? DeclaringStatement => Declarator?.Parent?.Parent as StatementSyntax;

    public static ClientLocal Find(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        if (parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } memberAccess && memberAccess.Expression.Span.Contains(creation.Span))
        {
            return new ClientLocal(ClientHolder.Receiver, null, null, []);
        }

        if (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } &&
            declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } declaration &&
            model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
        {
            var holder = declaration.Parent switch
            {
                LocalDeclarationStatementSyntax => ClientHolder.LocalDeclaration,
                UsingStatementSyntax => ClientHolder.UsingStatement,
                _ => ClientHolder.Other,
            };
            if (holder == ClientHolder.Other)
            {
                return new ClientLocal(ClientHolder.Other, null, null, []);
            }

            var scope = holder == ClientHolder.UsingStatement ? declaration.Parent : declaration.Parent!.Parent;
            var references = scope!.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(identifier => identifier.Identifier.ValueText == local.Name &&
                                     SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                .ToList();
            return new ClientLocal(holder, declarator, local, references);
        }

        return new ClientLocal(ClientHolder.Other, null, null, []);
    }

    /// <summary>
    /// True when every use is a method call on the client (other than <c>Dispose</c> and
    /// <c>CancelPendingRequests</c>, which would act on every caller of a shared client), a read
    /// of a scalar setting, or a <c>client.Dispose();</c> statement the fix removes. Writes to
    /// settings and header collections are not allowed: a shared client is configured once (the
    /// statements of <paramref name="movedConfiguration"/>, which the fix moves into the field, excepted).
    /// </summary>
    public bool IsOnlyCalled(ClientConfiguration? movedConfiguration = null)
    {
        foreach (var reference in References)
        {
            if (IsDisposeStatement(reference) || movedConfiguration?.Contains(reference) == true)
            {
                continue;
            }

            if (!IsCallOrSettingRead(reference))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="reference"/> (to a client) is the receiver of a method call other than <c>Dispose</c> and
    /// <c>CancelPendingRequests</c>, or of a read of a scalar setting: what every caller of a shared client may do.
    /// </summary>
    public static bool IsCallOrSettingRead(ExpressionSyntax reference)
    {
        if (reference.Parent is not MemberAccessExpressionSyntax memberAccess || memberAccess.Expression != reference)
        {
            return false;
        }

        var name = memberAccess.Name.Identifier.ValueText;
        if (memberAccess.Parent is InvocationExpressionSyntax invocation && invocation.Expression == memberAccess)
        {
            return name is not ("Dispose" or "CancelPendingRequests");
        }

        return name is "BaseAddress" or "Timeout" or "MaxResponseContentBufferSize" && !IsWritten(memberAccess);
    }

    /// <summary>
    /// The client may send more than one request: several calls on it, a call inside a loop or
    /// lambda within its scope, or it escapes. Cookies a per-call client kept between its own
    /// requests would then be lost by a pooled client, which never shares cookies.
    /// </summary>
    public bool MaySendSeveralRequests()
    {
        if (Holder == ClientHolder.Receiver)
        {
            return false;
        }

        if (Holder == ClientHolder.Other)
        {
            return true;
        }

        var calls = 0;
        foreach (var reference in References)
        {
            if (IsDisposeStatement(reference))
            {
                continue;
            }

            if (reference.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } memberAccess || memberAccess.Expression != reference)
            {
                // Passed along, returned, captured: it may be used for any number of requests.
                if (reference.Parent is MemberAccessExpressionSyntax)
                {
                    continue;
                }

                return true;
            }

            calls++;
            if (IsInLoopOrLambdaWithinScope(reference))
            {
                return true;
            }
        }

        return calls > 1;
    }

    public static bool IsDisposeStatement(IdentifierNameSyntax reference) =>
        reference.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } memberAccess &&
        memberAccess.Expression == reference &&
        memberAccess.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax };

    private static bool IsWritten(ExpressionSyntax expression) =>
        expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression;

    private bool IsInLoopOrLambdaWithinScope(SyntaxNode reference)
    {
        // The local's scope: a using statement's own body, or the block around its declaration (the
        // declaration is not an ancestor of the uses, and a lambda that holds the block is not a loop over it).
        var stop = DeclaringStatement is UsingStatementSyntax ? DeclaringStatement : DeclaringStatement?.Parent;
        for (var node = reference.Parent; node is not null && node != stop; node = node.Parent)
        {
            if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Statements that reference the local from a <c>client.Dispose();</c> call: removed by fixes
    /// that make the client shared or pooled-and-harmless-to-keep. Returned in document order.
    /// </summary>
    public IEnumerable<ExpressionStatementSyntax> DisposeStatements() =>
        References.Where(IsDisposeStatement).Select(r => (ExpressionStatementSyntax)r.Parent!.Parent!.Parent!);
}
