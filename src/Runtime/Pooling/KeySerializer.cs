using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Pooling;

/// <summary>
/// Writes the canonical serialization of every handler-level setting. Values are written in a fixed order with lengths
/// before variable parts, so equal settings give equal bytes and different settings different bytes. Certificates appear
/// as the SHA-256 of their DER encoding, credentials, proxies other than <see cref="WebProxy"/>, cookie containers and
/// delegate targets as identity numbers: no secret ever enters the key.
/// </summary>
internal static class KeySerializer
{
    // Bumped whenever the layout changes, so fingerprints logged by different versions never collide by accident.
    private const byte FormatVersion = 1;

    /// <returns><see langword="true"/> when the key holds the identity of a compiler-generated closure (a capturing lambda),
    /// which is usually built per call and then never hits.</returns>
    public static bool Write(ref KeyWriter writer, PooledHandlerOptions options, TimeSpan defaultConnectionLifetime, IdentityRegistry identities)
    {
        var holdsClosure = false;
        writer.WriteByte(FormatVersion);

        writer.WriteInt32((int)options.ClientCertificateOptions);
        WriteCertificates(ref writer, options.ClientCertificatesIfAny, identities);
        WriteDelegate(ref writer, options.ServerCertificateCustomValidationCallback, identities, ref holdsClosure);
        writer.WriteInt32((int)options.SslProtocols);
        writer.WriteBoolean(options.CheckCertificateRevocationList);
        WriteCertificates(ref writer, options.TrustedRootCertificatesIfAny, identities);

        writer.WriteBoolean(options.UseProxy);
        WriteProxy(ref writer, options.Proxy, identities);
        WriteIdentity(ref writer, options.DefaultProxyCredentials, identities);

        WriteIdentity(ref writer, options.Credentials, identities);
        writer.WriteBoolean(options.UseDefaultCredentials);
        writer.WriteBoolean(options.PreAuthenticate);

        writer.WriteBoolean(options.AllowAutoRedirect);
        writer.WriteInt32(options.MaxAutomaticRedirections);
        writer.WriteInt32((int)options.AutomaticDecompression);
        writer.WriteInt32(options.MaxConnectionsPerServer);
        writer.WriteInt32(options.MaxResponseHeadersLength);

        writer.WriteBoolean(options.UseCookies);

        // A handler that uses cookies must never get a container nobody owns: reading the property creates one on the
        // options (as HttpClientHandler does), so the key names a container the caller holds.
        WriteIdentity(ref writer, options.UseCookies ? options.CookieContainer : null, identities);

        writer.WriteInt64((options.PooledConnectionLifetime ?? defaultConnectionLifetime).Ticks);
        writer.WriteInt64(options.PooledConnectionIdleTimeout.Ticks);
        writer.WriteInt64(options.ConnectTimeout.Ticks);
        return holdsClosure;
    }

    private static void WriteCertificates(ref KeyWriter writer, X509CertificateCollection? certificates, IdentityRegistry identities)
    {
        // Indexed, not foreach: the collection's enumerator is an allocation on every call.
        var count = certificates?.Count ?? 0;
        writer.WriteInt32(count);
        for (var i = 0; i < count; i++)
        {
            var digest = identities.DigestOf(certificates![i]);
            writer.WriteBytes(digest.DerSha256);
            writer.WriteBoolean(digest.HasPrivateKey);
        }
    }

    private static void WriteDelegate(ref KeyWriter writer, Delegate? callback, IdentityRegistry identities, ref bool holdsClosure)
    {
        if (callback is null)
        {
            writer.WriteInt32(0);
            return;
        }

        var invocationList = callback.GetInvocationList();
        writer.WriteInt32(invocationList.Length);
        foreach (var single in invocationList)
        {
            writer.WriteInt64(MethodIdentity(single, identities));
            var target = single.Target;
            writer.WriteInt64(target is null ? 0 : identities.IdentityOf(target));
            holdsClosure |= target is not null && IsClosure(target.GetType());
        }
    }

    private static long MethodIdentity(Delegate single, IdentityRegistry identities)
    {
        try
        {
            return single.Method.MethodHandle.Value.ToInt64();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException)
        {
            // Dynamic methods have no handle; the delegate instance itself is then the identity (negative: never a handle).
            return -identities.IdentityOf(single);
        }
    }

    // C# display classes and VB closures: a new instance per call of the method that builds the lambda.
    private static bool IsClosure(Type type)
        => type.Name.IndexOf("DisplayClass", StringComparison.Ordinal) >= 0
           || type.Name.StartsWith("_Closure$__", StringComparison.Ordinal);

    private static void WriteProxy(ref KeyWriter writer, IWebProxy? proxy, IdentityRegistry identities)
    {
        if (proxy is null)
        {
            writer.WriteByte(0);
        }
        else if (proxy.GetType() == typeof(WebProxy))
        {
            // A WebProxy is a settings bag: per-call instances with equal settings should pool.
            var webProxy = (WebProxy)proxy;
            writer.WriteByte(1);
            writer.WriteString(webProxy.Address?.OriginalString);
            writer.WriteBoolean(webProxy.BypassProxyOnLocal);
            var bypassList = webProxy.BypassList;
            writer.WriteInt32(bypassList.Length);
            foreach (var pattern in bypassList)
            {
                writer.WriteString(pattern);
            }

            writer.WriteBoolean(webProxy.UseDefaultCredentials);
            WriteIdentity(ref writer, webProxy.Credentials, identities);
        }
        else
        {
            writer.WriteByte(2);
            writer.WriteInt64(identities.IdentityOf(proxy));
        }
    }

    private static void WriteIdentity(ref KeyWriter writer, object? value, IdentityRegistry identities)
        => writer.WriteInt64(value is null ? 0 : identities.IdentityOf(value));
}
