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
/// Applies the catalog's code fixes the way the IDE's "Fix all in document" does: per document and
/// rule, through the fixer's FixAllProvider, re-analysing between rules so that spans stay right.
/// </summary>
public sealed class FixApplier
{
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
        var fixableFiles = scan.Findings
            .Where(finding => _catalog.IsFixable(finding.RuleId))
            .Select(finding => finding.FilePath)
            .ToHashSet(StringComparer.Ordinal);
        var fixedFiles = new Dictionary<string, FixedFile>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            foreach (var original in project.Project.Documents.Where(d => d.FilePath is { } path && fixableFiles.Contains(path) && !fixedFiles.ContainsKey(path)))
            {
                var (document, fixableBefore) = await FixDocumentAsync(original, cancellationToken).ConfigureAwait(false);
                var beforeText = await original.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var afterText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (!afterText.ContentEquals(beforeText))
                {
                    var remaining = await _scanner.AnalyzeDocumentAsync(document, cancellationToken).ConfigureAwait(false);
                    var fixableAfter = remaining.Count(d => _catalog.IsFixable(d.Id));
                    fixedFiles[original.FilePath!] = new FixedFile(
                        original.FilePath!,
                        beforeText,
                        afterText,
                        Math.Max(0, fixableBefore - fixableAfter),
                        remaining.Select(d => d.Severity).ToList());
                }
            }
        }

        return fixedFiles.Values.OrderBy(file => file.FilePath, StringComparer.Ordinal).ToList();
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

    private async Task<(Document Document, int FixableBefore)> FixDocumentAsync(Document document, CancellationToken cancellationToken)
    {
        var initial = await FixableDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false);
        var ruleIds = initial
            .Select(d => d.Id)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        foreach (var ruleId in ruleIds)
        {
            foreach (var fixer in _catalog.FixersFor(ruleId))
            {
                var diagnostics = (await FixableDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false))
                    .Where(d => d.Id == ruleId)
                    .ToImmutableArray();
                if (diagnostics.IsEmpty)
                {
                    break;
                }

                document = await ApplyFixerAsync(document, fixer, ruleId, diagnostics, cancellationToken).ConfigureAwait(false);
            }
        }

        return (document, initial.Length);
    }

    private async Task<Document> ApplyFixerAsync(
        Document document,
        CodeFixProvider fixer,
        string ruleId,
        ImmutableArray<Diagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var fixAll = fixer.GetFixAllProvider();
        if (fixAll is not null && fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Document))
        {
            foreach (var diagnostic in diagnostics)
            {
                var action = await FirstActionAsync(document, fixer, diagnostic, cancellationToken).ConfigureAwait(false);
                if (action is null)
                {
                    continue;
                }

                var context = new FixAllContext(
                    document,
                    fixer,
                    FixAllScope.Document,
                    action.EquivalenceKey,
                    new[] { ruleId },
                    new KnownDiagnostics(diagnostics),
                    cancellationToken);
                var fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                return fixAllAction is null ? document : await ApplyAsync(document, fixAllAction, cancellationToken).ConfigureAwait(false);
            }

            return document;
        }

        // No Fix All: one fix at a time, re-analysing after each, at most once per original finding.
        for (var attempt = 0; attempt < diagnostics.Length; attempt++)
        {
            var remaining = (await _scanner.AnalyzeDocumentAsync(document, cancellationToken).ConfigureAwait(false)).Where(d => d.Id == ruleId);
            var applied = false;
            foreach (var diagnostic in remaining)
            {
                if (await FirstActionAsync(document, fixer, diagnostic, cancellationToken).ConfigureAwait(false) is { } action)
                {
                    document = await ApplyAsync(document, action, cancellationToken).ConfigureAwait(false);
                    applied = true;
                    break;
                }
            }

            if (!applied)
            {
                break;
            }
        }

        return document;
    }

    private async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        => (await _scanner.AnalyzeDocumentAsync(document, cancellationToken).ConfigureAwait(false))
            .Where(d => _catalog.IsFixable(d.Id))
            .ToImmutableArray();

    private static async Task<CodeAction?> FirstActionAsync(Document document, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.FirstOrDefault();
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
        return changed?.GetDocument(document.Id) ?? document;
    }

    /// <summary>Fix All asks for the diagnostics to fix; these are the ones just computed for the document.</summary>
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
