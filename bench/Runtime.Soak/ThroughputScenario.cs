using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>
/// Loopback throughput and the cost of obtaining a client, against a static client and <see cref="IHttpClientFactory"/>.
/// Approaches alternate round by round (the order rotates), so load from other processes on a shared machine hits all
/// alike; medians over the rounds are reported.
/// </summary>
internal static class ThroughputScenario
{
    private const int Workers = 8;
    private const int RequestsPerRound = 1_024;
    private const int ThroughputRounds = 15;
    private const int CallsPerRound = 200_000;
    private const int CostRounds = 9;

    public static async Task RunAsync(SoakCertificates certificates)
    {
        await ThroughputAsync();
        CreateClientCost(certificates.Authority);
    }

    private static async Task ThroughputAsync()
    {
        Report.Heading(
            "Throughput",
            $"HTTP, {Workers} workers, {ThroughputRounds} rounds of {RequestsPerRound:N0} requests per approach after a warm-up round, approaches alternating. Wall and CPU time (client and server: both run in the process) per request, median over the rounds.");
        await using var server = await SoakServer.StartAsync();
        // Runs once: ThroughputAsync is called once from Main; the analyzer does not follow one-time callers of a method that does not return the client.
#pragma warning disable HCG001
        using var shared = new HttpClient { BaseAddress = server.BaseAddress };
#pragma warning restore HCG001
        var services = new ServiceCollection();
        services.AddHttpClient();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var approaches = new (string Name, Func<Task> Request)[]
        {
            ("static `HttpClient` (baseline)", async () => await shared.GetStringAsync(string.Empty)),
            ("`HttpClientPool.CreateClient(baseAddress)` per request", async () =>
            {
                using var client = HttpClientPool.CreateClient(server.BaseAddress);
                await client.GetStringAsync(string.Empty);
            }),
            ("`IHttpClientFactory.CreateClient()` per request", async () =>
            {
                using var client = factory.CreateClient();
                client.BaseAddress = server.BaseAddress;
                await client.GetStringAsync(string.Empty);
            }),
        };

        foreach (var (_, request) in approaches)
        {
            await RoundAsync(request);
        }

        var connectionsBefore = server.ConnectionCount;
        var times = approaches.Select(_ => new List<(double Wall, double Cpu, int Failures)>()).ToArray();
        for (var round = 0; round < ThroughputRounds; round++)
        {
            for (var i = 0; i < approaches.Length; i++)
            {
                var which = (round + i) % approaches.Length;
                times[which].Add(await RoundAsync(approaches[which].Request));
            }
        }

        var baselineWall = Report.Median(times[0].Select(time => time.Wall));
        var baselineCpu = Report.Median(times[0].Select(time => time.Cpu));
        Report.Table(
            ["Approach", "Wall, median", "Requests/s", "CPU, median", "Wall vs static", "CPU vs static", "Failed"],
            approaches.Select((approach, i) =>
            {
                var wall = Report.Median(times[i].Select(time => time.Wall));
                var cpu = Report.Median(times[i].Select(time => time.Cpu));
                return (IReadOnlyList<string>)[approach.Name, Report.F(wall, 1) + " µs", Report.N((long)(1e6 / wall)), Report.F(cpu, 1) + " µs", Report.F(wall / baselineWall, 3), Report.F(cpu / baselineCpu, 3), Report.N(times[i].Sum(time => time.Failures))];
            }));
        Console.WriteLine();
        Console.WriteLine($"Connections opened during the measured rounds, all approaches: {server.ConnectionCount - connectionsBefore}.");
    }

    private static async Task<(double Wall, double Cpu, int Failures)> RoundAsync(Func<Task> request)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var result = await Workload.RunAsync(RequestsPerRound, Workers, (_, _) => request());
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        return (result.Elapsed.TotalMicroseconds / RequestsPerRound, cpu / RequestsPerRound, result.Failures);
    }

    private static void CreateClientCost(X509Certificate2 authority)
    {
        Report.Heading(
            "Cost of obtaining a client",
            $"One thread, {CostRounds} rounds of {CallsPerRound:N0} calls per approach, approaches alternating; median ns per call (the client is disposed in the loop) and bytes allocated per call. Every pool key exists before the rounds, so these are hits.");
        // Runs once per bench run: RunAsync calls CreateClientCost once, and the scenario once per run; the
        // analyzer cannot see that its public caller is reached once from the top-level statements' dispatch loop.
#pragma warning disable HCG002
        using var sharedHandler = new SocketsHttpHandler();
#pragma warning restore HCG002
        var services = new ServiceCollection();
        services.AddHttpClient();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var approaches = new (string Name, Func<HttpClient> Create)[]
        {
            ("`new HttpClient(sharedHandler, false)` (baseline)", () => new HttpClient(sharedHandler, disposeHandler: false)),
            ("`HttpClientPool.CreateClient()`", () => HttpClientPool.CreateClient()),
            ("`HttpClientPool.CreateClient(options)`, options with a CA bundle built per call", () => HttpClientPool.CreateClient(Handlers.PoolOptions(0, authority))),
            ("`IHttpClientFactory.CreateClient()`", () => factory.CreateClient()),
        };

        foreach (var (_, create) in approaches)
        {
            Measure(create, 10_000);
        }

        var results = approaches.Select(_ => new List<(double Nanoseconds, double Bytes)>()).ToArray();
        for (var round = 0; round < CostRounds; round++)
        {
            for (var i = 0; i < approaches.Length; i++)
            {
                var which = (round + i) % approaches.Length;
                results[which].Add(Measure(approaches[which].Create, CallsPerRound));
            }
        }

        var baseline = Report.Median(results[0].Select(result => result.Nanoseconds));
        Report.Table(
            ["Approach", "Median", "Min", "vs baseline (median)", "Allocated"],
            approaches.Select((approach, i) =>
            {
                var median = Report.Median(results[i].Select(result => result.Nanoseconds));
                return (IReadOnlyList<string>)[approach.Name, Report.F(median, 1) + " ns", Report.F(results[i].Min(result => result.Nanoseconds), 1) + " ns", Report.F(median / baseline, 2) + "×", Report.F(Report.Median(results[i].Select(result => result.Bytes)), 0) + " B"];
            }));
    }

    private static (double Nanoseconds, double Bytes) Measure(Func<HttpClient> create, int calls)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            create().Dispose();
        }

        var elapsed = watch.Elapsed;
        return (elapsed.TotalNanoseconds / calls, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)calls);
    }
}
