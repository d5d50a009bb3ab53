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
    /// <summary>The most handlers kept once keys cool down; at least 1. Default 64. When a new key would exceed it, the pool
    /// evicts a handler nobody needs: one keyed by a capturing lambda, one whose key was never asked for again, or one
    /// not used lately, least recently used first. While more keys than this are in use (asked for again and used within
    /// the last one or two idle sweeps, or serving a request), the pool grows instead, up to <see cref="HardMaxPooledHandlers"/>, and shrinks back
    /// when they cool down.</summary>
    public int MaxPooledHandlers { get; set; } = 64;

    /// <summary>The most handlers the pool ever keeps, however many keys are hot; at least <see cref="MaxPooledHandlers"/>.
    /// <see langword="null"/> (the default) means four times <see cref="MaxPooledHandlers"/>. At this ceiling a new key evicts
    /// the least recently used handler even if it is hot, and the eviction is counted with reason <c>hot</c> (thrash).</summary>
    public int? HardMaxPooledHandlers { get; set; }

    /// <summary>A handler that no client has been created for and no request has gone through for this long is evicted.
    /// Positive or <see cref="Timeout.InfiniteTimeSpan"/>. Default 5 minutes.</summary>
    public TimeSpan HandlerIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The connection lifetime used when <see cref="PooledHandlerOptions.PooledConnectionLifetime"/> is not set.
    /// Positive or <see cref="Timeout.InfiniteTimeSpan"/>. Default 2 minutes, so DNS changes are picked up.</summary>
    public TimeSpan DefaultPooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The ceiling in force: <see cref="HardMaxPooledHandlers"/>, or four times <see cref="MaxPooledHandlers"/>.</summary>
    internal int EffectiveHardMaxPooledHandlers => HardMaxPooledHandlers ?? (int)Math.Min(4L * MaxPooledHandlers, int.MaxValue);

    internal HttpClientPoolSettings Validated()
    {
        if (MaxPooledHandlers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPooledHandlers), MaxPooledHandlers, "Must be at least 1.");
        }

        if (HardMaxPooledHandlers is int hardMax && hardMax < MaxPooledHandlers)
        {
            throw new ArgumentOutOfRangeException(
                nameof(HardMaxPooledHandlers),
                hardMax,
                $"Must be at least MaxPooledHandlers ({MaxPooledHandlers}): it is the ceiling the pool may grow to while more keys than MaxPooledHandlers are hot. Raise it, or leave it null for four times MaxPooledHandlers.");
        }

        OptionsValidator.RequirePositiveOrInfinite(HandlerIdleTimeout, nameof(HandlerIdleTimeout));
        OptionsValidator.RequirePositiveOrInfinite(DefaultPooledConnectionLifetime, nameof(DefaultPooledConnectionLifetime));
        return new HttpClientPoolSettings
        {
            MaxPooledHandlers = MaxPooledHandlers,
            HardMaxPooledHandlers = EffectiveHardMaxPooledHandlers,
            HandlerIdleTimeout = HandlerIdleTimeout,
            DefaultPooledConnectionLifetime = DefaultPooledConnectionLifetime,
        };
    }
}
