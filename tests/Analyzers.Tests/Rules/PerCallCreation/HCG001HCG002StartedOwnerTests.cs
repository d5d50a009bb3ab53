using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client stored into an instance field by an ordinary method of its owner (<c>public void Start() { _client = new
/// HttpClient(handler); ... }</c>) is made only on the instances that method runs on. When every call of the method in
/// the compilation runs once (Main calls <c>new Monitor().Start()</c>), the client is made once, however many other
/// instances of the owner a request makes without calling it. A call per request, or no call here at all in a library,
/// keeps it per instance of an owner made per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HCG002StartedOwnerTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static readonly TestOptions Program = new() { IsExecutable = true };

    // {0}: Main's body; {1}: what the per-request controller does with its own monitor; {2}, {3}: the markup around the
    // client Start makes (with its handler: one leak, reported at the client).
    private const string MonitorProgram = """
        using System.Net.Http;

        static class Program
        {
            static void Main()
            {
                {0}
            }
        }

        public class UpTimeMonitor
        {
            private HttpClient _client;

            public void Start()
            {
                var handler = new HttpClientHandler();
                handler.UseCookies = false;
                _client = {2}new HttpClient(handler){3};
            }

            public bool IsUp(string url) => _client != null && url.Length > 0;
        }

        public class DashboardController
        {
            public bool Show(string url)
            {
                var monitor = new UpTimeMonitor();
                {1}
                return monitor.IsUp(url);
            }
        }
        """;

    private static string Monitor(string main, string request, bool reported) => MonitorProgram
        .Replace("{0}", main).Replace("{1}", request)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task StartedOnceFromMainWhileRequestsMakeInstancesThatNeverStart_NoDiagnostic() =>
        VerifyAsync(Monitor("new UpTimeMonitor().Start();", request: "", reported: false), Program);

    [Fact]
    public Task StartedOnceThroughAMethodMainCallsOnce_NoDiagnostic() =>
        VerifyAsync(Monitor("Boot();", request: "", reported: false).Replace("""
            static void Main()
            """, """
            static void Boot() => new UpTimeMonitor().Start();

                static void Main()
            """), Program);

    [Fact]
    public Task StartedOnceOnTheMonitorMainKeeps_NoDiagnostic() =>
        VerifyAsync(Monitor("var kept = new UpTimeMonitor(); kept.Start(); System.Console.WriteLine(kept.IsUp(\"http://x\"));", request: "", reported: false), Program);

    [Fact]
    public Task StartedOnEveryRequestsInstance_Diagnostic() =>
        VerifyAsync(Monitor("new UpTimeMonitor().Start();", request: "monitor.Start();", reported: true), Program);

    [Fact]
    public Task StartedInALoopOfMain_Diagnostic() =>
        VerifyAsync(Monitor("for (var i = 0; i < 3; i++) { new UpTimeMonitor().Start(); }", request: "", reported: true), Program);

    [Fact]
    public Task PublicStartOfALibraryThatNothingHereCalls_Diagnostic() =>
        // A library's users may start every instance the controller makes: per instance of an owner made per call.
        VerifyAsync(Monitor("", request: "", reported: true));
}
