using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>Each test starts and stops its own redis-server, so the counts are this test's alone.</remarks>
public sealed class StackExchangeRedisTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConnectPerCall_OpensConnectionsPerCall()
    {
        using var redis = await RedisServer.StartAsync();
        var before = redis.TotalConnectionsReceived();

        await ConnectionShape.RunCallsAsync(async i =>
        {
            using var multiplexer = ConnectionMultiplexer.Connect(redis.Configuration);
            await SetAndGetAsync(multiplexer.GetDatabase(), i);
        });

        var opened = redis.TotalConnectionsReceived() - before;
        output.WriteLine($"ConnectionMultiplexer.Connect per call: {ConnectionShape.Calls} calls -> {opened} connections");
        ConnectionShape.AssertAboutOnePerCall((int)opened);
    }

    [Fact]
    public async Task ConnectAsyncPerCall_OpensConnectionsPerCall()
    {
        using var redis = await RedisServer.StartAsync();
        var before = redis.TotalConnectionsReceived();

        await ConnectionShape.RunCallsAsync(async i =>
        {
            await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            await SetAndGetAsync(multiplexer.GetDatabase(), i);
        });

        var opened = redis.TotalConnectionsReceived() - before;
        output.WriteLine($"ConnectionMultiplexer.ConnectAsync per call: {ConnectionShape.Calls} calls -> {opened} connections");
        ConnectionShape.AssertAboutOnePerCall((int)opened);
    }

    [Fact]
    public async Task SharedMultiplexer_ReusesItsConnections()
    {
        using var redis = await RedisServer.StartAsync();
        var before = redis.TotalConnectionsReceived();
        using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        await ConnectionShape.RunCallsAsync(i => SetAndGetAsync(multiplexer.GetDatabase(), i));

        var opened = redis.TotalConnectionsReceived() - before;
        output.WriteLine($"one ConnectionMultiplexer: {ConnectionShape.Calls} calls -> {opened} connections");
        ConnectionShape.AssertShared((int)opened);
    }

    private static async Task SetAndGetAsync(IDatabase database, int call)
    {
        var key = "call:" + call;
        Assert.True(await database.StringSetAsync(key, call));
        Assert.Equal(call, (int)await database.StringGetAsync(key));
    }
}
