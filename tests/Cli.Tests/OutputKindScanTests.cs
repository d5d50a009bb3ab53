using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode compiles a project as the build does, an executable as an executable: a program's public method that
/// <c>Main</c> calls once makes its client once (HCG001 is quiet), while the same code in a library is its users' API
/// and stays reported.
/// </summary>
public sealed class OutputKindScanTests
{
    private const string Source = """
        namespace Tool;

        public static class Program
        {
            public static void Main(string[] args) => Downloader.Download(args[0]);
        }

        public static class Downloader
        {
            public static void Download(string url)
            {
                using var client = new HttpClient();{0}
                client.GetStringAsync(url).Wait();
            }
        }
        """;

    [Theory]
    [InlineData("<OutputType>Exe</OutputType>", "")]
    [InlineData("", " // expect: HCG001")]
    public async Task PublicMethodMainCallsOnce_QuietInAProgramReportedInALibrary(string outputType, string expectation)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Tool.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                {outputType}
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Program.cs"), Source.Replace("{0}", expectation));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FindingsAtOrAboveThreshold, result.Output + result.Error);
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(result.Json()));
        Assert.Equal(expectation.Length == 0 ? 0 : 1, ExpectedFindings.FromJson(result.Json()).Count());
    }
}
