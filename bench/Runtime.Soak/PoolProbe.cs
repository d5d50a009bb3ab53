using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using HttpClientGuard.Pooling;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>A private pool (so every scenario has its own limits and counts) and its metrics, read the way docs/runtime.md
/// shows: a <see cref="MeterListener"/> on the HttpClientGuard meter, limited to this pool's instruments.</summary>
internal sealed class PoolProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public PoolProbe(int maxPooledHandlers, int? hardMaxPooledHandlers = null)
    {
        var settings = new HttpClientPoolSettings
        {
            MaxPooledHandlers = maxPooledHandlers,
            HardMaxPooledHandlers = hardMaxPooledHandlers,
            HandlerIdleTimeout = Timeout.InfiniteTimeSpan,
        }.Validated();
        Pool = new HandlerPool(settings, HandlerFlavor.SocketsHttpHandler, new Meter(PoolMetrics.MeterName));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Pool.Metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _counts.AddOrUpdate(Name(instrument.Name, tags), value, (_, sum) => sum + value));
        _listener.Start();
    }

    public HandlerPool Pool { get; }

    public long Count(string instrument, string tagValue)
    {
        foreach (var (name, value) in _counts)
        {
            if (name.StartsWith(instrument + "{", StringComparison.Ordinal) && name.EndsWith("=" + tagValue + "}", StringComparison.Ordinal))
            {
                return value;
            }
        }

        return 0;
    }

    public long Created(string reason) => Count(PoolMetrics.HandlersCreatedInstrument, reason);

    public long Evicted(string reason) => Count(PoolMetrics.EvictionsInstrument, reason);

    public void Dispose()
    {
        _listener.Dispose();
        Pool.Dispose();
        Pool.Metrics.Meter.Dispose();
    }

    private static string Name(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => tags.Length == 0 ? instrument : $"{instrument}{{{tags[0].Key}={tags[0].Value}}}";
}
