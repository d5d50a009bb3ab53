namespace LeakyProject;

public static class Startup
{
    // Created once for the process, connections recycled for DNS changes: quiet.
    public static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public static int Main() => Shared.Timeout > TimeSpan.Zero ? 0 : 1;
}
