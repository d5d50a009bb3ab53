using System;
using System.Diagnostics.Metrics;
using System.Threading;
using HttpClientGuard.Pooling;

namespace HttpClientGuard.Runtime.Tests.Infrastructure;

/// <summary>Private pool instances, so tests never share the process-wide pool's state and can run in parallel.</summary>
internal static class TestPools
{
    public static HandlerPool Create(
        HandlerFlavor flavor = HandlerFlavor.SocketsHttpHandler,
        int maxPooledHandlers = 64,
        int? hardMaxPooledHandlers = null,
        TimeSpan? handlerIdleTimeout = null,
        TimeSpan? defaultConnectionLifetime = null,
        Func<long>? clock = null)
    {
        var settings = new HttpClientPoolSettings
        {
            MaxPooledHandlers = maxPooledHandlers,
            HardMaxPooledHandlers = hardMaxPooledHandlers,
            HandlerIdleTimeout = handlerIdleTimeout ?? Timeout.InfiniteTimeSpan,
            DefaultPooledConnectionLifetime = defaultConnectionLifetime ?? TimeSpan.FromMinutes(2),
        }.Validated();
        return new HandlerPool(settings, flavor, new Meter(PoolMetrics.MeterName), clock);
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock
{
    private long _milliseconds = 1_000_000;

    public long Now() => Interlocked.Read(ref _milliseconds);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _milliseconds, (long)by.TotalMilliseconds);
}
