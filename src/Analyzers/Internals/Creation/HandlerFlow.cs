using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Answers "which connection pool does this client use?" inside one member: the primary handlers
/// created in the member that reach a client's handler argument, directly, through locals, or
/// wrapped in delegating handlers. A handler from anywhere else (field, parameter, method result)
/// is shared, so the client does not open a pool of its own.
/// </summary>
internal static class HandlerFlow
{
    /// <summary>What an <c>HttpClient</c> creation connects through.</summary>
    internal enum ClientPool
    {
        /// <summary>No handler argument: the client builds its own default handler.</summary>
        OwnDefaultHandler,

        /// <summary>A primary handler created in this member reaches the handler argument.</summary>
        OwnHandlerCreatedHere,

        /// <summary>
        /// The handler is what a creating method this compilation cannot see returns (<c>new HttpClient(Proxy.CreateHandler())</c>,
        /// a method of another assembly named Create/Build/Make/New... that returns a primary handler type), and the
        /// client disposes it: a new handler for this client.
        /// </summary>
        OwnHandlerFromUnseenFactory,

        /// <summary>The handler comes from elsewhere, or is not a connection-owning handler.</summary>
        SharedOrNone,
    }

    public static ClientPool Classify(
        BaseObjectCreationExpressionSyntax clientCreation,
        SemanticModel model,
        WellKnownTypes types,
        List<BaseObjectCreationExpressionSyntax>? ownedHandlers,
        CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(clientCreation, cancellationToken);
        var constructor = info.Symbol as IMethodSymbol;
        ExpressionSyntax? handlerArgument;
        if (constructor is not null)
        {
            handlerArgument = ArgumentFor(clientCreation.ArgumentList, constructor, types);
        }
        else if (AgreedHandlerArgument(info, clientCreation.ArgumentList, types) is { } agreed)
        {
            // new HttpClient(handler) whose argument's type does not bind (folder mode): every candidate takes it as the handler.
            handlerArgument = agreed;
        }
        else
        {
            // Broken or ambiguous code: stay quiet rather than guess.
            return ClientPool.SharedOrNone;
        }

        if (handlerArgument is null)
        {
            if (constructor is null)
            {
                return ClientPool.SharedOrNone;
            }

            if (SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.HttpClient))
            {
                return ClientPool.OwnDefaultHandler;
            }

            // A derived client: its constructor chooses the handler.
            return ClassifyDerivedClientConstructor(constructor, clientCreation, model, types, ownedHandlers, cancellationToken);
        }

        var found = ownedHandlers ?? new List<BaseObjectCreationExpressionSyntax>();
        var before = found.Count;
        CollectOwnedHandlers(handlerArgument, model, types, found, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
        if (found.Count > before)
        {
            return ClientPool.OwnHandlerCreatedHere;
        }

        if (UnboundHandlerMadeFromNothing(handlerArgument, model, types, cancellationToken) is { } unbound)
        {
            found.Add(unbound);
            return ClientPool.OwnHandlerCreatedHere;
        }

        if (constructor is not null && !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.HttpClient) &&
            ClassifyDerivedClientConstructor(constructor, clientCreation, model, types, ownedHandlers, cancellationToken) is var derived and not ClientPool.SharedOrNone)
        {
            // new ApiClient(handler) whose base(handler ?? new HttpClientHandler()) makes one when handler may be null.
            return derived;
        }

        return constructor is not null && !KeepsHandlerUndisposed(clientCreation.ArgumentList!, constructor) &&
               UnseenFactoryHandler(handlerArgument, model, types, cancellationToken) is not null
            ? ClientPool.OwnHandlerFromUnseenFactory
            : ClientPool.SharedOrNone;
    }

    /// <summary>
    /// The handler this member makes into a local is also stored, under a key, into a collection a static holds
    /// (<c>var handler = new HttpClientHandler { ... }; s_handlers.TryAdd(user, handler); return new HttpClient(handler);</c>):
    /// the pool is kept for the process, once per key, and every client over it shares it. A plain field store is not
    /// enough (the next run may replace it).
    /// </summary>
    public static bool KeptInAStaticCache(BaseObjectCreationExpressionSyntax handlerCreation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (handlerCreation.WithEnclosingParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local ||
            handlerCreation.EnclosingMember() is not { } member)
        {
            return false;
        }

        foreach (var argument in member.DescendantNodes().OfType<ArgumentSyntax>())
        {
            if (argument.Expression.Unwrap() is IdentifierNameSyntax { Identifier.ValueText: var name } identifier && name == local.Name &&
                argument.Parent is ArgumentListSyntax { Arguments.Count: >= 2 } &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local) &&
                LongLivedStorage.CollectionStoreTarget(argument, model, cancellationToken) == Storage.Static)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Several clients over one handler this member makes (<c>var handler = new HttpClientHandler { ... }; _client = new
    /// HttpClient(handler); _voiceClient = new HttpClient(handler);</c>) share its one pool: one leak, reported at the first
    /// client. True for every later one. <paramref name="mine"/>: the handlers <see cref="Classify"/> found this client owns.
    /// </summary>
    public static bool SharesHandlerWithEarlierClient(BaseObjectCreationExpressionSyntax clientCreation, List<BaseObjectCreationExpressionSyntax> mine, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (mine.Count == 0 || clientCreation.EnclosingMember() is not { } member)
        {
            return false;
        }

        foreach (var node in member.DescendantNodes())
        {
            if (node.SpanStart >= clientCreation.SpanStart)
            {
                break;
            }

            if (node is not BaseObjectCreationExpressionSyntax earlier || !types.IsHttpClient(SyntaxGates.CreatedType(earlier, model, cancellationToken)))
            {
                continue;
            }

            var theirs = new List<BaseObjectCreationExpressionSyntax>();
            if (!InOtherBranches(earlier, clientCreation) &&
                Classify(earlier, model, types, theirs, cancellationToken) == ClientPool.OwnHandlerCreatedHere && theirs.Any(mine.Contains))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>if (token) _client = new HttpClient(handler); else _client = new HttpClient(handler);</c>: the two are alternatives
    /// (then and else of one <c>if</c>, arms of one <c>?:</c>, sections of one <c>switch</c>), each the one client of its path.
    /// </summary>
    private static bool InOtherBranches(SyntaxNode first, SyntaxNode second)
    {
        var common = first.Parent;
        while (common is not null && !common.Span.Contains(second.Span))
        {
            common = common.Parent;
        }

        return common is IfStatementSyntax or ConditionalExpressionSyntax or SwitchStatementSyntax or SwitchExpressionSyntax;
    }

    /// <summary>
    /// The client's handler is made right here from nothing, directly or through a local given only that: a client takes
    /// nothing but a handler, and a handler made from no other handler has none to share, so it owns its connections. Made
    /// from nothing: a type that does not bind, given no argument (<c>new HttpClientNetworkHandler()</c> of a library folder
    /// mode lacks); a type of this compilation whose base does not bind, whose constructor takes and passes on nothing that
    /// could be a handler (<c>class TokenHandler : NativeMessageHandler</c> made with a token getter and strings); or a
    /// wrapper that does not bind, given exactly one such handler and otherwise only values that cannot be handlers
    /// (<c>new RateLimitedHttpMessageHandler(new NativeMessageHandler(), Priority.Background)</c>). Never when the member
    /// gives anything an <c>InnerHandler</c> (it may wrap a shared one).
    /// </summary>
    private static BaseObjectCreationExpressionSyntax? UnboundHandlerMadeFromNothing(ExpressionSyntax handlerArgument, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        handlerArgument = handlerArgument.Unwrap();
        if (handlerArgument.EnclosingMember() is not { } member || member.SpellsIdentifier("InnerHandler"))
        {
            return null;
        }

        if (handlerArgument is IdentifierNameSyntax identifier &&
            model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local &&
            !IsCapturedFromOutside(identifier, local, cancellationToken))
        {
            // One value in all: the declaration's, and no write after it (the member sets no InnerHandler either).
            var written = model.ValuesWritten(local, member, cancellationToken);
            return written.Any || local.DeclaringSyntaxReferences is not { Length: 1 } declarations ||
                   declarations[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initial }
                ? null
                : MadeFromNothing(initial.Unwrap(), wrappersLeft: 2);
        }

        return MadeFromNothing(handlerArgument, wrappersLeft: 2);

        BaseObjectCreationExpressionSyntax? MadeFromNothing(ExpressionSyntax value, int wrappersLeft)
        {
            if (value is not ObjectCreationExpressionSyntax creation)
            {
                return null;
            }

            var type = model.GetTypeInfo(creation, cancellationToken).Type;
            if (type is not { TypeKind: TypeKind.Error })
            {
                return OwnTypeOverUnboundBase(creation, type as INamedTypeSymbol) ? creation : null;
            }

            if (creation.ArgumentList is null or { Arguments.Count: 0 })
            {
                return creation;
            }

            if (wrappersLeft == 0)
            {
                return null;
            }

            // An unbound wrapper: one argument a handler made from nothing, every other one a value no handler can be.
            BaseObjectCreationExpressionSyntax? inner = null;
            foreach (var argument in creation.ArgumentList.Arguments)
            {
                if (MadeFromNothing(argument.Expression.Unwrap(), wrappersLeft - 1) is { } made)
                {
                    if (inner is not null)
                    {
                        return null;
                    }

                    inner = made;
                }
                else if (!CannotBeAHandler(argument.Expression.Unwrap()))
                {
                    return null;
                }
            }

            return inner;
        }

        // class TokenHandler : NativeMessageHandler, its base unbound: made through a constructor of this compilation that
        // takes no handler-like parameter, calls no base or sibling constructor with arguments, and sets no InnerHandler.
        bool OwnTypeOverUnboundBase(ObjectCreationExpressionSyntax creation, INamedTypeSymbol? type)
        {
            if (type is not { TypeKind: TypeKind.Class, BaseType.TypeKind: TypeKind.Error } ||
                !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, model.Compilation.Assembly) ||
                model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor ||
                constructor.Parameters.Any(parameter => MayBeAHandler(parameter.Type)))
            {
                return false;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration ||
                    declaration.SpellsIdentifier("InnerHandler") ||
                    declaration.Members.OfType<ConstructorDeclarationSyntax>().Any(c => c.Initializer is { ArgumentList.Arguments.Count: > 0 }))
                {
                    return false;
                }
            }

            return true;
        }

        // A literal, a lambda, typeof/nameof, a value whose type binds and is no handler, or one whose unbound type or
        // enum-looking unbound member (Priority.Background) is not named as a handler.
        bool CannotBeAHandler(ExpressionSyntax value)
        {
            if (value is LiteralExpressionSyntax or AnonymousFunctionExpressionSyntax or TypeOfExpressionSyntax)
            {
                return true;
            }

            var type = model.GetTypeInfo(value, cancellationToken).Type;
            if (type is { TypeKind: not TypeKind.Error })
            {
                return !MayBeAHandler(type);
            }

            return value is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name.Identifier.ValueText: var member } &&
                   owner.Length > 0 && char.IsUpper(owner[0]) && !NamesAHandler(owner) && !NamesAHandler(member) &&
                   model.GetSymbolInfo(value, cancellationToken).Symbol is null ||
                   value is IdentifierNameSyntax && type is { Name: { Length: > 0 } name } && !NamesAHandler(name);
        }

        bool MayBeAHandler(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Object || type.TypeKind is TypeKind.Dynamic or TypeKind.TypeParameter ||
            types.IsHandler(type) || type.TypeKind == TypeKind.Error && (type.Name.Length == 0 || NamesAHandler(type.Name));

        static bool NamesAHandler(string name) => name.IndexOf("Handler", System.StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>For a client <see cref="Classify"/> finds <see cref="ClientPool.OwnHandlerFromUnseenFactory"/>: the handler type that factory returns.</summary>
    public static ITypeSymbol? UnseenFactoryHandlerOf(BaseObjectCreationExpressionSyntax clientCreation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(clientCreation, cancellationToken).Symbol is IMethodSymbol constructor &&
        ArgumentFor(clientCreation.ArgumentList, constructor, types) is { } handlerArgument
            ? UnseenFactoryHandler(handlerArgument, model, types, cancellationToken)
            : null;

    private static readonly string[] s_creatingPrefixes = { "Create", "Build", "Make", "New" };

    // Keyed by the property's symbol, which lives as long as its compilation: each getter is read once.
    private static readonly ConditionalWeakTable<IPropertySymbol, StrongBox<ITypeSymbol?>> s_freshHandlerGetters = new();
    private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<ITypeSymbol?>> s_freshHandlerMethods = new();

    /// <summary>
    /// The primary handler type returned by the creating method (of another assembly: a referenced project or package, whose body this compilation's analysis does not read;
    /// or of this compilation when its body only hands on another call's result, see <see cref="OnlyHandsOnAnotherCallsResult"/>)
    /// that <paramref name="handlerArgument"/> calls, directly or through a local every value of which is such a call:
    /// <c>new HttpClient(Proxy.CreateHandler())</c>, <c>var handler = Proxy.CreateHandler(); handler.X = ...;
    /// new HttpClient(handler)</c>. Null for anything else (a method of this compilation is read where it creates the handler).
    /// </summary>
    public static ITypeSymbol? UnseenFactoryHandler(ExpressionSyntax handlerArgument, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        handlerArgument = handlerArgument.Unwrap();
        if (handlerArgument is IdentifierNameSyntax identifier &&
            model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local &&
            !IsCapturedFromOutside(identifier, local, cancellationToken))
        {
            ITypeSymbol? agreed = null;
            foreach (var value in ValuesAssignedTo(local, identifier, model, cancellationToken))
            {
                if (FromFactoryOrGetter(value.Unwrap()) is not { } made)
                {
                    return null;
                }

                agreed = made;
            }

            return agreed;
        }

        return FromFactoryOrGetter(handlerArgument);

        ITypeSymbol? FromFactoryOrGetter(ExpressionSyntax value) => value switch
        {
            InvocationExpressionSyntax call => FromUnseenFactory(call),
            IdentifierNameSyntax or MemberAccessExpressionSyntax when model.GetSymbolInfo(value, cancellationToken).Symbol is IPropertySymbol property =>
                FreshHandlerGetter(property, model.Compilation, types, cancellationToken),
            _ => null,
        };

        ITypeSymbol? FromUnseenFactory(InvocationExpressionSyntax call)
        {
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ReturnType: var returned } method ||
                (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, model.Compilation.Assembly) && !OnlyHandsOnAnotherCallsResult(method, cancellationToken)) ||
                !types.IsPrimaryHandler(returned))
            {
                return null;
            }

            foreach (var prefix in s_creatingPrefixes)
            {
                if (method.Name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return returned;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The primary handler type a property of this compilation makes anew on every read: each value its getter returns
    /// is a creation of that type (<c>get { ...; return new HttpClientHandler { Proxy = proxy }; }</c>, <c>=&gt; new
    /// SocketsHttpHandler()</c>), or a local of the getter assigned only such creations. Such a property is a factory:
    /// the client over it owns a new handler, nothing is shared. Null for anything else (a backing field, a cache,
    /// <c>??=</c>, a call: the handler may be shared). Read once per property.
    /// </summary>
    public static ITypeSymbol? FreshHandlerGetter(IPropertySymbol property, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (property.GetMethod is not { DeclaringSyntaxReferences: { Length: 1 } references } ||
            !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }

        return s_freshHandlerGetters.GetValue(property.OriginalDefinition, _ => new StrongBox<ITypeSymbol?>(ReadFreshHandlerGetter(references[0], compilation, types, cancellationToken))).Value;
    }

    private static ITypeSymbol? ReadFreshHandlerGetter(SyntaxReference reference, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var getter = reference.GetSyntax(cancellationToken);
        var returned = getter switch
        {
            ArrowExpressionClauseSyntax arrow => new[] { arrow.Expression },
            AccessorDeclarationSyntax { ExpressionBody: { } arrow } => new[] { arrow.Expression },
            AccessorDeclarationSyntax { Body: { } body } => Returns(body),
            MethodDeclarationSyntax { ExpressionBody: { } arrow } => new[] { arrow.Expression },
            MethodDeclarationSyntax { Body: { } body } => Returns(body),
            _ => null,
        };
        if (returned is not { Length: > 0 })
        {
            return null;
        }

        var model = compilation.ModelFor(getter.SyntaxTree);
        ITypeSymbol? agreed = null;
        foreach (var value in returned)
        {
            if (value?.Unwrap() is not { } expression)
            {
                return null;
            }

            var creations = expression is IdentifierNameSyntax identifier && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
                ? ValuesAssignedTo(local, identifier, model, cancellationToken).Select(static assigned => assigned.Unwrap()).ToArray()
                : new[] { expression };
            foreach (var creation in creations)
            {
                if (creation is not BaseObjectCreationExpressionSyntax made ||
                    SyntaxGates.CreatedType(made, model, cancellationToken) is not { } type || !types.IsPrimaryHandler(type) ||
                    agreed is not null && !SymbolEqualityComparer.Default.Equals(agreed, type))
                {
                    return null;
                }

                agreed = type;
            }
        }

        return agreed;
    }

    /// <summary>
    /// The primary handler type a method of this compilation makes anew on every call, read as <see cref="FreshHandlerGetter"/>
    /// reads a getter: every value it returns is a creation of that type, or a local assigned only such creations
    /// (<c>static HttpClientHandler ProxySettings(...) { if (...) { var h = new HttpClientHandler { Proxy = ... }; return h; }
    /// return new HttpClientHandler(); }</c>). Null for anything else. Read once per method.
    /// </summary>
    public static ITypeSymbol? FreshHandlerMethod(IMethodSymbol method, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences is not { Length: 1 } references || !types.IsPrimaryHandler(method.ReturnType) ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) ||
            !compilation.ContainsSyntaxTree(references[0].SyntaxTree))
        {
            return null;
        }

        return s_freshHandlerMethods.GetValue(method.OriginalDefinition, _ => new StrongBox<ITypeSymbol?>(ReadFreshHandlerGetter(references[0], compilation, types, cancellationToken))).Value;
    }

    private static ExpressionSyntax?[] Returns(BlockSyntax body) =>
        body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>()
            .Select(static statement => statement.Expression)
            .ToArray();

    /// <summary>
    /// A method of this compilation whose every <c>return</c> (or expression body) hands back the result of another call
    /// (<c>return handlerFactory.CreateClientHandler(proxy);</c> through an interface or a delegate): its body shows no
    /// creation to follow, so, like a creating method of another assembly, its name and the client that owns what it
    /// returns decide.
    /// </summary>
    private static bool OnlyHandsOnAnotherCallsResult(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return arrow.Expression.Unwrap() is InvocationExpressionSyntax;
        }

        var any = false;
        foreach (var node in declaration.Body?.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)) ?? Enumerable.Empty<SyntaxNode>())
        {
            if (node is ReturnStatementSyntax @return)
            {
                if (@return.Expression?.Unwrap() is not InvocationExpressionSyntax)
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary><c>new HttpClient(handler, false)</c> or <c>disposeHandler: false</c>: the client does not own the handler.</summary>
    private static bool KeepsHandlerUndisposed(ArgumentListSyntax arguments, IMethodSymbol constructor)
    {
        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            var argument = arguments.Arguments[i];
            if (constructor.Parameters.ParameterFor(arguments, i) is { Type.SpecialType: SpecialType.System_Boolean } && !argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="handlerCreation"/> reaches the handler argument of an
    /// <c>HttpClient</c> created in the same member: the client's verdict then covers the handler.
    /// </summary>
    public static bool FlowsIntoClient(BaseObjectCreationExpressionSyntax handlerCreation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var scope = handlerCreation.EnclosingMember();
        if (scope is null)
        {
            return false;
        }

        if (IsDerivedClientsHandler(handlerCreation, scope, model, types, cancellationToken))
        {
            return true;
        }

        var owned = new List<BaseObjectCreationExpressionSyntax>();
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not BaseObjectCreationExpressionSyntax candidate || candidate == handlerCreation ||
                !SyntaxGates.WrittenTypeMayBeClass(candidate) ||
                !types.IsHttpClient(SyntaxGates.CreatedType(candidate, model, cancellationToken)))
            {
                continue;
            }

            owned.Clear();
            Classify(candidate, model, types, owned, cancellationToken);
            if (owned.Contains(handlerCreation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>class ApiClient : HttpClient { ApiClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler()) }</c>:
    /// a handler made in the handler argument of a client constructor's <c>base(...)</c> or <c>this(...)</c> is the
    /// client's own, as if passed to <c>new HttpClient(...)</c>: each <c>new ApiClient(...)</c> that reaches it is the
    /// client's diagnostic (<see cref="ClassifyDerivedClientConstructor"/>), so one leak is reported once, where it is made.
    /// </summary>
    private static bool IsDerivedClientsHandler(BaseObjectCreationExpressionSyntax handlerCreation, SyntaxNode scope, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (scope is MethodDeclarationSyntax factory)
        {
            return IsPrivateFactoryOfDerivedClients(handlerCreation, factory, model, types, cancellationToken);
        }

        if (scope is not ConstructorDeclarationSyntax { Initializer: { } initializer } constructor ||
            !initializer.ArgumentList.Span.Contains(handlerCreation.Span) ||
            handlerCreation.FirstAncestorOrSelf<SyntaxNode>(static node => node is AnonymousFunctionExpressionSyntax or ConstructorInitializerSyntax) != initializer ||
            model.GetDeclaredSymbol(constructor, cancellationToken)?.ContainingType is not { } client || !types.IsHttpClient(client) ||
            model.GetSymbolInfo(initializer, cancellationToken).Symbol is not IMethodSymbol target)
        {
            return false;
        }

        for (var i = 0; i < initializer.ArgumentList.Arguments.Count; i++)
        {
            var argument = initializer.ArgumentList.Arguments[i];
            if (argument.Span.Contains(handlerCreation.Span) && target.Parameters.ParameterFor(initializer.ArgumentList, i) is { } parameter && types.IsHandler(parameter.Type))
            {
                var made = new List<BaseObjectCreationExpressionSyntax>();
                CollectOwnedHandlers(argument.Expression, model, types, made, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
                return made.Contains(handlerCreation);
            }
        }

        return false;
    }

    /// <summary>
    /// <c>: base(GetHttpClientHandler())</c>: a private, non-virtual method of the client's own type, in the same file, that
    /// returns handlers it makes (<c>return new HttpClientHandler { ... };</c>): those are the handlers the argument hands on.
    /// </summary>
    private static void CollectFromPrivateFactory(ExpressionSyntax value, SemanticModel model, WellKnownTypes types, List<BaseObjectCreationExpressionSyntax> owned, CancellationToken cancellationToken)
    {
        if (value.Unwrap() is not InvocationExpressionSyntax call || PrivateFactoryDeclaration(call, model, cancellationToken) is not { } factory)
        {
            return;
        }

        CollectReturnedHandlers(factory, model, types, owned, cancellationToken);
    }

    /// <summary>The handlers <paramref name="factory"/> makes and returns (wrapped in delegating handlers, or through locals).</summary>
    private static void CollectReturnedHandlers(MethodDeclarationSyntax factory, SemanticModel model, WellKnownTypes types, List<BaseObjectCreationExpressionSyntax> owned, CancellationToken cancellationToken)
    {
        foreach (var returned in ReturnedValues(factory.Body, factory.ExpressionBody))
        {
            CollectOwnedHandlers(returned, model, types, owned, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
        }
    }

    private static MethodDeclarationSyntax? PrivateFactoryDeclaration(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken) =>
        call.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax } &&
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, IsVirtual: false, IsAbstract: false, DeclaringSyntaxReferences.Length: 1 } method &&
        method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && declaration.SyntaxTree == call.SyntaxTree
            ? declaration
            : null;

    /// <summary>
    /// <paramref name="handlerCreation"/> is returned by a private method (<see cref="CollectFromPrivateFactory"/>) every
    /// reference to which, in its type, is the handler argument of a <c>base(...)</c> or <c>this(...)</c> of a constructor of
    /// that type, a client type: each client made over it reports the leak, where it is made.
    /// </summary>
    private static bool IsPrivateFactoryOfDerivedClients(BaseObjectCreationExpressionSyntax handlerCreation, MethodDeclarationSyntax factory, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        // Syntax first: this runs for every handler made in a method. A derived client names its base; a private method
        // spells no accessibility but 'private'.
        if (factory.Parent is not TypeDeclarationSyntax { BaseList: not null } type ||
            factory.Modifiers.Any(static modifier => modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword)) ||
            model.GetDeclaredSymbol(factory, cancellationToken) is not { DeclaredAccessibility: Accessibility.Private, IsVirtual: false } method ||
            !types.IsHttpClient(method.ContainingType) || method.ContainingType.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var returned = new List<BaseObjectCreationExpressionSyntax>();
        CollectReturnedHandlers(factory, model, types, returned, cancellationToken);
        if (!returned.Contains(handlerCreation))
        {
            return false;
        }

        var calls = 0;
        foreach (var token in SyntaxTreeIndex.For(type.SyntaxTree, cancellationToken).Identifiers(method.Name, cancellationToken))
        {
            if (!type.Span.Contains(token.Span) || token.Parent is not SimpleNameSyntax name || name.Parent is MethodDeclarationSyntax)
            {
                continue;
            }

            ExpressionSyntax called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (called.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != called ||
                invocation.FirstAncestorOrSelf<SyntaxNode>(static node => node is AnonymousFunctionExpressionSyntax or ConstructorInitializerSyntax or MemberDeclarationSyntax) is not ConstructorInitializerSyntax initializer ||
                model.GetSymbolInfo(initializer, cancellationToken).Symbol is not IMethodSymbol target ||
                !HandsOnAsHandler(initializer, target, invocation, model, types, cancellationToken))
            {
                return false;
            }

            calls++;
        }

        return calls > 0;
    }

    private static bool HandsOnAsHandler(ConstructorInitializerSyntax initializer, IMethodSymbol target, InvocationExpressionSyntax call, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        for (var i = 0; i < initializer.ArgumentList.Arguments.Count; i++)
        {
            var argument = initializer.ArgumentList.Arguments[i];
            if (argument.Span.Contains(call.Span))
            {
                return target.Parameters.ParameterFor(initializer.ArgumentList, i) is { } parameter && types.IsHandler(parameter.Type) &&
                       argument.Expression.Unwrap() == call;
            }
        }

        return false;
    }

    /// <summary>
    /// Overload resolution failed (an argument of a type that does not bind), but every candidate constructor takes the
    /// same argument as its handler: that argument. Null when the candidates disagree or none takes a handler.
    /// </summary>
    private static ExpressionSyntax? AgreedHandlerArgument(SymbolInfo info, ArgumentListSyntax? arguments, WellKnownTypes types)
    {
        ExpressionSyntax? agreed = null;
        var count = arguments?.Arguments.Count ?? 0;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is IMethodSymbol { Parameters: var parameters } &&
                (parameters.Length < count || parameters.Count(static p => !p.IsOptional && !p.IsParams) > count))
            {
                // new HttpClient() or (handler, disposeHandler) for one argument: not a candidate for this call's shape.
                continue;
            }

            if (candidate is not IMethodSymbol constructor || ArgumentFor(arguments, constructor, types) is not { } argument ||
                agreed is not null && agreed != argument)
            {
                return null;
            }

            agreed = argument;
        }

        return agreed;
    }

    private static ExpressionSyntax? ArgumentFor(ArgumentListSyntax? arguments, IMethodSymbol constructor, WellKnownTypes types)
    {
        if (arguments is null)
        {
            return null;
        }

        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            if (constructor.Parameters.ParameterFor(arguments, i) is { } parameter && types.IsHandler(parameter.Type))
            {
                return arguments.Arguments[i].Expression;
            }
        }

        return null;
    }

    private static void CollectOwnedHandlers(
        ExpressionSyntax expression,
        SemanticModel model,
        WellKnownTypes types,
        List<BaseObjectCreationExpressionSyntax> owned,
        HashSet<ISymbol> visitedLocals,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        expression = expression.Unwrap();
        switch (expression)
        {
            case BaseObjectCreationExpressionSyntax creation:
                var type = SyntaxGates.CreatedType(creation, model, cancellationToken);
                if (types.IsPrimaryHandler(type))
                {
                    owned.Add(creation);
                }
                else if (types.IsDelegatingHandler(type))
                {
                    CollectInnerHandlers(creation, model, types, owned, visitedLocals, cancellationToken);
                }
                else if (type is null or { TypeKind: TypeKind.Error })
                {
                    // new ProgressMessageHandler(handler), new ResilienceHandler(pipeline) { InnerHandler = handler } from a
                    // package folder mode lacks: a wrapper that does not bind is taken to delegate to the handlers it is
                    // given (as an argument, or as its InnerHandler, a property only delegating handlers have), so the
                    // client reports them, once.
                    foreach (var argument in creation.ArgumentList?.Arguments ?? default)
                    {
                        CollectOwnedHandlers(argument.Expression, model, types, owned, visitedLocals, cancellationToken);
                    }

                    CollectInnerHandlers(creation, model, types, owned, visitedLocals, cancellationToken);
                }

                return;

            case ConditionalExpressionSyntax conditional:
                CollectOwnedHandlers(conditional.WhenTrue, model, types, owned, visitedLocals, cancellationToken);
                CollectOwnedHandlers(conditional.WhenFalse, model, types, owned, visitedLocals, cancellationToken);
                return;

            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                CollectOwnedHandlers(coalesce.Left, model, types, owned, visitedLocals, cancellationToken);
                CollectOwnedHandlers(coalesce.Right, model, types, owned, visitedLocals, cancellationToken);
                return;

            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax } call
                when model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function &&
                     visitedLocals.Add(function) &&
                     function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is LocalFunctionStatementSyntax declaration:
                // handler = GetHandler() ?? CreateDefaultHandler(), a local function of this member: what it returns.
                foreach (var returned in ReturnedValues(declaration))
                {
                    CollectOwnedHandlers(returned, model, types, owned, visitedLocals, cancellationToken);
                }

                return;

            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                when model.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { IsStatic: false } field &&
                     visitedLocals.Add(field) &&
                     FieldAssignedJustBefore(field, expression, model, cancellationToken) is { } assigned:
                // _handler = new HttpClientHandler(); _client = new HttpClient(_handler);  the instance field is this member's handler.
                CollectOwnedHandlers(assigned, model, types, owned, visitedLocals, cancellationToken);
                return;

            case IdentifierNameSyntax identifier:
                // A local, or a parameter the member assigns ('handler = handler ?? new HttpClientHandler()'): the values
                // assigned here; a parameter's incoming value is the caller's.
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is (ILocalSymbol or IParameterSymbol { RefKind: RefKind.None }) and var local &&
                    visitedLocals.Add(local) &&
                    !IsCapturedFromOutside(identifier, local, cancellationToken))
                {
                    foreach (var value in ValuesAssignedTo(local, identifier, model, cancellationToken))
                    {
                        CollectOwnedHandlers(value, model, types, owned, visitedLocals, cancellationToken);
                    }
                }

                return;
        }
    }

    /// <summary>
    /// The value an instance field read by <paramref name="use"/> was given by the one assignment to it in the member
    /// (<c>_handler = new HttpClientHandler();</c>), a statement of the same block before the one that reads it, in the
    /// same function; null when the member assigns it elsewhere too, or the read may see another value.
    /// </summary>
    private static ExpressionSyntax? FieldAssignedJustBefore(IFieldSymbol field, ExpressionSyntax use, SemanticModel model, CancellationToken cancellationToken)
    {
        if (use.EnclosingMember() is not { } member)
        {
            return null;
        }

        AssignmentExpressionSyntax? only = null;
        foreach (var node in member.DescendantNodes())
        {
            var written = (node as AssignmentExpressionSyntax)?.Left.Unwrap() switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax memberName } => memberName,
                _ => null,
            };

            if (written is not null && written.Identifier.ValueText == field.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(written, cancellationToken).Symbol, field))
            {
                var assignment = (AssignmentExpressionSyntax)node;
                if (only is not null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return null;
                }

                only = assignment;
            }
        }

        if (only is not { Parent: ExpressionStatementSyntax { Parent: BlockSyntax block } statement } ||
            only.EnclosingFunction() != use.EnclosingFunction())
        {
            return null;
        }

        foreach (var later in block.Statements)
        {
            if (later.SpanStart > statement.SpanStart && later.Span.Contains(use.Span))
            {
                return only.Right;
            }
        }

        return null;
    }

    /// <summary>The values a local function returns: its expression body, or its own <c>return</c> statements.</summary>
    private static IEnumerable<ExpressionSyntax> ReturnedValues(LocalFunctionStatementSyntax function) => ReturnedValues(function.Body, function.ExpressionBody);

    private static IEnumerable<ExpressionSyntax> ReturnedValues(BlockSyntax? body, ArrowExpressionClauseSyntax? expressionBody)
    {
        if (expressionBody is { } arrow)
        {
            yield return arrow.Expression;
            yield break;
        }

        foreach (var node in body?.DescendantNodes(static node => node is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax) ?? Enumerable.Empty<SyntaxNode>())
        {
            if (node is ReturnStatementSyntax { Expression: { } value })
            {
                yield return value;
            }
        }
    }

    /// <summary>
    /// A handler local declared outside the lambda or local function that uses it: the function (and the
    /// client it builds) runs many times over the one handler, which is shared by those clients.
    /// </summary>
    private static bool IsCapturedFromOutside(IdentifierNameSyntax identifier, ISymbol local, CancellationToken cancellationToken)
    {
        var function = identifier.FirstAncestorOrSelf<SyntaxNode>(static node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        if (function is null)
        {
            return false;
        }

        foreach (var declaration in local.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree != identifier.SyntaxTree || !function.Span.Contains(declaration.GetSyntax(cancellationToken).Span))
            {
                return true;
            }
        }

        return false;
    }

    private static void CollectInnerHandlers(
        BaseObjectCreationExpressionSyntax delegatingCreation,
        SemanticModel model,
        WellKnownTypes types,
        List<BaseObjectCreationExpressionSyntax> owned,
        HashSet<ISymbol> visitedLocals,
        CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(delegatingCreation, cancellationToken).Symbol is IMethodSymbol constructor &&
            ArgumentFor(delegatingCreation.ArgumentList, constructor, types) is { } innerArgument)
        {
            CollectOwnedHandlers(innerArgument, model, types, owned, visitedLocals, cancellationToken);
        }

        if (delegatingCreation.Initializer is { } initializer)
        {
            foreach (var assignment in initializer.Expressions)
            {
                if (assignment is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "InnerHandler" } } innerAssignment)
                {
                    CollectOwnedHandlers(innerAssignment.Right, model, types, owned, visitedLocals, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Every value the member assigns to <paramref name="local"/> (a local or a by-value parameter): a local's
    /// initializer, plain and <c>??=</c> assignments (compound ones and writes by reference are not read), and for
    /// delegating handlers <c>local.InnerHandler = ...</c>.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> ValuesAssignedTo(ISymbol local, SyntaxNode reference, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var declaration in local.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial })
            {
                yield return initial;
            }
        }

        var scope = reference.EnclosingMember();
        if (scope is null)
        {
            yield break;
        }

        foreach (var value in model.ValuesWritten(local, scope, cancellationToken).Values)
        {
            yield return value;
        }

        // var handler = new LoggingHandler(); handler.InnerHandler = new HttpClientHandler();  the chain's primary handler.
        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression or (int)SyntaxKind.CoalesceAssignmentExpression,
                    Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InnerHandler", Expression: IdentifierNameSyntax owner } } assignment &&
                owner.Identifier.ValueText == name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(owner, cancellationToken).Symbol, local))
            {
                yield return assignment.Right;
            }
        }
    }

    /// <summary>
    /// A client type derived from HttpClient: look at the source of the constructor being called.
    /// <c>: base()</c> or no initializer builds a default handler; <c>: base(new XHandler())</c> builds
    /// one per instance; <c>: base(handler)</c> forwards the caller's argument; <c>: base(handler ?? new
    /// HttpClientHandler())</c> builds one when the caller may pass null (also through <c>this(...)</c>:
    /// <c>Client() : this(handler: null)</c>). Constructors in metadata cannot be read, so they stay quiet.
    /// </summary>
    private static ClientPool ClassifyDerivedClientConstructor(
        IMethodSymbol constructor,
        BaseObjectCreationExpressionSyntax clientCreation,
        SemanticModel model,
        WellKnownTypes types,
        List<BaseObjectCreationExpressionSyntax>? ownedHandlers,
        CancellationToken cancellationToken)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            if (constructor.DeclaringSyntaxReferences.Length == 0)
            {
                // Metadata constructors cannot be read; an implicit default constructor chains to the base default.
                if (!constructor.IsImplicitlyDeclared || constructor.ContainingType.BaseType is not { } implicitBase)
                {
                    return ClientPool.SharedOrNone;
                }

                if (SymbolEqualityComparer.Default.Equals(implicitBase, types.HttpClient))
                {
                    return ClientPool.OwnDefaultHandler;
                }

                var baseDefault = FindParameterlessConstructor(implicitBase);
                if (baseDefault is null)
                {
                    return ClientPool.SharedOrNone;
                }

                constructor = baseDefault;
                continue;
            }

            var syntax = constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (!model.Compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                // A referenced project's source (the IDE, folder mode): a build sees its metadata, which cannot be read.
                return ClientPool.SharedOrNone;
            }

            if (syntax is not ConstructorDeclarationSyntax declaration)
            {
                // Primary constructors and records: their base list decides, which needs a semantic model of another tree.
                return ClientPool.SharedOrNone;
            }

            if (declaration.Initializer is null || declaration.Initializer.IsKind(SyntaxKind.BaseConstructorInitializer) && declaration.Initializer.ArgumentList.Arguments.Count == 0)
            {
                var baseType = constructor.ContainingType.BaseType;
                if (SymbolEqualityComparer.Default.Equals(baseType, types.HttpClient))
                {
                    return ClientPool.OwnDefaultHandler;
                }

                var next = baseType is null ? null : FindParameterlessConstructor(baseType);
                if (next is null)
                {
                    return ClientPool.SharedOrNone;
                }

                constructor = next;
                continue;
            }

            // The handler the initializer hands on: a new handler made there (wrapped in delegating handlers, or the
            // fallback of a parameter the caller may leave null: base(handler ?? new HttpClientHandler())), or the
            // caller's own argument forwarded from the constructor it calls.
            var declarationModel = model.For(declaration.SyntaxTree);
            if (declarationModel.GetSymbolInfo(declaration.Initializer, cancellationToken).Symbol is not IMethodSymbol target)
            {
                return ClientPool.SharedOrNone;
            }

            var initializerArguments = declaration.Initializer.ArgumentList;
            for (var i = 0; i < initializerArguments.Arguments.Count; i++)
            {
                if (target.Parameters.ParameterFor(initializerArguments, i) is not { } parameter || !types.IsHandler(parameter.Type))
                {
                    continue;
                }

                var value = initializerArguments.Arguments[i].Expression;
                var made = new List<BaseObjectCreationExpressionSyntax>();
                CollectOwnedHandlers(value, declarationModel, types, made, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
                CollectFromPrivateFactory(value, declarationModel, types, made, cancellationToken);
                foreach (var handler in made)
                {
                    if (ParameterFallbacks.For(handler, declaration, declarationModel, cancellationToken) is not { } fallback ||
                        ParameterFallbacks.MayReach(clientCreation, fallback, model, cancellationToken))
                    {
                        return ClientPool.OwnDefaultHandler;
                    }
                }

                // base(handler) or base(handler ?? ...) of the constructor the caller calls: the caller's argument.
                var forwarded = value.Unwrap() is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce ? coalesce.Left.Unwrap() : value.Unwrap();
                if (depth == 0 && forwarded is IdentifierNameSyntax identifier &&
                    declarationModel.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol forwardedParameter &&
                    SymbolEqualityComparer.Default.Equals(forwardedParameter.ContainingSymbol.OriginalDefinition, constructor.OriginalDefinition) &&
                    clientCreation.ArgumentList is { } arguments && arguments.ArgumentFor(constructor, forwardedParameter) is { } passed)
                {
                    var found = ownedHandlers ?? new List<BaseObjectCreationExpressionSyntax>();
                    var before = found.Count;
                    CollectOwnedHandlers(passed, model, types, found, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
                    if (found.Count > before)
                    {
                        return ClientPool.OwnHandlerCreatedHere;
                    }
                }
            }

            if (!declaration.Initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
            {
                return ClientPool.SharedOrNone;
            }

            // this(...): the constructor it runs decides (a fallback it reaches is read against the caller's call above).
            constructor = target;
        }

        return ClientPool.SharedOrNone;
    }

    /// <summary>
    /// <paramref name="constructor"/>, of <c>HttpClient</c> or a type derived from it, runs <c>HttpClient()</c> and so builds the
    /// default handler: each constructor on the way is implicit, or declared in this compilation with no initializer,
    /// <c>base()</c> or <c>this(...)</c> (followed). <see cref="Classify"/> says only that such a client owns its pool (as one
    /// whose constructor hands <c>base(...)</c> a handler it makes does); HCG007 asks which handler that pool is
    /// (<c>public sealed class HttpClientSingleton : HttpClient { ... instance = new HttpClientSingleton(); }</c>).
    /// </summary>
    public static bool BuildsDefaultHandler(IMethodSymbol constructor, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            if (SymbolEqualityComparer.Default.Equals(constructor.ContainingType, types.HttpClient))
            {
                return constructor.Parameters.IsEmpty;
            }

            IMethodSymbol? next;
            if (constructor.IsImplicitlyDeclared)
            {
                // The default constructor of a type without one: base() of the base type.
                next = constructor.ContainingType.BaseType is { } implicitBase ? FindParameterlessConstructor(implicitBase) : null;
            }
            else if (constructor.DeclaringSyntaxReferences.Length != 1 ||
                     constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration)
            {
                return false;
            }
            else if (declaration.Initializer is { } initializer)
            {
                next = initializer.IsKind(SyntaxKind.BaseConstructorInitializer) && initializer.ArgumentList.Arguments.Count > 0
                    ? null
                    : model.For(initializer.SyntaxTree).GetSymbolInfo(initializer, cancellationToken).Symbol as IMethodSymbol;
            }
            else
            {
                next = constructor.ContainingType.BaseType is { } baseType ? FindParameterlessConstructor(baseType) : null;
            }

            if (next is null)
            {
                return false;
            }

            constructor = next;
        }

        return false;
    }

    private static IMethodSymbol? FindParameterlessConstructor(INamedTypeSymbol type)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0)
            {
                return constructor;
            }
        }

        return null;
    }
}
