using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Response tasks collected by <c>Task.WhenAll</c> (as arguments, an array, or the results of a <c>Select</c> lambda) whose
/// results are kept in a local array: <c>var responses = await Task.WhenAll(urls.Select(u =&gt; client.GetAsync(u)));</c>.
/// The array's owner is this member: when it only reads the responses (status codes in a <c>foreach</c>, LINQ queries,
/// element reads) and nothing in the member disposes a response or hands the array on, every response is dropped.
/// </summary>
internal static partial class DisposalAnalysis
{
    // OperationKind.CollectionExpression and OperationKind.Spread (Roslyn 4.9; the analyzers build against 4.8).
    private const OperationKind CollectionExpressionKind = (OperationKind)0x7F;
    private const OperationKind SpreadKind = (OperationKind)0x80;

    private static readonly string[] s_readingQueries =
    {
        "Where", "Select", "Any", "All", "Count", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        "OrderBy", "OrderByDescending", "Skip", "Take", "ToList", "ToArray", "Zip",
    };

    /// <summary>The verdict for a response task handed to <c>Task.WhenAll</c>, or null when the array's fate is not followed.</summary>
    private static DisposalVerdict? AnalyzeWhenAllResults(IOperation value, ResourceKind kind, WellKnownTypes types)
    {
        if (kind != ResourceKind.Response || WhenAllOf(value) is not { } all)
        {
            return null;
        }

        var outer = OutermostAwaited(all);
        if (outer != all &&
            (outer.Parent is IExpressionStatementOperation ||
             outer.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Value == outer) &&
            !DisposesAResponse(value.Root(), types))
        {
            // await Task.WhenAll(client.GetAsync(a), client.GetAsync(b)); the tasks reach nothing else: every response is dropped.
            return new DisposalVerdict(ValueFate.DroppedOnSomePath, value, path: "is collected by Task.WhenAll, whose results are discarded");
        }

        var array = outer.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !IsUsingDeclarator(declarator) => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == outer => target.Local,
            _ => null,
        };
        if (array is not { Type: IArrayTypeSymbol } || References(value.Root(), array) is not { Count: > 0 } references)
        {
            return null;
        }

        foreach (var reference in references)
        {
            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference || !OnlyRead(reference))
            {
                return null;
            }
        }

        if (DisposesAResponse(value.Root(), types))
        {
            // A 'using' or Dispose() of a response anywhere in the member (lambdas included: ForEach(r => r.Dispose())): taken to
            // release these (the precise pairing is not followed).
            return null;
        }

        return new DisposalVerdict(ValueFate.DroppedOnSomePath, value, path: $"is collected by Task.WhenAll into '{array.Name}', whose responses are only read and never disposed");
    }

    /// <summary>The <c>Task.WhenAll</c> call the task is handed to: directly, in an array, or returned by a <c>Select</c> lambda passed to it.</summary>
    private static IInvocationOperation? WhenAllOf(IOperation value)
    {
        var current = value.Parent;
        if (current is IReturnOperation && value.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax>() is not null)
        {
            // urls.Select(u => client.GetAsync(u)): the lambda's result becomes an element of the query.
            while (current is not null and not IAnonymousFunctionOperation)
            {
                current = current.Parent;
            }

            current = current?.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Select" } select } }
                ? select.Parent
                : null;
        }

        current = PastElementContainers(current);
        if (current is IInvocationOperation { TargetMethod: { Name: "WhenAll", ContainingType.Name: "Task", IsStatic: true } } all)
        {
            return all;
        }

        // var tasks = new[] { client.GetAsync(a), client.GetAsync(b) }; tasks.Add(client.GetAsync(u)); then Task.WhenAll(tasks):
        // a local collection of tasks whose only other use is that one call.
        var collection = current switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !IsUsingDeclarator(declarator) => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } => list.Local,
            _ => null,
        };
        return collection is { IsRef: false } ? OnlyWhenAllOf(value.Root(), collection) : null;
    }

    /// <summary>
    /// Up from an element through what only holds it on the way to a call: conversions, array and collection expressions
    /// (<c>[a, b]</c>, <c>[.. query]</c>, and the implicit collection of a <c>params ReadOnlySpan</c> argument, which
    /// <c>Task.WhenAll</c> has from .NET 9), arguments, <c>ToArray</c> / <c>ToList</c> of a query, and a list's own
    /// <c>ToArray</c> (<c>Task.WhenAll(tasks.ToArray())</c>).
    /// </summary>
    private static IOperation? PastElementContainers(IOperation? current)
    {
        while (current is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation or IArgumentOperation ||
               current is not null && (current.Kind == CollectionExpressionKind || current.Kind == SpreadKind || IsCollectionExpressionBefore49(current)) ||
               current is IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList", TargetMethod.ContainingType.Name: "Enumerable" } ||
               current is IInvocationOperation { TargetMethod: { Name: "ToArray", ContainingType: { Name: "List", ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } } } } })
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>Roslyn 4.8 (Visual Studio 17.8, the .NET 8 SDK) gives a collection expression and its spread no operation kind.</summary>
    private static bool IsCollectionExpressionBefore49(IOperation operation) =>
        operation.Kind == OperationKind.None && operation.Syntax is CollectionExpressionSyntax or SpreadElementSyntax;

    /// <summary>The one <c>Task.WhenAll</c> the local collection is handed to, when every other reference only fills it.</summary>
    private static IInvocationOperation? OnlyWhenAllOf(IOperation root, ILocalSymbol collection)
    {
        if (References(root, collection) is not { } references)
        {
            return null;
        }

        IInvocationOperation? found = null;
        foreach (var reference in references)
        {
            switch (reference.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add" } add when add.Instance == reference:
                    continue;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    continue;
            }

            if (PastElementContainers(reference.Parent) is IInvocationOperation { TargetMethod: { Name: "WhenAll", ContainingType.Name: "Task", IsStatic: true } } all &&
                (found is null || found == all))
            {
                found = all;
                continue;
            }

            return null;
        }

        return found;
    }

    /// <summary>A reference to the array that only reads it: a <c>foreach</c>, a reading LINQ query, an element or its length.</summary>
    private static bool OnlyRead(IOperation reference)
    {
        var current = reference;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation:
                    current = parent;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation query } when IsReadingQuery(query):
                    current = query;
                    continue;
                case IInvocationOperation query when query.Instance == current && IsReadingQuery(query):
                    current = query;
                    continue;
                case IForEachLoopOperation loop when loop.Collection == current:
                    return true;
                case IArrayElementReferenceOperation element when element.ArrayReference == current:
                    return element.Parent is IPropertyReferenceOperation or IMemberReferenceOperation;
                case IPropertyReferenceOperation { Property.Name: "Length" or "Count" }:
                    return true;
                default:
                    // A query's scalar result (Any, Count, First(...).StatusCode) reads; anything else hands the array on.
                    return current is IInvocationOperation { Type: { } type } && (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 ||
                                                                                  parent is IPropertyReferenceOperation or IMemberReferenceOperation);
            }
        }
    }

    private static bool IsReadingQuery(IInvocationOperation query) =>
        query.TargetMethod.ContainingType?.Name == "Enumerable" && System.Array.IndexOf(s_readingQueries, query.TargetMethod.Name) >= 0;

    private static bool DisposesAResponse(IOperation root, WellKnownTypes types) =>
        root.Descendants().Any(operation => operation switch
        {
            IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close", Instance: { } instance } => types.IsResponse(instance.Type) || instance.Type is IArrayTypeSymbol,
            IUsingOperation { Resources: var resources } => resources.Descendants().Prepend(resources).Any(r => types.IsResponse(r.Type)),
            IUsingDeclarationOperation { DeclarationGroup: var group } => group.Declarations.SelectMany(d => d.Declarators).Any(d => types.IsResponse(d.Symbol.Type)),
            _ => false,
        });
}
