using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Where a stored value lives beyond the call that stores it.</summary>
internal enum Storage
{
    /// <summary>Not kept: a local, a parameter, an argument of something else.</summary>
    None,

    /// <summary>A static field or property, or an element of a collection held by one: kept for the process.</summary>
    Static,

    /// <summary>A field or property of this instance: kept as long as the instance (its owner's lifetime decides).</summary>
    Instance,
}

/// <summary>
/// Answers "where does this value outlive the call?": assignment targets (<see cref="StorageOf"/>), stores
/// into static caches (<see cref="StaticCacheStores"/>), atomic one-time initialization through
/// <c>Interlocked</c> / <c>LazyInitializer</c> (<see cref="AtomicInitializationTarget"/>), and, for HCG007,
/// whether a value is kept for the life of the process (<see cref="KeepsForProcess(ExpressionSyntax, SemanticModel, WellKnownTypes, CancellationToken)"/>):
/// stored in a static field or property, produced by the factory of a static <c>Lazy&lt;T&gt;</c>, or
/// registered as a dependency-injection singleton. Only the value itself counts: a client created in a
/// static initializer but used and dropped there, or handed to another object's constructor, is not
/// claimed (that object may or may not keep it).
/// </summary>
internal static class LongLivedStorage
{
    // Locals are followed to where they are stored; a chain longer than this is not worth reading.
    private const int MaxLocalHops = 4;

    /// <summary>
    /// Where a value stored into <paramref name="target"/> is kept beyond the call: a static field or
    /// property or an element of a static collection, or a field or property of this instance.
    /// </summary>
    public static Storage StorageOf(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken)
    {
        target = target.Unwrap();
        if (target is ElementAccessExpressionSyntax elementAccess)
        {
            // s_cache[key] = ..., _cache[key] = ...: the collection's holder decides.
            return CollectionStorage(elementAccess.Expression, model, cancellationToken);
        }

        var symbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
        if (symbol.IsStaticMember())
        {
            return Storage.Static;
        }

        if (symbol is IFieldSymbol or IPropertySymbol &&
            (target is IdentifierNameSyntax || target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return Storage.Instance;
        }

        if (symbol is IFieldSymbol { AssociatedSymbol: IPropertySymbol } && target is not MemberAccessExpressionSyntax)
        {
            // C# 14's field keyword (get => field ??= new HttpClient()): the property's own backing field, of this instance.
            return Storage.Instance;
        }

        if (symbol is IParameterSymbol parameter && target is IdentifierNameSyntax && IsCapturedPrimaryConstructorParameter(parameter, target))
        {
            // class Client(Region region, HttpClient? httpClient = null) { ... httpClient ??= new HttpClient(); ... }: a
            // member's body writes the parameter, so the compiler keeps it in a field of this instance.
            return Storage.Instance;
        }

        if (symbol is null && target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax holder } && IsUnboundTypeLikeName(holder, model, cancellationToken))
        {
            // HttpGet.HttpClient = client, with HttpGet another assembly's type that folder mode lacks (Lidarr's): a static
            // member of that type, or a member this instance inherits from a base that does not bind. Kept at least as long
            // as this instance; counted as this instance's, the shorter of the two.
            return Storage.Instance;
        }

        return Storage.None;
    }

    /// <summary>
    /// <paramref name="parameter"/> is a class's or struct's primary-constructor parameter (its constructor is declared by
    /// the type declaration itself) and <paramref name="reference"/> sits in a member's body (a method, an accessor, an
    /// expression-bodied property), where the compiler captures the parameter into a field of the instance; in a field
    /// initializer or the base list it is the constructor's own parameter, gone when construction ends.
    /// </summary>
    private static bool IsCapturedPrimaryConstructorParameter(IParameterSymbol parameter, SyntaxNode reference) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType.TypeKind: TypeKind.Class or TypeKind.Struct } constructor &&
        constructor.DeclaringSyntaxReferences.Length == 1 &&
        constructor.DeclaringSyntaxReferences[0].GetSyntax() is TypeDeclarationSyntax &&
        reference.Ancestors().Any(static node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or
                                                     ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax });

    /// <summary>
    /// <c>entry.Client = ...</c> where <c>entry</c> is a local whose one value is the entry a cache lookup hands out under a key
    /// (<c>var entry = _clients.GetOrAdd(name, _ => new ClientEntry());</c>): a member of an entry the collection keeps, kept
    /// as long as the collection is. Asked by the memoized-result check only, where a miss test on the same member guards the
    /// work; a plain store into such an entry replaces what an earlier call kept there.
    /// </summary>
    public static Storage EntryMemberStorage(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken) =>
        target.Unwrap() is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax holder } &&
        model.GetSymbolInfo(target, cancellationToken).Symbol is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } &&
        model.GetSymbolInfo(holder, cancellationToken).Symbol is ILocalSymbol local &&
        OnlyValueOf(local, model, cancellationToken)?.Unwrap() is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var collection } lookup } &&
        IsCacheLookup(lookup, model, cancellationToken)
            ? CollectionStorage(collection, model, cancellationToken)
            : Storage.None;

    /// <summary>
    /// A capitalised name that binds to nothing, not even a candidate (no local, parameter, member or type of the
    /// compilation has it): a type, or an inherited member, of an assembly the compilation lacks.
    /// </summary>
    private static bool IsUnboundTypeLikeName(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        var text = name.Identifier.ValueText;
        if (text.Length == 0 || !char.IsUpper(text[0]) || name.ContainsDiagnostics)
        {
            return false;
        }

        var info = model.GetSymbolInfo(name, cancellationToken);
        return info.Symbol is null && info.CandidateSymbols.IsDefaultOrEmpty &&
               model.LookupSymbols(name.SpanStart, name: text).IsDefaultOrEmpty;
    }

    /// <summary>
    /// <c>s_cache.TryAdd(key, new HttpClient())</c> and the other value stores of a collection held in a
    /// static member (<c>s_cache[key] = ...</c> is an assignment, see <see cref="StorageOf"/>): the user
    /// already pools. The value form of <c>GetOrAdd</c> is not here: it builds a client on every call, cached or not.
    /// </summary>
    public static bool StaticCacheStores(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken) =>
        argument.Expression is not AnonymousFunctionExpressionSyntax &&
        argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } } &&
        memberAccess.Name.Identifier.ValueText is "TryAdd" or "Add" or "AddOrUpdate" or "TryUpdate" or "Set" &&
        model.GetSymbolInfo(memberAccess.Expression, cancellationToken).Symbol.IsStaticMember();

    /// <summary>
    /// <c>cache.TryAdd(key, value)</c>, <c>cache.Add(...)</c>, <c>AddOrUpdate</c>, <c>TryUpdate</c>, <c>Set</c> with
    /// <paramref name="argument"/> as a value (not a delegate): where the collection is held, static or by this
    /// instance; <see cref="Storage.None"/> for anything else.
    /// </summary>
    public static Storage CollectionStoreTarget(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken) =>
        StoredInto(argument) is { } collection ? CollectionStorage(collection, model, cancellationToken) : Storage.None;

    /// <summary>
    /// The collection <paramref name="argument"/> is stored into as a value (not a delegate) by <c>TryAdd</c>, <c>Add</c>,
    /// <c>AddOrUpdate</c>, <c>TryUpdate</c> or <c>Set</c> (<c>cache.TryAdd(key, value)</c>: <c>cache</c>), read from syntax alone;
    /// null for anything else.
    /// </summary>
    public static ExpressionSyntax? StoredInto(ArgumentSyntax argument) =>
        argument.Expression is not AnonymousFunctionExpressionSyntax &&
        argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } } &&
        memberAccess.Name.Identifier.ValueText is "TryAdd" or "Add" or "AddOrUpdate" or "TryUpdate" or "Set"
            ? memberAccess.Expression
            : null;

    /// <summary>A collection held in a static member, or in a field or property of this instance.</summary>
    public static Storage CollectionStorage(ExpressionSyntax collection, SemanticModel model, CancellationToken cancellationToken) =>
        CollectionStorage(collection, model, cancellationToken, depth: 0);

    private static Storage CollectionStorage(ExpressionSyntax collection, SemanticModel model, CancellationToken cancellationToken, int depth)
    {
        collection = collection.Unwrap();
        var symbol = model.GetSymbolInfo(collection, cancellationToken).Symbol;
        if (symbol.IsStaticMember())
        {
            return Storage.Static;
        }

        if (symbol is ILocalSymbol local && depth < 2 && collection is IdentifierNameSyntax && OnlyValueOf(local, model, cancellationToken) is { } value)
        {
            // var clients = custom == null ? s_clients : s_custom.GetValue(custom, _ => new ConditionalWeakTable<...>());: a
            // collection the local only ever names is kept as long as the one it came from.
            return ValueStorage(value, model, cancellationToken, depth + 1);
        }

        if (symbol is not (IFieldSymbol or IPropertySymbol) ||
            !(collection is IdentifierNameSyntax || collection is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return Storage.None;
        }

        // The application's IMemoryCache / IDistributedCache, injected (AddMemoryCache registers one for the container):
        // what is kept in it outlives this instance.
        return IsApplicationCache(symbol) && IsOnlyInjected(symbol, model, cancellationToken) ? Storage.Static : Storage.Instance;
    }

    /// <summary>
    /// Where a local's value is kept: each branch of a conditional (the shorter-lived decides), the collection a cache lookup
    /// hands it out of (a table kept in a static table is kept for the process), or the collection it names.
    /// </summary>
    private static Storage ValueStorage(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken, int depth) =>
        value.Unwrap() switch
        {
            ConditionalExpressionSyntax { WhenTrue: var whenTrue, WhenFalse: var whenFalse } =>
                Weaker(ValueStorage(whenTrue, model, cancellationToken, depth), ValueStorage(whenFalse, model, cancellationToken, depth)),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var outer } cacheCall } when IsCacheLookup(cacheCall, model, cancellationToken) =>
                CollectionStorage(outer, model, cancellationToken, depth),
            var other => CollectionStorage(other, model, cancellationToken, depth),
        };

    /// <summary>
    /// A call that hands out the value a collection keeps under a key, making it on a miss: <c>GetOrAdd</c>,
    /// <c>AddOrUpdate</c>, <c>GetOrCreate</c>, <c>GetOrCreateAsync</c>, and <c>ConditionalWeakTable&lt;,&gt;.GetValue(key,
    /// create)</c> / <c>GetOrCreateValue(key)</c> (by its bound type: <c>GetValue</c> is a common name).
    /// </summary>
    public static bool IsCacheLookup(MemberAccessExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken) =>
        call.Name.Identifier.ValueText switch
        {
            "GetOrAdd" or "AddOrUpdate" or "GetOrCreate" or "GetOrCreateAsync" => true,
            "GetValue" or "GetOrCreateValue" => model.GetTypeInfo(call.Expression, cancellationToken).Type is INamedTypeSymbol
            {
                Name: "ConditionalWeakTable", ContainingNamespace: { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
            },
            _ => false,
        };

    /// <summary>The initializer of <paramref name="local"/> when nothing in its function writes it again.</summary>
    internal static ExpressionSyntax? OnlyValueOf(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences is { Length: 1 } declarations &&
        declarations[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var value } declarator &&
        declarator.EnclosingFunction() is { } function &&
        !model.ValuesWritten(local, function, cancellationToken).Any
            ? value
            : null;

    /// <summary>The shorter-lived of two storages: <see cref="Storage.None"/> before <see cref="Storage.Instance"/> before <see cref="Storage.Static"/>.</summary>
    private static Storage Weaker(Storage a, Storage b) =>
        a == Storage.None || b == Storage.None ? Storage.None : a == Storage.Instance || b == Storage.Instance ? Storage.Instance : Storage.Static;

    private static bool IsApplicationCache(ISymbol member) =>
        ((member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type) is { TypeKind: TypeKind.Interface } type &&
        (type.Name == "IMemoryCache" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Caching.Memory" ||
         type.Name == "IDistributedCache" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Caching.Distributed");

    /// <summary>
    /// Every write of <paramref name="member"/> in its type (an initializer, an assignment) stores a constructor parameter:
    /// the container's instance, not one this type makes.
    /// </summary>
    private static bool IsOnlyInjected(ISymbol member, SemanticModel model, CancellationToken cancellationToken)
    {
        var writes = 0;
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            var typeModel = model.For(type.SyntaxTree);
            foreach (var node in type.DescendantNodes())
            {
                ExpressionSyntax? value;
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == member.Name &&
                        SymbolEqualityComparer.Default.Equals(typeModel.GetDeclaredSymbol(declarator, cancellationToken), member):
                        value = initial;
                        break;
                    case PropertyDeclarationSyntax { Initializer.Value: var initial } property when property.Identifier.ValueText == member.Name &&
                        SymbolEqualityComparer.Default.Equals(typeModel.GetDeclaredSymbol(property, cancellationToken), member):
                        value = initial;
                        break;
                    case AssignmentExpressionSyntax { Left: var target, Right: var right } when
                        (target.Unwrap() is IdentifierNameSyntax { Identifier.ValueText: var name } && name == member.Name ||
                         target.Unwrap() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var accessed } && accessed == member.Name) &&
                        SymbolEqualityComparer.Default.Equals(typeModel.GetSymbolInfo(target, cancellationToken).Symbol, member):
                        value = right;
                        break;
                    default:
                        continue;
                }

                writes++;
                if (value.Unwrap() is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Left: var checkedValue })
                {
                    // _cache = cache ?? throw new ArgumentNullException(nameof(cache))
                    value = checkedValue;
                }

                if (typeModel.GetSymbolInfo(value.Unwrap(), cancellationToken).Symbol is not IParameterSymbol)
                {
                    return false;
                }
            }
        }

        return writes > 0;
    }

    /// <summary>
    /// <c>Interlocked.CompareExchange / Exchange (ref x, value, ...)</c> and
    /// <c>LazyInitializer.EnsureInitialized(ref x, factory)</c>: where x lives, for the value or factory
    /// <paramref name="argument"/>; <see cref="Storage.None"/> for anything else.
    /// </summary>
    public static Storage AtomicInitializationTarget(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompareExchange" or "Exchange" or "EnsureInitialized" })
        {
            return Storage.None;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count < 2 || arguments[0] == argument || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword))
        {
            return Storage.None;
        }

        var storage = StorageOf(arguments[0].Expression, model, cancellationToken);
        return storage != Storage.None && (model.GetSymbolInfo(invocation, cancellationToken).Symbol?.ContainingType).IsAtomicInitializer()
            ? storage
            : Storage.None;
    }

    /// <summary>HCG007's question: is <paramref name="value"/> kept for the life of the process?</summary>
    public static bool KeepsForProcess(ExpressionSyntax value, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        KeepsForProcess(value, model, types, MaxLocalHops, cancellationToken);

    private static bool KeepsForProcess(ExpressionSyntax value, SemanticModel model, WellKnownTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case CastExpressionSyntax:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }:
                    // The value passes through unchanged.
                    continue;

                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax fluent } access
                    when access.Expression == child && ReturnsItsReceiver(fluent, model, cancellationToken):
                    // s_client = HttpClientFactory.Create(...).WithUserAgent(): the extension hands back the client it was given.
                    parent = fluent;
                    continue;

                case AssignmentExpressionSyntax assignment
                    when assignment.Right == child &&
                         assignment.Parent is not InitializerExpressionSyntax &&
                         (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)):
                    // s_client = ..., s_client ??= ..., and s_client ?? (s_client = ...) through the coalesce above.
                    var target = model.GetSymbolInfo(assignment.Left.Unwrap(), cancellationToken).Symbol;
                    if (target.IsStaticMember())
                    {
                        return true;
                    }

                    return target is ILocalSymbol assignedLocal && hopsLeft > 0 &&
                           LocalIsKept(assignedLocal, assignment, model, types, hopsLeft - 1, cancellationToken);

                case EqualsValueClauseSyntax equalsValue when equalsValue.Value == child:
                    return equalsValue.Parent switch
                    {
                        VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => field.Modifiers.Any(SyntaxKind.StaticKeyword),
                        PropertyDeclarationSyntax property => property.Modifiers.Any(SyntaxKind.StaticKeyword),
                        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator =>
                            hopsLeft > 0 &&
                            model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol declaredLocal &&
                            LocalIsKept(declaredLocal, declarator, model, types, hopsLeft - 1, cancellationToken),
                        _ => false,
                    };

                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == child:
                    return IsLongLivedFactory(lambda, model, types, hopsLeft, cancellationToken);

                case ReturnStatementSyntax:
                    return parent.ReturningFunction() switch
                    {
                        AnonymousFunctionExpressionSyntax returningLambda => IsLongLivedFactory(returningLambda, model, types, hopsLeft, cancellationToken),
                        MethodDeclarationSyntax method => hopsLeft > 0 && EveryUseKeepsForProcess(method, model, types, hopsLeft - 1, cancellationToken),
                        _ => false,
                    };

                case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax arrowMethod }:
                    return hopsLeft > 0 && EveryUseKeepsForProcess(arrowMethod, model, types, hopsLeft - 1, cancellationToken);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } } when
                    hopsLeft > 0 && types.IsDelegatingHandler(SyntaxGates.CreatedType(wrapper, model, cancellationToken)):
                    // static readonly LoggingHandler Handler = new LoggingHandler(new HttpClientHandler()): a delegating
                    // handler holds its inner handler for its own life, so the inner one lives as long as the wrapper is kept.
                    return KeepsForProcess(wrapper, model, types, hopsLeft - 1, cancellationToken);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax owner } } ownerArgument when
                    hopsLeft > 0 && StoredByConstructor(ownerArgument, owner, model, hopsLeft - 1, cancellationToken):
                    // static readonly CurseForgeService CurseForge = new(new HttpClient()): the constructor, declared here, keeps
                    // the client in a field of the object it builds, which lives as long as the object is kept.
                    return KeepsForProcess(owner, model, types, hopsLeft - 1, cancellationToken);

                case ArgumentSyntax argument:
                    // services.AddSingleton(new HttpClient()), Interlocked.CompareExchange(ref s_client, new HttpClient(), null).
                    return argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } &&
                           (IsSingletonRegistration(invocation, model, types, cancellationToken) ||
                            AtomicInitializationTarget(invocation, argument, model, cancellationToken) == Storage.Static);

                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// HCG007's question for an owner's field: the type whose instances keep <paramref name="value"/> for their whole
    /// life, or null. Kept means stored into an instance field or property of the type being built, by its initializer
    /// (<c>private readonly HttpClient _http = new();</c>), in an instance constructor (also through a local:
    /// <c>var client = new HttpClient(); _http = client;</c>), or by a lazy <c>_http ??= new HttpClient()</c> anywhere in
    /// the type, or in a method that opens the object's lifetime (a hosted service's <c>StartAsync</c>, which its
    /// <c>StopAsync</c> closes). A plain assignment in any other method may replace the client on every call: not claimed.
    /// </summary>
    public static INamedTypeSymbol? KeptByInstance(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
        KeptByInstance(value, model, MaxLocalHops, cancellationToken);

    private static INamedTypeSymbol? KeptByInstance(ExpressionSyntax value, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (parent.PassesValueThrough(child))
            {
                continue;
            }

            switch (parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Right == child && assignment.Parent is not InitializerExpressionSyntax:
                    var lazy = assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression);
                    if (!lazy && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        return null;
                    }

                    var target = model.GetSymbolInfo(assignment.Left.Unwrap(), cancellationToken).Symbol;
                    if (target is ILocalSymbol assignedLocal)
                    {
                        return !lazy && hopsLeft > 0 && InInstanceConstructor(assignment)
                            ? LocalKeptByInstance(assignedLocal, assignment, model, hopsLeft - 1, cancellationToken)
                            : null;
                    }

                    return StorageOf(assignment.Left, model, cancellationToken) == Storage.Instance &&
                           (lazy || InInstanceConstructor(assignment) || InLifetimeStart(assignment, model, cancellationToken)) &&
                           DeclaringType(assignment, model, cancellationToken) is { } holder &&
                           SymbolEqualityComparer.Default.Equals(target!.ContainingType.OriginalDefinition, holder.OriginalDefinition)
                        ? holder
                        : null;

                case EqualsValueClauseSyntax equalsValue when equalsValue.Value == child:
                    switch (equalsValue.Parent)
                    {
                        case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } when !field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword):
                        case PropertyDeclarationSyntax property when !property.Modifiers.Any(SyntaxKind.StaticKeyword):
                            return DeclaringType(equalsValue, model, cancellationToken);
                        case VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator
                            when hopsLeft > 0 && InInstanceConstructor(declarator) && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol declaredLocal:
                            return LocalKeptByInstance(declaredLocal, declarator, model, hopsLeft - 1, cancellationToken);
                        default:
                            return null;
                    }

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ConstructorInitializerSyntax initializer } } argument when hopsLeft > 0:
                    // : this(new HttpClient { Timeout = ... }, tokenStore, logger): the constructor it chains to stores it.
                    return StoredByConstructor(argument, initializer, model, hopsLeft - 1, cancellationToken)
                        ? DeclaringType(initializer, model, cancellationToken)
                        : null;

                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The constructor <paramref name="call"/> runs (one <c>this(...)</c> or <c>base(...)</c> chains to, or one an object
    /// creation calls), declared in this compilation, stores the parameter <paramref name="argument"/> fills in a field of its
    /// type, as its own value.
    /// </summary>
    private static bool StoredByConstructor(ArgumentSyntax argument, SyntaxNode call, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        if (ChainedParameter(argument, call, model, cancellationToken) is not var (parameter, constructor, targetModel))
        {
            return false;
        }

        foreach (var identifier in targetModel.References(parameter, constructor, cancellationToken))
        {
            if (KeptByInstance(identifier, targetModel, hopsLeft, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The field or property of its type the constructor <paramref name="initializer"/> chains to assigns the parameter
    /// <paramref name="argument"/> fills to (<c>this.httpClient = httpClient;</c>), or null.
    /// </summary>
    public static ISymbol? ChainedConstructorStore(ArgumentSyntax argument, ConstructorInitializerSyntax initializer, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ChainedParameter(argument, initializer, model, cancellationToken) is not var (parameter, constructor, targetModel))
        {
            return null;
        }

        foreach (var identifier in targetModel.References(parameter, constructor, cancellationToken))
        {
            if (identifier.ParentSkippingParenthesesAndCasts() is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment &&
                assignment.Right.Unwrap() == identifier &&
                targetModel.GetSymbolInfo(assignment.Left.Unwrap(), cancellationToken).Symbol is { Kind: SymbolKind.Field or SymbolKind.Property, IsStatic: false } member &&
                SymbolEqualityComparer.Default.Equals(member.ContainingType.OriginalDefinition, parameter.ContainingType.OriginalDefinition))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>The parameter <paramref name="argument"/> fills in the source constructor <paramref name="call"/> runs (a constructor initializer or an object creation), with that constructor and its model.</summary>
    private static (IParameterSymbol Parameter, ConstructorDeclarationSyntax Constructor, SemanticModel Model)? ChainedParameter(ArgumentSyntax argument, SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
    {
        return model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor, DeclaringSyntaxReferences: { Length: 1 } references } target &&
               references[0].GetSyntax(cancellationToken) is ConstructorDeclarationSyntax constructor &&
               argument.ParameterIn(target) is { } parameter
            ? (parameter, constructor, model.For(constructor.SyntaxTree))
            : null;
    }

    /// <summary>
    /// <paramref name="call"/> binds to a method of this compilation that returns its receiver on every path: an extension
    /// whose every <c>return</c> (or expression body) is its <c>this</c> parameter (<c>static HttpClient
    /// WithUserAgent(this HttpClient client) { ...; return client; }</c>), or an instance method that returns <c>this</c>.
    /// A method that may return something else (a copy, a new client) is not followed.
    /// </summary>
    private static bool ReturnsItsReceiver(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method || method.ReturnsVoid)
        {
            return false;
        }

        var extension = method.ReducedFrom;
        var declared = extension ?? method;
        if (extension is null && method.IsStatic || declared.DeclaringSyntaxReferences.Length != 1 ||
            declared.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        string? receiver = extension is not null ? declaration.ParameterList.Parameters.FirstOrDefault()?.Identifier.ValueText : null;
        if (declaration.ExpressionBody is { } arrow)
        {
            return IsReceiver(arrow.Expression, receiver);
        }

        var returns = 0;
        foreach (var node in declaration.Body?.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)) ?? Enumerable.Empty<SyntaxNode>())
        {
            if (receiver is not null && node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var assigned } } && assigned == receiver)
            {
                // client = new HttpClient(); return client;: not the receiver any more.
                return false;
            }

            if (node is ReturnStatementSyntax returned)
            {
                if (returned.Expression is null || !IsReceiver(returned.Expression, receiver))
                {
                    return false;
                }

                returns++;
            }
        }

        return returns > 0;

        static bool IsReceiver(ExpressionSyntax value, string? parameter) =>
            parameter is null
                ? value.Unwrap() is ThisExpressionSyntax
                : value.Unwrap() is IdentifierNameSyntax { Identifier.ValueText: var name } && name == parameter;
    }

    /// <summary>A local of an instance constructor whose value that constructor stores into a field of its type.</summary>
    private static INamedTypeSymbol? LocalKeptByInstance(ILocalSymbol local, SyntaxNode declaration, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        if (declaration.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not { } constructor)
        {
            return null;
        }

        foreach (var identifier in model.References(local, constructor, cancellationToken))
        {
            if (KeptByInstance(identifier, model, hopsLeft, cancellationToken) is { } holder)
            {
                return holder;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="node"/> sits in the body of a method that opens its object's lifetime (a hosted service's
    /// <c>StartAsync</c>, a Windows service's <c>OnStart</c>: <see cref="CreationSite.StartsALifetime"/>), outside any lambda or
    /// local function: what it stores in a field lives until the stop, as what a constructor stores does.
    /// </summary>
    private static bool InLifetimeStart(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.EnclosingFunction() is MethodDeclarationSyntax method && CreationSite.StartsALifetime(method, model, cancellationToken);

    /// <summary>Directly in an instance constructor's body or its expression body: not in a lambda or local function there.</summary>
    private static bool InInstanceConstructor(SyntaxNode node) =>
        node.EnclosingFunction() is ConstructorDeclarationSyntax constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword);

    private static INamedTypeSymbol? DeclaringType(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type ? model.GetDeclaredSymbol(type, cancellationToken) : null;

    /// <summary>
    /// A factory method whose every reference in its own type keeps the result for the process:
    /// <c>new Lazy&lt;HttpClient&gt;(Build)</c> in a static field, <c>static readonly HttpClient s_client = Build();</c>.
    /// Only references in the same file are read; a method referenced nowhere there is not claimed.
    /// </summary>
    public static bool EveryUseKeepsForProcess(MethodDeclarationSyntax method, SemanticModel model, WellKnownTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        if (method.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type ||
            model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol ||
            symbol.ContainingType.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var name = method.Identifier.ValueText;
        var uses = 0;
        foreach (var node in type.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name ||
                model.GetSymbolInfo(identifier, cancellationToken) is var info &&
                !SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, symbol) &&
                !(info.CandidateReason == CandidateReason.MemberGroup && info.CandidateSymbols.Contains(symbol, SymbolEqualityComparer.Default)))
            {
                continue;
            }

            ExpressionSyntax use = identifier.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == identifier ? memberAccess : identifier;
            var kept = use.Parent switch
            {
                InvocationExpressionSyntax invocation when invocation.Expression == use => KeepsForProcess(invocation, model, types, hopsLeft, cancellationToken),
                ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax lazyCreation } } when types.Lazy is not null =>
                    types.IsLazy(model.GetTypeInfo(lazyCreation, cancellationToken).Type) && KeepsForProcess(lazyCreation, model, types, hopsLeft, cancellationToken),
                _ => false,
            };
            if (!kept)
            {
                return false;
            }

            uses++;
        }

        return uses > 0;
    }

    /// <summary>
    /// A local whose value is later stored (<c>s_client = client;</c>) or returned by a long-lived
    /// factory (<c>() => { var client = ...; return client; }</c>) in the same member.
    /// </summary>
    private static bool LocalIsKept(ILocalSymbol local, SyntaxNode declaration, SemanticModel model, WellKnownTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        var scope = declaration.EnclosingMember();
        if (scope is null)
        {
            return false;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            // Every read of the local is followed; reads that are not stored end at once (KeepsForProcess returns false).
            if (node is IdentifierNameSyntax identifier &&
                identifier.Identifier.ValueText == name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local) &&
                KeepsForProcess(identifier, model, types, hopsLeft, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>services.AddSingleton(...)</c>, or Autofac's <c>builder.Register(c =&gt; ...).SingleInstance()</c> / <c>RegisterInstance(...)</c>.</summary>
    private static bool IsSingletonRegistration(InvocationExpressionSyntax invocation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        ServiceRegistrations.Classify(invocation, model, types, cancellationToken) == RegistrationKind.Singleton ||
        AutofacRegistrations.IsSingleInstance(invocation, model, cancellationToken);

    /// <summary>The factory of a <c>Lazy&lt;T&gt;</c> that is itself kept, or a singleton registration's factory.</summary>
    private static bool IsLongLivedFactory(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, WellKnownTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } receiver } } factoryArgument)
        {
            return false;
        }

        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax lazyCreation when types.Lazy is not null:
                return types.IsLazy(model.GetTypeInfo(lazyCreation, cancellationToken).Type) &&
                       KeepsForProcess(lazyCreation, model, types, hopsLeft, cancellationToken);

            case InvocationExpressionSyntax invocation:
                // services.AddSingleton(sp => ...), LazyInitializer.EnsureInitialized(ref s_client, () => ...).
                return IsSingletonRegistration(invocation, model, types, cancellationToken) ||
                       AtomicInitializationTarget(invocation, factoryArgument, model, cancellationToken) == Storage.Static;

            default:
                return false;
        }
    }
}
