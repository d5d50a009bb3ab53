using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>
/// <see cref="PerRequestOverheadBenchmarks"/> (synchronously completing in-memory handler) measured in alternating
/// rounds, so that background load hits the three variants alike. Reports median and minimum per request.
/// </summary>
internal static class InterleavedOverhead
{
    private const int RequestsPerRound = 100_000;

    public static async Task PrintAsync(int rounds)
    {
        var benchmarks = new PerRequestOverheadBenchmarks { CompletesAsynchronously = false };
        benchmarks.Setup();
        try
        {
            var variants = new (string Name, Func<Task> Request)[]
            {
                ("static HttpClient", benchmarks.Static),
                ("pooled client reused", benchmarks.PooledClientReused),
                ("CreateClient per request", benchmarks.PooledClientPerRequest),
            };
            var times = variants.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds + 3; round++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    // Rotate the order every round; the first three rounds are warm-up.
                    var index = (i + round) % variants.Length;
                    var nanoseconds = await NanosecondsPerRequestAsync(variants[index].Request);
                    if (round >= 3)
                    {
                        times[index].Add(nanoseconds);
                    }
                }
            }

            Console.WriteLine($"Per-request cost with an in-memory handler, {rounds} interleaved rounds of {RequestsPerRound} requests:");
            var staticMedian = Median(times[0]);
            for (var i = 0; i < variants.Length; i++)
            {
                var median = Median(times[i]);
                Console.WriteLine($"  {variants[i].Name,-26} median {median,7:F0} ns  min {times[i].Min(),7:F0} ns  (+{median - staticMedian,5:F0} ns over static)");
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static async Task<double> NanosecondsPerRequestAsync(Func<Task> request)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < RequestsPerRound; i++)
        {
            await request();
        }

        return watch.Elapsed.TotalNanoseconds / RequestsPerRound;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        return sorted[sorted.Count / 2];
    }
}
