using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// Fix 2 of HCG001: move a per-call client to a <c>private static readonly</c> field of the
/// containing type. Offered only when the creation depends on nothing but statics and constants,
/// and the client is only called (never reconfigured, disposed elsewhere, returned or passed on):
/// a shared client must not be disposed or mutated by one caller. A per-call client had cookies of
/// its own; the hoisted one gets a handler with <c>UseCookies = false</c> (a handler is written for it
/// when the code used the default one), unless the code already shared one cookie container or one
/// handler. Because a client that sends several requests may rely on its own cookies between them,
/// cookies are only turned off for a client that sends one request; otherwise no fix is offered.
/// Identical hoisted clients of one type share one field. A client created in a constructor initializer
/// is hoisted when the constructor it is handed to, and the type keeping it, only call it
/// (<see cref="ConstructorHandOff"/>); it may send any number of requests, so only where cookies are
/// already off or shared.
/// </summary>
internal static class StaticFieldHoist
{
    private const string UseCookiesName = "UseCookies";

    /// <summary>What the hoist does to the client's handler so that no caller sees another's cookies.</summary>
    internal enum HandlerChange
    {
        /// <summary>Cookies are already off, or shared by the original code (one handler or one container).</summary>
        None,

        /// <summary>The handler created in place gets <c>UseCookies = false</c>.</summary>
        TurnCookiesOff,

        /// <summary>The default handler becomes <c>new SocketsHttpHandler { PooledConnectionLifetime = ..., UseCookies = false }</c>.</summary>
        NewSocketsHandler,

        /// <summary>The default handler becomes <c>new HttpClientHandler { UseCookies = false }</c> (a target lacks SocketsHttpHandler).</summary>
        NewClientHandler,
    }

    internal sealed class Plan
    {
        public Plan(HandlerChange change, BaseObjectCreationExpressionSyntax? handler)
        {
            Change = change;
            Handler = handler;
        }

        /// <summary>Statements configuring the client after its creation, moved into the field's initializer.</summary>
        public ClientConfiguration Configuration { get; set; } = ClientConfiguration.None;

        public HandlerChange Change { get; }

        /// <summary>The handler created in place (for <see cref="HandlerChange.TurnCookiesOff"/>).</summary>
        public BaseObjectCreationExpressionSyntax? Handler { get; }
    }

    /// <summary>
    /// The hoist for <paramref name="creation"/>, or null when it would change behaviour or would not
    /// compile for one of the document's target frameworks (its linked documents).
    /// </summary>
    public static async Task<Plan?> TryPlanAsync(Document document, BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (TryPlan(creation, model, cancellationToken) is not { } plan)
        {
            return null;
        }

        foreach (var linkedId in document.GetLinkedDocumentIds())
        {
            if (document.Project.Solution.GetDocument(linkedId) is not { } linked ||
                await linked.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } linkedModel ||
                await linked.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } linkedRoot)
            {
                return null;
            }

            // Code under #if that this target does not compile is not there to check.
            if (linkedRoot.FindNode(creation.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } linkedCreation &&
                linkedCreation.Span == creation.Span &&
                TryPlan(linkedCreation, linkedModel, cancellationToken) is null)
            {
                return null;
            }
        }

        var socketsEverywhere = await LinkedTargets.EveryTargetHasTypeAsync(document, WellKnownTypeNames.SocketsHttpHandler, cancellationToken).ConfigureAwait(false);
        return plan.Change == HandlerChange.NewSocketsHandler && !socketsEverywhere
            ? new Plan(HandlerChange.NewClientHandler, null) { Configuration = plan.Configuration }
            : plan;
    }

    private static Plan? TryPlan(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var client = ClientLocal.Find(creation, model, cancellationToken);
        var configuration = ClientConfiguration.Find(client);
        if (configuration.Statements.Count > 0 &&
            (!configuration.DependsOnlyOnStatics(model, cancellationToken) || configuration.MergeInto(creation.Initializer) is null))
        {
            // Configured per call, or in a way one initializer cannot say: one shared client cannot keep it.
            return null;
        }

        if (TryPlanClient(creation, client, configuration, model, cancellationToken) is not { } plan)
        {
            return null;
        }

        plan.Configuration = configuration;
        return plan;
    }

    private static Plan? TryPlanClient(BaseObjectCreationExpressionSyntax creation, ClientLocal client, ClientConfiguration configuration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax))
        {
            return null;
        }

        var handedToConstructor = client.Holder == ClientHolder.Other && ConstructorHandOff.IsOnlyCalled(creation, model, cancellationToken);
        if (client.Holder == ClientHolder.Other && !handedToConstructor || !client.IsOnlyCalled(configuration) || !DependsOnlyOnStatics(creation, model, cancellationToken))
        {
            return null;
        }

        // A custom HttpClient subclass builds a handler we cannot see: its cookies cannot be turned off.
        if (WellKnownTypes.TryCreate(model.Compilation) is not { } types ||
            model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor ||
            !types.IsExactlyHttpClient(constructor.ContainingType))
        {
            return null;
        }

        switch (PoolRewrite.HandlerArgument(creation, constructor, types))
        {
            case null:
                // The default handler keeps cookies per client.
                if (client.MaySendSeveralRequests())
                {
                    return null;
                }

                return new Plan(types.SocketsHttpHandler is not null ? HandlerChange.NewSocketsHandler : HandlerChange.NewClientHandler, null);

            case BaseObjectCreationExpressionSyntax handler when
                handler.ArgumentList is null or { Arguments.Count: 0 } &&
                model.GetTypeInfo(handler, cancellationToken).Type is { } handlerType &&
                types.IsExactlyClientOrSocketsHandler(handlerType):
                return PlanForHandler(handler, client, model, cancellationToken);

            case { } shared when model.GetSymbolInfo(shared, cancellationToken).Symbol is IFieldSymbol { IsStatic: true }:
                // One handler for every call already: its cookies were shared before the hoist too.
                return new Plan(HandlerChange.None, null);

            default:
                return null;
        }
    }

    private static Plan? PlanForHandler(BaseObjectCreationExpressionSyntax handler, ClientLocal client, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax? useCookies = null;
        ExpressionSyntax? container = null;
        foreach (var expression in handler.Initializer?.Expressions ?? default)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var name } } assignment)
            {
                if (name == UseCookiesName)
                {
                    useCookies = assignment.Right;
                }
                else if (name == "CookieContainer")
                {
                    container = assignment.Right;
                }
            }
        }

        if (useCookies is not null && model.GetConstantValue(useCookies, cancellationToken) is { HasValue: true, Value: false })
        {
            return new Plan(HandlerChange.None, null);
        }

        if (container is not null && model.GetSymbolInfo(container, cancellationToken).Symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true })
        {
            // One cookie container for every call: the original code already shared its cookies.
            return new Plan(HandlerChange.None, null);
        }

        if (useCookies is not null || client.MaySendSeveralRequests())
        {
            return null;
        }

        return new Plan(HandlerChange.TurnCookiesOff, handler);
    }

    /// <summary>
    /// True when <paramref name="expression"/> can run in a static initializer: no await, no this/base,
    /// no locals, parameters or range variables declared outside it, no instance members reached
    /// through the implicit <c>this</c>, no method type parameters.
    /// </summary>
    public static bool DependsOnlyOnStatics(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case AwaitExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax:
                    return false;
                case SimpleNameSyntax name when !IsMemberName(name):
                    var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                    switch (symbol)
                    {
                        case null:
                            // Unbound names (object-initializer member names bind; anything else unbound is broken code).
                            if (name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment && assignment.Left == name)
                            {
                                continue;
                            }

                            return false;
                        case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol:
                            if (!IsDeclaredInside(symbol, expression))
                            {
                                return false;
                            }

                            continue;
                        case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method }:
                            return false;
                        case IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol when !symbol.IsStatic:
                            // Object-initializer targets (Timeout = ...) are members of the new object, not of this.
                            if (name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } initializerAssignment && initializerAssignment.Left == name)
                            {
                                continue;
                            }

                            if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
                            {
                                continue;
                            }

                            return false;
                    }

                    break;
            }
        }

        return true;
    }

    public static async Task<Document> HoistAsync(Document document, BaseObjectCreationExpressionSyntax creation, Plan plan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var type = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>()!;
        var client = ClientLocal.Find(creation, model, cancellationToken);
        var createdType = model.GetTypeInfo(creation, cancellationToken).Type;
        if (createdType is null)
        {
            return document;
        }

        var fieldName = UniqueFieldName(type, model, client.Local?.Name ?? createdType.Name, cancellationToken);
        var hoisted = new SyntaxAnnotation(nameof(StaticFieldHoist));
        var field = BuildField(creation, createdType, fieldName, plan).WithAdditionalAnnotations(hoisted);
        var fieldReference = SyntaxFactory.IdentifierName(fieldName).WithAdditionalAnnotations(hoisted);

        var newRoot = root.TrackNodes(new SyntaxNode[] { creation, type }.Concat(client.DisposeStatements()).Concat(plan.Configuration.Statements).Concat(client.DeclaringStatement is { } s ? new[] { s } : Array.Empty<SyntaxNode>()));

        // 1. Drop client.Dispose() statements: a shared client must never be disposed by a caller; the
        // configuring statements move into the field's initializer.
        foreach (var disposeStatement in client.DisposeStatements().Concat(plan.Configuration.Statements))
        {
            var current = newRoot.GetCurrentNode(disposeStatement);
            if (current is not null)
            {
                newRoot = newRoot.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia)!;
            }
        }

        // 2. Replace the creation with the field, and unwrap the using around the local.
        var currentCreation = newRoot.GetCurrentNode(creation)!;
        newRoot = newRoot.ReplaceNode(currentCreation, fieldReference.WithTriviaFrom(currentCreation));
        if (client.DeclaringStatement is { } declaring && newRoot.GetCurrentNode(declaring) is { } currentDeclaring)
        {
            newRoot = client.Holder == ClientHolder.UsingStatement
                ? UnwrapUsingStatement(newRoot, (UsingStatementSyntax)currentDeclaring)
                : newRoot.ReplaceNode(currentDeclaring, DropUsing((LocalDeclarationStatementSyntax)currentDeclaring));
        }

        // 3. Add the field after the type's last field (or first in the type).
        var currentType = newRoot.GetCurrentNode(type)!;
        var lastField = currentType.Members.OfType<FieldDeclarationSyntax>().LastOrDefault();
        var members = lastField is null
            ? currentType.Members.Insert(0, field)
            : currentType.Members.Insert(currentType.Members.IndexOf(lastField) + 1, field);
        newRoot = newRoot.ReplaceNode(currentType, currentType.WithMembers(members));
        var fixedDocument = await SyntaxGeneration.AddImportsAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        return await ReuseIdenticalFieldAsync(fixedDocument, hoisted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When the type already has a static readonly client written exactly as the new field (an earlier
    /// hoist of the same settings), the new field is dropped and its uses read the existing one.
    /// </summary>
    private static async Task<Document> ReuseIdenticalFieldAsync(Document document, SyntaxAnnotation hoisted, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.GetAnnotatedNodes(hoisted).OfType<FieldDeclarationSyntax>().FirstOrDefault() is not { Parent: TypeDeclarationSyntax type } field)
        {
            return document;
        }

        var key = Settings(field);
        var existing = type.Members.OfType<FieldDeclarationSyntax>().FirstOrDefault(other =>
            other != field &&
            other.Declaration.Variables.Count == 1 &&
            other.Modifiers.Any(SyntaxKind.StaticKeyword) &&
            other.Modifiers.Any(SyntaxKind.ReadOnlyKeyword) &&
            Settings(other) == key);
        if (existing is null)
        {
            return document;
        }

        var existingName = existing.Declaration.Variables[0].Identifier.ValueText;
        var references = root.GetAnnotatedNodes(hoisted).OfType<IdentifierNameSyntax>().ToList();
        var newRoot = root.ReplaceNodes(references, (_, reference) => reference.WithIdentifier(SyntaxFactory.Identifier(reference.Identifier.LeadingTrivia, existingName, reference.Identifier.TrailingTrivia)));
        var newField = newRoot.GetAnnotatedNodes(hoisted).OfType<FieldDeclarationSyntax>().First();
        return document.WithSyntaxRoot(newRoot.RemoveNode(newField, SyntaxRemoveOptions.KeepNoTrivia)!);

        // The field's type and initializer without whitespace: same text, same client.
        static string Settings(FieldDeclarationSyntax declaration) =>
            declaration.Declaration.Type.ToString() + "=" +
            new string((declaration.Declaration.Variables[0].Initializer?.Value.ToString() ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
    }

    private static FieldDeclarationSyntax BuildField(BaseObjectCreationExpressionSyntax creation, ITypeSymbol createdType, string fieldName, Plan plan)
    {
        var typeSyntax = SyntaxGeneration.TypeName(createdType);
        var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
        switch (plan.Change)
        {
            case HandlerChange.NewSocketsHandler:
                // The default handler never recycles connections: a static client would miss DNS changes.
                arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    ConnectionLifetime.SocketsHandler(CookiesOff()))));
                break;
            case HandlerChange.NewClientHandler:
                arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.ObjectCreationExpression(
                        SyntaxGeneration.TypeName(WellKnownTypeNames.HttpClientHandler),
                        null,
                        SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(CookiesOff()))))));
                break;
            case HandlerChange.TurnCookiesOff when plan.Handler is { } handler:
                var withCookiesOff = handler.Initializer is { } initializer
                    ? handler.WithInitializer(initializer.AddExpressions(CookiesOff()))
                    : handler.WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(CookiesOff())));
                arguments = arguments.ReplaceNode(handler, withCookiesOff.WithAdditionalAnnotations(Formatter.Annotation));
                break;
        }

        var initializerExpression = SyntaxFactory.ObjectCreationExpression(typeSyntax, arguments, plan.Configuration.MergeInto(creation.Initializer)?.WithoutTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(typeSyntax)
                    .AddVariables(SyntaxFactory.VariableDeclarator(fieldName).WithInitializer(SyntaxFactory.EqualsValueClause(initializerExpression))))
            .AddModifiers(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);

        static AssignmentExpressionSyntax CookiesOff() =>
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(UseCookiesName),
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
    }

    private static LocalDeclarationStatementSyntax DropUsing(LocalDeclarationStatementSyntax statement)
    {
        if (statement.UsingKeyword.IsKind(SyntaxKind.None))
        {
            return statement;
        }

        var leading = (statement.AwaitKeyword.IsKind(SyntaxKind.None) ? statement.UsingKeyword : statement.AwaitKeyword).LeadingTrivia;
        return statement
            .WithAwaitKeyword(default)
            .WithUsingKeyword(default)
            .WithDeclaration(statement.Declaration.WithType(statement.Declaration.Type.WithLeadingTrivia(leading)));
    }

    /// <summary>
    /// <c>using (var c = s_c) { body }</c> → <c>var c = s_c; body</c> spliced into the enclosing
    /// block (the body moved one level out, nothing else re-formatted), or kept in the using's own
    /// block when a body local would clash with a sibling's name.
    /// </summary>
    private static SyntaxNode UnwrapUsingStatement(SyntaxNode root, UsingStatementSyntax usingStatement)
    {
        // The declaration ends its line as the using's header did (the file's own line ending), or is
        // followed by a space when the using was written on one line.
        var endOfLine = usingStatement.CloseParenToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine.IsKind(SyntaxKind.None))
        {
            endOfLine = SyntaxFactory.Space;
        }

        var declaration = SyntaxFactory.LocalDeclarationStatement(usingStatement.Declaration!.WithoutTrivia())
            .WithLeadingTrivia(usingStatement.GetLeadingTrivia())
            .WithTrailingTrivia(endOfLine);
        var bodyStatements = usingStatement.Statement is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(usingStatement.Statement);
        var usingIndent = DocumentLayout.Indentation(usingStatement.GetLeadingTrivia());
        var bodyIndent = bodyStatements.Count == 0 ? usingIndent : DocumentLayout.Indentation(bodyStatements[0].GetLeadingTrivia());
        var statements = new List<StatementSyntax> { declaration };

        if (usingStatement.Parent is BlockSyntax parent && !NamesClash(parent, usingStatement, statements.Concat(bodyStatements)))
        {
            statements.AddRange(bodyStatements.Select(statement => Outdent(statement, usingIndent, bodyIndent)));
            var index = parent.Statements.IndexOf(usingStatement);
            var newStatements = parent.Statements.RemoveAt(index).InsertRange(index, statements);
            return root.ReplaceNode(parent, parent.WithStatements(newStatements));
        }

        if (usingStatement.Statement is BlockSyntax ownBlock)
        {
            // using (...) { body } → { var c = s_c; body }: the braces and the body stay where they were.
            var inner = declaration.WithLeadingTrivia(SyntaxFactory.Whitespace(bodyIndent));
            return root.ReplaceNode(
                usingStatement,
                ownBlock.WithStatements(ownBlock.Statements.Insert(0, inner)).WithLeadingTrivia(usingStatement.GetLeadingTrivia()));
        }

        return root.ReplaceNode(usingStatement, SyntaxFactory.Block(new[] { declaration }.Concat(bodyStatements)).WithTriviaFrom(usingStatement).WithAdditionalAnnotations(Formatter.Annotation));
    }


    /// <summary>
    /// Moves every line of <paramref name="statement"/> from <paramref name="from"/>'s indentation to
    /// <paramref name="to"/>'s by removing the difference at line starts; a line not indented that deep keeps its text.
    /// </summary>
    private static StatementSyntax Outdent(StatementSyntax statement, string to, string from)
    {
        if (from.Length <= to.Length || !from.StartsWith(to, StringComparison.Ordinal))
        {
            return statement;
        }

        var extra = from.Substring(to.Length);
        var first = statement.GetFirstToken();
        return statement.ReplaceTokens(statement.DescendantTokens(), (original, rewritten) =>
        {
            var atLineStart = original == first || original.GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
            var leading = rewritten.LeadingTrivia;
            var changed = new List<SyntaxTrivia>(leading.Count);
            for (var i = 0; i < leading.Count; i++)
            {
                var trivia = leading[i];
                var lineStart = i == 0 ? atLineStart : leading[i - 1].IsKind(SyntaxKind.EndOfLineTrivia);
                if (lineStart && trivia.IsKind(SyntaxKind.WhitespaceTrivia) && trivia.ToString() is var text && text.StartsWith(to + extra, StringComparison.Ordinal))
                {
                    changed.Add(SyntaxFactory.Whitespace(to + text.Substring(to.Length + extra.Length)));
                }
                else
                {
                    changed.Add(trivia);
                }
            }

            return rewritten.WithLeadingTrivia(changed);
        });
    }

    private static bool NamesClash(BlockSyntax parent, StatementSyntax replaced, IEnumerable<StatementSyntax> spliced)
    {
        var introduced = new HashSet<string>(spliced.SelectMany(DeclaredNames));
        foreach (var sibling in parent.Statements)
        {
            if (sibling == replaced)
            {
                continue;
            }

            foreach (var node in sibling.DescendantNodesAndSelf())
            {
                var name = node switch
                {
                    VariableDeclaratorSyntax v => v.Identifier.ValueText,
                    SingleVariableDesignationSyntax d => d.Identifier.ValueText,
                    LocalFunctionStatementSyntax f => f.Identifier.ValueText,
                    ForEachStatementSyntax f => f.Identifier.ValueText,
                    ParameterSyntax p => p.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && introduced.Contains(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> DeclaredNames(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax local => local.Declaration.Variables.Select(v => v.Identifier.ValueText),
        LocalFunctionStatementSyntax function => new[] { function.Identifier.ValueText },
        _ => statement.DescendantNodes(n => n is not BlockSyntax and not AnonymousFunctionExpressionSyntax)
            .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText),
    };

    private static bool IsMemberName(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ||
        name.Parent is MemberBindingExpressionSyntax ||
        name.Parent is QualifiedNameSyntax qualified && qualified.Right == name ||
        name.Parent is NameColonSyntax;

    private static bool IsDeclaredInside(ISymbol symbol, SyntaxNode container)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != container.SyntaxTree || !container.Span.Contains(reference.Span))
            {
                return false;
            }
        }

        return symbol.DeclaringSyntaxReferences.Length > 0;
    }

    /// <summary>
    /// A readable field name in the style the type already uses for static fields
    /// (<c>s_name</c>, <c>_name</c> or <c>PascalName</c>; <c>s_name</c> when there are none),
    /// made unique among the type's members.
    /// </summary>
    private static string UniqueFieldName(TypeDeclarationSyntax type, SemanticModel model, string baseName, CancellationToken cancellationToken)
    {
        var symbol = model.GetDeclaredSymbol(type, cancellationToken);
        var existing = new HashSet<string>(symbol?.GetMembers().Select(m => m.Name) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        existing.Add(type.Identifier.ValueText);

        var prefix = "s_";
        var pascal = false;
        var staticField = symbol?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsStatic && !f.IsConst && !f.IsImplicitlyDeclared);
        if (staticField is not null)
        {
            if (staticField.Name.StartsWith("s_", StringComparison.Ordinal))
            {
                prefix = "s_";
            }
            else if (staticField.Name.StartsWith("_", StringComparison.Ordinal))
            {
                prefix = "_";
            }
            else if (char.IsUpper(staticField.Name[0]))
            {
                prefix = string.Empty;
                pascal = true;
            }
        }

        var core = baseName.TrimStart('_');
        if (core.Length == 0)
        {
            core = "httpClient";
        }

        core = pascal
            ? char.ToUpperInvariant(core[0]) + core.Substring(1)
            : char.ToLowerInvariant(core[0]) + core.Substring(1);
        if (pascal && core == "HttpClient")
        {
            core = "SharedHttpClient";
        }

        var candidate = prefix + core;
        for (var i = 2; existing.Contains(candidate); i++)
        {
            candidate = prefix + core + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
