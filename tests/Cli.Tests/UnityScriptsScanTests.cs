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
        Directory.CreateDirectory(folder.Combine("ProjectSettings"));
        Directory.CreateDirectory(folder.Combine("Assets", "Scripts"));
        File.WriteAllText(folder.Combine("Assets", "Scripts", "DeployWindow.cs"), EditorWindow);

        var result = await Hcg.RunAsync("scan", folder.Combine("Assets"), "--format", "json");

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets"), "unity"), ExpectedFindings.FromJson(result.Json()));
    }

    [Fact]
    public async Task LooseScriptsWithoutUnityMarkers_CompiledPlainOnly()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("Assets", "Scripts"));
        File.WriteAllText(folder.Combine("Assets", "Scripts", "DeployWindow.cs"), EditorWindow);

        var result = await Hcg.RunAsync("scan", folder.Combine("Assets"), "--format", "json");

        Assert.Equal(ExpectedFindings.ForTargets(folder.Combine("Assets")), ExpectedFindings.FromJson(result.Json()));
        Assert.DoesNotContain("UNITY_EDITOR", result.Output);
    }
}
