using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG007: an <c>HttpClient</c> (or a primary handler) kept for the life of the process — static,
/// in a static <c>Lazy</c>, or a DI singleton — whose connections are never recycled: the default
/// handler, a <c>SocketsHttpHandler</c> without <c>PooledConnectionLifetime</c>, or an
/// <c>HttpClientHandler</c>. Such a client never sees DNS changes (dotnet/runtime#62269).
/// Only targets that have <c>SocketsHttpHandler</c> are analyzed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LongLivedClientDnsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix that applies (absent: no fix keeps behaviour).</summary>
    public const string FixProperty = "Fix";

    /// <summary>The client has no handler argument: give it a SocketsHttpHandler with a lifetime.</summary>
    public const string AddHandlerFix = "AddHandler";

    /// <summary>Every handler lacking a lifetime is a SocketsHttpHandler created here (the additional locations).</summary>
    public const string SetLifetimeFix = "SetLifetime";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.LongLivedClientWithoutDnsRefresh,
        title: "Long-lived HttpClient does not refresh DNS",
        messageFormat: "'{0}' is kept for the life of the process {1}: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool",
        description: "A static or singleton HttpClient keeps its pooled connections open as long as they are used, so it keeps talking to the addresses it resolved first: DNS changes (blue/green deployments, fail-over) are never seen. Give it a SocketsHttpHandler with PooledConnectionLifetime (a few minutes), or use HttpClientPool.CreateClient(...), which sets it.",
        defaultSeverity: DiagnosticSeverity.Info);

    private const string DefaultHandlerPhrase = "over the default handler";
    private const string SocketsHandlerPhrase = "over a SocketsHttpHandler without PooledConnectionLifetime";
    private const string ClientHandlerPhrase = "over an HttpClientHandler, which has no PooledConnectionLifetime";
    private const string OwnSocketsHandlerPhrase = "without PooledConnectionLifetime";
    private const string OwnClientHandlerPhrase = "and HttpClientHandler has no PooledConnectionLifetime";
    private const string FactoryHandlerPhrase = "over the HttpClientHandler that HttpClientFactory.Create makes, which has no PooledConnectionLifetime";
    private const string LifetimeProperty = "PooledConnectionLifetime";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            // Without SocketsHttpHandler (netstandard2.0, .NET Framework) there is no lifetime to set.
            if (WellKnownTypes.TryCreate(start.Compilation) is not { SocketsHttpHandler: not null } types)
            {
                return;
            }

            // The browser's fetch pools connections in Blazor WebAssembly; Unity's runtimes have no SocketsHttpHandler.
            var kind = ProjectKind.From(start.Compilation, start.Options);
            if (kind.IsBlazorWebAssembly || kind.CompilesForUnity)
            {
                return;
            }

            // A client in a field of a container singleton lives as long as the container, one in a field of an object a static
            // keeps as long as the process: asked only of creations kept by an instance.
            var evidence = new OwnerEvidence(start.Compilation, start.Options, types, FrameworkOwners.Create(start.Compilation));
            var singletonOwners = new SingletonOwners(
                types.ServiceCollection is null && start.Compilation.GetTypeByMetadataName(WellKnownTypeNames.AutofacContainerBuilder) is null
                    ? null
                    : evidence.Singletons,
                evidence);
            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeCreation(nodeContext, types, kind, singletonOwners, evidence),
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression);
            if (!kind.DefaultHandlerIsNative)
            {
                start.RegisterSyntaxNodeAction(nodeContext => AnalyzeFactoryCall(nodeContext, types), SyntaxKind.InvocationExpression);
            }

            if (types.ServiceCollection is not null && !kind.DefaultHandlerIsNative)
            {
                var containerBuildsClient = new ContainerBuiltClients(start.Compilation);
                start.RegisterSyntaxNodeAction(
                    nodeContext => AnalyzeRegistration(nodeContext, types, containerBuildsClient),
                    SyntaxKind.GenericName);
            }
        });
    }

    /// <summary>
    /// <c>services.AddSingleton&lt;HttpClient&gt;()</c>: no <c>new</c> at the site, but the container builds one
    /// process-wide client itself, with its parameterless constructor (the default handler) unless the container
    /// can give it a handler (a registered <c>HttpMessageHandler</c>).
    /// </summary>
    private static void AnalyzeRegistration(SyntaxNodeAnalysisContext context, WellKnownTypes types, ContainerBuiltClients containerBuildsClient)
    {
        var name = (GenericNameSyntax)context.Node;
        if (context.IsGeneratedCode || !ContainerBuiltClients.MayRegisterClient(name) ||
            (name.Parent is MemberAccessExpressionSyntax { Name: var accessed } && accessed == name ? name.Parent.Parent : name.Parent) is not InvocationExpressionSyntax registration)
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (model.GetSymbolInfo(registration, cancellationToken).Symbol is not IMethodSymbol method ||
            ServiceRegistrations.Classify(name.Identifier.ValueText, method, types) != RegistrationKind.Singleton ||
            !ServiceRegistrations.ActivatedTypes(registration, method, model, cancellationToken).Any(type => SymbolEqualityComparer.Default.Equals(type, types.HttpClient)) ||
            containerBuildsClient.CanGiveItAHandler(cancellationToken) ||
            GeneratedCode.IsInMarkedDeclaration(registration, model, cancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            name.GetLocation(),
            types.HttpClient!.Name,
            $"as a container singleton ({name.Identifier.ValueText}<...>() in '{registration.EnclosingMemberName()}'), built {DefaultHandlerPhrase}"));
    }

    /// <summary>
    /// <c>static readonly HttpClient s_client = HttpClientFactory.Create();</c> (Microsoft.AspNet.WebApi.Client): a client
    /// over a new <c>HttpClientHandler</c> (<see cref="FrameworkClientFactories"/>) kept for the process, as a
    /// <c>new HttpClient(new HttpClientHandler())</c> there would be. No fix: the handler is made inside the package.
    /// </summary>
    private static void AnalyzeFactoryCall(SyntaxNodeAnalysisContext context, WellKnownTypes types)
    {
        var call = (InvocationExpressionSyntax)context.Node;
        if (context.IsGeneratedCode || !FrameworkClientFactories.MayBeOne(call))
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (!FrameworkClientFactories.MakesClientOverNewHandler(call, model, types, cancellationToken) ||
            !LongLivedStorage.KeepsForProcess(call, model, types, cancellationToken) ||
            GeneratedCode.IsInMarkedDeclaration(call, model, cancellationToken))
        {
            return;
        }

        if (IdleClients.NeverSends(CreationFlow.StoredIn(call, model, cancellationToken), model.Compilation, cancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, call.GetLocation(), types.HttpClient!.Name, FactoryHandlerPhrase));
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, WellKnownTypes types, ProjectKind kind, SingletonOwners singletonOwners, OwnerEvidence evidence)
    {
        var creation = (BaseObjectCreationExpressionSyntax)context.Node;
        if (context.IsGeneratedCode || !SyntaxGates.MayCreateHttpType(creation) ||
            !(SyntaxGates.MayBeKeptForProcess(creation) || IsReturnedFromMethod(creation) || SyntaxGates.IsInstanceMemberInitializer(creation) ||
              SyntaxGates.IsChainedConstructorArgument(creation) ||
              WorkerLoops.MayKeepAlive(creation)))
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        var type = SyntaxGates.CreatedType(creation, model, cancellationToken);
        var isClient = types.IsHttpClient(type);
        if (type is null || !isClient && !types.IsPrimaryHandler(type))
        {
            return;
        }

        // Per-call creations are HCG001 / HCG002's; only what is kept for the process is this rule's. So is a client stored by
        // a method that runs again (ApiHelper.InitializeClient() at the start of every command: each run replaces the kept
        // client), which HCG001 reports: none of those clients lives long enough for DNS to go stale.
        if (CreationSite.Classify(creation, model, types, cancellationToken).IsPerCall || evidence.ReplacedEachRun(creation, model, cancellationToken) is not null)
        {
            return;
        }

        string keeper;
        if (LongLivedStorage.KeepsForProcess(creation, model, types, cancellationToken))
        {
            keeper = string.Empty;
        }
        else if (isClient && singletonOwners.Keeper(creation, model, cancellationToken) is { } singleton)
        {
            keeper = singleton;
        }
        else if (isClient && WorkerLoops.LoopKeeping(creation, model, cancellationToken) is { } loop)
        {
            // using var http = new HttpClient(); while (!token.IsCancellationRequested) { ... http.GetAsync(...) ... }
            keeper = loop;
        }
        else
        {
            return;
        }

        var storedIn = isClient ? CreationFlow.StoredIn(creation, model, cancellationToken) : null;
        if (isClient && LoopbackClients.TalksOnlyToThisMachine(creation, storedIn, cancellationToken))
        {
            // BaseAddress = new Uri("http://localhost:11434/"), or only ever s_client.GetAsync("http://127.0.0.1/..."): no DNS to refresh.
            return;
        }

        var verdict = isClient
            ? JudgeClient(creation, model, types, kind, cancellationToken)
            : JudgeHandler(creation, type, model, types, kind, isOwnCreation: true, cancellationToken);
        if (verdict.Phrase is null || GeneratedCode.IsInMarkedDeclaration(creation, model, cancellationToken))
        {
            return;
        }

        // static readonly HttpClient s_http = new(); whose only uses set its headers: it opens no connection. Asked last,
        // for a client about to be reported: it reads the member's uses in every file.
        if (isClient && (IdleClients.NeverSends(storedIn, model.Compilation, cancellationToken) || IdleClients.ReplacedBeforeUse(creation)))
        {
            // ... or private readonly HttpClient _client = new HttpClient(); that the constructor replaces before any use.
            return;
        }

        var properties = verdict.Fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, verdict.Fix);
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            DiagnosticLocations.Creation(creation),
            verdict.HandlersToFix,
            properties,
            type.Name,
            keeper + verdict.Phrase));
    }

    /// <summary>
    /// <c>return new HttpClient(...)</c>, <c>=&gt; new HttpClient(...)</c> or <c>var client = new HttpClient(); ...
    /// return client;</c> in a method: kept for the process when every use of the method keeps its result
    /// (<see cref="LongLivedStorage.EveryUseKeepsForProcess"/>).
    /// </summary>
    private static bool IsReturnedFromMethod(BaseObjectCreationExpressionSyntax creation) =>
        creation.ParentSkippingParenthesesAndCasts() switch
        {
            ReturnStatementSyntax returnStatement => returnStatement.ReturningFunction() is MethodDeclarationSyntax,
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax } => true,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } local } =>
                local.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { Body: { } body } && body.ReturnsLocal(local.Identifier.ValueText),
            _ => false,
        };

    private static Verdict JudgeClient(BaseObjectCreationExpressionSyntax creation, SemanticModel model, WellKnownTypes types, ProjectKind kind, CancellationToken cancellationToken)
    {
        var owned = new List<BaseObjectCreationExpressionSyntax>();
        switch (HandlerFlow.Classify(creation, model, types, owned, cancellationToken))
        {
            case HandlerFlow.ClientPool.OwnDefaultHandler:
                // HttpClient() builds the default handler; so does a derived client whose constructors reach HttpClient() through
                // implicit or argument-free base() and this(...) initializers (a derived client's constructor may otherwise pass
                // base(...) any handler, and HandlerFlow does not say which). Only HttpClient itself takes the handler fix.
                if (kind.DefaultHandlerIsNative || model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor)
                {
                    return Verdict.Quiet;
                }

                if (creation.ArgumentList is not { Arguments.Count: > 0 } && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.HttpClient))
                {
                    return new Verdict(DefaultHandlerPhrase, AddHandlerFix, Array.Empty<Location>());
                }

                return HandlerFlow.BuildsDefaultHandler(constructor, model, types, cancellationToken)
                    ? new Verdict(DefaultHandlerPhrase, null, Array.Empty<Location>())
                    : Verdict.Quiet;

            case HandlerFlow.ClientPool.OwnHandlerCreatedHere:
                return JudgeOwnedHandlers(owned, model, types, kind, cancellationToken);

            case HandlerFlow.ClientPool.OwnHandlerFromUnseenFactory:
                // new HttpClient(Proxy.CreateHandler()) with a factory of another assembly: an HttpClientHandler never has
                // a lifetime; a SocketsHttpHandler may have been given one there.
                return HandlerFlow.UnseenFactoryHandlerOf(creation, model, types, cancellationToken).InheritsFromOrEquals(types.HttpClientHandler) &&
                       !kind.DefaultHandlerIsNative
                    ? new Verdict(ClientHandlerPhrase, null, Array.Empty<Location>())
                    : Verdict.Quiet;

            default:
                return Verdict.Quiet;
        }
    }

    /// <summary>The client reports when any handler it may use lacks a lifetime; fixable only when all of those are SocketsHttpHandlers.</summary>
    private static Verdict JudgeOwnedHandlers(List<BaseObjectCreationExpressionSyntax> owned, SemanticModel model, WellKnownTypes types, ProjectKind kind, CancellationToken cancellationToken)
    {
        string? phrase = null;
        var fixable = true;
        var toFix = new List<Location>();
        foreach (var handler in owned)
        {
            var handlerType = SyntaxGates.CreatedType(handler, model, cancellationToken);
            var handlerVerdict = JudgeHandler(handler, handlerType, model, types, kind, isOwnCreation: false, cancellationToken);
            if (handlerVerdict.Phrase is null)
            {
                continue;
            }

            // An HttpClientHandler phrase wins: it is the case the fix cannot handle.
            phrase = phrase is null || handlerVerdict.Fix is null ? handlerVerdict.Phrase : phrase;
            fixable &= handlerVerdict.Fix is not null;
            toFix.AddRange(handlerVerdict.HandlersToFix);
        }

        return phrase is null
            ? Verdict.Quiet
            : new Verdict(phrase, fixable ? SetLifetimeFix : null, fixable ? toFix : Array.Empty<Location>());
    }

    private static Verdict JudgeHandler(
        BaseObjectCreationExpressionSyntax handler,
        ITypeSymbol? handlerType,
        SemanticModel model,
        WellKnownTypes types,
        ProjectKind kind,
        bool isOwnCreation,
        CancellationToken cancellationToken)
    {
        // SocketsHttpHandler is sealed: the exact type is the only one.
        if (SymbolEqualityComparer.Default.Equals(handlerType, types.SocketsHttpHandler))
        {
            return SetsLifetime(handler, model, cancellationToken)
                ? Verdict.Quiet
                : new Verdict(isOwnCreation ? OwnSocketsHandlerPhrase : SocketsHandlerPhrase, SetLifetimeFix, new[] { handler.GetLocation() });
        }

        // On .NET Core HttpClientHandler wraps a SocketsHttpHandler whose lifetime it does not expose.
        if (handlerType.InheritsFromOrEquals(types.HttpClientHandler) && !kind.DefaultHandlerIsNative)
        {
            return new Verdict(isOwnCreation ? OwnClientHandlerPhrase : ClientHandlerPhrase, null, Array.Empty<Location>());
        }

        // WinHttpHandler and platform handlers manage their connections themselves.
        return Verdict.Quiet;
    }

    /// <summary>
    /// <c>PooledConnectionLifetime</c> is assigned in the object initializer, or through the local
    /// or field the handler is stored in (<c>handler.PooledConnectionLifetime = ...</c>) anywhere in
    /// the member (local) or the type (field). Any value counts: an explicit infinite lifetime is a choice.
    /// </summary>
    private static bool SetsLifetime(BaseObjectCreationExpressionSyntax handler, SemanticModel model, CancellationToken cancellationToken)
    {
        if (handler.Initializer is { } initializer)
        {
            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: LifetimeProperty } })
                {
                    return true;
                }
            }
        }

        var storage = CreationFlow.StoredIn(handler, model, cancellationToken);
        if (storage is null)
        {
            return false;
        }

        foreach (var scope in ScopesOf(storage, handler, cancellationToken))
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: LifetimeProperty } target } &&
                    LastName(target.Expression) == storage.Name &&
                    // Another file of a partial type cannot be bound from here: the name match is taken as a yes (quiet).
                    (target.SyntaxTree != model.SyntaxTree || SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target.Expression, cancellationToken).Symbol, storage)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? LastName(ExpressionSyntax expression) => expression.Unwrap() switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        _ => null,
    };

    private static IEnumerable<SyntaxNode> ScopesOf(ISymbol storage, SyntaxNode handler, CancellationToken cancellationToken)
    {
        if (storage is ILocalSymbol)
        {
            if (handler.EnclosingMember() is { } member)
            {
                yield return member;
            }

            yield break;
        }

        if (storage is IFieldSymbol or IPropertySymbol)
        {
            foreach (var reference in storage.ContainingType.DeclaringSyntaxReferences)
            {
                yield return reference.GetSyntax(cancellationToken);
            }
        }
    }

    /// <summary>
    /// A client kept in a field of a type the container builds once (<c>AddSingleton&lt;X&gt;()</c>,
    /// <c>AddHostedService&lt;X&gt;()</c>), or of a type whose every instance such a singleton keeps in a field
    /// (<see cref="OwnerEvidence.Keepers"/>): kept for the life of the process, unless the owner is also made per call
    /// (then HCG001 / HCG002 report the creation and this rule leaves it). Only clients: a handler a singleton keeps on
    /// its own is handed to invokers and clients whose destinations are not read here (a proxy's invoker to a worker
    /// process on this machine is the case seen), so whether it resolves names that change is not known.
    /// </summary>
    private sealed class SingletonOwners
    {
        private readonly ContainerSingletons? _singletons;
        private readonly OwnerEvidence _evidence;

        public SingletonOwners(ContainerSingletons? singletons, OwnerEvidence evidence)
        {
            _singletons = singletons;
            _evidence = evidence;
        }

        /// <summary>The message's words for the owner that keeps the creation ("by 'X', a container singleton (...), "), or null.</summary>
        public string? Keeper(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            if (LongLivedStorage.KeptByInstance(creation, model, cancellationToken) is not { } owner ||
                IsFallbackForAnInjectedValue(creation, model, cancellationToken))
            {
                return null;
            }

            if (ProcessSingleton(owner, cancellationToken) is { } kind)
            {
                return _evidence.PerCallEvidence(owner, cancellationToken) is null ? $"by '{owner.Name}', {kind}, " : null;
            }

            // One level below: every instance of the owner is kept in a field of a container singleton or of an object a static keeps.
            var keepers = _evidence.Keepers(owner, cancellationToken);
            if (keepers.IsEmpty)
            {
                return null;
            }

            string? first = null;
            foreach (var keeper in keepers)
            {
                if (ProcessSingleton(keeper, cancellationToken) is not { } keeperKind ||
                    _evidence.PerCallEvidence(keeper, cancellationToken) is not null)
                {
                    return null;
                }

                first ??= $"by '{owner.Name}', kept by '{keeper.Name}', {keeperKind}, ";
            }

            return first;
        }

        /// <summary>
        /// How one instance of <paramref name="type"/> lives as long as the process, in the message's words: a container singleton
        /// ("a container singleton (AddSingleton)"), a per-resolution service only types built once ask for, or an object every
        /// instance of which a static keeps (a singleton's <c>Instance</c>); null when none.
        /// </summary>
        private string? ProcessSingleton(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (_singletons?.Registration(type, cancellationToken) is { } registration)
            {
                return $"a container singleton ({registration})";
            }

            if (_singletons?.BuiltOnceForSingletons(type, cancellationToken) is { } builtOnce)
            {
                // AddTransient<HttpClientService>() whose only consumer chain ends in AddHostedService<Worker>(): built once.
                return $"a service built once ({builtOnce})";
            }

            return _evidence.IsKeptByStatics(type, cancellationToken) ? "whose one instance a static keeps" : null;
        }

        /// <summary>
        /// <c>_http = httpClient ?? new HttpClient();</c> or <c>if (httpClientFactory == null) { _http = new HttpClient(); }</c> in
        /// the constructor the container calls: a fallback for a parameter the container fills when the application registers
        /// it (<c>AddHttpClient()</c> registers both <c>IHttpClientFactory</c> and <c>HttpClient</c>). Whether it does is the
        /// application's choice, often in another assembly: not claimed.
        /// </summary>
        private static bool IsFallbackForAnInjectedValue(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            SyntaxNode child = creation;
            for (var parent = creation.Parent; parent is not null and not ConstructorDeclarationSyntax; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Right == child && IsConstructorParameter(coalesce.Left):
                        return true;
                    case IfStatementSyntax branch when branch.Statement == child && ChecksParameterIsNull(branch.Condition, isNull: true):
                    case ElseClauseSyntax { Parent: IfStatementSyntax elseOf } when ChecksParameterIsNull(elseOf.Condition, isNull: false):
                        return true;
                    case MemberDeclarationSyntax:
                    case AnonymousFunctionExpressionSyntax:
                        return false;
                }
            }

            return false;

            bool IsConstructorParameter(ExpressionSyntax expression) =>
                model.GetSymbolInfo(expression.Unwrap(), cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } };

            bool ChecksParameterIsNull(ExpressionSyntax condition, bool isNull) => condition.Unwrap() switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals => isNull && ComparesWithNull(equals.Left, equals.Right),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } notEquals => !isNull && ComparesWithNull(notEquals.Left, notEquals.Right),
                IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNullPattern =>
                    isNull && IsConstructorParameter(isNullPattern.Expression),
                _ => false,
            };

            bool ComparesWithNull(ExpressionSyntax left, ExpressionSyntax right) =>
                right.IsKind(SyntaxKind.NullLiteralExpression) ? IsConstructorParameter(left) : left.IsKind(SyntaxKind.NullLiteralExpression) && IsConstructorParameter(right);
        }
    }

    private readonly struct Verdict
    {
        public Verdict(string? phrase, string? fix, IEnumerable<Location> handlersToFix)
        {
            Phrase = phrase;
            Fix = fix;
            HandlersToFix = handlersToFix;
        }

        public static Verdict Quiet => new(null, null, Array.Empty<Location>());

        /// <summary>Null when the creation is fine.</summary>
        public string? Phrase { get; }

        public string? Fix { get; }

        public IEnumerable<Location> HandlersToFix { get; }
    }

}
