using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>
/// Loopback request throughput: <see cref="Concurrency"/> workers send <see cref="RequestsPerOperation"/> requests in
/// all, each getting its client the way the code under comparison does. Reported time is per request.
/// </summary>
public class ThroughputBenchmarks
{
    public const int RequestsPerOperation = 512;

    private LoopbackServer _server = null!;
    private HttpClient _staticClient = null!;

    [Params(8)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await LoopbackServer.StartAsync();
        _staticClient = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _staticClient.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerOperation, Description = "static HttpClient")]
    public Task StaticClient() => RunAsync(Concurrency, async () => await _staticClient.GetStringAsync(string.Empty));

    [Benchmark(OperationsPerInvoke = RequestsPerOperation, Description = "HttpClientPool.CreateClient per request")]
    public Task Pooled() => RunAsync(Concurrency, async () =>
    {
        using var client = HttpClientPool.CreateClient(_server.BaseAddress);
        await client.GetStringAsync(string.Empty);
    });

    [Benchmark(OperationsPerInvoke = RequestsPerOperation, Description = "new HttpClient per request")]
    public Task PerCall() => RunAsync(Concurrency, async () =>
    {
        using var client = new HttpClient { BaseAddress = _server.BaseAddress };
        await client.GetStringAsync(string.Empty);
    });

    internal static Task RunAsync(int concurrency, Func<Task> request)
        => Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerOperation / concurrency; i++)
            {
                await request();
            }
        })));
}
