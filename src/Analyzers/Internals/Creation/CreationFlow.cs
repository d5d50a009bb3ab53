using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Where a created value ends up in the member that creates it.</summary>
internal enum FlowDestination
{
    /// <summary>Used and dropped in the member, handed to something unknown, or not followed.</summary>
    None,

    /// <summary>Handed to the member's caller: returned (alone or inside an object that is returned), or through an <c>out</c> parameter.</summary>
    Returned,

    /// <summary>Kept by this instance: a field or property of <c>this</c>, or an element of a collection it holds.</summary>
    Instance,

    /// <summary>Kept for the process: a static field or property, or an element of a collection held by one.</summary>
    Static,

    /// <summary>
    /// Given to IHttpClientFactory's handler builder (<c>builder.PrimaryHandler = handler</c>), which builds it once per
    /// client name and handler lifetime and pools it.
    /// </summary>
    PooledByFactory,
}

/// <summary>
/// Answers "where does this created value go?" inside its member, the way a reviewer follows it: through
/// locals (<c>var handler = new HttpClientHandler(); ...; _client = new HttpClient(handler);</c>), into the
/// objects built around it (a constructor argument, an object initializer, a call whose result can hold it),
/// up to a <c>return</c>, an <c>out</c> parameter, a field, a collection held by a field
/// (<c>s_cache[key] = client</c>, <c>s_cache.TryAdd(key, client)</c>, also after <c>TryGetValue</c> or a lock), or
/// IHttpClientFactory's handler builder (<c>builder.PrimaryHandler = handler</c>).
/// A value that a request is sent through before it is stored is created per call, stored or not: it is not
/// counted as stored.
/// </summary>
internal static class CreationFlow
{
    // Locals are followed this many assignments deep; longer chains are not worth reading.
    private const int MaxHops = 4;

    /// <summary>
    /// The local, field or property a creation is stored in by its declaration (<c>var c = new ...</c>, a field or property
    /// initializer) or an assignment (<c>_client = new ...</c>); null for anything else.
    /// </summary>
    public static ISymbol? StoredIn(ExpressionSyntax created, SemanticModel model, CancellationToken cancellationToken) =>
        created.ParentSkippingParenthesesAndCasts() switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator, cancellationToken),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            AssignmentExpressionSyntax assignment when assignment.Right.Unwrap() == created => model.GetSymbolInfo(assignment.Left.Unwrap(), cancellationToken).Symbol,

            // : this(provisioningService, new HttpClient(...), logger): the member the chained constructor stores it in.
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ConstructorInitializerSyntax initializer } } argument =>
                LongLivedStorage.ChainedConstructorStore(argument, initializer, model, cancellationToken),
            _ => null,
        };

    /// <summary>Where <paramref name="value"/> (a creation, or a call that returns one) ends up, as far as its member shows.</summary>
    public static FlowDestination Follow(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
        Follow(value, value.EnclosingFunction(), model, MaxHops, cancellationToken);

    /// <summary>
    /// Where the variable an <c>out</c> argument declares ends up (<c>if (!TryCreateHttpClient(out var client)) return; Client = client;</c>):
    /// followed from the declaration like a local.
    /// </summary>
    public static FlowDestination FollowOutVariable(DeclarationExpressionSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        declaration.Designation is SingleVariableDesignationSyntax designation &&
        model.GetDeclaredSymbol(designation, cancellationToken) is ILocalSymbol local &&
        declaration.EnclosingFunction() is { } function
            ? IntoLocal(local, declaration, function, model, MaxHops - 1, cancellationToken)
            : FlowDestination.None;

    private static FlowDestination Follow(ExpressionSyntax value, SyntaxNode? function, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        if (function is null)
        {
            return FlowDestination.None;
        }

        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (parent)
            {
                case var _ when parent.PassesValueThrough(child):
                    continue;

                case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax container } } member
                    when member.Right == child:
                    // new Options { Client = value }: the value lives as long as the object built around it.
                    if (!CanHold(container, model, cancellationToken))
                    {
                        return FlowDestination.None;
                    }

                    child = container;
                    parent = container;
                    continue;

                case AssignmentExpressionSyntax assignment
                    when assignment.Right == child &&
                         assignment.Parent is not InitializerExpressionSyntax &&
                         (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)):
                    return IntoTarget(assignment.Left, assignment, function, model, hopsLeft, cancellationToken);

                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } } declarator }:
                    return hopsLeft > 0 && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local
                        ? IntoLocal(local, declarator, function, model, hopsLeft - 1, cancellationToken)
                        : FlowDestination.None;

                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    // return (Pipeline: handler, Flags: flags): the tuple holds the value.
                    child = tuple;
                    parent = tuple;
                    continue;

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } } argument:
                    if (LongLivedStorage.CollectionStoreTarget(argument, model, cancellationToken) is var store && store != Storage.None)
                    {
                        return store == Storage.Static ? FlowDestination.Static : FlowDestination.Instance;
                    }

                    // var owned = new List<IDisposable>(); owned.Add(value); return new Owner(..., owned): a collection in a local
                    // holds the value as long as the local's own destination keeps it.
                    if (hopsLeft > 0 && argument.RefKindKeyword.IsKind(SyntaxKind.None) &&
                        call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "Enqueue" or "Push" or "Insert", Expression: IdentifierNameSyntax collectionName } } &&
                        model.GetSymbolInfo(collectionName, cancellationToken).Symbol is ILocalSymbol { Type: { } collectionType } collectionLocal &&
                        collectionType.AllInterfaces.Any(static i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
                    {
                        return IntoLocal(collectionLocal, call, function, model, hopsLeft - 1, cancellationToken);
                    }

                    // new HttpClient(handler), Wrap(client): the result holds the value (when its type can).
                    // Not a cache lookup: GetOrAdd(key, value) returns the cached value and drops a new one.
                    if (argument.RefKindKeyword.IsKind(SyntaxKind.None) &&
                        (call is BaseObjectCreationExpressionSyntax || call is InvocationExpressionSyntax invocation && !IsCacheLookup(invocation)) &&
                        CanHold((ExpressionSyntax)call, model, cancellationToken))
                    {
                        child = call;
                        parent = call;
                        continue;
                    }

                    return FlowDestination.None;

                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax { Parent: AwaitExpressionSyntax } awaited } configured
                    when configured.Expression == child:
                    // await Create().ConfigureAwait(false): the awaited value is the task's.
                    child = awaited;
                    parent = awaited;
                    continue;

                case MemberAccessExpressionSyntax tupleElement
                    when tupleElement.Expression == child && IsHoldingTupleElement(tupleElement, model, cancellationToken):
                    // var built = CreatePipeline(handlers, handler); new HttpClient(built.Pipeline): the element read is the value.
                    continue;

                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } memberAccess
                    when memberAccess.Expression == child && ReturnsItsReceiversType(call, (ExpressionSyntax)child, model, cancellationToken):
                    // CreateDefault().WithAuthenticator(...): a fluent call hands back the value it was made on (or a copy of it).
                    child = call;
                    parent = call;
                    continue;

                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax built } buildCall
                    when buildCall.Expression == child && buildCall.Name.Identifier.ValueText.StartsWith("Build", System.StringComparison.Ordinal) &&
                         (child is InvocationExpressionSyntax || IsBuilderLocal(child, model, cancellationToken)) && CanHold(built, model, cancellationToken):
                    // new EventManager.Builder().WithApi(api).Build(): what a configured builder builds keeps what it was given;
                    // so does 'var builder = CreateSessionBuilder(configuration); return Create(builder.Build());' for a builder a
                    // factory returned with the value in it.
                    child = built;
                    parent = built;
                    continue;

                case IsPatternExpressionSyntax { Pattern: DeclarationPatternSyntax { Designation: SingleVariableDesignationSyntax designation } } isPattern
                    when isPattern.Expression == child:
                    // if (credentials is IDisposable disposable) owned.Add(disposable): the pattern's variable is the value.
                    return hopsLeft > 0 && model.GetDeclaredSymbol(designation, cancellationToken) is ILocalSymbol patternLocal
                        ? IntoLocal(patternLocal, designation, function, model, hopsLeft - 1, cancellationToken)
                        : FlowDestination.None;

                case ReturnStatementSyntax:
                    return parent.ReturningFunction() == function && function is MethodDeclarationSyntax ? FlowDestination.Returned : FlowDestination.None;

                case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }:
                    return method == function ? FlowDestination.Returned : FlowDestination.None;

                default:
                    return FlowDestination.None;
            }
        }

        return FlowDestination.None;
    }

    private static FlowDestination IntoTarget(ExpressionSyntax target, AssignmentExpressionSyntax assignment, SyntaxNode function, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        target = target.Unwrap();
        if (target is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "PrimaryHandler" } primaryHandler &&
            CreationSite.IsFactoryHandlerBuilder(primaryHandler, model, cancellationToken))
        {
            // var handler = new HttpClientHandler { ... }; builder.PrimaryHandler = handler;
            return FlowDestination.PooledByFactory;
        }

        var storage = LongLivedStorage.StorageOf(target, model, cancellationToken);
        if (storage != Storage.None && CreationSite.DisposedLaterInTheSameRun(assignment))
        {
            // _client = new HttpClient(); ... _client.Dispose();: the field carries the client through this run only.
            return FlowDestination.None;
        }

        if (storage == Storage.Instance && hopsLeft > 0 &&
            model.GetSymbolInfo(target, cancellationToken).Symbol is { Kind: SymbolKind.Field or SymbolKind.Property } member &&
            IntoLocal(member, assignment, function, model, hopsLeft - 1, cancellationToken) == FlowDestination.Static)
        {
            // if (Cache.TryGetValue(url, out apiClient)) return apiClient; apiClient = new ApiClient(url); Cache.Add(url, apiClient);
            // this instance's field is also put into a static cache: kept for the process, one per key.
            return FlowDestination.Static;
        }

        if (storage != Storage.None)
        {
            return storage == Storage.Static ? FlowDestination.Static : FlowDestination.Instance;
        }

        switch (model.GetSymbolInfo(target, cancellationToken).Symbol)
        {
            case ILocalSymbol local when hopsLeft > 0:
                return IntoLocal(local, assignment, function, model, hopsLeft - 1, cancellationToken);
            case IParameterSymbol { RefKind: RefKind.Out or RefKind.Ref }:
                return function is MethodDeclarationSyntax ? FlowDestination.Returned : FlowDestination.None;
            case IParameterSymbol { RefKind: RefKind.None } parameter when hopsLeft > 0:
                // if (client == null) client = CreateClient(options); _httpClient = client;  a by-value parameter is a local here.
                return IntoLocal(parameter, assignment, function, model, hopsLeft - 1, cancellationToken);
            case IFieldSymbol or IPropertySymbol when target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax container } && hopsLeft > 0 &&
                                                     model.GetSymbolInfo(container, cancellationToken).Symbol is ILocalSymbol containerLocal:
                // middleware.InnerHandler = handler: the handler lives as long as the local's object.
                return IntoLocal(containerLocal, assignment, function, model, hopsLeft - 1, cancellationToken);
            default:
                return FlowDestination.None;
        }
    }

    /// <summary>
    /// The strongest destination among the reads of <paramref name="local"/> in the same function. A value a
    /// request is sent through before it is stored is not counted as stored.
    /// </summary>
    private static FlowDestination IntoLocal(ISymbol local, SyntaxNode from, SyntaxNode function, SemanticModel model, int hopsLeft, CancellationToken cancellationToken)
    {
        var best = FlowDestination.None;
        var firstSend = int.MaxValue;
        var firstStore = int.MaxValue;
        var name = local.Name;
        foreach (var node in function.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            ExpressionSyntax read = identifier;
            if (identifier.EnclosingFunction() is var enclosing && enclosing != function)
            {
                // var client = new HttpClient(); return () => client;  the delegate hands the value out each time it runs:
                // the value lives as long as the delegate, so the delegate is followed instead (to a return only).
                if (enclosing is not AnonymousFunctionExpressionSyntax delegateReturning || delegateReturning.EnclosingFunction() != function ||
                    !ReturnsCapture(delegateReturning, identifier))
                {
                    continue;
                }

                read = delegateReturning;
            }

            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                continue;
            }

            if (read != identifier)
            {
                // Only a delegate handed to the caller counts: one stored in a field is decided as before (by the
                // memoization around it), since a plain store can replace the last delegate on every call.
                if (Follow(read, function, model, hopsLeft, cancellationToken) == FlowDestination.Returned && best == FlowDestination.None)
                {
                    best = FlowDestination.Returned;
                }

                continue;
            }

            // A field of this instance followed like a local is also read as 'this.field'.
            ExpressionSyntax use = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess && thisAccess.Name == identifier
                ? thisAccess
                : identifier;
            if (IsRequestSentThrough(use))
            {
                if (identifier.SpanStart > from.SpanStart)
                {
                    firstSend = System.Math.Min(firstSend, identifier.SpanStart);
                }

                continue;
            }

            if (IsWrittenBy(use))
            {
                continue;
            }

            var destination = Follow(use, function, model, hopsLeft, cancellationToken);
            if (destination is FlowDestination.Static or FlowDestination.Instance)
            {
                firstStore = System.Math.Min(firstStore, identifier.SpanStart);
            }

            if (destination > best)
            {
                best = destination;
            }
        }

        // Created, used for a request, then cached: every call still creates one.
        return best is FlowDestination.Static or FlowDestination.Instance && firstSend < firstStore ? FlowDestination.None : best;
    }

    /// <summary>The lambda's result is the captured <paramref name="identifier"/> itself (<c>() =&gt; client</c>, <c>{ return client; }</c>).</summary>
    private static bool ReturnsCapture(AnonymousFunctionExpressionSyntax lambda, IdentifierNameSyntax identifier) =>
        lambda.ExpressionBody?.Unwrap() == identifier ||
        identifier.ParentSkippingParenthesesAndCasts() is ReturnStatementSyntax returned && returned.ReturningFunction() == lambda;

    /// <summary>
    /// <c>config.WithAuthenticator(...)</c>: an instance call whose result has the receiver's own class type,
    /// the shape of fluent configuration (it returns the receiver or a copy that keeps its parts). A call
    /// returning anything else (<c>client.GetStringAsync(...)</c>) is a use, not a hand-over.
    /// </summary>
    private static bool ReturnsItsReceiversType(InvocationExpressionSyntax call, ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetTypeInfo(receiver, cancellationToken).Type is INamedTypeSymbol { TypeKind: TypeKind.Class } receiverType &&
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { IsStatic: false } method &&
        SymbolEqualityComparer.Default.Equals(method.ReturnType, receiverType);

    /// <summary>
    /// A local (followed here from what was stored in it) of a type that is neither an HTTP client nor a handler: a builder
    /// holding the value, not the client itself (<c>client.BuildRequest()</c> hands nothing over).
    /// </summary>
    private static bool IsBuilderLocal(SyntaxNode child, SemanticModel model, CancellationToken cancellationToken) =>
        child is IdentifierNameSyntax &&
        model.GetSymbolInfo(child, cancellationToken).Symbol is ILocalSymbol { Type: INamedTypeSymbol { TypeKind: TypeKind.Class } type } &&
        !type.InheritsFromOrEquals(model.Compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpMessageInvoker)) &&
        !type.InheritsFromOrEquals(model.Compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpMessageHandler));

    /// <summary>
    /// Names that build something from their arguments: <c>Create...</c>, <c>Build...</c>, <c>Wrap...</c>, <c>With...</c>,
    /// <c>For</c> + a word (<c>GrpcChannel.ForAddress(address, options)</c>; not <c>Format</c>), ...
    /// </summary>
    private static bool IsBuilderName(string? name) =>
        name is not null &&
        (name.StartsWith("Create", System.StringComparison.Ordinal) || name.StartsWith("Build", System.StringComparison.Ordinal) ||
         name.StartsWith("Make", System.StringComparison.Ordinal) || name.StartsWith("New", System.StringComparison.Ordinal) ||
         name.StartsWith("Wrap", System.StringComparison.Ordinal) || name.StartsWith("With", System.StringComparison.Ordinal) ||
         name.StartsWith("From", System.StringComparison.Ordinal) ||
         (name.Length > 3 && name.StartsWith("For", System.StringComparison.Ordinal) && char.IsUpper(name[3])));

    /// <summary><c>builder.Using(reporter)</c>: a call on a parameter of the member, an object its caller gave it.</summary>
    private static bool IsCallOnAParameter(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } &&
        model.GetSymbolInfo(receiver, cancellationToken).Symbol is IParameterSymbol { RefKind: RefKind.None };

    private static bool IsCacheLookup(InvocationExpressionSyntax invocation) =>
        invocation.InvokedName() is "GetOrAdd" or "GetOrCreate" or "GetOrCreateAsync" or "AddOrUpdate" or "GetValueOrDefault" or "TryGetValue" or "Exchange" or "CompareExchange";

    private static bool IsWrittenBy(ExpressionSyntax identifier) =>
        identifier.Parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier;

    /// <summary><c>client.GetAsync(...)</c>, <c>client.SendAsync(...)</c> and the like: a request goes out through the value.</summary>
    private static bool IsRequestSentThrough(ExpressionSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } memberAccess &&
        memberAccess.Expression == identifier &&
        memberAccess.Name.Identifier.ValueText is "Send" or "SendAsync" or "GetAsync" or "GetStringAsync" or "GetByteArrayAsync" or "GetStreamAsync" or
            "PostAsync" or "PutAsync" or "PatchAsync" or "DeleteAsync" or "GetFromJsonAsync" or "PostAsJsonAsync" or "PutAsJsonAsync" or
            "PatchAsJsonAsync" or "DeleteFromJsonAsync";

    /// <summary>
    /// Whether the result of <paramref name="call"/> can keep an argument alive: a class, interface, type
    /// parameter or <c>object</c> other than string, a response or a stream (a task of one is read through).
    /// Void and value types cannot hold it; an object creation of a type that does not bind, or a call that does not
    /// bind at all and is named as a builder, is taken to hold it (a guess that can only keep a creation quiet).
    /// </summary>
    private static bool CanHold(ExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(call, cancellationToken).Type;
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task &&
            task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            type = task.TypeArguments[0];
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            // (HttpMessageHandler Pipeline, FeatureFlag Flags): an element of a class type can keep it (also where
            // System.ValueTuple is missing, net462 without its package, and the tuple type is an error type).
            return tuple.TupleElements.Any(static element => IsHoldingType(element.Type));
        }

        if (type is null or { TypeKind: TypeKind.Error } &&
            (call is BaseObjectCreationExpressionSyntax ||
             call is InvocationExpressionSyntax invocation && (IsBuilderName(invocation.InvokedName()) || IsCallOnAParameter(invocation, model, cancellationToken)) &&
             model.GetSymbolInfo(call, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true }))
        {
            // new Processor(exporter) of a type that does not bind: an object keeps what its constructor is given. A call
            // that does not bind at all and is named as a builder (Helper.CreateReader(exporter)) is taken to keep it too,
            // and so is one on the caller's own object (return builder.Using(reporter) in a configuration extension whose
            // builder type comes from a package the scan lacks): the caller's object may keep it.
            return true;
        }

        return IsHoldingType(type);
    }

    private static bool IsHoldingType(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.Struct or TypeKind.Enum or TypeKind.Pointer or TypeKind.Array ||
            type.SpecialType is not (SpecialType.None or SpecialType.System_Object) || type.IsValueType)
        {
            return false;
        }

        return type.Name is not ("HttpResponseMessage" or "Stream" or "Task" or "ValueTask" or "String");
    }

    /// <summary>
    /// <c>built.Pipeline</c>: an element of a tuple whose type can keep a client or a handler. Where System.ValueTuple is
    /// missing the element does not bind: it is found by name among the tuple type's elements.
    /// </summary>
    private static bool IsHoldingTupleElement(MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(access, cancellationToken).Symbol is IFieldSymbol { ContainingType.IsTupleType: true, Type: var elementType })
        {
            return IsHoldingType(elementType);
        }

        var name = access.Name.Identifier.ValueText;
        return model.GetTypeInfo(access.Expression, cancellationToken).Type is INamedTypeSymbol { IsTupleType: true } tuple &&
               tuple.TupleElements.Any(element => element.Name == name && IsHoldingType(element.Type));
    }
}
