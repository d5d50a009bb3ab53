using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer the way an editor does for one open document (issue 18): a fresh
/// <see cref="CompilationWithAnalyzers"/> per document, asked only for that document's syntax and
/// semantic diagnostics, with no compilation-end actions. Every analyzer test passes its compilation
/// through here after the markup check, so each expected diagnostic is shown to appear in the
/// document-scoped analysis too, with the same id, location and message, and nothing else appears.
/// </summary>
internal sealed class DocumentScopedAnalysis
{
    private Solution? _solution;
    private ProjectId? _projectId;

    /// <summary>Keeps the solution of the test's first run (later runs are the framework's own variants).</summary>
    public void CaptureFrom<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new() =>
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            if (_solution is null)
            {
                _solution = solution;
                _projectId = projectId;
            }

            return solution;
        });

    public async Task VerifySameAsWholeCompilationAsync(DiagnosticAnalyzer analyzer, string configuration)
    {
        if (_solution?.GetProject(_projectId!) is not { } project || await project.GetCompilationAsync() is not { } compilation)
        {
            throw new InvalidOperationException("The test's solution was not captured.");
        }

        var analyzers = ImmutableArray.Create(analyzer);
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var whole = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        var documentScoped = new List<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var editor = compilation.WithAnalyzers(analyzers, options);
            documentScoped.AddRange(await editor.GetAnalyzerSyntaxDiagnosticsAsync(tree, default));
            documentScoped.AddRange(await editor.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, default));
        }

        var expected = Describe(whole);
        var actual = Describe(documentScoped);
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            throw new Xunit.Sdk.XunitException(
                $"[{configuration}] document-scoped analysis differs from the whole compilation's.{Environment.NewLine}" +
                $"Whole compilation:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}{Environment.NewLine}" +
                $"Document-scoped:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}");
        }
    }

    private static string[] Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToArray();
}
