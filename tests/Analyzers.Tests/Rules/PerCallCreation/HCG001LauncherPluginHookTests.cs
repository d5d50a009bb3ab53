using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A launcher plugin (PowerToys Run, Flow Launcher) rebuilds what it keeps in <c>Init</c> and again in the host's reload and
/// settings hooks, <c>IReloadable.ReloadData</c> and <c>ISettingProvider.UpdateSettings</c>: the host calls those when the user
/// reloads the plugin or changes its settings, not per query. The same rebuild from <c>Query</c>, or from hooks the compilation
/// declares and calls itself, is per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001LauncherPluginHookTests
{
    // The host's plugin contract, in another assembly.
    private const string HostContract = """
        using System.Collections.Generic;

        namespace Wox.Plugin
        {
            public class Query { public string Search { get; set; } }
            public class Result { public string Title { get; set; } }
            public class PluginInitContext { }
            public class PowerLauncherPluginSettings { }

            public interface IPlugin
            {
                List<Result> Query(Query query);
                void Init(PluginInitContext context);
            }

            public interface IReloadable { void ReloadData(); }

            public interface ISettingProvider { void UpdateSettings(PowerLauncherPluginSettings settings); }
        }
        """;

    private static readonly TestOptions WithHost = new() { LibrarySource = HostContract };

    // {0}: what Query does first; {1}/{2}: the client's markup.
    private const string PluginSource = """
        using System.Collections.Generic;
        using System.Net.Http;
        using Wox.Plugin;

        public sealed class Processor
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public string Ask(string text) => _client.GetStringAsync("https://api.example.com/?q=" + text).Result;
        }

        public sealed class Main : IPlugin, IReloadable, ISettingProvider
        {
            private Processor _processor;

            public void Init(PluginInitContext context) => InitializeModules();

            public void ReloadData() => InitializeModules();

            public void UpdateSettings(PowerLauncherPluginSettings settings)
            {
                InitializeModules();
            }

            public List<Result> Query(Query query)
            {
                {0}
                return new List<Result> { new Result { Title = _processor.Ask(query.Search) } };
            }

            private void InitializeModules()
            {
                _processor = new Processor();
            }
        }
        """;

    private static string Plugin(string query, bool reported) =>
        PluginSource.Replace("{0}", query).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty);

    [Fact]
    public Task RebuiltOnlyByTheHostsInitReloadAndSettingsHooks_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Plugin(string.Empty, reported: false), WithHost);

    [Fact]
    public Task RebuiltByQueryToo_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Plugin("InitializeModules();", reported: true), WithHost);

    [Fact]
    public Task HooksOfTheCompilationsOwnInterfacesCalledPerQuery_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
            Plugin("ReloadData();", reported: true) + "\n" + HostContract.Replace("using System.Collections.Generic;", string.Empty));
}
