using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>
/// Connections each way of getting a client opens for one fixed workload (the throughput benchmark's operation), each
/// against a fresh server so nothing is reused from an earlier run.
/// </summary>
internal static class ConnectionReport
{
    public static async Task PrintAsync(int concurrency)
    {
        Console.WriteLine($"Connections opened for {ThroughputBenchmarks.RequestsPerOperation} requests at concurrency {concurrency}:");
        await MeasureAsync("static HttpClient", concurrency, address =>
        {
            var shared = new HttpClient { BaseAddress = address };
            return async () => await shared.GetStringAsync(string.Empty);
        });
        await MeasureAsync("HttpClientPool.CreateClient per request", concurrency, address => async () =>
        {
            using var client = HttpClientPool.CreateClient(address);
            await client.GetStringAsync(string.Empty);
        });
        await MeasureAsync("new HttpClient per request", concurrency, address => async () =>
        {
            using var client = new HttpClient { BaseAddress = address };
            await client.GetStringAsync(string.Empty);
        });
    }

    private static async Task MeasureAsync(string name, int concurrency, Func<Uri, Func<Task>> requestFor)
    {
        await using var server = await LoopbackServer.StartAsync();
        await ThroughputBenchmarks.RunAsync(concurrency, requestFor(server.BaseAddress));
        Console.WriteLine($"  {name,-42} {server.ConnectionCount,5}");
    }
}
