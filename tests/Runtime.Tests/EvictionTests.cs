using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class EvictionTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task TinyCapManyKeysSeveralTasks_ThousandsOfRequests_NoFailuresAndEvictedHandlersDisposed(HandlerFlavor flavor)
    {
        const int Keys = 12;
        const int Tasks = 6;
        const int RequestsPerTask = 350;
        await using var server = await LoopbackServer.StartAsync();

        // No room to grow (hard maximum = soft limit): every key keeps being evicted while requests are in flight.
        using var pool = TestPools.Create(flavor, maxPooledHandlers: 3, hardMaxPooledHandlers: 3);

        var failures = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);

            // Clients created up front outlive many evictions of their handler: they must keep working.
            var held = Enumerable.Range(0, Keys).Select(key => pool.CreateClient(OptionsForKey(key), server.BaseAddress)).ToArray();
            var failed = new List<Exception>();
            for (var i = 0; i < RequestsPerTask; i++)
            {
                var key = random.Next(Keys);
                try
                {
                    if (i % 2 == 0)
                    {
                        Assert.Equal("ok", await held[key].GetStringAsync(string.Empty));
                    }
                    else
                    {
                        using var fresh = pool.CreateClient(OptionsForKey(key), server.BaseAddress);
                        Assert.Equal("ok", await fresh.GetStringAsync(string.Empty));
                    }
                }
                catch (Exception ex)
                {
                    failed.Add(ex);
                }
            }

            Array.ForEach(held, client => client.Dispose());
            return failed;
        })));

        Assert.Empty(failures.SelectMany(failed => failed));
        Assert.True(pool.HandlersCreated > Keys, $"expected evictions to force re-creation, created {pool.HandlersCreated}");
        Assert.True(pool.Count <= 3);

        // Nothing is in flight any more: every handler that left the pool has been disposed.
        Assert.Equal(pool.HandlersCreated - pool.Count, pool.HandlersDisposed);
    }

    [Fact]
    internal async Task EvictedWhileRequestInFlight_RequestCompletesAndHandlerIsDisposedOnlyAfterIt()
    {
        await using var server = await LoopbackServer.StartAsync();

        // No room to grow: with it, the pool would keep the entry serving a request and grow instead (tested below).
        using var pool = TestPools.Create(maxPooledHandlers: 1, hardMaxPooledHandlers: 1);
        using var first = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
        var held = first.GetStringAsync("hold");
        await server.Holding.WaitAsync(s_bound);

        using var second = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 2 }, server.BaseAddress);
        Assert.Equal(0, pool.HandlersDisposed);
        Assert.Equal("ok", await second.GetStringAsync(string.Empty));

        server.ReleaseHeld();
        Assert.Equal("released", await held.WaitAsync(s_bound));
        Assert.Equal(1, pool.HandlersDisposed);

        // The first client's handler is gone; the client itself keeps working on a new handler for the same key.
        Assert.Equal("ok", await first.GetStringAsync(string.Empty));
        Assert.Equal(3, pool.HandlersCreated);
    }

    [Fact]
    internal async Task NewKeyWhileTheOnlyEntryServesARequest_PoolGrowsInsteadOfEvictingIt()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(maxPooledHandlers: 1);
        using var first = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
        var held = first.GetStringAsync("hold");
        await server.Holding.WaitAsync(s_bound);

        using var second = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 2 }, server.BaseAddress);
        Assert.Equal("ok", await second.GetStringAsync(string.Empty));
        Assert.Equal(2, pool.Count);
        Assert.Equal(0, pool.HandlersDisposed);

        server.ReleaseHeld();
        Assert.Equal("released", await held.WaitAsync(s_bound));

        // Once the request is done, both entries are one-offs again: the next new key brings the pool back to capacity.
        using var third = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 3 }, null);
        Assert.Equal(1, pool.Count);
        Assert.Equal(2, pool.HandlersDisposed);
        Assert.Equal(2, server.ConnectionCount);
    }

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task EvictedWhileResponseBodyStreams_BodyStillReadsToTheEnd(HandlerFlavor flavor)
    {
        // Requests count as in flight until their headers arrive; this pins down that a body being read after that
        // survives the handler's disposal, as docs/runtime.md states.
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create(flavor, maxPooledHandlers: 1);
        using var streaming = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
        using var response = await streaming.GetAsync("large", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[8192];
        var read = await body.ReadAsync(buffer);

        using var evictor = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 2 }, server.BaseAddress);
        Assert.Equal(1, pool.HandlersDisposed);

        int chunk;
        while ((chunk = await body.ReadAsync(buffer)) > 0)
        {
            read += chunk;
        }

        Assert.Equal(LoopbackServer.LargeBodyLength, read);
    }

    [Fact]
    internal async Task IdleEntry_EvictedOnlyAfterAFullIdleTimeoutWithoutUse()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clock = new ManualClock();
        using var pool = TestPools.Create(handlerIdleTimeout: TimeSpan.FromMinutes(1), clock: clock.Now);
        using var client = pool.CreateClient(server.BaseAddress);

        clock.Advance(TimeSpan.FromSeconds(45));
        pool.Sweep(clock.Now());
        Assert.Equal(1, pool.Count);

        // A request restarts the idle time (from the sweep that sees it).
        await client.GetStringAsync(string.Empty);
        clock.Advance(TimeSpan.FromSeconds(30));
        pool.Sweep(clock.Now());
        clock.Advance(TimeSpan.FromSeconds(59));
        pool.Sweep(clock.Now());
        Assert.Equal(1, pool.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        pool.Sweep(clock.Now());
        Assert.Equal(0, pool.Count);
        Assert.Equal(1, pool.HandlersDisposed);
    }

    [Fact]
    internal void LeastRecentlyUsedEntry_IsTheOneEvictedAtTheCap()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 2);
        using var first = pool.CreateClient(OptionsForKey(1), null);
        using var second = pool.CreateClient(OptionsForKey(2), null);
        using var firstAgain = pool.CreateClient(OptionsForKey(1), null);

        using var third = pool.CreateClient(OptionsForKey(3), null);
        var created = pool.HandlersCreated;
        using var firstOnceMore = pool.CreateClient(OptionsForKey(1), null);

        Assert.Equal(created, pool.HandlersCreated);
        Assert.Equal(3, created);
    }

    [Fact]
    internal async Task IdleTimer_EvictsUnusedEntryWithoutAnyCall()
    {
        using var pool = TestPools.Create(handlerIdleTimeout: TimeSpan.FromSeconds(1));
        using var client = pool.CreateClient(baseAddress: null);

        // The sweep runs every second; allow several periods before calling it a failure.
        var deadline = DateTime.UtcNow + s_bound;
        while (pool.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, pool.Count);
        Assert.Equal(1, pool.HandlersDisposed);
    }

    [Fact]
    internal void SameKeyUnderContention_ExactlyOneHandlerIsCreated()
    {
        using var pool = TestPools.Create();
        using var start = new ManualResetEventSlim();
        var clients = new HttpClient[8][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.Wait();
            clients[t] = Enumerable.Range(0, 200).Select(_ => pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 7 }, null)).ToArray();
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());

        start.Set();
        Array.ForEach(threads, thread => thread.Join());

        Assert.Equal(1, pool.HandlersCreated);
        Assert.Equal(1, pool.Count);
        Assert.Equal(1600, clients.SelectMany(perThread => perThread).Distinct().Count());
    }

    [Fact]
    internal void DistinctKeysUnderContention_OneHandlerPerKey()
    {
        using var pool = TestPools.Create();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var client = pool.CreateClient(OptionsForKey(i % 10), null);
        });

        Assert.Equal(10, pool.HandlersCreated);
        Assert.Equal(10, pool.Count);
    }

    [Fact]
    internal void CapturingLambdaPerCall_PoolStaysBoundedAndReusableEntriesSurvive()
    {
        using var pool = TestPools.Create(maxPooledHandlers: 4);
        using var reusable = pool.CreateClient(new PooledHandlerOptions(), null);
        var reusableFingerprint = pool.GetFingerprint(new PooledHandlerOptions());

        for (var i = 0; i < 50; i++)
        {
            using var client = pool.CreateClient(new PooledHandlerOptions { ServerCertificateCustomValidationCallback = PinnedTo("thumbprint-" + i) }, null);
        }

        Assert.Equal(4, pool.Count);
        var createdBefore = pool.HandlersCreated;
        using var again = pool.CreateClient(new PooledHandlerOptions(), null);
        Assert.Equal(createdBefore, pool.HandlersCreated);
        Assert.Equal(reusableFingerprint, pool.GetFingerprint(new PooledHandlerOptions()));
    }

    internal static PooledHandlerOptions OptionsForKey(int key) => new() { MaxResponseHeadersLength = 64 + key };

    private static Func<HttpRequestMessage, System.Security.Cryptography.X509Certificates.X509Certificate2?, System.Security.Cryptography.X509Certificates.X509Chain?, System.Net.Security.SslPolicyErrors, bool> PinnedTo(string thumbprint)
        => (_, certificate, _, _) => certificate?.Thumbprint == thumbprint;
}
