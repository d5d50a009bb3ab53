using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode tells the analyzers each target's framework as a real build does (<c>build_property.TargetFramework</c>): on
/// Android, iOS and Mac Catalyst <c>new HttpClient()</c> and <c>HttpClientHandler</c> run over the platform's native handler, so
/// a client kept for the process there is not HCG007's (a MAUI app's static or singleton clients), while the same code for a plain
/// target is.
/// </summary>
public sealed class NativeHandlerScanTests
{
    private const string Source = """
        namespace App;

        public static class Api
        {
            public static readonly HttpClient Client = new HttpClient(new HttpClientHandler());{0}

            public static Task<string> GetCartAsync() => Client.GetStringAsync("https://shop.example/cart");
        }
        """;

    [Theory]
    [InlineData("<TargetFrameworks>net8.0-android;net8.0-ios;net8.0-maccatalyst</TargetFrameworks>", "")]
    [InlineData("<TargetFramework>net8.0-android</TargetFramework>", "")]
    [InlineData("<TargetFramework>net8.0</TargetFramework>", " // expect: HCG007")]
    [InlineData("<TargetFramework>net8.0-windows</TargetFramework>", " // expect: HCG007")]
    public async Task SingletonClient_QuietOnNativeHandlerTargetsReportedElsewhere(string frameworks, string expectation)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {frameworks}
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("CartService.cs"), Source.Replace("{0}", expectation));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(result.Json()));
        Assert.Equal(expectation.Length == 0 ? 0 : 1, ExpectedFindings.FromJson(result.Json()).Count());
    }
}
