using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The HCG001 fix for code the container builds: "Inject IHttpClientFactory". The owner of the creation
/// receives the factory (a constructor parameter kept in a readonly field, a primary-constructor parameter,
/// a factory it already has, or a parameter of the minimal API handler), and the creation becomes
/// <c>CreateClient("Name")</c>, with a named registration in the composition root whose handler (the
/// client's own, moved, or a default one) does not share cookies between callers. <see cref="TryPlanAsync"/> returns null wherever the rewrite could change
/// behaviour or leave code that does not compile, and the fix is then not offered.
/// </summary>
/// <remarks>
/// One partial class split by question: this file reads the creation and applies the plan;
/// <c>.Owner.cs</c> decides who receives the factory; <c>.Registration.cs</c> finds the composition root
/// and writes the registrations; <c>.FixAll.cs</c> applies many plans one after the other.
/// </remarks>
internal sealed partial class FactoryInjection : IInjectionPlan
{
    private const string FactoryParameterName = "httpClientFactory";

    private readonly DocumentId _documentId;
    private readonly BaseObjectCreationExpressionSyntax _creation;
    private readonly ClientSettings? _settings;
    private readonly LocalDeclarationStatementSyntax? _handlerLocal;
    private readonly OwnerInjection _owner;
    private readonly Registration _registration;

    private FactoryInjection(
        DocumentId documentId,
        BaseObjectCreationExpressionSyntax creation,
        ClientSettings? settings,
        LocalDeclarationStatementSyntax? handlerLocal,
        OwnerInjection owner,
        Registration registration)
    {
        _documentId = documentId;
        _creation = creation;
        _settings = settings;
        _handlerLocal = handlerLocal;
        _owner = owner;
        _registration = registration;
    }

    /// <summary>The light bulb's title: it names the client when the fix writes a named registration.</summary>
    public string Title => "Inject IHttpClientFactory (named client '" + _registration.ClientName + "')";

    /// <summary>
    /// The plan for <paramref name="creation"/>, or null when the fix is not offered: the compilation has no
    /// <c>IHttpClientFactory</c>, the client is a derived type or its handler cannot move to a registration,
    /// its owner is not built by the container (or is also built elsewhere), or no registration can be written.
    /// </summary>
    public static async Task<FactoryInjection?> TryPlanAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null ||
            WellKnownTypes.TryCreate(model.Compilation) is not { HttpClientFactory: not null, ServiceCollection: not null } types ||
            model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor ||
            !types.IsExactlyHttpClient(constructor.ContainingType))
        {
            // A class derived from HttpClient is not what CreateClient returns.
            return null;
        }

        if (!TryReadHandler(creation, constructor, model, types, cancellationToken, out var handler, out var handlerLocal) ||
            !TryReadSettings(creation, model, cancellationToken, out var settings))
        {
            return null;
        }

        // The registration turns the handler's cookies off (FactoryInjection.Cookies.cs): the handler must
        // have the setting, and the client must not have relied on its cookies between its own requests.
        if (handler is not null && !HasCookieSetting(model.GetTypeInfo(handler, cancellationToken).Type, types) ||
            !(handler is not null && TurnsCookiesOff(handler)) && MaySendSeveralRequests(creation, model, types, cancellationToken))
        {
            return null;
        }

        var activation = ContainerActivation.Create(model.Compilation, types);
        var owner = await OwnerInjection.TryPlanAsync(document, creation, model, types, activation, InjectedService.HttpClientFactory(types), cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return null;
        }

        var registration = Registration.TryPlan(document.Project, model.Compilation, types, handler, model, owner.ClientNameBase, cancellationToken);
        if (registration is null)
        {
            return null;
        }

        return new FactoryInjection(document.Id, creation, settings, handlerLocal, owner, registration);
    }

    /// <summary>
    /// Applies the plan: the creation and its settings, the owner's new parameter (field, constructors), then
    /// the registrations in the composition root. Imports are added unless <paramref name="addImports"/> is
    /// false (Fix All adds them once at the end).
    /// </summary>
    public async Task<Solution> ApplyAsync(Solution solution, bool addImports, CancellationToken cancellationToken)
    {
        var edits = new List<NodeEdit>();
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(_registration.ClientName)))));
        var createClient = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, _owner.FactoryAccess, SyntaxFactory.IdentifierName("CreateClient")),
                arguments)
            .WithTriviaFrom(_creation)
            .WithAdditionalAnnotations(Formatter.Annotation);

        if (_settings is { } settings)
        {
            var statements = PoolRewrite.InitializerToStatements(settings.Target, _creation.Initializer!).ToList();
            edits.Add(new NodeEdit(_documentId, settings.Anchor, (root, anchor) => anchor is UsingStatementSyntax usingStatement
                ? root.ReplaceNode(usingStatement, usingStatement.WithStatement(PrependTo(usingStatement.Statement, statements)))
                : root.InsertNodesAfter(anchor, statements)));
        }

        edits.Add(new NodeEdit(_documentId, _creation, (root, creation) => root.ReplaceNode(creation, createClient)));
        if (_handlerLocal is not null)
        {
            edits.Add(new NodeEdit(_documentId, _handlerLocal, (root, local) => root.RemoveNode(local, SyntaxRemoveOptions.KeepNoTrivia)!));
        }

        edits.AddRange(_owner.Edits);
        solution = await NodeEdit.ApplyAsync(solution, edits, cancellationToken).ConfigureAwait(false);
        var changed = new HashSet<DocumentId>(edits.Select(e => e.DocumentId));

        var rootDocument = await _registration.ApplyAsync(solution, cancellationToken).ConfigureAwait(false);
        if (rootDocument is not null)
        {
            solution = rootDocument.Project.Solution;
            changed.Add(rootDocument.Id);
        }

        return addImports ? await AddImportsAsync(solution, changed, cancellationToken).ConfigureAwait(false) : solution;
    }

    public static async Task<Solution> AddImportsAsync(Solution solution, IEnumerable<DocumentId> documents, CancellationToken cancellationToken)
    {
        foreach (var id in documents)
        {
            if (solution.GetDocument(id) is { } document)
            {
                solution = (await SyntaxGeneration.AddImportsAsync(document, cancellationToken).ConfigureAwait(false)).Project.Solution;
            }
        }

        return solution;
    }

    /// <summary>
    /// The handler argument, when there is one: created inline, or in a local that nothing else uses. It must
    /// be a handler whose creation reads nothing but statics and constants (it moves into the registration,
    /// which runs once per handler lifetime) and must not rely on cookies (the factory shares the handler).
    /// </summary>
    private static bool TryReadHandler(
        BaseObjectCreationExpressionSyntax creation,
        IMethodSymbol constructor,
        SemanticModel model,
        WellKnownTypes types,
        CancellationToken cancellationToken,
        out BaseObjectCreationExpressionSyntax? handler,
        out LocalDeclarationStatementSyntax? handlerLocal)
    {
        handler = null;
        handlerLocal = null;
        switch (PoolRewrite.HandlerArgument(creation, constructor, types))
        {
            case null:
                return true;
            case BaseObjectCreationExpressionSyntax inline:
                handler = inline;
                break;
            case IdentifierNameSyntax identifier when HandlerLocal(identifier, model, cancellationToken) is var (local, created):
                handler = created;
                handlerLocal = local;
                break;
            default:
                return false;
        }

        return types.IsHandler(model.GetTypeInfo(handler, cancellationToken).Type) &&
               !ReliesOnCookies(handler) &&
               StaticFieldHoist.DependsOnlyOnStatics(handler, model, cancellationToken);
    }

    /// <summary><c>var handler = new HttpClientHandler { ... };</c> used only by the client creation.</summary>
    private static (LocalDeclarationStatementSyntax Statement, BaseObjectCreationExpressionSyntax Creation)? HandlerLocal(IdentifierNameSyntax identifier, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ILocalSymbol local ||
            local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
            {
                Initializer.Value: BaseObjectCreationExpressionSyntax created,
                Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None, Parent: BlockSyntax block } statement },
            })
        {
            return null;
        }

        foreach (var reference in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (reference != identifier && reference.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference, cancellationToken).Symbol, local))
            {
                // Configured, read or disposed elsewhere: more than a setting to move.
                return null;
            }
        }

        return (statement, created);
    }

    /// <summary>
    /// The factory shares one handler between all its clients: a handler given a cookie container, or cookies
    /// turned on by name, would share that state between callers.
    /// </summary>
    private static bool ReliesOnCookies(ExpressionSyntax handler) =>
        handler.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>().Any(assignment => assignment.Left is IdentifierNameSyntax
        {
            Identifier.ValueText: "CookieContainer" or "UseCookies",
        } name && !(name.Identifier.ValueText == "UseCookies" && assignment.Right.IsKind(SyntaxKind.FalseLiteralExpression)));

    /// <summary>An <c>HttpClientHandler</c> or <c>SocketsHttpHandler</c>: the handlers whose cookies can be turned off.</summary>
    private static bool HasCookieSetting(ITypeSymbol? handler, WellKnownTypes types) =>
        handler.InheritsFromOrEquals(types.HttpClientHandler) || handler.InheritsFromOrEquals(types.SocketsHttpHandler);

    /// <summary>
    /// Client properties set in the object initializer (<c>BaseAddress</c>, <c>Timeout</c>, headers) become
    /// statements on the created client: after its local's declaration, at the start of its using
    /// statement's body, or after the statement that assigns it to a field.
    /// </summary>
    private static bool TryReadSettings(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ClientSettings? settings)
    {
        settings = null;
        if (creation.Initializer is not { Expressions.Count: > 0 } initializer)
        {
            return true;
        }

        if (!PoolRewrite.AreClientSettings(initializer, model, cancellationToken))
        {
            return false;
        }

        var client = ClientLocal.Find(creation, model, cancellationToken);
        if (client is { Holder: ClientHolder.LocalDeclaration or ClientHolder.UsingStatement, Declarator: { } declarator, DeclaringStatement: { } declaring } &&
            (declaring is UsingStatementSyntax || declaring.Parent is BlockSyntax or SwitchSectionSyntax))
        {
            settings = new ClientSettings(SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), declaring);
            return true;
        }

        if (creation.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } assignment &&
            assignment.Right == creation &&
            assignment.Left is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax })
        {
            settings = new ClientSettings(assignment.Left.WithoutTrivia(), statement);
            return true;
        }

        return false;
    }

    private static StatementSyntax PrependTo(StatementSyntax body, IReadOnlyList<StatementSyntax> statements) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.InsertRange(0, statements))
        : SyntaxFactory.Block(statements.Concat(new[] { body })).WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>Where the client's initializer settings go: the expression they are set on, and the statement they follow.</summary>
    private sealed class ClientSettings
    {
        public ClientSettings(ExpressionSyntax target, StatementSyntax anchor)
        {
            Target = target;
            Anchor = anchor;
        }

        public ExpressionSyntax Target { get; }

        public StatementSyntax Anchor { get; }
    }

    /// <summary>
    /// One change to one node of one document. The nodes are marked first, so that each edit finds its node
    /// again after the edits before it (several may touch one document, or nest).
    /// </summary>
    internal sealed class NodeEdit
    {
        public NodeEdit(DocumentId documentId, SyntaxNode target, Func<SyntaxNode, SyntaxNode, SyntaxNode> apply)
        {
            DocumentId = documentId;
            Target = target;
            Apply = apply;
        }

        public DocumentId DocumentId { get; }

        public SyntaxNode Target { get; }

        /// <summary>(document root, current target) → new document root.</summary>
        public Func<SyntaxNode, SyntaxNode, SyntaxNode> Apply { get; }

        public static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<NodeEdit> edits, CancellationToken cancellationToken)
        {
            var marks = edits.Select(_ => new SyntaxAnnotation(nameof(FactoryInjection))).ToList();
            foreach (var group in edits.Select((edit, index) => (edit, index)).GroupBy(e => e.edit.DocumentId))
            {
                var root = await solution.GetDocument(group.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var byNode = group.GroupBy(e => e.edit.Target).ToDictionary(g => g.Key, g => g.Select(e => marks[e.index]).ToArray());
                root = root!.ReplaceNodes(byNode.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(byNode[original]));
                solution = solution.WithDocumentSyntaxRoot(group.Key, root);
            }

            for (var i = 0; i < edits.Count; i++)
            {
                var root = await solution.GetDocument(edits[i].DocumentId)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root!.GetAnnotatedNodes(marks[i]).FirstOrDefault() is { } current)
                {
                    solution = solution.WithDocumentSyntaxRoot(edits[i].DocumentId, edits[i].Apply(root, current));
                }
            }

            return solution;
        }
    }
}
