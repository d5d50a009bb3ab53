using System;
using System.Diagnostics;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HttpClientGuard.Cli.Tests;

public sealed class GeneratedCorpusTests
{
    private readonly ITestOutputHelper _output;

    public GeneratedCorpusTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// A generated multi-project folder: every seeded leak is found, nothing else. The time is printed, never asserted: speed is the bench's (docs/performance.md).
    /// HCG_CORPUS_FILES=2000 runs the size docs/performance.md quotes; HCG_CORPUS_DIR keeps the folder for timing the tool itself.
    /// </summary>
    [Fact]
    public async Task GeneratedCorpus_EverySeededLeakFound()
    {
        var files = int.TryParse(Environment.GetEnvironmentVariable("HCG_CORPUS_FILES"), out var requested) ? requested : 300;
        using var temporary = new TempFolder();
        var folder = Environment.GetEnvironmentVariable("HCG_CORPUS_DIR") is { Length: > 0 } kept ? kept : temporary.Path;
        SyntheticCorpus.Write(folder, files);

        var stopwatch = Stopwatch.StartNew();
        var result = await Hcg.RunAsync("scan", folder, "--format", "json");
        stopwatch.Stop();

        var report = result.Json();
        _output.WriteLine($"{files} files: {stopwatch.Elapsed.TotalSeconds:0.0} s, {report.GetProperty("findings").GetArrayLength()} findings");
        Assert.Equal(files, report.GetProperty("filesScanned").GetInt32());
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
        Assert.Equal(ExpectedFindings.In(folder, projectMode: false), ExpectedFindings.FromJson(report));
    }
}
