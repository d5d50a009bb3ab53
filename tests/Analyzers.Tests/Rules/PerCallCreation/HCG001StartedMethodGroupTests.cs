using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A method handed to the thread pool as a method group (<c>Task.Run(mobs.InitializeAsync)</c>, <c>Task.Factory.StartNew</c>)
/// runs once each time the start runs, as a lambda handed there does: when the start itself runs once (from <c>Main</c>, an
/// application's start-up), so does the method and the client it makes; in a loop, or in a method nobody here calls, per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001StartedMethodGroupTests
{
    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, new TestOptions { IsExecutable = true });

    // {0}: the code that starts the reference data loads; {1}, {2}: the markup around the services' clients.
    private const string ReferenceData = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class MobsService
        {
            public async Task InitializeAsync()
            {
                using (var client = {1}new HttpClient(){2})
                {
                    await client.GetStringAsync("https://data.example/mobs.xml");
                }
            }
        }

        public static class Locations
        {
            public static async Task InitializeAsync()
            {
                using (var client = {1}new HttpClient(){2})
                {
                    await client.GetStringAsync("https://data.example/locations.xml");
                }
            }
        }

        static class Program
        {
            static async Task Main()
            {
                var mobs = new MobsService();
                {0}
            }

            public static async Task Refresh(MobsService mobs)
            {
                {3}
            }
        }
        """;

    private static string Source(string main, string refresh, bool reported) => ReferenceData
        .Replace("{0}", main).Replace("{3}", refresh)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task StartedOnceFromMain_NoDiagnostic() => VerifyAsync(Source(
        "await Task.WhenAll(Task.Run(mobs.InitializeAsync), Task.Factory.StartNew(Locations.InitializeAsync).Unwrap());",
        "await Task.CompletedTask;",
        reported: false));

    [Fact]
    public Task StartedInALoopOfMain_Diagnostic() => VerifyAsync(Source(
        "for (var i = 0; i < 3; i++) { await Task.WhenAll(Task.Run(mobs.InitializeAsync), Task.Run(Locations.InitializeAsync)); }",
        "await Task.CompletedTask;",
        reported: true));

    [Fact]
    public Task StartedByAMethodNobodyHereCalls_Diagnostic() => VerifyAsync(Source(
        "await Task.CompletedTask;",
        "await Task.WhenAll(Task.Run(mobs.InitializeAsync), Task.Run(Locations.InitializeAsync));",
        reported: true));
}
