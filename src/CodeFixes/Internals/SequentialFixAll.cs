using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// Fix All that applies one fix at a time within a document, re-reading the semantic model after
/// each: fixes that add members (unique field names) or share statements cannot be computed
/// independently and merged, as the batch fixer would.
/// </summary>
internal static class SequentialFixAll
{
    public delegate Task<Document> FixOne(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken);

    public static FixAllProvider Create(Func<string?, FixOne?> fixForEquivalenceKey) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var fix = fixForEquivalenceKey(context.CodeActionEquivalenceKey);
            if (fix is null || diagnostics.IsEmpty)
            {
                return document;
            }

            return await FixSequentiallyAsync(document, diagnostics, fix, context.CancellationToken).ConfigureAwait(false);
        });

    private static async Task<Document> FixSequentiallyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, FixOne fix, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var annotation = new SyntaxAnnotation(nameof(SequentialFixAll));
        var targets = diagnostics
            .Select(d => DiagnosticTargets.CreationAt(root, d.Location.SourceSpan))
            .OfType<BaseObjectCreationExpressionSyntax>()
            .Distinct()
            .ToList();
        document = document.WithSyntaxRoot(root.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(annotation)));

        // Each fix may move or remove the node it fixed; the rest keep their annotation.
        for (var remaining = targets.Count; remaining > 0; remaining--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var currentRoot = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var next = currentRoot?.GetAnnotatedNodes(annotation).OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault();
            if (currentRoot is null || next is null)
            {
                break;
            }

            var unmarked = document.WithSyntaxRoot(currentRoot.ReplaceNode(next, next.WithoutAnnotations(annotation)));
            var unmarkedRoot = await unmarked.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var target = unmarkedRoot!.FindNode(next.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            document = target is null ? unmarked : await fix(unmarked, target, cancellationToken).ConfigureAwait(false);
        }

        return document;
    }
}
