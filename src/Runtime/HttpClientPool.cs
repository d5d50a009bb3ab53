using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading;
using HttpClientGuard.Pooling;

namespace HttpClientGuard;

/// <summary>
/// A process-wide pool of HTTP handlers keyed by their TLS and connection settings, for code that has no dependency
/// injection. Every <c>CreateClient</c> call returns a new, cheap <see cref="HttpClient"/> over a pooled handler, so
/// <see cref="HttpClient.BaseAddress"/>, <see cref="HttpClient.Timeout"/> and <see cref="HttpClient.DefaultRequestHeaders"/>
/// stay private to the caller, while connections are shared by every caller with equal handler settings.
/// </summary>
/// <remarks>
/// <para>
/// Disposing a returned client is harmless: the handler stays in the pool. Handlers idle for
/// <see cref="HttpClientPoolSettings.HandlerIdleTimeout"/> are evicted, the least recently used one is evicted when the
/// pool is full, and an evicted handler is disposed only after the requests in flight through it finish; a client created
/// before an eviction keeps working on a fresh handler for the same settings.
/// </para>
/// <para>
/// Nothing is shared that could leak between callers: cookies are off unless the caller supplies its own container,
/// and credentials, proxies and validation callbacks are part of the key. See <c>docs/runtime.md</c> for the keying rules
/// and the metrics (meter <c>HttpClientGuard</c>).
/// </para>
/// <para>Thread safety: every member is safe to call from any number of threads at once.</para>
/// </remarks>
public static class HttpClientPool
{
    private static readonly object s_configurationGate = new();
    private static HttpClientPoolSettings? s_settings;
    private static HandlerPool? s_pool;

    private static HandlerPool Pool => Volatile.Read(ref s_pool) ?? CreatePool();

    /// <summary>Sets the pool's limits. Call it at most once, at start-up, before the first client is created.</summary>
    /// <param name="settings">The limits; validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the exception names it.</exception>
    /// <exception cref="InvalidOperationException">The pool was already configured or already used.</exception>
    public static void Configure(HttpClientPoolSettings settings)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        var validated = settings.Validated();
        lock (s_configurationGate)
        {
            if (s_pool is not null || s_settings is not null)
            {
                throw new InvalidOperationException("HttpClientPool is configured once, at start-up, before the first CreateClient call.");
            }

            s_settings = validated;
        }
    }

    /// <summary>Creates a client over the pooled handler for default options.</summary>
    /// <returns>A new client; dispose it or not, the pooled handler is unaffected.</returns>
    public static HttpClient CreateClient() => Pool.CreateClient(baseAddress: null);

    /// <summary>Creates a client with a base address over the pooled handler for default options.</summary>
    /// <param name="baseAddress">The client's base address; absolute.</param>
    /// <returns>A new client; dispose it or not, the pooled handler is unaffected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="baseAddress"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute.</exception>
    public static HttpClient CreateClient(Uri baseAddress)
        => Pool.CreateClient(baseAddress ?? throw new ArgumentNullException(nameof(baseAddress)));

    /// <summary>Creates a client over the pooled handler for <paramref name="options"/>, creating that handler on first use.</summary>
    /// <param name="options">Handler settings; read during the call and not kept.</param>
    /// <returns>A new client; dispose it or not, the pooled handler is unaffected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range or an undefined or unusable enum value (such as
    /// SSL 3.0); the exception names the property.</exception>
    /// <exception cref="ArgumentException">A client certificate problem, naming the property: certificates given while
    /// <see cref="PooledHandlerOptions.ClientCertificateOptions"/> is Automatic, none usable for client authentication
    /// (no private key, or usages that exclude it), or a disposed certificate.</exception>
    public static HttpClient CreateClient(PooledHandlerOptions options)
        => Pool.CreateClient(options ?? throw new ArgumentNullException(nameof(options)), baseAddress: null);

    /// <summary>Creates a client with a base address over the pooled handler for <paramref name="options"/>.</summary>
    /// <param name="options">Handler settings; read during the call and not kept.</param>
    /// <param name="baseAddress">The client's base address; absolute.</param>
    /// <returns>A new client; dispose it or not, the pooled handler is unaffected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="baseAddress"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range or an undefined or unusable enum value (such as
    /// SSL 3.0); the exception names the property.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute, or a client certificate problem
    /// (see <see cref="CreateClient(PooledHandlerOptions)"/>).</exception>
    public static HttpClient CreateClient(PooledHandlerOptions options, Uri baseAddress)
        => Pool.CreateClient(
            options ?? throw new ArgumentNullException(nameof(options)),
            baseAddress ?? throw new ArgumentNullException(nameof(baseAddress)));

    /// <summary>
    /// The fingerprint of the handler <paramref name="options"/> map to: the SHA-256 (64 lowercase hex digits) of the
    /// canonical serialization of every handler-level setting, for logs and metrics. Equal fingerprints mean a shared
    /// handler. It never contains secrets: certificates enter as hashes of their DER encoding, and credentials, callbacks
    /// and cookie containers as identity numbers that are meaningful only inside this process.
    /// </summary>
    /// <param name="options">Handler settings.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid, as for <see cref="CreateClient(PooledHandlerOptions)"/>;
    /// the exception names the property.</exception>
    public static string GetFingerprint(PooledHandlerOptions options)
        => Pool.GetFingerprint(options ?? throw new ArgumentNullException(nameof(options)));

    private static HandlerPool CreatePool()
    {
        lock (s_configurationGate)
        {
            if (s_pool is null)
            {
                var settings = s_settings ?? new HttpClientPoolSettings().Validated();
                var meter = new Meter(PoolMetrics.MeterName, typeof(HttpClientPool).Assembly.GetName().Version?.ToString());
                Volatile.Write(ref s_pool, new HandlerPool(settings, DefaultFlavor, meter));
            }

            return s_pool!;
        }
    }

    private static HandlerFlavor DefaultFlavor
#if NET
        => HandlerFlavor.SocketsHttpHandler;
#else
        => HandlerFlavor.RotatingHttpClientHandler;
#endif
}
