using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG001 (an <c>HttpClient</c> created per call) and HCG002 (a connection-owning handler created
/// per call). One analyzer decides both because they share every step: the creation's site
/// (<see cref="CreationSite"/>), its factory's callers (<see cref="FactoryCallers"/>), where the
/// handler flows (<see cref="HandlerFlow"/>) and, for per-instance creations, the owner's lifetime
/// (<see cref="OwnerLifetimes"/>, <see cref="FrameworkOwners"/>). A handler that flows into a
/// reported client is left to HCG001, whose fix folds it in.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerCallCreationAnalyzer : DiagnosticAnalyzer
{
    private const string ClientTitle = "HttpClient created per call";
    private const string ClientMessage = "'{0}' is created {1}: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory";
    private const string ClientDescription = "Creating an HttpClient for each call creates a new connection pool each time. Under load the closed connections pile up in TIME_WAIT until the machine runs out of ephemeral ports. Share the connection pool: HttpClientPool.CreateClient(...) from this package, one static HttpClient over a SocketsHttpHandler with PooledConnectionLifetime, or IHttpClientFactory.";
    private const string HandlerTitle = "HTTP handler created per call";
    private const string HandlerMessage = "'{0}' is created {1}: each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory";
    private const string HandlerDescription = "HttpClientHandler, SocketsHttpHandler and WinHttpHandler each own a connection pool. Creating one per call opens new connections every time; the closed ones pile up in TIME_WAIT until the machine runs out of ephemeral ports. Share the handler, use HttpClientPool.CreateClient(options) from this package, or IHttpClientFactory.";

    internal static readonly DiagnosticDescriptor ClientRule = RuleDescriptors.Create(RuleIds.PerCallClient, ClientTitle, ClientMessage, ClientDescription);

    internal static readonly DiagnosticDescriptor HandlerRule = RuleDescriptors.Create(RuleIds.PerCallHandler, HandlerTitle, HandlerMessage, HandlerDescription);

    /// <summary>HCG001 decided at the end of the compilation: the owner is created per call elsewhere, or registered per resolution.</summary>
    internal static readonly DiagnosticDescriptor ClientOwnerRule = RuleDescriptors.Create(
        RuleIds.PerCallClient, ClientTitle, ClientMessage, ClientDescription, customTags: WellKnownDiagnosticTags.CompilationEnd);

    internal static readonly DiagnosticDescriptor HandlerOwnerRule = RuleDescriptors.Create(
        RuleIds.PerCallHandler, HandlerTitle, HandlerMessage, HandlerDescription, customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ClientRule, HandlerRule, ClientOwnerRule, HandlerOwnerRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (WellKnownTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            // Blazor WebAssembly has no sockets to exhaust: the browser's fetch does the pooling.
            var kind = ProjectKind.From(start.Compilation, start.Options);
            if (kind.IsBlazorWebAssembly)
            {
                return;
            }

            var state = new CompilationState(types, kind, FrameworkOwners.Create(start.Compilation), new OwnerIndex(start.Compilation, start.CancellationToken), new OwnerLifetimes(start.Compilation));
            start.RegisterSyntaxNodeAction(state.AnalyzeCreation, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(state.AnalyzeRegistration, SyntaxKind.InvocationExpression);
            start.RegisterCompilationEndAction(state.ReportOwners);
        });
    }

    /// <summary>Everything one compilation's analysis shares; its delegates are registered once per compilation.</summary>
    private sealed class CompilationState
    {
        private readonly WellKnownTypes _types;
        private readonly ProjectKind _kind;
        private readonly FrameworkOwners _frameworks;
        private readonly OwnerIndex _index;
        private readonly OwnerLifetimes _lifetimes;
        private readonly ConcurrentQueue<OwnerCandidate> _candidates = new();
        private readonly ConcurrentQueue<FactoryCandidate> _factoryCandidates = new();
        private readonly ConcurrentQueue<(INamedTypeSymbol Owner, IMethodSymbol Factory)> _ownersFromFactories = new();

        public CompilationState(WellKnownTypes types, ProjectKind kind, FrameworkOwners frameworks, OwnerIndex index, OwnerLifetimes lifetimes)
        {
            _types = types;
            _kind = kind;
            _frameworks = frameworks;
            _index = index;
            _lifetimes = lifetimes;
        }

        public void AnalyzeCreation(SyntaxNodeAnalysisContext context)
        {
            var creation = (BaseObjectCreationExpressionSyntax)context.Node;
            if (context.IsGeneratedCode)
            {
                return;
            }

            RecordFactoryMethodGroups(context, creation.ArgumentList);
            if (!SyntaxGates.WrittenTypeMayBeClass(creation))
            {
                return;
            }

            // Most creations are of ordinary types (List, StringBuilder, records): decide from the
            // written name before binding anything. Only names that may be a client, a handler (or
            // a type deriving from one) or an owner of one go on.
            var writtenName = SyntaxGates.WrittenTypeName(creation);
            if (writtenName is not null && !SyntaxGates.MayNameHttpType(writtenName) && !_index.IsHttpAlias(writtenName) && !_index.MayBeOwner(writtenName))
            {
                return;
            }

            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            if (SyntaxGates.CreatedType(creation, model, cancellationToken) is not INamedTypeSymbol created)
            {
                return;
            }

            var isClient = _types.IsHttpClient(created);
            var isHandler = !isClient && _types.IsPrimaryHandler(created);
            if (!isClient && !isHandler)
            {
                if (created.TypeKind == TypeKind.Class && _lifetimes.IsFromThisCompilation(created) && _index.MayBeOwner(created.Name))
                {
                    RecordOwnerCreation(context, creation, created);
                }

                return;
            }

            var raw = CreationSite.Classify(creation, model, _types, cancellationToken);

            // Internal and public factories are decided by their callers across the compilation, at its end.
            var factory = raw is { Frequency: CreationFrequency.Returned, Factory: { } declaration } && !FactoryCallers.IsDecidedLocally(declaration)
                ? model.GetDeclaredSymbol(declaration, cancellationToken)
                : null;
            var site = factory is null ? FactoryCallers.Resolve(raw, model, _types, cancellationToken) : raw;
            if (factory is null && !site.IsPerCall && site.Frequency != CreationFrequency.PerInstance)
            {
                return;
            }

            // A client over a shared handler opens no pool; a handler feeding a client here is the client's diagnostic.
            if (isClient
                    ? HandlerFlow.Classify(creation, model, _types, ownedHandlers: null, cancellationToken) == HandlerFlow.ClientPool.SharedOrNone
                    : HandlerFlow.FlowsIntoClient(creation, model, _types, cancellationToken))
            {
                return;
            }

            if (_kind.SuppressesPerCallRules(creation.SyntaxTree))
            {
                // Test projects, unless httpclientguard.report_in_test_projects = true.
                return;
            }

            if (GeneratedCode.IsInMarkedDeclaration(creation, model, cancellationToken))
            {
                return;
            }

            var location = DiagnosticLocations.Creation(creation);
            if (factory is not null)
            {
                _factoryCandidates.Enqueue(new FactoryCandidate(factory, location, created.Name, isClient));
                return;
            }

            if (site.IsPerCall)
            {
                context.ReportDiagnostic(Diagnostic.Create(isClient ? ClientRule : HandlerRule, location, created.Name, site.Describe()));
                return;
            }

            if (site.Owner is null || model.GetDeclaredSymbol(site.Owner, cancellationToken) is not { } owner)
            {
                return;
            }

            if (_frameworks.PerRequestKind(owner) is { } kind)
            {
                context.ReportDiagnostic(Diagnostic.Create(isClient ? ClientRule : HandlerRule, location, created.Name, $"per instance of '{owner.Name}' ({kind})"));
                return;
            }

            _candidates.Enqueue(new OwnerCandidate(owner, location, created.Name, isClient));
        }

        /// <summary>
        /// <c>new Owner(...)</c> in a per-call place makes every per-instance client of Owner per call;
        /// in a constructor or field initializer of a holder, the holder's lifetime decides (at the end).
        /// </summary>
        private void RecordOwnerCreation(SyntaxNodeAnalysisContext context, BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol owner)
        {
            var raw = CreationSite.Classify(creation, context.SemanticModel, _types, context.CancellationToken);
            if (raw is { Frequency: CreationFrequency.Returned, Factory: { } declaration } && !FactoryCallers.IsDecidedLocally(declaration))
            {
                // Returned by an internal or public factory: per call only when a caller of the factory is (decided at the end).
                if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is { } factory)
                {
                    _ownersFromFactories.Enqueue((owner, factory));
                }

                return;
            }

            var site = FactoryCallers.Resolve(raw, context.SemanticModel, _types, context.CancellationToken);
            if (!site.IsPerCall)
            {
                // new Owner() in a constructor or field initializer of a holder: the holder's lifetime decides.
                if (site.Frequency == CreationFrequency.PerInstance && site.Owner is { } holderDeclaration &&
                    context.SemanticModel.GetDeclaredSymbol(holderDeclaration, context.CancellationToken) is { } holder &&
                    !SymbolEqualityComparer.Default.Equals(holder.OriginalDefinition, owner.OriginalDefinition))
                {
                    _lifetimes.AddHolder(owner, holder);
                }

                return;
            }

            var container = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
            _lifetimes.AddPerCallEvidence(owner, "created " + (container is null ? site : site.Qualified(container)).Describe());
        }

        /// <summary><c>AddTransient&lt;IX, Owner&gt;()</c>, <c>AddScoped(typeof(Owner))</c>, <c>AddHttpClient&lt;Owner&gt;()</c>, factory lambdas returning <c>new Owner(...)</c>.</summary>
        public void AnalyzeRegistration(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (context.IsGeneratedCode)
            {
                return;
            }

            if (invocation.InvokedName() is not { } methodName)
            {
                return;
            }

            if (_index.MayBeFactory(methodName))
            {
                RecordFactoryCall(context, invocation);
            }

            RecordFactoryMethodGroups(context, invocation.ArgumentList);

            var named = ServiceRegistrations.KindFromName(methodName);
            if (named is not (RegistrationKind.Singleton or RegistrationKind.Transient or RegistrationKind.Scoped or RegistrationKind.TypedClient) ||
                _index.OwnerNames.Count == 0 ||
                context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method ||
                ServiceRegistrations.Classify(methodName, method, _types) is var kind && !ServiceRegistrations.IsPerResolution(kind))
            {
                // Singletons need no record: an owner is per call only on evidence.
                return;
            }

            foreach (var registered in ServiceRegistrations.RegisteredTypes(invocation, method, context.SemanticModel, context.CancellationToken))
            {
                if (_index.MayBeOwner(registered.Name) && _lifetimes.IsFromThisCompilation(registered))
                {
                    _lifetimes.AddPerCallEvidence(registered, $"registered as {ServiceRegistrations.Describe(kind)} in '{invocation.EnclosingMemberName()}'");
                }
            }
        }

        /// <summary>A call of a possible factory: its site decides how often the factory's creation runs.</summary>
        private void RecordFactoryCall(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation)
        {
            if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method ||
                !_lifetimes.IsFromThisCompilation(method.ContainingType))
            {
                return;
            }

            var site = FactoryCallers.Resolve(CreationSite.Classify(invocation, context.SemanticModel, _types, context.CancellationToken), context.SemanticModel, _types, context.CancellationToken);
            var container = invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
            _lifetimes.AddFactoryCall(method, site.IsPerCall ? (container is null ? site : site.Qualified(container)).Describe() : null);
        }

        /// <summary>
        /// A factory passed as a method group (<c>new Lazy&lt;HttpClient&gt;(Create)</c>,
        /// <c>cache.GetOrAdd(key, Create)</c>, <c>Task.Run(Create)</c>) is called wherever the delegate
        /// runs: the argument's site decides, as a lambda's would.
        /// </summary>
        private void RecordFactoryMethodGroups(SyntaxNodeAnalysisContext context, ArgumentListSyntax? arguments)
        {
            if (arguments is null || !_index.HasFactories)
            {
                return;
            }

            foreach (var argument in arguments.Arguments)
            {
                var name = argument.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is null || !_index.MayBeFactory(name) ||
                    FactoryCallers.ReferencedMethod(argument.Expression, context.SemanticModel, context.CancellationToken) is not { } method ||
                    !_lifetimes.IsFromThisCompilation(method.ContainingType))
                {
                    continue;
                }

                var site = FactoryCallers.Resolve(CreationSite.ClassifyDelegate(argument.Expression, name, context.SemanticModel, _types, context.CancellationToken), context.SemanticModel, _types, context.CancellationToken);
                _lifetimes.AddFactoryCall(method, site.IsPerCall ? "each time the delegate passed in '" + argument.EnclosingMemberName() + "' runs" : null);
            }
        }

        public void ReportOwners(CompilationAnalysisContext context)
        {
            // An owner returned by a factory is per call only when a caller of the factory is: owners need evidence.
            foreach (var (owner, factory) in _ownersFromFactories)
            {
                if (_lifetimes.FactoryPerCallEvidence(factory) is { } factoryEvidence)
                {
                    _lifetimes.AddPerCallEvidence(owner, "created " + factoryEvidence + " (returned by '" + factory.Name + "')");
                }
            }

            foreach (var candidate in _factoryCandidates)
            {
                // Per call when any caller is; with no caller here, a visible factory keeps the verdict of
                // its own body (callers may be elsewhere) and an internal one has nothing calling it.
                string? where = _lifetimes.FactoryPerCallEvidence(candidate.Factory) is { } evidence
                    ? evidence + " (returned by '" + candidate.Factory.Name + "')"
                    : !_lifetimes.IsCalled(candidate.Factory) && candidate.Factory.IsVisibleOutsideAssembly()
                        ? "each time '" + candidate.Factory.Name + "' runs"
                        : null;
                if (where is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(candidate.IsClient ? ClientOwnerRule : HandlerOwnerRule, candidate.Location, candidate.TypeName, where));
                }
            }

            foreach (var candidate in _candidates)
            {
                if (_lifetimes.PerCallEvidence(candidate.Owner, _frameworks.PerRequestKind) is { } evidence)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        candidate.IsClient ? ClientOwnerRule : HandlerOwnerRule,
                        candidate.Location,
                        candidate.TypeName,
                        $"per instance of '{candidate.Owner.Name}', which is {evidence}"));
                }
            }
        }
    }

    private sealed class FactoryCandidate
    {
        public FactoryCandidate(IMethodSymbol factory, Location location, string typeName, bool isClient)
        {
            Factory = factory;
            Location = location;
            TypeName = typeName;
            IsClient = isClient;
        }

        public IMethodSymbol Factory { get; }

        public Location Location { get; }

        public string TypeName { get; }

        public bool IsClient { get; }
    }

    private sealed class OwnerCandidate
    {
        public OwnerCandidate(INamedTypeSymbol owner, Location location, string typeName, bool isClient)
        {
            Owner = owner;
            Location = location;
            TypeName = typeName;
            IsClient = isClient;
        }

        public INamedTypeSymbol Owner { get; }

        public Location Location { get; }

        public string TypeName { get; }

        public bool IsClient { get; }
    }
}
