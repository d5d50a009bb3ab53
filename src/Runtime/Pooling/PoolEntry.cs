using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>
/// A pooled key: its recipe, its current handler and when it was last used. On a rotating pool the handler is replaced
/// when it expires; eviction retires the current handler and marks the entry dead, after which clients still holding its
/// <see cref="Router"/> are moved to a live entry for the same key.
/// </summary>
internal sealed class PoolEntry
{
    private readonly HandlerPool _pool;
    private readonly object _rotationGate = new();
    private TrackedHandler _current;
    private long _lastUsedMilliseconds;
    private int _evicted;

    public PoolEntry(HandlerPool pool, PoolKey key, HandlerRecipe recipe, string fingerprint, bool holdsClosure, long nowMilliseconds)
    {
        _pool = pool;
        Key = key;
        Recipe = recipe;
        Fingerprint = fingerprint;
        HoldsClosure = holdsClosure;
        _lastUsedMilliseconds = nowMilliseconds;
        _current = pool.CreateHandler(recipe, nowMilliseconds);
        Router = new PoolRouter(pool, this);
    }

    public PoolKey Key { get; }

    public HandlerRecipe Recipe { get; }

    public string Fingerprint { get; }

    /// <summary>The key names a capturing lambda's closure; such entries are evicted first when the pool is full.</summary>
    public bool HoldsClosure { get; }

    /// <summary>The handler every <see cref="System.Net.Http.HttpClient"/> created for this entry holds.</summary>
    public PoolRouter Router { get; }

    public bool IsEvicted => Volatile.Read(ref _evicted) != 0;

    public long LastUsedMilliseconds => Volatile.Read(ref _lastUsedMilliseconds);

    internal TrackedHandler CurrentHandler => Volatile.Read(ref _current);

    public void Touch(long nowMilliseconds)
    {
        // Skipping the write when nothing changed keeps the cache line shared between cores on the hot path.
        if (Volatile.Read(ref _lastUsedMilliseconds) != nowMilliseconds)
        {
            Volatile.Write(ref _lastUsedMilliseconds, nowMilliseconds);
        }
    }

    /// <summary>The current handler with a request counted in, or <see langword="null"/> once the entry is evicted.</summary>
    public TrackedHandler? TryAcquireHandler(long nowMilliseconds)
    {
        while (!IsEvicted)
        {
            var handler = Volatile.Read(ref _current);
            if (handler.ExpiresAtMilliseconds <= nowMilliseconds)
            {
                handler = Rotate(handler, nowMilliseconds);
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
                Volatile.Write(ref _current, _pool.CreateHandler(Recipe, nowMilliseconds));
                expired.Retire();
                _pool.Metrics.HandlerRotated();
            }

            return _current;
        }
    }
}
