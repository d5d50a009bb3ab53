using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>The operation-tree questions the rules share: the same value under conversions, the member's root, containment.</summary>
internal static class OperationExtensions
{
    /// <summary>The operand under any number of conversions (implicit or explicit): the same value.</summary>
    public static IOperation? SkipConversions(this IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary><c>null</c> or <c>default</c>, under any conversions: no object at all.</summary>
    public static bool IsNullConstant(this IOperation? operation) =>
        operation.SkipConversions() is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation;

    /// <summary>
    /// The awaited value under <c>await</c> and <c>.ConfigureAwait(...)</c> (and conversions): <c>await GetAsync(u).ConfigureAwait(false)</c>
    /// gives the <c>GetAsync</c> call.
    /// </summary>
    public static IOperation? SkipAwaits(this IOperation? operation)
    {
        operation = operation.SkipConversions();
        while (operation is IAwaitOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: not null })
        {
            operation = (operation is IAwaitOperation awaited ? awaited.Operation : ((IInvocationOperation)operation).Instance).SkipConversions();
        }

        return operation;
    }

    /// <summary>
    /// <see cref="SkipAwaits"/>, and also through the blocking reads of a task, <c>.Result</c> and <c>.GetAwaiter().GetResult()</c>
    /// (<c>return response.Content.ReadAsStreamAsync(token).Result;</c> in a method that blocks on its calls): the task read.
    /// </summary>
    public static IOperation? SkipTaskReads(this IOperation? operation, WellKnownTypes types)
    {
        while (true)
        {
            operation = operation.SkipAwaits();
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task } when types.TaskResult(task.Type) is not null:
                    operation = task;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited } }:
                    operation = awaited;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The outermost operation that is still <paramref name="operation"/>'s value: up through conversions and parentheses
    /// (its <c>Parent</c> is then the first operation that uses the value).
    /// </summary>
    public static IOperation WithEnclosingConversions(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>
    /// The variable <paramref name="operation"/> reads or writes: a local, or a by-value parameter (a local its caller
    /// initialised, which an assignment replaces in this function only); null for anything else, ref and out parameters included.
    /// </summary>
    public static ISymbol? ReferencedVariable(this IOperation? operation) => operation switch
    {
        ILocalReferenceOperation reference => reference.Local,
        IParameterReferenceOperation { Parameter.RefKind: RefKind.None } reference => reference.Parameter,
        _ => null,
    };

    /// <summary>Whether <paramref name="operation"/> reads or writes <paramref name="variable"/> (see <see cref="ReferencedVariable"/>).</summary>
    public static bool RefersTo(this IOperation? operation, ISymbol? variable) =>
        variable is not null && SymbolEqualityComparer.Default.Equals(operation.ReferencedVariable(), variable);

    /// <summary>The root of the operation tree <paramref name="operation"/> belongs to: the member's body.</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    public static bool IsWithin(this IOperation operation, IOperation container)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == container)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lambda or local function <paramref name="operation"/> is in, nearest first; null in the member itself.</summary>
    public static IMethodSymbol? EnclosingFunction(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation local:
                    return local.Symbol;
            }
        }

        return null;
    }

    /// <summary>True inside a lambda or local function (a <c>return</c> there leaves that function, not the member).</summary>
    public static bool IsInsideFunction(this IOperation operation) => operation.EnclosingFunction() is not null;
}
