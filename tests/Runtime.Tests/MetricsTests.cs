using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    internal void CreateClientCalls_CountedAsHitMissOrUncacheable()
    {
        using var pool = TestPools.Create();
        using var recorder = new MetricsRecorder(pool);

        for (var i = 0; i < 3; i++)
        {
            using var client = pool.CreateClient(new PooledHandlerOptions(), null);
        }

        // A new closure per call, as code that captures a local in the lambda it builds per request has.
        for (var i = 0; i < 2; i++)
        {
            using var client = pool.CreateClient(PinnedPerCall("subject-" + i), null);
        }

        using var defaults = pool.CreateClient(baseAddress: null);

        Assert.Equal(1, recorder.Sum(PoolMetrics.CreateClientInstrument, "miss"));
        Assert.Equal(3, recorder.Sum(PoolMetrics.CreateClientInstrument, "hit"));
        Assert.Equal(2, recorder.Sum(PoolMetrics.CreateClientInstrument, "uncacheable"));
    }

    [Fact]
    internal void PooledHandlersGauge_FollowsThePool()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 3);
        using var recorder = new MetricsRecorder(pool);

        for (var key = 0; key < 2; key++)
        {
            using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
        }

        Assert.Equal(2, recorder.Gauge(PoolMetrics.HandlersInstrument));

        for (var key = 2; key < 6; key++)
        {
            using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
        }

        Assert.Equal(3, recorder.Gauge(PoolMetrics.HandlersInstrument));
    }

    [Fact]
    internal void Evictions_CountedByReason()
    {
        var clock = new ManualClock();
        using var pool = TestPools.Create(maxPooledHandlers: 2, handlerIdleTimeout: TimeSpan.FromMinutes(1), clock: clock.Now);
        using var recorder = new MetricsRecorder(pool);

        for (var key = 0; key < 5; key++)
        {
            using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        pool.EvictIdle(clock.Now());

        Assert.Equal(3, recorder.Sum(PoolMetrics.EvictionsInstrument, "capacity"));
        Assert.Equal(2, recorder.Sum(PoolMetrics.EvictionsInstrument, "idle"));
        Assert.Equal(0, recorder.Gauge(PoolMetrics.HandlersInstrument));
    }

    [Fact]
    internal async Task HandlerRotations_Counted()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clock = new ManualClock();
        using var pool = TestPools.Create(HandlerFlavor.RotatingHttpClientHandler, defaultConnectionLifetime: TimeSpan.FromMinutes(1), clock: clock.Now);
        using var recorder = new MetricsRecorder(pool);
        using var client = pool.CreateClient(server.BaseAddress);

        for (var i = 0; i < 3; i++)
        {
            await client.GetStringAsync(string.Empty);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, recorder.Sum(PoolMetrics.RotationsInstrument, tagValue: null));
    }

    [Fact]
    public void InstrumentNames_AreDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "runtime.md"));

        Assert.Contains($"`{PoolMetrics.MeterName}`", docs);
        foreach (var name in new[] { PoolMetrics.HandlersInstrument, PoolMetrics.CreateClientInstrument, PoolMetrics.EvictionsInstrument, PoolMetrics.RotationsInstrument })
        {
            Assert.Contains($"`{name}`", docs);
        }
    }

    private static PooledHandlerOptions PinnedPerCall(string subject)
        => new() { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == subject };

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Listens to one pool's meter only, so parallel tests with their own pools do not add up.</summary>
    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _sums = new();
        private readonly ConcurrentDictionary<string, long> _gauges = new();

        public MetricsRecorder(HandlerPool pool)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, pool.Metrics.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? tag = tags.Length == 0 ? null : (string?)tags[0].Value;
                _sums.AddOrUpdate((instrument.Name, tag), value, (_, sum) => sum + value);
            });
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _gauges[instrument.Name] = value);
            _listener.Start();
        }

        public long Sum(string instrument, string? tagValue) => _sums.TryGetValue((instrument, tagValue), out var sum) ? sum : 0;

        public long Gauge(string instrument)
        {
            _listener.RecordObservableInstruments();
            return _gauges[instrument];
        }

        public void Dispose() => _listener.Dispose();
    }
}
