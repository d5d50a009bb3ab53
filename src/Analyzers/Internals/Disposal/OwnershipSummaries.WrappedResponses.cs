using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Methods of this compilation that hand out a response they make inside a result object that does not dispose it
/// (Box SDK's <c>ExecuteRequest</c>: <c>var response = await client.SendAsync(...); return Result&lt;HttpResponseMessage&gt;.Ok(response);</c>).
/// The response is the caller's as soon as it reads it out of the result (<c>var response = result.Value;</c>).
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsWrappedNew = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation with a body, makes a response (a call that returns
    /// one, or a task of one) and hands it to its caller inside the object it returns (through locals, a constructor, or a
    /// factory whose summary is <see cref="ParameterOwnership.ReturnsWrapped"/>), and disposes none of the responses it makes.
    /// </summary>
    public bool ReturnsNewResponseInside(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        return definition.HasOneDeclarationIn(_compilation) && _returnsWrappedNew.GetOrAdd(definition, SummarizeWrappedReturns);
    }

    private bool SummarizeWrappedReturns(IMethodSymbol method)
    {
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) ||
            _compilation.ModelFor(declaration.SyntaxTree).GetOperation(declaration) is not { } body)
        {
            return false;
        }

        if (body.Descendants().Any(operation => operation is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } store &&
                                                target is IFieldReferenceOperation or IPropertyReferenceOperation &&
                                                target.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } &&
                                                _types.IsResponse(store.Value.Type)))
        {
            // It keeps a response in a member too: what the caller reads out of the result is not the caller's alone. A member
            // set in the result's own object initializer (new ApiResponse { Raw = response }) is the result, not a store.
            return false;
        }

        var handsOut = false;
        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
        {
            if (call.IsInsideFunction())
            {
                continue;
            }

            if (!_types.IsResponseOrTaskOfResponse(call.Type))
            {
                // return await SendWithRetriesAsync(request, ct); a result another factory of the compilation built, handed on as
                // it is (a call of it that does anything else is decided where it is made).
                handsOut |= HandsOnAResultFactorysResult(call, method);
                continue;
            }

            if (!DisposalAnalysis.HandsOutInsideResult(call, _types, this))
            {
                // A response this method drops, disposes or keeps in a way not followed here: not a result factory.
                return false;
            }

            handsOut = true;
        }

        return handsOut;
    }

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_wrappedReturnSummaries;

    /// <summary>
    /// <paramref name="call"/> (made in <paramref name="caller"/>) calls a method that returns a new response inside its result,
    /// not through an override, and <paramref name="caller"/> returns that result as it is (awaited or not, configured with
    /// <c>ConfigureAwait(false)</c> or not: Fern's generated <c>return await SendWithRetriesAsync(...).ConfigureAwait(false);</c>). A method already
    /// being summarised on this thread, as in recursion, counts as no such factory.
    /// </summary>
    private bool HandsOnAResultFactorysResult(IInvocationOperation call, IMethodSymbol caller)
    {
        if (call.IsVirtual || DisposalAnalysis.OutermostAwaited(call).WithEnclosingConversions().Parent is not IReturnOperation)
        {
            return false;
        }

        var summarizing = t_wrappedReturnSummaries ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!summarizing.Add(caller.OriginalDefinition))
        {
            return false;
        }

        try
        {
            var callee = call.TargetMethod.ReducedFrom ?? call.TargetMethod.OriginalDefinition;
            return ReturnsNewResponseInside(callee);
        }
        finally
        {
            summarizing.Remove(caller.OriginalDefinition);
        }
    }
}
