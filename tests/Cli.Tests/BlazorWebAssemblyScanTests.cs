using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode tells the analyzers what a real build tells them about a Blazor WebAssembly project
/// (<c>build_property.UsingMicrosoftNETSdkBlazorWebAssembly</c>): its HTTP runs on the browser's fetch, so a static client
/// there is not HCG007's, while the same code in a plain project is.
/// </summary>
public sealed class BlazorWebAssemblyScanTests
{
    private const string Source = """
        namespace App;

        public static class Api
        {
            public static readonly HttpClient Client = new HttpClient();{0}

            public static string Get(string url) => Client.GetStringAsync(url).Result;
        }
        """;

    [Theory]
    [InlineData("Microsoft.NET.Sdk.BlazorWebAssembly", "")]
    [InlineData("Microsoft.NET.Sdk", " // expect: HCG007")]
    public async Task StaticClient_QuietInABlazorWebAssemblyProjectReportedElsewhere(string sdk, string expectation)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("App.csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Api.cs"), Source.Replace("{0}", expectation));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(result.Json()));
        Assert.Equal(expectation.Length == 0 ? 0 : 1, ExpectedFindings.FromJson(result.Json()).Count());
    }
}
