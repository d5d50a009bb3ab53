using System;
using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG008: a client that owns its connections (a type of <c>docs/rules/HCG008-catalogue.tsv</c> or of
/// <c>httpclientguard.connection_owner_types</c>) created per call. How often a creation runs is decided
/// by HCG001's lifetime engine (<see cref="CreationSite"/>, <see cref="FactoryCallers"/>,
/// <see cref="OwnerEvidence"/>, <see cref="FrameworkOwners"/>), in the creation's own callback; the catalogue's <c>quiet_when</c>
/// shapes (<see cref="ConnectionOwnerTypes.SharesAPool"/>) keep creations over a shared pool quiet.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectionOwnerAnalyzer : DiagnosticAnalyzer
{
    private const string Title = "Client that owns connections created per call";
    private const string Message = "'{0}' is created {1}: each instance opens its own connections and leaves them in TIME_WAIT when dropped; create one for the process (a static readonly field, Lazy<T> or a singleton registration)";
    private const string Description = "Many SDK clients (RestSharp, Flurl, Refit, Octokit, SendGrid, Twilio, gRPC channels, Elasticsearch, Azure.Core transports, StackExchange.Redis, Cosmos DB, Service Bus) build their own HttpClient, handler or socket connection when created. Creating one per call opens new connections each time, exactly like new HttpClient() per call. Create one instance for the process, or hand the client a pool that is already shared.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(RuleIds.ConnectionOwnerPerCall, Title, Message, Description);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            // No catalogue package referenced and no user type named: only the unbound names of
            // UnboundConnectionOwners are looked for (a text check per creation and call, nothing bound before it passes).
            var owners = ConnectionOwnerTypes.TryCreate(start.Compilation, start.Options, start.CancellationToken);
            if (WellKnownTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            var kind = ProjectKind.From(start.Compilation, start.Options);
            if (kind.IsBlazorWebAssembly)
            {
                return;
            }

            // Built on the first creation that passes the gates: most compilations have none.
            var compilation = start.Compilation;
            var options = start.Options;
            var evidence = new Lazy<OwnerEvidence>(() => new OwnerEvidence(compilation, options, types, FrameworkOwners.Create(compilation)));
            var state = new CompilationState(types, owners, kind, evidence);
            start.RegisterSyntaxNodeAction(state.AnalyzeCreation, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(state.AnalyzeInvocation, SyntaxKind.InvocationExpression);
        });
    }

    private sealed class CompilationState
    {
        private readonly WellKnownTypes _types;
        private readonly ConnectionOwnerTypes? _owners;
        private readonly ProjectKind _kind;
        private readonly Lazy<OwnerEvidence> _evidence;

        public CompilationState(WellKnownTypes types, ConnectionOwnerTypes? owners, ProjectKind kind, Lazy<OwnerEvidence> evidence)
        {
            _types = types;
            _owners = owners;
            _kind = kind;
            _evidence = evidence;
        }

        public void AnalyzeCreation(SyntaxNodeAnalysisContext context)
        {
            var creation = (BaseObjectCreationExpressionSyntax)context.Node;
            if (!SyntaxGates.WrittenTypeMayBeClass(creation))
            {
                return;
            }

            // Decided from the written name before binding: only a catalogue type (bound, or written by name where its package
            // does not bind) goes on.
            var writtenName = SyntaxGates.WrittenTypeName(creation);
            var catalogued = _owners is not null && (writtenName is null || _owners.ConstructedTypeNames.Contains(writtenName));
            if ((!catalogued && !UnboundConnectionOwners.MayConstruct(writtenName)) || context.IsGeneratedCode)
            {
                return;
            }

            if (SyntaxGates.CreatedType(creation, context.SemanticModel, context.CancellationToken) is INamedTypeSymbol created &&
                _owners?.ForConstructor(created) is { } resolved)
            {
                AnalyzeOwnerCreation(context, creation, resolved.DisplayName, resolved, DiagnosticLocations.Creation(creation));
            }
            else if (creation is ObjectCreationExpressionSyntax written &&
                     UnboundConnectionOwners.ForCreation(written, context.SemanticModel, context.CancellationToken) is { } unboundName)
            {
                AnalyzeOwnerCreation(context, creation, unboundName, resolved: null, DiagnosticLocations.Creation(creation));
            }
        }

        public void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
        {
            // The name first: it turns away almost every call before anything else is asked.
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (invocation.InvokedName() is not { } methodName)
            {
                return;
            }

            var catalogued = _owners is not null && _owners.MethodNames.Contains(methodName);
            if (!(catalogued || UnboundConnectionOwners.MayCall(methodName)) || context.IsGeneratedCode)
            {
                return;
            }

            if (catalogued &&
                context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol factoryMethod &&
                _owners!.ForMethod(factoryMethod.ReducedFrom ?? factoryMethod) is { } resolved)
            {
                AnalyzeOwnerCreation(context, invocation, resolved.DisplayName, resolved, invocation.GetLocation());
            }
            else if (UnboundConnectionOwners.MayCall(methodName) &&
                     UnboundConnectionOwners.ForInvocation(invocation, context.SemanticModel, context.CancellationToken) is { } unboundName)
            {
                AnalyzeOwnerCreation(context, invocation, unboundName, resolved: null, invocation.GetLocation());
            }
        }

        /// <summary>
        /// A creation of a catalogue type: HCG001's verdict for the site, unless the arguments share a pool. <paramref name="resolved"/>
        /// is null for a type written by name whose package does not bind (<see cref="UnboundConnectionOwners"/> matched its arguments).
        /// </summary>
        private void AnalyzeOwnerCreation(SyntaxNodeAnalysisContext context, ExpressionSyntax creation, string displayName, ConnectionOwnerTypes.Resolved? resolved, Location location)
        {
            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
            var raw = CreationSite.Classify(creation, model, _types, cancellationToken);

            // Internal and public factories (reached directly or through private ones) are decided by their callers across the compilation.
            var site = FactoryCallers.Resolve(raw, model, _types, cancellationToken, creation);
            if (site.Frequency == CreationFrequency.OneTime)
            {
                return;
            }

            if ((resolved is not null &&
                 (!_owners!.AppliesTo(resolved, creation.SyntaxTree) || ConnectionOwnerTypes.SharesAPool(resolved, model.GetOperation(creation, cancellationToken)))) ||
                _kind.SuppressesPerCallRules(creation.SyntaxTree) ||
                GeneratedCode.IsInMarkedDeclaration(creation, model, cancellationToken))
            {
                return;
            }

            // The same verdict as HCG001's: never made after a jump of its block, or when it falls back for a member the
            // compilation never leaves null; per call, through a factory's callers, a stored delegate or an owner's lifetime.
            if (UnreachableCode.Contains(creation) || MemberFallbacks.NeverRuns(creation, model, cancellationToken))
            {
                return;
            }

            if (_evidence.Value.PerCallWhere(site, model, cancellationToken) is { } where)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, displayName, where));
            }
        }
    }
}
