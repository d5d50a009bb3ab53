namespace HttpClientGuard;

/// <summary>
/// A process-wide pool of HTTP handlers. The implementation comes with the runtime issue.
/// </summary>
public static class HttpClientPool
{
}
