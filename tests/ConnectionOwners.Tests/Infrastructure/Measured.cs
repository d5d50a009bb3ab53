using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

internal static class Measured
{
    /// <summary>Prints the figure the catalogue quotes (run with <c>--logger "console;verbosity=detailed"</c>).</summary>
    public static void Report(this ITestOutputHelper output, string what, CountingServer server) =>
        output.WriteLine($"{what}: {ConnectionShape.Calls} calls -> {server.Connections} connections ({server.Requests} requests)");
}
