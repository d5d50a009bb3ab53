using System;
using System.Threading;
using HttpClientGuard.Pooling;

namespace HttpClientGuard;

/// <summary>
/// Limits of the process-wide pool, set once at start-up with <see cref="HttpClientPool.Configure(HttpClientPoolSettings)"/>.
/// </summary>
/// <remarks>
/// Thread safety: a plain settings bag, not safe to change from several threads at once. The pool validates and copies the
/// values when it is configured, so later changes to the instance have no effect.
/// </remarks>
public sealed class HttpClientPoolSettings
{
    /// <summary>The most handlers kept at once; at least 1. When a new key would exceed it, the least recently used handler
    /// is evicted (handlers keyed by a capturing lambda go first). Default 64.</summary>
    public int MaxPooledHandlers { get; set; } = 64;

    /// <summary>A handler that no client has been created for and no request has gone through for this long is evicted.
    /// Positive or <see cref="Timeout.InfiniteTimeSpan"/>. Default 5 minutes.</summary>
    public TimeSpan HandlerIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The connection lifetime used when <see cref="PooledHandlerOptions.PooledConnectionLifetime"/> is not set.
    /// Positive or <see cref="Timeout.InfiniteTimeSpan"/>. Default 2 minutes, so DNS changes are picked up.</summary>
    public TimeSpan DefaultPooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    internal HttpClientPoolSettings Validated()
    {
        if (MaxPooledHandlers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPooledHandlers), MaxPooledHandlers, "Must be at least 1.");
        }

        OptionsValidator.RequirePositiveOrInfinite(HandlerIdleTimeout, nameof(HandlerIdleTimeout));
        OptionsValidator.RequirePositiveOrInfinite(DefaultPooledConnectionLifetime, nameof(DefaultPooledConnectionLifetime));
        return new HttpClientPoolSettings
        {
            MaxPooledHandlers = MaxPooledHandlers,
            HandlerIdleTimeout = HandlerIdleTimeout,
            DefaultPooledConnectionLifetime = DefaultPooledConnectionLifetime,
        };
    }
}
