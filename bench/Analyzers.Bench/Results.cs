using System;
using System.Collections.Generic;
using System.Linq;
using HttpClientGuard.Bench.Profiling;

namespace HttpClientGuard.Bench;

/// <summary>Everything the measured rounds produced.</summary>
internal sealed class Results
{
    private readonly Dictionary<(string Set, bool Concurrent), List<AnalyzerRun>> _analyzerRuns = new();
    private readonly Dictionary<string, List<(CreationProbe Probe, AnalyzerRun Run)>> _probeRuns = new(StringComparer.Ordinal);

    public List<Timing> Emit { get; } = new();

    public List<Timing> Diagnostics { get; } = new();

    public IReadOnlyDictionary<string, List<(CreationProbe Probe, AnalyzerRun Run)>> ProbeRuns => _probeRuns;

    public void Add(Timing emit, Timing diagnostics, IEnumerable<(string Set, bool Concurrent, AnalyzerRun Run)> runs)
    {
        Emit.Add(emit);
        Diagnostics.Add(diagnostics);
        foreach (var (set, concurrent, run) in runs)
        {
            if (!_analyzerRuns.TryGetValue((set, concurrent), out var list))
            {
                _analyzerRuns[(set, concurrent)] = list = new List<AnalyzerRun>();
            }

            list.Add(run);
        }
    }

    public void AddProbe(CreationProbe probe, AnalyzerRun run)
    {
        var name = probe.GetType().Name;
        if (!_probeRuns.TryGetValue(name, out var list))
        {
            _probeRuns[name] = list = new List<(CreationProbe Probe, AnalyzerRun Run)>();
        }

        list.Add((probe, run));
    }

    public IReadOnlyList<AnalyzerRun> Runs(string set, bool concurrent) => _analyzerRuns[(set, concurrent)];

    /// <summary>Per measured round: thread CPU time inside each of our analyzers' callbacks (<see cref="CallbackCpuTimer"/>).</summary>
    public List<IReadOnlyDictionary<string, TimeSpan>> CallbackCpu { get; } = new();

    /// <summary>Per measured round: how many callbacks the timer timed in each of our analyzers.</summary>
    public List<IReadOnlyDictionary<string, long>> TimedCallbacks { get; } = new();

    /// <summary>Per measured round (<c>--profile</c>): the same-shape probe's no-op callbacks timed: raw CPU, callbacks, the timer's cost per callback.</summary>
    public List<(TimeSpan Raw, long Callbacks, TimeSpan Overhead)> ProbeTimed { get; } = new();

    /// <summary>Per measured round: the timer's own cost per callback (<see cref="CallbackCpuTimer.MeasureOverhead"/>).</summary>
    public List<TimeSpan> TimerOverhead { get; } = new();

    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
