using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>The server goes away and comes back on the same port: requests fail fast while it is down and the same pooled
/// handler (and a client created before the outage) works again once it is back, without any restart of the client side.</summary>
internal static class OutageScenario
{
    private const int Workers = 8;
    private const int RequestsPerPhase = 400;
    private const int RequestsWhileDown = 200;

    public static async Task RunAsync()
    {
        Report.Heading(
            "Outage and restart",
            $"HTTP, {Workers} workers: {RequestsPerPhase} requests, then the server stops and {RequestsWhileDown} requests are sent, then it starts again on the same port and {RequestsPerPhase} more are sent. With the pool, half the requests use a client created before the outage and half a client created per request; the static client serves all.");
        var rows = new List<string[]>
        {
            await RunAsync("`HttpClientPool`", (pool, address) => (pool.CreateClient(address), () => pool.CreateClient(address))),
            await RunAsync("static `HttpClient`", (_, address) =>
                // Runs once per approach (RunAsync calls the delegate once): the static client the scenario compares against.
#pragma warning disable HCG001
                (new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = address }, null)),
#pragma warning restore HCG001
        };
        Report.Table(["Approach", "Before: failed", "While down: failed", "While down: median time to fail", "After restart: failed", "Handlers created", "Connections after restart"], rows);
    }

    private static async Task<string[]> RunAsync(string name, Func<Pooling.HandlerPool, Uri, (HttpClient Held, Func<HttpClient>? PerRequest)> clientsFor)
    {
        await using var server = await SoakServer.StartAsync();
        using var probe = new PoolProbe(maxPooledHandlers: 64);
        var (held, perRequest) = clientsFor(probe.Pool, server.BaseAddress);
        var failTimes = new List<double>();
        Func<int, int, Task> request = async (_, index) =>
        {
            if (index % 2 == 0 || perRequest is null)
            {
                await held.GetStringAsync(string.Empty);
            }
            else
            {
                using var client = perRequest();
                await client.GetStringAsync(string.Empty);
            }
        };

        var before = await Workload.RunAsync(RequestsPerPhase, Workers, request);
        await server.StopAsync();
        var down = await Workload.RunAsync(RequestsWhileDown, Workers, async (worker, index) =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await request(worker, index);
            }
            finally
            {
                lock (failTimes)
                {
                    failTimes.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        });
        await server.RestartAsync();
        var connectionsAtRestart = server.ConnectionCount;
        var after = await Workload.RunAsync(RequestsPerPhase, Workers, request);
        held.Dispose();
        return [
            name, Report.N(before.Failures) + before.FailureNote, $"{Report.N(down.Failures)} of {Report.N(down.Requests)}",
            Report.F(Report.Median(failTimes), 2) + " ms", Report.N(after.Failures) + after.FailureNote,
            name.Contains("Pool", StringComparison.Ordinal) ? Report.N(probe.Pool.HandlersCreated) : "1", Report.N(server.ConnectionCount - connectionsAtRestart),
        ];
    }
}
