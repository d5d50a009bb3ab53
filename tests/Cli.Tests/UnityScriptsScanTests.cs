using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Loose Unity scripts (an assembly definition above them, or a Unity project's Assets folder) are compiled twice: with the
/// plain symbols, as every loose file (a package's plain .NET branch), and with the symbols the Unity editor defines (an
/// editor window under <c>#if UNITY_EDITOR</c>). A player-only branch is in neither. Other loose files are compiled once.
/// </summary>
public sealed class UnityScriptsScanTests
{
    private const string EditorWindow = """
        #if UNITY_EDITOR
        using System.Net.Http;
        using System.Threading.Tasks;

        public class DeployWindow
        {
            public async Task<string> Upload(string url)
            {
                using (var client = new HttpClient()) // expect(unity): HCG001
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        #endif

        #if UNITY_2017_1_OR_NEWER
        public class Transport { }
        #else
        public class Transport
        {
            public string Fetch(string url)
            {
                using (var client = new System.Net.Http.HttpClient()) // expect: HCG001
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        #endif

        #if !UNITY_EDITOR && UNITY_2019_4_OR_NEWER
        public class PlayerOnly
        {
            public string Fetch(string url) => new System.Net.Http.HttpClient().GetStringAsync(url).Result;
        }
        #endif
        """;

    [Fact]
    public async Task ScriptsUnderAnAssemblyDefinition_CompiledPlainAndWithTheEditorsSymbols()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Deploy.asmdef"), """{ "name": "Deploy", "includePlatforms": [ "Editor" ] }""");
        Directory.CreateDirectory(folder.Combine("Editor"));
        File.WriteAllText(folder.Combine("Editor", "DeployWindow.cs"), EditorWindow);

        var result = await Hcg.RunAsync("scan", folder.Combine("Editor"), "--format", "json");

        var report = result.Json();
        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Editor"), "unity"), ExpectedFindings.FromJson(report));
        Assert.Contains("UNITY_EDITOR", result.Output);
    }

    [Fact]
    public async Task ScriptsInAUnityProjectsAssetsFolder_CompiledPlainAndWithTheEditorsSymbols()
    {
        using var folder = new TempFolder();
        var result = await ScanAssetsAsync(folder, unityProject: true, "Scripts", "DeployWindow.cs", EditorWindow);

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets"), "unity"), ExpectedFindings.FromJson(result.Json()));
    }

    [Fact]
    public async Task LooseScriptsWithoutUnityMarkers_CompiledPlainOnly()
    {
        using var folder = new TempFolder();
        var result = await ScanAssetsAsync(folder, unityProject: false, "Scripts", "DeployWindow.cs", EditorWindow);

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets")), ExpectedFindings.FromJson(result.Json()));
        Assert.DoesNotContain("UNITY_EDITOR", result.Output);
    }

    // Code both compilations read is Unity's alone to build, for its own runtime: the editor compilation judges it (HCG007 is
    // quiet in Unity scripts); the plain compilation speaks for what the editor's symbols leave out (a package's .NET branch).
    private const string UpdaterScript = """
        using System.Net.Http;

        public static class NanoApi
        {
            private static readonly HttpClient Client = new HttpClient();

            public static string Get(string url) => Client.GetStringAsync(url).Result;
        }

        #if !UNITY_2017_1_OR_NEWER
        public static class DotNetTransport
        {
            private static readonly HttpClient Client = new HttpClient(); // expect: HCG007

            public static string Get(string url) => Client.GetStringAsync(url).Result;
        }
        #endif
        """;

    [Fact]
    public async Task CodeBothCompilationsRead_JudgedByTheEditorCompilation()
    {
        using var folder = new TempFolder();
        var result = await ScanAssetsAsync(folder, unityProject: true, "Editor", "NanoApi.cs", UpdaterScript);

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets"), "unity"), ExpectedFindings.FromJson(result.Json()));
        Assert.Single(ExpectedFindings.FromJson(result.Json()));
    }

    [Fact]
    public async Task LooseScriptsWithoutUnityMarkers_StaticClientReported()
    {
        using var folder = new TempFolder();
        var result = await ScanAssetsAsync(folder, unityProject: false, "Editor", "NanoApi.cs", UpdaterScript.Replace(
            "private static readonly HttpClient Client = new HttpClient();\n\n    public static string Get(string url) => Client.GetStringAsync(url).Result;\n}\n\n#if",
            "private static readonly HttpClient Client = new HttpClient(); // expect: HCG007\n\n    public static string Get(string url) => Client.GetStringAsync(url).Result;\n}\n\n#if"));

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets")), ExpectedFindings.FromJson(result.Json()));
        Assert.Equal(2, System.Linq.Enumerable.Count(ExpectedFindings.FromJson(result.Json())));
    }

    /// <summary>
    /// Writes <paramref name="source"/> to <c>Assets/<paramref name="scripts"/>/<paramref name="file"/></c>, in a Unity project
    /// (a <c>ProjectSettings</c> folder beside <c>Assets</c>) or a plain folder, and scans <c>Assets</c> to JSON.
    /// </summary>
    private static Task<CliResult> ScanAssetsAsync(TempFolder folder, bool unityProject, string scripts, string file, string source)
    {
        if (unityProject)
        {
            Directory.CreateDirectory(folder.Combine("ProjectSettings"));
        }

        Directory.CreateDirectory(folder.Combine("Assets", scripts));
        File.WriteAllText(folder.Combine("Assets", scripts, file), source);
        return Hcg.RunAsync("scan", folder.Combine("Assets"), "--format", "json");
    }
}
