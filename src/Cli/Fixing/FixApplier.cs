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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Fixing;

/// <summary>A file the fixes changed: its text before and after, and what is still found in it after.</summary>
/// <param name="FixedCount">Findings of the scan no longer found in the file.</param>
public sealed record FixedFile(string FilePath, SourceText Before, SourceText After, int FixedCount, IReadOnlyList<DiagnosticSeverity> RemainingSeverities);

/// <summary>A fix that was computed but not kept: the changed file would not compile for one of the project's targets.</summary>
/// <param name="Line">1-based, in the file as it was when the fix was tried.</param>
/// <param name="SourceLine">The finding's line, trimmed.</param>
public sealed record SkippedFix(string FilePath, int Line, string RuleId, string SourceLine, string Framework, string Error);

public sealed record FixResult(IReadOnlyList<FixedFile> Files, IReadOnlyList<SkippedFix> Skipped);

/// <summary>
/// Applies the catalog's code fixes the way the IDE's "Fix all in document" does, through each fixer's
/// FixAllProvider (or one fix at a time for a fixer without one). Works in rounds: analyse the project,
/// apply one kind of fix (rule and equivalence key) per document, analyse again, so spans are always
/// current and compilation-end diagnostics are fixed too.
/// </summary>
/// <remarks>
/// A project is fixed one target framework after another (the oldest C# and framework first, whose fixes are
/// most often valid everywhere), each seeing the others' fixes; every fix is kept only if the changed files still
/// compile, without a new error, in every target framework of the project (<see cref="TargetChecks"/>).
/// </remarks>
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
    public async Task<FixResult> ComputeAsync(IReadOnlyList<ScanProject> projects, ScanResult scan, CancellationToken cancellationToken)
    {
        var pending = scan.Findings.Where(finding => _catalog.IsFixable(finding.RuleId)).Select(finding => finding.FilePath).ToHashSet(StringComparer.Ordinal);
        var fixedFiles = new List<FixedFile>();
        var skipped = new List<SkippedFix>();
        foreach (var group in projects.GroupBy(ProjectKey, StringComparer.Ordinal))
        {
            // A file shared by several projects (a linked file) is fixed once, with the first project that has it.
            var files = group
                .SelectMany(target => target.Project.Documents.Where(ScanProject.IsUserDocument).Select(document => document.FilePath!))
                .Where(pending.Contains)
                .ToHashSet(StringComparer.Ordinal);
            if (files.Count == 0)
            {
                continue;
            }

            pending.ExceptWith(files);
            var (changed, notKept) = await FixProjectAsync(group.OrderBy(Restrictiveness).ToList(), files, scan, cancellationToken).ConfigureAwait(false);
            fixedFiles.AddRange(changed);
            skipped.AddRange(notKept);
        }

        return new FixResult(
            fixedFiles.OrderBy(file => file.FilePath, StringComparer.Ordinal).ToList(),
            skipped.OrderBy(fix => fix.FilePath, StringComparer.Ordinal).ThenBy(fix => fix.Line).ToList());
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

    private static string ProjectKey(ScanProject target) => target.Target.ProjectFile ?? target.Project.FilePath ?? target.Project.Name;

    // C# 7.3 before C# 14, .NET Framework before .NET Standard before .NET.
    private static (int Language, int Family, Version Version) Restrictiveness(ScanProject target)
    {
        var language = (int)(target.FixLanguageVersion ?? ((CSharpParseOptions)target.Project.ParseOptions!).LanguageVersion);
        var framework = TargetFramework.Parse(target.Target.Framework);
        var family = framework switch { null => 3, { IsNetFramework: true } => 0, { IsNetStandard: true } => 1, _ => 2 };
        return (language, family, framework?.Version ?? new Version(0, 0));
    }

    private static Project ForFixing(ScanProject target)
    {
        if (target.FixLanguageVersion is not { } language)
        {
            return target.Project;
        }

        // The project's language version is unknown: fixes are written, and checked, in the forms every C# has.
        var options = ((CSharpParseOptions)target.Project.ParseOptions!).WithLanguageVersion(language);
        return target.Project.Solution.WithProjectParseOptions(target.Project.Id, options).GetProject(target.Project.Id)!;
    }

    private async Task<(IReadOnlyList<FixedFile> Files, IReadOnlyList<SkippedFix> Skipped)> FixProjectAsync(
        IReadOnlyList<ScanProject> targets,
        HashSet<string> files,
        ScanResult scan,
        CancellationToken cancellationToken)
    {
        var checks = new TargetChecks(targets.Select(target => (target, ForFixing(target))));
        var originals = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            originals[path] = (await checks.TextAsync(path, cancellationToken).ConfigureAwait(false))!;
        }

        var skipped = new Dictionary<(string Path, string Rule, string LineText), SkippedFix>();
        for (var index = 0; index < checks.Count; index++)
        {
            await FixTargetAsync(checks, index, files, skipped, cancellationToken).ConfigureAwait(false);
        }

        // What is left, in every target (code under #if is in some only).
        var remaining = new Dictionary<string, Dictionary<(string Id, TextSpan Span), Diagnostic>>(StringComparer.Ordinal);
        for (var index = 0; index < checks.Count; index++)
        {
            foreach (var (documentId, diagnostics) in await DiagnosticsByDocumentAsync(checks.Current(index), files, cancellationToken).ConfigureAwait(false))
            {
                var path = checks.Current(index).GetDocument(documentId)!.FilePath!;
                var byPath = remaining.TryGetValue(path, out var found) ? found : remaining[path] = new();
                foreach (var diagnostic in diagnostics)
                {
                    byPath.TryAdd((diagnostic.Id, diagnostic.Location.SourceSpan), diagnostic);
                }
            }
        }

        var result = new List<FixedFile>();
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var before = originals[path];
            var after = (await checks.TextAsync(path, cancellationToken).ConfigureAwait(false))!;
            if (after.ContentEquals(before))
            {
                continue;
            }

            var left = remaining.TryGetValue(path, out var diagnostics) ? diagnostics.Values.ToList() : new List<Diagnostic>();
            result.Add(new FixedFile(path, before, after, FixedCount(scan, path, left), left.Select(d => d.Severity).ToList()));
        }

        // A fix refused for one target may have been made another way in another target's pass.
        var stillFound = remaining.SelectMany(pair => pair.Value.Values.Select(d => (pair.Key, d.Id, LineText(d)))).ToHashSet();
        var notKept = skipped.Values.Where(fix => stillFound.Contains((fix.FilePath, fix.RuleId, fix.SourceLine))).ToList();
        return (result, notKept);
    }

    private async Task FixTargetAsync(
        TargetChecks checks,
        int index,
        HashSet<string> files,
        Dictionary<(string Path, string Rule, string LineText), SkippedFix> skipped,
        CancellationToken cancellationToken)
    {
        var exhausted = new HashSet<(DocumentId, string Rule, string? Key)>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var project = checks.Current(index);
            var diagnostics = await DiagnosticsByDocumentAsync(project, files, cancellationToken).ConfigureAwait(false);

            // Documents changed this round have stale diagnostics until the next analysis.
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (documentId, documentDiagnostics) in diagnostics)
            {
                var document = checks.Current(index).GetDocument(documentId);
                if (document?.FilePath is not { } path || touched.Contains(path))
                {
                    continue;
                }

                var changed = await FixOneKindAsync(document, documentDiagnostics, exhausted, checks, skipped, cancellationToken).ConfigureAwait(false);
                if (changed is not null)
                {
                    checks.Accept(changed);
                    touched.UnionWith(changed.Keys);
                }
            }

            if (touched.Count == 0)
            {
                break;
            }
        }
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
    /// document that offers it, if every target still compiles the result; when the batch would break one, each
    /// diagnostic is tried alone. Returns the changed texts by path, or null when no untried fix is left.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, SourceText>?> FixOneKindAsync(
        Document document,
        ImmutableArray<Diagnostic> diagnostics,
        HashSet<(DocumentId, string Rule, string? Key)> exhausted,
        TargetChecks checks,
        Dictionary<(string Path, string Rule, string LineText), SkippedFix> skipped,
        CancellationToken cancellationToken)
    {
        foreach (var rule in diagnostics.Select(d => d.Id).Where(_catalog.IsFixable).Distinct().Order(StringComparer.Ordinal))
        {
            var ruleDiagnostics = diagnostics
                .Where(d => d.Id == rule && !skipped.ContainsKey((document.FilePath!, rule, LineText(d))))
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToImmutableArray();
            foreach (var fixer in _catalog.FixersFor(rule))
            {
                var offers = new List<(Diagnostic Diagnostic, CodeAction Action)>();
                foreach (var diagnostic in ruleDiagnostics)
                {
                    offers.AddRange((await FixOffers.ActionsAsync(document, fixer, diagnostic, cancellationToken).ConfigureAwait(false)).Select(action => (diagnostic, action)));
                }

                foreach (var key in offers.Select(offer => offer.Action.EquivalenceKey).Distinct())
                {
                    if (!exhausted.Add((document.Id, rule, key)))
                    {
                        continue;
                    }

                    var targets = offers.Where(offer => offer.Action.EquivalenceKey == key).ToList();
                    var kept = await KeepIfEveryTargetCompilesAsync(document, fixer, key, targets, checks, skipped, cancellationToken).ConfigureAwait(false);
                    if (kept is not null)
                    {
                        // Tried again next round on the re-analysed document, in case more of the same fix became possible.
                        exhausted.Remove((document.Id, rule, key));
                        return kept;
                    }
                }
            }
        }

        return null;
    }

    private static async Task<IReadOnlyDictionary<string, SourceText>?> KeepIfEveryTargetCompilesAsync(
        Document document,
        CodeFixProvider fixer,
        string? key,
        List<(Diagnostic Diagnostic, CodeAction Action)> targets,
        TargetChecks checks,
        Dictionary<(string Path, string Rule, string LineText), SkippedFix> skipped,
        CancellationToken cancellationToken)
    {
        var batch = await ChangedTextsAsync(document, await ApplyAsync(document, fixer, key, targets, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return null;
        }

        var broken = await checks.FirstBreakAsync(batch, cancellationToken).ConfigureAwait(false);
        if (broken is null)
        {
            return batch;
        }

        foreach (var target in targets)
        {
            var alone = targets.Count == 1
                ? batch
                : await ChangedTextsAsync(document, await ApplyAsync(document, fixer, key, new List<(Diagnostic, CodeAction)> { target }, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (alone is null)
            {
                continue;
            }

            var breaks = targets.Count == 1 ? broken : await checks.FirstBreakAsync(alone, cancellationToken).ConfigureAwait(false);
            if (breaks is null)
            {
                return alone;
            }

            var line = target.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
            var source = LineText(target.Diagnostic);
            skipped.TryAdd(
                (document.FilePath!, target.Diagnostic.Id, source),
                new SkippedFix(document.FilePath!, line, target.Diagnostic.Id, source, breaks.Framework, breaks.Error));
        }

        return null;
    }

    /// <summary>The user files a fix changed, with their new text; null when it changed none.</summary>
    private static async Task<IReadOnlyDictionary<string, SourceText>?> ChangedTextsAsync(Document document, Solution? changed, CancellationToken cancellationToken)
    {
        if (changed is null)
        {
            return null;
        }

        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var id in changed.GetChanges(document.Project.Solution).GetProjectChanges().SelectMany(change => change.GetChangedDocuments()))
        {
            if (changed.GetDocument(id) is { FilePath: { } path } changedDocument && ScanProject.IsUserDocument(changedDocument))
            {
                texts[path] = await changedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return texts.Count == 0 ? null : texts;
    }

    /// <summary>How many of the scan's findings in the file are no longer there, matched by rule and source line.</summary>
    private static int FixedCount(ScanResult scan, string path, IReadOnlyList<Diagnostic> remaining)
    {
        var left = remaining.GroupBy(d => (d.Id, LineText(d))).ToDictionary(group => group.Key, group => group.Count());
        var fixedCount = 0;
        foreach (var finding in scan.Findings.Where(finding => finding.FilePath == path))
        {
            var key = (finding.RuleId, finding.SourceLine);
            if (left.TryGetValue(key, out var count) && count > 0)
            {
                left[key] = count - 1;
            }
            else
            {
                fixedCount++;
            }
        }

        return fixedCount;
    }

    private static string LineText(Diagnostic diagnostic)
    {
        var text = diagnostic.Location.SourceTree!.GetText();
        return text.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
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
