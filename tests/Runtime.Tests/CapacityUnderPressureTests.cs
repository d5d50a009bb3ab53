using System;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

/// <summary>
/// More hot keys than <see cref="HttpClientPoolSettings.MaxPooledHandlers"/>: the pool grows (up to the hard maximum)
/// instead of evicting handlers that are about to be asked for again, and it stays bounded under churn. Asserted with the
/// server's count of TCP connections and the pool's counts of handlers, never with times.
/// </summary>
public sealed class CapacityUnderPressureTests
{
    private const int Keys = 12;
    private const int Capacity = 3;
    private const int Rounds = 20;

    [Fact]
    internal async Task TwelveKeysRoundRobinCapacityThree_ConnectionsStopAfterOneRebuildPerKey()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: Capacity);
        using var recorder = new MetricsRecorder(pool);

        var connectionsAfterRound = await RoundRobinAsync(pool, server);

        // Round 1 meets every key once (each a one-off so far, so they push each other out); round 2 rebuilds each key
        // once, now known as reused, and the pool grows for them; from round 3 on every call is a hit on a live handler.
        Assert.Equal(2 * Keys, connectionsAfterRound[1]);
        Assert.All(connectionsAfterRound.Skip(2), connections => Assert.Equal(2 * Keys, connections));
        Assert.Equal(Keys, pool.Count);
        Assert.Equal(Keys, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "new_key"));
        Assert.Equal(Keys, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rebuilt"));
        Assert.Equal(0, recorder.Sum(PoolMetrics.EvictionsInstrument, "hot"));
    }

    [Fact]
    internal async Task TwelveKeysRoundRobinNoRoomToGrow_EveryRequestOpensAConnectionAndThrashIsCounted()
    {
        // The control, and what the pool did before it could grow: hard maximum = soft limit.
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: Capacity, hardMaxPooledHandlers: Capacity);
        using var recorder = new MetricsRecorder(pool);

        var connectionsAfterRound = await RoundRobinAsync(pool, server);

        Assert.Equal(Keys * Rounds, connectionsAfterRound[^1]);
        Assert.Equal(Capacity, pool.Count);
        Assert.True(recorder.Sum(PoolMetrics.EvictionsInstrument, "hot") > Keys * (Rounds - 3), "evicting handlers used moments ago is the thrash signal");
    }

    [Fact]
    internal async Task TwelveHotKeysSixTasks_AfterWarmUpNoHandlerIsCreatedOrEvicted()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: Capacity);
        using var recorder = new MetricsRecorder(pool);
        await RoundRobinAsync(pool, server, rounds: 2);
        var handlersAfterWarmUp = pool.HandlersCreated;
        var connectionsAfterWarmUp = server.ConnectionCount;

        const int Tasks = 6;
        var failures = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            var failed = 0;
            for (var i = 0; i < 200; i++)
            {
                using var client = pool.CreateClient(EvictionTests.OptionsForKey(random.Next(Keys)), server.BaseAddress);
                failed += await client.GetStringAsync(string.Empty) == "ok" ? 0 : 1;
            }

            return failed;
        })));

        Assert.All(failures, failed => Assert.Equal(0, failed));
        Assert.Equal(handlersAfterWarmUp, pool.HandlersCreated);
        Assert.Equal(0, recorder.Sum(PoolMetrics.EvictionsInstrument, "hot"));

        // Extra connections come only from concurrency on a live handler: at most one per task per key.
        Assert.InRange(server.ConnectionCount - connectionsAfterWarmUp, 0, Keys * Tasks);
    }

    [Fact]
    internal void ChurnOfOneOffKeysAndCapturingLambdas_PoolStaysAtCapacityAndHotKeysSurvive()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 4);
        using var recorder = new MetricsRecorder(pool);

        for (var i = 0; i < 500; i++)
        {
            using var hotA = pool.CreateClient(EvictionTests.OptionsForKey(0), null);
            using var hotB = pool.CreateClient(EvictionTests.OptionsForKey(1), null);
            using var oneOff = pool.CreateClient(EvictionTests.OptionsForKey(1000 + i), null);
            using var capturing = pool.CreateClient(PinnedPerCall("subject-" + i), null);
            Assert.InRange(pool.Count, 1, 4);
        }

        Assert.Equal(2 + 500 + 500, pool.HandlersCreated);
        Assert.Equal(0, recorder.Sum(PoolMetrics.HandlersCreatedInstrument, "rebuilt"));
        Assert.Equal(0, recorder.Sum(PoolMetrics.EvictionsInstrument, "hot"));
        Assert.Equal(4, pool.Count);
    }

    [Fact]
    internal void GrownPool_ShrinksBackToCapacityOnceKeysCoolDown_KeepingTheHotOnes()
    {
        var clock = new ManualClock();
        using var pool = TestPools.Create(maxPooledHandlers: Capacity, clock: clock.Now);
        for (var round = 0; round < 2; round++)
        {
            for (var key = 0; key < Keys; key++)
            {
                using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
            }
        }

        Assert.Equal(Keys, pool.Count);

        // Only keys 0 and 1 stay in use across two sweeps: the others are cold by the second and trimmed.
        for (var sweep = 0; sweep < 2; sweep++)
        {
            using var keep0 = pool.CreateClient(EvictionTests.OptionsForKey(0), null);
            using var keep1 = pool.CreateClient(EvictionTests.OptionsForKey(1), null);
            clock.Advance(TimeSpan.FromSeconds(30));
            pool.Sweep(clock.Now());
        }

        Assert.Equal(Capacity, pool.Count);
        var created = pool.HandlersCreated;
        using var again0 = pool.CreateClient(EvictionTests.OptionsForKey(0), null);
        using var again1 = pool.CreateClient(EvictionTests.OptionsForKey(1), null);
        Assert.Equal(created, pool.HandlersCreated);
    }

    [Fact]
    internal void MoreHotKeysThanTheHardMaximum_PoolNeverExceedsIt()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 2, hardMaxPooledHandlers: 5);

        for (var round = 0; round < 5; round++)
        {
            for (var key = 0; key < 9; key++)
            {
                using var first = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
                using var second = pool.CreateClient(EvictionTests.OptionsForKey(key), null);
                Assert.InRange(pool.Count, 1, 5);
            }
        }

        Assert.Equal(5, pool.Count);
    }

    /// <returns>The server's connection count after each round.</returns>
    private static async Task<int[]> RoundRobinAsync(HandlerPool pool, LoopbackServer server, int rounds = Rounds)
    {
        var connectionsAfterRound = new int[rounds];
        for (var round = 0; round < rounds; round++)
        {
            for (var key = 0; key < Keys; key++)
            {
                using var client = pool.CreateClient(EvictionTests.OptionsForKey(key), server.BaseAddress);
                Assert.Equal("ok", await client.GetStringAsync(string.Empty));
            }

            connectionsAfterRound[round] = server.ConnectionCount;
        }

        return connectionsAfterRound;
    }

    private static PooledHandlerOptions PinnedPerCall(string subject)
        => new() { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == subject };
}
