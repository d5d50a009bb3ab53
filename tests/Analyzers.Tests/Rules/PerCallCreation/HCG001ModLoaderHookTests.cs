using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A game mod loader creates each plugin itself and runs its start-up hooks once per game start: MelonLoader's
/// <c>OnApplicationEarlyStart</c> / <c>OnInitializeMelon</c> overrides, BepInEx's <c>BaseUnityPlugin.Awake</c>. A client made
/// there is made once; so is one Playnite's <c>OnApplicationStarted</c> makes (one object per extension, the hook called
/// once per application start). The per-frame, per-scene and per-event hooks (<c>OnUpdate</c>, <c>OnSceneWasLoaded</c>,
/// <c>Update</c>, <c>OnGameStarted</c>) run again and again, and so does a method of the same name on a type that is no
/// loader's plugin.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ModLoaderHookTests
{
    // The loaders' plugin bases, in another assembly (the game's MelonLoader.dll / BepInEx.dll).
    private const string Loaders = """
        namespace MelonLoader
        {
            public abstract class MelonBase
            {
                public virtual void OnInitializeMelon() { }
                public virtual void OnUpdate() { }
            }

            public abstract class MelonPlugin : MelonBase
            {
                public virtual void OnApplicationEarlyStart() { }
            }

            public abstract class MelonMod : MelonBase
            {
                public virtual void OnSceneWasLoaded(int buildIndex, string sceneName) { }
            }
        }

        namespace UnityEngine
        {
            public class MonoBehaviour { }
        }

        namespace BepInEx
        {
            public abstract class BaseUnityPlugin : UnityEngine.MonoBehaviour { }
        }
        """;

    private static readonly TestOptions WithLoaders = new() { LibrarySource = Loaders };

    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    [Fact]
    public Task ClientMadeInStartUpHooks_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.IO;
        using System.Net.Http;

        public class Updater : MelonLoader.MelonPlugin
        {
            public override void OnApplicationEarlyStart()
            {
                var http = new HttpClient();
                foreach (var mod in Directory.GetFiles("Mods", "*.dll"))
                {
                    http.GetStringAsync("https://example.com/" + Path.GetFileName(mod)).Wait();
                }

                http.Dispose();
            }
        }

        public class Stats : MelonLoader.MelonMod
        {
            private HttpClient _client;

            public override void OnInitializeMelon() => _client = new HttpClient();

            public override void OnSceneWasLoaded(int buildIndex, string sceneName) => _client.PostAsync("https://example.com", new StringContent(sceneName));
        }

        public class Tracker : BepInEx.BaseUnityPlugin
        {
            private HttpClient _client;

            private void Awake()
            {
                _client = new HttpClient();
            }
        }
        """, WithLoaders);

    [Fact]
    public Task ClientMadeInPerFrameOrPerSceneHooks_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class Poller : MelonLoader.MelonMod
        {
            public override void OnUpdate()
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/frame").Wait();
                }
            }

            public override void OnSceneWasLoaded(int buildIndex, string sceneName)
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/" + sceneName).Wait();
                }
            }
        }

        public class Updater : MelonLoader.MelonPlugin
        {
            public override void OnApplicationEarlyStart()
            {
                foreach (var name in new[] { "a", "b" })
                {
                    using (var http = {|HCG001:new HttpClient()|})
                    {
                        http.GetStringAsync("https://example.com/" + name).Wait();
                    }
                }
            }
        }
        """, WithLoaders);

    // A method named like a hook on a type that is no loader's plugin is an ordinary method, called per call.
    [Fact]
    public Task SameNamesOnTypesThatAreNoPlugin_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public abstract class Stage
        {
            public virtual void OnInitializeMelon() { }
        }

        public class Level : Stage
        {
            public override void OnInitializeMelon()
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/level").Wait();
                }
            }
        }

        public class Spawner : UnityEngine.MonoBehaviour
        {
            public void Awake()
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/spawn").Wait();
                }
            }
        }

        public static class Game
        {
            public static void Tick(Level level, Spawner spawner)
            {
                level.OnInitializeMelon();
                spawner.Awake();
            }
        }
        """, WithLoaders);

    // Folder mode without the game's assemblies: the plugin's written base names the loader.
    [Fact]
    public Task UnboundPluginBase_StartUpHookQuiet_PerFrameHookReported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using MelonLoader;

        public class Updater : MelonPlugin
        {
            public override void OnApplicationEarlyStart()
            {
                var http = new HttpClient();
                http.GetStringAsync("https://example.com/versions").Wait();
            }

            public override void OnUpdate()
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/frame").Wait();
                }
            }
        }

        public class Tracker : BepInEx.BaseUnityPlugin
        {
            private HttpClient _client;

            private void Awake()
            {
                _client = new HttpClient();
            }

            private void Update()
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    http.GetStringAsync("https://example.com/frame").Wait();
                }
            }
        }
        """, HalfTyped);

    // A mod's public methods are called by the mod alone (the loader loads the assembly to run its plugin), so a version
    // check only the start-up hook runs is made once; one a per-scene hook runs too is per call. A library's public method
    // is called by code this compilation does not see, even when the library itself runs it once. {0}: the scene hook's body.
    private const string VersionCheckOfAMod = """
        using System.Net.Http;

        public static class VersionCheck
        {
            public static string GetLatestTag()
            {
                using (var client = {1}new HttpClient(){2})
                {
                    return client.GetStringAsync("https://api.github.com/repos/owner/mod/releases/latest").Result;
                }
            }

            public static void CheckForUpdate()
            {
                var latest = GetLatestTag();
                System.Console.WriteLine(latest);
            }
        }

        public class Core : MelonLoader.MelonMod
        {
            public override void OnInitializeMelon()
            {
                VersionCheck.CheckForUpdate();
            }

            public override void OnSceneWasLoaded(int buildIndex, string sceneName)
            {
                {0}
            }
        }
        """;

    [Fact]
    public Task PublicVersionCheckOfAModRunOnlyByItsStartUpHook_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        VersionCheckOfAMod.Replace("{0}", string.Empty).Replace("{1}", string.Empty).Replace("{2}", string.Empty), WithLoaders);

    [Fact]
    public Task PublicVersionCheckOfAModRunOnEverySceneToo_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        VersionCheckOfAMod.Replace("{0}", "VersionCheck.CheckForUpdate();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), WithLoaders);

    [Fact]
    public Task PublicVersionCheckOfAnUnboundModRunOnlyByItsStartUpHook_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        VersionCheckOfAMod.Replace("{0}", string.Empty).Replace("{1}", string.Empty).Replace("{2}", string.Empty)
            .Replace("public class Core : MelonLoader.MelonMod", "public class Core : MelonMod").Replace("using System.Net.Http;", "using System.Net.Http;\nusing MelonLoader;"),
        HalfTyped);

    [Fact]
    public Task PublicVersionCheckOfALibraryWithoutAPlugin_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        VersionCheckOfAMod.Replace("{0}", string.Empty).Replace("{1}", "{|HCG001:").Replace("{2}", "|}")
            .Replace("public class Core : MelonLoader.MelonMod", "public class Core : Game.Scripting.ScriptBase")
            .Replace("public override void OnInitializeMelon()", "static Core()").Replace("public override void", "public void")
            + "\npublic static class LoaderNames { public const string MelonMod = \"MelonMod\"; }\n",
        HalfTyped);

    // ---------------------------------------------------------------- Playnite's extensions

    // Playnite.SDK, in another assembly.
    private const string Playnite = """
        namespace Playnite.SDK.Plugins
        {
            public class OnApplicationStartedEventArgs { }
            public class OnGameStartedEventArgs { }

            public abstract class Plugin
            {
                public virtual void OnApplicationStarted(OnApplicationStartedEventArgs args) { }
                public virtual void OnGameStarted(OnGameStartedEventArgs args) { }
            }

            public abstract class GenericPlugin : Plugin { }

            public class MetadataRequestOptions { }
            public abstract class OnDemandMetadataProvider { }

            public abstract class MetadataPlugin : Plugin
            {
                public abstract OnDemandMetadataProvider GetMetadataProvider(MetadataRequestOptions options);
            }
        }
        """;

    private static readonly TestOptions WithPlaynite = new() { LibrarySource = Playnite };

    // {0}: the hook that makes the item source; {1}, {2}: the markup around the client. The source's client is made per
    // source, and the plugin makes a source in a private method its hook runs (QuickSearch's AddBuiltInCommands).
    private const string SearchExtension = """
        using System.Net.Http;
        using Playnite.SDK.Plugins;

        public class DealsSource
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public string Find(string query) => _client.GetStringAsync("https://example.com/deals?q=" + query).Result;
        }

        public class SearchPlugin : GenericPlugin
        {
            public override void {0}
            {
                AddBuiltInCommands();
            }

            private void AddBuiltInCommands()
            {
                var deals = new DealsSource();
                System.Console.WriteLine(deals.Find("warm-up"));
            }
        }
        """;

    private static string Extension(string hook, bool reported) => SearchExtension
        .Replace("{0}", hook).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task PlayniteExtensionMakingItsSourcesOnApplicationStarted_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnApplicationStarted(OnApplicationStartedEventArgs args)", reported: false), WithPlaynite);

    [Fact]
    public Task PlayniteExtensionMakingItsSourcesOnEveryGameStarted_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnGameStarted(OnGameStartedEventArgs args)", reported: true), WithPlaynite);

    [Fact]
    public Task UnboundPlayniteBase_OnApplicationStartedQuiet() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnApplicationStarted(OnApplicationStartedEventArgs args)", reported: false), HalfTyped);

    [Fact]
    public Task UnboundPlayniteBase_OnGameStartedReported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnGameStarted(OnGameStartedEventArgs args)", reported: true), HalfTyped);

    // MelonLoader 0.5's start-up name on a Playnite base is no hook of Playnite's.
    [Fact]
    public Task UnboundPlayniteBase_MelonLoaderHookNameReported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnApplicationStart(OnApplicationStartedEventArgs args)", reported: true), HalfTyped);

    // The same override on a base of the compilation's own, called by the compilation: an ordinary method.
    [Fact]
    public Task OnApplicationStartedOfAnOwnBaseTheCodeCalls_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Extension("OnApplicationStarted(OnApplicationStartedEventArgs args)", reported: true)
            .Replace("using Playnite.SDK.Plugins;", "")
            .Replace("public class SearchPlugin : GenericPlugin", """
                public class OnApplicationStartedEventArgs { }

                public abstract class GenericPlugin
                {
                    public virtual void OnApplicationStarted(OnApplicationStartedEventArgs args) { }

                    public void Refresh() => OnApplicationStarted(new OnApplicationStartedEventArgs());
                }

                public class SearchPlugin : GenericPlugin
                """));

    // {0}: the metadata plugin's base; {1}, {2}: the markup around the provider's client. Playnite asks the plugin for a
    // provider on every metadata request and drops it after, so the provider's client is made per request.
    private const string MetadataExtension = """
        using System.Net.Http;
        using Playnite.SDK.Plugins;

        public class ZoneProvider : OnDemandMetadataProvider
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public string Name(string id) => _client.GetStringAsync("https://example.com/games/" + id).Result;
        }

        public class ZoneMetadata : {0}
        {
            public override OnDemandMetadataProvider GetMetadataProvider(MetadataRequestOptions options) => new ZoneProvider();
        }
        """;

    private static string Metadata(string plugin, bool reported) => MetadataExtension
        .Replace("{0}", plugin).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task PlayniteMetadataProviderMadePerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Metadata("MetadataPlugin", reported: true), WithPlaynite);

    [Fact]
    public Task UnboundPlayniteMetadataProviderMadePerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Metadata("MetadataPlugin", reported: true), HalfTyped);

    // The same override on a base of the compilation's own: whoever calls it keeps the provider, an owner handed back.
    [Fact]
    public Task ProviderReturnedByAnOwnBasesOverride_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Metadata("Catalog", reported: false).Replace("using Playnite.SDK.Plugins;", "") + """

            public class MetadataRequestOptions { }
            public abstract class OnDemandMetadataProvider { }

            public abstract class Catalog
            {
                public abstract OnDemandMetadataProvider GetMetadataProvider(MetadataRequestOptions options);
            }
            """);
}
