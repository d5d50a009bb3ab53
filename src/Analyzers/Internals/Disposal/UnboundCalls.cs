using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Code that does not fully bind (half-typed in the IDE, a missing package in folder mode): when overload
/// resolution fails but every candidate is a method the rule tracks and all of them return the same type,
/// the call is decided by that type. When the receiver does not bind at all (no candidates: a base type from a
/// missing package), a well-known HttpClient call whose value the code keeps in a local or field it declares as
/// a response is decided by that declared type. Candidates that disagree, no candidates and no declared type
/// (<c>var</c>), or a call the parser could not read (missing tokens) decide nothing.
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

    /// <summary>
    /// <c>HttpResponseMessage response = await _client.HttpClient.SendAsync(request).ConfigureAwait(false);</c> where
    /// <c>_client</c>'s base type comes from a package folder mode lacks: the call has no candidates, but the code
    /// declares what it gets back. The compiler's invalid operation for the call when <paramref name="declaredAs"/>
    /// accepts the type of the local or field the value lands in (through <c>await</c>, <c>ConfigureAwait</c>,
    /// <c>.Result</c> and parentheses); null when anything on the way is not one of those, or the target is <c>var</c>.
    /// </summary>
    public static IOperation? ProducedIntoDeclaredTarget(SemanticModel model, InvocationExpressionSyntax invocation, Func<ITypeSymbol, bool> declaredAs, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is not null || !info.CandidateSymbols.IsDefaultOrEmpty || invocation.ContainsDiagnostics ||
            invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver } ||
            model.GetTypeInfo(receiver, cancellationToken).Type is not (null or { TypeKind: TypeKind.Error }))
        {
            return null;
        }

        return DeclaredTargetType(model, invocation, cancellationToken) is { } declared && declaredAs(declared) &&
               model.GetOperation(invocation, cancellationToken) is IInvalidOperation invalid
            ? invalid
            : null;
    }

    /// <summary>
    /// <c>await httpClient.PostAsJsonAsync(url, body)</c> where the package that declares the extension is missing (folder
    /// mode): the receiver is an HttpClient, the call has no candidates at all, and every package that declares these
    /// names returns a <c>Task&lt;HttpResponseMessage&gt;</c>. The compiler's invalid operation for the call, or null.
    /// </summary>
    public static IOperation? ProducedByMissingExtension(SemanticModel model, InvocationExpressionSyntax invocation, Func<ITypeSymbol, bool> isClient, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        return info.Symbol is null && info.CandidateSymbols.IsDefaultOrEmpty && !invocation.ContainsDiagnostics &&
               invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } &&
               model.GetTypeInfo(receiver, cancellationToken).Type is { } receiverType && isClient(receiverType) &&
               model.GetOperation(invocation, cancellationToken) is IInvalidOperation invalid
            ? invalid
            : null;
    }

    /// <summary>
    /// The type the code declares for the value of <paramref name="invocation"/>: the local (not <c>var</c>) it initializes,
    /// or the local or field it is assigned to, through <c>await</c>, <c>ConfigureAwait</c>, <c>.Result</c> and parentheses.
    /// </summary>
    public static ITypeSymbol? DeclaredTargetType(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        ExpressionSyntax value = invocation;
        while (true)
        {
            switch (value.Parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax:
                    value = (ExpressionSyntax)value.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result when result.Expression == value && result.Parent is not InvocationExpressionSyntax:
                    value = result;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure when configure.Expression == value && configure.Parent is InvocationExpressionSyntax configured:
                    value = configured;
                    continue;
            }

            break;
        }

        return value.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } } => model.GetTypeInfo(type, cancellationToken).Type,
            AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == value =>
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol switch
                {
                    ILocalSymbol local => local.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                },
            _ => null,
        };
    }
}
