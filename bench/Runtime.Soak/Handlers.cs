using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>The same handler settings for every approach compared: what the pool builds for
/// <see cref="PooledHandlerOptions"/> with a CA bundle and a distinct <c>MaxResponseHeadersLength</c> per key.</summary>
internal static class Handlers
{
    public static PooledHandlerOptions PoolOptions(int key, X509Certificate2 authority)
    {
        // Built per call, as a call site rewritten by the code fix does.
        var options = new PooledHandlerOptions { MaxResponseHeadersLength = 64 + key };
        options.TrustedRootCertificates.Add(authority);
        return options;
    }

    public static SocketsHttpHandler SocketsHandler(int key, X509Certificate2 authority, RemoteCertificateValidationCallback? validate = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(authority);
        // A handler per call on purpose: the churn scenario measures what the pool does with them.
#pragma warning disable HCG002
        return new SocketsHttpHandler
#pragma warning restore HCG002
        {
            MaxResponseHeadersLength = 64 + key,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy, RemoteCertificateValidationCallback = validate },
        };
    }

    /// <summary>An <see cref="IHttpClientFactory"/> with one named client per key ("key0", "key1", ...), each with its own
    /// primary handler, counted as it is created.</summary>
    public static ServiceProvider FactoryWithOneNamePerKey(int keys, Func<int, HttpMessageHandler> primaryHandler, Action onHandlerCreated)
    {
        var services = new ServiceCollection();
        for (var key = 0; key < keys; key++)
        {
            var captured = key;
            services.AddHttpClient("key" + key).ConfigurePrimaryHttpMessageHandler(() =>
            {
                onHandlerCreated();
                return primaryHandler(captured);
            });
        }

        return services.BuildServiceProvider();
    }
}
