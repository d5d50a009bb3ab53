using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Autofac's registrations (<c>builder.RegisterType&lt;StatusService&gt;().As&lt;IStatusService&gt;().InstancePerLifetimeScope()</c>):
/// the lifetime is the last lifetime call of the fluent chain, and Autofac's default is a new instance per dependency.
/// A registration that binds must be Autofac's; one that does not bind (folder mode without the package) counts only
/// when its chain names an Autofac lifetime, so that a method called <c>Register</c> of anything else is never read as one.
/// </summary>
internal static class AutofacRegistrations
{
    /// <summary>The names of Autofac's registration calls that name or create the implementation type.</summary>
    public static bool IsRegistrationName(string name) => name is "RegisterType" or "Register";

    /// <summary>How <paramref name="registration"/> (a <see cref="IsRegistrationName"/> call) lets instances live; None when it is not Autofac's.</summary>
    public static RegistrationKind Lifetime(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        var lifetime = registration.LastChainedCall(static name =>
            name is "SingleInstance" or "InstancePerLifetimeScope" or "InstancePerRequest" or "InstancePerMatchingLifetimeScope" or "InstancePerOwned" or "InstancePerDependency");

        var info = model.GetSymbolInfo(registration, cancellationToken);
        if (info.Symbol is IMethodSymbol method ? !IsAutofac(method) : lifetime is null)
        {
            return RegistrationKind.None;
        }

        return lifetime switch
        {
            "SingleInstance" => RegistrationKind.Singleton,
            "InstancePerLifetimeScope" or "InstancePerRequest" or "InstancePerMatchingLifetimeScope" or "InstancePerOwned" => RegistrationKind.Scoped,
            _ => RegistrationKind.Transient,
        };
    }

    /// <summary>
    /// One instance for the container's life: <c>RegisterType&lt;X&gt;().SingleInstance()</c>,
    /// <c>Register(c =&gt; new X(...)).SingleInstance()</c>, or Autofac's <c>RegisterInstance(x)</c> (bound only).
    /// </summary>
    public static bool IsSingleInstance(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken) =>
        registration.InvokedName() switch
        {
            "RegisterInstance" => model.GetSymbolInfo(registration, cancellationToken).Symbol is IMethodSymbol method && IsAutofac(method.ReducedFrom ?? method),
            { } name when IsRegistrationName(name) => Lifetime(registration, model, cancellationToken) == RegistrationKind.Singleton,
            _ => false,
        };

    /// <summary>The implementation types a registration names: <c>RegisterType&lt;X&gt;()</c>, <c>RegisterType(typeof(X))</c>, <c>Register(c =&gt; new X(...))</c>.</summary>
    public static IEnumerable<INamedTypeSymbol> RegisteredTypes(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        var invoked = registration.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (invoked is GenericNameSyntax { TypeArgumentList.Arguments: { Count: > 0 } typeArguments } &&
            model.GetTypeInfo(typeArguments[typeArguments.Count - 1], cancellationToken).Type is INamedTypeSymbol named)
        {
            yield return named;
        }

        foreach (var argument in registration.ArgumentList.Arguments)
        {
            if (argument.Expression is TypeOfExpressionSyntax typeOf && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol type)
            {
                yield return type;
            }
            else if (argument.Expression is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody?.Unwrap() is BaseObjectCreationExpressionSyntax creation &&
                     SyntaxGates.CreatedType(creation, model, cancellationToken) is INamedTypeSymbol created)
            {
                yield return created;
            }
        }
    }

    private static bool IsAutofac(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "Autofac" || ns.StartsWith("Autofac.", System.StringComparison.Ordinal));
}
