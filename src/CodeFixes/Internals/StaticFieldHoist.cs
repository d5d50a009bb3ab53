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
/// a shared client must not be disposed or mutated by one caller.
/// </summary>
internal static class StaticFieldHoist
{
    public static bool CanHoist(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax))
        {
            return false;
        }

        var client = ClientLocal.Find(creation, model, cancellationToken);
        if (client.Holder == ClientHolder.Other || !client.IsOnlyCalled())
        {
            return false;
        }

        return DependsOnlyOnStatics(creation, model, cancellationToken);
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

    public static async Task<Document> HoistAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
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
        var field = BuildField(creation, createdType, fieldName, model);
        var fieldReference = SyntaxFactory.IdentifierName(fieldName);

        var newRoot = root.TrackNodes(new SyntaxNode[] { creation, type }.Concat(client.DisposeStatements()).Concat(client.DeclaringStatement is { } s ? new[] { s } : Array.Empty<SyntaxNode>()));

        // 1. Drop client.Dispose() statements: a shared client must never be disposed by a caller.
        foreach (var disposeStatement in client.DisposeStatements())
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
        return await SyntaxGeneration.AddImportsAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    private static FieldDeclarationSyntax BuildField(BaseObjectCreationExpressionSyntax creation, ITypeSymbol createdType, string fieldName, SemanticModel model)
    {
        var typeSyntax = SyntaxGeneration.TypeName(createdType);
        var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
        if (arguments.Arguments.Count == 0 &&
            WellKnownTypes.TryCreate(model.Compilation) is { SocketsHttpHandler: not null } types &&
            types.IsExactlyHttpClient(createdType))
        {
            // The default handler never recycles connections: a static client would miss DNS changes.
            var handler = ConnectionLifetime.SocketsHandler();
            arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(handler)));
        }

        var initializer = SyntaxFactory.ObjectCreationExpression(typeSyntax, arguments, creation.Initializer?.WithoutTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        return SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(typeSyntax)
                    .AddVariables(SyntaxFactory.VariableDeclarator(fieldName).WithInitializer(SyntaxFactory.EqualsValueClause(initializer))))
            .AddModifiers(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword),
                SyntaxFactory.Token(SyntaxKind.StaticKeyword),
                SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);
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
    /// block, or kept in a block of its own when a body local would clash with a sibling's name.
    /// </summary>
    private static SyntaxNode UnwrapUsingStatement(SyntaxNode root, UsingStatementSyntax usingStatement)
    {
        var declaration = SyntaxFactory.LocalDeclarationStatement(usingStatement.Declaration!.WithoutTrivia())
            .WithLeadingTrivia(usingStatement.GetLeadingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var bodyStatements = usingStatement.Statement is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(usingStatement.Statement);
        var statements = new List<StatementSyntax> { declaration };
        statements.AddRange(bodyStatements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));

        if (usingStatement.Parent is BlockSyntax parent && !NamesClash(parent, usingStatement, statements))
        {
            var index = parent.Statements.IndexOf(usingStatement);
            var newStatements = parent.Statements.RemoveAt(index).InsertRange(index, statements);
            return root.ReplaceNode(parent, parent.WithStatements(newStatements));
        }

        return root.ReplaceNode(usingStatement, SyntaxFactory.Block(statements).WithTriviaFrom(usingStatement).WithAdditionalAnnotations(Formatter.Annotation));
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
