using System;
using System.Net.Http;
using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>
/// One platform handler and the number of requests in flight through it. Once retired (evicted, or rotated out) it takes
/// no new request and is disposed when the last request in flight completes, so eviction never surfaces as
/// <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class TrackedHandler
{
    private readonly HandlerPool _pool;
    private int _inFlight;
    private int _retired;
    private int _disposed;

    public TrackedHandler(HttpMessageHandler handler, long expiresAtMilliseconds, HandlerPool pool)
    {
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        ExpiresAtMilliseconds = expiresAtMilliseconds;
        _pool = pool;
    }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>When a rotating pool replaces this handler; <see cref="long.MaxValue"/> when it never does.</summary>
    public long ExpiresAtMilliseconds { get; }

    /// <summary>Requests in flight through the handler right now (a racy read, for eviction choices).</summary>
    public bool HasRequestsInFlight => Volatile.Read(ref _inFlight) > 0;

    /// <summary>Counts a request in; fails once the handler is retired (the caller then finds the current handler).</summary>
    public bool TryAcquire()
    {
        // Increment before checking the flag (both full fences): Retire either sees this request or this request sees
        // the flag, so a handler is never disposed under a request.
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _retired) != 0)
        {
            Release();
            return false;
        }

        return true;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retired) != 0)
        {
            DisposeOnce();
        }
    }

    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            // Counted before it can be disposed, so the pool's "draining" count (retired minus disposed) never drops below zero
            // for long; a request finishing on another thread may still dispose it in between, hence the pool's clamp.
            _pool.OnHandlerRetired();
            if (Volatile.Read(ref _inFlight) == 0)
            {
                DisposeOnce();
            }
        }
    }

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Invoker.Dispose();
            _pool.OnHandlerDisposed();
        }
    }
}
