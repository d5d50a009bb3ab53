using System;
using System.Collections.Generic;

namespace HttpClientGuard.Pooling;

/// <summary>
/// The keys of the entries evicted last, oldest forgotten first, so a key that comes back is recognised as rebuilt (and
/// as reused, which protects it from the next capacity eviction). Holds key bytes only: identity numbers in them keep no
/// object alive and are never reused. Used under the pool's lock only.
/// </summary>
internal sealed class RecentlyEvictedKeys
{
    private readonly int _capacity;
    private readonly LinkedList<PoolKey> _order = new();
    private readonly Dictionary<PoolKey, LinkedListNode<PoolKey>> _nodes = new();

    public RecentlyEvictedKeys(int capacity) => _capacity = capacity;

    /// <summary>Twice the hard maximum, at least 64: enough to recognise a working set up to twice the largest pool, so a
    /// pool thrashing at its hard maximum reports it (evictions of reused, hot entries) instead of seeing one-offs.</summary>
    public static int CapacityFor(int hardMaxPooledHandlers) => (int)Math.Max(64, Math.Min(2L * hardMaxPooledHandlers, int.MaxValue));

    public void Add(PoolKey ownedKey)
    {
        if (_nodes.TryGetValue(ownedKey, out var existing))
        {
            _order.Remove(existing);
        }
        else if (_nodes.Count >= _capacity)
        {
            var oldest = _order.First!;
            _order.RemoveFirst();
            _nodes.Remove(oldest.Value);
        }

        _nodes[ownedKey] = _order.AddLast(ownedKey);
    }

    /// <returns>Whether the key was remembered.</returns>
    public bool Remove(PoolKey key)
    {
        if (!_nodes.TryGetValue(key, out var node))
        {
            return false;
        }

        _nodes.Remove(key);
        _order.Remove(node);
        return true;
    }

    public void Clear()
    {
        _order.Clear();
        _nodes.Clear();
    }
}
