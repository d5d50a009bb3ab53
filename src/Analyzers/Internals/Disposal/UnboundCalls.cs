using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Code that does not fully bind (half-typed in the IDE, a missing package in folder mode): when overload
/// resolution fails but every candidate is a method the rule tracks and all of them return the same type,
/// the call is decided by that type. Candidates that disagree, no candidates at all, or a call the parser
/// could not read (missing tokens) decide nothing.
/// </summary>
internal static class UnboundCalls
{
    /// <summary>
    /// The operation that produces the value of <paramref name="invocation"/> and the name of the method it
    /// calls: the invocation itself when it binds to a method <paramref name="accepts"/>; when it does not
    /// bind, the compiler's invalid operation, as long as every candidate is accepted and returns one type.
    /// </summary>
    public static IOperation? Produced(SemanticModel model, InvocationExpressionSyntax invocation, Func<IMethodSymbol, bool> accepts, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return accepts(method) && model.GetOperation(invocation, cancellationToken) is IInvocationOperation produced ? produced : null;
        }

        if (info.CandidateReason is not (CandidateReason.OverloadResolutionFailure or CandidateReason.Ambiguous) ||
            info.CandidateSymbols.IsDefaultOrEmpty || invocation.ContainsDiagnostics)
        {
            return null;
        }

        ITypeSymbol? agreed = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol candidateMethod || !accepts(candidateMethod) ||
                (agreed is not null && !SymbolEqualityComparer.Default.Equals(agreed, candidateMethod.ReturnType)))
            {
                return null;
            }

            agreed = candidateMethod.ReturnType;
        }

        return model.GetOperation(invocation, cancellationToken) is IInvalidOperation invalid &&
               (invalid.Type is null || invalid.Type.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(invalid.Type, agreed))
            ? invalid
            : null;
    }
}
