using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Why instances of an owner, or the results of a factory, are made per call, looked up on demand
/// when a rule meets a per-instance or returned creation, in the rule's own callback. The owner's
/// creation sites, its registrations, the types derived from it and its holders, and a factory's
/// callers are found in every file through <see cref="SyntaxTreeIndex"/> (text first, per syntax
/// tree) and only those sites are bound. Because the answer never waits for the end of the
/// compilation, an editor's document-scoped analysis reports what the build reports, with the same
/// message. One instance per compilation and rule; answers are cached per symbol; safe from concurrent
/// callbacks.
/// </summary>
internal sealed partial class OwnerEvidence
{
    /// <summary>How many holders deep an owner's lifetime is followed (owner held by a holder held by ...).</summary>
    public const int MaxHolderDepth = 3;

    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly WellKnownTypes _types;
    private readonly FrameworkOwners _frameworks;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _generated = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, OwnerFacts> _owners = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, OwnerFacts> _constructorOwners = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, HashSet<IMethodSymbol>?> _reachingConstructors = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, FactoryFacts> _factories = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, OwnerFacts> _fallbackOwners = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, FactoryFacts> _fallbackFactories = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, FactoryFacts> _delegates = new(SymbolEqualityComparer.Default);
    private ImmutableHashSet<string>? _httpAliases;
    private bool? _hasGlobalAliases;
    private bool? _registersHttpClient;
    private ContainerSingletons? _singletons;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _onlySingletonsConsume = new(SymbolEqualityComparer.Default);

    public OwnerEvidence(Compilation compilation, AnalyzerOptions options, WellKnownTypes types, FrameworkOwners frameworks)
    {
        _compilation = compilation;
        _options = options;
        _types = types;
        _frameworks = frameworks;
    }

    /// <summary>
    /// Where a creation site (already resolved through private factories, <c>FactoryCallers.Resolve</c>)
    /// runs per call, for the message; null when it does not, or when nothing in the compilation shows it: per call
    /// on its own; returned by an internal or public factory that a per-call caller calls; inside a delegate kept in
    /// a member that is invoked per call; once per instance of an owner that is created per call (or a framework
    /// type made per request). HCG001, HCG002 and HCG008 decide the same way.
    /// </summary>
    public string? PerCallWhere(CreationSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        if (FactoryCallers.VisibleFactory(site, model, cancellationToken) is { } factory)
        {
            return FactoryEvidence(factory, site.Fallback, cancellationToken);
        }

        if (site.IsPerCall)
        {
            // Per call of a method that every caller runs once (Main calls it once) is once after all.
            return RunsOnce(site, model, new Walk(cancellationToken)) ? null : site.Describe();
        }

        if (site.Frequency == CreationFrequency.Invoked && site.Delegate is { } member)
        {
            return DelegateEvidence(member, cancellationToken);
        }

        if (site.Frequency != CreationFrequency.PerInstance || site.Owner is null || model.For(site.Owner.SyntaxTree).GetDeclaredSymbol(site.Owner, cancellationToken) is not { } owner)
        {
            return null;
        }

        if (site.Factory is { } running && model.For(running.SyntaxTree).GetDeclaredSymbol(running, cancellationToken) is { } method &&
            Runs(method, new Walk(cancellationToken), depth: 0).PerCallEvidence is null)
        {
            // public void Start() { HttpClient = new(handler); ... } called once in the compilation (Program's top-level
            // 'new UpTimeService().Start()'): made once, however many other instances of the owner are made per call
            // without calling it.
            return null;
        }

        return OwnerEvidenceFor(owner, Constructor(site, model, cancellationToken), site.Fallback, new Walk(cancellationToken));
    }

    /// <summary>
    /// The reason why instances of <paramref name="owner"/> are per call, or null: created per call, by a
    /// factory a per-call caller calls, or registered per resolution; else a derived type's or a holder's
    /// reason (a framework type created per request, or a holder created per call), followed up to
    /// <see cref="MaxHolderDepth"/> levels deep. The same answer in every callback and every build.
    /// </summary>
    public string? PerCallEvidence(INamedTypeSymbol owner, CancellationToken cancellationToken) =>
        PerCallEvidence(owner, constructor: null, fallback: null, new Walk(cancellationToken));

    /// <summary>
    /// As <see cref="PerCallEvidence(INamedTypeSymbol, CancellationToken)"/>; with <paramref name="constructor"/>, only
    /// the owner's instances built through that constructor (directly or through <c>this(...)</c>) count where the
    /// owner is created: a client made in <c>Client(string token)</c> is not made by <c>new Client(http, token)</c>; with
    /// <paramref name="fallback"/> too, only those that may pass null for it: <c>client ?? new HttpClient()</c> is not made
    /// by <c>new Client(s_shared)</c>.
    /// </summary>
    private string? PerCallEvidence(INamedTypeSymbol owner, IMethodSymbol? constructor, IParameterSymbol? fallback, Walk walk)
    {
        // Each type is read once, at the shallowest depth it is reached (a module reached first as the fourth type of one
        // chain, where the depth cut it, is read again as the holder of a shorter one).
        var visited = new Dictionary<INamedTypeSymbol, int>(SymbolEqualityComparer.Default) { [owner.OriginalDefinition] = 0 };
        return Evidence(owner.OriginalDefinition, depth: 0, constructor is null ? null : Reaching(constructor, walk.CancellationToken));

        bool Visit(INamedTypeSymbol type, int depth)
        {
            if (visited.TryGetValue(type, out var before) && before <= depth)
            {
                return false;
            }

            visited[type] = depth;
            return true;
        }

        // reaching: the constructors of current that run the creation (null: every one).
        string? Evidence(INamedTypeSymbol current, int depth, HashSet<IMethodSymbol>? reaching)
        {
            var facts = depth == 0 && constructor is not null ? ConstructorOwner(current, constructor, fallback, walk)
                : reaching is null ? Owner(current, walk)
                : ReadOwner(current, walk, reaching);
            if (facts.OwnEvidence is { } evidence)
            {
                return evidence;
            }

            if (depth >= MaxHolderDepth)
            {
                return null;
            }

            // What a base type creates per instance, each instance of a derived type creates too: of the derived type's
            // constructors, those whose base(...) chain runs one of the creating constructors.
            foreach (var derived in facts.Derived)
            {
                var derivedReaching = reaching is null ? null : DerivedConstructorsReaching(derived, reaching, walk.CancellationToken);
                if (derivedReaching is { Count: 0 })
                {
                    continue;
                }

                if (!Visit(derived, depth + 1))
                {
                    continue;
                }

                if (_frameworks.PerRequestKind(derived) is { } derivedKind)
                {
                    // AniListFetcher held by an abstract module base, whose concrete modules the framework makes per command.
                    return $"a base of '{derived.Name}' ({derivedKind})";
                }

                if (Evidence(derived, depth + 1, derivedReaching) is { } derivedEvidence)
                {
                    return $"a base of '{derived.Name}', which is {derivedEvidence}";
                }
            }

            foreach (var holder in facts.Holders)
            {
                if (!Visit(holder, depth + 1))
                {
                    continue;
                }

                if (_frameworks.PerRequestKind(holder) is { } kind)
                {
                    return $"created per instance of '{holder.Name}' ({kind})";
                }

                if (Evidence(holder, depth + 1, facts.ConstructorsMaking(holder)) is { } holderEvidence)
                {
                    return $"created per instance of '{holder.Name}', which is {holderEvidence}";
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Where a non-private factory's result is made per call, for the message: a caller that runs per
    /// call (the first in file order). Null when every caller runs once, and when nobody in the compilation
    /// calls it: a factory hands its result to its callers, so without a caller here there is no evidence
    /// that it runs per call (a library's public <c>CreateClient()</c> is called by its users, who may well
    /// keep the client).
    /// </summary>
    public string? FactoryEvidence(IMethodSymbol factory, IParameterSymbol? fallback, CancellationToken cancellationToken) =>
        Factory(factory, fallback, new Walk(cancellationToken)).PerCallEvidence is { } evidence
            ? evidence + " (returned by '" + factory.Name + "')"
            : null;

    /// <summary>
    /// Using aliases to HTTP types anywhere in the compilation (global aliases reach every file): their
    /// names pass the written-name gate too. Read from each file's cached index.
    /// </summary>
    public bool IsHttpAlias(string name, CancellationToken cancellationToken)
    {
        var aliases = _httpAliases;
        if (aliases is null)
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                builder.UnionWith(SyntaxTreeIndex.For(tree, cancellationToken).HttpAliases(cancellationToken));
            }

            aliases = builder.ToImmutable();
            Interlocked.CompareExchange(ref _httpAliases, aliases, null);
        }

        return aliases.Contains(name);
    }

    public bool IsFromThisCompilation(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly);

    private OwnerFacts Owner(INamedTypeSymbol owner, Walk walk) =>
        _owners.TryGetValue(owner, out var facts) ? facts : walk.Read(owner, _owners, () => ReadOwner(owner, walk, constructors: null), OwnerFacts.None);

    /// <summary>The owner's facts where only creations through <paramref name="constructor"/> (or a constructor chaining to it) count.</summary>
    private OwnerFacts ConstructorOwner(INamedTypeSymbol owner, IMethodSymbol constructor, IParameterSymbol? fallback, Walk walk)
    {
        if (fallback is not null)
        {
            // Computed once per fallback parameter: the constructors that run it, and of their callers those that may pass null.
            return _fallbackOwners.TryGetValue(fallback, out var reached)
                ? reached
                : walk.Read(fallback, _fallbackOwners, () => ReadOwner(owner, walk, ReachingConstructors(constructor, walk.CancellationToken), fallback), OwnerFacts.None);
        }

        if (_constructorOwners.TryGetValue(constructor, out var facts))
        {
            return facts;
        }

        // Computed once per constructor (it binds the type's this(...) initializers); null: every constructor reaches it.
        var reaching = Reaching(constructor, walk.CancellationToken);
        return reaching is null
            ? Owner(owner, walk)
            : walk.Read(constructor, _constructorOwners, () => ReadOwner(owner, walk, reaching), OwnerFacts.None);
    }

    /// <summary>The constructors of <paramref name="constructor"/>'s type that run it, read once per constructor; null: every one.</summary>
    private HashSet<IMethodSymbol>? Reaching(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        if (!_reachingConstructors.TryGetValue(constructor, out var reaching))
        {
            reaching = ReachingConstructors(constructor, cancellationToken);
            _reachingConstructors.TryAdd(constructor, reaching);
        }

        return reaching;
    }

    /// <summary>
    /// The instance constructors of <paramref name="derived"/> that run one of <paramref name="baseReaching"/> (constructors
    /// of its base type): through <c>this(...)</c> to one whose <c>base(...)</c> (or implicit <c>base()</c>) binds to one of
    /// them. Null when that is every constructor. A constructor whose chain does not bind counts as reaching (no owner is
    /// dismissed on a guess).
    /// </summary>
    private HashSet<IMethodSymbol>? DerivedConstructorsReaching(INamedTypeSymbol derived, HashSet<IMethodSymbol> baseReaching, CancellationToken cancellationToken)
    {
        var reaching = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var start in derived.InstanceConstructors)
        {
            var current = start;
            for (var step = 0; step <= derived.InstanceConstructors.Length; step++)
            {
                if (BaseTarget(current) is not var (target, isThis))
                {
                    // Does not bind: keep it.
                    reaching.Add(start.OriginalDefinition);
                    break;
                }

                if (!isThis)
                {
                    if (target is null || baseReaching.Contains(target.OriginalDefinition))
                    {
                        reaching.Add(start.OriginalDefinition);
                    }

                    break;
                }

                current = target!;
            }
        }

        return reaching.Count == derived.InstanceConstructors.Length ? null : reaching;

        // The constructor current's initializer runs (isThis: of the same type); target null: a base constructor not found.
        (IMethodSymbol? Target, bool IsThis)? BaseTarget(IMethodSymbol current)
        {
            if (current.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { } initializer })
            {
                return _compilation.ModelFor(initializer.SyntaxTree).GetSymbolInfo(initializer, cancellationToken).Symbol is IMethodSymbol bound
                    ? (bound, initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                    : null;
            }

            if (current.DeclaringSyntaxReferences.Length > 0 && current.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax)
            {
                // A primary constructor (its base list's arguments choose the base constructor): not read.
                return null;
            }

            // No initializer, or an implicit default constructor: the base type's parameterless constructor.
            return (derived.BaseType?.InstanceConstructors.FirstOrDefault(static c => c.Parameters.Length == 0), false);
        }
    }

    /// <summary>
    /// The instance constructors of <paramref name="constructor"/>'s type that run it: itself, and those whose
    /// <c>this(...)</c> chain leads to it. Null when that is every instance constructor (then the owner's facts serve).
    /// </summary>
    private HashSet<IMethodSymbol>? ReachingConstructors(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var type = constructor.ContainingType;
        var chained = new Dictionary<IMethodSymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var other in type.InstanceConstructors)
        {
            foreach (var reference in other.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: { RawKind: (int)SyntaxKind.ThisConstructorInitializer } initializer } &&
                    _compilation.ModelFor(initializer.SyntaxTree).GetSymbolInfo(initializer, cancellationToken).Symbol is IMethodSymbol target)
                {
                    chained[other.OriginalDefinition] = target.OriginalDefinition;
                }
            }
        }

        var reaching = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var start in type.InstanceConstructors)
        {
            // Follow the chain from each constructor (at most as many steps as there are constructors: a cycle does not compile).
            var current = start.OriginalDefinition;
            for (var step = 0; step <= chained.Count; step++)
            {
                if (SymbolEqualityComparer.Default.Equals(current, constructor.OriginalDefinition))
                {
                    reaching.Add(start.OriginalDefinition);
                    break;
                }

                if (!chained.TryGetValue(current, out var next))
                {
                    break;
                }

                current = next;
            }
        }

        return reaching.Count == type.InstanceConstructors.Length ? null : reaching;
    }

    /// <summary>The constructor a per-instance site runs in, bound; null when every instance makes the creation.</summary>
    private IMethodSymbol? Constructor(CreationSite site, SemanticModel model, CancellationToken cancellationToken) =>
        site.Constructor is { } declaration ? model.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) : null;

    private FactoryFacts Factory(IMethodSymbol factory, IParameterSymbol? fallback, Walk walk)
    {
        if (fallback is not null)
        {
            return _fallbackFactories.TryGetValue(fallback, out var reached)
                ? reached
                : walk.Read(fallback, _fallbackFactories, () => ReadFactory(factory.OriginalDefinition, fallback, walk), FactoryFacts.BeingRead);
        }

        var definition = factory.OriginalDefinition;
        return _factories.TryGetValue(definition, out var facts) ? facts : walk.Read(definition, _factories, () => ReadFactory(definition, fallback: null, walk), FactoryFacts.BeingRead);
    }

    /// <summary>
    /// Every place the compilation creates, registers or derives from <paramref name="owner"/>, bound and classified;
    /// with <paramref name="constructors"/>, only the creations that call one of them (derived types and registrations
    /// are not told apart by constructor: they count as before); with <paramref name="fallback"/>, only those that may
    /// pass null for it (<see cref="ParameterFallbacks.MayReach"/>).
    /// </summary>
    private OwnerFacts ReadOwner(INamedTypeSymbol owner, Walk walk, HashSet<IMethodSymbol>? constructors, IParameterSymbol? fallback = null)
    {
        var cancellationToken = walk.CancellationToken;
        string? created = null;
        string? registered = null;
        var factories = new List<(IMethodSymbol Factory, IParameterSymbol? Fallback)>();
        var holders = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var holderConstructors = new Dictionary<INamedTypeSymbol, HashSet<IMethodSymbol>?>(SymbolEqualityComparer.Default);
        var derived = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        if (!IsFromThisCompilation(owner))
        {
            return OwnerFacts.None;
        }

        foreach (var (tree, name) in Mentions(owner.Name, cancellationToken))
        {
            var model = _compilation.ModelFor(tree);
            var written = WrittenType(name);
            foreach (var creation in CreationsOf(written))
            {
                if (SyntaxGates.CreatedType(creation, model, cancellationToken) is INamedTypeSymbol type &&
                    SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner) &&
                    (constructors is null || Calls(creation, constructors, model, cancellationToken)) &&
                    (fallback is null || ParameterFallbacks.MayReach(creation, fallback, model, cancellationToken)) &&
                    !MemberFallbacks.NeverRuns(creation, model, cancellationToken))
                {
                    ReadCreation(creation, model);
                }
            }

            if (written.Parent is BaseTypeSyntax { Parent: BaseListSyntax { Parent: TypeDeclarationSyntax declaration } } &&
                model.GetDeclaredSymbol(declaration, cancellationToken) is { } derivedType &&
                !SymbolEqualityComparer.Default.Equals(derivedType.OriginalDefinition, owner) &&
                derivedType.BaseType.InheritsFromOrEquals(owner))
            {
                derived.Add(derivedType.OriginalDefinition);
            }

            if (registered is null && !ContainerFills(fallback, cancellationToken))
            {
                foreach (var registration in ServiceRegistrations.RegistrationsNaming(written))
                {
                    registered ??= ReadRegistration(registration, model, owner, constructors, cancellationToken);
                }
            }
        }

        // An owner returned by a non-private factory is per call when a caller of the factory is.
        string? fromFactory = null;
        foreach (var (factory, factoryFallback) in factories)
        {
            if (fromFactory is null && Factory(factory, factoryFallback, walk).PerCallEvidence is { } factoryEvidence)
            {
                fromFactory = "created " + factoryEvidence + " (returned by '" + factory.Name + "')";
            }
        }

        return new OwnerFacts(created ?? registered ?? fromFactory, Sorted(derived), Sorted(holders), holderConstructors);

        void ReadCreation(BaseObjectCreationExpressionSyntax creation, SemanticModel model)
        {
            var site = FactoryCallers.Resolve(CreationSite.Classify(creation, model, _types, cancellationToken), model, _types, cancellationToken, creation);
            if (site.Frequency == CreationFrequency.Returned)
            {
                if (FactoryCallers.VisibleFactory(site, model, cancellationToken) is { } factory)
                {
                    // static RestClient Create(HttpClient? client = null) => new RestClient(client); the owner's fallback runs
                    // only for the factory's calls that pass no client.
                    factories.Add((factory, fallback is null ? null : ParameterFallbacks.PassedOnBy(creation, fallback, model, cancellationToken)));
                }

                return;
            }

            if (site is { InLambda: true } && site.IsPerCall && MadeOnlyForSingletons(creation, model, cancellationToken))
            {
                // services.AddTransient<ITimesService>(sp => new TimesService()) asked for only by container singletons: made
                // once per singleton.
                return;
            }

            if (site.IsPerCall && (created is not null || !RunsOnce(site, model, walk)))
            {
                var container = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
                created ??= "created " + (container is null ? site : site.Qualified(container)).Describe();
            }
            else if (site.Frequency == CreationFrequency.Invoked && site.Delegate is { } member)
            {
                // () => new Owner() kept in a member: as often as the member is invoked.
                created ??= Delegate(member, walk).PerCallEvidence is { } invoked ? "created " + invoked + Through(member) : null;
            }
            else if (site.Frequency is CreationFrequency.OneTime or CreationFrequency.PerInstance && created is null &&
                     ReplacedEachRun(creation, model, cancellationToken) is { } replaced)
            {
                // s_auth = new TeslaAuth(); in a method each request runs: another owner each run, the last one dropped.
                created = "created " + replaced;
            }
            else if (site.Frequency == CreationFrequency.PerInstance && site.Owner is { } holderDeclaration &&
                model.For(holderDeclaration.SyntaxTree).GetDeclaredSymbol(holderDeclaration, cancellationToken) is { } holder &&
                !SymbolEqualityComparer.Default.Equals(holder.OriginalDefinition, owner))
            {
                if (site.Fallback is { } fallback)
                {
                    // _defs = defs ?? new Owner(...) in the holder's constructor: only the holders made without a value for
                    // that parameter make the owner (new Scanner(path, new Defs(shared)) per refresh makes none here).
                    created ??= OwnerEvidenceFor(holder.OriginalDefinition, Constructor(site, model, cancellationToken), fallback, walk) is { } reached
                        ? "created " + reached
                        : null;
                    return;
                }

                // new Owner() in a constructor or field initializer of a holder: the holder's lifetime decides, for the holder's
                // instances built through the constructors that run the creation ('Api() : this(new Options())' is not run by
                // 'new Api(options)').
                var key = holder.OriginalDefinition;
                var reaching = Constructor(site, model, cancellationToken) is { } constructor ? Reaching(constructor, cancellationToken) : null;
                if (holders.Add(key))
                {
                    holderConstructors[key] = reaching;
                }
                else if (holderConstructors[key] is { } earlier)
                {
                    holderConstructors[key] = reaching is null ? null : new HashSet<IMethodSymbol>(earlier.Concat(reaching), SymbolEqualityComparer.Default);
                }
            }
        }
    }

    /// <summary>
    /// <paramref name="creation"/> calls one of <paramref name="constructors"/>; when it does not bind to one, when any
    /// candidate is one of them or there is none (an owner created per call is not dismissed on a guess).
    /// </summary>
    private static bool Calls(BaseObjectCreationExpressionSyntax creation, HashSet<IMethodSymbol> constructors, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(creation, cancellationToken);
        if (info.Symbol is IMethodSymbol called)
        {
            return constructors.Contains(called.OriginalDefinition);
        }

        return info.CandidateSymbols.IsEmpty || info.CandidateSymbols.Any(candidate => candidate is IMethodSymbol method && constructors.Contains(method.OriginalDefinition));
    }

    /// <summary><c>AddTransient&lt;IX, Owner&gt;()</c>, <c>AddScoped(typeof(Owner))</c>, <c>AddHttpClient&lt;Owner&gt;()</c>, factory lambdas returning <c>new Owner(...)</c>, Autofac's <c>RegisterType&lt;Owner&gt;()</c>, MvvmCross's <c>Mvx.RegisterType&lt;IX, Owner&gt;()</c>.</summary>
    /// <remarks>
    /// A typed client counts only when a constructor the creation runs in (<paramref name="constructors"/>, or any of the
    /// owner's when every instance makes it) takes an <c>HttpClient</c>: the typed-client factory builds the type with the
    /// client it made as an argument, so a convenience constructor without one (<c>public Api() : this(new HttpClient())</c>)
    /// never runs there, and a type none of whose constructors takes one is never built by that registration (activation
    /// fails on the unused client argument).
    /// </remarks>
    private string? ReadRegistration(InvocationExpressionSyntax invocation, SemanticModel model, INamedTypeSymbol owner, HashSet<IMethodSymbol>? constructors, CancellationToken cancellationToken)
    {
        if (MvvmCrossRegistrations.Lifetime(invocation, model, cancellationToken) is var mvvmCross && mvvmCross != RegistrationKind.None)
        {
            // Mvx.RegisterType<IFeedService, FeedService>(): a new instance on every Mvx.Resolve<IFeedService>() and every
            // constructor that takes one; MvvmCross's singletons make one.
            return ServiceRegistrations.IsPerResolution(mvvmCross) &&
                   MvvmCrossRegistrations.RegisteredTypes(invocation, model, cancellationToken).Any(type => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner))
                ? $"registered as {ServiceRegistrations.Describe(mvvmCross)} with MvvmCross in '{invocation.EnclosingMemberName()}'"
                : null;
        }

        if (invocation.InvokedName() is { } invoked && AutofacRegistrations.IsRegistrationName(invoked))
        {
            // builder.RegisterType<Owner>().InstancePerLifetimeScope(): per resolution unless Autofac keeps a single instance.
            var lifetime = AutofacRegistrations.Lifetime(invocation, model, cancellationToken);
            return ServiceRegistrations.IsPerResolution(lifetime) &&
                   AutofacRegistrations.RegisteredTypes(invocation, model, cancellationToken).Any(type => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner))
                ? $"registered as {ServiceRegistrations.Describe(lifetime)} with Autofac in '{invocation.EnclosingMemberName()}'"
                : null;
        }

        if (NinjectRegistrations.IsBinding(invocation))
        {
            // Kernel.Bind<IApiService>().To<ApiService>().InRequestScope(): per resolution unless Ninject keeps a single instance.
            var scope = NinjectRegistrations.Lifetime(invocation, model, cancellationToken);
            return ServiceRegistrations.IsPerResolution(scope) &&
                   NinjectRegistrations.RegisteredTypes(invocation, model, cancellationToken).Any(type => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner))
                ? $"registered as {ServiceRegistrations.Describe(scope)} with Ninject in '{invocation.EnclosingMemberName()}'"
                : null;
        }

        if (invocation.InvokedName() is not { } methodName ||
            ServiceRegistrations.BoundOrOnlyCandidate(invocation, model, cancellationToken) is not IMethodSymbol method ||
            ServiceRegistrations.Classify(methodName, method, _types) is var kind && !ServiceRegistrations.IsPerResolution(kind) ||
            kind == RegistrationKind.TypedClient && !(constructors ?? (IEnumerable<IMethodSymbol>)owner.InstanceConstructors).Any(TakesAClient))
        {
            return null;
        }

        // AddTransient<IApi>(sp => new Api(sp.GetRequiredService<HttpClient>())): a factory lambda builds the owner with the
        // constructor it calls, so one whose creation runs only in other constructors never runs there.
        Func<BaseObjectCreationExpressionSyntax, bool>? builtBy = constructors is null ? null : creation => Calls(creation, constructors, model, cancellationToken);
        foreach (var type in ServiceRegistrations.RegisteredTypes(invocation, method, model, cancellationToken, builtBy))
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner))
            {
                // var provider = new ServiceCollection().AddTransient<Owner>()...BuildServiceProvider(); in Main, which only
                // resolves a few services from it once: a fixed handful of instances, not one per request.
                // AddTransient<LoginService>() asked for only by LoginViewModel, a container singleton: built once for it.
                return ServiceRegistrations.ResolvedOnlyAtStart(invocation, model, cancellationToken) ||
                       kind != RegistrationKind.TypedClient && ServiceRegistrations.ServiceType(invocation, method, model, cancellationToken) is { } service &&
                       OnlySingletonsConsume(service, cancellationToken)
                    ? null
                    : $"registered as {ServiceRegistrations.Describe(kind)} in '{invocation.EnclosingMemberName()}'";
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="creation"/> is what a per-resolution registration's factory lambda returns
    /// (<c>services.AddTransient(sp =&gt; new HttpClient())</c>) and every consumer of that service written in the compilation
    /// is a container singleton (<see cref="ServiceConsumers"/>): the lambda runs once per singleton.
    /// </summary>
    public bool MadeOnlyForSingletons(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.WithEnclosingParentheses().Parent is not AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } } lambda ||
            lambda.ExpressionBody?.Unwrap() != creation ||
            registration.InvokedName() is not { } name ||
            ServiceRegistrations.BoundOrOnlyCandidate(registration, model, cancellationToken) is not IMethodSymbol method ||
            ServiceRegistrations.Classify(name, method, _types) is not (RegistrationKind.Transient or RegistrationKind.Scoped) ||
            ServiceRegistrations.ServiceType(registration, method, model, cancellationToken) is not { } service)
        {
            return false;
        }

        return OnlySingletonsConsume(service, cancellationToken);
    }

    /// <summary><see cref="ServiceConsumers.OnlySingletonsConsume"/>, read once per service type and compilation.</summary>
    private bool OnlySingletonsConsume(INamedTypeSymbol service, CancellationToken cancellationToken) =>
        _onlySingletonsConsume.TryGetValue(service.OriginalDefinition, out var known)
            ? known
            : _onlySingletonsConsume.GetOrAdd(service.OriginalDefinition, ServiceConsumers.OnlySingletonsConsume(service, _compilation, Singletons, cancellationToken));

    /// <summary>
    /// The container singletons of the compilation, read on demand (only a per-resolution registration asks here); one per
    /// compilation, which HCG007 shares.
    /// </summary>
    public ContainerSingletons Singletons => _singletons ??= new ContainerSingletons(_compilation, _types);

    /// <summary>
    /// The container passes a client for <paramref name="fallback"/> (an <c>HttpClient</c> parameter of the constructor it
    /// calls, <c>HttpClient? httpClient = null</c>), so an instance it builds never reaches <c>httpClient ?? new HttpClient()</c>:
    /// any <c>AddHttpClient</c> call registers <c>HttpClient</c> itself (a transient client from the factory's default name).
    /// </summary>
    private bool ContainerFills(IParameterSymbol? fallback, CancellationToken cancellationToken) =>
        fallback is not null && SymbolEqualityComparer.Default.Equals(fallback.Type.OriginalDefinition, _types.HttpClient) &&
        (_registersHttpClient ??= CallsAddHttpClient(cancellationToken));

    private bool CallsAddHttpClient(CancellationToken cancellationToken)
    {
        foreach (var (tree, name) in Mentions("AddHttpClient", cancellationToken))
        {
            if (name.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access && access.Name == name &&
                _compilation.ModelFor(tree).GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol
                {
                    ContainingType: { Name: "HttpClientFactoryServiceCollectionExtensions" } extensions,
                } &&
                extensions.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constructor the typed-client factory can call with its client: one parameter takes an <c>HttpClient</c>.</summary>
    private bool TakesAClient(IMethodSymbol constructor) =>
        constructor.Parameters.Any(parameter => parameter.Type is INamedTypeSymbol type && _types.HttpClient.InheritsFromOrEquals(type));

    /// <summary>
    /// Every call of <paramref name="factory"/> (directly, or through the interface member it implements or
    /// the method it overrides) and every method group of it passed as an argument, bound and classified.
    /// A caller that is itself returned by another non-private factory is as frequent as that factory's
    /// callers; one in a constructor or instance initializer, as its owner's instances. With <paramref name="fallback"/>,
    /// only the calls that may pass null for that parameter count (<c>CreateHttpClient(handler)</c> with a handler in hand
    /// does not reach <c>handler != null ? new HttpClient(handler) : new HttpClient()</c>'s default client).
    /// </summary>
    private FactoryFacts ReadFactory(IMethodSymbol factory, IParameterSymbol? fallback, Walk walk)
    {
        var cancellationToken = walk.CancellationToken;
        var targets = Targets(factory);
        foreach (var name in targets.Select(target => target.Name).Distinct(StringComparer.Ordinal))
        {
            foreach (var (tree, simpleName) in Mentions(name, cancellationToken))
            {
                ExpressionSyntax use = simpleName.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == simpleName ? memberAccess : simpleName;
                var model = _compilation.ModelFor(tree);
                string? where;
                if (use.Parent is InvocationExpressionSyntax invocation && invocation.Expression == use)
                {
                    if (CannotCallStatic(factory, use, tree, cancellationToken) ||
                        model.BoundOrOnlyCandidate(invocation, cancellationToken) is not IMethodSymbol method ||
                        !targets.Contains((method.ReducedFrom ?? method).OriginalDefinition) ||
                        (fallback is not null && !ParameterFallbacks.MayPassNull(invocation, fallback, model, cancellationToken)))
                    {
                        continue;
                    }

                    where = CallerEvidence(invocation, CreationSite.Classify(invocation, model, _types, cancellationToken), model, factory, walk);
                }
                else if (use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax } } argument)
                {
                    // new Lazy<HttpClient>(Create), cache.GetOrAdd(key, Create), Task.Run(Create): called wherever the delegate runs.
                    if (FactoryCallers.ReferencedMethod(argument.Expression, model, cancellationToken) is not { } method || !targets.Contains(method))
                    {
                        continue;
                    }

                    var site = FactoryCallers.Resolve(CreationSite.ClassifyDelegate(argument.Expression, factory.Name, model, _types, cancellationToken), model, _types, cancellationToken);
                    where = site.IsPerCall ? "each time the delegate passed in '" + argument.EnclosingMemberName() + "' runs" : SiteEvidence(site, model, factory, walk);
                }
                else if (CreationSite.IsKeptInMember(use, model, cancellationToken) && FactoryCallers.ReferencedMethod(use, model, cancellationToken) is { } stored && targets.Contains(stored))
                {
                    // _clientFactory = HttpFactory.GetHttpClient (a field or property of delegate type): as often as it is invoked.
                    where = SiteEvidence(FactoryCallers.Resolve(CreationSite.ClassifyDelegate(use, factory.Name, model, _types, cancellationToken), model, _types, cancellationToken), model, factory, walk);
                }
                else
                {
                    continue;
                }

                if (where is not null)
                {
                    return new FactoryFacts(where);
                }
            }
        }

        return ImplementsClientFactory(factory, cancellationToken)
            ? new FactoryFacts("each time '" + factory.ContainingType.Name + ".CreateClient' is called, as IHttpClientFactory's users do on every use without disposing the client")
            : FactoryFacts.OneTime;
    }

    /// <summary>
    /// <paramref name="factory"/> is <c>CreateClient(string)</c> of a type that implements <c>System.Net.Http.IHttpClientFactory</c>
    /// (Microsoft.Extensions.Http), bound, or, with the package missing, written <c>IHttpClientFactory</c> in the type's base list
    /// and not binding to anything of the compilation. The interface's contract is that its users ask for a client per use and
    /// leave it undisposed, so an implementation that returns a new client for each call opens a pool per use, whoever calls it.
    /// </summary>
    private bool ImplementsClientFactory(IMethodSymbol factory, CancellationToken cancellationToken)
    {
        if (factory is not { Name: "CreateClient", Parameters.Length: 1, ContainingType: { } type } || factory.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        if (_types.HttpClientFactory is { } contract)
        {
            return type.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented, contract));
        }

        // The package is missing: the name written in the base list must not be an interface of the compilation's own.
        return !type.AllInterfaces.Any(known => known.Name == "IHttpClientFactory" && known.TypeKind != TypeKind.Error) &&
               type.DeclaringSyntaxReferences.Any(reference =>
                   reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList.Types: var bases } &&
                   bases.Any(written => written.Type is IdentifierNameSyntax { Identifier.ValueText: "IHttpClientFactory" } or QualifiedNameSyntax { Right.Identifier.ValueText: "IHttpClientFactory" }));
    }

    /// <summary>How often one call of a factory runs, as evidence for the message; null when it runs once.</summary>
    private string? CallerEvidence(ExpressionSyntax call, CreationSite raw, SemanticModel model, ISymbol factory, Walk walk)
    {
        var site = FactoryCallers.Resolve(raw, model, _types, walk.CancellationToken);
        if (site.IsPerCall && RunsOnce(site, model, walk))
        {
            return null;
        }

        if (site.IsPerCall)
        {
            var container = call.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
            return (container is null ? site : site.Qualified(container)).Describe();
        }

        if (OverridingOwner(call, site, model, factory, walk.CancellationToken) is { } overriding)
        {
            // GetHandler() called by the base type's constructor or lazy member, overridden in a derived type: only the
            // derived type's instances run the override, so their lifetime decides, not the base type's.
            return OwnerEvidenceFor(overriding, constructor: null, fallback: null, walk);
        }

        return SiteEvidence(site, model, factory, walk);
    }

    /// <summary>
    /// Evidence for a call that is not itself per call: returned by another internal or public factory
    /// (<c>return Wrap(Create())</c>, also through private ones), as often as that factory's callers run (none
    /// here: quiet); made once per instance (a constructor, an instance initializer, a cache of <c>this</c>), as
    /// often as the owner's instances are made. Null for any other site.
    /// </summary>
    private string? SiteEvidence(CreationSite site, SemanticModel model, ISymbol factory, Walk walk)
    {
        if (FactoryCallers.VisibleFactory(site, model, walk.CancellationToken) is { } outer)
        {
            return SymbolEqualityComparer.Default.Equals(outer.OriginalDefinition, factory.OriginalDefinition) ? null : Factory(outer, site.Fallback, walk).PerCallEvidence;
        }

        if (site.Frequency == CreationFrequency.Invoked && site.Delegate is { } member)
        {
            // Create() called inside a delegate kept in a member: as often as the member is invoked.
            return SymbolEqualityComparer.Default.Equals(member, factory.OriginalDefinition) ? null : Delegate(member, walk).PerCallEvidence;
        }

        if (site.Frequency != CreationFrequency.PerInstance || site.Owner is not { } ownerDeclaration ||
            model.For(ownerDeclaration.SyntaxTree).GetDeclaredSymbol(ownerDeclaration, walk.CancellationToken) is not { } owner)
        {
            return null;
        }

        return OwnerEvidenceFor(owner, Constructor(site, model, walk.CancellationToken), site.Fallback, walk);
    }

    private string? OwnerEvidenceFor(INamedTypeSymbol owner, IMethodSymbol? constructor, IParameterSymbol? fallback, Walk walk) =>
        _frameworks.PerRequestKind(owner) is { } kind
            ? $"per instance of '{owner.Name}' ({kind})"
            : PerCallEvidence(owner, constructor, fallback, walk) is { } evidence ? $"per instance of '{owner.Name}', which is {evidence}" : null;

    /// <summary>
    /// The derived type that declares <paramref name="factory"/> when it overrides the virtual member a base type calls
    /// on itself once per instance (<c>_client = new HttpClient(GetHandler())</c>); null otherwise.
    /// </summary>
    private static INamedTypeSymbol? OverridingOwner(ExpressionSyntax call, CreationSite site, SemanticModel model, ISymbol factory, CancellationToken cancellationToken)
    {
        if (site is not { Frequency: CreationFrequency.PerInstance, Owner: { } ownerDeclaration } ||
            factory is not IMethodSymbol { IsOverride: true, ContainingType: { } overriding } ||
            call is not InvocationExpressionSyntax { Expression: SimpleNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } ||
            model.For(ownerDeclaration.SyntaxTree).GetDeclaredSymbol(ownerDeclaration, cancellationToken) is not { } caller ||
            SymbolEqualityComparer.Default.Equals(overriding.OriginalDefinition, caller.OriginalDefinition) ||
            !overriding.InheritsFromOrEquals(caller.OriginalDefinition))
        {
            return null;
        }

        return overriding.OriginalDefinition;
    }

    /// <summary>
    /// <c>Other.Create()</c> cannot call the static <c>Clients.Create</c>: a static method is reached through
    /// its type's name (or an alias of it, so files with using aliases are bound). Decided from syntax, so
    /// that a common factory name (<c>Create</c>) does not bind every such call of the compilation.
    /// </summary>
    private bool CannotCallStatic(IMethodSymbol factory, ExpressionSyntax use, SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!factory.IsStatic || factory.IsExtensionMethod ||
            use is not MemberAccessExpressionSyntax { Expression: NameSyntax receiver } ||
            Aliases(tree, cancellationToken) != UsingAliases.None || HasGlobalAliases(cancellationToken))
        {
            return false;
        }

        var written = receiver switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return written is not null && written != factory.ContainingType.Name;
    }

    private bool HasGlobalAliases(CancellationToken cancellationToken)
    {
        if (_hasGlobalAliases is not { } known)
        {
            known = _compilation.SyntaxTrees.Any(tree => Aliases(tree, cancellationToken) == UsingAliases.Global);
            _hasGlobalAliases = known;
        }

        return known;
    }

    private static readonly object s_aliases = new();

    private static UsingAliases Aliases(SyntaxTree tree, CancellationToken cancellationToken) =>
        (UsingAliases)SyntaxTreeIndex.For(tree, cancellationToken).Fact(s_aliases, static (tree, cancellationToken) => (object)ReadAliases(tree, cancellationToken), cancellationToken);

    private static UsingAliases ReadAliases(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var found = UsingAliases.None;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: not null } directive)
            {
                found = directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) ? UsingAliases.Global : found == UsingAliases.Global ? found : UsingAliases.Local;
            }
        }

        return found;
    }

    private enum UsingAliases
    {
        None,
        Local,
        Global,
    }

    /// <summary>The factory, the interface members it implements and the methods it overrides: calls of any of them may run it.</summary>
    private static HashSet<IMethodSymbol> Targets(IMethodSymbol factory)
    {
        var targets = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { factory };
        for (var overridden = factory.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            targets.Add(overridden.OriginalDefinition);
        }

        foreach (var implemented in factory.ExplicitInterfaceImplementations)
        {
            targets.Add(implemented.OriginalDefinition);
        }

        foreach (var contract in factory.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(factory.Name))
            {
                if (member is IMethodSymbol method &&
                    SymbolEqualityComparer.Default.Equals(factory.ContainingType.FindImplementationForInterfaceMember(method)?.OriginalDefinition, factory))
                {
                    targets.Add(method.OriginalDefinition);
                }
            }
        }

        return targets;
    }

    /// <summary>The whole written type a name is the rightmost part of: <c>Owner</c> in <c>new Ns.Owner(...)</c> is <c>Ns.Owner</c>.</summary>
    private static TypeSyntax WrittenType(SimpleNameSyntax name)
    {
        TypeSyntax type = name;
        while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type ||
               type.Parent is AliasQualifiedNameSyntax aliased && aliased.Name == type)
        {
            type = (TypeSyntax)type.Parent;
        }

        return type;
    }

    /// <summary>
    /// The creations a written type builds: <c>new Owner(...)</c>, and the target-typed <c>new()</c>
    /// initializers of the fields, properties and locals declared with it.
    /// </summary>
    private static IEnumerable<BaseObjectCreationExpressionSyntax> CreationsOf(TypeSyntax written)
    {
        switch (written.Parent)
        {
            case ObjectCreationExpressionSyntax creation when creation.Type == written:
                yield return creation;
                break;
            case VariableDeclarationSyntax declaration when declaration.Type == written:
                foreach (var variable in declaration.Variables)
                {
                    if (variable.Initializer?.Value.Unwrap() is ImplicitObjectCreationExpressionSyntax implicitCreation)
                    {
                        yield return implicitCreation;
                    }
                }

                break;
            case PropertyDeclarationSyntax property when property.Type == written &&
                                                         property.Initializer?.Value.Unwrap() is ImplicitObjectCreationExpressionSyntax implicitCreation:
                yield return implicitCreation;
                break;
        }
    }

    /// <summary>The identifiers spelling <paramref name="name"/> in the compilation's files, in file order; generated files skipped.</summary>
    private IEnumerable<(SyntaxTree Tree, SimpleNameSyntax Name)> Mentions(string name, CancellationToken cancellationToken)
    {
        foreach (var simpleName in SyntaxTreeIndex.SimpleNames(_compilation, name, cancellationToken))
        {
            if (!IsGenerated(simpleName.SyntaxTree, cancellationToken))
            {
                yield return (simpleName.SyntaxTree, simpleName);
            }
        }
    }

    private bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!_generated.TryGetValue(tree, out var generated))
        {
            generated = GeneratedCode.IsGeneratedFile(tree, _options, cancellationToken);
            _generated.TryAdd(tree, generated);
        }

        return generated;
    }

    /// <summary>Sorted, so that the message names the same type in every build and every editor.</summary>
    private static ImmutableArray<INamedTypeSymbol> Sorted(HashSet<INamedTypeSymbol> types) =>
        types.Count == 0
            ? ImmutableArray<INamedTypeSymbol>.Empty
            : types.OrderBy(type => type.ToDisplayString(), StringComparer.Ordinal).ToImmutableArray();

    /// <summary>
    /// One question's walk over owners and factories: the symbols being read (a cycle is cut there, and
    /// an answer that depended on a cut is not cached), and the question's cancellation token.
    /// </summary>
    private sealed class Walk
    {
        private readonly HashSet<ISymbol> _reading = new(SymbolEqualityComparer.Default);
        private bool _cut;

        public Walk(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

        public CancellationToken CancellationToken { get; }

        public TFacts Read<TSymbol, TFacts>(TSymbol symbol, ConcurrentDictionary<TSymbol, TFacts> cache, Func<TFacts> read, TFacts whenCut)
            where TSymbol : ISymbol
        {
            if (!_reading.Add(symbol))
            {
                _cut = true;
                return whenCut;
            }

            var outerCut = _cut;
            _cut = false;
            var facts = read();
            var cut = _cut;
            _cut = outerCut || cut;
            _reading.Remove(symbol);
            return cut ? facts : cache.GetOrAdd(symbol, facts);
        }
    }

    private sealed class OwnerFacts
    {
        public static readonly OwnerFacts None = new(null, ImmutableArray<INamedTypeSymbol>.Empty, ImmutableArray<INamedTypeSymbol>.Empty, null);

        private readonly Dictionary<INamedTypeSymbol, HashSet<IMethodSymbol>?>? _holderConstructors;

        public OwnerFacts(string? ownEvidence, ImmutableArray<INamedTypeSymbol> derived, ImmutableArray<INamedTypeSymbol> holders,
                          Dictionary<INamedTypeSymbol, HashSet<IMethodSymbol>?>? holderConstructors)
        {
            OwnEvidence = ownEvidence;
            Derived = derived;
            Holders = holders;
            _holderConstructors = holderConstructors;
        }

        /// <summary>The constructors of <paramref name="holder"/> that create the owner; null: every one.</summary>
        public HashSet<IMethodSymbol>? ConstructorsMaking(INamedTypeSymbol holder) =>
            _holderConstructors is not null && _holderConstructors.TryGetValue(holder, out var constructors) ? constructors : null;

        /// <summary>Created per call, registered per resolution, or returned by a factory called per call.</summary>
        public string? OwnEvidence { get; }

        /// <summary>Types whose base list names the owner, in a stable order.</summary>
        public ImmutableArray<INamedTypeSymbol> Derived { get; }

        /// <summary>Types that create the owner per instance (constructor, field initializer), in a stable order.</summary>
        public ImmutableArray<INamedTypeSymbol> Holders { get; }
    }

    private sealed class FactoryFacts
    {
        /// <summary>Every caller runs once, or there is none in the compilation.</summary>
        public static readonly FactoryFacts OneTime = new(perCallEvidence: null);

        /// <summary>A factory met again while its own callers are read (recursion): no evidence from there.</summary>
        public static readonly FactoryFacts BeingRead = new(perCallEvidence: null);

        public FactoryFacts(string? perCallEvidence) => PerCallEvidence = perCallEvidence;

        public string? PerCallEvidence { get; }
    }
}
