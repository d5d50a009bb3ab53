using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

internal sealed partial class FactoryInjection
{
    /// <summary>
    /// Fix All for the factory injection, in document, project and solution scope. One fix changes several
    /// documents (the owner's, the composition root's), and each fix must see the ones before it (a factory
    /// the type already has, a registration already written), so the fixes are applied one at a time over
    /// the whole solution, each planned again on the result of the last: one factory per type, each named
    /// registration once. Documents go in path order and creations in text order, the order the
    /// single-diagnostic fix would take them.
    /// </summary>
    public static async Task<Solution> FixAllAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var mark = new SyntaxAnnotation(nameof(FactoryInjection) + ".FixAll");
        var documents = new List<DocumentId>();
        foreach (var group in diagnostics.Where(d => d.Location.IsInSource).GroupBy(d => d.Location.SourceTree!))
        {
            if (solution.GetDocument(group.Key) is not { } document || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var targets = group
                .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>())
                .OfType<BaseObjectCreationExpressionSyntax>()
                .Distinct()
                .ToList();
            solution = solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(mark)));
            documents.Add(document.Id);
        }

        documents.Sort((x, y) => string.CompareOrdinal(solution.GetDocument(x)!.FilePath ?? solution.GetDocument(x)!.Name, solution.GetDocument(y)!.FilePath ?? solution.GetDocument(y)!.Name));
        var changed = new HashSet<DocumentId>();
        foreach (var documentId in documents)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = await solution.GetDocument(documentId)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root!.GetAnnotatedNodes(mark).OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault() is not { } next)
                {
                    break;
                }

                solution = solution.WithDocumentSyntaxRoot(documentId, root.ReplaceNode(next, next.WithoutAnnotations(mark)));
                var document = solution.GetDocument(documentId)!;
                var unmarked = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (unmarked!.FindNode(next.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { } creation ||
                    await TryPlanAsync(document, creation, cancellationToken).ConfigureAwait(false) is not { } plan)
                {
                    continue;
                }

                var before = solution;
                solution = await plan.ApplyAsync(solution, addImports: false, cancellationToken).ConfigureAwait(false);
                changed.UnionWith(solution.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()));
            }
        }

        return await AddImportsAsync(solution, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The Fix All provider of the HCG001 fixer: the factory injection goes through <see cref="FixAllAsync"/>,
    /// every other fix through the provider the fixer had (<see cref="SequentialFixAll"/>).
    /// </summary>
    internal sealed class FixAllProvider : Microsoft.CodeAnalysis.CodeFixes.FixAllProvider
    {
        private readonly string _equivalenceKey;
        private readonly Microsoft.CodeAnalysis.CodeFixes.FixAllProvider _others;

        public FixAllProvider(string equivalenceKey, Microsoft.CodeAnalysis.CodeFixes.FixAllProvider others)
        {
            _equivalenceKey = equivalenceKey;
            _others = others;
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.CodeActionEquivalenceKey != _equivalenceKey)
            {
                return await _others.GetFixAsync(fixAllContext).ConfigureAwait(false);
            }

            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Document when fixAllContext.Document is not null => new[] { fixAllContext.Document },
                FixAllScope.Project => fixAllContext.Project.Documents.ToArray(),
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
                _ => System.Array.Empty<Document>(),
            };
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var document in documents)
            {
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
            }

            var found = diagnostics.ToImmutable();
            return found.IsEmpty
                ? null
                : CodeAction.Create("Inject IHttpClientFactory", ct => FixAllAsync(fixAllContext.Solution, found, ct), _equivalenceKey);
        }
    }
}
