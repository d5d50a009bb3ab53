using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.Runtime.Bench;

/// <summary>The cost of getting a client: what a per-call site pays after the code fix rewrote it to the pool.</summary>
[MemoryDiagnoser]
public class CreateClientBenchmarks
{
    private static readonly Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> s_pinnedValidator = ValidatePinned;

    private readonly SocketsHttpHandler _sharedHandler = new();
    private X509Certificate2 _clientCertificate = null!;
    private ServiceProvider _services = null!;
    private IHttpClientFactory _factory = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bench-client", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _clientCertificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _factory = _services.GetRequiredService<IHttpClientFactory>();

        // Warm every pool key once so the measurements are of the steady state (hits).
        HttpClientPool.CreateClient().Dispose();
        HttpClientPool.CreateClient(CertificateAndCallbackOptions()).Dispose();
        _factory.CreateClient().Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _sharedHandler.Dispose();
    }

    [Benchmark(Baseline = true, Description = "new HttpClient(sharedHandler, false)")]
    public HttpClient SharedHandler() => new(_sharedHandler, disposeHandler: false);

    [Benchmark(Description = "HttpClientPool.CreateClient()")]
    public HttpClient PoolDefault() => HttpClientPool.CreateClient();

    [Benchmark(Description = "HttpClientPool.CreateClient(new PooledHandlerOptions())")]
    public HttpClient PoolDefaultOptionsInstance() => HttpClientPool.CreateClient(new PooledHandlerOptions());

    [Benchmark(Description = "HttpClientPool.CreateClient(certificate + callback, options built per call)")]
    public HttpClient PoolCertificateAndCallback() => HttpClientPool.CreateClient(CertificateAndCallbackOptions());

    [Benchmark(Description = "IHttpClientFactory.CreateClient()")]
    public HttpClient Factory() => _factory.CreateClient();

    private static bool ValidatePinned(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        => errors == SslPolicyErrors.None;

    private PooledHandlerOptions CertificateAndCallbackOptions()
    {
        var options = new PooledHandlerOptions { ServerCertificateCustomValidationCallback = s_pinnedValidator };
        options.ClientCertificates.Add(_clientCertificate);
        return options;
    }
}
