using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>A response handed out inside a tuple and deconstructed into a local: <c>var (response, retries) = await SendAsync(request);</c>.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>
    /// The verdict on the response element of the tuple <paramref name="produced"/> returns, when the call's value is
    /// deconstructed on the spot, thrown away whole, read for one element on the spot, or kept whole in a local this member
    /// only reads; null when the tuple
    /// holds no response, more than one, or goes anywhere else (then whoever gets it decides, and nothing is reported).
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

        if (value.Parent is IFieldReferenceOperation { Field: var readElement } elementRead && elementRead.Instance == value)
        {
            // '(await PostRequestAsync<T>(route, body)).Item1': one element read on the spot, the rest of the tuple dropped; the
            // response element read this way goes where that read goes.
            return types.IsResponse(readElement.Type)
                ? Analyze(elementRead, ResourceKind.Response, types, ownership, cancellationToken)
                : new DisposalVerdict(ValueFate.Discarded, value);
        }

        if (KeptWholeIn(value) is { } kept)
        {
            // 'var res = await GetJournalAsync(...); var text = await res.message.Content.ReadAsStringAsync();'
            // Only a method of this compilation that makes the response it hands out (OwnershipSummaries.ReturnsNewResponseInside,
            // or, where its sends do not bind, read from its returns).
            return (ownership.ReturnsNewResponseInside(produced.TargetMethod) || ReturnsItsOwnLocalResponse(produced.TargetMethod, index, cancellationToken)) &&
                   IsResponseElementOnlyRead(value, kept, types, cancellationToken)
                ? new DisposalVerdict(ValueFate.NotDisposed, value, kept)
                : null;
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
    /// Read from <paramref name="method"/>'s declaration alone, for a helper whose sends do not bind (folder mode without a
    /// policy package: <c>await policy.ExecuteAsync(() =&gt; hc.GetAsync(url))</c>): every <c>return</c> of its own body hands back,
    /// in the response's place of the tuple, <c>null</c> / <c>default</c>, a response it builds there (which holds no
    /// connection) or a local it declares, and at least one such local; a field, a property or a parameter (a response it
    /// keeps or was given) refuses.
    /// </summary>
    private static bool ReturnsItsOwnLocalResponse(IMethodSymbol method, int index, CancellationToken cancellationToken)
    {
        if (OwnershipSummaries.ResponsesReturned(method.ReducedFrom ?? method.OriginalDefinition, index, cancellationToken) is not var (body, returned))
        {
            return false;
        }

        var locals = new HashSet<string>(body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<VariableDeclaratorSyntax>().Select(static declarator => declarator.Identifier.ValueText), StringComparer.Ordinal);
        return OwnershipSummaries.EveryReturnIsOneOf(returned, locals);
    }

    /// <summary>The local a tuple is kept whole in: <c>var res = await M();</c> or <c>res = await M();</c>.</summary>
    private static ILocalSymbol? KeptWholeIn(IOperation value) => value.Parent switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false } declared } } => declared,
        ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: { IsRef: false } assigned }, Parent: IExpressionStatementOperation } assignment
            when assignment.Value == value => assigned,
        _ => null,
    };

    /// <summary>
    /// True when every use of the tuple local <paramref name="kept"/> (a lambda's included) reads an element that is not the response, writes the local anew (each new value is decided where it is made), or reads the
    /// response element only for its members (<c>res.message.Content</c>, <c>res.message.StatusCode</c>, a call on it that
    /// returns no response) or to compare it (with null, mostly). Nothing disposes the response, returns, stores, hands on or
    /// deconstructs the tuple or its response, so no path disposes it: a path whose tuple held no response
    /// (<c>(HttpStatusCode.OK, null)</c>) has nothing to dispose, and every other drops it.
    /// </summary>
    private static bool IsResponseElementOnlyRead(IOperation value, ILocalSymbol kept, WellKnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var operation in value.Root().Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, kept) ||
                reference.IsDeclaration)
            {
                continue;
            }

            switch (reference.Parent)
            {
                case ISimpleAssignmentOperation write when write.Target == reference && write.Parent is IExpressionStatementOperation:
                    continue;
                case IFieldReferenceOperation { Field: var element } read when read.Instance == reference:
                    if (types.IsResponse(element.Type) && !IsReadForItsMembers(read, types))
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }

        return true;
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
