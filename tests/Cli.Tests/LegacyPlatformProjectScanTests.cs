using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// An old-format Xamarin or UWP project (MALClient's Android app: <c>TargetFrameworkVersion v12.0</c> with the
/// Xamarin.Android targets; its UWP app: <c>TargetPlatformIdentifier UAP</c>) is compiled in folder mode against .NET
/// Standard 2.0, which those platforms implement, not against the .NET Framework reference assemblies its version
/// number would name (net40 for "v12.0" has no System.Net.Http, so nothing about HttpClient bound). So is a portable class
/// library (<c>TargetFrameworkProfile Profile154</c> over v4.0, hue.net's), whose surface is a subset of .NET Standard's. A
/// plain .NET Framework project of the old format keeps its framework.
/// </summary>
public sealed class LegacyPlatformProjectScanTests
{
    private const string ImageCache = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class ImageCache
        {
            public static async Task<byte[]> GetImageBytes(string url)
            {
                using (var webClient = new HttpClient()) // expect: HCG001
                {
                    return await webClient.GetByteArrayAsync(new Uri(url));
                }
            }
        }
        """;

    [Theory]
    [InlineData("""<TargetFrameworkVersion>v12.0</TargetFrameworkVersion>""", """<Import Project="$(MSBuildExtensionsPath)\Xamarin\Android\Xamarin.Android.CSharp.targets" />""", "netstandard2.0")]
    [InlineData("""<TargetPlatformIdentifier>UAP</TargetPlatformIdentifier><TargetPlatformVersion>10.0.19041.0</TargetPlatformVersion>""", """<Import Project="$(MSBuildExtensionsPath)\Microsoft\WindowsXaml\v$(VisualStudioVersion)\Microsoft.Windows.UI.Xaml.CSharp.targets" />""", "netstandard2.0")]
    [InlineData("""<TargetFrameworkVersion>v4.0</TargetFrameworkVersion><TargetFrameworkProfile>Profile154</TargetFrameworkProfile>""", """<Import Project="$(MSBuildExtensionsPath32)\Microsoft\Portable\$(TargetFrameworkVersion)\Microsoft.Portable.CSharp.targets" />""", "netstandard2.0")]
    [InlineData("""<TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>""", """<Import Project="$(MSBuildToolsPath)\Microsoft.CSharp.targets" />""", "net472")]
    public async Task OldFormatProject_CompiledAgainstTheFrameworkItsPlatformImplements(string properties, string import, string expectedFramework)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("App.csproj"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <OutputType>Library</OutputType>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="ImageCache.cs" />
              </ItemGroup>
              {import}
            </Project>
            """);
        File.WriteAllText(folder.Combine("ImageCache.cs"), ImageCache);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        var report = result.Json();
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Equal(expectedFramework, target.GetProperty("targetFramework").GetString());
        Assert.Equal(new[] { "HCG001 ImageCache.cs:9" }, ExpectedFindings.FromJson(report).ToArray());
    }
}
