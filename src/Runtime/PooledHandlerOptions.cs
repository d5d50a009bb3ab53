using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard;

/// <summary>
/// Handler-level settings for <see cref="HttpClientPool.CreateClient(PooledHandlerOptions)"/>. The properties carry the
/// names and types of <see cref="HttpClientHandler"/>'s, so code that configures a handler configures options by changing
/// one type name; a few connection settings of <c>SocketsHttpHandler</c> and a declarative CA bundle are added.
/// </summary>
/// <remarks>
/// <para>
/// Options are a plain settings bag: setters accept any value and <see cref="HttpClientPool.CreateClient(PooledHandlerOptions)"/>
/// validates them. The pool copies what it needs (certificates are cloned), so an options instance may be reused, changed or
/// dropped after the call. Two instances that carry equal settings share one pooled handler; see <c>docs/runtime.md</c> for
/// how each setting is compared.
/// </para>
/// <para>
/// Thread safety: an instance is not safe to change while another thread reads it (including while
/// <see cref="HttpClientPool.CreateClient(PooledHandlerOptions)"/> runs on it). Reading it from several threads at once is safe.
/// </para>
/// </remarks>
public sealed class PooledHandlerOptions
{
    // Created on first read: most options carry no certificates, and options are often built per call.
    private X509CertificateCollection? _clientCertificates;
    private X509Certificate2Collection? _trustedRootCertificates;
    private CookieContainer? _cookieContainer;

    /// <summary>Client certificates offered for TLS client authentication. Compared by the SHA-256 hash of their DER
    /// encoding (and whether a private key is attached); the pool keeps its own copies.</summary>
    public X509CertificateCollection ClientCertificates => _clientCertificates ?? CreateOnce(ref _clientCertificates, new X509CertificateCollection());

    /// <summary>Whether client certificates come from <see cref="ClientCertificates"/> (<see cref="ClientCertificateOption.Manual"/>,
    /// the default) or are picked automatically from the current user's personal store.</summary>
    public ClientCertificateOption ClientCertificateOptions { get; set; } = ClientCertificateOption.Manual;

    /// <summary>A callback that validates the server certificate; <see langword="null"/> uses the platform's validation.
    /// Compared by identity (same method and same target): static methods and lambdas that capture nothing pool; a
    /// capturing lambda built per call gets a handler of its own each call (counted as <c>uncacheable</c>).</summary>
    public Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>? ServerCertificateCustomValidationCallback { get; set; }

    /// <summary>TLS protocol versions allowed; <see cref="SslProtocols.None"/> (the default) lets the operating system choose.</summary>
    public SslProtocols SslProtocols { get; set; } = SslProtocols.None;

    /// <summary>Whether the server certificate is checked against the certificate revocation list. Default <see langword="false"/>.</summary>
    public bool CheckCertificateRevocationList { get; set; }

    /// <summary>
    /// Root certificates that server certificates must chain to, for services that use a private CA. When the collection is
    /// not empty it replaces the system trust store for this handler (host names are still checked) and no validation
    /// callback is needed; a <see cref="ServerCertificateCustomValidationCallback"/>, if set, then receives the errors as
    /// judged against these roots. Compared by the SHA-256 hash of each certificate's DER encoding.
    /// On .NET 5 and later a PEM bundle loads with <c>TrustedRootCertificates.ImportFromPemFile(path)</c>.
    /// </summary>
    public X509Certificate2Collection TrustedRootCertificates => _trustedRootCertificates ?? CreateOnce(ref _trustedRootCertificates, new X509Certificate2Collection());

    /// <summary>The proxy to use when <see cref="UseProxy"/> is set; <see langword="null"/> uses the system proxy.
    /// A <see cref="WebProxy"/> is compared by its settings (address, bypass rules, credentials by identity), so do not
    /// change it after passing it; any other <see cref="IWebProxy"/> is compared by identity.</summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>Whether a proxy is used at all. Default <see langword="true"/>.</summary>
    public bool UseProxy { get; set; } = true;

    /// <summary>Credentials for the default (system) proxy. Compared by identity: reuse one instance.</summary>
    public ICredentials? DefaultProxyCredentials { get; set; }

    /// <summary>Credentials for server authentication. Compared by identity (never by user name or password): reuse one instance.</summary>
    public ICredentials? Credentials { get; set; }

    /// <summary>Whether the default credentials of the process are sent to the server. Default <see langword="false"/>.</summary>
    public bool UseDefaultCredentials { get; set; }

    /// <summary>Whether an Authorization header is sent with the first request. Default <see langword="false"/>.</summary>
    public bool PreAuthenticate { get; set; }

    /// <summary>Whether redirect responses are followed. Default <see langword="true"/>.</summary>
    public bool AllowAutoRedirect { get; set; } = true;

    /// <summary>The maximum number of redirects followed; at least 1. Default 50.</summary>
    public int MaxAutomaticRedirections { get; set; } = 50;

    /// <summary>Response content encodings decompressed automatically. Default <see cref="DecompressionMethods.None"/>.</summary>
    public DecompressionMethods AutomaticDecompression { get; set; } = DecompressionMethods.None;

    /// <summary>The maximum number of concurrent connections per server; at least 1. Default <see cref="int.MaxValue"/>.</summary>
    public int MaxConnectionsPerServer { get; set; } = int.MaxValue;

    /// <summary>The maximum length of response headers, in kilobytes; at least 1. Default 64.</summary>
    public int MaxResponseHeadersLength { get; set; } = 64;

    /// <summary>
    /// Whether the handler stores cookies and sends them back. Default <see langword="false"/>, unlike
    /// <see cref="HttpClientHandler"/>: a pooled handler is shared by unrelated callers, so cookies are used only with a
    /// container that the caller owns (see <see cref="CookieContainer"/>).
    /// </summary>
    public bool UseCookies { get; set; }

    /// <summary>
    /// The container that holds cookies when <see cref="UseCookies"/> is set. Compared by identity: callers that pass the
    /// same container share a handler and its cookies, callers with different containers never do. As with
    /// <see cref="HttpClientHandler"/>, reading the property creates a container when none was set, so options that are
    /// reused keep their cookies and options built per call get a fresh container (and a fresh handler) each call.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public CookieContainer CookieContainer
    {
        get => _cookieContainer ?? CreateOnce(ref _cookieContainer, new CookieContainer());
        set => _cookieContainer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// How long a connection may be reused before it is closed, so DNS changes are picked up. Positive or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>; <see langword="null"/> (the default) uses
    /// <see cref="HttpClientPoolSettings.DefaultPooledConnectionLifetime"/> (2 minutes unless configured). On netstandard2.0
    /// the pool rotates the whole <see cref="HttpClientHandler"/> on this lifetime instead.
    /// </summary>
    public TimeSpan? PooledConnectionLifetime { get; set; }

    /// <summary>How long an idle connection stays open; positive or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.
    /// Default 1 minute. Applies on .NET 8 and later (SocketsHttpHandler); netstandard2.0 has no such setting.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long establishing a connection (including the TLS handshake) may take; positive or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> (the default). Applies on .NET 8 and later
    /// (SocketsHttpHandler); netstandard2.0 has no such setting.</summary>
    public TimeSpan ConnectTimeout { get; set; } = System.Threading.Timeout.InfiniteTimeSpan;

    // Two threads reading a property for the first time must get the same instance, or the key and the handler could
    // name different cookie containers.
    private static T CreateOnce<T>(ref T? field, T created)
        where T : class
        => System.Threading.Interlocked.CompareExchange(ref field, created, null) ?? created;

    /// <summary>The client certificates, without creating the collection.</summary>
    internal X509CertificateCollection? ClientCertificatesIfAny => _clientCertificates;

    /// <summary>The trusted roots, without creating the collection.</summary>
    internal X509Certificate2Collection? TrustedRootCertificatesIfAny => _trustedRootCertificates;
}
