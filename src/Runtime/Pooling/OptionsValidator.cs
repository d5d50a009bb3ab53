using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using HttpClientGuard.Tls;

namespace HttpClientGuard.Pooling;

/// <summary>Rejects invalid options in <see cref="HttpClientPool.CreateClient(PooledHandlerOptions)"/>, so a bad value
/// fails the call that passed it, with the property's name and what to do, rather than a request later on.</summary>
internal static class OptionsValidator
{
    // SslProtocols values by number: netstandard2.0 has no Tls13 member, and net8.0 marks Ssl2, Ssl3, Tls and Tls11 obsolete.
    private const int Ssl2 = 12;
    private const int Ssl3 = 48;
    private const int DefinedSslProtocols = Ssl2 | Ssl3 | 192 /* Tls */ | 768 /* Tls11 */ | 3072 /* Tls12 */ | 12288 /* Tls13 */;

    // DecompressionMethods: GZip, Deflate, Brotli (not on netstandard2.0), or All (-1, .NET Core 3.0 and later).
    private const int DefinedDecompressionMethods = 1 | 2 | 4;
    private const int AllDecompressionMethods = -1;

    public static void Validate(PooledHandlerOptions options, IdentityRegistry identities)
    {
        if (options.ClientCertificateOptions != ClientCertificateOption.Manual && options.ClientCertificateOptions != ClientCertificateOption.Automatic)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PooledHandlerOptions.ClientCertificateOptions),
                options.ClientCertificateOptions,
                Invariant($"{(int)options.ClientCertificateOptions} is not a defined ClientCertificateOption. Use ClientCertificateOption.Manual to send a certificate from ClientCertificates, or ClientCertificateOption.Automatic to pick one from the current user's certificate store."));
        }

        if (options.ClientCertificateOptions == ClientCertificateOption.Automatic && options.ClientCertificatesIfAny?.Count > 0)
        {
            throw new ArgumentException("Client certificates are picked from the user store when ClientCertificateOptions is Automatic; set it to Manual to use ClientCertificates.", nameof(PooledHandlerOptions.ClientCertificates));
        }

        ValidateSslProtocols(options.SslProtocols);
        ValidateDecompression(options.AutomaticDecompression);
        RequireAtLeastOne(options.MaxAutomaticRedirections, nameof(PooledHandlerOptions.MaxAutomaticRedirections));
        RequireAtLeastOne(options.MaxConnectionsPerServer, nameof(PooledHandlerOptions.MaxConnectionsPerServer));
        RequireAtLeastOne(options.MaxResponseHeadersLength, nameof(PooledHandlerOptions.MaxResponseHeadersLength));
        if (options.PooledConnectionLifetime is TimeSpan lifetime)
        {
            RequirePositiveOrInfinite(lifetime, nameof(PooledHandlerOptions.PooledConnectionLifetime));
        }

        RequirePositiveOrInfinite(options.PooledConnectionIdleTimeout, nameof(PooledHandlerOptions.PooledConnectionIdleTimeout));
        RequirePositiveOrInfinite(options.ConnectTimeout, nameof(PooledHandlerOptions.ConnectTimeout));
        ValidateClientCertificates(options.ClientCertificatesIfAny, identities);
        RequireNotDisposed(options.TrustedRootCertificatesIfAny, nameof(PooledHandlerOptions.TrustedRootCertificates));
    }

    public static void RequirePositiveOrInfinite(TimeSpan value, string propertyName)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(propertyName, value, "Must be positive or Timeout.InfiniteTimeSpan.");
        }

        // Timers and handlers take milliseconds as an int.
        if (value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(propertyName, value, "Must be at most Int32.MaxValue milliseconds.");
        }
    }

    private static void ValidateSslProtocols(SslProtocols protocols)
    {
        var value = (int)protocols;
        if ((value & ~DefinedSslProtocols) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PooledHandlerOptions.SslProtocols),
                protocols,
                Invariant($"0x{value:X} has bits that name no SslProtocols value. Combine defined values only (SslProtocols.Tls12 | SslProtocols.Tls13), or leave SslProtocols.None to let the operating system choose (recommended)."));
        }

        if ((value & (Ssl2 | Ssl3)) != 0)
        {
            // .NET refuses SSL 2.0 on every platform, and current operating systems and OpenSSL builds have SSL 3.0 off:
            // the request would fail in the TLS handshake. SslProtocols.Default includes SSL 3.0.
            throw new ArgumentOutOfRangeException(
                nameof(PooledHandlerOptions.SslProtocols),
                protocols,
                "SSL 2.0 and SSL 3.0 (SslProtocols.Ssl2, Ssl3, and Default, which includes Ssl3) are insecure and not available on the platforms .NET runs on, so every request would fail in the TLS handshake. Leave SslProtocols.None to let the operating system choose (recommended), or use SslProtocols.Tls12 | SslProtocols.Tls13.");
        }
    }

    private static void ValidateDecompression(DecompressionMethods methods)
    {
        var value = (int)methods;
        if (value != AllDecompressionMethods && (value & ~DefinedDecompressionMethods) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PooledHandlerOptions.AutomaticDecompression),
                methods,
                Invariant($"0x{value:X} has bits that name no DecompressionMethods value. Combine DecompressionMethods.GZip, Deflate and Brotli, or use None or All."));
        }
    }

    // HttpClientHandler sends the first usable certificate of the collection; when none is usable the request goes out
    // without one and the server's refusal says nothing about the certificate, so that case fails here instead.
    private static void ValidateClientCertificates(X509CertificateCollection? certificates, IdentityRegistry identities)
    {
        var count = certificates?.Count ?? 0;
        if (count == 0)
        {
            return;
        }

        RequireNotDisposed(certificates, nameof(PooledHandlerOptions.ClientCertificates));
        string? firstProblem = null;
        for (var i = 0; i < count; i++)
        {
            var certificate = certificates![i];
            var problem = identities.DigestOf(certificate).ClientAuthenticationProblem(certificate);
            if (problem is null)
            {
                return;
            }

            firstProblem ??= Invariant($"ClientCertificates[{i}] ({Describe(certificate)}) {problem}.");
        }

        throw new ArgumentException(
            count == 1 ? firstProblem : firstProblem + " No other certificate in ClientCertificates can be used either.",
            nameof(PooledHandlerOptions.ClientCertificates));
    }

    private static void RequireNotDisposed(X509CertificateCollection? certificates, string propertyName)
    {
        var count = certificates?.Count ?? 0;
        for (var i = 0; i < count; i++)
        {
            var certificate = certificates![i];
            if (certificate is null || ClientCertificateSelector.IsDisposed(certificate))
            {
                throw new ArgumentException(
                    Invariant($"{propertyName}[{i}] has been disposed (or holds no certificate), so it cannot be read. Pass a certificate that is not disposed yet; disposing your instance after CreateClient returns is fine, because the pool keeps its own copy."),
                    propertyName);
            }
        }
    }

    private static string Describe(X509Certificate certificate)
    {
        try
        {
            return certificate.Subject + ", thumbprint " + certificate.GetCertHashString();
        }
        catch (CryptographicException)
        {
            return "unreadable";
        }
    }

    private static void RequireAtLeastOne(int value, string propertyName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(propertyName, value, "Must be at least 1.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
