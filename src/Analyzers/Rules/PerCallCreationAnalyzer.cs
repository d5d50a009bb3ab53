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
/// (<see cref="OwnerEvidence"/>, <see cref="FrameworkOwners"/>). A handler that flows into a
/// reported client is left to HCG001, whose fix folds it in. Every verdict, those that depend on other
/// files included (an owner created per call elsewhere, a registration, a factory's callers), is
/// reached in the creation's own callback: an editor's document-scoped analysis reports what the
/// build reports, and nothing waits for the end of the compilation.
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ClientRule, HandlerRule);

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

            var frameworks = FrameworkOwners.Create(start.Compilation);
            var state = new CompilationState(types, kind, new OwnerEvidence(start.Compilation, start.Options, types, frameworks));
            start.RegisterSyntaxNodeAction(state.AnalyzeCreation, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(state.AnalyzeFactoryCall, SyntaxKind.InvocationExpression);
        });
    }

    /// <summary>Everything one compilation's analysis shares; its delegates are registered once per compilation.</summary>
    private sealed class CompilationState
    {
        private readonly WellKnownTypes _types;
        private readonly ProjectKind _kind;
        private readonly OwnerEvidence _evidence;

        public CompilationState(WellKnownTypes types, ProjectKind kind, OwnerEvidence evidence)
        {
            _types = types;
            _kind = kind;
            _evidence = evidence;
        }

        /// <summary>
        /// <c>using var client = HttpClientFactory.Create();</c> (Microsoft.AspNet.WebApi.Client): a new client over a new
        /// handler on every call, decided like a <c>new HttpClient()</c> at the same place.
        /// </summary>
        public void AnalyzeFactoryCall(SyntaxNodeAnalysisContext context)
        {
            var call = (InvocationExpressionSyntax)context.Node;
            if (context.IsGeneratedCode || !FrameworkClientFactories.MayBeOne(call))
            {
                return;
            }

            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            if (!FrameworkClientFactories.MakesClientOverNewHandler(call, model, _types, cancellationToken) ||
                _kind.SuppressesPerCallRules(call.SyntaxTree) || UnreachableCode.Contains(call) ||
                GeneratedCode.IsInMarkedDeclaration(call, model, cancellationToken))
            {
                return;
            }

            var site = FactoryCallers.Resolve(CreationSite.Classify(call, model, _types, cancellationToken), model, _types, cancellationToken, call);
            if (site.Frequency != CreationFrequency.OneTime && _evidence.PerCallWhere(site, model, cancellationToken) is { } where)
            {
                context.ReportDiagnostic(Diagnostic.Create(ClientRule, call.GetLocation(), _types.HttpClient!.Name, where));
            }
        }

        public void AnalyzeCreation(SyntaxNodeAnalysisContext context)
        {
            var creation = (BaseObjectCreationExpressionSyntax)context.Node;
            if (context.IsGeneratedCode)
            {
                return;
            }

            if (!SyntaxGates.WrittenTypeMayBeClass(creation))
            {
                return;
            }

            // Most creations are of ordinary types (List, StringBuilder, records): decide from the
            // written name before binding anything. Only names that may be a client or a handler (or
            // a type deriving from one) go on.
            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            var writtenName = SyntaxGates.WrittenTypeName(creation);
            if (writtenName is not null && !SyntaxGates.MayNameHttpType(writtenName) && !_evidence.IsHttpAlias(writtenName, cancellationToken))
            {
                return;
            }

            if (SyntaxGates.CreatedType(creation, model, cancellationToken) is not INamedTypeSymbol created)
            {
                return;
            }

            var isClient = _types.IsHttpClient(created);
            var isHandler = !isClient && _types.IsPrimaryHandler(created);
            if (!isClient && !isHandler)
            {
                return;
            }

            var raw = CreationSite.Classify(creation, model, _types, cancellationToken);

            // Internal and public factories (reached directly or through private ones) are decided by their callers across the compilation.
            var site = FactoryCallers.Resolve(raw, model, _types, cancellationToken, creation);

            // _client = new HttpClient(...) in a method that a caller runs again: each run replaces the kept client. Asked only
            // of a creation kept once (or per instance) and only when nothing else makes it per call (below).
            var mayBeReplaced = raw.Frequency is CreationFrequency.OneTime or CreationFrequency.PerInstance;
            string? replaced = null;
            if (site.Frequency == CreationFrequency.OneTime &&
                (!mayBeReplaced || (replaced = _evidence.ReplacedEachRun(creation, model, cancellationToken)) is null))
            {
                return;
            }

            // A client over a shared handler opens no pool; a handler feeding a client here is the client's diagnostic.
            var ownedHandlers = new List<BaseObjectCreationExpressionSyntax>();
            if (isClient
                    ? HandlerFlow.Classify(creation, model, _types, ownedHandlers, cancellationToken) == HandlerFlow.ClientPool.SharedOrNone
                    : HandlerFlow.FlowsIntoClient(creation, model, _types, cancellationToken))
            {
                return;
            }

            // A second client over the handler an earlier client of this member already owns: the same pool, reported once.
            if (isClient && HandlerFlow.SharesHandlerWithEarlierClient(creation, ownedHandlers, model, _types, cancellationToken))
            {
                return;
            }

            // var handler = new HttpClientHandler { ... }; s_handlers.TryAdd(user, handler); return new HttpClient(handler);: the
            // handler made here is kept for the process (once per key), and so is the pool every such client uses.
            if (isClient && ownedHandlers.Count > 0 &&
                ownedHandlers.TrueForAll(handler => HandlerFlow.KeptInAStaticCache(handler, model, cancellationToken)))
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

            // Owner.HttpClient ?? new HttpClient(), where the compilation never leaves Owner.HttpClient null, or code after a
            // 'return' of its block: never made.
            if (UnreachableCode.Contains(creation) || MemberFallbacks.NeverRuns(creation, model, cancellationToken))
            {
                return;
            }

            // services.AddTransient(sp => new HttpClient()) asked for only by container singletons: made once per singleton.
            if (site is { InLambda: true } && site.IsPerCall && _evidence.MadeOnlyForSingletons(creation, model, cancellationToken))
            {
                return;
            }

            // A client or handler only ever configured or disposed opens no connection: no socket to leave behind.
            if (IdleClients.NeverSendsPerCall(creation, isClient, model, cancellationToken))
            {
                return;
            }

            // Per call on its own, or through a factory's callers, a stored delegate's invocations or an owner's lifetime.
            var where = replaced ?? _evidence.PerCallWhere(site, model, cancellationToken) ??
                        (mayBeReplaced ? _evidence.ReplacedEachRun(creation, model, cancellationToken) : null);
            if (where is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(isClient ? ClientRule : HandlerRule, DiagnosticLocations.Creation(creation), created.Name, where));
            }
        }
    }
}
