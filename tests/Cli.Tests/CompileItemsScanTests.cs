using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode compiles, per target, the files the build compiles for it: a folder the project removes from its
/// Compile items for that framework (sentry-dotnet compiles Platforms/Native only for its current .NET targets) is
/// not scanned there, so code no build compiles is never reported.
/// </summary>
public sealed class CompileItemsScanTests
{
    private const string Leak = """
        namespace Lib;

        public static class {0}
        {{
            public static async Task<int> StatusAsync(HttpClient client, string url)
            {{
                var response = await client.GetAsync(url);{1}
                return (int)response.StatusCode;
            }}
        }}
        """;

    [Fact]
    public async Task FolderRemovedFromCompileItems_IsNotScannedAndTheTargetLineSaysSo()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Lib.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup Condition="'$(TargetFramework)' == 'net10.0'">
                <Compile Remove="Platforms/Legacy/**" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Current.cs"), string.Format(Leak, "Current", " // expect: HCG003"));
        Directory.CreateDirectory(folder.Combine("Platforms", "Legacy"));
        File.WriteAllText(folder.Combine("Platforms", "Legacy", "Legacy.cs"), string.Format(Leak, "Legacy", string.Empty));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Current.cs:7" }, ExpectedFindings.FromJson(report).ToArray());
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(1, report.GetProperty("filesScanned").GetInt32());
        var settings = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("settings").GetString()!;
        Assert.EndsWith(", 1 of the folder's files not compiled for this target (Compile Remove)", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectWithDefaultCompileItems_ScansEveryFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Lib.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Current.cs"), string.Format(Leak, "Current", " // expect: HCG003"));
        Directory.CreateDirectory(folder.Combine("Platforms", "Legacy"));
        File.WriteAllText(folder.Combine("Platforms", "Legacy", "Legacy.cs"), string.Format(Leak, "Legacy", " // expect: HCG003"));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(2, ExpectedFindings.FromJson(report).Count);
        Assert.Equal(2, report.GetProperty("filesScanned").GetInt32());
        var settings = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("settings").GetString()!;
        Assert.DoesNotContain("Compile Remove", settings, StringComparison.Ordinal);
    }
}
