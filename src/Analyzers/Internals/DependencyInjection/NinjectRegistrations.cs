using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Ninject's bindings (<c>Kernel.Bind&lt;IApiService&gt;().To&lt;ApiService&gt;().InRequestScope()</c>,
/// <c>kernel.Bind&lt;Rate&gt;().ToSelf()</c>): the scope is the last <c>In...Scope()</c> call of the fluent chain, and Ninject's
/// default is a new instance per resolution (transient). The registration is the <c>To&lt;T&gt;()</c> or <c>ToSelf()</c> call
/// of a chain that starts at a <c>Bind&lt;...&gt;()</c> call. One that binds must be Ninject's; one that does not bind (folder
/// mode without the package, common in the .NET Framework web projects Ninject serves) counts only when its chain names a
/// Ninject scope, so that a <c>To&lt;T&gt;()</c> of anything else is never read as one.
/// </summary>
internal static class NinjectRegistrations
{
    /// <summary>A <c>To&lt;X&gt;()</c> or <c>ToSelf()</c> call made on a <c>Bind&lt;...&gt;()</c> call (read from the syntax alone).</summary>
    public static bool IsBinding(InvocationExpressionSyntax invocation) =>
        invocation.InvokedName() is "To" or "ToSelf" && Bind(invocation) is not null;

    /// <summary>How <paramref name="registration"/> (an <see cref="IsBinding"/> call) lets instances live; None when it is not Ninject's.</summary>
    public static RegistrationKind Lifetime(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Bind(registration) is null)
        {
            return RegistrationKind.None;
        }

        var scope = registration.LastChainedCall(IsScope);

        var info = model.GetSymbolInfo(registration, cancellationToken);
        if (info.Symbol is IMethodSymbol method ? !IsNinject(method) : scope is null)
        {
            return RegistrationKind.None;
        }

        return scope switch
        {
            "InSingletonScope" => RegistrationKind.Singleton,
            null or "InTransientScope" => RegistrationKind.Transient,
            _ => RegistrationKind.Scoped,
        };
    }

    /// <summary>The implementation type a binding names: <c>To&lt;X&gt;()</c>, or the bound type of <c>Bind&lt;X&gt;().ToSelf()</c>.</summary>
    public static IEnumerable<INamedTypeSymbol> RegisteredTypes(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        var generic = registration.InvokedName() == "ToSelf" ? Bind(registration) : registration;
        if (generic?.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: { Count: 1 } typeArguments } } &&
            model.GetTypeInfo(typeArguments[0], cancellationToken).Type is INamedTypeSymbol named)
        {
            yield return named;
        }
    }

    /// <summary>The <c>Bind&lt;...&gt;()</c> call <paramref name="registration"/> is made on; null when it is made on anything else.</summary>
    private static InvocationExpressionSyntax? Bind(InvocationExpressionSyntax registration) =>
        registration.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax bind } &&
        bind.InvokedName() == "Bind" && bind.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax } or GenericNameSyntax
            ? bind
            : null;

    private static bool IsScope(string name) =>
        name is "InSingletonScope" or "InTransientScope" or "InRequestScope" or "InThreadScope" or "InCallScope" or "InParentScope" or "InScope" or "InNamedScope";

    private static bool IsNinject(IMethodSymbol method) =>
        (method.ReducedFrom ?? method).ContainingNamespace?.ToDisplayString() is { } ns && (ns == "Ninject" || ns.StartsWith("Ninject.", System.StringComparison.Ordinal));
}
