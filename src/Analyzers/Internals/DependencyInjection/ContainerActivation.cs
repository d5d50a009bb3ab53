using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Whether the container builds a type itself, choosing a public constructor and filling its parameters
/// from the registered services, or calls a function with its parameters filled the same way. The
/// "Inject IHttpClientFactory" fix asks it before it adds a constructor or handler parameter: only there
/// does a new parameter receive the factory.
/// </summary>
/// <remarks>
/// Evidence, in order: ASP.NET Core controllers, Razor Pages models and hubs (<see cref="FrameworkOwners"/>);
/// Azure Functions isolated-worker classes (a <c>[Function]</c> method); registrations that let the container
/// construct the type (<see cref="ServiceRegistrations.ActivatedTypes"/>: <c>AddScoped&lt;IX, X&gt;()</c>,
/// <c>AddHostedService&lt;X&gt;()</c>, <c>AddTransient(typeof(X))</c>, not factory lambdas or instances);
/// <c>UseMiddleware&lt;X&gt;()</c>. Registrations are looked for in the files that spell the type's name.
/// Built per compilation on demand (a code fix asks once per light bulb); nothing here runs in the analyzers.
/// </remarks>
internal sealed class ContainerActivation
{
    private readonly Compilation _compilation;
    private readonly WellKnownTypes _types;
    private readonly FrameworkOwners _frameworks;
    private readonly INamedTypeSymbol? _functionAttribute;
    private readonly INamedTypeSymbol? _endpointRouteBuilder;
    private readonly INamedTypeSymbol? _applicationBuilder;

    private ContainerActivation(Compilation compilation, WellKnownTypes types)
    {
        _compilation = compilation;
        _types = types;
        _frameworks = FrameworkOwners.Create(compilation);
        _functionAttribute = compilation.GetTypeByMetadataName(WellKnownTypeNames.FunctionAttribute);
        _endpointRouteBuilder = compilation.GetTypeByMetadataName(WellKnownTypeNames.EndpointRouteBuilder);
        _applicationBuilder = compilation.GetTypeByMetadataName(WellKnownTypeNames.ApplicationBuilder);
    }

    public static ContainerActivation Create(Compilation compilation, WellKnownTypes types) => new(compilation, types);

    /// <summary>
    /// Why the container constructs <paramref name="type"/> itself (for tests and titles), or null when
    /// nothing in the compilation says so. Abstract and static classes, structs and records never qualify.
    /// </summary>
    public string? WhyConstructed(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsRecord)
        {
            return null;
        }

        if (_frameworks.ConstructorInjectedKind(type) is { } kind)
        {
            return kind;
        }

        if (IsFunctionsClass(type))
        {
            return "an Azure Functions class, created per invocation";
        }

        var definition = type.OriginalDefinition;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!tree.Mentions(type.Name, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || invocation.InvokedName() is not { } name || !SpellsName(invocation, type.Name))
                {
                    continue;
                }

                var isMiddleware = name == "UseMiddleware";
                if (!isMiddleware && ServiceRegistrations.KindFromName(name) is RegistrationKind.Configuration)
                {
                    continue;
                }

                model ??= _compilation.ModelFor(tree);
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    continue;
                }

                var activated = isMiddleware
                    ? method.ReceiverType() is { } receiver && receiver.Implements(_applicationBuilder) ? MiddlewareTypes(invocation, method, model, cancellationToken) : null
                    : ServiceRegistrations.Classify(name, method, _types) is RegistrationKind.Singleton or RegistrationKind.Scoped or RegistrationKind.Transient or RegistrationKind.TypedClient
                        ? ServiceRegistrations.ActivatedTypes(invocation, method, model, cancellationToken)
                        : null;
                foreach (var candidate in activated ?? [])
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
                    {
                        return (isMiddleware ? "middleware added by '" : "registered by '") + name + "' in '" + invocation.EnclosingMemberName() + "'";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A delegate argument of a minimal API endpoint (<c>app.MapGet("/", handler)</c>, any
    /// <c>IEndpointRouteBuilder</c> method taking a <c>Delegate</c>): its parameters that are services
    /// are filled from the container on every request.
    /// </summary>
    public bool IsEndpointHandlerArgument(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (_endpointRouteBuilder is null ||
            argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } ||
            model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
            method.ReceiverType() is not { } receiver ||
            !receiver.Implements(_endpointRouteBuilder))
        {
            return false;
        }

        var index = invocation.ArgumentList.Arguments.IndexOf(argument);
        IParameterSymbol? parameter = null;
        if (argument.NameColon is { } nameColon)
        {
            foreach (var candidate in method.Parameters)
            {
                if (candidate.Name == nameColon.Name.Identifier.ValueText)
                {
                    parameter = candidate;
                }
            }
        }
        else if (index >= 0 && index < method.Parameters.Length)
        {
            parameter = method.Parameters[index];
        }

        return parameter?.Type.SpecialType == SpecialType.System_Delegate;
    }

    private bool IsFunctionsClass(INamedTypeSymbol type)
    {
        if (_functionAttribute is null)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsStatic: false } method)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _functionAttribute))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary><c>app.UseMiddleware&lt;X&gt;(args)</c> and <c>app.UseMiddleware(typeof(X), args)</c>: the middleware's constructor is filled from the container.</summary>
    private static IEnumerable<INamedTypeSymbol> MiddlewareTypes(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.TypeArguments.Length == 1 && method.TypeArguments[0] is INamedTypeSymbol generic)
        {
            yield return generic;
        }
        else if (invocation.ArgumentList.Arguments.Count > 0 &&
                 invocation.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax typeOf &&
                 model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol type)
        {
            yield return type;
        }
    }

    private static bool SpellsName(InvocationExpressionSyntax invocation, string name)
    {
        foreach (var token in invocation.DescendantTokens())
        {
            if (token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }
}
