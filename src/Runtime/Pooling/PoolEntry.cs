using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>
/// A pooled key: its recipe, its current handler, how recently it was used and whether its key ever came back. On a
/// rotating pool the handler is replaced when it expires; eviction retires the current handler and marks the entry dead,
/// after which clients still holding its <see cref="Router"/> are moved to a live entry for the same key.
/// </summary>
/// <remarks>
/// Use is recorded without reading a clock (a clock read would cost as much as the rest of a pooled
/// <c>CreateClient</c>): a use stamps the pool's current epoch, which orders entries for least-recently-used eviction,
/// and raises a flag that the idle sweep collects and turns into a time. Fields the sweep writes are read and written
/// under the pool's lock.
/// </remarks>
internal sealed class PoolEntry
{
    private readonly HandlerPool _pool;
    private readonly object _rotationGate = new();
    private TrackedHandler _current;
    private long _lastUsedEpoch;
    private int _usedSinceSweep;
    private int _reused;
    private long _activeAtMilliseconds;
    private int _evicted;

    public PoolEntry(HandlerPool pool, PoolKey key, HandlerRecipe recipe, bool holdsClosure, HandlerCreation creation, long epoch, long nowMilliseconds)
    {
        _pool = pool;
        Key = key;
        Recipe = recipe;
        HoldsClosure = holdsClosure;
        _lastUsedEpoch = epoch;
        _activeAtMilliseconds = nowMilliseconds;

        // A key rebuilt after an eviction has come back: it is reused by definition.
        _reused = creation == HandlerCreation.Rebuilt ? 1 : 0;
        _current = pool.CreateHandler(recipe, nowMilliseconds, creation);
        Router = new PoolRouter(pool, this);
    }

    public PoolKey Key { get; }

    public HandlerRecipe Recipe { get; }

    /// <summary>The key names a capturing lambda's closure; such entries are evicted first when the pool is full.</summary>
    public bool HoldsClosure { get; }

    /// <summary>The handler every <see cref="System.Net.Http.HttpClient"/> created for this entry holds.</summary>
    public PoolRouter Router { get; }

    public bool IsEvicted => Volatile.Read(ref _evicted) != 0;

    /// <summary>The pool epoch of the latest use; a smaller value means less recently used.</summary>
    public long LastUsedEpoch => Volatile.Read(ref _lastUsedEpoch);

    /// <summary>The key was asked for again after the entry was created (a <c>CreateClient</c> hit), or the entry was rebuilt
    /// for a key that had been evicted. Entries never reused are one-offs as far as the pool can tell.</summary>
    public bool IsReused => Volatile.Read(ref _reused) != 0;

    /// <summary>A use: a request through the entry, or a <c>CreateClient</c> hit (with <see cref="MarkReused"/>).</summary>
    public void Touch(long epoch)
    {
        // Writes only when something changed, so the hot path leaves the cache line shared between cores.
        if (Volatile.Read(ref _lastUsedEpoch) != epoch)
        {
            Volatile.Write(ref _lastUsedEpoch, epoch);
        }

        if (Volatile.Read(ref _usedSinceSweep) == 0)
        {
            Volatile.Write(ref _usedSinceSweep, 1);
        }
    }

    public void MarkReused()
    {
        if (Volatile.Read(ref _reused) == 0)
        {
            Volatile.Write(ref _reused, 1);
        }
    }

    /// <summary>
    /// Called by the idle sweep: how long the entry has gone unused, counted from the sweep that last saw it used (or
    /// from its creation). A use is seen by the sweep that follows it, so an entry is never evicted early, and late by at
    /// most two sweep periods.
    /// </summary>
    public long IdleMilliseconds(long nowMilliseconds)
    {
        if (Interlocked.Exchange(ref _usedSinceSweep, 0) != 0)
        {
            _activeAtMilliseconds = nowMilliseconds;
        }

        return nowMilliseconds - _activeAtMilliseconds;
    }

    /// <summary>Used since the sweep before the last one (<paramref name="lastSweepMilliseconds"/> is when the last sweep
    /// ran): within the last one to two sweep periods. Called with the pool's lock held.</summary>
    public bool IsHot(long lastSweepMilliseconds)
        => Volatile.Read(ref _usedSinceSweep) != 0 || _activeAtMilliseconds >= lastSweepMilliseconds;

    /// <summary>A request is going through the entry's current handler right now.</summary>
    public bool HasRequestsInFlight => Volatile.Read(ref _current).HasRequestsInFlight;

    /// <summary>The current handler with a request counted in, or <see langword="null"/> once the entry is evicted.</summary>
    public TrackedHandler? TryAcquireHandler()
    {
        while (!IsEvicted)
        {
            var handler = Volatile.Read(ref _current);

            // Only rotating handlers expire; SocketsHttpHandler entries never pay for the clock read.
            if (handler.ExpiresAtMilliseconds != long.MaxValue)
            {
                var now = _pool.NowMilliseconds();
                if (handler.ExpiresAtMilliseconds <= now)
                {
                    handler = Rotate(handler, now);
                }
            }

            if (handler.TryAcquire())
            {
                return handler;
            }
        }

        return null;
    }

    /// <summary>Called by the pool with its lock held, after the entry left the dictionary.</summary>
    public void Evict()
    {
        lock (_rotationGate)
        {
            if (Interlocked.Exchange(ref _evicted, 1) == 0)
            {
                _current.Retire();
            }
        }
    }

    private TrackedHandler Rotate(TrackedHandler expired, long nowMilliseconds)
    {
        // Under the gate so that a rotation racing an eviction cannot install a handler nobody will retire.
        lock (_rotationGate)
        {
            if (ReferenceEquals(_current, expired) && !IsEvicted)
            {
                Volatile.Write(ref _current, _pool.CreateHandler(Recipe, nowMilliseconds, HandlerCreation.Rotated));
                expired.Retire();
            }

            return _current;
        }
    }
}
