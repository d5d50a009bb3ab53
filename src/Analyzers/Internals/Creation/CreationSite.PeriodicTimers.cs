using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A callback handed to a periodic <c>System.Threading.Timer</c> where an object is initialized:
/// <code>
/// public TwitchApiHelper(...)
/// {
///     _viewersUpdateTimer = new Timer(e => ViewersUpdateTimerTick(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1.5));
/// }
/// private async void ViewersUpdateTimerTick() { var client = new HttpClient(); ... }
/// </code>
/// What a constructor runs, it runs once, lambdas handed to the calls it makes included; but the timer keeps this one and
/// runs it on every period, for as long as the object lives. A timer made with no period (<c>Timeout.Infinite</c>, <c>-1</c>,
/// <c>0</c>, <c>Timeout.InfiniteTimeSpan</c>, <c>TimeSpan.Zero</c>) fires once and stays as before: once per instance.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// <paramref name="function"/> is the callback of <c>new System.Threading.Timer(callback, state, dueTime, period)</c> whose
    /// period is not one that turns periodic signalling off: a positive constant, or a value not known when compiling
    /// (<c>TimeSpan.FromMinutes(1.5)</c>, an interval from settings).
    /// </summary>
    private static bool IsPeriodicTimerCallback(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken) =>
        function.ParentSkippingParenthesesAndCasts() is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments: { Count: 4 } arguments, Parent: BaseObjectCreationExpressionSyntax timer } } callback &&
        arguments[0] == callback &&
        SyntaxGates.CreatedType(timer, model, cancellationToken) is
        {
            Name: "Timer",
            ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
        } &&
        !TurnsPeriodOff(arguments[3].Expression, model, cancellationToken);

    /// <summary><c>Timeout.Infinite</c>, <c>-1</c>, <c>0</c> (any constant not above zero), <c>Timeout.InfiniteTimeSpan</c>, <c>TimeSpan.Zero</c>.</summary>
    private static bool TurnsPeriodOff(ExpressionSyntax period, SemanticModel model, CancellationToken cancellationToken)
    {
        var value = model.GetConstantValue(period, cancellationToken);
        if (value.HasValue)
        {
            return value.Value is not (int and > 0 or long and > 0L or uint and > 0U);
        }

        return period.Unwrap() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InfiniteTimeSpan" or "Zero" };
    }
}
