using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(null, ExitCodes.Success)]
    [InlineData("none", ExitCodes.Success)]
    [InlineData("error", ExitCodes.Success)]
    [InlineData("warning", ExitCodes.FindingsAtOrAboveThreshold)]
    [InlineData("info", ExitCodes.FindingsAtOrAboveThreshold)]
    public async Task FailOn_ComparesTheFindingsSeverityWithTheThreshold(string? failOn, int expected)
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");
        var args = failOn is null ? new[] { "scan", folder.Path } : new[] { "scan", folder.Path, "--fail-on", failOn };

        var result = await Hcg.RunAsync(args);

        Assert.Equal(expected, result.ExitCode);
    }

    [Fact]
    public async Task FailOnWarning_WithoutFindings_Succeeds()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Quiet.cs"), """
            using System;
            using System.Net.Http;

            public static class Quiet
            {
                public static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--fail-on", "warning");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("No findings.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-path", "path not found")]
    [InlineData("file.txt", "expected a .sln, .slnx or .csproj file, or a folder")]
    [InlineData("empty-folder", "no C# files to scan")]
    [InlineData("--format xml", "unknown format 'xml'")]
    [InlineData("--fail-on severe", "unknown severity 'severe'")]
    [InlineData("--rules HCG999", "unknown rule HCG999")]
    [InlineData("--frobnicate", "unknown option '--frobnicate'")]
    [InlineData("--output", "option '--output' needs a value")]
    public async Task BadInput_OneClearLine_ExitCode2_NoStackTrace(string input, string expectedMessage)
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");
        Directory.CreateDirectory(folder.Combine("empty-folder"));
        File.WriteAllText(folder.Combine("empty-folder", "README.md"), "no code here\n");
        File.WriteAllText(folder.Combine("file.txt"), "text\n");
        var args = input switch
        {
            "missing-path" or "file.txt" or "empty-folder" => new[] { "scan", folder.Combine(input) },
            _ => new[] { "scan", folder.Path }.Concat(input.Split(' ')).ToArray(),
        };

        var result = await Hcg.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var errorLines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("hcg: finding", StringComparison.Ordinal) && !line.StartsWith("hcg: reading", StringComparison.Ordinal)).ToList();
        var message = Assert.Single(errorLines);
        Assert.StartsWith("hcg: ", message, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, message, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Error);
    }

    [Fact]
    public async Task UnreadableFile_RestIsScanned_ExitCode2()
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");
        // A dangling link cannot be opened even by root, unlike a file without read permission.
        File.CreateSymbolicLink(folder.Combine("Dangling.cs"), folder.Combine("does-not-exist.cs"));

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var report = result.Json();
        Assert.Equal(folder.Combine("Dangling.cs"), Assert.Single(report.GetProperty("unreadable").EnumerateArray()).GetString());
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Contains("could not be read", result.Error, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public async Task Help_PrintsUsageAndSucceeds()
    {
        var result = await Hcg.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage: hcg scan [path] [options]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--fail-on", result.Output, StringComparison.Ordinal);
    }
}
