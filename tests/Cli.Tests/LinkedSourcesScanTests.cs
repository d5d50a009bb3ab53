using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A project that compiles a folder beside it (<c>&lt;Compile Include="..\Shared\**\*.cs" /&gt;</c>, as App Center's
/// platform projects share their Windows sources) has those files compiled with it in folder mode, not as loose
/// files of the scanned folder: what they use from the project binds, and each is analysed as the builds compile it.
/// </summary>
public sealed class LinkedSourcesScanTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="..\Shared\**\*.cs" />
          </ItemGroup>
        </Project>
        """;

    // The project's half: the type the shared file reads its client from.
    private const string Api = """
        namespace Lib;

        public sealed class Api
        {
            public HttpClient Http { get; } = new HttpClient();
        }
        """;

    // The shared half: the response leak only binds with the project's Api.
    private const string Status = """
        namespace Lib;

        public static class Status
        {
            public static async Task<int> CodeAsync(Api api, string url)
            {
                var response = await api.Http.GetAsync(url);/*mark*/
                return (int)response.StatusCode;
            }
        }
        """;

    [Fact]
    public async Task SharedFolderLinkedByAProject_IsCompiledWithThatProject()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("App"));
        Directory.CreateDirectory(folder.Combine("Shared"));
        File.WriteAllText(folder.Combine("App", "App.csproj"), Project);
        File.WriteAllText(folder.Combine("App", "Api.cs"), Api);
        File.WriteAllText(folder.Combine("Shared", "Status.cs"), Status.Replace("/*mark*/", " // expect: HCG003", StringComparison.Ordinal));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Shared/Status.cs:7" }, ExpectedFindings.FromJson(report).ToArray());
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(2, report.GetProperty("filesScanned").GetInt32());
        // The loose group is gone: its one file is the project's.
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Contains(", 1 file(s) from outside the project folder (Compile Include)", target.GetProperty("settings").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedFolderNoProjectLinks_StaysLooseFiles()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("App"));
        Directory.CreateDirectory(folder.Combine("Shared"));
        File.WriteAllText(folder.Combine("App", "App.csproj"), Project.Replace("""<Compile Include="..\Shared\**\*.cs" />""", string.Empty, StringComparison.Ordinal));
        File.WriteAllText(folder.Combine("App", "Api.cs"), Api);
        File.WriteAllText(folder.Combine("Shared", "Status.cs"), Status.Replace("/*mark*/", string.Empty, StringComparison.Ordinal));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        // Alone, the shared file's 'Api' does not bind: no finding is guessed, and it is still scanned as loose files.
        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Empty(ExpectedFindings.FromJson(report));
        Assert.Equal(2, report.GetProperty("filesScanned").GetInt32());
        var targets = report.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("settings").GetString()!).ToList();
        Assert.Equal(2, targets.Count);
        Assert.DoesNotContain(targets, settings => settings.Contains("Compile Include", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SharedFolderLinkedByTwoProjects_IsReportedOnce()
    {
        using var folder = new TempFolder();
        foreach (var app in new[] { "Desktop", "Mobile" })
        {
            Directory.CreateDirectory(folder.Combine(app));
            File.WriteAllText(folder.Combine(app, app + ".csproj"), Project);
            File.WriteAllText(folder.Combine(app, "Api.cs"), Api);
        }

        Directory.CreateDirectory(folder.Combine("Shared"));
        File.WriteAllText(folder.Combine("Shared", "Status.cs"), Status.Replace("/*mark*/", " // expect: HCG003", StringComparison.Ordinal));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Shared/Status.cs:7" }, ExpectedFindings.FromJson(report).ToArray());
        Assert.Equal(3, report.GetProperty("filesScanned").GetInt32());
        Assert.Equal(2, report.GetProperty("targets").GetArrayLength());
    }
}
