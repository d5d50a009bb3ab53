using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>
/// Static client against pooled clients, measured in alternating rounds (the order flips every round) so that load from
/// other processes on a shared machine hits both alike; a 3% difference is below what separate BenchmarkDotNet runs on
/// such a machine can resolve.
/// </summary>
internal static class InterleavedThroughput
{
    public static async Task PrintAsync(int concurrency, int rounds)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var staticClient = new HttpClient { BaseAddress = server.BaseAddress };
        Func<Task> viaStatic = async () => await staticClient.GetStringAsync(string.Empty);
        Func<Task> viaPool = async () =>
        {
            using var client = HttpClientPool.CreateClient(server.BaseAddress);
            await client.GetStringAsync(string.Empty);
        };

        // Warm both paths: connections open, JIT done.
        await ThroughputBenchmarks.RunAsync(concurrency, viaStatic);
        await ThroughputBenchmarks.RunAsync(concurrency, viaPool);
        var connectionsBefore = server.ConnectionCount;

        var staticTimes = new List<(double Wall, double Cpu)>();
        var pooledTimes = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                staticTimes.Add(await MicrosecondsPerRequestAsync(concurrency, viaStatic));
                pooledTimes.Add(await MicrosecondsPerRequestAsync(concurrency, viaPool));
            }
            else
            {
                pooledTimes.Add(await MicrosecondsPerRequestAsync(concurrency, viaPool));
                staticTimes.Add(await MicrosecondsPerRequestAsync(concurrency, viaStatic));
            }
        }

        var staticMedian = Median(staticTimes.Select(time => time.Wall));
        var pooledMedian = Median(pooledTimes.Select(time => time.Wall));
        var staticCpu = Median(staticTimes.Select(time => time.Cpu));
        var pooledCpu = Median(pooledTimes.Select(time => time.Cpu));
        Console.WriteLine($"Interleaved throughput, {rounds} rounds of {ThroughputBenchmarks.RequestsPerOperation} requests at concurrency {concurrency} (client and server CPU both in this process):");
        Console.WriteLine($"  static HttpClient                        median {staticMedian,7:F1} us/request wall ({1e6 / staticMedian,8:F0} requests/s), {staticCpu,6:F1} us/request CPU");
        Console.WriteLine($"  HttpClientPool.CreateClient per request  median {pooledMedian,7:F1} us/request wall ({1e6 / pooledMedian,8:F0} requests/s), {pooledCpu,6:F1} us/request CPU");
        Console.WriteLine($"  pooled / static: wall median {pooledMedian / staticMedian:F3}, wall total {pooledTimes.Sum(time => time.Wall) / staticTimes.Sum(time => time.Wall):F3}, CPU median {pooledCpu / staticCpu:F3}");
        Console.WriteLine($"  connections opened during the rounds: {server.ConnectionCount - connectionsBefore}");
    }

    // Wall time suffers from every other process on the machine; this process's CPU time much less so.
    private static async Task<(double Wall, double Cpu)> MicrosecondsPerRequestAsync(int concurrency, Func<Task> request)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await ThroughputBenchmarks.RunAsync(concurrency, request);
        var wall = watch.Elapsed.TotalMicroseconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        return (wall / ThroughputBenchmarks.RequestsPerOperation, cpu / ThroughputBenchmarks.RequestsPerOperation);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        return sorted[sorted.Count / 2];
    }
}
