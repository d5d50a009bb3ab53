namespace LeakyProject;

public static class Startup
{
    // Created once for the process: quiet.
    public static readonly HttpClient Shared = new();

    public static int Main() => Shared.Timeout > TimeSpan.Zero ? 0 : 1;
}
