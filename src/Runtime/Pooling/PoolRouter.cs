using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Pooling;

/// <summary>
/// The handler pooled <see cref="HttpClient"/>s hold. It sends each request through the entry's current handler,
/// counting it in flight, and follows the key to a live entry if its own was evicted, so a client created before an
/// eviction keeps working. Shared by every client of the entry; never disposed by them.
/// </summary>
internal sealed class PoolRouter : HttpMessageHandler
{
    private readonly HandlerPool _pool;
    private PoolEntry _entry;

    public PoolRouter(HandlerPool pool, PoolEntry entry)
    {
        _pool = pool;
        _entry = entry;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var handler = Acquire();
        Task<HttpResponseMessage> sending;
        try
        {
            sending = handler.Invoker.SendAsync(request, cancellationToken);
        }
        catch
        {
            handler.Release();
            throw;
        }

        if (sending.IsCompleted)
        {
            handler.Release();
            return sending;
        }

        return ReleaseWhenDone(sending, handler);
    }

#if NET
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var handler = Acquire();
        try
        {
            return handler.Invoker.Send(request, cancellationToken);
        }
        finally
        {
            handler.Release();
        }
    }
#endif

    // Clients hold the router, not the platform handler: disposing a client must not touch the pool.
    protected override void Dispose(bool disposing)
    {
    }

    private static async Task<HttpResponseMessage> ReleaseWhenDone(Task<HttpResponseMessage> sending, TrackedHandler handler)
    {
        try
        {
            return await sending.ConfigureAwait(false);
        }
        finally
        {
            handler.Release();
        }
    }

    private TrackedHandler Acquire()
    {
        var entry = Volatile.Read(ref _entry);
        while (true)
        {
            var handler = entry.TryAcquireHandler();
            if (handler is not null)
            {
                entry.Touch(_pool.Epoch);
                return handler;
            }

            entry = _pool.Revive(entry);
            Volatile.Write(ref _entry, entry);
        }
    }
}
