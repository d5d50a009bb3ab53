using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>
/// The pool behind <see cref="HttpClientPool"/>: settings key to entry, lock-free lookups, one lock for every change so
/// exactly one handler is created per key, and a timer that evicts idle entries.
/// </summary>
/// <remarks>
/// <para>
/// Capacity without thrash: at <see cref="HttpClientPoolSettings.MaxPooledHandlers"/> a new key evicts an entry that
/// nobody is likely to miss (a capturing-lambda key, then a key never asked for again, then a key not used within the
/// hot window, least recently used first). When every entry is in use (hot and reused, or serving a request right now),
/// the pool grows instead, up to
/// <see cref="HttpClientPoolSettings.HardMaxPooledHandlers"/>; the sweep trims it back once entries cool down. Keys
/// evicted lately are remembered (key bytes only, twice the hard maximum and at least 64), so a key that comes back is counted as
/// rebuilt and treated as reused at once: a working set larger than the soft limit settles after one rebuild per key.
/// </para>
/// <para>The process has one instance; tests build their own so they neither share state nor run serially.</para>
/// </remarks>
internal sealed class HandlerPool : IDisposable
{
    private const int InitialKeyCapacity = 256;

    private readonly ConcurrentDictionary<PoolKey, PoolEntry> _entries = new();
    private readonly object _gate = new();
    private readonly HttpClientPoolSettings _settings;
    private readonly HandlerFlavor _flavor;
    private readonly Func<long>? _clock;
    private readonly Func<HandlerRecipe, HttpMessageHandler>? _platformHandlerFactory;
    private readonly IdentityRegistry _identities = new();
    private readonly RecentlyEvictedKeys _recentlyEvicted;
    private readonly PoolKey _defaultOptionsKey;
    private readonly bool _defaultOptionsHoldClosure;
    private PoolEntry? _defaultEntry;
    private Timer? _sweepTimer;
    private int _count;
    private long _epoch;
    private long _lastSweepMilliseconds;
    private long _handlersCreated;
    private long _handlersRetired;
    private long _handlersDisposed;
    private bool _disposed;

    /// <param name="validatedSettings">Limits, already validated.</param>
    /// <param name="flavor">The handler type built, and whether handlers rotate.</param>
    /// <param name="meter">Where the instruments are created.</param>
    /// <param name="clockMilliseconds">A clock for tests; the system's monotonic clock when null.</param>
    /// <param name="platformHandlerFactory">Builds the platform handler instead of <see cref="HandlerFactory"/>; lets the
    /// benchmark isolate the pool's own per-request cost from the network.</param>
    public HandlerPool(
        HttpClientPoolSettings validatedSettings,
        HandlerFlavor flavor,
        Meter meter,
        Func<long>? clockMilliseconds = null,
        Func<HandlerRecipe, HttpMessageHandler>? platformHandlerFactory = null)
    {
        _settings = validatedSettings;
        _flavor = flavor;
        _clock = clockMilliseconds;
        _platformHandlerFactory = platformHandlerFactory;
        Metrics = new PoolMetrics(meter, () => Volatile.Read(ref _count), () => DrainingCount);
        _recentlyEvicted = new RecentlyEvictedKeys(RecentlyEvictedKeys.CapacityFor(validatedSettings.EffectiveHardMaxPooledHandlers));
        _lastSweepMilliseconds = NowMilliseconds();

        var writer = new KeyWriter(InitialKeyCapacity);
        try
        {
            _defaultOptionsHoldClosure = KeySerializer.Write(ref writer, new PooledHandlerOptions(), _settings.DefaultPooledConnectionLifetime, _identities);
            _defaultOptionsKey = writer.LookupKey.ToOwned();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public PoolMetrics Metrics { get; }

    public int Count => Volatile.Read(ref _count);

    public long HandlersCreated => Interlocked.Read(ref _handlersCreated);

    public long HandlersDisposed => Interlocked.Read(ref _handlersDisposed);

    /// <summary>Handlers evicted or rotated out whose requests in flight have not all finished yet.</summary>
    public int DrainingCount => (int)Math.Max(0, Interlocked.Read(ref _handlersRetired) - Interlocked.Read(ref _handlersDisposed));

    public long NowMilliseconds() => _clock is null ? SystemClockMilliseconds() : _clock();

    /// <summary>Advances on every new entry and every idle sweep; uses are stamped with it to order entries by recency.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    public HttpClient CreateClient(Uri? baseAddress)
    {
        // Default options are the common case; remembering their entry skips serialization and the dictionary.
        var entry = Volatile.Read(ref _defaultEntry);
        CreateClientResult result;
        if (entry is not null && !entry.IsEvicted)
        {
            entry.Touch(Epoch);
            entry.MarkReused();
            result = CreateClientResult.Hit;
        }
        else
        {
            entry = GetOrAdd(_defaultOptionsKey, options: null, _defaultOptionsHoldClosure, out result);
            Volatile.Write(ref _defaultEntry, entry);
        }

        Metrics.CreateClient(result);
        return NewClient(entry, baseAddress);
    }

    public HttpClient CreateClient(PooledHandlerOptions options, Uri? baseAddress)
    {
        OptionsValidator.Validate(options, _identities);
        var writer = new KeyWriter(InitialKeyCapacity);
        try
        {
            var holdsClosure = KeySerializer.Write(ref writer, options, _settings.DefaultPooledConnectionLifetime, _identities);
            var entry = GetOrAdd(writer.LookupKey, options, holdsClosure, out var result);
            Metrics.CreateClient(result);
            return NewClient(entry, baseAddress);
        }
        finally
        {
            writer.Dispose();
        }
    }

    public string GetFingerprint(PooledHandlerOptions options)
    {
        OptionsValidator.Validate(options, _identities);
        var writer = new KeyWriter(InitialKeyCapacity);
        try
        {
            KeySerializer.Write(ref writer, options, _settings.DefaultPooledConnectionLifetime, _identities);
            return Fingerprint(writer.LookupKey);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>A live entry for an evicted entry's key, created from its recipe when none exists: a client outlived its
    /// handler's eviction and sends again, so the key is in use.</summary>
    public PoolEntry Revive(PoolEntry evicted)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_entries.TryGetValue(evicted.Key, out var live))
            {
                live.MarkReused();
                return live;
            }

            _recentlyEvicted.Remove(evicted.Key);
            return AddLocked(evicted.Key, evicted.Recipe, evicted.HoldsClosure, HandlerCreation.Rebuilt);
        }
    }

    public TrackedHandler CreateHandler(HandlerRecipe recipe, long nowMilliseconds, HandlerCreation reason)
    {
        var lifetime = recipe.PooledConnectionLifetime;

        // SocketsHttpHandler recycles connections itself; an HttpClientHandler has no such setting, so the whole
        // handler is replaced when the lifetime is up (IHttpClientFactory's approach to DNS changes).
        var expiresAt = _flavor == HandlerFlavor.RotatingHttpClientHandler && lifetime != Timeout.InfiniteTimeSpan
            ? nowMilliseconds + (long)lifetime.TotalMilliseconds
            : long.MaxValue;
        var platformHandler = _platformHandlerFactory?.Invoke(recipe) ?? HandlerFactory.Create(recipe, _flavor);
        var handler = new TrackedHandler(platformHandler, expiresAt, this);
        Interlocked.Increment(ref _handlersCreated);
        Metrics.HandlerCreated(reason);
        return handler;
    }

    public void OnHandlerRetired() => Interlocked.Increment(ref _handlersRetired);

    public void OnHandlerDisposed() => Interlocked.Increment(ref _handlersDisposed);

    /// <summary>
    /// The timer's work: evicts entries unused for <see cref="HttpClientPoolSettings.HandlerIdleTimeout"/>, then trims a pool
    /// that grew past <see cref="HttpClientPoolSettings.MaxPooledHandlers"/> of entries that are no longer hot, least recently
    /// used first. Turns the use flags into times, which is what makes an entry hot or cold.
    /// </summary>
    public void Sweep(long nowMilliseconds)
    {
        var idleMilliseconds = _settings.HandlerIdleTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)_settings.HandlerIdleTimeout.TotalMilliseconds;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _epoch, _epoch + 1);
            foreach (var entry in _entries.Values)
            {
                if (entry.IdleMilliseconds(nowMilliseconds) >= idleMilliseconds)
                {
                    EvictLocked(entry, EvictionReason.Idle);
                }
            }

            // Hot here means used since the previous sweep, judged before that sweep's time is replaced below.
            while (_count > _settings.MaxPooledHandlers && VictimLocked(onlyCold: true, out _) is { } cold)
            {
                EvictLocked(cold, EvictionReason.Capacity);
            }

            _lastSweepMilliseconds = nowMilliseconds;
            if (_count == 0)
            {
                // An empty pool needs no timer; the next entry starts one again.
                _sweepTimer?.Dispose();
                _sweepTimer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _sweepTimer?.Dispose();
            _sweepTimer = null;
            foreach (var entry in _entries.Values)
            {
                _entries.TryRemove(entry.Key, out _);
                entry.Evict();
            }

            _count = 0;
            _recentlyEvicted.Clear();
        }
    }

    private static HttpClient NewClient(PoolEntry entry, Uri? baseAddress)
    {
        var client = new HttpClient(entry.Router, disposeHandler: false);
        if (baseAddress is not null)
        {
            client.BaseAddress = baseAddress;
        }

        return client;
    }

    private static long SystemClockMilliseconds()
    {
#if NET
        return Environment.TickCount64;
#else
        return (long)(Stopwatch.GetTimestamp() * (1000.0 / Stopwatch.Frequency));
#endif
    }

    private static string Fingerprint(PoolKey key)
    {
        var hash = Sha256.Hash(key.Bytes.ToArray());
#if NET
        return Convert.ToHexString(hash).ToLowerInvariant();
#else
        var hex = new char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = "0123456789abcdef"[hash[i] >> 4];
            hex[(2 * i) + 1] = "0123456789abcdef"[hash[i] & 0xF];
        }

        return new string(hex);
#endif
    }

    private PoolEntry GetOrAdd(PoolKey key, PooledHandlerOptions? options, bool holdsClosure, out CreateClientResult result)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Touch(Epoch);
            entry.MarkReused();
            result = CreateClientResult.Hit;
            return entry;
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            if (_entries.TryGetValue(key, out entry))
            {
                entry.Touch(Epoch);
                entry.MarkReused();
                result = CreateClientResult.Hit;
                return entry;
            }

            var recipe = HandlerRecipe.From(options ?? new PooledHandlerOptions(), _settings.DefaultPooledConnectionLifetime);
            result = holdsClosure ? CreateClientResult.Uncacheable : CreateClientResult.Miss;
            var ownedKey = key.ToOwned();
            var creation = _recentlyEvicted.Remove(ownedKey) ? HandlerCreation.Rebuilt : HandlerCreation.NewKey;
            return AddLocked(ownedKey, recipe, holdsClosure, creation);
        }
    }

    private PoolEntry AddLocked(PoolKey ownedKey, HandlerRecipe recipe, bool holdsClosure, HandlerCreation creation)
    {
        var hardMax = _settings.EffectiveHardMaxPooledHandlers;
        while (_count >= _settings.MaxPooledHandlers)
        {
            var victim = VictimLocked(onlyCold: false, out var inUse)!;
            if (inUse)
            {
                // Every entry is in use (hot and reused, or serving a request): grow rather than evict a handler that is
                // about to be asked for again, unless the hard maximum is reached, where the least recently used goes
                // anyway (counted as thrash).
                if (_count < hardMax)
                {
                    break;
                }

                EvictLocked(victim, EvictionReason.Hot);
            }
            else
            {
                EvictLocked(victim, EvictionReason.Capacity);
            }
        }

        // The entry gets an epoch of its own and later uses the next one, so a use after this creation ranks as more
        // recent than the entry itself and than everything used before it.
        var epoch = _epoch + 1;
        Volatile.Write(ref _epoch, epoch + 1);
        var entry = new PoolEntry(this, ownedKey, recipe, holdsClosure, creation, epoch, NowMilliseconds());
        _entries[ownedKey] = entry;
        _count++;
        EnsureSweepTimerLocked();
        return entry;
    }

    /// <summary>
    /// The entry to evict first, least recently used first within each rank: 0, a capturing-lambda key (almost always a
    /// one-off); 1, a key never asked for again; 2, a reused key that cooled down; 3, an entry in use: hot and reused, or
    /// serving a request right now. The pool grows rather than evict rank 3 (below the hard maximum). With
    /// <paramref name="onlyCold"/>, only entries that are neither hot nor serving a request, or <see langword="null"/>.
    /// </summary>
    /// <remarks>A linear scan: it runs only when a new key meets a full pool, next to a handler creation that costs far
    /// more, and in the sweep.</remarks>
    private PoolEntry? VictimLocked(bool onlyCold, out bool inUse)
    {
        PoolEntry? victim = null;
        var victimRank = int.MaxValue;
        foreach (var candidate in _entries.Values)
        {
            var hot = candidate.IsHot(_lastSweepMilliseconds);
            var serving = candidate.HasRequestsInFlight;
            if (onlyCold && (hot || serving))
            {
                continue;
            }

            // An entry serving a request is in use even if its key never came back: evicting it would close the connection
            // it just opened (what wastes connections when many new keys arrive at once).
            var rank = candidate.HoldsClosure ? 0 : serving || (candidate.IsReused && hot) ? 3 : !candidate.IsReused ? 1 : 2;
            if (victim is null || rank < victimRank || (rank == victimRank && candidate.LastUsedEpoch < victim.LastUsedEpoch))
            {
                victim = candidate;
                victimRank = rank;
            }
        }

        inUse = victimRank == 3;
        return victim;
    }

    private void EvictLocked(PoolEntry entry, EvictionReason reason)
    {
        if (_entries.TryRemove(entry.Key, out _))
        {
            _count--;
            entry.Evict();
            Metrics.Evicted(reason);

            // A capturing lambda's key can never be asked for again: remembering it would only push real keys out.
            if (!entry.HoldsClosure)
            {
                _recentlyEvicted.Add(entry.Key);
            }
        }
    }

    private void EnsureSweepTimerLocked()
    {
        if (_sweepTimer is not null)
        {
            return;
        }

        // A quarter of the idle time bounds how late an idle entry goes, within [1 s, 30 s]. The timer runs even without
        // an idle timeout: its sweeps are what lets entries cool down and a grown pool shrink back.
        var period = _settings.HandlerIdleTimeout == Timeout.InfiniteTimeSpan
            ? TimeSpan.FromSeconds(30)
            : TimeSpan.FromTicks(Math.Min(Math.Max(_settings.HandlerIdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond), 30 * TimeSpan.TicksPerSecond));

        // The timer must not capture the AsyncLocals of whichever request happened to create the first entry.
        AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            _sweepTimer = new Timer(static state => ((HandlerPool)state!).Sweep(((HandlerPool)state!).NowMilliseconds()), this, period, period);
        }
        finally
        {
            suppressed?.Undo();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(HandlerPool));
        }
    }
}
