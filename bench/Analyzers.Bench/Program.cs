using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HttpClientGuard.Bench;
using HttpClientGuard.Bench.Generation;
using HttpClientGuard.Bench.Profiling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

var options = BenchOptions.Parse(args);
var total = Stopwatch.StartNew();

var files = CodeBaseGenerator.Generate(options.Files, options.Seed);
var codeBase = CodeBaseStatistics.Of(files);
Console.Error.WriteLine($"Generated {codeBase.Files} files, {codeBase.Lines} lines, {codeBase.HttpFiles} using HttpClient.");
if (options.OutputDirectory is { } outputDirectory)
{
    foreach (var file in files)
    {
        var path = Path.Combine(outputDirectory, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.Text);
    }

    Console.Error.WriteLine($"Wrote them under {Path.GetFullPath(outputDirectory)}.");
}

// C# 12 is what the .NET 8 SDK compiles net8.0 projects with.
var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
var parse = Stopwatch.StartNew();
var trees = files.Select(file => CSharpSyntaxTree.ParseText(file.Text, parseOptions, path: file.Path)).ToImmutableArray();
parse.Stop();

var (referenceDirectory, references) = ReferenceAssemblies.Net80(options.ReferenceDirectory);
var harness = new Harness(trees, references);

harness.Emit(out var compileDiagnostics);
var errors = compileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
var warnings = compileDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
if (errors.Length > 0)
{
    Console.Error.WriteLine($"The generated code base does not compile: {errors.Length} errors.");
    foreach (var error in errors.Take(20))
    {
        Console.Error.WriteLine(error);
    }

    return 1;
}

Console.Error.WriteLine($"Compiled with 0 errors, {warnings} warnings ({total.Elapsed.TotalSeconds:F0} s).");

var sets = new[]
{
    AnalyzerSet.Load("HttpClientGuard", Path.Combine(AppContext.BaseDirectory, "HttpClientGuard.Analyzers.dll")),
    AnalyzerSet.Load("IDisposableAnalyzers", Path.Combine(ReferenceAssemblies.BuildMetadata("IDisposableAnalyzersPackage"), "analyzers", "dotnet", "cs", "IDisposableAnalyzers.dll")),
};

if (options.Editor > 0)
{
    // Warm the analyzers and the compiler once on the whole code base, as an editor that has been open a while.
    harness.Analyze(sets[0].Analyzers, concurrentAnalysis: true);
    Console.WriteLine(EditorScenario.Run(harness, sets[0].Analyzers, options.Editor));
    Console.Error.WriteLine($"Total {total.Elapsed.TotalSeconds:F0} s.");
    return 0;
}

// Warm-up rounds run every scenario on the whole code base. A build server is warm: the compiler
// and the analyzers have been jitted to their final tier. Tiered compilation promotes methods only
// after a quiet period, which a compiler busy jitting new code rarely has, so measured analyzer time
// kept falling for the first two full rounds (1.1 s, 0.97 s, then 0.26-0.38 s); rounds on a tenth
// of the files did not get there.
var warmupHarness = harness;
var results = new Results();
for (var round = -options.Warmup; round < options.Runs; round++)
{
    var measured = round >= 0;
    var current = measured ? harness : warmupHarness;

    // Scenarios alternate within a round so that load from other processes spreads over all of them.
    Harness.Settle();
    var emit = current.Emit(out _);
    Harness.Settle();
    var diagnostics = current.Diagnostics();
    var runs = new List<(string Set, bool Concurrent, AnalyzerRun Run)>();
    foreach (var concurrent in options.ConcurrencyModes)
    {
        foreach (var set in sets)
        {
            Harness.Settle();
            runs.Add((set.Name, concurrent, current.Analyze(set.Analyzers, concurrent)));
        }
    }

    // Our set once more, each analyzer wrapped in a timer of its callbacks' thread CPU time.
    IReadOnlyDictionary<string, TimeSpan>? callbackCpu = null;
    IReadOnlyDictionary<string, long>? timedCallbacks = null;
    var timerOverhead = TimeSpan.Zero;
    if (CallbackCpuTimer.IsSupported)
    {
        var timers = sets[0].Analyzers.Select(analyzer => new CallbackCpuTimer(analyzer)).ToArray();
        Harness.Settle();
        current.Analyze(timers.ToImmutableArray<DiagnosticAnalyzer>(), concurrentAnalysis: options.ConcurrencyModes[0]);
        callbackCpu = timers.ToDictionary(timer => timer.Name, timer => timer.Cpu);
        timedCallbacks = timers.ToDictionary(timer => timer.Name, timer => timer.Callbacks);
        timerOverhead = CallbackCpuTimer.MeasureOverhead();
    }

    if (options.Profile)
    {
        foreach (var probe in NewProbes())
        {
            Harness.Settle();
            var run = current.Analyze(probe.Set, concurrentAnalysis: options.ConcurrencyModes[0]);
            if (measured)
            {
                results.AddProbe(probe, run);
            }

            if (probe is SameShapeProbe && CallbackCpuTimer.IsSupported)
            {
                // The timer's correction checked on callbacks that do nothing: net of its cost they should read about zero.
                var probeTimers = probe.Set.Select(analyzer => new CallbackCpuTimer(analyzer)).ToArray();
                Harness.Settle();
                current.Analyze(probeTimers.ToImmutableArray<DiagnosticAnalyzer>(), concurrentAnalysis: options.ConcurrencyModes[0]);
                if (measured)
                {
                    results.ProbeTimed.Add((probeTimers.Aggregate(TimeSpan.Zero, (sum, timer) => sum + timer.Cpu), probeTimers.Sum(timer => timer.Callbacks), CallbackCpuTimer.MeasureOverhead()));
                }
            }
        }
    }

    if (measured)
    {
        results.Add(emit, diagnostics, runs);
        if (callbackCpu is not null)
        {
            results.CallbackCpu.Add(callbackCpu);
            results.TimedCallbacks.Add(timedCallbacks!);
            results.TimerOverhead.Add(timerOverhead);
        }
    }

    Console.Error.WriteLine($"{(measured ? $"Run {round + 1}/{options.Runs}" : "Warm-up")} done after {total.Elapsed.TotalSeconds:F0} s (emit {emit.Wall.TotalSeconds:F2} s).");
}

var report = new MarkdownReport(options, codeBase, warnings, parse.Elapsed, referenceDirectory, sets, results);
Console.WriteLine(report.Render());
Console.Error.WriteLine($"Total {total.Elapsed.TotalSeconds:F0} s.");
return 0;

static CreationProbe[] NewProbes() => new CreationProbe[] { new DriverOnlyProbe(), new SameShapeProbe() };
