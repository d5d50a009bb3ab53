using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A transient or scoped service is built once per resolution, and the container resolves it for each instance of a type
/// whose constructor asks for it. When every type that asks for it is a container singleton, it is built once per
/// singleton: <c>AddTransient&lt;LoginService&gt;()</c> whose only consumer is <c>LoginViewModel(LoginService service)</c>,
/// registered with <c>AddSingleton&lt;LoginViewModel&gt;()</c>, is built once; so is one whose consumers are types built once
/// in turn, or that <c>Main</c> resolves once. Decided from every place the service type is written in the compilation: a
/// constructor parameter of a type built once (and the field or property that keeps it, and an <c>ILogger&lt;T&gt;</c> naming it as its category), one <c>GetRequiredService&lt;T&gt;()</c>
/// in <c>Main</c> outside loops and functions (when no other file names <c>IServiceProvider</c>), a parameter of
/// <c>Startup.Configure</c> (one such resolution at most, as <c>Main</c>'s), a class deriving from a consumer when that class
/// is built once in turn, the service's own
/// declarations, object creations (decided elsewhere) and the registrations that name it are the only mentions allowed;
/// anything else (<c>GetService&lt;T&gt;()</c> anywhere else, <c>typeof(T)</c>, a method's parameter, a constructor of a type
/// built per resolution, an attributed property a framework injects) may resolve it again, and the service stays per
/// resolution. At least one such consumer must ask for it: a service nobody here asks for is resolved by code this
/// compilation does not see.
/// </summary>
internal static class ServiceConsumers
{
    /// <summary>How many registered types deep a consumer built once is followed (<c>MarketDataApiClient</c> → <c>HomeForm</c>).</summary>
    private const int MaxConsumerDepth = 3;

    /// <summary>
    /// Every consumer of <paramref name="service"/> written in the compilation is built once: a container singleton, a
    /// registered type whose own consumers are all built once, or the program's entry point resolving it once
    /// (<c>Application.Run(provider.GetRequiredService&lt;HomeForm&gt;());</c> in <c>Main</c>, outside any loop or lambda; one
    /// such resolution at most).
    /// </summary>
    public static bool OnlySingletonsConsume(INamedTypeSymbol service, Compilation compilation, ContainerSingletons singletons, CancellationToken cancellationToken) =>
        OnlyBuiltOnceConsume(service, compilation, singletons, depth: 0, cancellationToken);

    private static bool OnlyBuiltOnceConsume(INamedTypeSymbol service, Compilation compilation, ContainerSingletons singletons, int depth, CancellationToken cancellationToken)
    {
        var consumers = 0;
        var entryResolutions = 0;
        foreach (var name in SyntaxTreeIndex.SimpleNames(compilation, service.Name, cancellationToken))
        {
            var written = (SyntaxNode)name;
            while (written.Parent is QualifiedNameSyntax qualified && qualified.Right == written)
            {
                written = qualified;
            }

            switch (written.Parent)
            {
                case SimpleBaseTypeSyntax { Parent: BaseListSyntax { Parent: ClassDeclarationSyntax derived } } when depth > 0:
                    // class MatchCreationInitiatorSingletonService : MatchCreationInitiator: a consumer's constructor runs for
                    // each instance of a class deriving from it, so those instances must be built once too.
                    var derivedModel = compilation.ModelFor(derived.SyntaxTree);
                    if (derivedModel.GetDeclaredSymbol(derived, cancellationToken) is not INamedTypeSymbol derivedType ||
                        singletons.Registration(derivedType, cancellationToken) is null &&
                        !(depth < MaxConsumerDepth && OnlyBuiltOnceConsume(derivedType, compilation, singletons, depth + 1, cancellationToken)))
                    {
                        return false;
                    }

                    consumers++;
                    continue;
                case BaseTypeSyntax or ObjectCreationExpressionSyntax or VariableDeclarationSyntax { Parent: FieldDeclarationSyntax } or
                     PropertyDeclarationSyntax { AttributeLists.Count: 0 }:
                    // class LoginService : ILoginService; new LoginService(...), an instance the code makes (decided as a creation
                    // of its own); the field or plain property a constructor keeps the service in.
                    continue;
                case TypeArgumentListSyntax { Arguments.Count: 1, Parent: GenericNameSyntax { Identifier.ValueText: "ILogger" } }:
                    // ILogger<LoginService>: the logger's category, which resolves a logger, not the service.
                    continue;
                case TypeArgumentListSyntax { Parent: GenericNameSyntax generic } when IsRegistrationName(generic):
                case TypeOfExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } }
                    when ServiceRegistrations.RegistrationAround(registration.ArgumentList) == registration:
                    // The registrations themselves: AddTransient<ILoginService, LoginService>(), AddTransient(typeof(LoginService)).
                    continue;
                case TypeArgumentListSyntax { Arguments.Count: 1, Parent: GenericNameSyntax { Identifier.ValueText: "GetRequiredService" or "GetService" } resolution }
                    when ResolvedOnceByTheEntryPoint(resolution, compilation, cancellationToken):
                    // Application.Run(serviceProvider.GetRequiredService<HomeForm>()); in Main: the one instance the program runs.
                    if (++entryResolutions > 1)
                    {
                        return false;
                    }

                    consumers++;
                    continue;
                case ParameterSyntax { Parent: ParameterListSyntax { Parent: MethodDeclarationSyntax configure } } when ConfiguresTheStartedApplication(configure):
                    // Startup.Configure(IApplicationBuilder app, MatchCreationInitiator initiator): the host resolves its
                    // parameters once, when it builds the application's pipeline.
                    if (++entryResolutions > 1)
                    {
                        return false;
                    }

                    consumers++;
                    continue;
                case ParameterSyntax { Parent: ParameterListSyntax { Parent: ConstructorDeclarationSyntax constructor } }:
                    var model = compilation.ModelFor(constructor.SyntaxTree);
                    if (model.GetDeclaredSymbol(constructor, cancellationToken)?.ContainingType is not { } consumer ||
                        singletons.Registration(consumer, cancellationToken) is null &&
                        !(depth < MaxConsumerDepth && OnlyBuiltOnceConsume(consumer, compilation, singletons, depth + 1, cancellationToken)))
                    {
                        return false;
                    }

                    consumers++;
                    continue;
                default:
                    return false;
            }
        }

        return consumers > 0;
    }

    /// <summary>
    /// <c>provider.GetRequiredService&lt;T&gt;()</c> called in the program's entry point itself, outside any loop, lambda or local
    /// function: it runs once per process. Not when another file of the compilation names <c>IServiceProvider</c> or
    /// <c>IServiceScopeFactory</c>: a service there may resolve it again, by a type this search does not see written.
    /// </summary>
    private static bool ResolvedOnceByTheEntryPoint(GenericNameSyntax resolution, Compilation compilation, CancellationToken cancellationToken) =>
        resolution.InvocationNamedBy() is { } call &&
        call.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method && CreationSite.IsEntryPoint(method) &&
        !call.IsInLoopOrFunction(method) &&
        !ServiceRegistrations.AnotherFileNamesAProvider(compilation, resolution.SyntaxTree, cancellationToken);

    /// <summary>
    /// ASP.NET Core's convention-based <c>Startup.Configure</c> (or <c>Configure{Environment}</c>), whose first parameter is
    /// the <c>IApplicationBuilder</c>: the host calls it once, resolving its other parameters from the container for it.
    /// </summary>
    private static bool ConfiguresTheStartedApplication(MethodDeclarationSyntax method) =>
        method.Identifier.ValueText.StartsWith("Configure", System.StringComparison.Ordinal) &&
        method.ParameterList.Parameters.Count > 1 &&
        method.ParameterList.Parameters[0].Type is { } first && SyntaxGates.RightmostName(first) == "IApplicationBuilder";

    /// <summary>The generic name of a registration call itself (<c>services.AddTransient&lt;ILoginService, LoginService&gt;()</c>).</summary>
    private static bool IsRegistrationName(GenericNameSyntax generic) =>
        generic.InvocationNamedBy() is { } invocation && ServiceRegistrations.RegistrationAround(generic) == invocation;
}
