using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers;
using HttpClientGuard.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>
/// HCG008 fixes, in the order offered: "Inject RestClient as a singleton" (where the container builds the
/// owner and the project has one composition root: <see cref="SingletonInjection"/>) and "Move to a static
/// readonly field". Both only where the creation can run once instead without changing what it builds or
/// what its uses do (<see cref="ConnectionOwnerSharing"/>): its arguments (and the builder it is called on)
/// are constants, static readonly fields, or objects built from those; it is not disposed, returned or
/// changed per call; it is not awaited (a task would be kept); and it names no type parameter of a method.
/// Otherwise no fix: the docs page shows the pattern per SDK.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConnectionOwnerFixer)), Shared]
public sealed class ConnectionOwnerFixer : CodeFixProvider
{
    public const string InjectSingletonKey = RuleIds.ConnectionOwnerPerCall + ".InjectSingleton";
    public const string MoveToStaticFieldKey = RuleIds.ConnectionOwnerPerCall + ".MoveToStaticField";

    private static readonly SyntaxAnnotation s_fixAllTarget = new(nameof(ConnectionOwnerFixer));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ConnectionOwnerPerCall);

    public override FixAllProvider GetFixAllProvider() => new FactoryInjection.FixAllProvider(
        InjectSingletonKey,
        "Inject as singletons",
        static (solution, diagnostics, cancellationToken) => FactoryInjection.FixAllAsync(
            solution,
            diagnostics,
            Creation,
            static async (document, creation, ct) => await SingletonInjection.TryPlanAsync(document, creation, ct).ConfigureAwait(false),
            cancellationToken),
        FixAllProvider.Create(FixAllInDocumentAsync));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Creation(root, diagnostic.Location.SourceSpan) is not { } creation)
            {
                continue;
            }

            var document = context.Document;
            if (await SingletonInjection.TryPlanAsync(document, creation, context.CancellationToken).ConfigureAwait(false) is { } injection)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(injection.Title, ct => InjectAsync(document, creation, ct), InjectSingletonKey),
                    diagnostic);
            }

            if (CanHoist(creation, model, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Move to a static readonly field", ct => HoistAsync(document, creation, ct), MoveToStaticFieldKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> InjectAsync(Document document, ExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var plan = await SingletonInjection.TryPlanAsync(document, creation, cancellationToken).ConfigureAwait(false);
        return plan is null
            ? document.Project.Solution
            : await plan.ApplyAsync(document.Project.Solution, addImports: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The creation or factory call a diagnostic is reported on (the diagnostic's span).</summary>
    private static ExpressionSyntax? Creation(SyntaxNode root, TextSpan span)
    {
        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax && node.SpanStart == span.Start)
            {
                return (ExpressionSyntax)node;
            }
        }

        return null;
    }

    private static bool CanHoist(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax) ||
            creation.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null ||
            model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol type ||
            type.TypeKind == TypeKind.Error || ContainsMethodTypeParameter(type) ||
            creation.Parent is AwaitExpressionSyntax || type.Name is "Task" or "ValueTask")
        {
            return false;
        }

        return ConnectionOwnerSharing.IsBuiltFromStatics(creation, model, (field, use) => IsInitializedBeforeNewField(field, use, model, cancellationToken), cancellationToken) &&
               ConnectionOwnerSharing.MayShare(creation, model, cancellationToken);
    }

    /// <summary>
    /// A static readonly field of another type is initialized on first use. One of this type must have its
    /// initializer in this file: the new field goes after every static field, and initializers run in
    /// textual order (a field assigned in the static constructor would still be null).
    /// </summary>
    private static bool IsInitializedBeforeNewField(IFieldSymbol field, ExpressionSyntax use, SemanticModel model, CancellationToken cancellationToken)
    {
        if (use.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } container ||
            model.GetDeclaredSymbol(container, cancellationToken) is not { } containerType)
        {
            return false;
        }

        if (!SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, containerType.OriginalDefinition))
        {
            return true;
        }

        return field.DeclaringSyntaxReferences.All(reference =>
            reference.SyntaxTree == use.SyntaxTree && container.Span.Contains(reference.Span) &&
            reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: not null });
    }

    private static bool ContainsMethodTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsMethodTypeParameter),
        IArrayTypeSymbol array => ContainsMethodTypeParameter(array.ElementType),
        _ => false,
    };

    private static async Task<Document> HoistAsync(Document document, ExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } container ||
            model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol type)
        {
            return document;
        }

        var name = FieldName(container, type, model, creation.SpanStart);
        var field = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(
                    SyntaxGeneration.TypeName(type),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(creation.WithoutTrivia())))))
            .WithModifiers(SyntaxFactory.TokenList(
                SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.StaticKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newContainer = container.ReplaceNode(creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(creation));
        // After every static and const field: the initializers it reads run first.
        var lastStatic = newContainer.Members.LastOrDefault(member => member is FieldDeclarationSyntax existing && (existing.Modifiers.Any(SyntaxKind.StaticKeyword) || existing.Modifiers.Any(SyntaxKind.ConstKeyword)));
        var insertAt = lastStatic is null ? 0 : newContainer.Members.IndexOf(lastStatic) + 1;
        newContainer = newContainer.WithMembers(newContainer.Members.Insert(insertAt, field));
        var newDocument = document.WithSyntaxRoot(root.ReplaceNode(container, newContainer));
        return await SyntaxGeneration.AddImportsAsync(newDocument, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>s_restClient</c>, or <c>_restClient</c> where the type's static fields start with an underscore; unique in the type.</summary>
    private static string FieldName(TypeDeclarationSyntax container, INamedTypeSymbol type, SemanticModel model, int position)
    {
        var staticFields = container.Members.OfType<FieldDeclarationSyntax>()
            .Where(field => field.Modifiers.Any(SyntaxKind.StaticKeyword))
            .SelectMany(field => field.Declaration.Variables)
            .Select(variable => variable.Identifier.ValueText)
            .ToList();
        var prefix = staticFields.Count > 0 && staticFields.All(n => n.StartsWith("_", StringComparison.Ordinal)) ? "_" : "s_";
        var stem = prefix + char.ToLowerInvariant(type.Name[0]) + type.Name.Substring(1);
        var candidate = stem;
        for (var i = 2; model.LookupSymbols(position, name: candidate).Any() || container.Members.Any(m => Declares(m, candidate)); i++)
        {
            candidate = stem + i;
        }

        return candidate;

        static bool Declares(MemberDeclarationSyntax member, string name) =>
            member is FieldDeclarationSyntax field && field.Declaration.Variables.Any(v => v.Identifier.ValueText == name);
    }

    /// <summary>One fix at a time, re-reading the document: each adds a field whose name must be unique.</summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        if (context.CodeActionEquivalenceKey != MoveToStaticFieldKey || await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root)
        {
            return document;
        }

        var targets = diagnostics.Select(diagnostic => Creation(root, diagnostic.Location.SourceSpan)).OfType<ExpressionSyntax>().Distinct().ToList();
        document = document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(s_fixAllTarget)));
        for (var remaining = targets.Count; remaining > 0; remaining--)
        {
            var currentRoot = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var next = currentRoot?.GetAnnotatedNodes(s_fixAllTarget).OfType<ExpressionSyntax>().FirstOrDefault();
            if (currentRoot is null || model is null || next is null)
            {
                break;
            }

            var unmarked = currentRoot.ReplaceNode(next, next.WithoutAnnotations(s_fixAllTarget));
            document = document.WithSyntaxRoot(unmarked);
            var marked = (await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!
                .DescendantNodes().OfType<ExpressionSyntax>().First(node => node.SpanStart == next.SpanStart && node.IsKind(next.Kind()) && node.Span.Length == next.Span.Length);
            var currentModel = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (currentModel is not null && CanHoist(marked, currentModel, context.CancellationToken))
            {
                document = await HoistAsync(document, marked, context.CancellationToken).ConfigureAwait(false);
            }
        }

        return document;
    }
}
