using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace HttpClientGuard.Pooling;

/// <summary>The pool's instruments. Names and tags are documented in docs/runtime.md; keep them in sync.</summary>
internal sealed class PoolMetrics
{
    public const string MeterName = "HttpClientGuard";
    public const string HandlersInstrument = "httpclientguard.pool.handlers";
    public const string CreateClientInstrument = "httpclientguard.pool.create_client";
    public const string EvictionsInstrument = "httpclientguard.pool.evictions";
    public const string RotationsInstrument = "httpclientguard.pool.rotations";
    public const string ResultTag = "result";
    public const string ReasonTag = "reason";

    private static readonly KeyValuePair<string, object?> s_hit = new(ResultTag, "hit");
    private static readonly KeyValuePair<string, object?> s_miss = new(ResultTag, "miss");
    private static readonly KeyValuePair<string, object?> s_uncacheable = new(ResultTag, "uncacheable");
    private static readonly KeyValuePair<string, object?> s_idle = new(ReasonTag, "idle");
    private static readonly KeyValuePair<string, object?> s_capacity = new(ReasonTag, "capacity");

    private readonly Counter<long> _createClient;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _rotations;

    public PoolMetrics(Meter meter, Func<int> pooledHandlers)
    {
        Meter = meter;
        meter.CreateObservableGauge(HandlersInstrument, pooledHandlers, "{handler}", "Handlers currently pooled (one per distinct settings key).");
        _createClient = meter.CreateCounter<long>(CreateClientInstrument, "{call}", "CreateClient calls, by result: hit (pooled handler reused), miss (handler created), uncacheable (handler created for a key holding a capturing lambda).");
        _evictions = meter.CreateCounter<long>(EvictionsInstrument, "{handler}", "Handlers evicted from the pool, by reason: idle or capacity. Each is disposed once its requests in flight finish.");
        _rotations = meter.CreateCounter<long>(RotationsInstrument, "{handler}", "HttpClientHandlers replaced after their connection lifetime (the rotating handlers of the netstandard2.0 build).");
    }

    public Meter Meter { get; }

    public void CreateClient(CreateClientResult result)
        => _createClient.Add(1, result switch
        {
            CreateClientResult.Hit => s_hit,
            CreateClientResult.Miss => s_miss,
            _ => s_uncacheable,
        });

    public void Evicted(EvictionReason reason) => _evictions.Add(1, reason == EvictionReason.Idle ? s_idle : s_capacity);

    public void HandlerRotated() => _rotations.Add(1);
}

internal enum CreateClientResult
{
    Hit,
    Miss,
    Uncacheable,
}

internal enum EvictionReason
{
    Idle,
    Capacity,
}
