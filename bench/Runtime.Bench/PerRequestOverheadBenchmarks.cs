using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using HttpClientGuard.Pooling;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>
/// What the pool adds to each request, without the network: the same in-memory handler behind a static client and behind
/// pooled clients, where the request also passes the pool's router that counts it in flight. The handler either completes
/// synchronously (pure CPU cost, little noise) or after <see cref="Task.Yield"/> (the router's asynchronous path, whose
/// time is dominated by thread-pool scheduling on a loaded machine).
/// </summary>
[MemoryDiagnoser]
public class PerRequestOverheadBenchmarks
{
    private static readonly Uri s_address = new("http://127.0.0.1/");

    private HttpClient _staticClient = null!;
    private HandlerPool _pool = null!;
    private Meter _meter = null!;

    [Params(false, true)]
    public bool CompletesAsynchronously { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _staticClient = new HttpClient(new InMemoryHandler(CompletesAsynchronously)) { BaseAddress = s_address };
        _meter = new Meter(PoolMetrics.MeterName);
        _pool = new HandlerPool(new HttpClientPoolSettings().Validated(), HandlerFlavor.SocketsHttpHandler, _meter, platformHandlerFactory: _ => new InMemoryHandler(CompletesAsynchronously));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _staticClient.Dispose();
        _pool.Dispose();
        _meter.Dispose();
    }

    [Benchmark(Baseline = true, Description = "static HttpClient, in-memory handler")]
    public async Task Static()
    {
        using var response = await _staticClient.GetAsync(string.Empty);
    }

    [Benchmark(Description = "pooled client reused, in-memory handler")]
    public async Task PooledClientReused()
    {
        using var response = await SharedPooledClient.GetAsync(string.Empty);
    }

    [Benchmark(Description = "CreateClient per request, in-memory handler")]
    public async Task PooledClientPerRequest()
    {
        using var client = _pool.CreateClient(s_address);
        using var response = await client.GetAsync(string.Empty);
    }

    private HttpClient SharedPooledClient => field ??= _pool.CreateClient(s_address);

    private sealed class InMemoryHandler(bool completesAsynchronously) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => completesAsynchronously ? RespondLaterAsync(request) : Task.FromResult(new HttpResponseMessage { RequestMessage = request });

        private static async Task<HttpResponseMessage> RespondLaterAsync(HttpRequestMessage request)
        {
            await Task.Yield();
            return new HttpResponseMessage { RequestMessage = request };
        }
    }
}
