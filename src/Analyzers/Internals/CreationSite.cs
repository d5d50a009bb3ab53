using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>How often the code at a creation site runs, as far as one member can tell.</summary>
internal enum CreationFrequency
{
    /// <summary>Once per process, per instance, per container or per cache entry: not reported.</summary>
    OneTime,

    /// <summary>Every time the enclosing member, accessor, lambda or local function runs.</summary>
    PerCall,

    /// <summary>Inside a loop of the enclosing member (entry points included).</summary>
    InLoop,

    /// <summary>
    /// Once per instance of <see cref="CreationSite.Owner"/>: instance constructors, instance field
    /// and property initializers, values stored into fields of <c>this</c>. Per call only when the
    /// owner itself is (decided by the owner-lifetime analysis).
    /// </summary>
    PerInstance,

    /// <summary>
    /// Returned by the method <see cref="CreationSite.Factory"/>: as often as its callers run.
    /// </summary>
    Returned,
}

/// <summary>The verdict for one creation, and the member the message names.</summary>
internal readonly struct CreationSite
{
    public CreationSite(CreationFrequency frequency, string memberName, bool inLambda = false, TypeDeclarationSyntax? owner = null, MethodDeclarationSyntax? factory = null, string? via = null)
    {
        Via = via;
        Frequency = frequency;
        MemberName = memberName;
        InLambda = inLambda;
        Owner = owner;
        Factory = factory;
    }

    /// <summary>The factory method (or "a delegate") the creation reaches the per-call member through.</summary>
    public string? Via { get; }

    /// <summary>The same verdict, reached through the factory <paramref name="factoryName"/>.</summary>
    public CreationSite Through(string factoryName) =>
        new(Frequency, MemberName, InLambda, Owner, Factory, Via ?? factoryName);

    /// <summary>The same verdict with the member named as <c>Type.Member</c>, for messages about another type.</summary>
    public CreationSite Qualified(string typeName) =>
        MemberName.Length == 0 || MemberName.StartsWith("<", System.StringComparison.Ordinal)
            ? this
            : new(Frequency, typeName + "." + MemberName, InLambda, Owner, Factory, Via);

    /// <summary>For <see cref="CreationFrequency.PerInstance"/>: the type whose instances own the creation.</summary>
    public TypeDeclarationSyntax? Owner { get; }

    /// <summary>For <see cref="CreationFrequency.Returned"/>: the method that returns the creation.</summary>
    public MethodDeclarationSyntax? Factory { get; }

    public CreationFrequency Frequency { get; }

    /// <summary>The member whose every run creates the object (for the message); empty for one-time sites.</summary>
    public string MemberName { get; }

    /// <summary>The creation is in a lambda or anonymous method declared in <see cref="MemberName"/>.</summary>
    public bool InLambda { get; }

    /// <summary>Per call on its own, without asking about owners or callers.</summary>
    public bool IsPerCall => Frequency is CreationFrequency.PerCall or CreationFrequency.InLoop;

    /// <summary>The phrase the HCG001 / HCG002 messages use for where the object is created.</summary>
    public string Describe()
    {
        var where = Frequency switch
        {
            CreationFrequency.InLoop => $"inside a loop in '{MemberName}'",
            _ when InLambda => $"each time a lambda in '{MemberName}' runs",
            _ when Via == "a delegate" => $"each time a delegate to '{MemberName}' runs",
            _ => $"each time '{MemberName}' runs",
        };
        return Via is null or "a delegate" ? where : where + $" (returned by '{Via}')";
    }

    private static CreationSite OneTime => new(CreationFrequency.OneTime, string.Empty);

    /// <summary>
    /// Walks outward from <paramref name="creation"/> to the member that contains it and decides
    /// whether the creation runs once or per call. Syntax decides almost everything; the semantic
    /// model is asked only about assignment targets and the methods that receive lambdas.
    /// </summary>
    public static CreationSite Classify(ExpressionSyntax creation, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        var inLoop = false;
        var crossedFunction = false;
        string? functionName = null;
        SyntaxNode? outermostFunction = null;
        var returned = true; // still on a path that only hands the value to a return
        var returnedThroughLocal = IsReturnedThroughLocal(creation);
        SyntaxNode child = creation;
        for (var parent = creation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            returned = returned && (HandsValueToReturn(parent, child) ||
                                    returnedThroughLocal && parent is EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax or LocalDeclarationStatementSyntax);

            switch (parent)
            {
                case AssignmentExpressionSyntax assignment
                    when assignment.Right == child &&
                         assignment.Parent is not InitializerExpressionSyntax && // { Prop = ... } stores into the new object, not this one
                         (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)) &&
                         StorageOf(assignment.Left, model, cancellationToken) is var storage && storage != Storage.None:
                    return storage == Storage.Static ? OneTime : PerInstance(assignment);

                case BinaryExpressionSyntax coalesce
                    when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == child &&
                         StorageOf(coalesce.Left, model, cancellationToken) is var cached && cached != Storage.None &&
                         IsAssignmentInto(Unwrap(coalesce.Right), coalesce.Left):
                    // s_client ?? (s_client = new HttpClient())
                    return cached == Storage.Static ? OneTime : PerInstance(coalesce);

                case ArgumentSyntax argument when IsStoredByStaticCacheOrInterlocked(argument, model, cancellationToken):
                    return OneTime;

                case AnonymousFunctionExpressionSyntax lambda when lambda.Body == child || lambda.ExpressionBody == child || lambda.Block == child:
                    switch (ClassifyLambda(lambda, model, types, cancellationToken))
                    {
                        case LambdaKind.OneTime:
                            return OneTime;
                        case LambdaKind.RunsWithItsCreator:
                            // Lazy<T> factories run at most once per Lazy: the Lazy's own site decides.
                            continue;
                        default:
                            crossedFunction = true;
                            outermostFunction = lambda;
                            continue;
                    }

                case LocalFunctionStatementSyntax localFunction when localFunction.Body == child || localFunction.ExpressionBody == child:
                    if (!crossedFunction)
                    {
                        functionName = localFunction.Identifier.ValueText;
                    }

                    crossedFunction = true;
                    outermostFunction = localFunction;
                    continue;

                case QueryBodySyntax:
                    // Every clause after the first 'from' is a lambda.
                    crossedFunction = true;
                    continue;

                case ForStatementSyntax forStatement when !crossedFunction &&
                                                          (forStatement.Statement == child || forStatement.Condition == child || (child is ExpressionSyntax incrementor && forStatement.Incrementors.Contains(incrementor))):
                case CommonForEachStatementSyntax forEach when !crossedFunction && forEach.Statement == child:
                case WhileStatementSyntax whileStatement when !crossedFunction && (whileStatement.Statement == child || whileStatement.Condition == child):
                case DoStatementSyntax when !crossedFunction:
                    inLoop = true;
                    continue;

                case GlobalStatementSyntax:
                    // Top-level statements are the entry point.
                    return EntryPoint("<top-level statements>");

                case MethodDeclarationSyntax method:
                    if (IsEntryPoint(method))
                    {
                        return EntryPoint(method.Identifier.ValueText);
                    }

                    return returned && !inLoop && !crossedFunction
                        ? new CreationSite(CreationFrequency.Returned, method.Identifier.ValueText, factory: method)
                        : Member(method.Identifier.ValueText);

                case ConstructorDeclarationSyntax constructor:
                    // Static constructors run once; instance constructors run once per instance,
                    // and whether the instance is per call is the owner-lifetime analysis's question.
                    return InitializerOrConstructor(constructor.Identifier.ValueText, IsStatic(constructor.Modifiers), constructor);

                case PrimaryConstructorBaseTypeSyntax primary:
                    return InitializerOrConstructor("constructor", isStatic: false, primary);

                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } declarator }:
                    return InitializerOrConstructor(declarator.Identifier.ValueText, IsStatic(field.Modifiers) || field.Modifiers.Any(SyntaxKind.ConstKeyword), field);

                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    // Field and property initializers: static ones run once, instance ones with the constructor.
                    return InitializerOrConstructor(property.Identifier.ValueText, IsStatic(property.Modifiers), property);

                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return Member(property.Identifier.ValueText);

                case ArrowExpressionClauseSyntax { Parent: IndexerDeclarationSyntax }:
                    return Member("this[]");

                case AccessorDeclarationSyntax accessor:
                    return Member(AccessorOwnerName(accessor));

                case OperatorDeclarationSyntax op:
                    return Member("operator " + op.OperatorToken.ValueText);

                case ConversionOperatorDeclarationSyntax conversion:
                    return Member("operator " + conversion.Type);

                case DestructorDeclarationSyntax destructor:
                    return Member("~" + destructor.Identifier.ValueText);

                case BaseTypeDeclarationSyntax:
                case CompilationUnitSyntax:
                case AttributeSyntax:
                case ParameterSyntax:
                    return OneTime;
            }
        }

        return OneTime;

        CreationSite Member(string name)
        {
            if (inLoop)
            {
                return new CreationSite(CreationFrequency.InLoop, functionName ?? name);
            }

            return new CreationSite(CreationFrequency.PerCall, functionName ?? name, inLambda: crossedFunction && functionName is null);
        }

        CreationSite InitializerOrConstructor(string name, bool isStatic, SyntaxNode member)
        {
            // What runs during initialization runs once, lambdas handed to calls made there included
            // (they are invoked while initializing, or belong to Lazy, caches and registrations).
            // A lambda stored for later (a Func field, an event subscription) runs on every invocation.
            if (outermostFunction is not null && IsStoredForLater(outermostFunction))
            {
                return Member(name);
            }

            return isStatic ? OneTime : PerInstance(member);
        }

        CreationSite PerInstance(SyntaxNode at) =>
            at.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner
                ? new CreationSite(CreationFrequency.PerInstance, owner.Identifier.ValueText, owner: owner)
                : OneTime;

        CreationSite EntryPoint(string name)
        {
            // The entry point runs once; its loops and the lambdas and local functions it declares do not.
            if (!inLoop && !crossedFunction)
            {
                return OneTime;
            }

            return Member(name);
        }
    }

    /// <summary>
    /// One step of "the created value is what the method returns": parentheses, casts, a branch
    /// of a conditional, <c>return</c>, an expression body, and the method's own block. Anything
    /// else (a call, a local, an initializer) means callers do not simply receive the creation.
    /// </summary>
    private static bool HandsValueToReturn(SyntaxNode parent, SyntaxNode child) => parent switch
    {
        ParenthesizedExpressionSyntax or CastExpressionSyntax or ReturnStatementSyntax => true,
        ConditionalExpressionSyntax conditional => conditional.Condition != child,
        ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax } => true,
        BlockSyntax or IfStatementSyntax or ElseClauseSyntax => child is StatementSyntax or ElseClauseSyntax,
        MethodDeclarationSyntax => true,
        _ => false,
    };

    /// <summary>
    /// <c>var client = new HttpClient(); client.DefaultRequestHeaders.Add(...); return client;</c>:
    /// the local (not a using declaration) is what the method returns.
    /// </summary>
    private static bool IsReturnedThroughLocal(ExpressionSyntax creation)
    {
        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } ||
            declarator.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Body: { } body })
        {
            return false;
        }

        var name = declarator.Identifier.ValueText;
        foreach (var node in body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
        {
            if (node is ReturnStatementSyntax { Expression: IdentifierNameSyntax returnedName } && returnedName.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStoredForLater(SyntaxNode function)
    {
        var parent = function.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent is EqualsValueClauseSyntax or AssignmentExpressionSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax;
    }

    private static string AccessorOwnerName(AccessorDeclarationSyntax accessor) => accessor.Parent?.Parent switch
    {
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        _ => accessor.Keyword.ValueText,
    };

    /// <summary>
    /// A syntactic test for a program entry point: <c>static</c> <c>Main</c> returning
    /// void, int, Task or Task&lt;int&gt; with no parameters or one string array.
    /// </summary>
    private static bool IsEntryPoint(MethodDeclarationSyntax method)
    {
        if (method.Identifier.ValueText != "Main" || method.TypeParameterList is not null || method.ParameterList.Parameters.Count > 1)
        {
            return false;
        }

        var isStatic = false;
        foreach (var modifier in method.Modifiers)
        {
            isStatic |= modifier.IsKind(SyntaxKind.StaticKeyword);
        }

        if (!isStatic)
        {
            return false;
        }

        var returnType = method.ReturnType.ToString();
        return returnType is "void" or "int" or "Task" or "Task<int>" or "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<int>";
    }

    private enum Storage
    {
        None,
        Static,
        Instance,
    }

    /// <summary>
    /// Where a value stored into <paramref name="target"/> is kept beyond the call: a static field or
    /// property or an element of a static collection, or a field or property of this instance
    /// (per-instance state; the owner's lifetime decides it, not this member).
    /// </summary>
    private static Storage StorageOf(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken)
    {
        target = Unwrap(target);
        if (target is ElementAccessExpressionSyntax elementAccess)
        {
            return model.GetSymbolInfo(elementAccess.Expression, cancellationToken).Symbol.IsStaticMember() ? Storage.Static : Storage.None;
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

        return Storage.None;
    }

    private static bool IsLongLivedStorage(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken) =>
        StorageOf(target, model, cancellationToken) != Storage.None;

    private static bool IsStatic(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.StaticKeyword);

    private static bool IsAssignmentInto(ExpressionSyntax expression, ExpressionSyntax target) =>
        expression is AssignmentExpressionSyntax assignment &&
        SyntaxFactory.AreEquivalent(Unwrap(assignment.Left), Unwrap(target));

    public static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    continue;
                default:
                    return expression;
            }
        }
    }

    /// <summary>
    /// <c>s_cache.TryAdd(key, new HttpClient())</c>, <c>s_cache[key] = ...</c> (an assignment, handled above),
    /// <c>Interlocked.CompareExchange(ref s_client, new HttpClient(), null)</c>: the user already pools.
    /// The value form of <c>GetOrAdd</c> is not here: it builds a client on every call, cached or not.
    /// </summary>
    private static bool IsStoredByStaticCacheOrInterlocked(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } ||
            invocation.Expression is not MemberAccessExpressionSyntax memberAccess)
        {
            return false;
        }

        var name = memberAccess.Name.Identifier.ValueText;
        switch (name)
        {
            case "TryAdd" or "Add" or "AddOrUpdate" or "TryUpdate" or "Set" when argument.Expression is not AnonymousFunctionExpressionSyntax:
                return model.GetSymbolInfo(memberAccess.Expression, cancellationToken).Symbol.IsStaticMember();
            case "CompareExchange" or "Exchange" or "EnsureInitialized":
                var arguments = invocation.ArgumentList.Arguments;
                return arguments.Count > 1 &&
                       arguments[0] != argument &&
                       arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword) &&
                       IsLongLivedStorage(arguments[0].Expression, model, cancellationToken) &&
                       model.GetSymbolInfo(invocation, cancellationToken).Symbol?.ContainingType is { Name: "Interlocked" or "LazyInitializer", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
            default:
                return false;
        }
    }

    private enum LambdaKind
    {
        /// <summary>An ordinary lambda: its body runs per call.</summary>
        PerCall,

        /// <summary>Runs once per container, handler lifetime or cache entry.</summary>
        OneTime,

        /// <summary>Runs at most once per object created around it (<c>Lazy&lt;T&gt;</c>).</summary>
        RunsWithItsCreator,
    }

    /// <summary>
    /// A method group handed over as a delegate (<c>new Lazy&lt;HttpClient&gt;(CreateClient)</c>,
    /// <c>ConfigurePrimaryHttpMessageHandler(CreateHandler)</c>): how often the method then runs.
    /// </summary>
    public static CreationSite ClassifyDelegate(ExpressionSyntax methodGroup, string methodName, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        switch (ClassifyLambda(methodGroup, model, types, cancellationToken))
        {
            case LambdaKind.OneTime:
                return OneTime;
            case LambdaKind.RunsWithItsCreator when methodGroup.Parent?.Parent?.Parent is BaseObjectCreationExpressionSyntax lazy:
                return Classify(lazy, model, types, cancellationToken);
            default:
                return new CreationSite(CreationFrequency.PerCall, methodName, via: "a delegate");
        }
    }

    private static LambdaKind ClassifyLambda(ExpressionSyntax lambda, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } receiver } } argument)
        {
            return LambdaKind.PerCall;
        }

        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax lazyCreation:
                var created = model.GetTypeInfo(lazyCreation, cancellationToken).Type;
                return created is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.Lazy)
                    ? LambdaKind.RunsWithItsCreator
                    : LambdaKind.PerCall;

            case InvocationExpressionSyntax invocation:
                if (invocation.Expression is MemberAccessExpressionSyntax memberAccess &&
                    memberAccess.Name.Identifier.ValueText is "GetOrAdd" or "AddOrUpdate" or "GetOrCreate" or "GetOrCreateAsync" &&
                    model.GetSymbolInfo(memberAccess.Expression, cancellationToken).Symbol.IsStaticMember())
                {
                    return LambdaKind.OneTime;
                }

                if (IsStoredByStaticCacheOrInterlocked(argument, model, cancellationToken))
                {
                    return LambdaKind.OneTime;
                }

                return IsOneTimeRegistration(invocation, model, types, cancellationToken) ? LambdaKind.OneTime : LambdaKind.PerCall;

            default:
                return LambdaKind.PerCall;
        }
    }

    /// <summary>
    /// Lambdas handed to dependency-injection registration or HttpClient-factory configuration
    /// run once per container or per handler lifetime. Transient and scoped factories run per
    /// resolution, so they stay per call.
    /// </summary>
    private static bool IsOneTimeRegistration(InvocationExpressionSyntax invocation, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        if (types.ServiceCollection is null && types.HttpClientBuilder is null)
        {
            return false;
        }

        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
            SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
            _ => string.Empty,
        };
        if (name.Contains("Transient") || name.Contains("Scoped"))
        {
            return false;
        }

        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var receiverType = method.ReducedFrom is { } reduced
            ? reduced.Parameters.Length > 0 ? reduced.Parameters[0].Type : null
            : method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
        return receiverType is not null &&
               (receiverType.InheritsFromOrEquals(types.ServiceCollection) ||
                receiverType.InheritsFromOrEquals(types.HttpClientBuilder) ||
                Implements(receiverType, types.ServiceCollection) ||
                Implements(receiverType, types.HttpClientBuilder));
    }

    private static bool Implements(ITypeSymbol type, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }
}
