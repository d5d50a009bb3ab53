using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace HttpClientGuard.Pooling;

/// <summary>The pool's instruments. Names, units and tags are documented in docs/runtime.md; keep them in sync.</summary>
internal sealed class PoolMetrics
{
    public const string MeterName = "HttpClientGuard";
    public const string HandlersInstrument = "httpclientguard.pool.handlers";
    public const string HandlersCreatedInstrument = "httpclientguard.pool.handlers_created";
    public const string CreateClientInstrument = "httpclientguard.pool.create_client";
    public const string EvictionsInstrument = "httpclientguard.pool.evictions";
    public const string RotationsInstrument = "httpclientguard.pool.rotations";
    public const string ResultTag = "result";
    public const string ReasonTag = "reason";
    public const string StateTag = "state";

    private static readonly KeyValuePair<string, object?> s_hit = new(ResultTag, "hit");
    private static readonly KeyValuePair<string, object?> s_miss = new(ResultTag, "miss");
    private static readonly KeyValuePair<string, object?> s_uncacheable = new(ResultTag, "uncacheable");
    private static readonly KeyValuePair<string, object?> s_idle = new(ReasonTag, "idle");
    private static readonly KeyValuePair<string, object?> s_capacity = new(ReasonTag, "capacity");
    private static readonly KeyValuePair<string, object?> s_hot = new(ReasonTag, "hot");
    private static readonly KeyValuePair<string, object?> s_newKey = new(ReasonTag, "new_key");
    private static readonly KeyValuePair<string, object?> s_rebuilt = new(ReasonTag, "rebuilt");
    private static readonly KeyValuePair<string, object?> s_rotated = new(ReasonTag, "rotated");
    private static readonly KeyValuePair<string, object?> s_pooled = new(StateTag, "pooled");
    private static readonly KeyValuePair<string, object?> s_draining = new(StateTag, "draining");

    private readonly Counter<long> _createClient;
    private readonly Counter<long> _handlersCreated;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _rotations;

    public PoolMetrics(Meter meter, Func<int> pooledHandlers, Func<int> drainingHandlers)
    {
        Meter = meter;
        meter.CreateObservableGauge(
            HandlersInstrument,
            () => new[] { new Measurement<int>(pooledHandlers(), s_pooled), new Measurement<int>(drainingHandlers(), s_draining) },
            "{handler}",
            "Handlers alive, by state: pooled (in the pool, taking new requests) or draining (evicted or rotated out, finishing the requests in flight, disposed when they end).");
        _handlersCreated = meter.CreateCounter<long>(HandlersCreatedInstrument, "{handler}", "Handlers created, by reason: new_key (a key the pool had not seen lately), rebuilt (a key evicted before, asked for again or still used by a client that outlived the eviction), rotated (an HttpClientHandler replaced after its connection lifetime).");
        _createClient = meter.CreateCounter<long>(CreateClientInstrument, "{call}", "CreateClient calls, by result: hit (pooled handler reused), miss (handler created), uncacheable (handler created for a key holding a capturing lambda).");
        _evictions = meter.CreateCounter<long>(EvictionsInstrument, "{handler}", "Handlers evicted from the pool, by reason: idle, capacity (a one-off, capturing-lambda or cooled-down key made room), or hot (at the hard maximum, a key in use moments ago had to go: the pool thrashes). Each is disposed once its requests in flight finish.");
        _rotations = meter.CreateCounter<long>(RotationsInstrument, "{handler}", "HttpClientHandlers replaced after their connection lifetime (the rotating handlers of the netstandard2.0 build); also counted in handlers_created with reason rotated.");
    }

    public Meter Meter { get; }

    public void CreateClient(CreateClientResult result)
        => _createClient.Add(1, result switch
        {
            CreateClientResult.Hit => s_hit,
            CreateClientResult.Miss => s_miss,
            _ => s_uncacheable,
        });

    public void HandlerCreated(HandlerCreation reason)
    {
        _handlersCreated.Add(1, reason switch
        {
            HandlerCreation.NewKey => s_newKey,
            HandlerCreation.Rebuilt => s_rebuilt,
            _ => s_rotated,
        });
        if (reason == HandlerCreation.Rotated)
        {
            _rotations.Add(1);
        }
    }

    public void Evicted(EvictionReason reason)
        => _evictions.Add(1, reason switch
        {
            EvictionReason.Idle => s_idle,
            EvictionReason.Capacity => s_capacity,
            _ => s_hot,
        });
}

internal enum CreateClientResult
{
    Hit,
    Miss,
    Uncacheable,
}

internal enum HandlerCreation
{
    /// <summary>A key the pool holds no trace of.</summary>
    NewKey,

    /// <summary>A key evicted before: asked for again while remembered, or still used by a client that outlived the eviction.</summary>
    Rebuilt,

    /// <summary>A rotating handler replaced after its connection lifetime.</summary>
    Rotated,
}

internal enum EvictionReason
{
    /// <summary>Unused for <see cref="HttpClientPoolSettings.HandlerIdleTimeout"/>.</summary>
    Idle,

    /// <summary>Room made at <see cref="HttpClientPoolSettings.MaxPooledHandlers"/> by a one-off, capturing-lambda or cold
    /// entry, or a cold entry trimmed by the sweep after the pool grew.</summary>
    Capacity,

    /// <summary>At the hard maximum with every entry hot and reused: thrash.</summary>
    Hot,
}
