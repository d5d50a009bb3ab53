using System;
using System.Threading.Tasks;

namespace HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

/// <summary>
/// The two shapes the catalogue records, asserted on connection counts, never on times: a client created per call
/// that owns its pool opens about one connection per call; one shared instance (or a per-call client over a shared
/// pool) keeps reusing one.
/// </summary>
internal static class ConnectionShape
{
    /// <summary>Calls per measurement: enough to tell "one per call" from "one", small enough for CI.</summary>
    public const int Calls = 20;

    /// <summary>Runs <paramref name="call"/> <see cref="Calls"/> times, one after the other.</summary>
    public static async Task RunCallsAsync(Func<int, Task> call)
    {
        for (var i = 0; i < Calls; i++)
        {
            await call(i);
        }
    }

    /// <summary>Per-call creation leaks: at least 90 % of the calls opened a connection of their own.</summary>
    public static void AssertAboutOnePerCall(CountingServer server)
    {
        AssertServedEveryCall(server);
        AssertAboutOnePerCall(server.Connections);
    }

    public static void AssertAboutOnePerCall(int connections) =>
        Assert.True(connections >= Calls * 9 / 10, $"{Calls} calls opened only {connections} connections: this client does not own a pool per instance");

    /// <summary>A shared pool: every call went through at most two connections.</summary>
    public static void AssertShared(CountingServer server)
    {
        AssertServedEveryCall(server);
        AssertShared(server.Connections);
    }

    public static void AssertShared(int connections) => Assert.InRange(connections, 1, 2);

    private static void AssertServedEveryCall(CountingServer server) =>
        Assert.True(server.Requests >= Calls, $"the SDK sent {server.Requests} requests for {Calls} calls (last: {server.LastRequest})");
}
