using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Analysis;

/// <summary>Runs the catalog's analyzers over loaded projects, one file at a time so progress can be shown.</summary>
public sealed class Scanner
{
    // A type, namespace, name or (extension) member that does not resolve: in code that builds, these
    // mean a reference is missing, so a rule may not recognise what it looks for in that file.
    private static readonly ImmutableHashSet<string> s_unresolvedReferenceIds = ImmutableHashSet.Create(
        "CS0012", // type defined in an assembly that is not referenced
        "CS0103", // name does not exist (e.g. Newtonsoft.Json.JsonConvert without the package)
        "CS0234", // type or namespace does not exist in the namespace
        "CS0246", // type or namespace not found
        "CS0400", // type not found in the global namespace
        "CS1061"); // no member or extension method (e.g. services.AddHttpClient without Microsoft.Extensions.Http)

    private readonly RuleCatalog _catalog;

    public Scanner(RuleCatalog catalog) => _catalog = catalog;

    public async Task<ScanResult> ScanAsync(IReadOnlyList<ScanProject> projects, IScanProgress progress, CancellationToken cancellationToken)
    {
        var work = projects
            .SelectMany(project => project.Project.Documents.Where(ScanProject.IsUserDocument).Select(document => (project.Project, document)))
            .ToList();
        progress.StartFiles(work.Count);

        var findings = new ConcurrentDictionary<(string Id, string Path, TextSpan Span), Finding>();
        var unresolvedFiles = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        foreach (var projectWork in work.GroupBy(item => item.Project.Id))
        {
            var project = projectWork.First().Project;
            var analysis = await CreateAnalysisAsync(project, failures, cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                projectWork,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (item, token) =>
                {
                    var (diagnostics, hasUnresolvedReferences) = await AnalyzeAsync(analysis, item.document, token).ConfigureAwait(false);
                    if (hasUnresolvedReferences)
                    {
                        unresolvedFiles[item.document.FilePath!] = true;
                    }

                    foreach (var diagnostic in diagnostics)
                    {
                        var finding = ToFinding(diagnostic, item.document.FilePath!);
                        findings.TryAdd((diagnostic.Id, finding.FilePath, diagnostic.Location.SourceSpan), finding);
                    }

                    progress.FileDone();
                }).ConfigureAwait(false);

            // Compilation-end diagnostics; the per-file results above are cached, so this only runs what is left.
            var whole = await analysis.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in whole.CompilationDiagnostics.Values.SelectMany(diagnostics => diagnostics))
            {
                if (Reportable(diagnostic) && diagnostic.Location.SourceTree?.FilePath is { } path)
                {
                    findings.TryAdd((diagnostic.Id, path, diagnostic.Location.SourceSpan), ToFinding(diagnostic, path));
                }
            }
        }

        var ordered = findings.Values
            .OrderBy(finding => finding.RuleId, StringComparer.Ordinal)
            .ThenBy(finding => finding.FilePath, StringComparer.Ordinal)
            .ThenBy(finding => finding.Line)
            .ThenBy(finding => finding.Column)
            .ToList();
        var filesScanned = work.Select(item => item.document.FilePath!).Distinct(StringComparer.Ordinal).Count();
        return new ScanResult(ordered, filesScanned, unresolvedFiles.Count, failures.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList());
    }

    /// <summary>The findings in one document as it is now (used again after each fix).</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Document document, CancellationToken cancellationToken)
    {
        var analysis = await CreateAnalysisAsync(document.Project, new ConcurrentBag<string>(), cancellationToken).ConfigureAwait(false);
        var (diagnostics, _) = await AnalyzeAsync(analysis, document, cancellationToken, checkReferences: false).ConfigureAwait(false);
        return diagnostics;
    }

    private async Task<CompilationWithAnalyzers> CreateAnalysisAsync(Project project, ConcurrentBag<string> failures, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{project.Name} has no compilation");
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        return compilation.WithAnalyzers(_catalog.Analyzers, options);
    }

    private async Task<(ImmutableArray<Diagnostic> Diagnostics, bool HasUnresolvedReferences)> AnalyzeAsync(
        CompilationWithAnalyzers analysis,
        Document document,
        CancellationToken cancellationToken,
        bool checkReferences = true)
    {
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        if (tree is null)
        {
            return (ImmutableArray<Diagnostic>.Empty, false);
        }

        var model = analysis.Compilation.GetSemanticModel(tree);
        var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
        var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
        var diagnostics = syntax.Concat(semantic).Where(Reportable).ToImmutableArray();
        var unresolved = checkReferences && model.GetDiagnostics(cancellationToken: cancellationToken).Any(d => s_unresolvedReferenceIds.Contains(d.Id));
        return (diagnostics, unresolved);
    }

    private bool Reportable(Diagnostic diagnostic)
        => !diagnostic.IsSuppressed && _catalog.Reports(diagnostic.Id) && diagnostic.Location.IsInSource;

    private static Finding ToFinding(Diagnostic diagnostic, string filePath)
    {
        var span = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.SourceTree!.GetText();
        var line = text.Lines[span.StartLinePosition.Line].ToString().Trim();
        return new Finding(
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            filePath,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1,
            line);
    }
}
