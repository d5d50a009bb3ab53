using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Bench;

/// <summary>
/// Issue 18's editor measurement: what HttpClientGuard costs when an editor analyses one open document
/// (document-scoped: that file's syntax and semantic diagnostics, no compilation-end actions) right after
/// a one-character edit in another file. The open document is one whose HCG001 needs other files (a client
/// per instance of an owner created or registered elsewhere); each edit inserts a space in a different
/// file, so the compilation is new and every syntax tree but one is the one of the previous round.
/// Reported: the analyzers' ExecutionTime (the driver's timer of our callbacks) and the wall clock of
/// the request, per round; and whether the open document's diagnostics equal the build's.
/// </summary>
internal static class EditorScenario
{
    /// <summary>The open document: an owner of a client and a public factory, both decided only by code in <see cref="Callers"/>.</summary>
    private const string OpenDocument = """
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Editor
        {
            public class Fetcher
            {
                private readonly HttpClient _client = new HttpClient();

                public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
            }

            public static class EditorClients
            {
                public static HttpClient Create() => new HttpClient();
            }
        }
        """;

    /// <summary>Another file: a holder of the owner created per call, and a per-call caller of the factory.</summary>
    private const string Callers = """
        using System.Threading.Tasks;

        namespace Editor
        {
            public class Holder
            {
                private readonly Fetcher _fetcher = new Fetcher();

                public Task<string> GetAsync(string url) => _fetcher.GetAsync(url);
            }

            public class Worker
            {
                public async Task<string> RunAsync(string url)
                {
                    using (var client = EditorClients.Create())
                    {
                        await client.GetStringAsync(url);
                    }

                    return await new Holder().GetAsync(url);
                }
            }
        }
        """;

    public static string Run(Harness harness, ImmutableArray<DiagnosticAnalyzer> analyzers, int edits)
    {
        const string openPath = "Editor/Fetcher.cs";
        var parseOptions = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)harness.Fresh().SyntaxTrees.First().Options;
        var compilation = harness.Fresh().AddSyntaxTrees(
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(OpenDocument, parseOptions, path: openPath),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Callers, parseOptions, path: "Editor/Worker.cs"));
        var build = Analyze(compilation, analyzers, tree: null).Diagnostics;
        var expected = Describe(build.Where(d => d.Location.SourceTree!.FilePath == openPath));
        if (expected.Length != 2)
        {
            throw new InvalidOperationException($"The build should report 2 HCG001 in {openPath}, reported {expected.Length}.");
        }

        var report = new StringBuilder();
        report.AppendLine("| Round | Edited file | Our ExecutionTime | by analyzer (ms) | Wall of the request | Diagnostics in the open document | Same as the build |");
        report.AppendLine("|---:|---|---:|---|---:|---:|---|");
        var times = new List<double>();
        var trees = compilation.SyntaxTrees.ToArray();
        for (var round = 0; round <= edits; round++)
        {
            var openTree = compilation.SyntaxTrees.First(tree => tree.FilePath == openPath);
            string edited = "(none: document opened)";
            if (round > 0)
            {
                // A one-character edit in another file: a space at the start of its last line.
                var target = compilation.SyntaxTrees.ElementAt((round * 197) % trees.Length);
                if (target.FilePath == openPath)
                {
                    target = compilation.SyntaxTrees.ElementAt((round * 197 + 1) % trees.Length);
                }

                var text = target.GetText();
                var position = text.Lines[text.Lines.Count - 1].Start;
                var changed = target.WithChangedText(text.WithChanges(new TextChange(new TextSpan(position, 0), " ")));
                compilation = compilation.ReplaceSyntaxTree(target, changed);
                edited = target.FilePath;
                openTree = compilation.SyntaxTrees.First(tree => tree.FilePath == openPath);
            }

            Harness.Settle();
            var (diagnostics, executionTime, wall, byAnalyzer) = Analyze(compilation, analyzers, openTree);
            var same = expected.SequenceEqual(Describe(diagnostics), StringComparer.Ordinal);
            if (round > 0)
            {
                times.Add(executionTime.TotalMilliseconds);
            }

            report.AppendLine(FormattableString.Invariant($"| {round} | {edited} | {executionTime.TotalMilliseconds:F1} ms | {byAnalyzer} | {wall.TotalMilliseconds:F0} ms | {diagnostics.Length} | {(same ? "yes" : "NO")} |"));
        }

        times.Sort();
        report.AppendLine();
        report.AppendLine("Build diagnostics in the open document: " + string.Join("; ", expected.Select(d => "`" + d + "`")));
        report.AppendLine();
        report.AppendLine(FormattableString.Invariant($"Open document: `{openPath}`. After an edit elsewhere, our analyzers' ExecutionTime: median {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms over {times.Count} edits (goal: under 50 ms)."));
        return report.ToString();
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, TimeSpan ExecutionTime, TimeSpan Wall, string ByAnalyzer) Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, SyntaxTree? tree)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var stopwatch = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics;
        if (tree is null)
        {
            diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }
        else
        {
            diagnostics = withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, default).GetAwaiter().GetResult()
                .AddRange(withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, default).GetAwaiter().GetResult());
        }

        stopwatch.Stop();
        var executionTime = TimeSpan.Zero;
        var byAnalyzer = new List<string>();
        foreach (var analyzer in analyzers)
        {
            var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().ExecutionTime;
            executionTime += time;
            byAnalyzer.Add(FormattableString.Invariant($"{analyzer.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)} {time.TotalMilliseconds:F0}"));
        }

        return (diagnostics, executionTime, stopwatch.Elapsed, string.Join(", ", byAnalyzer));
    }

    private static string[] Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)}").OrderBy(d => d, StringComparer.Ordinal).ToArray();
}
