using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// MvvmCross's container (<c>Mvx.RegisterType&lt;IFeedService, FeedService&gt;()</c>, <c>Mvx.IoCProvider.RegisterType(...)</c>
/// since MvvmCross 6): <c>RegisterType</c> builds a new instance on every resolution (every <c>Mvx.Resolve&lt;T&gt;()</c> and
/// every constructor that takes the service), <c>RegisterSingleton</c>, <c>ConstructAndRegisterSingleton</c> and
/// <c>LazyConstructAndRegisterSingleton</c> one for the app. A registration that binds must be MvvmCross's (its
/// <c>MvvmCross</c> or older <c>Cirrious</c> namespaces); one that does not bind (folder mode without the package, common in
/// Xamarin apps) counts only when it is made on <c>Mvx</c> or <c>Mvx.IoCProvider</c>, so that a <c>RegisterType</c> of
/// anything else (Autofac's, Unity's) is never read as one.
/// </summary>
internal static class MvvmCrossRegistrations
{
    /// <summary>How <paramref name="registration"/> lets instances live; None when it is not an MvvmCross registration.</summary>
    public static RegistrationKind Lifetime(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        var kind = registration.InvokedName() switch
        {
            "RegisterType" => RegistrationKind.Transient,
            "RegisterSingleton" or "ConstructAndRegisterSingleton" or "LazyConstructAndRegisterSingleton" => RegistrationKind.Singleton,
            _ => RegistrationKind.None,
        };
        if (kind == RegistrationKind.None || registration.Expression is not MemberAccessExpressionSyntax { Expression: var receiver })
        {
            return RegistrationKind.None;
        }

        return model.GetSymbolInfo(registration, cancellationToken).Symbol is IMethodSymbol method
            ? IsMvvmCross(method.ReducedFrom ?? method) ? kind : RegistrationKind.None
            : IsWrittenOnMvx(receiver) ? kind : RegistrationKind.None;
    }

    /// <summary>
    /// The implementation type a registration names: the last type argument (<c>RegisterType&lt;IX, X&gt;()</c>) or the last
    /// <c>typeof</c> (<c>RegisterType(typeof(IX), typeof(X))</c>). A factory lambda's <c>new X(...)</c>
    /// (<c>RegisterType&lt;IX&gt;(() =&gt; new X(...))</c>) is a creation of its own, decided where it is written.
    /// </summary>
    public static IEnumerable<INamedTypeSymbol> RegisteredTypes(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? found = null;
        foreach (var argument in registration.ArgumentList.Arguments)
        {
            if (argument.Expression is TypeOfExpressionSyntax typeOf && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol type)
            {
                found = type;
            }
        }

        if (found is null && registration.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: { Count: > 0 } typeArguments } } &&
            model.GetTypeInfo(typeArguments[typeArguments.Count - 1], cancellationToken).Type is INamedTypeSymbol named)
        {
            found = named;
        }

        if (found is not null)
        {
            yield return found;
        }
    }

    /// <summary><c>Mvx</c> or <c>Mvx.IoCProvider</c> (also namespace-qualified: <c>MvvmCross.Mvx.IoCProvider</c>).</summary>
    private static bool IsWrittenOnMvx(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax { Identifier.ValueText: "Mvx" } => true,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Mvx" } => true,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IoCProvider", Expression: var holder } => IsWrittenOnMvx(holder),
        _ => false,
    };

    private static bool IsMvvmCross(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString() is { } ns &&
        (ns == "MvvmCross" || ns.StartsWith("MvvmCross.", System.StringComparison.Ordinal) || ns.StartsWith("Cirrious.", System.StringComparison.Ordinal));
}
