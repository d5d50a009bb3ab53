using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

public sealed class BundledSampleTests
{
    [Fact]
    public async Task NoArgument_FromAnotherFolder_ScansTheBundledSampleWithRealFindings()
    {
        using var elsewhere = new TempFolder();
        var scanner = Path.Combine(AppContext.BaseDirectory, "hcg.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(scanner);
        start.ArgumentList.Add("scan");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "hcg scan did not finish within a minute");
        var stdout = await output;

        Assert.True(process.ExitCode == ExitCodes.Success, await error);
        var lines = stdout.Split('\n').Select(line => line.TrimEnd()).ToList();
        Assert.Equal("hcg scan bundled sample (LeakyService)", lines[0]);
        Assert.StartsWith("mode: folder, 4 files, 0 with unresolved references", lines[1], StringComparison.Ordinal);
        Assert.Contains("  ExchangeRateClient.cs:17  using var client = new HttpClient();", lines);
        Assert.Contains("  WeatherClient.cs:17  using var client = new HttpClient { BaseAddress = _baseAddress };", lines);
        Assert.Contains("  InventoryClient.cs:22  var pipeline = new RetryOnUnavailableHandler(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) });", lines);
        Assert.Contains(lines, line => line.StartsWith("HCG001 HttpClient created per call warning, 3 findings", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("HCG002 HTTP handler created per call warning, 1 finding", StringComparison.Ordinal));
    }

    [Fact]
    public void BundledSample_IsTheRepositorySampleVerbatim()
    {
        var repositorySample = Path.Combine(RepositoryRoot(), "samples", "LeakyService");
        var bundled = Path.Combine(AppContext.BaseDirectory, "sample", "LeakyService");

        var sources = Directory.GetFiles(repositorySample, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sources, Directory.GetFiles(bundled, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(sources, name => Assert.Equal(File.ReadAllText(Path.Combine(repositorySample, name!)), File.ReadAllText(Path.Combine(bundled, name!))));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
