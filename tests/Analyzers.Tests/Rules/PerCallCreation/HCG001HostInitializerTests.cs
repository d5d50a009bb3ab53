using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// <c>Initialize</c> / <c>InitializeAsync</c> / <c>Init</c> implementing or overriding a member of another assembly runs when
/// the host loads the object (a DNS server's app, an IIS module): once per instance, like a constructor. The same name on a
/// method the compilation itself calls stays per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HostInitializerTests
{
    // The host's plugin contract, in another assembly (a referenced project or package).
    private const string HostContract = """
        using System.Threading.Tasks;

        namespace Host
        {
            public interface IApplication
            {
                Task InitializeAsync(string config);
            }

            public abstract class Module
            {
                public abstract void Init(string name);
            }

            public abstract class BasePlugin
            {
                public abstract void Load();
            }
        }
        """;

    private static readonly TestOptions WithHost = new() { LibrarySource = HostContract };

    // {0}: more of the compilation; the plugin's strategy owns a client per instance.
    private const string PluginSource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class ExportStrategy
        {
            private readonly HttpClient _client;

            public ExportStrategy(string endpoint)
            {
                _client = {1};
            }

            public Task ExportAsync(string line) => _client.PostAsync("http://logs", new StringContent(line));
        }

        public sealed class ExportManager
        {
            private readonly System.Collections.Generic.List<ExportStrategy> _strategies = new System.Collections.Generic.List<ExportStrategy>();

            public void AddStrategy(ExportStrategy strategy) => _strategies.Add(strategy);

            public Task ExportAsync(string line) => _strategies.Count == 0 ? Task.CompletedTask : _strategies[0].ExportAsync(line);
        }

        public sealed class App : Host.IApplication
        {
            private readonly ExportManager _manager = new ExportManager();

            public Task InitializeAsync(string config)
            {
                _manager.AddStrategy(new ExportStrategy(config));
                return Task.CompletedTask;
            }
        {0}
        }
        """;

    private static string Plugin(string more, string creation) => PluginSource.Replace("{0}", more).Replace("{1}", creation);

    [Fact]
    public Task OwnerMadeInTheHostsInitializeAsync_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Plugin(string.Empty, "new HttpClient()"), WithHost);

    [Fact]
    public Task OwnerMadeInTheHostsInitializeAsync_PluginMadePerCallHere_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Plugin("""

                public static Task ExportOnceAsync(string config, string line)
                {
                    var app = new App();
                    app.InitializeAsync(config).Wait();
                    return app._manager.ExportAsync(line);
                }
            """, "{|HCG001:new HttpClient()|}"), WithHost);

    [Fact]
    public Task ModuleInitOverride_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed class PingModule : Host.Module
        {
            private HttpClient _client;

            public override void Init(string name)
            {
                _client = new HttpClient();
            }
        }
        """, WithHost);

    // TheOtherRoles' and other BepInEx mods: the mod loader creates the plugin and calls its 'Load' override once.
    [Fact]
    public Task PluginLoadOverride_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed class MotdPlugin : Host.BasePlugin
        {
            public string Motd;

            public override void Load()
            {
                var client = new HttpClient();
                Motd = client.GetStringAsync("https://example.org/motd").Result;
            }
        }
        """, WithHost);

    // A view model whose base class is in a missing package: its own public Load() runs per navigation, not once per instance.
    [Fact]
    public Task PublicLoadOfATypeWhoseBaseDoesNotBind_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed class FeedViewModel : ObservableObject
        {
            public string Feed;

            public void Load()
            {
                var client = {|HCG001:new HttpClient()|};
                Feed = client.GetStringAsync("https://example.org/feed").Result;
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task OwnLoadCalledPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed class Motd
        {
            public string Text;

            public void Load()
            {
                var client = {|HCG001:new HttpClient()|};
                Text = client.GetStringAsync("https://example.org/motd").Result;
            }

            public string Fetch()
            {
                Load();
                return Text;
            }
        }
        """);

    [Fact]
    public Task OwnInitializeCalledPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed class Session
        {
            private string _token;

            public void Initialize(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    _token = client.GetStringAsync(url).Result;
                }
            }

            public string Fetch(string url)
            {
                Initialize(url);
                return _token;
            }
        }
        """);

    [Fact]
    public Task HostsInitializeUsingAClientOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class App : Host.IApplication
        {
            private string _token;

            public async Task InitializeAsync(string config)
            {
                using (var client = new HttpClient())
                {
                    _token = await client.GetStringAsync(config);
                }
            }
        }
        """, WithHost);

    [Fact]
    public Task InitializeOfAnUnboundPluginContract_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class App : {|CS0246:IDnsApplication|}
        {
            private HttpClient _client;

            public Task InitializeAsync(string config)
            {
                _client = new HttpClient();
                return Task.CompletedTask;
            }
        }
        """);
}
