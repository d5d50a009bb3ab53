using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A host runs a plugin's load hook (<c>public override void Load()</c>) on the instances it loads. An instance the code makes
/// for a helper (ldpihole's installer: <c>var _this = new PiholePlugin(); _this.GetPluginDataDirectory()</c>) never runs it unless
/// a call of the compilation does, so what the hook makes is not made per helper instance. A call that runs the hook (directly,
/// through the base type) keeps it per instance; <c>base.Load()</c> in an override does not count.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HostHookInstanceTests
{
    // The host's plugin base, in another assembly.
    private const string HostContract = """
        namespace Loupedeck
        {
            public abstract class Plugin
            {
                public virtual void Load() { }

                public string GetPluginDataDirectory() => "";
            }

            public interface IModule
            {
                void Init();
            }
        }
        """;

    private static readonly TestOptions WithHost = new() { LibrarySource = HostContract };

    // {0}: what the installer does with its helper instance; {1}: what Load does first; {2}, {3}: the client's markup.
    private const string PluginSource = """
        using System.Net.Http;
        using Loupedeck;

        public class PiholePlugin : Plugin
        {
            public override void Load()
            {
                {1}
                Installer.Install();
                VerifyToken();
            }

            private bool VerifyToken()
            {
                var client = {2}new HttpClient(){3};
                return client.GetAsync("http://pi.hole/admin/api.php").Result.IsSuccessStatusCode;
            }
        }

        public class LoudPlugin : PiholePlugin
        {
            public override void Load()
            {
                base.Load();
            }
        }

        public static class Installer
        {
            public static bool Install()
            {
                var helper = new PiholePlugin();
                {0}
                return helper.GetPluginDataDirectory().Length > 0;
            }
        }
        """;

    private static Task VerifyAsync(string helper, string load, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        PluginSource.Replace("{0}", helper).Replace("{1}", load)
            .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
        WithHost);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task HelperInstanceLoadedByTheCode_Diagnostic() => VerifyAsync("helper.Load();", string.Empty, reported: true);

    [Fact]
    public Task HelperInstanceOfADerivedPluginLoadedByTheCode_Diagnostic() => VerifyAsync("new LoudPlugin().Load();", string.Empty, reported: true);

    [Fact]
    public Task HelperInstanceLoadedThroughTheHostsBaseType_Diagnostic() => VerifyAsync("Plugin plugin = helper; plugin.Load();", string.Empty, reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task HelperInstanceTheCodeNeverLoads_NoDiagnostic() => VerifyAsync(string.Empty, string.Empty, reported: false);

    [Fact]
    public Task HookCallingItsBase_NoDiagnostic() => VerifyAsync(string.Empty, "base.Load();", reported: false);

    // A hook implementing the host's interface, run by the code through that interface.
    private const string ModuleSource = """
        using System.Net.Http;
        using Loupedeck;

        public class StatsModule : IModule
        {
            public void Init()
            {
                var client = {1}new HttpClient(){2};
                client.GetAsync("https://stats.example.org/ping").Wait();
            }
        }

        public static class Modules
        {
            public static string Describe()
            {
                var helper = new StatsModule();
                {0}
                return helper.ToString();
            }
        }
        """;

    [Fact]
    public Task HelperModuleInitializedThroughTheHostsInterface_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ModuleSource.Replace("{0}", "((IModule)helper).Init();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), WithHost);

    [Fact]
    public Task HelperModuleTheCodeNeverInitializes_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ModuleSource.Replace("{0}", string.Empty).Replace("{1}", string.Empty).Replace("{2}", string.Empty), WithHost);

    // ldpihole's polling thread: made in the constructor, started only in Load. {0}: what the installer does with its helper
    // instance; {1}: more members; {2}, {3}: the client's markup.
    private const string ThreadSource = """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Loupedeck;

        public class PollingPlugin : Plugin
        {
            private readonly Thread _queryThread;
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();

            public PollingPlugin()
            {
                _queryThread = new Thread(QueryThread) { IsBackground = true };
            }

            private async void QueryThread()
            {
                var client = {2}new HttpClient(){3};
                while (true && !_stop.IsCancellationRequested)
                {
                    try
                    {
                        await client.GetStringAsync("http://pi.hole/admin/api.php");
                    }
                    catch (HttpRequestException)
                    {
                    }

                    await Task.Delay(1000);
                }
            }

            public override void Load()
            {
                if (!_queryThread.IsAlive)
                {
                    _queryThread.Start();
                }
            }

            {1}
        }

        public static class Installer
        {
            public static string Install()
            {
                var helper = new PollingPlugin();
                {0}
                return helper.GetPluginDataDirectory();
            }
        }
        """;

    private static Task VerifyThreadAsync(string helper, string more, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ThreadSource.Replace("{0}", helper).Replace("{1}", more)
            .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
        WithHost);

    [Fact]
    public Task ThreadStartedOnlyByALoadTheCodeNeverRuns_NoDiagnostic() => VerifyThreadAsync(string.Empty, string.Empty, reported: false);

    [Fact]
    public Task ThreadStartedByALoadTheCodeRuns_Diagnostic() => VerifyThreadAsync("helper.Load();", string.Empty, reported: true);

    [Fact]
    public Task ThreadStartedByAMethodOfItsOwnToo_Diagnostic() => VerifyThreadAsync(
        "helper.Restart();", "public void Restart() => _queryThread.Start();", reported: true);

    [Fact]
    public Task ThreadHandedOut_Diagnostic() => VerifyThreadAsync(
        "helper.Worker.Start();", "public Thread Worker => _queryThread;", reported: true);
}
