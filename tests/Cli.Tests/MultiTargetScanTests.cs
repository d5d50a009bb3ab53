using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A library targeting net452, netstandard2.0 and net10.0, with code under <c>#if</c> for each: the scan must
/// find what the build of every target finds, whether the project is restored or not, and whichever targets
/// cannot load on this machine (net452 has no targeting pack on Linux).
/// </summary>
public sealed class MultiTargetScanTests
{
    private const string Fixture = "MultiTargetLibrary";
    private const string ProjectFile = "MultiTargetLibrary.csproj";
    private static readonly string[] s_frameworks = { "net452", "netstandard2.0", "net10.0" };

    [Fact]
    public async Task Unrestored_EveryTargetScanned_TheOnesMsBuildCannotResolveFallBackWithTheirOwnSymbols()
    {
        using var folder = TempFolder.WithFixture(Fixture);

        var result = await Hcg.RunAsync("scan", folder.Combine(ProjectFile), "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var report = result.Json();
        Assert.Equal(ExpectedFindings.ForTargets(folder.Path, s_frameworks), ExpectedFindings.FromJson(report));
        var targets = Targets(report);
        Assert.Equal(s_frameworks.Order(StringComparer.Ordinal), targets.Keys.Order(StringComparer.Ordinal));
        // The SDK's own targeting pack resolves net10.0 without a restore; when it does not, say what MSBuild reported.
        var modern = targets["net10.0"];
        Assert.True(modern.GetProperty("mode").GetString() == "project",
            $"net10.0 fell back to folder mode: {(modern.TryGetProperty("reason", out var why) ? why.GetString() : "(no reason)")}; notes: {string.Join(" | ", Notes(report))}");
        foreach (var framework in new[] { "net452", "netstandard2.0" })
        {
            // Unrestored, MSBuild resolves neither the .NET Framework nor NETStandard.Library.
            Assert.Equal("folder", targets[framework].GetProperty("mode").GetString());
            Assert.False(string.IsNullOrWhiteSpace(targets[framework].GetProperty("reason").GetString()));
            Assert.Contains("C# 7.3", targets[framework].GetProperty("settings").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("mixed", report.GetProperty("mode").GetString());
        Assert.Contains(Notes(report), note => note.Contains("is not restored", StringComparison.Ordinal) && note.Contains("--restore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restored_FindsWhatDotnetBuildOfEachTargetFinds()
    {
        using var folder = TempFolder.WithFixture(Fixture);
        using var built = TempFolder.WithFixture(Fixture);

        var result = await Hcg.RunAsync("scan", folder.Combine(ProjectFile), "--restore", "--format", "json");
        var builds = await TargetBuild.FindingsAsync(built.Combine(ProjectFile), "netstandard2.0", "net10.0");
        var standard = builds["netstandard2.0"];
        var modern = builds["net10.0"];

        // The markers say what each build finds; the real builds agree.
        Assert.Equal(ExpectedFindings.ForTargets(folder.Path, "netstandard2.0"), standard);
        Assert.Equal(ExpectedFindings.ForTargets(folder.Path, "net10.0"), modern);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var report = result.Json();
        Assert.Contains(Notes(report), note => note.Contains("dotnet restore", StringComparison.Ordinal));
        var targets = Targets(report);
        Assert.True(
            targets["netstandard2.0"].GetProperty("mode").GetString() == "project" && targets["net10.0"].GetProperty("mode").GetString() == "project",
            report.GetProperty("targets").ToString() + report.GetProperty("notes").ToString());

        // net452 cannot be built here (no reference assemblies on Linux unless the feed has its package): the scan
        // still covers it, by its markers.
        var expected = standard.Concat(modern).Concat(ExpectedFindings.ForTargets(folder.Path, "net452")).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, ExpectedFindings.FromJson(report));
        Assert.Contains(ExpectedFindings.ForTargets(folder.Path, "net452"), key => !standard.Contains(key) && !modern.Contains(key));
    }

    [Fact]
    public async Task FolderMode_ScansEveryTargetOfTheProjectFileWithItsSettings()
    {
        using var folder = TempFolder.WithFixture(Fixture);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json");

        var report = result.Json();
        Assert.Equal("folder", report.GetProperty("mode").GetString());
        Assert.Equal(ExpectedFindings.ForTargets(folder.Path, s_frameworks), ExpectedFindings.FromJson(report));
        var targets = Targets(report);
        Assert.Equal(3, targets.Count);
        Assert.All(targets.Values, target => Assert.Contains("from MSBuild evaluation", target.GetProperty("settings").GetString(), StringComparison.Ordinal));
        Assert.Contains("C# 7.3 (SDK default for netstandard2.0)", targets["netstandard2.0"].GetProperty("settings").GetString(), StringComparison.Ordinal);
        Assert.Contains("NETStandard.Library", targets["netstandard2.0"].GetProperty("references").GetString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.NETCore.App.Ref", targets["net10.0"].GetProperty("references").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
    }

    [Fact]
    public async Task ProjectMsBuildCannotEvaluate_ItsXmlGivesEachTargetsSymbols()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Odd.csproj"), """
            <Project Sdk="HttpClientGuard.Tests.NoSuchSdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>
              </PropertyGroup>
              <PropertyGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
                <DefineConstants>$(DefineConstants);LEGACY_HTTP</DefineConstants>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Odd.cs"), """
            namespace Odd
            {
                public static class Factory
                {
            #if LEGACY_HTTP
                    public static string Legacy(string url) { return new System.Net.Http.HttpClient().GetStringAsync(url).Result; } // expect(netstandard2.0): HCG001
            #endif
            #if NET8_0_OR_GREATER
                    public static int Modern() { return new System.Net.Http.SocketsHttpHandler().MaxConnectionsPerServer; } // expect(net10.0): HCG002
            #endif
                }
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Combine("Odd.csproj"), "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var report = result.Json();
        Assert.Equal(ExpectedFindings.ForTargets(folder.Path, "netstandard2.0", "net10.0"), ExpectedFindings.FromJson(report));
        var targets = Targets(report);
        Assert.Equal(new[] { "net10.0", "netstandard2.0" }, targets.Keys.Order(StringComparer.Ordinal));
        Assert.All(targets.Values, target =>
        {
            Assert.Equal("folder", target.GetProperty("mode").GetString());
            Assert.Contains("read from the project file's XML", target.GetProperty("settings").GetString(), StringComparison.Ordinal);
            Assert.Contains("NoSuchSdk", target.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
    }

    private static Dictionary<string, JsonElement> Targets(JsonElement report)
        => report.GetProperty("targets").EnumerateArray().ToDictionary(target => target.GetProperty("targetFramework").GetString()!, StringComparer.Ordinal);

    private static List<string> Notes(JsonElement report)
        => report.GetProperty("notes").EnumerateArray().Select(note => note.GetString()!).ToList();
}
