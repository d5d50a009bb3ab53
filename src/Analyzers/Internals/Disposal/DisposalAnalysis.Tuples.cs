using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>A response handed out inside a tuple and deconstructed into a local: <c>var (response, retries) = await SendAsync(request);</c>.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>
    /// The verdict on the response element of the tuple <paramref name="produced"/> returns, when the call's value is
    /// deconstructed on the spot or thrown away whole; null when the tuple holds no response, more than one, or is kept
    /// whole (then whoever reads the tuple decides, and nothing is reported).
    /// </summary>
    public static DisposalVerdict? AnalyzeDeconstructed(IInvocationOperation produced, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        if (ResponseElement(produced.Type, types) is not { } index)
        {
            return null;
        }

        var value = OutermostAwaited(produced);

        if (value.Parent is IExpressionStatementOperation ||
            (value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Value == value))
        {
            // 'await ExecuteAsync(request);' or '_ = ...': the whole tuple, response included, is thrown away.
            return new DisposalVerdict(ValueFate.Discarded, value);
        }

        if (value.Parent is not IDeconstructionAssignmentOperation deconstruction || deconstruction.Value != value)
        {
            return null;
        }

        var target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is not ITupleOperation elements || index >= elements.Elements.Length)
        {
            return null;
        }

        var element = elements.Elements[index] is IDeclarationExpressionOperation declared ? declared.Expression : elements.Elements[index];
        switch (element)
        {
            case IDiscardOperation:
                return new DisposalVerdict(ValueFate.Discarded, value);
            case ILocalReferenceOperation { Local: { IsRef: false } local }:
                // Only "never disposed" is trusted: a tuple's elements are tied together in ways the walk does not see
                // ('(null, url, error)' on every failure path), so a path that drops the response may be one that never had one.
                var fate = AnalyzeLocal(value, local, ResourceKind.Response, types, ownership, cancellationToken, out _, out _);
                return fate is ValueFate.DroppedOnSomePath or ValueFate.NotDisposedOnEveryPath
                    ? new DisposalVerdict(ValueFate.Escapes, value, local)
                    : new DisposalVerdict(fate, value, local);
            default:
                return null;
        }
    }

    /// <summary>
    /// A tuple literal built as an argument (<c>Log(level, (Route: route, Response: response), null, format)</c>) for a call that
    /// only reads it: a logger's <c>Log</c>, whose state loggers format and never dispose, or a method of this compilation that
    /// takes it as an unconstrained type parameter (which it cannot dispose but by handing it on) and whose every use of it
    /// only reads it, as <see cref="OwnershipSummaries.OnlyReads"/> decides (one that returns or stores it does not). A parameter
    /// of a tuple type, whose elements the callee may dispose, is not decided here: the tuple is handed on.
    /// </summary>
    private static bool IsTupleOnlyReadByCall(ITupleOperation tuple, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var value = tuple.WithEnclosingConversions();
        if (value.Parent is not IArgumentOperation { Parameter: { RefKind: RefKind.None or RefKind.In } parameter, Parent: IInvocationOperation call })
        {
            return false;
        }

        return IsStateFormattingLog(call.TargetMethod) ||
               (parameter.OriginalDefinition.Type is ITypeParameterSymbol && ownership.OnlyReads(call.TargetMethod, parameter));
    }

    /// <summary>The position of the one HttpResponseMessage element of a tuple (or a task of one).</summary>
    public static int? ResponseElement(ITypeSymbol? type, WellKnownTypes types)
    {
        if ((types.TaskResult(type) ?? type) is not INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return null;
        }

        int? found = null;
        for (var i = 0; i < tuple.TupleElements.Length; i++)
        {
            if (types.IsResponse(tuple.TupleElements[i].Type))
            {
                if (found is not null)
                {
                    return null;
                }

                found = i;
            }
        }

        return found;
    }
}
