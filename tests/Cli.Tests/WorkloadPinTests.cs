using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A repository whose global.json pins a workload version this machine does not have (sentry-dotnet pins
/// <c>workloadVersion</c> 10.0.400): the SDK's workload resolver fails every MSBuild evaluation there. Folder mode
/// must still read the project's settings with MSBuild (without workloads, which it does not compile against)
/// instead of falling back to reading the XML, which misses what the imported props define.
/// </summary>
public sealed class WorkloadPinTests
{
    // What only MSBuild sees: the target framework, a define and the implicit usings come from the props two
    // levels up, imported by the nearest Directory.Build.props.
    private const string OuterProps = """
        <Project>
          <PropertyGroup>
            <LibraryTfm>net10.0</LibraryTfm>
            <DefineConstants>$(DefineConstants);HTTP_FEATURE</DefineConstants>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    private const string InnerProps = """
        <Project>
          <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
        </Project>
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>$(LibraryTfm)</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    private const string Source = """
        #if HTTP_FEATURE
        public class StatusClient
        {
            public async Task<int> LeakedAsync(HttpClient client, string url)
            {
                var response = await client.GetAsync(url); // expect: HCG003
                return (int)response.StatusCode;
            }

            public async Task<int> DisposedAsync(HttpClient client, string url)
            {
                using var response = await client.GetAsync(url);
                return (int)response.StatusCode;
            }
        }
        #endif
        """;

    [Fact]
    public async Task GlobalJsonPinningAMissingWorkloadVersion_EvaluatesWithoutWorkloadsAndReports()
    {
        using var repository = CreateRepository(globalJson: """{ "sdk": { "workloadVersion": "10.0.999" } }""");

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "Lib"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Equal("net10.0", target.GetProperty("targetFramework").GetString());
        var settings = target.GetProperty("settings").GetString()!;
        Assert.Contains("from MSBuild evaluation (without workloads: the SDK's workload resolver failed (Workload version 10.0.999", settings, StringComparison.Ordinal);
        Assert.Equal(ExpectedFindings.In(repository.Combine("src", "Lib"), projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
    }

    [Fact]
    public async Task GlobalJsonWithoutWorkloadVersion_EvaluatesWithWorkloadsAsTheBuildDoes()
    {
        using var repository = CreateRepository(globalJson: """{ "sdk": { "rollForward": "latestMajor" } }""");

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "Lib"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        var settings = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("settings").GetString()!;
        Assert.EndsWith("from MSBuild evaluation", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("workload", settings, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { "HCG003 StatusClient.cs:6" }, ExpectedFindings.FromJson(report).ToArray());
    }

    private static TempFolder CreateRepository(string globalJson)
    {
        var repository = new TempFolder();
        File.WriteAllText(repository.Combine("global.json"), globalJson);
        File.WriteAllText(repository.Combine("Directory.Build.props"), OuterProps);
        Directory.CreateDirectory(repository.Combine("src", "Lib"));
        File.WriteAllText(repository.Combine("src", "Directory.Build.props"), InnerProps);
        File.WriteAllText(repository.Combine("src", "Lib", "Lib.csproj"), Project);
        File.WriteAllText(repository.Combine("src", "Lib", "StatusClient.cs"), Source);
        return repository;
    }
}
