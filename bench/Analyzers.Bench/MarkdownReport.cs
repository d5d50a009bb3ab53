using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Bench;

/// <summary>Renders the measurements as markdown ready for docs/performance.md.</summary>
internal sealed class MarkdownReport
{
    /// <summary>Issue 5: our analyzers add under 3% of compile time...</summary>
    private const double CompileBudget = 0.03;

    /// <summary>...and cost under a fifth of IDisposableAnalyzers.</summary>
    private const double AnchorBudget = 0.2;

    private readonly BenchOptions _options;
    private readonly CodeBaseStatistics _codeBase;
    private readonly int _warnings;
    private readonly TimeSpan _parse;
    private readonly string _referenceDirectory;
    private readonly IReadOnlyList<AnalyzerSet> _sets;
    private readonly Results _results;
    private readonly TimeSpan _compileWall;
    private readonly TimeSpan _compileCpu;
    private readonly StringBuilder _text = new();

    public MarkdownReport(
        BenchOptions options,
        CodeBaseStatistics codeBase,
        int warnings,
        TimeSpan parse,
        string referenceDirectory,
        IReadOnlyList<AnalyzerSet> sets,
        Results results)
    {
        _options = options;
        _codeBase = codeBase;
        _warnings = warnings;
        _parse = parse;
        _referenceDirectory = referenceDirectory;
        _sets = sets;
        _results = results;
        _compileWall = Results.Median(results.Emit.Select(t => t.Wall));
        _compileCpu = Results.Median(results.Emit.Select(t => t.Cpu));
    }

    private string Ours => _sets[0].Name;

    private string Anchor => _sets[1].Name;

    public string Render()
    {
        Setup();
        Compile();
        Budget();
        foreach (var concurrent in _options.ConcurrencyModes)
        {
            Detail(concurrent);
        }

        PerAnalyzer();
        ReportedDiagnostics();
        if (_options.Profile)
        {
            Profile();
        }

        return _text.ToString();
    }

    private void Setup()
    {
        var roslyn = FileVersionInfo.GetVersionInfo(typeof(CSharpCompilation).Assembly.Location).ProductVersion?.Split('+')[0];
        Line("| Setting | Value |");
        Line("|---|---|");
        Line($"| Date (UTC) | {DateTime.UtcNow:yyyy-MM-dd HH:mm} |");
        Line($"| Machine | {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, 1-minute load average at the end: {LoadAverage()} |");
        Line($"| Command | `dotnet run -c Release --project bench/Analyzers.Bench -- {CommandLine()}` |");
        Line($"| Code base | {_codeBase.Files:N0} files, {_codeBase.Lines:N0} lines, {_codeBase.HttpFiles} files ({Percent((double)_codeBase.HttpFiles / _codeBase.Files)}) use HttpClient; seed {_options.Seed} |");
        Line($"| Compiles | 0 errors, {_warnings} warnings (C# 12, nullable enabled, Release) |");
        Line($"| References | net8.0 reference pack `{ShortPath(_referenceDirectory)}` |");
        Line($"| Host | Microsoft.CodeAnalysis.CSharp {roslyn}, concurrentBuild on; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {System.Runtime.GCSettings.LatencyMode} (the compiler server's: System.GC.Server) |");
        Line($"| Analyzer sets | {string.Join("; ", _sets.Select(s => $"{s.Name} {s.Version} ({s.Analyzers.Length} analyzers)"))} |");
        Line($"| Repetitions | {_options.Warmup} warm-up round(s) on the whole code base, then {_options.Runs} measured rounds; scenarios interleaved per round; median (min) |");
        Line($"| Parse (once, in no number below) | {Seconds(_parse)} |");
        Line();
    }

    private void Compile()
    {
        Line("| Compile alone | Wall median (min) | CPU median (min) |");
        Line("|---|---:|---:|");
        Line($"| `Emit` to a MemoryStream (bind + lower + emit) = **compile time** | {MedianMin(_results.Emit.Select(t => t.Wall))} | {MedianMin(_results.Emit.Select(t => t.Cpu))} |");
        Line($"| `GetDiagnostics` (bind only): the baseline analyzer runs add to | {MedianMin(_results.Diagnostics.Select(t => t.Wall))} | {MedianMin(_results.Diagnostics.Select(t => t.Cpu))} |");
        Line();
    }

    /// <summary>
    /// The 3% budget is judged on the CPU our callbacks use (their own work, binding included), where
    /// the platform can read thread CPU time. The driver's ExecutionTime is printed beside it: it is
    /// wall time inside callbacks, so it also counts a callback waiting for another thread that is
    /// binding the same member (work counted twice) and collections that pause the whole process.
    /// </summary>
    private void Budget()
    {
        var concurrent = _options.ConcurrencyModes[0];
        var ourTimes = _results.Runs(Ours, concurrent).Select(r => r.TotalExecutionTime).ToArray();
        var ourTime = Results.Median(ourTimes);
        var anchorTime = ExecutionTime(Anchor, concurrent);
        var ratio = ourTime / anchorTime;
        if (_results.CallbackCpu.Count > 0)
        {
            // The timer's own cost per callback (a system call per clock reading) is measured each round and taken
            // off; the raw reading is printed beside the net one.
            var rounds = Enumerable.Range(0, _results.CallbackCpu.Count).ToArray();
            TimeSpan Net(int round, string name) =>
                _results.CallbackCpu[round][name] - _results.TimerOverhead[round] * _results.TimedCallbacks[round][name];
            var names = _results.CallbackCpu[0].Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            var raw = rounds.Select(round => names.Aggregate(TimeSpan.Zero, (sum, name) => sum + _results.CallbackCpu[round][name])).ToArray();
            var net = rounds.Select(round => names.Aggregate(TimeSpan.Zero, (sum, name) => sum + Net(round, name))).ToArray();
            var callbacks = rounds.Select(round => names.Sum(name => _results.TimedCallbacks[round][name])).ToArray();
            var cpu = Results.Median(net);
            Line($"**Budget** ({Mode(concurrent)}): CPU inside {Ours}'s callbacks (thread CPU time summed over threads, semantic-model binding included, " +
                 $"the timer's own cost taken off) {MedianMin(net)} = **{Percent(cpu / _compileWall)}** of compile wall time, {Percent(cpu / _compileCpu)} of compile CPU " +
                 $"(budget < {Percent(CompileBudget)}: {Verdict(cpu / _compileWall < CompileBudget)}).");
            Line();
            Line($"Timer: {callbacks.Max():N0} callbacks timed per round, {Results.Median(_results.TimerOverhead).TotalMilliseconds * 1_000_000:F0} ns of the timer's own CPU each " +
                 $"(an empty callback timed the same way, median of 7 batches of 100,000); raw reading {MedianMin(raw)} = {Percent(Results.Median(raw) / _compileWall)} of compile wall time.");
            Line();
            Line("CPU per analyzer, median, net (raw; callbacks): " + string.Join(", ", names
                .Select(name => $"{name} {Results.Median(rounds.Select(round => Net(round, name))).TotalMilliseconds:F0} ms " +
                                $"({Results.Median(rounds.Select(round => _results.CallbackCpu[round][name])).TotalMilliseconds:F0} ms; {_results.TimedCallbacks[^1][name]:N0})")) + ".");
            Line();
        }

        Line($"Driver telemetry ({Mode(concurrent)}): {Ours} ExecutionTime {MedianMin(ourTimes)} = **{Percent(ourTime / _compileWall)}** of compile wall time " +
             $"(min {Percent(ourTimes.Min() / _compileWall)}; wall time inside callbacks, waits and GC pauses included); " +
             $"{Ours} / {Anchor} = **{Ratio(ratio)}** (budget < {Ratio(AnchorBudget)}: {Verdict(ratio < AnchorBudget)}).");
        Line();
    }

    private void Detail(bool concurrent)
    {
        Line($"Analyzers with {Mode(concurrent)}. *Added* is the median over rounds of (analyzer run − `GetDiagnostics` of the same round).");
        Line();
        Line("| Analyzer set | ExecutionTime, sum over analyzers | % of compile | Wall: bind + analyzers | Wall added | % of compile | CPU added | % of compile CPU |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var set in _sets)
        {
            var runs = _results.Runs(set.Name, concurrent);
            var time = ExecutionTime(set.Name, concurrent);
            var wallAdded = WallAdded(runs);
            var cpuAdded = CpuAdded(runs);
            Line($"| {set.Name} {set.Version} | {MedianMin(runs.Select(r => r.TotalExecutionTime))} | {Percent(time / _compileWall)} | " +
                 $"{MedianMin(runs.Select(r => r.Wall))} | {Seconds(wallAdded)} | {Percent(wallAdded / _compileWall)} | {Seconds(cpuAdded)} | {Percent(cpuAdded / _compileCpu)} |");
        }

        var ours = _results.Runs(Ours, concurrent);
        var anchor = _results.Runs(Anchor, concurrent);
        Line($"| Ratio {Ours} / {Anchor} | {Ratio(ExecutionTime(Ours, concurrent) / ExecutionTime(Anchor, concurrent))} | | | {Ratio(WallAdded(ours) / WallAdded(anchor))} | | {Ratio(CpuAdded(ours) / CpuAdded(anchor))} | |");
        Line();
    }

    private void PerAnalyzer()
    {
        Line("Per analyzer, ExecutionTime median (min):");
        Line();
        Line("| Analyzer | " + string.Join(" | ", _options.ConcurrencyModes.Select(Mode)) + " |");
        Line("|---|" + string.Concat(_options.ConcurrencyModes.Select(_ => "---:|")));
        foreach (var set in _sets)
        {
            var names = _results.Runs(set.Name, _options.ConcurrencyModes[0])[0].ExecutionTimeByAnalyzer
                .OrderByDescending(pair => pair.Value)
                .Select(pair => pair.Key);
            foreach (var name in names)
            {
                var cells = _options.ConcurrencyModes.Select(concurrent =>
                    MedianMin(_results.Runs(set.Name, concurrent).Select(r => r.ExecutionTimeByAnalyzer[name]), Milliseconds));
                Line($"| {set.Name}: {name} | {string.Join(" | ", cells)} |");
            }
        }

        Line();
    }

    private void ReportedDiagnostics()
    {
        foreach (var set in _sets)
        {
            var counts = _results.Runs(set.Name, _options.ConcurrencyModes[0])[^1].DiagnosticsById;
            var listed = counts.Count == 0
                ? "none"
                : string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
            Line($"Diagnostics reported by {set.Name}: {listed}.");
        }

        Line();
    }

    private void Profile()
    {
        Line("Profile: no-op probe analyzers, each run alone (concurrentAnalysis: true): what the driver costs before any rule does work.");
        Line();
        Line("| Probe | What the callback does | ExecutionTime | Wall added | CPU added | Callbacks | Creations bound | HTTP types found |");
        Line("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, runs) in _results.ProbeRuns)
        {
            var probe = runs[^1].Probe;
            var analyzerRuns = runs.Select(r => r.Run).ToArray();
            Line($"| {name} | {probe.Description} | {MedianMin(analyzerRuns.Select(r => r.TotalExecutionTime))} | {Seconds(WallAdded(analyzerRuns))} | {Seconds(CpuAdded(analyzerRuns))} | " +
                 $"{probe.Callbacks:N0} | {probe.Bound:N0} | {probe.HttpTypes:N0} |");
        }

        Line();
        if (_results.ProbeTimed.Count > 0)
        {
            var raw = Results.Median(_results.ProbeTimed.Select(t => t.Raw));
            var net = Results.Median(_results.ProbeTimed.Select(t => t.Raw - t.Overhead * t.Callbacks));
            Line($"Check of the timer's correction: the same-shape probe's no-op callbacks, timed like ours, read {Seconds(raw)} raw over " +
                 $"{_results.ProbeTimed[^1].Callbacks:N0} callbacks and **{net.TotalMilliseconds:F0} ms** net of the timer's measured cost (median over rounds).");
            Line();
        }

        if (_results.ProbeRuns.TryGetValue("SameShapeProbe", out var shape))
        {
            // Paired by round, like every "added" figure: ours minus the no-op probe of the same shape.
            var ours = _results.Runs(Ours, concurrent: true);
            var probeRuns = shape.Select(r => r.Run).ToArray();
            var wall = Results.Median(ours.Select((run, round) => run.Wall - probeRuns[round].Wall));
            var cpu = Results.Median(ours.Select((run, round) => run.Cpu - probeRuns[round].Cpu));
            Line($"Beyond the same-shape probe (the driver hosting six analyzers with our registrations), {Ours} adds **{Seconds(wall)} wall ({Percent(wall / _compileWall)} of compile)** " +
                 $"and **{Seconds(cpu)} CPU ({Percent(cpu / _compileCpu)} of compile CPU)**, median over rounds of the paired differences.");
            Line();
        }
    }

    private TimeSpan ExecutionTime(string set, bool concurrent) => Results.Median(_results.Runs(set, concurrent).Select(r => r.TotalExecutionTime));

    /// <summary>Paired with the same round's GetDiagnostics, so that load that drifts between rounds cancels.</summary>
    private TimeSpan WallAdded(IReadOnlyList<AnalyzerRun> runs) => Results.Median(runs.Select((run, round) => run.Wall - _results.Diagnostics[round].Wall));

    private TimeSpan CpuAdded(IReadOnlyList<AnalyzerRun> runs) => Results.Median(runs.Select((run, round) => run.Cpu - _results.Diagnostics[round].Cpu));

    private string CommandLine()
    {
        var modes = _options.ConcurrencyModes.Count == 2 ? "both" : _options.ConcurrencyModes[0] ? "on" : "off";
        return $"--files {_options.Files} --runs {_options.Runs} --warmup {_options.Warmup} --seed {_options.Seed} --concurrency {modes}" + (_options.Profile ? " --profile" : string.Empty);
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "n/a";
    }

    private static string MedianMin(IEnumerable<TimeSpan> values, Func<TimeSpan, string>? format = null)
    {
        format ??= Seconds;
        var all = values.ToArray();
        return $"{format(Results.Median(all))} ({format(all.Min())})";
    }

    private static string Mode(bool concurrent) => concurrent ? "concurrentAnalysis: true" : "concurrentAnalysis: false";

    private static string Verdict(bool met) => met ? "met" : "**not met**";

    private static string ShortPath(string path)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var full = Path.GetFullPath(path);
        return full.StartsWith(home, StringComparison.Ordinal) ? "~" + full[home.Length..] : full;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    private static string Percent(double share) => (share * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double ratio) => ratio.ToString("F3", CultureInfo.InvariantCulture);

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
