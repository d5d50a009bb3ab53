using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A repository whose global.json pins an SDK that is not installed (twilio-csharp pins 8.0.422, Ombi 8.0.419):
/// MSBuild cannot be registered from there, and the scanner must still scan in folder mode instead of failing
/// with an internal error when it reads the project file's settings.
/// </summary>
public sealed class PinnedSdkTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    private const string Source = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Client
        {
            public async Task<string> GetAsync(string url)
            {
                var client = new HttpClient();
                return await client.GetStringAsync(url);
            }
        }
        """;

    [Fact]
    public async Task FolderUnderGlobalJsonPinningAMissingSdk_ScansInFolderMode()
    {
        using var repository = new TempFolder();
        File.WriteAllText(repository.Combine("global.json"), """{ "sdk": { "version": "1.0.100", "rollForward": "disable" } }""");
        Directory.CreateDirectory(repository.Combine("src", "Lib"));
        File.WriteAllText(repository.Combine("src", "Lib", "Lib.csproj"), Project);
        File.WriteAllText(repository.Combine("src", "Lib", "Client.cs"), Source);

        var (exitCode, stdout, stderr) = await RunHcgAsync(repository.Path, "scan", "src/Lib", "--no-progress");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("internal error", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("mode: folder, 1 files", stdout, StringComparison.Ordinal);
        Assert.Contains("Lib.csproj netstandard2.0: folder mode", stdout, StringComparison.Ordinal);
        Assert.Contains("Client.cs:8  var client = new HttpClient();", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunHcgAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hcg.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "hcg scan did not finish within two minutes");
        return (process.ExitCode, await output, await error);
    }
}
