using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A one-shot timer's handler (its first statement stops the timer that raises it, and one statement alone starts the timer)
/// runs as often as that start: a splash screen that opens the main window after five seconds opens it once. A handler
/// that keeps the timer running, a timer other code starts again, or one the code makes again stays per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001OneShotTimerTests
{
    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, new TestOptions { IsExecutable = true });

    // {0}: the handler's first statement; {1}, {4}: more members of the splash screen, after and before its constructor; {2},
    // {3}: the markup around the client; {5}: the constructor's start.
    private const string Splash = """
        using System;
        using System.Net.Http;
        using System.Timers;

        public class Downloads
        {
            private readonly HttpClient _client = {2}new HttpClient(){3};

            public string Fetch(string url) => _client.GetStringAsync(url).Result;
        }

        public class MainWindow
        {
            private readonly Downloads _downloads = new Downloads();

            public void Show(string url) => Console.WriteLine(_downloads.Fetch(url));
        }

        public class Splash
        {
            private readonly Timer _timer = new Timer(5000);
            {4}
            public Splash()
            {
                _timer.Elapsed += OnElapsed;
                {5}
            }

            private void OnElapsed(object sender, ElapsedEventArgs e)
            {
                {0}
                new MainWindow().Show("https://example.org/news");
            }
            {1}
        }

        static class Program
        {
            static void Main()
            {
                var splash = new Splash();
                Console.ReadLine();
            }
        }
        """;

    private static string Source(string first, string members, bool reported, string membersBefore = "", string start = "_timer.Start();") =>
        Splash.Replace("{0}", first).Replace("{1}", members).Replace("{4}", membersBefore).Replace("{5}", start)
            .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Theory]
    [InlineData("_timer.Stop();")]
    [InlineData("_timer.Enabled = false;")]
    [InlineData("this._timer.Stop();")]
    public Task HandlerThatStopsItsTimerFirst_RunsOnceWithTheSplash_NoDiagnostic(string stop) =>
        VerifyAsync(Source(stop, "", reported: false));

    [Theory]
    [InlineData("Console.WriteLine(\"tick\");", "")]
    [InlineData("_timer.Stop();", "public void Again() => _timer.Start();")]
    [InlineData("_timer.Stop();", "public void Faster() { _timer.Interval = 1000; _timer.Enabled = true; }")]
    [InlineData("_timer.Stop();", "public void Reset() { _timer = new Timer(100); }")]
    public Task PeriodicHandlerOrATimerStartedOrMadeElsewhere_Diagnostic(string first, string members) =>
        VerifyAsync(Source(first, members, reported: true).Replace("private readonly Timer _timer", members.Contains("new Timer") ? "private Timer _timer" : "private readonly Timer _timer"));

    // A start in another member, however few its runs, is not followed: here one a caller may run at any time, written
    // before the constructor's own start.
    [Fact]
    public Task TimerStartedAgainByAMemberBeforeTheConstructor_Diagnostic() =>
        VerifyAsync(Source("_timer.Stop();", "", reported: true, membersBefore: "public void Again() => _timer.Start();"));

    [Fact]
    public Task TimerStartedInALoop_Diagnostic() =>
        VerifyAsync(Source("_timer.Stop();", "", reported: true, start: "for (var i = 0; i < 3; i++) { _timer.Start(); }"));
}
