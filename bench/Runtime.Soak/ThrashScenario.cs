using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>
/// More hot keys than the pool's capacity: 12 keys (distinct TLS handler settings), capacity 3, 48 workers, every request
/// getting its client the way the approach does. New TCP connections per request, counted by the server, side by side.
/// How many connections a handler opens depends on how many requests happen to overlap on its key, which varies from run
/// to run by a few percent; so each approach runs three times, the order rotating, each time against a fresh server.
/// </summary>
internal static class ThrashScenario
{
    private const int Keys = 12;
    private const int Capacity = 3;
    private const int Workers = 48;
    private const int Requests = 4_800;
    private const int Runs = 3;

    private delegate Task<Run> Approach(SoakCertificates certificates, int requests);

    public static async Task RunAsync(SoakCertificates certificates)
    {
        Report.Heading(
            "Thrash: 12 hot keys, capacity 3, 48 workers",
            $"{Requests:N0} HTTPS requests per run, each to one of {Keys} keys (a key is a distinct handler setting: the same CA bundle, a different `MaxResponseHeadersLength`); pooled and factory clients are obtained per request. {Runs} runs per approach, the order rotating, a fresh server and pool or factory each run, after an unreported warm-up pass of each.");
        var approaches = new (string Name, Approach Run)[]
        {
            ("`HttpClientPool`, capacity 3 (hard maximum 12, the default 4×)", (c, n) => PoolAsync(c, null, n)),
            ("`HttpClientPool`, capacity 3, hard maximum 3 (no room to grow: the pool before this change)", (c, n) => PoolAsync(c, Capacity, n)),
            ("`IHttpClientFactory`, one name per key (12 names)", FactoryAsync),
            ("static `HttpClient` per key (12 clients)", StaticAsync),
        };

        // JIT and first-use costs must not land on whichever approach runs first.
        foreach (var (_, run) in approaches)
        {
            await run(certificates, Requests / 10);
        }

        var runs = approaches.Select(_ => new List<Run>()).ToArray();
        for (var round = 0; round < Runs; round++)
        {
            for (var i = 0; i < approaches.Length; i++)
            {
                var which = (round + i) % approaches.Length;
                runs[which].Add(await approaches[which].Run(certificates, Requests));
            }
        }

        Report.Table(
            ["Approach", "New connections, runs 1 / 2 / 3", "New connections per request", "Handlers created, runs 1 / 2 / 3", "Evictions, capacity / hot (3 runs)", "Failed", "Requests/s (median)"],
            approaches.Select((approach, i) =>
            {
                var all = runs[i];
                var requests = all.Sum(run => run.Requests);
                return (IReadOnlyList<string>)[
                    approach.Name,
                    string.Join(" / ", all.Select(run => Report.N(run.Connections))),
                    Report.F((double)all.Sum(run => run.Connections) / requests, 3),
                    string.Join(" / ", all.Select(run => run.Handlers)),
                    all[0].Capacity is null ? "—" : $"{Report.N(all.Sum(run => run.Capacity!.Value))} / {Report.N(all.Sum(run => run.Hot!.Value))}",
                    Report.N(all.Sum(run => run.Failures)) + all.Select(run => run.FailureNote).FirstOrDefault(note => note.Length > 0),
                    Report.N((long)Report.Median(all.Select(run => run.RequestsPerSecond))),
                ];
            }));
    }

    private static int KeyOf(int index) => (int)((uint)index * 2654435761u % Keys);

    private static async Task<Run> PoolAsync(SoakCertificates certificates, int? hardMax, int requests)
    {
        await using var server = await SoakServer.StartAsync(certificates.IssuedServer);
        using var probe = new PoolProbe(Capacity, hardMax);
        var result = await Workload.RunAsync(requests, Workers, async (_, index) =>
        {
            using var client = probe.Pool.CreateClient(Handlers.PoolOptions(KeyOf(index), certificates.Authority), server.BaseAddress);
            await client.GetStringAsync(string.Empty);
        });
        return new Run(server.ConnectionCount, result, $"{Report.N(probe.Pool.HandlersCreated)} ({Report.N(probe.Created("rebuilt"))} rebuilt)", probe.Evicted("capacity"), probe.Evicted("hot"));
    }

    private static async Task<Run> FactoryAsync(SoakCertificates certificates, int requests)
    {
        await using var server = await SoakServer.StartAsync(certificates.IssuedServer);
        var handlers = 0;
        await using var provider = Handlers.FactoryWithOneNamePerKey(Keys, key => Handlers.SocketsHandler(key, certificates.Authority), () => Interlocked.Increment(ref handlers));
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var result = await Workload.RunAsync(requests, Workers, async (_, index) =>
        {
            using var client = factory.CreateClient("key" + KeyOf(index));
            client.BaseAddress = server.BaseAddress;
            await client.GetStringAsync(string.Empty);
        });
        return new Run(server.ConnectionCount, result, Report.N(handlers), null, null);
    }

    private static async Task<Run> StaticAsync(SoakCertificates certificates, int requests)
    {
        await using var server = await SoakServer.StartAsync(certificates.IssuedServer);
        var clients = new HttpClient[Keys];
        for (var key = 0; key < Keys; key++)
        {
            clients[key] = new HttpClient(Handlers.SocketsHandler(key, certificates.Authority)) { BaseAddress = server.BaseAddress };
        }

        var result = await Workload.RunAsync(requests, Workers, async (_, index) => await clients[KeyOf(index)].GetStringAsync(string.Empty));
        Array.ForEach(clients, client => client.Dispose());
        return new Run(server.ConnectionCount, result, Report.N(Keys), null, null);
    }

    private sealed record Run(int Connections, WorkloadResult Result, string Handlers, long? Capacity, long? Hot)
    {
        public int Requests => Result.Requests;

        public int Failures => Result.Failures;

        public string FailureNote => Result.FailureNote;

        public double RequestsPerSecond => Result.RequestsPerSecond;
    }
}
