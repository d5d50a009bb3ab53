using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using HttpClientGuard.Pooling;

namespace HttpClientGuard.Runtime.Tests.Infrastructure;

/// <summary>Listens to one pool's meter only, so parallel tests with their own pools do not add up. Counters are summed by
/// instrument and the value of their one tag (null when untagged); gauges keep their last value by the same pair.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _sums = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _gauges = new();

    public MetricsRecorder(HandlerPool pool)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, pool.Metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _sums.AddOrUpdate((instrument.Name, TagValue(tags)), value, (_, sum) => sum + value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _gauges[(instrument.Name, TagValue(tags))] = value);
        _listener.Start();
    }

    public long Sum(string instrument, string? tagValue) => _sums.TryGetValue((instrument, tagValue), out var sum) ? sum : 0;

    public long Gauge(string instrument, string? tagValue)
    {
        _listener.RecordObservableInstruments();
        return _gauges[(instrument, tagValue)];
    }

    public void Dispose() => _listener.Dispose();

    private static string? TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? null : (string?)tags[0].Value;
}
