using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Fixing;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>
    /// The documents of projects compiled as the Unity editor compiles loose Unity scripts (<c>UNITY_EDITOR</c> defined), by
    /// file path.
    /// </summary>
    private static Dictionary<string, Document> UnityEditorDocuments(IEnumerable<Project> projects)
    {
        var documents = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            if (project.ParseOptions?.PreprocessorSymbolNames.Contains("UNITY_EDITOR") != true)
            {
                continue;
            }

            foreach (var document in project.Documents)
            {
                if (document.FilePath is { } path)
                {
                    documents[path] = document;
                }
            }
        }

        return documents;
    }

    /// <summary>
    /// A finding of the plain compilation of a loose Unity script (no <c>UNITY_EDITOR</c>) in code the editor compilation
    /// compiles too: Unity builds that code only with its own symbols, for its own runtime, so the editor compilation judges
    /// it (HCG007 is quiet there: Unity's runtimes have no <c>SocketsHttpHandler</c>). The plain compilation speaks only for
    /// what the editor's symbols leave out (a package's <c>#else</c> of <c>UNITY_2017_1_OR_NEWER</c>, built as .NET).
    /// </summary>
    private static async Task<bool> JudgedByUnityEditorAsync(Project project, string path, TextSpan span, Dictionary<string, Document> editorDocuments, CancellationToken cancellationToken)
    {
        if (editorDocuments.Count == 0 || project.ParseOptions?.PreprocessorSymbolNames.Contains("UNITY_EDITOR") == true ||
            !editorDocuments.TryGetValue(path, out var editorDocument) ||
            await editorDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } editorRoot ||
            span.Start >= editorRoot.FullSpan.End)
        {
            return false;
        }

        // The same text, parsed with the editor's symbols: the finding's start is either in a token that compilation reads,
        // or in a disabled region it skips.
        return !editorRoot.FindTrivia(span.Start).IsKind(SyntaxKind.DisabledTextTrivia);
    }

    /// <remarks>
    /// Each project is analysed whole with <see cref="CompilationWithAnalyzers.GetAllDiagnosticsAsync(CancellationToken)"/>,
    /// as the compiler does: one binding pass serves both the analyzers and the compiler diagnostics that show
    /// unresolved references. Analysing file by file costs about twice the CPU; a probe analyzer reports
    /// per-file progress instead.
    /// </remarks>
    public async Task<ScanResult> ScanAsync(IReadOnlyList<ScanProject> projects, IScanProgress progress, CancellationToken cancellationToken)
    {
        var userFiles = projects
            .Select(project => (project.Project, Files: project.Project.Documents.Where(ScanProject.IsUserDocument).Select(d => d.FilePath!).ToHashSet(StringComparer.Ordinal)))
            .Where(entry => entry.Files.Count > 0)
            .ToList();
        progress.StartFiles(userFiles.Sum(entry => entry.Files.Count));

        var editorDocuments = UnityEditorDocuments(userFiles.Select(entry => entry.Project));
        var findings = new Dictionary<(string Id, string Path, TextSpan Span), Finding>();
        var unresolvedFiles = new HashSet<string>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        var compilerFailures = new List<string>();
        foreach (var (project, files) in userFiles)
        {
            progress.Stage($"analyzing {project.Name} ({files.Count} files)");
            var probe = new ProgressProbe(tree => files.Contains(tree.FilePath), progress.FileDone);
            var diagnostics = await AllDiagnosticsAsync(project, failures, compilerFailures, probe, cancellationToken).ConfigureAwait(false);
            FixOffers? offers = null;
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Location.SourceTree?.FilePath is not { } path || !files.Contains(path))
                {
                    continue;
                }

                if (s_unresolvedReferenceIds.Contains(diagnostic.Id))
                {
                    unresolvedFiles.Add(path);
                }
                else if (Reportable(diagnostic) && !findings.ContainsKey((diagnostic.Id, path, diagnostic.Location.SourceSpan)) &&
                         !await JudgedByUnityEditorAsync(project, path, diagnostic.Location.SourceSpan, editorDocuments, cancellationToken).ConfigureAwait(false))
                {
                    offers ??= new FixOffers(_catalog, project);
                    findings[(diagnostic.Id, path, diagnostic.Location.SourceSpan)] = ToFinding(diagnostic, path) with
                    {
                        Fix = await offers.ForAsync(diagnostic, cancellationToken).ConfigureAwait(false),
                    };
                }
            }

            probe.CompleteRemaining(files.Count);
        }

        var ordered = findings.Values
            .OrderBy(finding => finding.RuleId, StringComparer.Ordinal)
            .ThenBy(finding => finding.FilePath, StringComparer.Ordinal)
            .ThenBy(finding => finding.Line)
            .ThenBy(finding => finding.Column)
            .ToList();
        var filesScanned = userFiles.SelectMany(entry => entry.Files).Distinct(StringComparer.Ordinal).Count();
        return new ScanResult(ordered, filesScanned, unresolvedFiles.Count, failures.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList(), compilerFailures);
    }

    /// <summary>
    /// The analyzers' and the compiler's diagnostics for one project. When the compiler itself throws while binding (a
    /// compiler bug the scanned code meets; seen in the nullable walker on method groups), the project is analysed again
    /// with nullable analysis off, which the rules do not use; if that throws too the project is left out, said in a
    /// note, and the scan goes on with the others.
    /// </summary>
    private async Task<ImmutableArray<Diagnostic>> AllDiagnosticsAsync(Project project, ConcurrentBag<string> failures, List<string> compilerFailures, ProgressProbe probe, CancellationToken cancellationToken)
    {
        Exception first;
        try
        {
            var analysis = await CreateAnalysisAsync(project, failures, probe, cancellationToken).ConfigureAwait(false);
            return await analysis.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCompilerFailure(ex, cancellationToken))
        {
            first = ex;
        }

        try
        {
            var withoutNullable = WithoutNullableAnalysis(project);
            var analysis = await CreateAnalysisAsync(withoutNullable, failures, probe, cancellationToken).ConfigureAwait(false);
            var diagnostics = await analysis.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            compilerFailures.Add($"{project.Name}: the C# compiler threw {Describe(first)}; analysed again with nullable analysis off");
            return diagnostics;
        }
        catch (Exception ex) when (IsCompilerFailure(ex, cancellationToken))
        {
            compilerFailures.Add($"{project.Name}: the C# compiler threw {Describe(first)}, and {Describe(ex)} with nullable analysis off; this project was not analysed");
            return ImmutableArray<Diagnostic>.Empty;
        }
    }

    private static bool IsCompilerFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string Describe(Exception exception) =>
        new System.Diagnostics.StackTrace(exception).GetFrames().FirstOrDefault()?.GetMethod() is { } method
            ? $"{exception.GetType().Name} in {method.DeclaringType?.Name}.{method.Name}"
            : exception.GetType().Name;

    /// <summary>
    /// Where an analyzer of ours threw, for the report: its innermost frames in HttpClientGuard's own code
    /// (<c> at OwnerEvidence.ReplacedEachRun &lt; PerCallCreationAnalyzer.AnalyzeCreation</c>), so a user can report the
    /// failure with the place it happened. Empty when no frame is ours.
    /// </summary>
    private static string Where(Exception exception)
    {
        var ours = new System.Diagnostics.StackTrace(exception).GetFrames()
            .Select(frame => frame.GetMethod())
            .Where(method => method?.DeclaringType?.Namespace?.StartsWith("HttpClientGuard", StringComparison.Ordinal) == true)
            .Select(method => $"{method!.DeclaringType!.Name}.{method.Name}")
            .Take(3)
            .ToList();
        return ours.Count == 0 ? string.Empty : " at " + string.Join(" < ", ours);
    }

    /// <summary>The project with the compiler's nullable analysis switched off (its <c>run-nullable-analysis</c> feature).</summary>
    private static Project WithoutNullableAnalysis(Project project) =>
        project.ParseOptions is CSharpParseOptions parseOptions
            ? project.WithParseOptions(parseOptions.WithFeatures(parseOptions.Features
                .Where(feature => feature.Key != "run-nullable-analysis")
                .Append(new KeyValuePair<string, string>("run-nullable-analysis", "never"))))
            : project;

    /// <summary>The analyzer findings in a project as it is now, compilation-end ones included (used again after each round of fixes).</summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeProjectAsync(Project project, CancellationToken cancellationToken)
    {
        var analysis = await CreateAnalysisAsync(project, new ConcurrentBag<string>(), probe: null, cancellationToken).ConfigureAwait(false);
        var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(Reportable).ToImmutableArray();
    }

    private async Task<CompilationWithAnalyzers> CreateAnalysisAsync(Project project, ConcurrentBag<string> failures, ProgressProbe? probe, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{project.Name} has no compilation");
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}{Where(exception)}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var analyzers = probe is null ? _catalog.Analyzers : _catalog.Analyzers.Add(probe);
        return compilation.WithAnalyzers(analyzers, options);
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
            line)
        {
            Related = diagnostic.AdditionalLocations
                .Where(static location => location.IsInSource)
                .Select(static location => location.GetLineSpan())
                .Select(static related => new FindingLocation(
                    related.Path,
                    related.StartLinePosition.Line + 1,
                    related.StartLinePosition.Character + 1,
                    related.EndLinePosition.Line + 1,
                    related.EndLinePosition.Character + 1))
                .ToList(),
        };
    }
}
