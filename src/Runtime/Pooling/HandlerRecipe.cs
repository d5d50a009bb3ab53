using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Pooling;

/// <summary>
/// An immutable copy of the options a pooled handler was built from, so the pool can build the same handler again
/// (after a rotation or when an evicted handler's clients send again) whatever the caller did to its options since.
/// Certificates are cloned because a caller may dispose its own instances. The clones are not disposed with a handler:
/// clients of an evicted handler may rebuild from this recipe, so they are released when the recipe becomes unreachable.
/// </summary>
internal sealed class HandlerRecipe
{
    private HandlerRecipe(PooledHandlerOptions options, TimeSpan defaultConnectionLifetime)
    {
        ClientCertificateOptions = options.ClientCertificateOptions;
        ClientCertificates = CloneAll(options.ClientCertificatesIfAny);
        ServerCertificateCustomValidationCallback = options.ServerCertificateCustomValidationCallback;
        SslProtocols = options.SslProtocols;
        CheckCertificateRevocationList = options.CheckCertificateRevocationList;
        TrustedRootCertificates = new X509Certificate2Collection();
        foreach (var root in options.TrustedRootCertificatesIfAny ?? [])
        {
            TrustedRootCertificates.Add(new X509Certificate2(root));
        }

        Proxy = options.Proxy;
        UseProxy = options.UseProxy;
        DefaultProxyCredentials = options.DefaultProxyCredentials;
        Credentials = options.Credentials;
        UseDefaultCredentials = options.UseDefaultCredentials;
        PreAuthenticate = options.PreAuthenticate;
        AllowAutoRedirect = options.AllowAutoRedirect;
        MaxAutomaticRedirections = options.MaxAutomaticRedirections;
        AutomaticDecompression = options.AutomaticDecompression;
        MaxConnectionsPerServer = options.MaxConnectionsPerServer;
        MaxResponseHeadersLength = options.MaxResponseHeadersLength;
        UseCookies = options.UseCookies;
        CookieContainer = options.UseCookies ? options.CookieContainer : null;
        PooledConnectionLifetime = options.PooledConnectionLifetime ?? defaultConnectionLifetime;
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout;
        ConnectTimeout = options.ConnectTimeout;
    }

    public ClientCertificateOption ClientCertificateOptions { get; }

    public X509CertificateCollection ClientCertificates { get; }

    public Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>? ServerCertificateCustomValidationCallback { get; }

    public SslProtocols SslProtocols { get; }

    public bool CheckCertificateRevocationList { get; }

    public X509Certificate2Collection TrustedRootCertificates { get; }

    public IWebProxy? Proxy { get; }

    public bool UseProxy { get; }

    public ICredentials? DefaultProxyCredentials { get; }

    public ICredentials? Credentials { get; }

    public bool UseDefaultCredentials { get; }

    public bool PreAuthenticate { get; }

    public bool AllowAutoRedirect { get; }

    public int MaxAutomaticRedirections { get; }

    public DecompressionMethods AutomaticDecompression { get; }

    public int MaxConnectionsPerServer { get; }

    public int MaxResponseHeadersLength { get; }

    public bool UseCookies { get; }

    public CookieContainer? CookieContainer { get; }

    public TimeSpan PooledConnectionLifetime { get; }

    public TimeSpan PooledConnectionIdleTimeout { get; }

    public TimeSpan ConnectTimeout { get; }

    /// <summary>The credentials a handler sends, folding <see cref="UseDefaultCredentials"/> in as HttpClientHandler does.</summary>
    public ICredentials? EffectiveCredentials => UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credentials;

    public static HandlerRecipe From(PooledHandlerOptions options, TimeSpan defaultConnectionLifetime) => new(options, defaultConnectionLifetime);

    private static X509CertificateCollection CloneAll(X509CertificateCollection? certificates)
    {
        var clones = new X509CertificateCollection();
        foreach (X509Certificate certificate in certificates ?? [])
        {
            // The copy shares the private key but not the caller's handle, so disposing the caller's instance is harmless.
            // A plain X509Certificate is copied as an X509Certificate2, the only kind SslStream's selection can send.
            clones.Add(new X509Certificate2(certificate));
        }

        return clones;
    }
}
