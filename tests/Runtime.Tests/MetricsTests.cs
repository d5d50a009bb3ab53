using System;
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

        Assert.Equal(2, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));

        for (var key = 2; key < 6; key++)
        {
            using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
        }

        Assert.Equal(3, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));
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
        pool.Sweep(clock.Now());

        Assert.Equal(3, recorder.Sum(PoolMetrics.EvictionsInstrument, "capacity"));
        Assert.Equal(2, recorder.Sum(PoolMetrics.EvictionsInstrument, "idle"));
        Assert.Equal(0, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));
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
        Assert.Equal(2, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rotated"));
        Assert.Equal(1, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key"));
    }

    [Fact]
    internal async Task HandlersCreated_CountedByReason_IncludingHandlersRebuiltForClientsThatOutlivedTheirEviction()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: 1, hardMaxPooledHandlers: 1);
        using var recorder = new MetricsRecorder(pool);

        // Key 0 is created, then pushed out by key 1.
        using var held = pool.CreateClient(EvictionTests.OptionsForKey(0), server.BaseAddress);
        using (pool.CreateClient(EvictionTests.OptionsForKey(1), server.BaseAddress))
        {
        }

        Assert.Equal(2, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key"));

        // A client that outlived its handler's eviction sends: its handler is rebuilt (no CreateClient call is involved).
        Assert.Equal("ok", await held.GetStringAsync(string.Empty));
        Assert.Equal(1, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rebuilt"));

        // Key 1 comes back through CreateClient after its eviction: rebuilt as well, not a new key.
        using (pool.CreateClient(EvictionTests.OptionsForKey(1), server.BaseAddress))
        {
        }

        Assert.Equal(2, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rebuilt"));
        Assert.Equal(2, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key"));
        Assert.Equal(pool.HandlersCreated, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key") + recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rebuilt"));

        // Four handlers for three CreateClient misses: the one rebuilt for the held client is seen only here.
        Assert.Equal(4, pool.HandlersCreated);
        Assert.Equal(3, recorder.Sum(PoolMetrics.CreateClientInstrument, "miss"));
    }

    [Fact]
    internal async Task HandlersGauge_CountsEvictedHandlersStillServingAsDraining()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: 1, hardMaxPooledHandlers: 1);
        using var recorder = new MetricsRecorder(pool);
        using var holding = pool.CreateClient(EvictionTests.OptionsForKey(0), server.BaseAddress);
        var held = holding.GetStringAsync("hold");
        await server.Holding.WaitAsync(TimeSpan.FromSeconds(10));

        using var evictor = pool.CreateClient(EvictionTests.OptionsForKey(1), server.BaseAddress);

        Assert.Equal(1, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));
        Assert.Equal(1, recorder.Gauge(PoolMetrics.HandlersInstrument, "draining"));

        server.ReleaseHeld();
        Assert.Equal("released", await held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, recorder.Gauge(PoolMetrics.HandlersInstrument, "draining"));
        Assert.Equal(1, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));
    }

    [Fact]
    internal void EvictionsOfHotReusedHandlersAtTheHardMaximum_CountedAsHot()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 2, hardMaxPooledHandlers: 3);
        using var recorder = new MetricsRecorder(pool);

        // Four keys, each asked for twice in a row (so reused), round after round: one more than the hard maximum.
        for (var round = 0; round < 3; round++)
        {
            for (var key = 0; key < 4; key++)
            {
                using var first = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
                using var second = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
            }
        }

        Assert.True(recorder.Sum(PoolMetrics.EvictionsInstrument, "hot") > 0, "a pool at its hard maximum with every key hot is thrashing");
        Assert.Equal(0, recorder.Sum(PoolMetrics.EvictionsInstrument, "idle"));
        Assert.Equal(3, recorder.Gauge(PoolMetrics.HandlersInstrument, "pooled"));
    }

    [Fact]
    internal void OneOffKeysAtCapacity_EvictedAsCapacityNotHot()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 2);
        using var recorder = new MetricsRecorder(pool);

        for (var key = 0; key < 10; key++)
        {
            using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
        }

        Assert.Equal(8, recorder.Sum(PoolMetrics.EvictionsInstrument, "capacity"));
        Assert.Equal(0, recorder.Sum(PoolMetrics.EvictionsInstrument, "hot"));
        Assert.Equal(10, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key"));
    }

    [Fact]
    public void InstrumentNames_AreDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "runtime.md"));

        Assert.Contains($"`{PoolMetrics.MeterName}`", docs);
        foreach (var name in new[] { PoolMetrics.HandlersInstrument, PoolMetrics.HandlersCreatedInstrument, PoolMetrics.CreateClientInstrument, PoolMetrics.EvictionsInstrument, PoolMetrics.RotationsInstrument })
        {
            Assert.Contains($"`{name}`", docs);
        }

        foreach (var tagValue in new[] { "pooled", "draining", "new_key", "rebuilt", "rotated", "idle", "capacity", "hot", "hit", "miss", "uncacheable" })
        {
            Assert.Contains($"`{tagValue}`", docs);
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
}
