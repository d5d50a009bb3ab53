using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Streamer.bot compiles a C# action's <c>CPHInline</c> class once, makes one object of it (running its optional
/// <c>Init</c>) and calls that object's <c>public bool Execute()</c> on every run of the action. A client that
/// <c>Execute</c> stores into a field replaces the last run's client without disposing it: per run. Stored in
/// <c>Init</c>, in a field initializer, under a test of the field, after disposing the old one, or by an <c>Execute</c>
/// of another class or with parameters, it stays as the field's owner keeps it. The scripts reference no Streamer.bot
/// assembly (<c>CPH</c> does not bind), so the cases run half typed as they do in a folder scan.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001StreamerBotActionTests
{
    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    // {0}: the class name; {1}: Execute's signature; {2}: what Execute does before its request.
    private const string Action = """
        using System.Net.Http;

        public class {0}
        {
            public HttpClient client;

            public {1}
            {
                {2}
                var body = client.GetStringAsync("https://api.example.com/achievements?game=" + CPH.GetGlobalVar<string>("game")).Result;
                CPH.SetArgument("achievements", body);
                return true;
            }
        }
        """;

    private static string Script(string store, string type = "CPHInline", string signature = "bool Execute()") =>
        Action.Replace("{0}", type).Replace("{1}", signature).Replace("{2}", store);

    [Fact]
    public Task FieldStoredOnEveryRunOfTheAction_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Script("client = {|HCG001:new HttpClient()|};"), HalfTyped);

    [Fact]
    public Task MessageNamesTheActionRunAndTheField() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        Script("client = {|#0:new HttpClient()|};"), HalfTyped,
        "'HttpClient' is created each time Streamer.bot runs the action ('CPHInline.Execute'), replacing the one in 'client' without disposing it: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // The handler replaced on every run feeds the client made beside it: one pool per run, reported once, on the client.
    [Fact]
    public Task HandlerStoredOnEveryRun_ReportedOnItsClient() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class CPHInline
        {
            private HttpMessageHandler handler;

            public bool Execute()
            {
                handler = new HttpClientHandler { UseCookies = false };
                using (var client = {|HCG001:new HttpClient(handler, disposeHandler: false)|})
                {
                    CPH.SetArgument("status", client.GetStringAsync("https://api.example.com/status").Result);
                }

                return true;
            }
        }
        """, HalfTyped);

    [Fact]
    public Task FieldTestedBeforeItIsStored_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Script("if (client == null) client = new HttpClient();"), HalfTyped);

    [Fact]
    public Task OldClientDisposedBeforeTheNewOneIsStored_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Script("client?.Dispose(); client = new HttpClient();"), HalfTyped);

    [Fact]
    public Task ExecuteOfAnotherClass_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Script("client = new HttpClient();", type: "AchievementsAction"), HalfTyped);

    [Fact]
    public Task ExecuteWithParameters_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Script("client = new HttpClient();", signature: "bool Execute(string game)"), HalfTyped);

    [Fact]
    public Task StoredOnceInInitAndInAFieldInitializer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class CPHInline
        {
            private readonly HttpClient steam = new HttpClient();
            private HttpClient deepl;

            public void Init()
            {
                deepl = new HttpClient();
            }

            public bool Execute()
            {
                CPH.SetArgument("game", steam.GetStringAsync("https://api.example.com/game").Result);
                CPH.SetArgument("text", deepl.GetStringAsync("https://api.example.com/translate").Result);
                return true;
            }

            public void Dispose()
            {
                steam.Dispose();
                deepl.Dispose();
            }
        }
        """, HalfTyped);

    [Fact]
    public Task LocalClientOnEveryRun_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class CPHInline
        {
            public bool Execute()
            {
                var client = {|HCG001:new HttpClient()|};
                CPH.SetArgument("song", client.GetStringAsync("https://api.example.com/current").Result);
                return true;
            }
        }
        """, HalfTyped);
}
