using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A lambda handed to <c>Enumerable.Select</c> whose results the query hands on, none dropped:
/// <code>
/// IFileStorage? instance = Factories
///     .Select(f => f.Create(pcs))
///     .FirstOrDefault(b => b != null);
/// return instance;
/// </code>
/// The query runs the lambda for the elements it reads and yields what it returns: <c>First()</c>, <c>Single()</c> and their
/// <c>OrDefault</c> forms stop at the element they return (<c>Single</c> reads a second one only to throw), a predicate that
/// only tests for null passes on every result that is an object, and <c>ToList()</c> / <c>ToArray()</c> keep them all. What
/// the lambda makes then goes where the query's value goes, as a creation made there would; a list of them counts only when
/// it is kept (a static, a field of the object), as a loop's creations added to a collection do: returned, each call still
/// makes one per element (<c>return ids.Select(id =&gt; new HttpClient()).ToList();</c> stays per call). A predicate that tests anything
/// else drops the results it turns down: that query is not followed (the lambda stays per call). Nor is a query left lazy
/// (<c>_clients = urls.Select(u =&gt; new HttpClient())</c>, which runs the lambda again on every enumeration): the walk out
/// of the lambda decides it as before.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// The end of the query <paramref name="lambda"/> is the selector of, when the query yields every object the lambda returns
    /// (<see cref="CreationSite"/> above): <c>Select(f)</c>, then <c>Where</c> tests for null or <c>AsEnumerable()</c>, then
    /// <c>First</c>, <c>FirstOrDefault</c>, <c>Single</c>, <c>SingleOrDefault</c> (alone or with a null test), <c>ToList()</c> or
    /// <c>ToArray()</c>; each bound to <c>System.Linq.Enumerable</c>. Null otherwise. <paramref name="picksOne"/>: the query
    /// ends in one element, not a list.
    /// </summary>
    private static ExpressionSyntax? QueryKeepingResults(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken, out bool picksOne)
    {
        picksOne = false;
        if (lambda.ParentSkippingParenthesesAndCasts() is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax select } } ||
            EnumerableOperator(select, model, cancellationToken) != "Select")
        {
            return null;
        }

        ExpressionSyntax query = select;
        while (query.ParentSkippingParenthesesAndCasts() is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } access &&
               access.Expression.Unwrap() == query && next.Expression == access)
        {
            var arguments = next.ArgumentList.Arguments;
            switch (EnumerableOperator(next, model, cancellationToken))
            {
                case "AsEnumerable" when arguments.Count == 0:
                case "Where" when arguments.Count == 1 && TestsOnlyForNull(arguments[0].Expression):
                    query = next;
                    continue;
                case "ToList" or "ToArray" when arguments.Count == 0:
                    return next;
                case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" when arguments.Count == 0 || arguments.Count == 1 && TestsOnlyForNull(arguments[0].Expression):
                    picksOne = true;
                    return next;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The name of the <c>System.Linq.Enumerable</c> method <paramref name="call"/> binds to, or null.</summary>
    private static string? EnumerableOperator(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method &&
        (method.ReducedFrom ?? method).ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
            ? method.Name
            : null;

    /// <summary><c>b =&gt; b != null</c>, <c>b =&gt; b is not null</c>, <c>b =&gt; b is { }</c>: false only when its one parameter is null, so it turns down no object.</summary>
    private static bool TestsOnlyForNull(ExpressionSyntax predicate) =>
        predicate.Unwrap() switch
        {
            SimpleLambdaExpressionSyntax { ExpressionBody: { } body, Parameter: var parameter } => TestsForNull(body, parameter),
            ParenthesizedLambdaExpressionSyntax { ExpressionBody: { } body, ParameterList.Parameters: { Count: 1 } parameters } => TestsForNull(body, parameters[0]),
            _ => false,
        };

    private static bool TestsForNull(ExpressionSyntax body, ParameterSyntax parameter) =>
        ParameterFallbacks.NullTested(body, whenTrue: false)?.Unwrap() is IdentifierNameSyntax tested && tested.Identifier.ValueText == parameter.Identifier.ValueText;
}
