using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A one-shot timer: a tick handler whose first statement stops the timer that raises it, started by one statement only:
/// <code>
/// timer.Tick += timer_SplashScreen;       // in the splash screen's start-up, run once per window
/// timer.Interval = TimeSpan.FromSeconds(5);
/// timer.Start();
/// ...
/// async void timer_SplashScreen(object sender, EventArgs e)
/// {
///     timer.Stop();                       // the handler runs once for each start
///     var main = new MainWindow(config);  // so its creations are made as often as the start runs
/// }
/// </code>
/// The handler runs as often as that start does, not per tick. A handler that does not stop the timer first (a periodic
/// poll), a timer some other code starts too, or one the code makes again keeps the handler per call.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// The <c>timer.Start()</c> that makes <paramref name="methodGroup"/>, subscribed to the timer's <c>Tick</c> or
    /// <c>Elapsed</c> by <c>+=</c>, run once: in the subscribing function's own code (a lambda's is another's), on a timer
    /// field set only where it is declared, started nowhere else in its type, whose handler's first statement stops
    /// it (<c>timer.Stop()</c>, <c>timer.Enabled = false</c>, <c>timer.IsEnabled = false</c>). Null otherwise.
    /// </summary>
    private static InvocationExpressionSyntax? OneShotTimerStart(ExpressionSyntax methodGroup, SemanticModel model, CancellationToken cancellationToken)
    {
        if (methodGroup.Parent is not AssignmentExpressionSyntax
            {
                RawKind: (int)SyntaxKind.AddAssignmentExpression,
                Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Tick" or "Elapsed", Expression: var timerExpression },
            } subscription ||
            subscription.Right != methodGroup ||
            TimerOf(timerExpression, model, cancellationToken) is not { } timer ||
            subscription.EnclosingFunction() is not { } function ||
            model.GetSymbolInfo(methodGroup, cancellationToken).Symbol is not IMethodSymbol { DeclaringSyntaxReferences: { Length: 1 } handlerReferences } ||
            handlerReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body.Statements: { Count: > 0 } handlerStatements } handler ||
            !model.Compilation.ContainsSyntaxTree(handler.SyntaxTree) ||
            !Stops(handlerStatements[0], timer, model.For(handler.SyntaxTree), cancellationToken) ||
            IsAssignedOutsideItsDeclaration(timer, model, cancellationToken))
        {
            return null;
        }

        // Every start of the timer is a call in the subscribing function's own code (not in a lambda of it): the start is classified
        // as any call is, so a loop around it keeps the handler per call.
        InvocationExpressionSyntax? only = null;
        foreach (var reference in timer.ContainingType.DeclaringSyntaxReferences)
        {
            var scope = reference.GetSyntax(cancellationToken);
            var scopeModel = model.For(scope.SyntaxTree);
            foreach (var node in scope.DescendantNodes())
            {
                if (!StartsTimer(node, timer, scopeModel, cancellationToken))
                {
                    continue;
                }

                if (node is not InvocationExpressionSyntax start || start.EnclosingFunction() != function)
                {
                    return null;
                }

                only = start;
            }
        }

        return only;
    }

    /// <summary>The instance timer field that <paramref name="expression"/> (<c>timer</c>, <c>this.timer</c>) names.</summary>
    private static IFieldSymbol? TimerOf(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } &&
        model.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { IsStatic: false } field
            ? field
            : null;

    /// <summary><c>timer.Stop();</c>, <c>timer.Enabled = false;</c>, <c>timer.IsEnabled = false;</c>.</summary>
    private static bool Stops(StatementSyntax statement, ISymbol timer, SemanticModel model, CancellationToken cancellationToken) =>
        statement is ExpressionStatementSyntax { Expression: var expression } &&
        expression switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Stop", Expression: var stopped }, ArgumentList.Arguments.Count: 0 } =>
                model.NamesOwn(stopped, timer, cancellationToken),
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enabled" or "IsEnabled", Expression: var disabled }, Right: var value } =>
                value.IsKind(SyntaxKind.FalseLiteralExpression) && model.NamesOwn(disabled, timer, cancellationToken),
            _ => false,
        };

    /// <summary><c>timer.Start()</c>, <c>timer.Enabled = true</c> (or any value but <c>false</c>), <c>timer.IsEnabled = ...</c>.</summary>
    private static bool StartsTimer(SyntaxNode node, ISymbol timer, SemanticModel model, CancellationToken cancellationToken) => node switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start", Expression: var started } } =>
            model.NamesOwn(started, timer, cancellationToken),
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enabled" or "IsEnabled", Expression: var enabled }, Right: var value } =>
            !value.IsKind(SyntaxKind.FalseLiteralExpression) && model.NamesOwn(enabled, timer, cancellationToken),
        _ => false,
    };

    /// <summary>A field written anywhere but its own initializer: a new timer each time.</summary>
    private static bool IsAssignedOutsideItsDeclaration(IFieldSymbol timer, SemanticModel model, CancellationToken cancellationToken) =>
        timer.ContainingType.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is var type && model.For(type.SyntaxTree).ValuesWritten(timer, type, cancellationToken).Any);
}
