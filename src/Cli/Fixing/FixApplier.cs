using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Fixing;

/// <summary>A file the fixes changed: its text before and after, and what is still found in it after.</summary>
public sealed record FixedFile(string FilePath, SourceText Before, SourceText After, int FixedCount, IReadOnlyList<DiagnosticSeverity> RemainingSeverities);

/// <summary>
/// Applies the catalog's code fixes the way the IDE's "Fix all in document" does, through each fixer's
/// FixAllProvider (or one fix at a time for a fixer without one). Works in rounds: analyse the project,
/// apply one kind of fix (rule and equivalence key) per document, analyse again, so spans are always
/// current and compilation-end diagnostics are fixed too.
/// </summary>
public sealed class FixApplier
{
    private const int MaxRounds = 50;

    private readonly RuleCatalog _catalog;
    private readonly Scanner _scanner;

    public FixApplier(RuleCatalog catalog, Scanner scanner)
    {
        _catalog = catalog;
        _scanner = scanner;
    }

    /// <summary>Computes the fixed text of every file with a fixable finding; writes nothing.</summary>
    public async Task<IReadOnlyList<FixedFile>> ComputeAsync(IReadOnlyList<ScanProject> projects, ScanResult scan, CancellationToken cancellationToken)
    {
        var pending = scan.Findings.Where(finding => _catalog.IsFixable(finding.RuleId)).Select(finding => finding.FilePath).ToHashSet(StringComparer.Ordinal);
        var fixedFiles = new List<FixedFile>();
        foreach (var scanProject in projects)
        {
            // A file shared by several target frameworks is fixed once, in the first project that has it.
            var files = scanProject.Project.Documents
                .Where(document => ScanProject.IsUserDocument(document) && pending.Remove(document.FilePath!))
                .Select(document => document.FilePath!)
                .ToHashSet(StringComparer.Ordinal);
            if (files.Count > 0)
            {
                fixedFiles.AddRange(await FixProjectAsync(scanProject.Project, files, cancellationToken).ConfigureAwait(false));
            }
        }

        return fixedFiles.OrderBy(file => file.FilePath, StringComparer.Ordinal).ToList();
    }

    public static void Write(IEnumerable<FixedFile> files)
    {
        foreach (var file in files)
        {
            var encoding = file.Before.Encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using var writer = new StreamWriter(file.FilePath, append: false, encoding);
            file.After.Write(writer);
        }
    }

    private async Task<IReadOnlyList<FixedFile>> FixProjectAsync(Project original, HashSet<string> files, CancellationToken cancellationToken)
    {
        var project = original;
        var exhausted = new HashSet<(DocumentId, string Rule, string? Key)>();
        var diagnostics = await DiagnosticsByDocumentAsync(project, files, cancellationToken).ConfigureAwait(false);
        var fixableBefore = diagnostics.ToDictionary(pair => pair.Key, pair => pair.Value.Count(d => _catalog.IsFixable(d.Id)));
        for (var round = 0; round < MaxRounds; round++)
        {
            // Documents changed this round have stale diagnostics until the next analysis.
            var touched = new HashSet<DocumentId>();
            foreach (var (documentId, documentDiagnostics) in diagnostics)
            {
                var document = project.GetDocument(documentId);
                if (document is null || touched.Contains(documentId))
                {
                    continue;
                }

                var solution = await FixOneKindAsync(document, documentDiagnostics, exhausted, cancellationToken).ConfigureAwait(false);
                if (solution is not null)
                {
                    touched.UnionWith(solution.GetChanges(project.Solution).GetProjectChanges().SelectMany(change => change.GetChangedDocuments()));
                    touched.Add(documentId);
                    project = solution.GetProject(project.Id)!;
                }
            }

            if (touched.Count == 0)
            {
                break;
            }

            diagnostics = await DiagnosticsByDocumentAsync(project, files, cancellationToken).ConfigureAwait(false);
        }

        var result = new List<FixedFile>();
        foreach (var document in project.Documents.Where(d => d.FilePath is { } path && files.Contains(path)))
        {
            var before = await original.GetDocument(document.Id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var after = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (after.ContentEquals(before))
            {
                continue;
            }

            var remaining = diagnostics.TryGetValue(document.Id, out var left) ? left : ImmutableArray<Diagnostic>.Empty;
            var fixableAfter = remaining.Count(d => _catalog.IsFixable(d.Id));
            result.Add(new FixedFile(
                document.FilePath!,
                before,
                after,
                Math.Max(0, fixableBefore.GetValueOrDefault(document.Id) - fixableAfter),
                remaining.Select(d => d.Severity).ToList()));
        }

        return result;
    }

    private async Task<Dictionary<DocumentId, ImmutableArray<Diagnostic>>> DiagnosticsByDocumentAsync(Project project, HashSet<string> files, CancellationToken cancellationToken)
    {
        var diagnostics = await _scanner.AnalyzeProjectAsync(project, cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(d => d.Location.SourceTree?.FilePath is { } path && files.Contains(path))
            .GroupBy(d => project.GetDocumentId(d.Location.SourceTree!)!)
            .Where(group => group.Key is not null)
            .ToDictionary(group => group.Key, group => group.ToImmutableArray());
    }

    /// <summary>
    /// Applies one kind of fix (the first rule, then the fixer's preferred action) to every diagnostic in the
    /// document that offers it. Returns the changed solution, or null when no untried fix is left.
    /// </summary>
    private async Task<Solution?> FixOneKindAsync(
        Document document,
        ImmutableArray<Diagnostic> diagnostics,
        HashSet<(DocumentId, string Rule, string? Key)> exhausted,
        CancellationToken cancellationToken)
    {
        foreach (var rule in diagnostics.Select(d => d.Id).Where(_catalog.IsFixable).Distinct().Order(StringComparer.Ordinal))
        {
            var ruleDiagnostics = diagnostics.Where(d => d.Id == rule).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
            foreach (var fixer in _catalog.FixersFor(rule))
            {
                var offers = new List<(Diagnostic Diagnostic, CodeAction Action)>();
                foreach (var diagnostic in ruleDiagnostics)
                {
                    offers.AddRange((await ActionsAsync(document, fixer, diagnostic, cancellationToken).ConfigureAwait(false)).Select(action => (diagnostic, action)));
                }

                foreach (var key in offers.Select(offer => offer.Action.EquivalenceKey).Distinct())
                {
                    if (!exhausted.Add((document.Id, rule, key)))
                    {
                        continue;
                    }

                    var targets = offers.Where(offer => offer.Action.EquivalenceKey == key).ToList();
                    var changed = await ApplyAsync(document, fixer, key, targets, cancellationToken).ConfigureAwait(false);
                    if (changed is not null)
                    {
                        // Tried again next round on the re-analysed document, in case more of the same fix became possible.
                        exhausted.Remove((document.Id, rule, key));
                        return changed;
                    }
                }
            }
        }

        return null;
    }

    private static async Task<Solution?> ApplyAsync(
        Document document,
        CodeFixProvider fixer,
        string? equivalenceKey,
        List<(Diagnostic Diagnostic, CodeAction Action)> targets,
        CancellationToken cancellationToken)
    {
        CodeAction? action = null;
        var fixAll = fixer.GetFixAllProvider();
        if (fixAll is not null && fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Document) && targets.Count > 1)
        {
            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Document,
                equivalenceKey,
                targets.Select(t => t.Diagnostic.Id).Distinct(),
                new KnownDiagnostics(targets.Select(t => t.Diagnostic).ToImmutableArray()),
                cancellationToken);
            action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
        }

        // One finding (or no Fix All): its own action; the next round re-analyses and takes the next one.
        action ??= targets[0].Action;
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        return changed is null || !changed.GetChanges(document.Project.Solution).GetProjectChanges().Any() ? null : changed;
    }

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Document document, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    /// <summary>Fix All asks for the diagnostics to fix; these are the ones that offer the chosen fix.</summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
