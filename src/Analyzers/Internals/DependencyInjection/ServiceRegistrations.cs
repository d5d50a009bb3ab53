using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>What a dependency-injection call does with what it registers, or with the delegates it is given.</summary>
internal enum RegistrationKind
{
    /// <summary>Not a call into the container.</summary>
    None,

    /// <summary><c>AddSingleton</c>, <c>TryAddSingleton</c>, keyed forms, <c>AddHostedService</c>: one instance per container.</summary>
    Singleton,

    /// <summary><c>AddScoped</c> and its forms: one instance per scope (per request in ASP.NET Core).</summary>
    Scoped,

    /// <summary><c>AddTransient</c> and its forms: one instance per resolution.</summary>
    Transient,

    /// <summary><c>AddHttpClient&lt;T&gt;</c>: T is a typed client, created per resolution; its configuration delegates run once per handler.</summary>
    TypedClient,

    /// <summary>Any other method of <c>IServiceCollection</c> / <c>IHttpClientBuilder</c> (<c>Configure</c>, <c>ConfigurePrimaryHttpMessageHandler</c>, ...).</summary>
    Configuration,
}

/// <summary>
/// The one classifier of service registrations. HCG001 / HCG002 ask it which lambdas run once per
/// container (a client created there is not per call) and how a registered owner type lives; HCG007
/// asks which values live as long as the container. The name decides the kind before binding; binding
/// confirms that the call is the container's.
/// </summary>
internal static class ServiceRegistrations
{
    private static readonly string[] s_containerNamespaces =
    {
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.DependencyInjection.Extensions",
    };

    /// <summary>
    /// Names that, on a call that does not bind, are taken to be the container's one-time calls:
    /// singleton registrations and the <c>IHttpClientBuilder</c> configuration methods, whose delegates
    /// run once per container or per handler lifetime. Used only in the quiet direction.
    /// </summary>
    private static readonly string[] s_unboundOneTimeNames =
    {
        "AddSingleton",
        "TryAddSingleton",
        "AddKeyedSingleton",
        "TryAddKeyedSingleton",
        "AddHttpClient",
        "ConfigurePrimaryHttpMessageHandler",
        "ConfigureHttpClient",
        "ConfigureHttpMessageHandlerBuilder",
        "ConfigureAdditionalHttpMessageHandlers",
        "AddHttpMessageHandler",
        "UseSocketsHttpHandler",

        // OpenTelemetry's IServiceCollection extensions: their delegates run when the provider is built.
        "ConfigureOpenTelemetryTracerProvider",
        "ConfigureOpenTelemetryMeterProvider",
        "ConfigureOpenTelemetryLoggerProvider",

        // Grpc.Net.ClientFactory: the client factory builds a channel per name and handler lifetime.
        "AddGrpcClient",
        "ConfigureChannel",
        "ConfigureGrpcClientCreator",
    };

    /// <summary>
    /// The kind a call of <paramref name="methodName"/> would be, from its name alone. A gate:
    /// <see cref="RegistrationKind.Configuration"/> here means "any other name", which binding narrows down.
    /// </summary>
    public static RegistrationKind KindFromName(string methodName)
    {
        if (methodName.IndexOf("Transient", StringComparison.Ordinal) >= 0)
        {
            return RegistrationKind.Transient;
        }

        if (methodName.IndexOf("Scoped", StringComparison.Ordinal) >= 0)
        {
            return RegistrationKind.Scoped;
        }

        if (methodName.IndexOf("Singleton", StringComparison.Ordinal) >= 0 || methodName == "AddHostedService")
        {
            return RegistrationKind.Singleton;
        }

        return methodName == "AddHttpClient" ? RegistrationKind.TypedClient : RegistrationKind.Configuration;
    }

    /// <summary>
    /// The kind of <paramref name="invocation"/>, bound (or read as <see cref="BoundOrOnlyCandidate"/> reads it): a registration
    /// (by name) made on a service collection or declared by the container's own namespaces (<c>ServiceDescriptor.Singleton</c>),
    /// or any other call on a service collection or HTTP client builder.
    /// </summary>
    public static RegistrationKind Classify(InvocationExpressionSyntax invocation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (invocation.InvokedName() is not { } name ||
            BoundOrOnlyCandidate(invocation, model, cancellationToken) is not IMethodSymbol method)
        {
            return RegistrationKind.None;
        }

        return Classify(name, method, types);
    }

    /// <summary>
    /// The method <paramref name="invocation"/> binds to, or, where overload resolution fails only because a type argument
    /// does not bind (<c>services.AddSingleton&lt;IDalamudServices, DalamudServices&gt;()</c> with the interface in a project
    /// folder mode does not load), the one candidate taking as many arguments as the call passes
    /// (<see cref="SemanticModelExtensions.BoundOrOnlyCandidate"/>), constructed with the written type arguments: the
    /// registration it is, read as its name and arguments say; where the call has no candidates because the
    /// fluent chain before it does not bind, the container's method a chain from a service collection reaches
    /// (<see cref="ContainerMethodAfterUnboundLinks"/>). Null for anything else.
    /// </summary>
    public static IMethodSymbol? BoundOrOnlyCandidate(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol bound)
        {
            return bound;
        }

        if (info.CandidateSymbols.IsEmpty)
        {
            return ContainerMethodAfterUnboundLinks(invocation, model, cancellationToken);
        }

        if (model.BoundOrOnlyCandidate(invocation, cancellationToken) is not { } only ||
            invocation.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: var written } })
        {
            return null;
        }

        // The registration read as its written type arguments say (the unbound ones stay error types).
        var typeArguments = new ITypeSymbol[written.Count];
        for (var i = 0; i < written.Count; i++)
        {
            if (model.GetTypeInfo(written[i], cancellationToken).Type is not { } type)
            {
                return null;
            }

            typeArguments[i] = type;
        }

        return SymbolEqualityComparer.Default.Equals(only.ConstructedFrom, only) ? only.Construct(typeArguments) : only;
    }

    /// <summary>The container's extension classes a registration named as a lifetime can be declared in.</summary>
    private static readonly string[] s_registrationClasses =
    {
        "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions",
        "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions",
        "Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions",
    };

    /// <summary>
    /// A registration whose receiver does not bind only because the fluent chain before it passes through calls that do not
    /// bind (<c>builder.Services.AddDiscordGateway().AddApplicationCommands().AddSingleton&lt;HttpClientService&gt;()</c> with
    /// the Discord library missing in folder mode): when what the links that fail to bind are called on is a service
    /// collection (the collection itself, or a link that binds and hands it back, <c>services.AddLogging().AddLavaNode(...)</c>), the call is the one container method of that name whose parameters fit the arguments (a lambda or
    /// method group a delegate, a <c>typeof</c> a <c>Type</c>, an instance the type parameter it infers when no type argument is
    /// written), reduced onto the service collection. Null when
    /// the nearest link binds (its type, not the container, decides what the call is), the first link that binds hands back
    /// anything but a service collection, or the container declares no such one method.
    /// </summary>
    private static IMethodSymbol? ContainerMethodAfterUnboundLinks(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var registered, Name: var name } ||
            KindFromName(name.Identifier.ValueText) is RegistrationKind.None or RegistrationKind.Configuration or RegistrationKind.TypedClient)
        {
            return null;
        }

        // Walk back over the links that do not bind, to the first thing that does: the service collection itself, or a
        // container call that hands it back (services.AddLogging().AddLavaNode(...).AddSingleton<IcecastService>(...)).
        var current = registered.Unwrap();
        var unboundLinks = 0;
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } } call &&
               model.GetSymbolInfo(call, cancellationToken).Symbol is null &&
               model.GetTypeInfo(call, cancellationToken).Type is null or { TypeKind: TypeKind.Error })
        {
            unboundLinks++;
            current = receiver.Unwrap();
        }

        var collection = model.Compilation.GetTypeByMetadataName(WellKnownTypeNames.ServiceCollection);
        if (collection is null ||
            !(unboundLinks > 0 &&
              model.GetTypeInfo(current, cancellationToken).Type is { TypeKind: not TypeKind.Error } root &&
              (root.InheritsFromOrEquals(collection) || root.Implements(collection))) &&
            !IsServicesOfAnUnboundConfigureServices(current, model, cancellationToken) &&
            !IsServicesOfAnUnboundApplicationBuilder(current, model, cancellationToken))
        {
            return null;
        }

        var written = name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments : default;
        var typeArguments = new ITypeSymbol[written.Count];
        for (var i = 0; i < written.Count; i++)
        {
            if (model.GetTypeInfo(written[i], cancellationToken).Type is not { } type)
            {
                return null;
            }

            typeArguments[i] = type;
        }

        var arguments = invocation.ArgumentList.Arguments;
        IMethodSymbol? only = null;
        foreach (var className in s_registrationClasses)
        {
            if (model.Compilation.GetTypeByMetadataName(className) is not { } declaring)
            {
                continue;
            }

            foreach (var member in declaring.GetMembers(name.Identifier.ValueText))
            {
                if (member is not IMethodSymbol { IsExtensionMethod: true } method ||
                    method.Parameters.Length != arguments.Count + 1 ||
                    !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, collection) ||
                    !model.ArgumentShapesFit(arguments, method.Parameters, 1, cancellationToken) ||
                    Constructed(method) is not { } constructed)
                {
                    continue;
                }

                if (only is not null)
                {
                    return null;
                }

                only = constructed;
            }
        }

        return only?.ReduceExtensionMethod(collection);

        // The written type arguments; with none written, a method of one type parameter that an instance argument infers
        // (services.AddSingleton(new Service()) is AddSingleton<Service>(Service)).
        IMethodSymbol? Constructed(IMethodSymbol method)
        {
            if (method.Arity == written.Count)
            {
                return method.Arity == 0 ? method : method.Construct(typeArguments);
            }

            if (written.Count != 0 || method.Arity != 1)
            {
                return null;
            }

            for (var i = 0; i < arguments.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(method.Parameters[i + 1].Type, method.TypeParameters[0]))
                {
                    return model.GetTypeInfo(arguments[i].Expression, cancellationToken).Type is { TypeKind: not TypeKind.Error } inferred
                        ? method.Construct(inferred)
                        : null;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// <c>services</c> in <c>Host.CreateDefaultBuilder(args).UseWindowsService().ConfigureServices((context, services) =&gt; ...)</c>
    /// where a link of the host builder's chain comes from a package folder mode lacks: the last (untyped) parameter of a
    /// lambda of one or two parameters handed to a <c>ConfigureServices</c> call that does not bind, which the generic
    /// host, the web host and their builders all hand the service collection.
    /// </summary>
    private static bool IsServicesOfAnUnboundConfigureServices(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        if (expression is not IdentifierNameSyntax name ||
            model.GetSymbolInfo(name, cancellationToken).Symbol is not IParameterSymbol { Type.TypeKind: TypeKind.Error } parameter ||
            parameter.DeclaringSyntaxReferences is not { Length: 1 } references ||
            references[0].GetSyntax(cancellationToken) is not ParameterSyntax { Type: null } declaration)
        {
            return false;
        }

        var lambda = declaration.Parent switch
        {
            SimpleLambdaExpressionSyntax simple => (LambdaExpressionSyntax)simple,
            ParameterListSyntax { Parameters: { Count: 1 or 2 } parameters, Parent: ParenthesizedLambdaExpressionSyntax parenthesized }
                when parameters[parameters.Count - 1] == declaration => parenthesized,
            _ => null,
        };
        return lambda?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax configure } } &&
               configure.InvokedName() == "ConfigureServices" &&
               model.GetSymbolInfo(configure, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true };
    }

    /// <summary>
    /// <c>builder.Services</c> where <c>builder</c> is a local given only <c>MauiApp.CreateBuilder()</c>,
    /// <c>WebApplication.CreateBuilder(args)</c> (or its slim and empty forms) or <c>Host.CreateApplicationBuilder(args)</c> and
    /// the builder's type does not bind (a MAUI app, whose packages folder mode lacks), and that nothing writes again: each of
    /// those builders' <c>Services</c> is the application's service collection.
    /// </summary>
    private static bool IsServicesOfAnUnboundApplicationBuilder(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Services", Expression: IdentifierNameSyntax builder } &&
        model.GetSymbolInfo(builder, cancellationToken).Symbol is ILocalSymbol { Type.TypeKind: TypeKind.Error } local &&
        LongLivedStorage.OnlyValueOf(local, model, cancellationToken) is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax host, Name.Identifier.ValueText: var create },
        } created &&
        IsApplicationBuilderFactory(host.Identifier.ValueText, create) &&
        model.GetSymbolInfo(created, cancellationToken).Symbol is null;

    private static bool IsApplicationBuilderFactory(string host, string create) =>
        host == "MauiApp" && create == "CreateBuilder" ||
        host == "WebApplication" && create is "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder" ||
        host == "Host" && create is "CreateApplicationBuilder" or "CreateEmptyApplicationBuilder";

    /// <summary>The same, for a call already bound.</summary>
    public static RegistrationKind Classify(string name, IMethodSymbol method, WellKnownTypes types)
    {
        var kind = KindFromName(name);
        if (IsOnContainer(method, types))
        {
            return kind;
        }

        return kind != RegistrationKind.Configuration && IsInContainerNamespace(method) ? kind : RegistrationKind.None;
    }

    /// <summary>
    /// The call's parameter for <paramref name="argument"/> is of the method's own type parameter: a delegate given there is
    /// the service itself (<c>AddSingleton&lt;Func&lt;TimeSpan, HttpClient&gt;&gt;(ts =&gt; new HttpClient(...))</c> binds to
    /// <c>AddSingleton&lt;TService&gt;(TService implementationInstance)</c>), kept as it is and run by every consumer as
    /// often as it likes, not a factory the container runs.
    /// </summary>
    public static bool IsTheInstanceItself(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
            argument.ParameterIn(method) is not { } parameter)
        {
            return false;
        }

        // An extension called as one: its definition has the receiver's parameter first.
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var ordinal = parameter.Ordinal + (method.ReducedFrom is null ? 0 : 1);
        return ordinal < definition.Parameters.Length && definition.Parameters[ordinal].Type is ITypeParameterSymbol;
    }

    /// <summary>Delegates handed to such a call run once per container, or per handler lifetime (client configuration).</summary>
    public static bool RunsDelegatesOnce(RegistrationKind kind) =>
        kind is RegistrationKind.Singleton or RegistrationKind.TypedClient or RegistrationKind.Configuration;

    /// <summary>
    /// HCG001 / HCG002's question about <paramref name="invocation"/>: do the delegates (and values) handed
    /// to it run once? Bound calls are classified; a call that does not bind (folder mode without the
    /// container's package, half-typed code) answers yes only when its name can only be the container's
    /// (<see cref="s_unboundOneTimeNames"/>), so that a guess can keep a rule quiet but never make it report.
    /// </summary>
    public static bool RunsDelegatesOnce(InvocationExpressionSyntax invocation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (invocation.InvokedName() is not { } name)
        {
            return false;
        }

        if (IsTelemetryProviderBuilderCall(invocation, model, cancellationToken))
        {
            // tracing.AddProcessor(sp => BuildExporter(...)): OpenTelemetry builds each provider once, running these then.
            return true;
        }

        if (AutofacRegistrations.IsRegistrationName(name) || name == "RegisterInstance")
        {
            // builder.Register(c => new HttpClient(...)).SingleInstance(), builder.RegisterInstance(...): Autofac runs the
            // delegate once per container, or keeps the one value; an unbound registration counts only when its chain names
            // that lifetime.
            return AutofacRegistrations.IsSingleInstance(invocation, model, cancellationToken);
        }

        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return RunsDelegatesOnce(Classify(name, method, types));
        }

        return Array.IndexOf(s_unboundOneTimeNames, name) >= 0;
    }


    /// <summary>The builders of OpenTelemetry's providers (and its logger options): the delegates they are given run when the provider is built.</summary>
    private static readonly string[] s_telemetryProviderBuilders =
    {
        "TracerProviderBuilder", "MeterProviderBuilder", "LoggerProviderBuilder", "OpenTelemetryLoggerOptions", "IOpenTelemetryBuilder",
    };

    /// <summary>
    /// A call on an OpenTelemetry provider builder (<c>builder.AddProcessor(...)</c>, <c>AddReader</c>, <c>ConfigureServices</c>), read from
    /// the receiver's type name, bound or not: the SDK builds each provider once per application.
    /// </summary>
    private static bool IsTelemetryProviderBuilderCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver })
        {
            return false;
        }

        var type = model.GetTypeInfo(receiver, cancellationToken).Type;
        if (type is null or { TypeKind: TypeKind.Error })
        {
            // Folder mode without the SDK: the declared type of a parameter or local as written.
            type = null;
            var written = model.GetSymbolInfo(receiver, cancellationToken).Symbol switch
            {
                IParameterSymbol parameter => parameter.Type.Name,
                ILocalSymbol local => local.Type.Name,
                _ => null,
            };
            return written is not null && Array.IndexOf(s_telemetryProviderBuilders, written) >= 0;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Array.IndexOf(s_telemetryProviderBuilders, current.Name) >= 0)
            {
                return true;
            }
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (Array.IndexOf(s_telemetryProviderBuilders, contract.Name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The registration call (by name, not bound) a written type is an argument of: <c>AddTransient&lt;IX, Owner&gt;()</c>,
    /// <c>typeof(Owner)</c>, a factory lambda or instance, Autofac's <c>RegisterType&lt;Owner&gt;()</c>; the nearest one inside the member, if any.
    /// </summary>
    public static InvocationExpressionSyntax? RegistrationAround(SyntaxNode written)
    {
        for (var node = written.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax invocation && IsRegistration(invocation))
            {
                return invocation;
            }
        }

        return null;
    }

    /// <summary>
    /// A call named as a registration of a type (a lifetime's <c>Add...</c>, a typed client, Autofac's <c>Register...</c>), or
    /// Ninject's <c>To&lt;X&gt;()</c> / <c>ToSelf()</c> made on a <c>Bind&lt;...&gt;()</c> call.
    /// </summary>
    private static bool IsRegistration(InvocationExpressionSyntax invocation) =>
        invocation.InvokedName() is { } name &&
        (KindFromName(name) is RegistrationKind.Singleton or RegistrationKind.Transient or RegistrationKind.Scoped or RegistrationKind.TypedClient ||
         AutofacRegistrations.IsRegistrationName(name) ||
         NinjectRegistrations.IsBinding(invocation));

    /// <summary>
    /// The registration sits in the chain a console program's <c>Main</c> builds its container with (<c>var provider = new
    /// ServiceCollection().AddTransient&lt;Helper&gt;()...BuildServiceProvider();</c>), and <c>Main</c> only resolves from that
    /// provider, outside loops and lambdas (<c>provider.GetRequiredService&lt;Service&gt;()</c>, handed nowhere else): the
    /// container builds a fixed handful of instances at start-up, however their lifetime is written. Not when any other file
    /// of the compilation names <c>IServiceProvider</c> or <c>IServiceScopeFactory</c> (a service that resolves more later),
    /// nor when a registration in the chain takes a factory lambda.
    /// </summary>
    public static bool ResolvedOnlyAtStart(InvocationExpressionSyntax registration, SemanticModel model, CancellationToken cancellationToken)
    {
        // Up the fluent chain to '.BuildServiceProvider()', every link a call on the one before.
        ExpressionSyntax link = registration;
        while (link.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } access && access.Expression == link)
        {
            if (next.ArgumentList.Arguments.Any(static argument => argument.Expression is AnonymousFunctionExpressionSyntax))
            {
                return false;
            }

            link = next;
        }

        if (link is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BuildServiceProvider" } } built ||
            built.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Body: { } body } main || !CreationSite.IsEntryPoint(main) ||
            !StartsAtNewServiceCollection(registration))
        {
            return false;
        }

        if (AnotherFileNamesAProvider(model.Compilation, model.SyntaxTree, cancellationToken))
        {
            return false;
        }

        var name = declarator.Identifier.ValueText;
        var resolutions = 0;
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name)
            {
                continue;
            }

            if (identifier.Parent is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "GetRequiredService" or "GetService" }, Parent: InvocationExpressionSyntax } resolve ||
                resolve.Expression != identifier || identifier.IsInLoopOrFunction(body))
            {
                return false;
            }

            resolutions++;
        }

        return resolutions > 0;

        static bool StartsAtNewServiceCollection(InvocationExpressionSyntax call)
        {
            ExpressionSyntax current = call;
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } })
            {
                current = receiver.Unwrap();
            }

            return current is BaseObjectCreationExpressionSyntax creation && SyntaxGates.WrittenTypeName(creation) == "ServiceCollection";
        }
    }

    /// <summary>
    /// A file of the compilation other than <paramref name="tree"/> names <c>IServiceProvider</c> or <c>IServiceScopeFactory</c>:
    /// a service there may resolve more later, by types nothing here sees written.
    /// </summary>
    public static bool AnotherFileNamesAProvider(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var other in compilation.SyntaxTrees)
        {
            if (other != tree && SyntaxTreeIndex.For(other, cancellationToken) is var index &&
                (index.MayMention("IServiceProvider") || index.MayMention("IServiceScopeFactory")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The registered type is created more than once per container.</summary>
    public static bool IsPerResolution(RegistrationKind kind) =>
        kind is RegistrationKind.Transient or RegistrationKind.Scoped or RegistrationKind.TypedClient;

    /// <summary>How a per-resolution registration is named in messages.</summary>
    public static string Describe(RegistrationKind kind) => kind switch
    {
        RegistrationKind.TypedClient => "a typed client (transient)",
        RegistrationKind.Scoped => "scoped",
        _ => "transient",
    };

    /// <summary>The service a registration names first: <c>AddTransient&lt;IX, X&gt;()</c>'s <c>IX</c>, <c>AddScoped(typeof(X))</c>'s <c>X</c>.</summary>
    public static INamedTypeSymbol? ServiceType(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken) =>
        method.TypeArguments.Length > 0
            ? method.TypeArguments[0] as INamedTypeSymbol
            : invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is TypeOfExpressionSyntax typeOf
                ? model.GetTypeInfo(typeOf.Type, cancellationToken).Type as INamedTypeSymbol
                : null;

    /// <summary>
    /// The implementation types a registration names: the last type argument
    /// (<c>AddTransient&lt;IX, X&gt;()</c>), <c>typeof(X)</c> arguments, and types created by factory lambdas. With
    /// <paramref name="builtBy"/>, a registration with a factory lambda names only the types of the creations in it that
    /// pass (its type arguments name the service the lambda builds, not how).
    /// </summary>
    public static IEnumerable<INamedTypeSymbol> RegisteredTypes(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken, Func<BaseObjectCreationExpressionSyntax, bool>? builtBy = null)
    {
        var hasFactory = builtBy is not null && invocation.ArgumentList.Arguments.Any(static argument => argument.Expression is AnonymousFunctionExpressionSyntax);
        if (method.TypeArguments.Length > 0 && !hasFactory)
        {
            foreach (var implementation in ActivatedBy(method.TypeArguments[method.TypeArguments.Length - 1]))
            {
                yield return implementation;
            }
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case TypeOfExpressionSyntax typeOf when model.GetTypeInfo(typeOf.Type, cancellationToken).Type is { } written:
                    foreach (var type in ActivatedBy(written))
                    {
                        yield return type;
                    }

                    break;
                case AnonymousFunctionExpressionSyntax lambda:
                    foreach (var node in lambda.DescendantNodes())
                    {
                        if (node is BaseObjectCreationExpressionSyntax creation &&
                            SyntaxGates.CreatedType(creation, model, cancellationToken) is INamedTypeSymbol createdType &&
                            (builtBy is null || builtBy(creation)))
                        {
                            yield return createdType;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The types a registration lets the container construct itself, choosing a constructor and filling
    /// its parameters: the last type argument and <c>typeof(X)</c> arguments, when no argument hands the
    /// container a factory delegate or a ready instance (then the caller's code builds the object).
    /// </summary>
    public static IEnumerable<INamedTypeSymbol> ActivatedTypes(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        // A reduced extension (services.AddScoped<X>()) lists its parameters without the receiver; a static
        // call (ServiceCollectionServiceExtensions.AddScoped<X>(services)) passes the receiver first.
        var parameters = method.Parameters;
        var receiverArgument = method.ReducedFrom is null && method.IsExtensionMethod ? 0 : -1;
        var activated = new List<INamedTypeSymbol>();
        for (var i = 0; i < invocation.ArgumentList.Arguments.Count; i++)
        {
            var argument = invocation.ArgumentList.Arguments[i];
            if (argument.Expression is TypeOfExpressionSyntax typeOf)
            {
                if (model.GetTypeInfo(typeOf.Type, cancellationToken).Type is { } type)
                {
                    activated.AddRange(ActivatedBy(type));
                }

                continue;
            }

            var parameter = parameters.ParameterFor(invocation.ArgumentList, i);
            if (i == receiverArgument && argument.NameColon is null)
            {
                continue;
            }

            if (parameter is null || parameter.Name != "serviceKey")
            {
                // A factory delegate, an instance or anything unknown: not the container's own construction.
                return Array.Empty<INamedTypeSymbol>();
            }
        }

        if (method.TypeArguments.Length > 0)
        {
            activated.AddRange(ActivatedBy(method.TypeArguments[method.TypeArguments.Length - 1]));
        }

        return activated;
    }

    /// <summary>
    /// A named type is what the container builds; a type parameter of the registering generic method
    /// (<c>AddLavaNode&lt;TNode&gt;() where TNode : LavaNode =&gt; services.AddSingleton&lt;TNode&gt;()</c>) is whatever its caller
    /// picks, each one a class its class constraint names, whose constructor then runs as the registration says.
    /// </summary>
    private static IEnumerable<INamedTypeSymbol> ActivatedBy(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol named => new[] { named },
        ITypeParameterSymbol parameter => parameter.ConstraintTypes.OfType<INamedTypeSymbol>().Where(static constraint => constraint.TypeKind == TypeKind.Class),
        _ => Array.Empty<INamedTypeSymbol>(),
    };

    /// <summary>
    /// The registrations that name <paramref name="written"/>'s type: the one around it, or, when it is written as a
    /// type parameter's constraint (<c>where TNode : LavaNode</c>), those of the constrained declaration that name that
    /// type parameter (<see cref="ActivatedBy"/>).
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> RegistrationsNaming(SyntaxNode written)
    {
        if (RegistrationAround(written) is { } around)
        {
            yield return around;
            yield break;
        }

        if (ConstrainedParameterName(written, out var declaration) is not { } parameterName)
        {
            yield break;
        }

        foreach (var node in declaration.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && IsRegistration(invocation) && invocation.SpellsIdentifier(parameterName))
            {
                yield return invocation;
            }
        }
    }

    private static string? ConstrainedParameterName(SyntaxNode written, out SyntaxNode declaration)
    {
        declaration = written;
        var type = written;
        while (type.Parent is TypeSyntax or TypeArgumentListSyntax)
        {
            type = type.Parent;
        }

        if (type.Parent is not TypeConstraintSyntax { Parent: TypeParameterConstraintClauseSyntax { Parent: { } owner } clause } ||
            owner is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax or TypeDeclarationSyntax))
        {
            return null;
        }

        declaration = owner;
        return clause.Name.Identifier.ValueText;
    }

    private static bool IsOnContainer(IMethodSymbol method, WellKnownTypes types)
    {
        if (types.ServiceCollection is null && types.HttpClientBuilder is null)
        {
            return false;
        }

        return method.ReceiverType() is { } receiver &&
               (receiver.InheritsFromOrEquals(types.ServiceCollection) ||
                receiver.InheritsFromOrEquals(types.HttpClientBuilder) ||
                receiver.Implements(types.ServiceCollection) ||
                receiver.Implements(types.HttpClientBuilder));
    }

    private static bool IsInContainerNamespace(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString() is { } ns && Array.IndexOf(s_containerNamespaces, ns) >= 0;
}
