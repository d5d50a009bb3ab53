using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A folder holding several project files (Senparc's <c>Lib.csproj</c> of the old format beside <c>Lib.net8.csproj</c>, one per
/// toolchain) is compiled in folder mode by its SDK-style project, not by the old-format one first by name, whose explicit
/// <c>Compile</c> list leaves out the files added since. Among projects of one format, the first by ordinal name decides.
/// </summary>
public sealed class SeveralProjectFilesScanTests
{
    private const string RedPack = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class RedPack
        {
            public static async Task<string> Post(string url)
            {
                using (var client = new HttpClient()) // expect: HCG001
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """;

    private const string OldFormat = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup>
            <OutputType>Library</OutputType>
            <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="Old.cs" />
          </ItemGroup>
          <Import Project="$(MSBuildToolsPath)\Microsoft.CSharp.targets" />
        </Project>
        """;

    [Fact]
    public async Task OldFormatProjectBesideAnSdkStyleOne_TheSdkStyleOneCompilesTheFolder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Lib.csproj"), OldFormat);
        File.WriteAllText(folder.Combine("Lib.net8.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Old.cs"), "public static class Old { }");
        File.WriteAllText(folder.Combine("RedPack.cs"), RedPack);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        var report = result.Json();
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Equal("net8.0", target.GetProperty("targetFramework").GetString());
        Assert.Equal(new[] { "HCG001 RedPack.cs:8" }, ExpectedFindings.FromJson(report).ToArray());
    }

    [Fact]
    public async Task TwoOldFormatProjects_TheFirstByNameCompilesTheFolder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Lib.csproj"), OldFormat);
        File.WriteAllText(folder.Combine("Lib.old.csproj"), OldFormat.Replace("v4.7.2", "v4.6.2"));
        File.WriteAllText(folder.Combine("Old.cs"), "public static class Old { }");
        File.WriteAllText(folder.Combine("RedPack.cs"), RedPack);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        var report = result.Json();
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Equal("net472", target.GetProperty("targetFramework").GetString());
    }
}
