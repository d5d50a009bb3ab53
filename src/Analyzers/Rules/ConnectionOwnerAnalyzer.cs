using System.Collections.Concurrent;
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
/// <see cref="OwnerLifetimes"/>, <see cref="FrameworkOwners"/>); the catalogue's <c>quiet_when</c>
/// shapes (<see cref="ConnectionOwnerTypes.SharesAPool"/>) keep creations over a shared pool quiet.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectionOwnerAnalyzer : DiagnosticAnalyzer
{
    private const string Title = "Client that owns connections created per call";
    private const string Message = "'{0}' is created {1}: each instance opens its own connections and leaves them in TIME_WAIT when dropped; create one for the process (a static readonly field, Lazy<T> or a singleton registration)";
    private const string Description = "Many SDK clients (RestSharp, Flurl, Refit, Octokit, SendGrid, Twilio, gRPC channels, Elasticsearch, Azure.Core transports, StackExchange.Redis, Cosmos DB, Service Bus) build their own HttpClient, handler or socket connection when created. Creating one per call opens new connections each time, exactly like new HttpClient() per call. Create one instance for the process, or hand the client a pool that is already shared.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(RuleIds.ConnectionOwnerPerCall, Title, Message, Description);

    /// <summary>HCG008 decided at the end of the compilation: the owner is created per call elsewhere, or a factory's callers are.</summary>
    internal static readonly DiagnosticDescriptor OwnerRule = RuleDescriptors.Create(
        RuleIds.ConnectionOwnerPerCall, Title, Message, Description, customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, OwnerRule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            // No catalogue package referenced and no user type named: nothing registered, nothing bound.
            if (ConnectionOwnerTypes.TryCreate(start.Compilation, start.Options, start.CancellationToken) is not { } owners ||
                WellKnownTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            var kind = ProjectKind.From(start.Compilation, start.Options);
            if (kind.IsBlazorWebAssembly)
            {
                return;
            }

            var state = new CompilationState(types, owners, kind, FrameworkOwners.Create(start.Compilation), new ConnectionOwnerIndex(start.Compilation, owners, start.CancellationToken), new OwnerLifetimes(start.Compilation));
            start.RegisterSyntaxNodeAction(state.AnalyzeCreation, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(state.AnalyzeInvocation, SyntaxKind.InvocationExpression);
            start.RegisterCompilationEndAction(state.ReportOwners);
        });
    }

    private sealed class CompilationState
    {
        private readonly WellKnownTypes _types;
        private readonly ConnectionOwnerTypes _owners;
        private readonly ProjectKind _kind;
        private readonly FrameworkOwners _frameworks;
        private readonly ConnectionOwnerIndex _index;
        private readonly OwnerLifetimes _lifetimes;
        private readonly ConcurrentQueue<Candidate> _ownerCandidates = new();
        private readonly ConcurrentQueue<Candidate> _factoryCandidates = new();

        public CompilationState(WellKnownTypes types, ConnectionOwnerTypes owners, ProjectKind kind, FrameworkOwners frameworks, ConnectionOwnerIndex index, OwnerLifetimes lifetimes)
        {
            _types = types;
            _owners = owners;
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

            // Decided from the written name before binding: a catalogue type, or a possible owner of one.
            var writtenName = SyntaxGates.WrittenTypeName(creation);
            if (writtenName is not null && !_owners.ConstructedTypeNames.Contains(writtenName) && !_index.MayBeOwner(writtenName))
            {
                return;
            }

            if (SyntaxGates.CreatedType(creation, context.SemanticModel, context.CancellationToken) is not INamedTypeSymbol created)
            {
                return;
            }

            if (_owners.ForConstructor(created) is { } resolved)
            {
                AnalyzeOwnerCreation(context, creation, resolved, DiagnosticLocations.Creation(creation));
                return;
            }

            if (created.TypeKind == TypeKind.Class && _lifetimes.IsFromThisCompilation(created) && _index.MayBeOwner(created.Name))
            {
                RecordOwnerCreation(context, creation, created);
            }
        }

        public void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (context.IsGeneratedCode || invocation.InvokedName() is not { } methodName)
            {
                return;
            }

            if (_owners.MethodNames.Contains(methodName) &&
                context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol factoryMethod &&
                _owners.ForMethod(factoryMethod.ReducedFrom ?? factoryMethod) is { } resolved)
            {
                AnalyzeOwnerCreation(context, invocation, resolved, invocation.GetLocation());
            }

            if (_index.MayBeFactory(methodName))
            {
                RecordFactoryCall(context, invocation);
            }

            RecordFactoryMethodGroups(context, invocation.ArgumentList);
            RecordRegistration(context, invocation, methodName);
        }

        /// <summary>A creation of a catalogue type: HCG001's verdict for the site, unless the arguments share a pool.</summary>
        private void AnalyzeOwnerCreation(SyntaxNodeAnalysisContext context, ExpressionSyntax creation, ConnectionOwnerTypes.Resolved resolved, Location location)
        {
            var model = context.SemanticModel;
            var cancellationToken = context.CancellationToken;
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

            if (!_owners.AppliesTo(resolved, creation.SyntaxTree) ||
                ConnectionOwnerTypes.SharesAPool(resolved, model.GetOperation(creation, cancellationToken)) ||
                _kind.SuppressesPerCallRules(creation.SyntaxTree) ||
                GeneratedCode.IsInMarkedDeclaration(creation, model, cancellationToken))
            {
                return;
            }

            if (factory is not null)
            {
                _factoryCandidates.Enqueue(new Candidate(factory, location, resolved.DisplayName));
                return;
            }

            if (site.IsPerCall)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, resolved.DisplayName, site.Describe()));
                return;
            }

            if (site.Owner is null || model.GetDeclaredSymbol(site.Owner, cancellationToken) is not { } owner)
            {
                return;
            }

            if (_frameworks.PerRequestKind(owner) is { } kind)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, location, resolved.DisplayName, $"per instance of '{owner.Name}' ({kind})"));
                return;
            }

            _ownerCandidates.Enqueue(new Candidate(owner, location, resolved.DisplayName));
        }

        /// <summary><c>new Owner(...)</c> per call makes every per-instance client of Owner per call; in a holder's constructor, the holder decides.</summary>
        private void RecordOwnerCreation(SyntaxNodeAnalysisContext context, BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol owner)
        {
            var model = context.SemanticModel;
            var site = FactoryCallers.Resolve(CreationSite.Classify(creation, model, _types, context.CancellationToken), model, _types, context.CancellationToken);
            if (!site.IsPerCall)
            {
                if (site.Frequency == CreationFrequency.PerInstance && site.Owner is { } holderDeclaration &&
                    model.GetDeclaredSymbol(holderDeclaration, context.CancellationToken) is { } holder &&
                    !SymbolEqualityComparer.Default.Equals(holder.OriginalDefinition, owner.OriginalDefinition))
                {
                    _lifetimes.AddHolder(owner, holder);
                }

                return;
            }

            var container = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
            _lifetimes.AddPerCallEvidence(owner, "created " + (container is null ? site : site.Qualified(container)).Describe());
        }

        /// <summary>Transient and scoped registrations of a possible owner make it per resolution.</summary>
        private void RecordRegistration(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, string methodName)
        {
            var named = ServiceRegistrations.KindFromName(methodName);
            if (named is not (RegistrationKind.Singleton or RegistrationKind.Transient or RegistrationKind.Scoped or RegistrationKind.TypedClient) ||
                !_index.HasOwners ||
                context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method ||
                ServiceRegistrations.Classify(methodName, method, _types) is var kind && !ServiceRegistrations.IsPerResolution(kind))
            {
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

        /// <summary>A factory passed as a method group runs wherever the delegate runs.</summary>
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
            foreach (var candidate in _factoryCandidates)
            {
                var factory = (IMethodSymbol)candidate.Symbol;
                string? where = _lifetimes.FactoryPerCallEvidence(factory) is { } evidence
                    ? evidence + " (returned by '" + factory.Name + "')"
                    : !_lifetimes.IsCalled(factory) && factory.IsVisibleOutsideAssembly()
                        ? "each time '" + factory.Name + "' runs"
                        : null;
                if (where is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(OwnerRule, candidate.Location, candidate.DisplayName, where));
                }
            }

            foreach (var candidate in _ownerCandidates)
            {
                var owner = (INamedTypeSymbol)candidate.Symbol;
                if (_lifetimes.PerCallEvidence(owner, _frameworks.PerRequestKind) is { } evidence)
                {
                    context.ReportDiagnostic(Diagnostic.Create(OwnerRule, candidate.Location, candidate.DisplayName, $"per instance of '{owner.Name}', which is {evidence}"));
                }
            }
        }
    }

    /// <summary>A creation decided at the end: per instance of an owner, or returned by a non-private factory.</summary>
    private sealed class Candidate
    {
        public Candidate(ISymbol symbol, Location location, string displayName)
        {
            Symbol = symbol;
            Location = location;
            DisplayName = displayName;
        }

        public ISymbol Symbol { get; }

        public Location Location { get; }

        public string DisplayName { get; }
    }
}
