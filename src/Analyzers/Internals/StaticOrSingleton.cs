using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Answers "is this value kept for the life of the process?": stored in a static field or
/// property (directly, through <c>Interlocked</c> or <c>LazyInitializer</c>), produced by the
/// factory of a static <c>Lazy&lt;T&gt;</c>, or registered as a dependency-injection singleton. Only the value itself counts: a client created in a static
/// initializer but used and dropped there, or handed to another object's constructor, is not
/// claimed (that object may or may not keep it).
/// </summary>
internal static class StaticOrSingleton
{
    // Locals are followed to where they are stored; a chain longer than this is not worth reading.
    private const int MaxLocalHops = 4;

    public static bool Holds(ExpressionSyntax value, SemanticModel model, HttpTypes types, CancellationToken cancellationToken) =>
        Holds(value, model, types, MaxLocalHops, cancellationToken);

    /// <summary>
    /// A syntax-only pre-check that <c>Holds</c> can be true, so that the ordinary object
    /// creations of method bodies (<c>var list = new List&lt;int&gt;()</c>, <c>Add(new Item())</c>)
    /// are dismissed without binding anything.
    /// </summary>
    public static bool MayHold(ExpressionSyntax value)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case CastExpressionSyntax:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }:
                    continue;

                case AssignmentExpressionSyntax assignment:
                    return assignment.Right == child && assignment.Parent is not InitializerExpressionSyntax;

                case EqualsValueClauseSyntax equalsValue when equalsValue.Value == child:
                    return equalsValue.Parent switch
                    {
                        VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => HasStaticModifier(field.Modifiers),
                        PropertyDeclarationSyntax property => HasStaticModifier(property.Modifiers),
                        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } => LocalMayBeKept(equalsValue),
                        _ => false,
                    };

                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == child:
                    return MayBeLongLivedFactory(lambda);

                case ReturnStatementSyntax:
                    return ReturningFunction(parent) is AnonymousFunctionExpressionSyntax returningLambda && MayBeLongLivedFactory(returningLambda);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                    return InvokedName(invocation) is "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "CompareExchange" or "Exchange";

                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Locals can reach static storage only where a creation is not per call anyway: constructors,
    /// lambdas (factories), entry points and top-level statements.
    /// </summary>
    private static bool LocalMayBeKept(SyntaxNode declaration)
    {
        for (var current = declaration.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case ConstructorDeclarationSyntax:
                case GlobalStatementSyntax:
                    return true;
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText == "Main";
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool MayBeLongLivedFactory(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var receiver } } &&
        (receiver is BaseObjectCreationExpressionSyntax ||
         receiver is InvocationExpressionSyntax invocation &&
         InvokedName(invocation) is "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "EnsureInitialized");

    private static string InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => string.Empty,
    };

    private static bool Holds(ExpressionSyntax value, SemanticModel model, HttpTypes types, int hopsLeft, CancellationToken cancellationToken)
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

                case AssignmentExpressionSyntax assignment
                    when assignment.Right == child &&
                         assignment.Parent is not InitializerExpressionSyntax &&
                         (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)):
                    // s_client = ..., s_client ??= ..., and s_client ?? (s_client = ...) through the coalesce above.
                    var target = model.GetSymbolInfo(CreationSite.Unwrap(assignment.Left), cancellationToken).Symbol;
                    if (target.IsStaticMember())
                    {
                        return true;
                    }

                    return target is ILocalSymbol assignedLocal && hopsLeft > 0 &&
                           LocalIsKept(assignedLocal, assignment, model, types, hopsLeft - 1, cancellationToken);

                case EqualsValueClauseSyntax equalsValue when equalsValue.Value == child:
                    return equalsValue.Parent switch
                    {
                        VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => HasStaticModifier(field.Modifiers),
                        PropertyDeclarationSyntax property => HasStaticModifier(property.Modifiers),
                        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator =>
                            hopsLeft > 0 &&
                            model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol declaredLocal &&
                            LocalIsKept(declaredLocal, declarator, model, types, hopsLeft - 1, cancellationToken),
                        _ => false,
                    };

                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == child:
                    return IsLongLivedFactory(lambda, model, types, hopsLeft, cancellationToken);

                case ReturnStatementSyntax:
                    return ReturningFunction(parent) is AnonymousFunctionExpressionSyntax returningLambda &&
                           IsLongLivedFactory(returningLambda, model, types, hopsLeft, cancellationToken);

                case ArgumentSyntax argument:
                    // services.AddSingleton(new HttpClient()), Interlocked.CompareExchange(ref s_client, new HttpClient(), null).
                    return argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } &&
                           (IsSingletonRegistration(invocation, model, types, cancellationToken) ||
                            IsAtomicStaticInitialization(invocation, argument, model, cancellationToken));

                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A local whose value is later stored (<c>s_client = client;</c>) or returned by a long-lived
    /// factory (<c>() => { var client = ...; return client; }</c>) in the same member.
    /// </summary>
    private static bool LocalIsKept(ILocalSymbol local, SyntaxNode declaration, SemanticModel model, HttpTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        var scope = HandlerFlow.EnclosingMember(declaration);
        if (scope is null)
        {
            return false;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            // Every read of the local is followed; reads that are not stored end at once (Holds returns false).
            if (node is IdentifierNameSyntax identifier &&
                identifier.Identifier.ValueText == name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local) &&
                Holds(identifier, model, types, hopsLeft, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? ReturningFunction(SyntaxNode returnStatement)
    {
        for (var current = returnStatement.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return current;
            }
        }

        return null;
    }

    /// <summary>The factory of a <c>Lazy&lt;T&gt;</c> that is itself kept, or a singleton registration's factory.</summary>
    private static bool IsLongLivedFactory(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, HttpTypes types, int hopsLeft, CancellationToken cancellationToken)
    {
        if (lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } receiver } } factoryArgument)
        {
            return false;
        }

        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax lazyCreation when types.Lazy is not null:
                return model.GetTypeInfo(lazyCreation, cancellationToken).Type is INamedTypeSymbol created &&
                       SymbolEqualityComparer.Default.Equals(created.OriginalDefinition, types.Lazy) &&
                       Holds(lazyCreation, model, types, hopsLeft, cancellationToken);

            case InvocationExpressionSyntax invocation:
                // services.AddSingleton(sp => ...), LazyInitializer.EnsureInitialized(ref s_client, () => ...).
                return IsSingletonRegistration(invocation, model, types, cancellationToken) ||
                       IsAtomicStaticInitialization(invocation, factoryArgument, model, cancellationToken);

            default:
                return false;
        }
    }

    /// <summary><c>AddSingleton</c>, <c>TryAddSingleton</c> and their keyed forms on an <c>IServiceCollection</c>.</summary>
    private static bool IsSingletonRegistration(InvocationExpressionSyntax invocation, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        if (types.ServiceCollection is null)
        {
            return false;
        }

        if (InvokedName(invocation) is not ("AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton"))
        {
            return false;
        }

        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var extended = method.ReducedFrom ?? method;
        return extended.IsExtensionMethod &&
               extended.Parameters.Length > 0 &&
               SymbolEqualityComparer.Default.Equals(extended.Parameters[0].Type, types.ServiceCollection);
    }

    /// <summary>
    /// <c>Interlocked.CompareExchange / Exchange (ref s_x, value, ...)</c> and
    /// <c>LazyInitializer.EnsureInitialized(ref s_x, factory)</c> where <c>s_x</c> is static.
    /// </summary>
    private static bool IsAtomicStaticInitialization(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompareExchange" or "Exchange" or "EnsureInitialized" })
        {
            return false;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count < 2 || arguments[0] == argument || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.RefKeyword) ||
            !model.GetSymbolInfo(CreationSite.Unwrap(arguments[0].Expression), cancellationToken).Symbol.IsStaticMember())
        {
            return false;
        }

        return model.GetSymbolInfo(invocation, cancellationToken).Symbol?.ContainingType is
        {
            Name: "Interlocked" or "LazyInitializer",
            ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
        };
    }

    private static bool HasStaticModifier(SyntaxTokenList modifiers)
    {
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.StaticKeyword))
            {
                return true;
            }
        }

        return false;
    }
}
