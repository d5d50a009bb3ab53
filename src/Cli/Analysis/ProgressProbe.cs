using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// Added in process by the scanner, never loaded by a compiler, never reports: the shipping-analyzer rules do not apply.
#pragma warning disable RS1001, RS2008

namespace HttpClientGuard.Cli.Analysis;

/// <summary>
/// An analyzer that reports nothing: it tells the progress display each time a file's semantic
/// analysis ends, from inside the one whole-compilation pass.
/// </summary>
internal sealed class ProgressProbe : DiagnosticAnalyzer
{
    // The analyzer driver skips analyzers without a descriptor; this one is never reported.
    private static readonly DiagnosticDescriptor s_neverReported = new(
        "HCGSCAN", "Scanner progress", "Scanner progress", "Scanner", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private readonly Func<SyntaxTree, bool> _counts;
    private readonly Action _fileDone;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _done = new();

    public ProgressProbe(Func<SyntaxTree, bool> counts, Action fileDone)
    {
        _counts = counts;
        _fileDone = fileDone;
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_neverReported);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.RegisterSemanticModelAction(modelContext =>
        {
            var tree = modelContext.SemanticModel.SyntaxTree;
            if (_counts(tree) && _done.TryAdd(tree, true))
            {
                _fileDone();
            }
        });
    }

    /// <summary>Accounts for files the driver did not report (so the display always ends at 100%).</summary>
    public void CompleteRemaining(int total)
    {
        for (var i = _done.Count; i < total; i++)
        {
            _fileDone();
        }
    }
}
