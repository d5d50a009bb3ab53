using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// What a method in the compilation does with the delegates it is given, read once per method from its
/// source: whether it stores what a delegate parameter returns in storage that outlives the call (a user's
/// own cache wrapper, <c>GetClient(string key, Func&lt;HttpClient&gt; create)</c>), and whether it invokes a
/// delegate parameter at most once per call. A lambda or method group passed to such a method runs once per
/// key of that cache, or as often as the method. Read from syntax and the containing type's members only, so
/// a method in any file can be summarised without a semantic model of its tree. A constructor (or method) that keeps
/// a delegate parameter in a field or property of its type hands the decision to where that member is invoked; one
/// that keeps it inside a <c>Lazy&lt;T&gt;</c> runs it at most once per instance.
/// </summary>
internal static class MethodSummaries
{
    // Keyed by the method's symbol, which lives as long as its compilation: each method is read once.
    private static readonly ConditionalWeakTable<IMethodSymbol, Summary> s_summaries = new();

    // An interface or abstract method's implementations in a compilation, found once per method and compilation: a member of
    // a referenced project is the same symbol in every compilation that references it.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]>> s_implementations = new();

    /// <summary>Where <paramref name="method"/> keeps what its delegate parameter <paramref name="parameter"/> returns.</summary>
    public static Storage StoresDelegateResult(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Of(method, cancellationToken) is { } summary && Ordinal(method, parameter) is var ordinal && ordinal < summary.Stored.Length ? summary.Stored[ordinal] : Storage.None;

    /// <summary><paramref name="method"/> invokes its delegate parameter <paramref name="parameter"/> at most once per call, and does nothing else with it.</summary>
    public static bool InvokesAtMostOnce(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Of(method, cancellationToken) is { } summary && Ordinal(method, parameter) is var ordinal && ordinal < summary.InvokedOnce.Length && summary.InvokedOnce[ordinal];

    /// <summary>
    /// <paramref name="method"/> invokes its delegate parameter <paramref name="parameter"/> once per call, uses it for nothing
    /// else, and returns what it returned, as it is or inside an object it builds around it (<c>var net = factory(url); ...;
    /// return new ApiClient(net);</c>): what the delegate makes goes where the call's result goes.
    /// </summary>
    public static bool ReturnsDelegateResult(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Of(method, cancellationToken) is { } summary && Ordinal(method, parameter) is var ordinal && ordinal < summary.ReturnsResult.Length && summary.ReturnsResult[ordinal];

    /// <summary>
    /// The field or property of <paramref name="method"/>'s type its delegate parameter <paramref name="parameter"/> is
    /// assigned to as it is (<c>_create = create;</c>, <c>_create = create ?? throw ...</c>), when that is all the method
    /// does with it; null otherwise.
    /// </summary>
    public static ISymbol? KeptIn(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Of(method, cancellationToken) is { } summary && Ordinal(method, parameter) is var ordinal && ordinal < summary.KeptIn.Length ? summary.KeptIn[ordinal] : null;

    /// <summary>
    /// <paramref name="method"/> keeps its delegate parameter <paramref name="parameter"/> only inside a <c>Lazy&lt;T&gt;</c>
    /// it assigns to an instance field or property (<c>_client = new Lazy&lt;IExportClient&gt;(factory)</c>): the delegate
    /// runs at most once per instance of the method's type.
    /// </summary>
    public static bool KeptInLazy(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken) =>
        Of(method, cancellationToken) is { } summary && Ordinal(method, parameter) is var ordinal && ordinal < summary.KeptInLazy.Length && summary.KeptInLazy[ordinal];

    /// <summary>
    /// As <see cref="StoresDelegateResult(IMethodSymbol, IParameterSymbol, CancellationToken)"/>, for a method without a
    /// body too: an interface or abstract member (a cache wrapper called through its interface, <c>ICached&lt;T&gt;.Get(key,
    /// create)</c>) keeps the delegate's result where every implementation of it in <paramref name="compilation"/> keeps
    /// it (the shortest-lived of them), and nowhere when it has none here or one keeps it nowhere.
    /// </summary>
    public static Storage StoresDelegateResult(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        if (!method.IsAbstract)
        {
            return StoresDelegateResult(method, parameter, cancellationToken);
        }

        var weakest = Storage.None;
        var found = false;
        var definition = method.OriginalDefinition;
        foreach (var implementation in ImplementationsIn(definition, compilation, cancellationToken))
        {
            var stored = StoresDelegateResult(implementation, implementation.Parameters[parameter.Ordinal], cancellationToken);
            if (stored == Storage.None)
            {
                return Storage.None;
            }

            weakest = found ? Weaker(weakest, stored) : stored;
            found = true;
        }

        return found ? weakest : Storage.None;
    }

    /// <summary>
    /// The implementations of an interface or abstract <paramref name="method"/> (its original definition) in the types of
    /// <paramref name="compilation"/>, each a method with a body; found once per method.
    /// </summary>
    public static IMethodSymbol[] ImplementationsIn(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken) =>
        s_implementations.GetValue(compilation, static _ => new ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]>(SymbolEqualityComparer.Default))
            .GetOrAdd(method.OriginalDefinition, m => Implementations(m, compilation, cancellationToken).ToArray());

    /// <summary>
    /// The one public (or explicit) instance method of <paramref name="type"/> that implements <paramref name="member"/> by its written
    /// signature, when the member's signature names a type that does not bind: the interface is declared in a referenced
    /// project and folder mode lacks a package both use, so the two error types (one per compilation) are not the same
    /// symbol and Roslyn finds no implementation. Same name, same parameter count, same written parameter and return types.
    /// </summary>
    private static IMethodSymbol? ImplementationByWrittenSignature(INamedTypeSymbol type, IMethodSymbol member)
    {
        if (!member.ReturnType.ContainsErrorType() && !member.Parameters.Any(static parameter => parameter.Type.ContainsErrorType()))
        {
            return null;
        }

        IMethodSymbol? found = null;
        foreach (var candidate in type.GetMembers())
        {
            if (candidate is IMethodSymbol { IsStatic: false } method &&
                (method is { DeclaredAccessibility: Accessibility.Public, MethodKind: MethodKind.Ordinary } && method.Name == member.Name ||
                 method.MethodKind == MethodKind.ExplicitInterfaceImplementation && method.Name.EndsWith("." + member.Name, StringComparison.Ordinal)) &&
                method.Parameters.Length == member.Parameters.Length &&
                method.ReturnType.ToDisplayString() == member.ReturnType.ToDisplayString() &&
                method.Parameters.Zip(member.Parameters, static (a, b) => a.RefKind == b.RefKind && a.Type.ToDisplayString() == b.Type.ToDisplayString()).All(static same => same))
            {
                if (found is not null)
                {
                    return null;
                }

                found = method;
            }
        }

        return found;
    }

    /// <summary>
    /// The implementations of an interface or abstract <paramref name="method"/> in the types of <paramref name="compilation"/>
    /// whose base list names its declaring type (found through each file's index), each a method with a body.
    /// </summary>
    private static IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        var declaring = method.ContainingType.OriginalDefinition;
        foreach (var name in SyntaxTreeIndex.SimpleNames(compilation, declaring.Name, cancellationToken))
        {
            if (name.FirstAncestorOrSelf<BaseTypeSyntax>() is not { Parent: BaseListSyntax { Parent: TypeDeclarationSyntax declaration } } ||
                compilation.ModelFor(declaration.SyntaxTree).GetDeclaredSymbol(declaration, cancellationToken) is not { IsAbstract: false } type)
            {
                continue;
            }

            IMethodSymbol? implementation = null;
            if (declaring.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, declaring))
                    {
                        continue;
                    }

                    foreach (var member in implemented.GetMembers(method.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, method))
                        {
                            implementation = type.FindImplementationForInterfaceMember(member) as IMethodSymbol ?? ImplementationByWrittenSignature(type, (IMethodSymbol)member);
                        }
                    }

                    break;
                }
            }
            else
            {
                for (var current = type; current is not null && implementation is null; current = current.BaseType)
                {
                    foreach (var member in current.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol { IsOverride: true } candidate && IsOverrideOf(candidate, method))
                        {
                            implementation = candidate;
                            break;
                        }
                    }
                }
            }

            if (implementation is not null)
            {
                yield return implementation.OriginalDefinition;
            }
        }
    }

    private static bool IsOverrideOf(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    // A reduced extension method (x.Get(...)) lists its parameters without the receiver.
    private static int Ordinal(IMethodSymbol method, IParameterSymbol parameter) => parameter.Ordinal + (method.ReducedFrom is null ? 0 : 1);

    private static Summary? Of(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 || method.Parameters.Length == 0)
        {
            return null;
        }

        return s_summaries.GetValue(method, m => Summarize(m, cancellationToken));
    }

    private static Summary Summarize(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var stored = new Storage[method.Parameters.Length];
        var invokedOnce = new bool[method.Parameters.Length];
        var keptIn = new ISymbol?[method.Parameters.Length];
        var keptInLazy = new bool[method.Parameters.Length];
        var returnsResult = new bool[method.Parameters.Length];
        var empty = new Summary(stored, invokedOnce, keptIn, keptInLazy, returnsResult);
        if (method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not BaseMethodDeclarationSyntax declaration)
        {
            return empty;
        }

        SyntaxNode? body = declaration.Body;
        body ??= declaration.ExpressionBody;
        if (body is null)
        {
            return empty;
        }

        if (declaration is ConstructorDeclarationSyntax { Initializer: { RawKind: (int)SyntaxKind.BaseConstructorInitializer } baseCall } &&
            method.ContainingType.BaseType is { } baseType && IsLazy(baseType))
        {
            // class AsyncLazy<T> : Lazy<Task<T>> { AsyncLazy(Func<Task<T>> factory) : base(() => Task.Run(factory)) { } }
            KeptByBaseLazy(method, baseCall, body, keptInLazy);
        }

        var locals = declaration.DeclaredNames();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind != TypeKind.Delegate)
            {
                continue;
            }

            var references = 0;
            var invocationsOnce = 0;
            var returned = false;
            IdentifierNameSyntax? onlyReference = null;
            foreach (var node in body.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != parameter.Name ||
                    identifier.Parent is MemberAccessExpressionSyntax { Name: var memberName } && memberName == identifier ||
                    identifier.IsNameOfArgument() || IsNullCheck(identifier))
                {
                    continue;
                }

                references++;
                onlyReference = identifier;
                if (Invocation(identifier) is not { } invocation)
                {
                    continue;
                }

                if (!invocation.IsInLoopOrFunction(body))
                {
                    invocationsOnce++;
                    returned |= ReachesReturn(invocation, body, hops: 3);
                }

                stored[parameter.Ordinal] = Stronger(stored[parameter.Ordinal], Destination(invocation, method.ContainingType, locals, body, hops: 3));
            }

            invokedOnce[parameter.Ordinal] = references == 1 && invocationsOnce == 1;
            returnsResult[parameter.Ordinal] = invokedOnce[parameter.Ordinal] && returned;
            if (references == 1 && invocationsOnce == 0 && onlyReference is not null && !onlyReference.IsInLoopOrFunction(body))
            {
                keptIn[parameter.Ordinal] = KeptMember(onlyReference, method.ContainingType, locals, lazy: false);
                keptInLazy[parameter.Ordinal] = KeptMember(onlyReference, method.ContainingType, locals, lazy: true) is { IsStatic: false };
            }
        }

        return empty;
    }

    /// <summary>
    /// A constructor of a type derived from <c>Lazy&lt;T&gt;</c> that hands a delegate parameter to the base's value
    /// factory (as it is, or referenced once inside the factory lambda) and uses it nowhere else: the base runs it at
    /// most once per instance.
    /// </summary>
    private static void KeptByBaseLazy(IMethodSymbol constructor, ConstructorInitializerSyntax baseCall, SyntaxNode body, bool[] keptInLazy)
    {
        if (baseCall.ArgumentList.Arguments.Count is not (1 or 2))
        {
            return;
        }

        var factory = baseCall.ArgumentList.Arguments[0].Expression;
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.Type.TypeKind != TypeKind.Delegate || References(body, parameter.Name) != 0 ||
                References(baseCall.ArgumentList, parameter.Name) != 1 || References(factory, parameter.Name) != 1)
            {
                continue;
            }

            keptInLazy[parameter.Ordinal] = true;
        }

        static int References(SyntaxNode scope, string name)
        {
            var count = 0;
            foreach (var node in scope.DescendantNodesAndSelf())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name &&
                    !(identifier.Parent is MemberAccessExpressionSyntax { Name: var memberName } && memberName == identifier))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// The field or property of <paramref name="type"/> the parameter's value is assigned to as it is (through
    /// <c>??</c> and casts), or, with <paramref name="lazy"/>, inside a <c>new Lazy&lt;T&gt;(value)</c> assigned to one.
    /// </summary>
    private static ISymbol? KeptMember(IdentifierNameSyntax reference, INamedTypeSymbol type, HashSet<string> locals, bool lazy)
    {
        SyntaxNode value = reference;
        while (value.Parent is { } parent && (parent.PassesValueThrough(value) && parent is not AwaitExpressionSyntax and not ConditionalExpressionSyntax))
        {
            value = parent;
        }

        if (lazy)
        {
            if (value.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1 or 2, Parent: BaseObjectCreationExpressionSyntax creation } } argument ||
                creation.ArgumentList!.Arguments[0] != argument)
            {
                return null;
            }

            value = creation;
        }

        if (value.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment || assignment.Right != value ||
            assignment.Parent is InitializerExpressionSyntax)
        {
            return null;
        }

        var target = assignment.Left.Unwrap() switch
        {
            IdentifierNameSyntax identifier when !locals.Contains(identifier.Identifier.ValueText) => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => null,
        };
        if (target is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(target))
        {
            switch (member)
            {
                case IFieldSymbol { Type: var fieldType } when lazy ? IsLazy(fieldType) : fieldType.TypeKind == TypeKind.Delegate:
                case IPropertySymbol { Type: var propertyType, IsIndexer: false } when lazy ? IsLazy(propertyType) : propertyType.TypeKind == TypeKind.Delegate:
                    return member;
            }
        }

        return null;
    }

    /// <summary><c>create()</c> or <c>create.Invoke()</c> for the parameter name <paramref name="identifier"/>.</summary>
    private static InvocationExpressionSyntax? Invocation(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        InvocationExpressionSyntax invocation when invocation.Expression == identifier => invocation,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Parent: InvocationExpressionSyntax invocation } memberAccess
            when memberAccess.Expression == identifier => invocation,
        _ => null,
    };

    /// <summary>Where the value of <paramref name="value"/> is kept: a member of <paramref name="type"/>, or a collection held by one.</summary>
    private static Storage Destination(ExpressionSyntax value, INamedTypeSymbol type, HashSet<string> locals, SyntaxNode body, int hops)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null && parent != body; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case var _ when parent.PassesValueThrough(child):
                    continue;

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } } when child is ExpressionSyntax:
                    // new CacheItem(create(), lifetime): the value is made when the wrapper is, and kept where the wrapper is.
                    parent = wrapper;
                    continue;

                case AssignmentExpressionSyntax assignment when assignment.Right == child && assignment.Parent is not InitializerExpressionSyntax:
                    if (assignment.Left.Unwrap() is IdentifierNameSyntax { Identifier.ValueText: var assigned } && locals.Contains(assigned))
                    {
                        return hops > 0 ? ThroughLocal(assigned, type, locals, body, hops - 1) : Storage.None;
                    }

                    return MemberStorage(assignment.Left, type, locals);

                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator }:
                    return hops > 0 ? ThroughLocal(declarator.Identifier.ValueText, type, locals, body, hops - 1) : Storage.None;

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } } }
                    when memberAccess.Name.Identifier.ValueText is "TryAdd" or "Add" or "AddOrUpdate" or "TryUpdate" or "Set":
                    return MemberStorage(memberAccess.Expression, type, locals);

                case ArrowExpressionClauseSyntax or ReturnStatementSyntax when child is ExpressionSyntax:
                    // cache.GetOrAdd(key, _ => create()): the lambda's result is the cache's.
                    var function = parent is ArrowExpressionClauseSyntax ? parent.Parent : parent.ReturningFunction();
                    return function is AnonymousFunctionExpressionSyntax
                        {
                            Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax cacheCall } } },
                        } && cacheCall.Name.Identifier.ValueText is "GetOrAdd" or "AddOrUpdate" or "GetOrCreate" or "GetOrCreateAsync"
                        ? MemberStorage(cacheCall.Expression, type, locals)
                        : Storage.None;

                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == child:
                    return lambda is { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax lambdaCache } } } } &&
                           lambdaCache.Name.Identifier.ValueText is "GetOrAdd" or "AddOrUpdate" or "GetOrCreate" or "GetOrCreateAsync"
                        ? MemberStorage(lambdaCache.Expression, type, locals)
                        : Storage.None;

                default:
                    return Storage.None;
            }
        }

        return Storage.None;
    }

    /// <summary>
    /// <c>ArgumentNullException.ThrowIfNull(factory)</c>, <c>factory == null</c>, <c>factory is null</c>: a guard looks at the
    /// delegate, it neither runs nor keeps it.
    /// </summary>
    private static bool IsNullCheck(IdentifierNameSyntax reference) => reference.Parent switch
    {
        ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1 or 2, Parent: InvocationExpressionSyntax call } } => call.InvokedName() == "ThrowIfNull",
        BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression) =>
            (binary.Left == reference ? binary.Right : binary.Left).IsKind(SyntaxKind.NullLiteralExpression),
        IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } => constant.IsKind(SyntaxKind.NullLiteralExpression),
        IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } } => negated.IsKind(SyntaxKind.NullLiteralExpression),
        _ => false,
    };

    /// <summary>
    /// <paramref name="value"/> is what the method returns: through <c>await</c>, casts and <c>??</c>, as an argument of an
    /// object it builds, or through a local some reference to which is returned the same way (up to <paramref name="hops"/> locals).
    /// </summary>
    private static bool ReachesReturn(ExpressionSyntax value, SyntaxNode body, int hops)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ArrowExpressionClauseSyntax when parent == body:
                    return true;
                case var _ when parent.PassesValueThrough(child):
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } } when child is ExpressionSyntax:
                    // return new ApiClient(application, net): the value lives on inside what is returned.
                    parent = wrapper;
                    continue;
                case ReturnStatementSyntax when child is ExpressionSyntax:
                    return parent.ReturningFunction() is BaseMethodDeclarationSyntax;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator } when hops > 0:
                    var name = declarator.Identifier.ValueText;
                    foreach (var node in body.DescendantNodes())
                    {
                        if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name &&
                            !(identifier.Parent is MemberAccessExpressionSyntax { Name: var member } && member == identifier) &&
                            ReachesReturn(identifier, body, hops - 1))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        return false;
    }

    private static Storage ThroughLocal(string name, INamedTypeSymbol type, HashSet<string> locals, SyntaxNode body, int hops)
    {
        var best = Storage.None;
        foreach (var node in body.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name &&
                !(identifier.Parent is AssignmentExpressionSyntax assignment && assignment.Left == identifier) &&
                !(identifier.Parent is MemberAccessExpressionSyntax { Name: var name2 } && name2 == identifier))
            {
                best = Stronger(best, Destination(identifier, type, locals, body, hops));
            }
        }

        return best;
    }

    private static bool IsLazy(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Lazy", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static Storage Weaker(Storage a, Storage b) =>
        a == Storage.None || b == Storage.None ? Storage.None : a == Storage.Instance || b == Storage.Instance ? Storage.Instance : Storage.Static;

    /// <summary>Static storage outlives instance storage, which outlives none.</summary>
    private static Storage Stronger(Storage a, Storage b) =>
        a == Storage.Static || b == Storage.Static ? Storage.Static : a == Storage.Instance || b == Storage.Instance ? Storage.Instance : Storage.None;

    /// <summary>A field or property of <paramref name="type"/> (or its bases) named by <paramref name="target"/>, or an element of one.</summary>
    private static Storage MemberStorage(ExpressionSyntax target, INamedTypeSymbol type, HashSet<string> locals)
    {
        target = target.Unwrap();
        if (target is ElementAccessExpressionSyntax elementAccess)
        {
            target = elementAccess.Expression.Unwrap();
        }

        var name = target switch
        {
            IdentifierNameSyntax identifier when !locals.Contains(identifier.Identifier.ValueText) => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax, Name: IdentifierNameSyntax member } memberAccess
                when memberAccess.Expression is ThisExpressionSyntax || memberAccess.Expression is IdentifierNameSyntax { Identifier.ValueText: var typeName } && typeName == type.Name =>
                member.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return Storage.None;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IFieldSymbol or IPropertySymbol)
                {
                    return member.IsStatic ? Storage.Static : Storage.Instance;
                }
            }
        }

        return Storage.None;
    }

    private sealed class Summary
    {
        public Summary(Storage[] stored, bool[] invokedOnce, ISymbol?[] keptIn, bool[] keptInLazy, bool[] returnsResult)
        {
            Stored = stored;
            InvokedOnce = invokedOnce;
            KeptIn = keptIn;
            KeptInLazy = keptInLazy;
            ReturnsResult = returnsResult;
        }

        /// <summary>Per parameter: where the method keeps what that delegate returns.</summary>
        public Storage[] Stored { get; }

        /// <summary>Per parameter: the delegate is invoked once per call of the method and used for nothing else.</summary>
        public bool[] InvokedOnce { get; }

        /// <summary>Per parameter: the field or property of the method's type the delegate is assigned to as it is.</summary>
        public ISymbol?[] KeptIn { get; }

        /// <summary>Per parameter: the delegate is kept only inside a <c>Lazy&lt;T&gt;</c> held by an instance member.</summary>
        public bool[] KeptInLazy { get; }

        /// <summary>Per parameter: the delegate is invoked once and what it returns is returned, as it is or inside a new object.</summary>
        public bool[] ReturnsResult { get; }
    }
}
