using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>
/// Eviction while requests are in flight: 16 keys, a pool with room for 4 and no room to grow, 32 workers, a 20 ms
/// endpoint, half the requests through clients created before the run (which outlive many evictions of their handler).
/// </summary>
internal static class EvictionUnderLoadScenario
{
    private const int Keys = 16;
    private const int Capacity = 4;
    private const int Workers = 32;
    private const int Requests = 4_000;

    public static async Task RunAsync()
    {
        Report.Heading(
            "Eviction under load",
            $"{Requests:N0} HTTP requests to a 20 ms endpoint by {Workers} workers over {Keys} keys; capacity {Capacity} and hard maximum {Capacity}, so handlers are evicted with requests in flight all the time. Even requests go through one of {Keys} clients each worker created before the run; odd ones through a client created for the request.");
        await using var server = await SoakServer.StartAsync();
        using var probe = new PoolProbe(Capacity, Capacity);
        var held = Enumerable.Range(0, Workers)
            .Select(_ => Enumerable.Range(0, Keys).Select(key => probe.Pool.CreateClient(Options(key), server.BaseAddress)).ToArray())
            .ToArray();
        WorkloadResult result;
        int peakDraining;
        await using (var draining = ProcessProbe.Sample(() => probe.Pool.DrainingCount))
        {
            result = await Workload.RunAsync(Requests, Workers, async (worker, index) =>
            {
                var key = (int)((uint)index * 2654435761u % Keys);
                if (index % 2 == 0)
                {
                    await held[worker][key].GetStringAsync("slow");
                }
                else
                {
                    using var client = probe.Pool.CreateClient(Options(key), server.BaseAddress);
                    await client.GetStringAsync("slow");
                }
            });
            peakDraining = draining.Peak;
        }

        foreach (var client in held.SelectMany(clients => clients))
        {
            client.Dispose();
        }

        var undisposed = probe.Pool.HandlersCreated - probe.Pool.HandlersDisposed - probe.Pool.Count;
        Report.Table(
            ["Requests", "Failed", "Handlers created (new key / rebuilt)", "Evictions (capacity / hot)", "Peak draining", "Evicted but not disposed at the end", "New connections"],
            [[Report.N(result.Requests), Report.N(result.Failures) + result.FailureNote, $"{Report.N(probe.Pool.HandlersCreated)} ({Report.N(probe.Created("new_key"))} / {Report.N(probe.Created("rebuilt"))})", $"{Report.N(probe.Evicted("capacity"))} / {Report.N(probe.Evicted("hot"))}", Report.N(peakDraining), Report.N(undisposed), Report.N(server.ConnectionCount)]]);
    }

    private static PooledHandlerOptions Options(int key) => new() { MaxResponseHeadersLength = 64 + key };
}
