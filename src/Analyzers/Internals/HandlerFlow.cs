using System.Collections.Generic;
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

        /// <summary>The handler comes from elsewhere, or is not a connection-owning handler.</summary>
        SharedOrNone,
    }

    public static ClientPool Classify(
        BaseObjectCreationExpressionSyntax clientCreation,
        SemanticModel model,
        HttpTypes types,
        List<BaseObjectCreationExpressionSyntax>? ownedHandlers,
        CancellationToken cancellationToken)
    {
        var constructor = model.GetSymbolInfo(clientCreation, cancellationToken).Symbol as IMethodSymbol;
        if (constructor is null)
        {
            // Broken or ambiguous code: stay quiet rather than guess.
            return ClientPool.SharedOrNone;
        }

        var handlerArgument = ArgumentFor(clientCreation.ArgumentList, constructor, types);
        if (handlerArgument is null)
        {
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
        return found.Count > before ? ClientPool.OwnHandlerCreatedHere : ClientPool.SharedOrNone;
    }

    /// <summary>
    /// True when <paramref name="handlerCreation"/> reaches the handler argument of an
    /// <c>HttpClient</c> created in the same member: the client's verdict then covers the handler.
    /// </summary>
    public static bool FlowsIntoClient(BaseObjectCreationExpressionSyntax handlerCreation, SemanticModel model, HttpTypes types, CancellationToken cancellationToken)
    {
        var scope = EnclosingMember(handlerCreation);
        if (scope is null)
        {
            return false;
        }

        var owned = new List<BaseObjectCreationExpressionSyntax>();
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not BaseObjectCreationExpressionSyntax candidate || candidate == handlerCreation ||
                !MayNameHttpClient(candidate) ||
                !types.IsHttpClient(CreatedType(candidate, model, cancellationToken)))
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
    /// The type a creation builds. An explicit <c>new X(...)</c> is bound speculatively as a type
    /// name at its position: asking the semantic model about a node inside a body would bind the
    /// whole body (and run nullable analysis over it) just to learn that X is a List.
    /// </summary>
    public static ITypeSymbol? CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken) =>
        creation is ObjectCreationExpressionSyntax explicitCreation
            ? model.GetSpeculativeSymbolInfo(explicitCreation.Type.SpanStart, explicitCreation.Type, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol as ITypeSymbol
            : model.GetTypeInfo(creation, cancellationToken).Type;

    /// <summary>
    /// The name a creation's type is written with, when it can be read without binding: the
    /// rightmost identifier of <c>new X(...)</c>, or of the target type of a target-typed
    /// <c>new()</c> (see <see cref="TargetTypeSyntax"/>). Null when only binding can tell.
    /// </summary>
    public static string? WrittenTypeName(BaseObjectCreationExpressionSyntax creation) => RightmostName(WrittenType(creation));

    /// <summary>
    /// False when the written type can never be an HTTP type: a predefined type (<c>object _gate = new()</c>),
    /// an array, a tuple or a pointer. Everything else must be looked at further.
    /// </summary>
    public static bool MayNameHttpClient(BaseObjectCreationExpressionSyntax creation) =>
        WrittenType(creation) is not (PredefinedTypeSyntax or ArrayTypeSyntax or TupleTypeSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax);

    /// <summary>
    /// The syntax-only gate every creation rule passes before binding: the written type name (when
    /// there is one) must look like a client, handler or invoker (<c>...Client</c>, <c>...Handler</c>, <c>...Invoker</c>), which
    /// keeps derived types and skips <c>new List&lt;T&gt;()</c> without touching the semantic model.
    /// Using aliases to HTTP types are the one case this misses; HCG001 / HCG002 read aliases too.
    /// </summary>
    public static bool MayCreateHttpType(BaseObjectCreationExpressionSyntax creation) =>
        MayNameHttpClient(creation) &&
        (WrittenTypeName(creation) is not { } name || OwnerLifetimes.MayNameHttpType(name));

    /// <summary>The type syntax a creation's type is read from (nullable annotations removed), or null.</summary>
    private static TypeSyntax? WrittenType(BaseObjectCreationExpressionSyntax creation)
    {
        var type = creation is ObjectCreationExpressionSyntax explicitCreation ? explicitCreation.Type : TargetTypeSyntax(creation);
        while (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        return type;
    }

    /// <summary>
    /// The declared target type of a target-typed <c>new()</c>, read from syntax: the type of the
    /// variable, field, property or parameter it initializes, or the return type of the member it
    /// is returned from (the T of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c> in an async member).
    /// Null when the target comes from binding: an argument, an assignment, a lambda's return.
    /// Records, operators and field initializers written as <c>=&gt; new(...)</c> are common, and
    /// binding each of them (with nullable analysis of the whole member) costs more than all the rules.
    /// </summary>
    private static TypeSyntax? TargetTypeSyntax(BaseObjectCreationExpressionSyntax creation)
    {
        var parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }:
                return declaration.Type is SimpleNameSyntax { IsVar: true } ? null : declaration.Type;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Type;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax parameter }:
                return parameter.Type;
            case ArrowExpressionClauseSyntax arrow:
                return ReturnTypeOf(arrow.Parent);
            case ReturnStatementSyntax returnStatement:
                for (var node = returnStatement.Parent; node is not null; node = node.Parent)
                {
                    if (node is MemberDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                    {
                        return ReturnTypeOf(node);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What a <c>return</c> or an expression body in <paramref name="member"/> converts to; null for lambdas, iterators' callers and anything unsure.</summary>
    private static TypeSyntax? ReturnTypeOf(SyntaxNode? member)
    {
        var (returnType, modifiers) = member switch
        {
            MethodDeclarationSyntax method => (method.ReturnType, method.Modifiers),
            LocalFunctionStatementSyntax localFunction => (localFunction.ReturnType, localFunction.Modifiers),
            OperatorDeclarationSyntax op => (op.ReturnType, op.Modifiers),
            ConversionOperatorDeclarationSyntax conversion => (conversion.Type, conversion.Modifiers),
            BasePropertyDeclarationSyntax property => (property.Type, default(SyntaxTokenList)),
            AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: BasePropertyDeclarationSyntax property } => (property.Type, default(SyntaxTokenList)),
            _ => (null, default(SyntaxTokenList)),
        };
        if (returnType is RefTypeSyntax)
        {
            return null;
        }

        if (!modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return returnType;
        }

        return returnType is GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments: { Count: 1 } arguments }
            ? arguments[0]
            : null;
    }

    private static string? RightmostName(TypeSyntax? type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple when !simple.IsVar => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The member, accessor, local function or lambda whose body holds <paramref name="node"/>'s locals.</summary>
    public static SyntaxNode? EnclosingMember(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case IndexerDeclarationSyntax:
                case BaseFieldDeclarationSyntax:
                case CompilationUnitSyntax:
                    return current;
            }
        }

        return null;
    }

    private static ExpressionSyntax? ArgumentFor(ArgumentListSyntax? arguments, IMethodSymbol constructor, HttpTypes types)
    {
        if (arguments is null)
        {
            return null;
        }

        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            var argument = arguments.Arguments[i];
            var parameter = argument.NameColon is { } nameColon
                ? FindParameter(constructor, nameColon.Name.Identifier.ValueText)
                : i < constructor.Parameters.Length ? constructor.Parameters[i] : null;
            if (parameter is not null && types.IsHandler(parameter.Type))
            {
                return argument.Expression;
            }
        }

        return null;
    }

    private static IParameterSymbol? FindParameter(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static void CollectOwnedHandlers(
        ExpressionSyntax expression,
        SemanticModel model,
        HttpTypes types,
        List<BaseObjectCreationExpressionSyntax> owned,
        HashSet<ISymbol> visitedLocals,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        expression = CreationSite.Unwrap(expression);
        switch (expression)
        {
            case BaseObjectCreationExpressionSyntax creation:
                var type = CreatedType(creation, model, cancellationToken);
                if (types.IsPrimaryHandler(type))
                {
                    owned.Add(creation);
                }
                else if (types.IsDelegatingHandler(type))
                {
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

            case IdentifierNameSyntax identifier:
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local && visitedLocals.Add(local))
                {
                    foreach (var value in ValuesAssignedTo(local, identifier, model, cancellationToken))
                    {
                        CollectOwnedHandlers(value, model, types, owned, visitedLocals, cancellationToken);
                    }
                }

                return;
        }
    }

    private static void CollectInnerHandlers(
        BaseObjectCreationExpressionSyntax delegatingCreation,
        SemanticModel model,
        HttpTypes types,
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
    /// Every value the member assigns to <paramref name="local"/>: its initializer, plain
    /// assignments, and for delegating handlers <c>local.InnerHandler = ...</c>.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> ValuesAssignedTo(ILocalSymbol local, SyntaxNode reference, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var declaration in local.DeclaringSyntaxReferences)
        {
            if (declaration.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial })
            {
                yield return initial;
            }
        }

        var scope = EnclosingMember(reference);
        if (scope is null)
        {
            yield break;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression or (int)SyntaxKind.CoalesceAssignmentExpression } assignment)
            {
                continue;
            }

            switch (assignment.Left)
            {
                case IdentifierNameSyntax target when target.Identifier.ValueText == name &&
                                                      SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, local):
                    yield return assignment.Right;
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InnerHandler", Expression: IdentifierNameSyntax owner }
                    when owner.Identifier.ValueText == name &&
                         SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(owner, cancellationToken).Symbol, local):
                    yield return assignment.Right;
                    break;
            }
        }
    }

    /// <summary>
    /// A client type derived from HttpClient: look at the source of the constructor being called.
    /// <c>: base()</c> or no initializer builds a default handler; <c>: base(new XHandler())</c> builds
    /// one per instance; <c>: base(handler)</c> forwards the caller's argument. Constructors in
    /// metadata cannot be read, so they stay quiet.
    /// </summary>
    private static ClientPool ClassifyDerivedClientConstructor(
        IMethodSymbol constructor,
        BaseObjectCreationExpressionSyntax clientCreation,
        SemanticModel model,
        HttpTypes types,
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

            // One level of forwarding is read syntactically: a new handler, or one of the constructor's parameters.
            foreach (var argument in declaration.Initializer.ArgumentList.Arguments)
            {
                var value = CreationSite.Unwrap(argument.Expression);
                if (value is ObjectCreationExpressionSyntax { Type: var typeName } && IsPrimaryHandlerName(typeName))
                {
                    return ClientPool.OwnDefaultHandler;
                }

                if (value is IdentifierNameSyntax identifier)
                {
                    var index = IndexOfParameter(constructor, identifier.Identifier.ValueText);
                    if (index >= 0 && types.IsHandler(constructor.Parameters[index].Type) &&
                        clientCreation.ArgumentList is { } arguments && index < arguments.Arguments.Count && arguments.Arguments[index].NameColon is null)
                    {
                        var found = ownedHandlers ?? new List<BaseObjectCreationExpressionSyntax>();
                        var before = found.Count;
                        CollectOwnedHandlers(arguments.Arguments[index].Expression, model, types, found, new HashSet<ISymbol>(SymbolEqualityComparer.Default), cancellationToken);
                        return found.Count > before ? ClientPool.OwnHandlerCreatedHere : ClientPool.SharedOrNone;
                    }
                }
            }

            return ClientPool.SharedOrNone;
        }

        return ClientPool.SharedOrNone;
    }

    private static bool IsPrimaryHandlerName(TypeSyntax type)
    {
        var name = type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name is "HttpClientHandler" or "SocketsHttpHandler" or "WinHttpHandler";
    }

    private static int IndexOfParameter(IMethodSymbol method, string name)
    {
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
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
