using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// Fix 1 of HCG001: rewrite <c>new HttpClient(...)</c> to <c>HttpClientPool.CreateClient(...)</c>.
/// A handler created inline or in a local becomes a <c>PooledHandlerOptions</c> with the same
/// settings (the options type mirrors the handler's property names); client-level settings move to
/// statements on the client's local. <see cref="TryPlan"/> returns null whenever the rewrite could
/// change behaviour, and the fix is then not offered.
/// </summary>
internal sealed class PoolRewrite
{
    private readonly BaseObjectCreationExpressionSyntax _clientCreation;
    private readonly ClientLocal _client;
    private readonly BaseObjectCreationExpressionSyntax? _inlineHandler;
    private readonly InitializerExpressionSyntax? _mappedHandlerInitializer;
    private readonly VariableDeclaratorSyntax? _handlerLocal;

    private PoolRewrite(
        BaseObjectCreationExpressionSyntax clientCreation,
        ClientLocal client,
        BaseObjectCreationExpressionSyntax? inlineHandler,
        InitializerExpressionSyntax? mappedHandlerInitializer,
        VariableDeclaratorSyntax? handlerLocal)
    {
        _clientCreation = clientCreation;
        _client = client;
        _inlineHandler = inlineHandler;
        _mappedHandlerInitializer = mappedHandlerInitializer;
        _handlerLocal = handlerLocal;
    }

    public static PoolRewrite? TryPlan(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (WellKnownTypes.TryCreate(model.Compilation) is not { HttpClientPool: not null, PooledHandlerOptions: { } options } types)
        {
            return null;
        }

        if (model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor ||
            !types.IsExactlyHttpClient(constructor.ContainingType))
        {
            // A custom HttpClient subclass may depend on its own constructor: not rewritten.
            return null;
        }

        var client = ClientLocal.Find(creation, model, cancellationToken);
        if (creation.Initializer is { Expressions.Count: > 0 } clientInitializer &&
            (client.Holder is not (ClientHolder.LocalDeclaration or ClientHolder.UsingStatement) || !AreClientSettings(clientInitializer, model, cancellationToken)))
        {
            return null;
        }

        var handlerExpression = HandlerArgument(creation, constructor, types);
        var cookiesOff = false;
        BaseObjectCreationExpressionSyntax? inlineHandler = null;
        InitializerExpressionSyntax? mapped = null;
        VariableDeclaratorSyntax? handlerLocal = null;
        if (handlerExpression is not null)
        {
            switch (handlerExpression)
            {
                case BaseObjectCreationExpressionSyntax handlerCreation:
                    var handlerType = PrimaryHandlerKind(handlerCreation, model, types, cancellationToken);
                    if (handlerType is null || handlerCreation.ArgumentList is { Arguments.Count: > 0 })
                    {
                        return null;
                    }

                    mapped = MapHandlerInitializer(handlerCreation.Initializer, handlerType, options, model, ref cookiesOff, cancellationToken);
                    if (mapped is null && handlerCreation.Initializer is not null)
                    {
                        return null;
                    }

                    inlineHandler = handlerCreation;
                    break;

                case IdentifierNameSyntax identifier:
                    handlerLocal = PlanHandlerLocal(identifier, creation, options, model, types, ref cookiesOff, cancellationToken);
                    if (handlerLocal is null)
                    {
                        return null;
                    }

                    break;

                default:
                    return null;
            }
        }

        // Pooled handlers never share cookies. A per-call client kept cookies between its own
        // requests, so the rewrite keeps behaviour only when cookies were off or it sends one request.
        if (!cookiesOff && client.MaySendSeveralRequests())
        {
            return null;
        }

        return new PoolRewrite(creation, client, inlineHandler, mapped, handlerLocal);
    }

    public SyntaxNode Apply(SyntaxNode root)
    {
        var arguments = new List<ArgumentSyntax>();
        if (_inlineHandler is not null && _mappedHandlerInitializer is { Expressions.Count: > 0 })
        {
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.ObjectCreationExpression(SyntaxGeneration.TypeName(WellKnownTypeNames.PooledHandlerOptions), null, _mappedHandlerInitializer)));
        }
        else if (_handlerLocal is not null)
        {
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(_handlerLocal.Identifier.ValueText)));
        }

        var call = SyntaxFactory.InvocationExpression(
                SyntaxGeneration.MemberAccess(WellKnownTypeNames.HttpClientPool, "CreateClient"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)))
            .WithTriviaFrom(_clientCreation)
            .WithAdditionalAnnotations(Formatter.Annotation);

        var tracked = new List<SyntaxNode> { _clientCreation };
        if (_client.DeclaringStatement is { } declaring)
        {
            tracked.Add(declaring);
        }

        if (_handlerLocal is not null)
        {
            tracked.Add(_handlerLocal);
        }

        var newRoot = root.TrackNodes(tracked);
        newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(_clientCreation)!, call);

        if (_handlerLocal is not null && newRoot.GetCurrentNode(_handlerLocal) is { } currentLocal)
        {
            newRoot = RetypeHandlerLocal(newRoot, currentLocal);
        }

        if (_clientCreation.Initializer is { Expressions.Count: > 0 } initializer && _client.DeclaringStatement is { } statement &&
            newRoot.GetCurrentNode(statement) is { } currentStatement)
        {
            var local = SyntaxFactory.IdentifierName(_client.Declarator!.Identifier.ValueText);
            var settings = InitializerToStatements(local, initializer).ToList();
            newRoot = currentStatement switch
            {
                LocalDeclarationStatementSyntax declaration => InsertAfter(newRoot, declaration, settings),
                UsingStatementSyntax usingStatement => PrependToBody(newRoot, usingStatement, settings),
                _ => newRoot,
            };
        }

        return newRoot;
    }

    internal static ExpressionSyntax? HandlerArgument(BaseObjectCreationExpressionSyntax creation, IMethodSymbol constructor, WellKnownTypes types)
    {
        if (creation.ArgumentList is null)
        {
            return null;
        }

        for (var i = 0; i < creation.ArgumentList.Arguments.Count; i++)
        {
            var argument = creation.ArgumentList.Arguments[i];
            var parameter = argument.NameColon is { } nameColon
                ? constructor.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText)
                : i < constructor.Parameters.Length ? constructor.Parameters[i] : null;
            if (parameter is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, types.HttpMessageHandler))
            {
                var expression = argument.Expression;
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                return expression;
            }
        }

        return null;
    }

    /// <summary>The exact handler type (not a subclass, whose behaviour may differ) or null.</summary>
    private static INamedTypeSymbol? PrimaryHandlerKind(BaseObjectCreationExpressionSyntax creation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol type && types.IsExactlyClientOrSocketsHandler(type)
            ? type
            : null;

    /// <summary>
    /// Handler settings translated to options settings, or null when one has no exact counterpart.
    /// Same-named properties carry over when the value converts implicitly; SocketsHttpHandler's
    /// <c>SslOptions</c> maps client certificates, protocols and revocation checking.
    /// </summary>
    private static InitializerExpressionSyntax? MapHandlerInitializer(
        InitializerExpressionSyntax? initializer,
        INamedTypeSymbol handlerType,
        INamedTypeSymbol options,
        SemanticModel model,
        ref bool cookiesOff,
        CancellationToken cancellationToken)
    {
        if (initializer is null)
        {
            return SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
        }

        var mapped = new List<ExpressionSyntax>();
        foreach (var expression in initializer.Expressions)
        {
            if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment)
            {
                return null;
            }

            var name = target.Identifier.ValueText;
            if (name == "SslOptions" && handlerType.Name == "SocketsHttpHandler")
            {
                if (!MapSslOptions(assignment.Right, mapped, options, model, cancellationToken))
                {
                    return null;
                }

                continue;
            }

            if (!IsCarriedOver(name, assignment.Right, handlerType, options, model, ref cookiesOff, cancellationToken))
            {
                return null;
            }

            mapped.Add(assignment.WithoutTrivia());
        }

        return SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(mapped));
    }

    private static bool IsCarriedOver(string name, ExpressionSyntax value, INamedTypeSymbol handlerType, INamedTypeSymbol options, SemanticModel model, ref bool cookiesOff, CancellationToken cancellationToken)
    {
        if (name == "CookieContainer")
        {
            // A caller-supplied container carries state the caller may rely on.
            return false;
        }

        if (name == "UseCookies")
        {
            if (!value.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                return false;
            }

            cookiesOff = true;
        }

        var target = FindProperty(options, name);
        var source = FindProperty(handlerType, name);
        if (target is null || source is null)
        {
            return false;
        }

        if (value is InitializerExpressionSyntax)
        {
            // Nested collection initializers (ClientCertificates = { cert }) need the same collection type.
            return SymbolEqualityComparer.Default.Equals(target.Type, source.Type);
        }

        return !target.IsReadOnly && model.ClassifyConversion(value, target.Type).IsImplicit;
    }

    private static bool MapSslOptions(ExpressionSyntax value, List<ExpressionSyntax> mapped, INamedTypeSymbol options, SemanticModel model, CancellationToken cancellationToken)
    {
        var initializer = value switch
        {
            InitializerExpressionSyntax nested => nested,
            BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: { } created } => created,
            _ => null,
        };
        if (initializer is null)
        {
            return false;
        }

        foreach (var expression in initializer.Expressions)
        {
            if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment)
            {
                return false;
            }

            switch (target.Identifier.ValueText)
            {
                case "EnabledSslProtocols":
                    mapped.Add(Assign("SslProtocols", assignment.Right));
                    break;
                case "CertificateRevocationCheckMode" when assignment.Right is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Online" or "NoCheck" } mode:
                    mapped.Add(Assign(
                        "CheckCertificateRevocationList",
                        SyntaxFactory.LiteralExpression(mode.Name.Identifier.ValueText == "Online" ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression)));
                    break;
                case "ClientCertificates" when assignment.Right is InitializerExpressionSyntax certificates:
                    mapped.Add(Assign("ClientCertificates", certificates));
                    break;
                case "ClientCertificates" when assignment.Right is BaseObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 }, Initializer: { } collection }
                                               && collection.IsKind(SyntaxKind.CollectionInitializerExpression):
                    mapped.Add(Assign("ClientCertificates", collection));
                    break;
                default:
                    // Validation callbacks differ in signature (sender is not the request), and
                    // other TLS options have no counterpart: no exact rewrite.
                    return false;
            }
        }

        return true;

        static AssignmentExpressionSyntax Assign(string name, ExpressionSyntax right) =>
            SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), right.WithoutTrivia());
    }

    /// <summary>
    /// <c>var handler = new HttpClientHandler { ... }; handler.X = ...; new HttpClient(handler)</c>:
    /// offered when the handler is created exactly once, every statement before the client only
    /// configures settings the options type has, and nothing uses the handler after the client.
    /// </summary>
    private static VariableDeclaratorSyntax? PlanHandlerLocal(
        IdentifierNameSyntax identifier,
        BaseObjectCreationExpressionSyntax clientCreation,
        INamedTypeSymbol options,
        SemanticModel model,
        WellKnownTypes types,
        ref bool cookiesOff,
        CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ILocalSymbol local ||
            local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
            {
                Initializer.Value: BaseObjectCreationExpressionSyntax handlerCreation,
                Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } declarationStatement } declaration,
            } declarator ||
            handlerCreation.ArgumentList is { Arguments.Count: > 0 } ||
            PrimaryHandlerKind(handlerCreation, model, types, cancellationToken) is not { } handlerType ||
            declarationStatement.Parent is not BlockSyntax block ||
            !block.Span.Contains(clientCreation.Span))
        {
            return null;
        }

        if (handlerCreation.Initializer is not null &&
            MapHandlerInitializer(handlerCreation.Initializer, handlerType, options, model, ref cookiesOff, cancellationToken) is not { } mapped)
        {
            return null;
        }

        if (handlerCreation.Initializer?.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "SslOptions" } }) == true)
        {
            // Renaming SslOptions members in place is not a type-name change: leave it to the user.
            return null;
        }

        if (declaration.Type is not IdentifierNameSyntax { IsVar: true } &&
            model.GetTypeInfo(declaration.Type, cancellationToken).Type is { } declaredType &&
            !types.IsExactlyClientOrSocketsHandler(declaredType))
        {
            // Declared as HttpMessageHandler (or similar): the local's other uses expect a handler.
            return null;
        }

        foreach (var reference in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (reference == identifier || reference.Identifier.ValueText != local.Name ||
                !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference, cancellationToken).Symbol, local))
            {
                continue;
            }

            if (reference.SpanStart > clientCreation.Span.End)
            {
                // Read or disposed after the client is built.
                return null;
            }

            if (!IsOptionsConfiguration(reference, handlerType, options, model, ref cookiesOff, cancellationToken))
            {
                return null;
            }
        }

        return declarator;
    }

    /// <summary><c>handler.P = value;</c> or <c>handler.P.Add(...)</c> where P means the same on the options type.</summary>
    private static bool IsOptionsConfiguration(IdentifierNameSyntax reference, INamedTypeSymbol handlerType, INamedTypeSymbol options, SemanticModel model, ref bool cookiesOff, CancellationToken cancellationToken)
    {
        if (reference.Parent is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } memberAccess || memberAccess.Expression != reference)
        {
            return false;
        }

        var name = member.Identifier.ValueText;
        if (memberAccess.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == memberAccess)
        {
            return assignment.Parent is ExpressionStatementSyntax &&
                   IsCarriedOver(name, assignment.Right, handlerType, options, model, ref cookiesOff, cancellationToken);
        }

        // handler.ClientCertificates.Add(certificate): the same collection type on both.
        var target = FindProperty(options, name);
        var source = FindProperty(handlerType, name);
        return target is not null && source is not null &&
               SymbolEqualityComparer.Default.Equals(target.Type, source.Type) &&
               memberAccess.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } };
    }

    internal static bool AreClientSettings(InitializerExpressionSyntax initializer, SemanticModel model, CancellationToken cancellationToken) =>
        initializer.Expressions.All(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } &&
                                         model.GetSymbolInfo(target, cancellationToken).Symbol is IPropertySymbol { ContainingType.Name: "HttpClient" or "HttpMessageInvoker" });

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    private static SyntaxNode RetypeHandlerLocal(SyntaxNode root, VariableDeclaratorSyntax declarator)
    {
        var declaration = (VariableDeclarationSyntax)declarator.Parent!;
        var creation = (BaseObjectCreationExpressionSyntax)declarator.Initializer!.Value;
        var optionsCreation = SyntaxFactory.ObjectCreationExpression(SyntaxGeneration.TypeName(WellKnownTypeNames.PooledHandlerOptions), creation.Initializer is null ? SyntaxFactory.ArgumentList() : null, creation.Initializer)
            .WithTriviaFrom(creation);
        var newDeclarator = declarator.WithInitializer(declarator.Initializer.WithValue(optionsCreation));
        var newDeclaration = declaration.WithVariables(SyntaxFactory.SingletonSeparatedList(newDeclarator));
        if (!(declaration.Type is IdentifierNameSyntax { IsVar: true }))
        {
            newDeclaration = newDeclaration.WithType(SyntaxGeneration.TypeName(WellKnownTypeNames.PooledHandlerOptions).WithTriviaFrom(declaration.Type));
        }

        return root.ReplaceNode(declaration, newDeclaration);
    }

    /// <summary><c>{ BaseAddress = u, DefaultRequestHeaders = { { "a", "b" } } }</c> → <c>c.BaseAddress = u; c.DefaultRequestHeaders.Add("a", "b");</c></summary>
    internal static IEnumerable<StatementSyntax> InitializerToStatements(ExpressionSyntax target, InitializerExpressionSyntax initializer)
    {
        foreach (var expression in initializer.Expressions)
        {
            switch (expression)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Right: InitializerExpressionSyntax nested }:
                    foreach (var statement in InitializerToStatements(Member(target, name), nested))
                    {
                        yield return statement;
                    }

                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment:
                    yield return Statement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, Member(target, name), assignment.Right.WithoutTrivia()));
                    break;
                case InitializerExpressionSyntax complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    yield return Statement(Add(target, complex.Expressions));
                    break;
                default:
                    yield return Statement(Add(target, SyntaxFactory.SingletonSeparatedList(expression.WithoutTrivia())));
                    break;
            }
        }

        static ExpressionSyntax Member(ExpressionSyntax target, IdentifierNameSyntax name) =>
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, name.WithoutTrivia());

        static InvocationExpressionSyntax Add(ExpressionSyntax target, SeparatedSyntaxList<ExpressionSyntax> arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("Add")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(a => SyntaxFactory.Argument(a.WithoutTrivia())))));

        static StatementSyntax Statement(ExpressionSyntax expression) =>
            SyntaxFactory.ExpressionStatement(expression).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static SyntaxNode InsertAfter(SyntaxNode root, StatementSyntax statement, IReadOnlyList<StatementSyntax> statements) =>
        statements.Count == 0 ? root : root.InsertNodesAfter(statement, statements);

    private static SyntaxNode PrependToBody(SyntaxNode root, UsingStatementSyntax usingStatement, IReadOnlyList<StatementSyntax> statements)
    {
        var body = usingStatement.Statement is BlockSyntax block
            ? block.WithStatements(block.Statements.InsertRange(0, statements))
            : SyntaxFactory.Block(statements.Concat(new[] { usingStatement.Statement })).WithAdditionalAnnotations(Formatter.Annotation);
        return root.ReplaceNode(usingStatement, usingStatement.WithStatement(body));
    }
}
