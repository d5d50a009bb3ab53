using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// --fix through the generic CodeFixProvider + FixAllProvider machinery, proven with the test-only
/// rules (one with Fix All, one without) and with whatever HttpClientGuard fixers exist.
/// </summary>
public sealed class FixTests
{
    [Fact]
    public async Task Fix_WritesFilesThatCompileAndHaveNoFindingsLeft()
    {
        using var folder = TempFolder.WithFixture("FixableFolder");
        Assert.Empty(CompileCheck.Errors(folder.Path));
        Assert.Equal(5, ExpectedFindings.In(folder.Path, projectMode: false).Count);

        var result = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--fix");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("hcg: fixed 5 of 5 fixable findings in 1 files", result.Output, StringComparison.Ordinal);
        var consumer = File.ReadAllText(folder.Combine("Consumer.cs"));
        Assert.Contains("var first = Modern.Fetch(key); // expect: TST001", consumer, StringComparison.Ordinal);
        Assert.Contains("public int Twice() => Current.Ping() + Current.Ping();", consumer, StringComparison.Ordinal);
        Assert.DoesNotContain("Legacy.Fetch(key", consumer, StringComparison.Ordinal);
        Assert.DoesNotContain("Obsolete.Ping()", consumer, StringComparison.Ordinal);
        Assert.Empty(CompileCheck.Errors(folder.Path));
        Assert.NotEqual(0xEF, File.ReadAllBytes(folder.Combine("Consumer.cs"))[0]); // no byte order mark added

        var rescan = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--format", "json");
        Assert.Empty(rescan.Json().GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task FixWithRules_FixesOnlyThoseRules()
    {
        using var folder = TempFolder.WithFixture("FixableFolder");

        var result = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--fix", "--rules", "TST002");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var consumer = File.ReadAllText(folder.Combine("Consumer.cs"));
        Assert.Contains("Legacy.Fetch(key)", consumer, StringComparison.Ordinal);
        Assert.DoesNotContain("Obsolete.Ping()", consumer, StringComparison.Ordinal);
        var rescan = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--format", "json");
        Assert.All(rescan.Json().GetProperty("findings").EnumerateArray(), f => Assert.Equal("TST001", f.GetProperty("ruleId").GetString()));
        Assert.Equal(2, rescan.Json().GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task DryRun_PrintsAUnifiedDiffAndWritesNothing()
    {
        using var folder = TempFolder.WithFixture("FixableFolder");
        var before = File.ReadAllText(folder.Combine("Consumer.cs"));

        var result = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--dry-run");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(before, File.ReadAllText(folder.Combine("Consumer.cs")));
        var lines = result.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains("--- a/Consumer.cs", lines);
        Assert.Contains("+++ b/Consumer.cs", lines);
        Assert.Contains("-        var first = Legacy.Fetch(key); // expect: TST001", lines);
        Assert.Contains("+        var first = Modern.Fetch(key); // expect: TST001", lines);
        Assert.Contains("+    public int Twice() => Current.Ping() + Current.Ping(); // expect: TST002 TST002", lines);
        Assert.Contains(lines, line => line.StartsWith("@@ -", StringComparison.Ordinal));
        Assert.Contains("hcg: --dry-run: the fixes would remove 5 of 5 fixable findings in 1 files; nothing written", lines);
    }

    [Fact]
    public async Task FailOnAfterFix_JudgesWhatIsLeft()
    {
        using var folder = TempFolder.WithFixture("FixableFolder");

        var dryRun = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--dry-run", "--fail-on", "warning");
        var fixedRun = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Path, "--fix", "--fail-on", "warning");

        Assert.Equal(ExitCodes.FindingsAtOrAboveThreshold, dryRun.ExitCode);
        Assert.Equal(ExitCodes.Success, fixedRun.ExitCode);
    }

    [Fact]
    public async Task HttpClientGuardFixers_OnTheSample_WriteCodeThatCompiles()
    {
        using var folder = new TempFolder();
        TempFolder.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "sample", "LeakyService"), folder.Path);
        var original = Directory.GetFiles(folder.Path, "*.cs").ToDictionary(path => path, File.ReadAllText);
        var catalog = RuleCatalog.Default;

        var result = await Hcg.RunAsync("scan", folder.Path, "--fix", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var fixable = result.Json().GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("fixable").GetBoolean());
        if (catalog.Fixers.IsEmpty)
        {
            // Until the code-fix assembly ships fixers, --fix must say so and leave every file alone.
            Assert.Equal(0, fixable);
            Assert.Contains("no code fixes are available", result.Error, StringComparison.Ordinal);
            Assert.All(original, pair => Assert.Equal(pair.Value, File.ReadAllText(pair.Key)));
        }
        else
        {
            Assert.True(fixable > 0, "the sample should show a fixable finding for the shipped fixers");
            Assert.Contains(original, pair => pair.Value != File.ReadAllText(pair.Key));
            Assert.Empty(CompileCheck.Errors(folder.Path, "System", "System.Threading.Tasks"));
            var rescan = await Hcg.RunAsync("scan", folder.Path, "--format", "json");
            var remainingFixable = rescan.Json().GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("fixable").GetBoolean());
            Assert.True(remainingFixable < fixable, $"{remainingFixable} fixable findings remain of {fixable}");
        }
    }
}
