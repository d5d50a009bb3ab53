using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A creation made only when the caller passes no value for a parameter: the fallback of
/// <c>_client = client ?? new HttpClient();</c>, <c>handler != null ? new HttpClient(handler) : new HttpClient()</c>,
/// <c>if (client is null) client = new HttpClient();</c>, <c>if (handler != null) return ...; return new HttpClient();</c>.
/// Such a creation runs as often as the calls (or <c>new Owner(...)</c>) whose argument may be null, not as often as
/// every call: <c>new Api(s_shared)</c> per request builds no client, <c>new Api()</c> per request builds one.
/// </summary>
internal static class ParameterFallbacks
{
    /// <summary>
    /// The parameter of <paramref name="member"/> (a constructor or method declaration) whose null value alone reaches
    /// <paramref name="creation"/>, written in <paramref name="member"/>'s own body (not inside a lambda or local
    /// function); null when there is none, or when the member assigns the parameter anywhere but in the fallback itself.
    /// </summary>
    public static IParameterSymbol? For(SyntaxNode creation, BaseMethodDeclarationSyntax member, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var tested in NullTestsAbove(creation, member))
        {
            if (model.GetSymbolInfo(tested.Unwrap(), cancellationToken).Symbol is IParameterSymbol parameter &&
                model.GetDeclaredSymbol(member, cancellationToken) is IMethodSymbol method &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) &&
                parameter.RefKind == RefKind.None &&
                !AssignedElsewhere(member, parameter, creation, model, cancellationToken))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// Each expression whose null value alone reaches <paramref name="node"/> on its way out to <paramref name="member"/>,
    /// innermost first: the left of <c>??</c> and <c>??=</c>, the tested value of a conditional or an <c>if</c> whose branch
    /// holds it, or of an earlier <c>if (x != null) return ...;</c>. With <paramref name="whenNull"/> false, each expression
    /// whose non-null value alone reaches it: the branch that runs when the test says not null, or what follows an earlier
    /// <c>if (x == null) return ...;</c>. None past a lambda or a local function.
    /// </summary>
    public static IEnumerable<ExpressionSyntax> NullTestsAbove(SyntaxNode node, SyntaxNode member, bool whenNull = true)
    {
        SyntaxNode child = node;
        for (var parent = node.Parent; parent is not null && parent != member; child = parent, parent = parent.Parent)
        {
            if (parent is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                yield break;
            }

            var tested = parent switch
            {
                // client ?? new HttpClient(), client ??= new HttpClient()
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when whenNull && coalesce.Right == child => coalesce.Left,
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } assignment when whenNull && assignment.Right == child => assignment.Left,

                // client == null ? new HttpClient() : client, handler != null ? new HttpClient(handler) : new HttpClient()
                ConditionalExpressionSyntax conditional when conditional.WhenTrue == child => Tested(conditional.Condition, conditionIs: true, whenNull),
                ConditionalExpressionSyntax conditional when conditional.WhenFalse == child => Tested(conditional.Condition, conditionIs: false, whenNull),

                // if (client == null) { ... } else { ... }
                IfStatementSyntax statement when statement.Statement == child => Tested(statement.Condition, conditionIs: true, whenNull),
                ElseClauseSyntax { Parent: IfStatementSyntax statement } => Tested(statement.Condition, conditionIs: false, whenNull),

                // if (handler != null) return new HttpClient(handler); return new HttpClient();
                BlockSyntax block when child is StatementSyntax statement => NullTestedByEarlierExit(block, statement, exitsWhenNull: !whenNull),
                _ => null,
            };

            if (tested is not null)
            {
                yield return tested;
            }
        }
    }

    /// <summary>
    /// The expression that <paramref name="condition"/> having the value <paramref name="conditionIs"/> shows to be null
    /// (<paramref name="whenNull"/>) or not null.
    /// </summary>
    private static ExpressionSyntax? Tested(ExpressionSyntax condition, bool conditionIs, bool whenNull) =>
        whenNull ? NullTested(condition, whenTrue: conditionIs) : NotNullTested(condition, conditionIs);

    /// <summary>
    /// The expression that <paramref name="condition"/> having the value <paramref name="whenTrue"/> shows not to be null:
    /// <c>x != null</c> (and the other single tests <see cref="NullTested"/> reads, each true exactly when its expression is
    /// not null) when it is true, <c>x == null</c> when it is false; either side of a conjunction that is true
    /// (<c>if (useLogger &amp;&amp; _logger != null)</c>) or of a disjunction that is false; a negation swaps them.
    /// </summary>
    private static ExpressionSyntax? NotNullTested(ExpressionSyntax condition, bool whenTrue) =>
        condition.Unwrap() switch
        {
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => NotNullTested(not.Operand, !whenTrue),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction =>
                whenTrue ? NotNullTested(conjunction.Left, whenTrue) ?? NotNullTested(conjunction.Right, whenTrue) : null,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } disjunction =>
                whenTrue ? null : NotNullTested(disjunction.Left, whenTrue) ?? NotNullTested(disjunction.Right, whenTrue),
            var single => NullTested(single, whenTrue: !whenTrue),
        };

    /// <summary>
    /// Whether the call or creation <paramref name="call"/> may pass null for <paramref name="fallback"/>, and so reach
    /// the creation made in its place. Not when the argument is a new object, <c>this</c>, a value the nullable analysis
    /// knows is not null, or a local or readonly field only ever given new objects; yes for everything else, and when the
    /// call does not bind to the parameter's method (an owner created per call is not dismissed on a guess). A field or
    /// auto-property the compilation never leaves null, read outside its type's constructors, holds a value too
    /// (<see cref="MemberFallbacks.HoldsAValueWhereRead"/>).
    /// </summary>
    public static bool MayPassNull(SyntaxNode call, IParameterSymbol fallback, SemanticModel model, CancellationToken cancellationToken, Func<IParameterSymbol, bool>? neverNull = null)
    {
        var arguments = model.GetOperation(call, cancellationToken) switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };

        if (arguments.IsDefault)
        {
            return true;
        }

        return ArgumentValue(arguments, fallback) is not { } value || MayBeNull(value, model, cancellationToken, neverNull);
    }

    /// <summary>
    /// Whether <paramref name="creation"/> (<c>new Owner(...)</c>) may reach the fallback of <paramref name="fallback"/>, a
    /// parameter of one of the owner's constructors: directly through the argument it passes, or through the <c>this(...)</c>
    /// chain of the constructor it calls (<c>Api() : this(null)</c> always does, <c>Api(string key) : this(key, s_shared)</c>
    /// never does, <c>Api(HttpClient client, int retries) : this(client)</c> when its own argument may be null).
    /// </summary>
    public static bool MayReach(BaseObjectCreationExpressionSyntax creation, IParameterSymbol fallback, SemanticModel model, CancellationToken cancellationToken, Func<IParameterSymbol, bool>? neverNull = null)
    {
        if (model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol called)
        {
            return true;
        }

        var target = fallback.ContainingSymbol.OriginalDefinition;
        var chain = new List<ConstructorInitializerSyntax>();
        var current = called.OriginalDefinition;
        while (!SymbolEqualityComparer.Default.Equals(current, target))
        {
            if (chain.Count <= 16 && current.DeclaringSyntaxReferences.Length == 1 &&
                current.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ConstructorDeclarationSyntax { Initializer: null or { RawKind: (int)SyntaxKind.BaseConstructorInitializer } } &&
                SymbolEqualityComparer.Default.Equals(current.ContainingType, target.ContainingType))
            {
                // Another constructor of the owner that hands on to none of its own ('new EmailOtpService(host, port, ...,
                // httpClientFactory: factory)' of a type whose other constructor holds the fallback): it never runs the target.
                return false;
            }

            if (chain.Count > 16 || current.DeclaringSyntaxReferences.Length != 1 ||
                current.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax { Initializer: { RawKind: (int)SyntaxKind.ThisConstructorInitializer } initializer } ||
                model.For(initializer.SyntaxTree).GetSymbolInfo(initializer, cancellationToken).Symbol is not IMethodSymbol next)
            {
                return true;
            }

            chain.Add(initializer);
            current = next.OriginalDefinition;
        }

        // From the guarded constructor back to the one called: which parameter of each carries the value, or that it is decided.
        var parameter = fallback;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var initializerModel = model.For(chain[i].SyntaxTree);
            if (initializerModel.GetOperation(chain[i], cancellationToken) is not IInvocationOperation invocation)
            {
                return true;
            }

            var value = ArgumentValue(invocation.Arguments, parameter);
            if (value is null)
            {
                return true;
            }

            if ((value.SkipConversions() ?? value) is not IParameterReferenceOperation { Parameter: var passedOn })
            {
                return MayBeNull(value, initializerModel, cancellationToken, neverNull);
            }

            parameter = passedOn;
        }

        return MayPassNull(creation, parameter, model, cancellationToken, neverNull);
    }

    /// <summary>
    /// The parameter of the method <paramref name="creation"/> is written in whose value the creation passes as it is for
    /// <paramref name="fallback"/>, a parameter of the constructor it calls
    /// (<c>static RestClient Create(HttpClient? client = null) =&gt; new RestClient(client);</c>): the fallback is reached only
    /// when that parameter is null. Null when the creation passes anything else, or calls another constructor (whose
    /// arguments are for other parameters).
    /// </summary>
    public static IParameterSymbol? PassedOnBy(BaseObjectCreationExpressionSyntax creation, IParameterSymbol fallback, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetOperation(creation, cancellationToken) is IObjectCreationOperation built &&
        ArgumentValue(built.Arguments, fallback) is { } value &&
        (value.SkipConversions() ?? value) is IParameterReferenceOperation { Parameter: var passed } &&
        creation.EnclosingMember() is BaseMethodDeclarationSyntax member && !AssignedElsewhere(member, passed, creation, model, cancellationToken)
            ? passed
            : null;

    private static IOperation? ArgumentValue(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol target)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter &&
                SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, target.ContainingSymbol.OriginalDefinition) &&
                parameter.Ordinal == target.Ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> may be null (see <see cref="MayPassNull"/>); a parameter <paramref name="neverNull"/>
    /// vouches for is not.
    /// </summary>
    public static bool MayBeNull(IOperation value, SemanticModel model, CancellationToken cancellationToken, Func<IParameterSymbol, bool>? neverNull = null)
    {
        var unwrapped = value.SkipConversions() ?? value;
        if (unwrapped.ConstantValue is { HasValue: true, Value: null } || unwrapped is IDefaultValueOperation)
        {
            return true;
        }

        switch (unwrapped)
        {
            case IObjectCreationOperation or ITypeParameterObjectCreationOperation or IInstanceReferenceOperation:
                return false;
            case ILocalReferenceOperation local when OnlyGivenNewObjects(local.Local, model, cancellationToken):
                return false;
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when OnlyGivenNewObjects(field, model, cancellationToken):
                return false;
            case IFieldReferenceOperation { Field: var field } when MemberFallbacks.HoldsAValueWhereRead(field, unwrapped.Syntax, model.Compilation, cancellationToken):
                return false;
            case IPropertyReferenceOperation { Property: var property } when MemberFallbacks.HoldsAValueWhereRead(property, unwrapped.Syntax, model.Compilation, cancellationToken):
                return false;
            case IParameterReferenceOperation { Parameter: var parameter } when neverNull is not null && neverNull(parameter):
                return false;
            case IInvocationOperation { TargetMethod: { Name: "GetRequiredService" or "GetRequiredKeyedService", ContainingType: { Name: "ServiceProviderServiceExtensions" or "ServiceProviderKeyedServiceExtensions" } declaring } }
                when declaring.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection":
                // sp.GetRequiredService<IHttpClientFactory>() throws rather than return null, with or without a nullable context.
                return false;
        }

        // An enabled nullable context knows; a disabled one says nothing (flow state None): may be null.
        return model.GetTypeInfo(unwrapped.Syntax, cancellationToken).Nullability.FlowState != NullableFlowState.NotNull;
    }

    /// <summary>
    /// <c>x == null</c>, <c>null == x</c>, <c>x is null</c> when the condition is true; <c>x != null</c>,
    /// <c>x is not null</c>, <c>x is { }</c>, <c>x is object</c> when it is false: the expression tested for null, or null.
    /// A conjunction tells when it is true, a disjunction when it is false, and a negation swaps them.
    /// </summary>
    public static ExpressionSyntax? NullTested(ExpressionSyntax condition, bool whenTrue)
    {
        switch (condition.Unwrap())
        {
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return NullTested(not.Operand, !whenTrue);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction when whenTrue:
                return NullTested(conjunction.Left, whenTrue) ?? NullTested(conjunction.Right, whenTrue);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } disjunction when !whenTrue:
                return NullTested(disjunction.Left, whenTrue) ?? NullTested(disjunction.Right, whenTrue);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison
                when comparison.IsKind(SyntaxKind.EqualsExpression) == whenTrue:
                return IsNull(comparison.Right) ? comparison.Left : IsNull(comparison.Left) ? comparison.Right : null;
            case IsPatternExpressionSyntax { Pattern: var pattern } test when TestsForNull(pattern) is { } testsNull && testsNull == whenTrue:
                return test.Expression;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Right: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ObjectKeyword } } isObject when !whenTrue:
                return isObject.Left;
            default:
                return null;
        }

        static bool IsNull(ExpressionSyntax expression) => expression.Unwrap().IsKind(SyntaxKind.NullLiteralExpression);

        // true: the pattern matches only null; false: it matches anything but null.
        static bool? TestsForNull(PatternSyntax pattern) => pattern switch
        {
            ConstantPatternSyntax { Expression: var constant } when IsNull(constant) => true,
            UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern, Pattern: var negated } => !TestsForNull(negated),
            RecursivePatternSyntax { Type: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0, Designation: null } => false,
            TypePatternSyntax { Type: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.ObjectKeyword } } => false,
            _ => null,
        };
    }

    /// <summary>
    /// The expression an earlier statement of <paramref name="block"/> leaves the block for when it is not null
    /// (<c>if (handler != null) return new HttpClient(handler);</c>, <c>if (client is { }) { return client; }</c>), so that
    /// <paramref name="statement"/> runs only when it is null; with <paramref name="exitsWhenNull"/>, the one it leaves for when it
    /// is null (<c>if (client == null) return new HttpClient();</c>), so that <paramref name="statement"/> runs only when it is not.
    /// </summary>
    public static ExpressionSyntax? NullTestedByEarlierExit(BlockSyntax block, StatementSyntax statement, bool exitsWhenNull = false)
    {
        foreach (var earlier in block.Statements)
        {
            if (earlier == statement)
            {
                break;
            }

            if (earlier is IfStatementSyntax { Else: null } exit && LeavesAlways(exit.Statement) &&
                NullTested(exit.Condition, whenTrue: exitsWhenNull) is { } tested)
            {
                return tested;
            }
        }

        return null;

        static bool LeavesAlways(StatementSyntax body) => body switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax => true,
            BlockSyntax { Statements: var statements } => statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax or ThrowStatementSyntax,
            _ => false,
        };
    }

    /// <summary>
    /// The member gives <paramref name="parameter"/> a value other than by the fallback itself (<c>client ??= new HttpClient()</c>,
    /// <c>if (client == null) client = new HttpClient();</c>): then the caller's argument no longer decides.
    /// </summary>
    private static bool AssignedElsewhere(BaseMethodDeclarationSyntax member, IParameterSymbol parameter, SyntaxNode creation, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in member.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left.Unwrap(),
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } byReference => byReference.Expression.Unwrap(),
                _ => null,
            };

            if (target is IdentifierNameSyntax { Identifier.ValueText: var name } && name == parameter.Name &&
                !node.Span.Contains(creation.Span) &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A local or a readonly field every value of which, in its declarations and assignments, is a new object.</summary>
    private static bool OnlyGivenNewObjects(ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        if (symbol.DeclaringSyntaxReferences.Length != 1 ||
            symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator ||
            declarator.Initializer?.Value.Unwrap() is not BaseObjectCreationExpressionSyntax)
        {
            return false;
        }

        // Where else it may be given a value: a local in its function, a readonly field in its type's constructors.
        var scope = symbol is ILocalSymbol ? declarator.FirstAncestorOrSelf<SyntaxNode>(node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                                           : declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (scope is null || scope.SyntaxTree != model.SyntaxTree)
        {
            return false;
        }

        var written = model.ValuesWritten(symbol, scope, cancellationToken);
        return !written.AlsoWrittenUnread &&
               written.Values.All(value => value.Unwrap() is BaseObjectCreationExpressionSyntax || IsTestedNotNullWhereRead(value, scope, model, cancellationToken));
    }

    /// <summary>
    /// A field or property read only where a test around it says it is not null: <c>if (useLogger &amp;&amp; _logger != null)
    /// handler = _logger;</c>.
    /// </summary>
    private static bool IsTestedNotNullWhereRead(ExpressionSyntax value, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken) =>
        value.Unwrap() is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } &&
        model.GetSymbolInfo(value.Unwrap(), cancellationToken).Symbol is { Kind: SymbolKind.Field or SymbolKind.Property } member &&
        TestedNotNullAbove(value, member, scope, model, cancellationToken);

    /// <summary>
    /// A test between <paramref name="reference"/> and <paramref name="scope"/> says <paramref name="symbol"/> (a parameter, a
    /// field or a property, written as its name or <c>this.</c> its name) is not null where the reference is read
    /// (<see cref="NullTestsAbove"/> with <c>whenNull: false</c>).
    /// </summary>
    public static bool TestedNotNullAbove(SyntaxNode reference, ISymbol symbol, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken) =>
        NullTestsAbove(reference, scope, whenNull: false).Any(tested =>
            tested.Unwrap() switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText == symbol.Name,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == symbol.Name,
                _ => false,
            } &&
            SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(tested.Unwrap(), cancellationToken).Symbol, symbol));
}
