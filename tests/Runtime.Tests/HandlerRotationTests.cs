using System;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

/// <summary>The netstandard2.0 path: an HttpClientHandler replaced after the connection lifetime.</summary>
public sealed class HandlerRotationTests
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(1);

    [Fact]
    internal async Task RotatingHandler_AfterLifetime_NewHandlerOpensNewConnectionAndOldIsDisposed()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clock = new ManualClock();
        using var pool = TestPools.Create(HandlerFlavor.RotatingHttpClientHandler, clock: clock.Now);
        using var client = pool.CreateClient(new PooledHandlerOptions { PooledConnectionLifetime = s_lifetime }, server.BaseAddress);

        await client.GetStringAsync(string.Empty);
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetStringAsync(string.Empty);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, pool.HandlersCreated);

        clock.Advance(TimeSpan.FromSeconds(31));
        await client.GetStringAsync(string.Empty);

        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(2, pool.HandlersCreated);
        Assert.Equal(1, pool.HandlersDisposed);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    internal async Task RotationWithRequestInFlight_OldHandlerDisposedOnlyAfterTheRequestCompletes()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clock = new ManualClock();
        using var pool = TestPools.Create(HandlerFlavor.RotatingHttpClientHandler, clock: clock.Now);
        using var client = pool.CreateClient(new PooledHandlerOptions { PooledConnectionLifetime = s_lifetime }, server.BaseAddress);
        var held = client.GetStringAsync("hold");
        await server.Holding.WaitAsync(TimeSpan.FromSeconds(10));

        clock.Advance(s_lifetime);
        Assert.Equal("ok", await client.GetStringAsync(string.Empty));
        Assert.Equal(2, pool.HandlersCreated);
        Assert.Equal(0, pool.HandlersDisposed);

        server.ReleaseHeld();
        Assert.Equal("released", await held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, pool.HandlersDisposed);
    }

    [Fact]
    internal async Task SocketsHandler_IsNeverRotatedByThePool()
    {
        await using var server = await LoopbackServer.StartAsync();
        var clock = new ManualClock();
        using var pool = TestPools.Create(HandlerFlavor.SocketsHttpHandler, clock: clock.Now);
        using var client = pool.CreateClient(new PooledHandlerOptions { PooledConnectionLifetime = s_lifetime }, server.BaseAddress);

        await client.GetStringAsync(string.Empty);
        clock.Advance(TimeSpan.FromMinutes(5));
        await client.GetStringAsync(string.Empty);

        Assert.Equal(1, pool.HandlersCreated);
    }
}
