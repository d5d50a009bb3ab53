using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>A planned injection (<see cref="FactoryInjection"/>, <see cref="SingletonInjection"/>): applied to a solution it was planned on.</summary>
internal interface IInjectionPlan
{
    Task<Solution> ApplyAsync(Solution solution, bool addImports, CancellationToken cancellationToken);
}

internal sealed partial class FactoryInjection
{
    /// <summary>Fix All for the factory injection (<see cref="FixAllAsync(Solution, ImmutableArray{Diagnostic}, Func{SyntaxNode, TextSpan, ExpressionSyntax?}, Func{Document, ExpressionSyntax, CancellationToken, Task{IInjectionPlan?}}, CancellationToken)"/>).</summary>
    public static Task<Solution> FixAllAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken) =>
        FixAllAsync(
            solution,
            diagnostics,
            static (root, span) => DiagnosticTargets.CreationAt(root, span),
            static async (document, creation, ct) => await TryPlanAsync(document, (BaseObjectCreationExpressionSyntax)creation, ct).ConfigureAwait(false),
            cancellationToken);

    /// <summary>
    /// Fix All for an injection, in document, project and solution scope. One fix changes several documents
    /// (the owner's, the composition root's), and each fix must see the ones before it (a service the type
    /// already has, a registration already written), so the fixes are applied one at a time over the whole
    /// solution, each planned again on the result of the last: one service per type, each registration
    /// once. Documents go in path order and creations in text order, the order the single-diagnostic fix
    /// would take them. <paramref name="findTarget"/> finds the creation a diagnostic's span is on.
    /// </summary>
    public static async Task<Solution> FixAllAsync(
        Solution solution,
        ImmutableArray<Diagnostic> diagnostics,
        Func<SyntaxNode, TextSpan, ExpressionSyntax?> findTarget,
        Func<Document, ExpressionSyntax, CancellationToken, Task<IInjectionPlan?>> plan,
        CancellationToken cancellationToken)
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
                .Select(d => findTarget(root, d.Location.SourceSpan))
                .OfType<ExpressionSyntax>()
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
                if (root!.GetAnnotatedNodes(mark).OfType<ExpressionSyntax>().FirstOrDefault() is not { } next)
                {
                    break;
                }

                solution = solution.WithDocumentSyntaxRoot(documentId, root.ReplaceNode(next, next.WithoutAnnotations(mark)));
                var document = solution.GetDocument(documentId)!;
                var unmarked = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (findTarget(unmarked!, next.Span) is not { } creation ||
                    await plan(document, creation, cancellationToken).ConfigureAwait(false) is not { } planned)
                {
                    continue;
                }

                var before = solution;
                solution = await planned.ApplyAsync(solution, addImports: false, cancellationToken).ConfigureAwait(false);
                changed.UnionWith(solution.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()));
            }
        }

        return await AddImportsAsync(solution, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The Fix All provider of a fixer with an injection fix: the injection goes through its Fix All
    /// (<see cref="FixAllAsync(Solution, ImmutableArray{Diagnostic}, CancellationToken)"/> for the HCG001
    /// factory), every other fix through the provider the fixer had.
    /// </summary>
    internal sealed class FixAllProvider : Microsoft.CodeAnalysis.CodeFixes.FixAllProvider
    {
        private readonly string _equivalenceKey;
        private readonly string _title;
        private readonly Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution>> _fixAll;
        private readonly Microsoft.CodeAnalysis.CodeFixes.FixAllProvider _others;

        public FixAllProvider(string equivalenceKey, Microsoft.CodeAnalysis.CodeFixes.FixAllProvider others)
            : this(equivalenceKey, "Inject IHttpClientFactory", FixAllAsync, others)
        {
        }

        public FixAllProvider(
            string equivalenceKey,
            string title,
            Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution>> fixAll,
            Microsoft.CodeAnalysis.CodeFixes.FixAllProvider others)
        {
            _equivalenceKey = equivalenceKey;
            _title = title;
            _fixAll = fixAll;
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
                : CodeAction.Create(_title, ct => _fixAll(fixAllContext.Solution, found, ct), _equivalenceKey);
        }
    }
}
