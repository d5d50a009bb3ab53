using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// How every fix writes a type or a member into code: <c>global::</c>-qualified and annotated, so that
/// <see cref="AddImportsAsync"/> adds the using it needs (where the file keeps them) and the simplifier
/// shortens the name. Types are named by their metadata names (<see cref="Analyzers.Internals.WellKnownTypeNames"/>)
/// or by their symbols; recognising a type is <see cref="Analyzers.Internals.WellKnownTypes"/>' job.
/// </summary>
internal static class SyntaxGeneration
{
    /// <summary>A type position, from a metadata name such as <c>System.Net.Http.SocketsHttpHandler</c>.</summary>
    public static TypeSyntax TypeName(string metadataName) =>
        SyntaxFactory.ParseTypeName("global::" + metadataName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>A type position, from a symbol (generic arguments included).</summary>
    public static TypeSyntax TypeName(ITypeSymbol type) =>
        SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>A member of a type, such as <c>global::System.TimeSpan.FromMinutes</c>, in an expression.</summary>
    public static ExpressionSyntax MemberAccess(string typeMetadataName, string member) =>
        SyntaxFactory.ParseExpression("global::" + typeMetadataName + "." + member).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// Finishes a fixed document the way the code-action clean-up would, but in the document's own layout:
    /// adds the usings the annotated names need (the clean-up does not in every host), drops any of them
    /// that a global using already provides, shortens the annotated names, and formats only the nodes
    /// annotated with <see cref="Formatter.Annotation"/> (and elastic trivia) with the document's line
    /// ending and indentation (<see cref="DocumentLayout"/>). The formatting annotations are then removed,
    /// so a host's clean-up with its default options has nothing left to re-format.
    /// </summary>
    public static async Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken)
    {
        var before = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var existingImports = before is null ? new HashSet<string>() : new HashSet<string>(before.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Select(u => u.ToString()));

        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await RemoveImportsProvidedGloballyAsync(document, existingImports, before?.GetFirstToken(includeZeroWidth: true).LeadingTrivia, cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await FormatInLayoutAsync(document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Formats the annotated nodes and elastic trivia with the document's own layout, then removes the
    /// formatting annotations. Code outside those nodes keeps every character.
    /// </summary>
    public static async Task<Document> FormatInLayoutAsync(Document document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var options = DocumentLayout.Detect(text).ApplyTo(await document.GetOptionsAsync(cancellationToken).ConfigureAwait(false));
        document = await Formatter.FormatAsync(document, Formatter.Annotation, options, cancellationToken).ConfigureAwait(false);
        document = await Formatter.FormatAsync(document, SyntaxAnnotation.ElasticAnnotation, options, cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Elastic markers the formatter left (zero-width ones included) would let a later clean-up with
        // other options re-indent the lines after them: they become plain trivia.
        var annotated = root.GetAnnotatedNodesAndTokens(Formatter.Annotation).ToList();
        var elastic = root.DescendantTrivia(descendIntoTrivia: true).Where(t => t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)).ToList();
        if (annotated.Count == 0 && elastic.Count == 0)
        {
            return document;
        }

        var nodes = annotated.Where(n => n.IsNode).Select(n => n.AsNode()!);
        var tokens = annotated.Where(n => n.IsToken).Select(n => n.AsToken());
        root = root.ReplaceSyntax(
            nodes,
            (_, rewritten) => rewritten.WithoutAnnotations(Formatter.Annotation),
            tokens,
            (_, rewritten) => rewritten.WithoutAnnotations(Formatter.Annotation),
            elastic,
            (_, rewritten) => rewritten.WithoutAnnotations(SyntaxAnnotation.ElasticAnnotation));
        return document.WithSyntaxRoot(root);
    }

    /// <summary>
    /// Removes the using directives the import step added when the namespace is already imported
    /// project-wide (<c>global using</c>, implicit usings), as the semantic model binds them.
    /// </summary>
    private static async Task<Document> RemoveImportsProvidedGloballyAsync(Document document, HashSet<string> existingImports, SyntaxTriviaList? originalFileStart, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var added = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Where(u => !existingImports.Contains(u.ToString()) && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None))
            .ToList();
        if (added.Count == 0)
        {
            return document;
        }

        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return document;
        }

        var global = new HashSet<INamespaceSymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var usings = tree.GetCompilationUnitRoot(cancellationToken).Usings.Where(u => !u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None)).ToList();
            if (usings.Count == 0)
            {
                continue;
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var globalUsing in usings)
            {
                if (globalUsing.Name is { } name && model.GetSymbolInfo(name, cancellationToken).Symbol is INamespaceSymbol imported)
                {
                    global.Add(imported);
                }
            }
        }

        if (global.Count == 0)
        {
            return document;
        }

        var redundant = added.Where(u => u.Name is { } name && global.Any(g => g.ToDisplayString() == name.ToString().Replace("global::", string.Empty))).ToList();
        if (redundant.Count == 0)
        {
            return document;
        }

        // A file header the import step moved onto the directive stays in the file.
        var withHeader = redundant.Where(u => u.GetLeadingTrivia().Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia))).ToList();
        root = root.TrackNodes(withHeader);
        root = root.RemoveNodes(redundant.Except(withHeader).Select(u => root.FindNode(u.Span)), SyntaxRemoveOptions.KeepNoTrivia)!;
        if (withHeader.Count > 0)
        {
            root = root.RemoveNodes(withHeader.Select(u => root.GetCurrentNode(u)).OfType<UsingDirectiveSyntax>(), SyntaxRemoveOptions.KeepLeadingTrivia)!;
        }

        // A file that had no using directive and gets none starts as it did (no blank line left by the removed ones).
        if (existingImports.Count == 0 && originalFileStart is { } fileStart && root is CompilationUnitSyntax { Usings.Count: 0 } && root.DescendantNodes().OfType<UsingDirectiveSyntax>().FirstOrDefault() is null)
        {
            var first = root.GetFirstToken(includeZeroWidth: true);
            root = root.ReplaceToken(first, first.WithLeadingTrivia(fileStart));
        }

        return document.WithSyntaxRoot(root);
    }
}
