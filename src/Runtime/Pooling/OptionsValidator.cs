using System;
using System.Net.Http;
using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>Rejects invalid options in <see cref="HttpClientPool.CreateClient(PooledHandlerOptions)"/>, so a bad value
/// fails the call that passed it rather than a request later on.</summary>
internal static class OptionsValidator
{
    public static void Validate(PooledHandlerOptions options)
    {
        if (options.ClientCertificateOptions != ClientCertificateOption.Manual && options.ClientCertificateOptions != ClientCertificateOption.Automatic)
        {
            throw new ArgumentOutOfRangeException(nameof(PooledHandlerOptions.ClientCertificateOptions), options.ClientCertificateOptions, "Not a defined ClientCertificateOption.");
        }

        if (options.ClientCertificateOptions == ClientCertificateOption.Automatic && options.ClientCertificatesIfAny?.Count > 0)
        {
            throw new ArgumentException("Client certificates are picked from the user store when ClientCertificateOptions is Automatic; set it to Manual to use ClientCertificates.", nameof(PooledHandlerOptions.ClientCertificates));
        }

        RequireAtLeastOne(options.MaxAutomaticRedirections, nameof(PooledHandlerOptions.MaxAutomaticRedirections));
        RequireAtLeastOne(options.MaxConnectionsPerServer, nameof(PooledHandlerOptions.MaxConnectionsPerServer));
        RequireAtLeastOne(options.MaxResponseHeadersLength, nameof(PooledHandlerOptions.MaxResponseHeadersLength));
        if (options.PooledConnectionLifetime is TimeSpan lifetime)
        {
            RequirePositiveOrInfinite(lifetime, nameof(PooledHandlerOptions.PooledConnectionLifetime));
        }

        RequirePositiveOrInfinite(options.PooledConnectionIdleTimeout, nameof(PooledHandlerOptions.PooledConnectionIdleTimeout));
        RequirePositiveOrInfinite(options.ConnectTimeout, nameof(PooledHandlerOptions.ConnectTimeout));
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

    private static void RequireAtLeastOne(int value, string propertyName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(propertyName, value, "Must be at least 1.");
        }
    }
}
