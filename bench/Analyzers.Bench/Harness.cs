using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Bench;

/// <summary>Elapsed time and the CPU time this process used meanwhile (all threads, GC included).</summary>
internal readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
{
    public static Timing Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        stopwatch.Stop();
        process.Refresh();
        return new Timing(stopwatch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }
}

/// <summary>One analyzer run: its wall clock and what the driver measured inside each analyzer.</summary>
internal sealed record AnalyzerRun(
    TimeSpan Wall,
    TimeSpan Cpu,
    ImmutableDictionary<string, TimeSpan> ExecutionTimeByAnalyzer,
    ImmutableDictionary<string, int> DiagnosticsById)
{
    public TimeSpan TotalExecutionTime => ExecutionTimeByAnalyzer.Values.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
}

/// <summary>
/// Times compilations of the same syntax trees. Every measurement starts from a fresh
/// <see cref="CSharpCompilation"/> so no run profits from symbols or bound trees cached by another;
/// parsing is done once up front and is not part of any number.
/// </summary>
internal sealed class Harness
{
    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CSharpCompilationOptions _options;

    public Harness(ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references)
    {
        _trees = trees;
        _references = references;

        // What `dotnet build -c Release` of a net8.0 library passes: optimized, nullable on,
        // concurrent build (the default, as in csc).
        _options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: true,
            deterministic: true);
    }

    public CSharpCompilation Fresh() => CSharpCompilation.Create("Synthetic", _trees, _references, _options);

    /// <summary>Compile alone: bind every method body, lower and emit IL to memory, as csc does without analyzers.</summary>
    public Timing Emit(out ImmutableArray<Diagnostic> diagnostics)
    {
        var compilation = Fresh();
        using var peStream = new MemoryStream();
        var emitted = ImmutableArray<Diagnostic>.Empty;
        var timing = Timing.Measure(() => emitted = compilation.Emit(peStream).Diagnostics);
        diagnostics = emitted;
        return timing;
    }

    /// <summary>Compiler diagnostics only (binding without emit): the baseline that GetAllDiagnosticsAsync extends.</summary>
    public Timing Diagnostics()
    {
        var compilation = Fresh();
        return Timing.Measure(() => compilation.GetDiagnostics());
    }

    /// <summary>
    /// Compiler diagnostics plus the analyzers, with the driver timing each analyzer's callbacks.
    /// The wall clock minus <see cref="Diagnostics"/> is what the analyzers add on top of binding.
    /// </summary>
    public AnalyzerRun Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrentAnalysis)
    {
        var compilation = Fresh();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: concurrentAnalysis,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);

        // The analysis result carries the driver's per-analyzer telemetry; computing it binds the
        // whole compilation (the compiler's own diagnostics), like GetAllDiagnosticsAsync does.
        AnalysisResult? result = null;
        var timing = Timing.Measure(() => result = compilation.WithAnalyzers(analyzers, options).GetAnalysisResultAsync(default).GetAwaiter().GetResult());

        // Keyed by type name; wrappers and probe companions share a type, so same-named entries are summed.
        var times = result!.AnalyzerTelemetryInfo
            .GroupBy(pair => pair.Key is Profiling.CallbackCpuTimer timer ? timer.Name : pair.Key.GetType().Name, StringComparer.Ordinal)
            .ToImmutableDictionary(group => group.Key, group => group.Aggregate(TimeSpan.Zero, (sum, pair) => sum + pair.Value.ExecutionTime));
        var byId = result.GetAllDiagnostics()
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new AnalyzerRun(timing.Wall, timing.Cpu, times, byId);
    }

    /// <summary>Leaves the next measurement a clean heap, so it does not pay for the previous one's garbage.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
