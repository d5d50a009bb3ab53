using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.EndToEnd.Tests.Infrastructure;
using HttpClientGuard.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HttpClientGuard.EndToEnd.Tests;

/// <summary>
/// One ordered scenario, as a user lives it: add the package to a project with leaky code, watch
/// CI fail, configure severities, export SARIF, let dotnet format fix the code, and see the fixed
/// program reuse one connection where the leaky one opened one per call.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ConsumerScenarioTests(PackedPackage package, ITestOutputHelper log)
{
    private const int Calls = 200;

    /// <summary>A per-call client and an undisposed response in a helper, the shape HCG001 and HCG003 exist for.</summary>
    private static readonly string s_leakyProgram = $$"""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        var url = new Uri(args[0]);
        var succeeded = 0;
        for (var i = 0; i < {{Calls}}; i++)
        {
            if (await Downloader.GetStatusAsync(url) == 200)
            {
                succeeded++;
            }
        }

        Console.WriteLine("succeeded: " + succeeded);

        internal static class Downloader
        {
            public static async Task<int> GetStatusAsync(Uri url)
            {
                using var client = new HttpClient();
                var response = await client.GetAsync(url);
                return (int)response.StatusCode;
            }
        }
        """;

    [Fact]
    public async Task LeakyApp_FailsCi_HonoursEditorConfig_WritesSarif_IsFixedByDotnetFormat_ThenReusesConnections()
    {
        var project = ConsumerProject.Create(package.WorkDirectory, package.FeedDirectory, package.Version, s_leakyProgram);

        // 1. CI with warnings as errors fails and names the rules.
        var ciBuild = await project.BuildAsync("-warnaserror");
        Assert.True(ciBuild.ExitCode != 0, ciBuild.Describe());
        AssertOutputContains(ciBuild, "error HCG001");
        AssertOutputContains(ciBuild, "error HCG003");
        AssertCompilerSeesProjectKindProperties(project);

        // The props reach the rules: in a test project HCG001 is quiet by default, HCG003 is not.
        var asTestProject = await project.BuildAsync("-warnaserror", "-p:IsTestProject=true");
        Assert.DoesNotContain("HCG001", asTestProject.Output, StringComparison.Ordinal);
        AssertOutputContains(asTestProject, "error HCG003");

        // 4a. .editorconfig turns a rule off, or up to an error, one rule at a time.
        project.WriteEditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.HCG001.severity = none\n");
        var silenced = await project.BuildAsync("-warnaserror");
        Assert.DoesNotContain("HCG001", silenced.Output, StringComparison.Ordinal);
        // Only the one rule: HCG003 still fails the build.
        AssertOutputContains(silenced, "error HCG003");

        project.WriteEditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.HCG001.severity = error\n");
        var escalated = await project.BuildAsync();
        Assert.True(escalated.ExitCode != 0, escalated.Describe());
        AssertOutputContains(escalated, "error HCG001");
        AssertOutputContains(escalated, "warning HCG003");
        project.DeleteEditorConfig();

        // 4b. SARIF 2.1 with the results and the rules' help links.
        var sarifPath = Path.Combine(project.Directory, "hcg.sarif");
        // MSBuild splits -p values at commas: the compiler's "path,version=2.1" is passed escaped.
        var sarifBuild = await project.BuildAsync($"-p:ErrorLog={sarifPath}%2Cversion%3D2.1");
        Assert.True(sarifBuild.ExitCode == 0, sarifBuild.Describe());
        AssertSarifReports(sarifPath, "HCG001");
        AssertSarifReports(sarifPath, "HCG003");

        // 3a. The leaky program opens a connection per call.
        var leakyConnections = await CountConnectionsAsync(project);
        Assert.True(leakyConnections >= 150, $"the leaky program opened {leakyConnections} connections for {Calls} calls");

        // 2. dotnet format applies the fixes; the project then passes CI.
        var format = await project.FormatAnalyzersAsync("HCG001", "HCG003");
        Assert.True(format.ExitCode == 0, format.Describe());
        var fixedSource = File.ReadAllText(project.ProgramPath);
        log.WriteLine(fixedSource);
        Assert.Contains("using var client = HttpClientPool.CreateClient();", fixedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("new HttpClient(", fixedSource, StringComparison.Ordinal);
        Assert.Contains("using var response = await client.GetAsync(url);", fixedSource, StringComparison.Ordinal);

        var fixedBuild = await project.BuildAsync("-warnaserror");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.Describe());
        Assert.DoesNotContain("HCG0", fixedBuild.Output, StringComparison.Ordinal);
        // The runtime is not a development dependency: HttpClientPool ships with the application.
        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "HttpClientGuard.dll")), "HttpClientGuard.dll is not in " + project.OutputDirectory);

        // 3b. The fixed program reuses its connection.
        var fixedConnections = await CountConnectionsAsync(project);
        Assert.True(fixedConnections <= 2, $"the fixed program opened {fixedConnections} connections for {Calls} calls");
        log.WriteLine($"TCP connections for {Calls} calls: leaky {leakyConnections}, fixed {fixedConnections}");
    }

    private static void AssertOutputContains(CommandResult result, string text) =>
        Assert.True(result.Output.Contains(text, StringComparison.Ordinal), $"'{text}' not in:{Environment.NewLine}{result.Describe()}");

    /// <summary>build/HttpClientGuard.props reached the compiler: the values are in the generated analyzer config.</summary>
    private static void AssertCompilerSeesProjectKindProperties(ConsumerProject project)
    {
        var generated = File.ReadAllLines(project.GeneratedEditorConfigPath);
        Assert.Contains("build_property.TargetFramework = net10.0", generated);
        Assert.Contains("build_property.TargetFrameworkIdentifier = .NETCoreApp", generated);
        Assert.Contains("build_property.OutputType = Exe", generated);
        // Unset in a console app, yet exposed: rules read "not a test project / not WebAssembly" from them.
        Assert.Contains("build_property.IsTestProject = ", generated);
        Assert.Contains("build_property.UsingMicrosoftNETSdkBlazorWebAssembly = ", generated);
    }

    private static void AssertSarifReports(string sarifPath, string ruleId)
    {
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();

        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == ruleId);
        Assert.Equal("warning", result.GetProperty("level").GetString());
        var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.EndsWith("Program.cs", uri, StringComparison.Ordinal);

        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == ruleId);
        var helpUri = rule.GetProperty("helpUri").GetString();
        Assert.Equal("https://github.com/HttpClientGuard/HttpClientGuard/blob/main/docs/rules/" + ruleId + ".md", helpUri);
        // The link resolves to a page this repository ships.
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "rules", ruleId + ".md")), helpUri);
    }

    private async Task<int> CountConnectionsAsync(ConsumerProject project)
    {
        await using var server = await LoopbackServer.StartAsync();
        var run = await project.RunAsync(server.BaseAddress.ToString());
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains($"succeeded: {Calls}", run.Output, StringComparison.Ordinal);
        return server.ConnectionCount;
    }
}
