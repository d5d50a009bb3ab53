namespace HttpClientGuard.Pooling;

/// <summary>Which handler type a pool builds.</summary>
internal enum HandlerFlavor
{
    /// <summary>One long-lived <c>SocketsHttpHandler</c> per key, whose <c>PooledConnectionLifetime</c> picks up DNS
    /// changes. The default on .NET 8 and later.</summary>
    SocketsHttpHandler,

    /// <summary>An <c>HttpClientHandler</c> per key, replaced after the connection lifetime the way IHttpClientFactory
    /// rotates handlers. The only flavor on netstandard2.0; tests select it on .NET 8 to exercise that path.</summary>
    RotatingHttpClientHandler,
}
