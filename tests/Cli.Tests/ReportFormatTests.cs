using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

public sealed class ReportFormatTests
{
    private static readonly string[] s_severities = { "error", "warning", "info", "hidden" };

    [Fact]
    public async Task Json_HasTheDocumentedShape()
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");

        var report = (await Hcg.RunAsync("scan", folder.Path, "--format", "json")).Json();

        foreach (var (name, kind) in new[]
        {
            ("tool", JsonValueKind.String), ("version", JsonValueKind.String), ("target", JsonValueKind.String),
            ("root", JsonValueKind.String), ("mode", JsonValueKind.String), ("projectsLoaded", JsonValueKind.Number),
            ("projectsInFolderMode", JsonValueKind.Number), ("filesScanned", JsonValueKind.Number),
            ("filesWithUnresolvedReferences", JsonValueKind.Number), ("elapsedSeconds", JsonValueKind.Number),
            ("findings", JsonValueKind.Array), ("summary", JsonValueKind.Array), ("notes", JsonValueKind.Array), ("unreadable", JsonValueKind.Array),
        })
        {
            Assert.True(report.TryGetProperty(name, out var value), $"missing '{name}'");
            Assert.Equal(kind, value.ValueKind);
        }

        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        foreach (var finding in findings)
        {
            Assert.Matches("^HCG\\d{3}$", finding.GetProperty("ruleId").GetString());
            Assert.Contains(finding.GetProperty("severity").GetString(), s_severities);
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
            Assert.False(Path.IsPathRooted(finding.GetProperty("file").GetString()));
            Assert.True(finding.GetProperty("line").GetInt32() >= 1);
            Assert.True(finding.GetProperty("column").GetInt32() >= 1);
            Assert.True(finding.GetProperty("endLine").GetInt32() >= finding.GetProperty("line").GetInt32());
            Assert.Contains("new ", finding.GetProperty("source").GetString(), StringComparison.Ordinal);
            // HCG001's hoist is offered at this site; HCG002 has no fixer at all.
            Assert.Equal(finding.GetProperty("ruleId").GetString() == "HCG001", finding.GetProperty("fixable").GetBoolean());
            Assert.False(finding.GetProperty("fixableWithPackage").GetBoolean());
        }

        var summary = report.GetProperty("summary").EnumerateArray().ToList();
        Assert.Equal(new[] { "HCG001", "HCG002" }, summary.Select(rule => rule.GetProperty("ruleId").GetString()));
        Assert.All(summary, rule => Assert.Equal(1, rule.GetProperty("count").GetInt32()));
        Assert.Equal(new[] { 1, 0 }, summary.Select(rule => rule.GetProperty("fixable").GetInt32()));
        Assert.All(summary, rule => Assert.EndsWith($"{rule.GetProperty("ruleId").GetString()}.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sarif_HasEveryFieldTheSarif210SchemaRequires()
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "sarif");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var log = result.Json();
        var problems = SarifRequiredFields.Check(log);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var run = log.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        foreach (var finding in results)
        {
            // ruleIndex must point at the rule with the same id, or viewers show the wrong rule.
            Assert.Equal(finding.GetProperty("ruleId").GetString(), rules[finding.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.Equal("Clients/CatalogClient.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        }

        var root = run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", root, StringComparison.Ordinal);
        Assert.EndsWith("/", root, StringComparison.Ordinal);
    }

    // A response first seen where its task is read is reported at the call; the read is a related location in both formats.
    [Fact]
    public async Task JsonAndSarif_NameTheReadOfAResponseFirstSeenAfterItsCall()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Status.cs"), """
            using System.Net.Http;

            public static class Status
            {
                public static int Of(HttpClient client)
                {
                    var task = client.GetAsync("https://example.org/");
                    task.Wait();
                    var response = task.Result;
                    return (int)response.StatusCode;
                }

                public static int Now(HttpClient client)
                {
                    var response = client.GetAsync("https://example.org/").Result;
                    return (int)response.StatusCode;
                }
            }

            """);

        var json = (await Hcg.RunAsync("scan", folder.Path, "--format", "json")).Json();
        var findings = json.GetProperty("findings").EnumerateArray().OrderBy(f => f.GetProperty("line").GetInt32()).ToList();
        Assert.Equal(new[] { ("HCG003", 7), ("HCG003", 15) }, findings.Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("line").GetInt32())));
        var read = Assert.Single(findings[0].GetProperty("related").EnumerateArray());
        Assert.Equal(("Status.cs", 9, 24, 9, 35), (read.GetProperty("file").GetString(), read.GetProperty("line").GetInt32(), read.GetProperty("column").GetInt32(), read.GetProperty("endLine").GetInt32(), read.GetProperty("endColumn").GetInt32()));
        Assert.Empty(findings[1].GetProperty("related").EnumerateArray());

        var log = (await Hcg.RunAsync("scan", folder.Path, "--format", "sarif")).Json();
        Assert.Empty(SarifRequiredFields.Check(log));
        var results = log.GetProperty("runs")[0].GetProperty("results").EnumerateArray().OrderBy(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()).ToList();
        var related = Assert.Single(results[0].GetProperty("relatedLocations").EnumerateArray());
        Assert.Equal(1, related.GetProperty("id").GetInt32());
        var region = related.GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((9, 24), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32()));
        Assert.Equal("Status.cs", related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(results[1].TryGetProperty("relatedLocations", out _));
    }

    [Fact]
    public async Task Sarif_EveryDiscoveredRuleIsDescribedEvenWithoutFindings()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Quiet.cs"), "public static class Quiet { public static int Two() => 2; }\n");

        var log = (await Hcg.RunAsync("scan", folder.Path, "--format", "sarif")).Json();

        Assert.Empty(SarifRequiredFields.Check(log));
        var ruleIds = log.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(Analysis.RuleCatalog.Default.Descriptors.Keys, ruleIds);
        Assert.Empty(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task OutputOption_WritesTheReportToTheFile()
    {
        using var folder = TempFolder.WithFixture("LeakyFolder");
        var reportPath = folder.Combine("report.sarif");

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "sarif", "--output", reportPath);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        using var log = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.Empty(SarifRequiredFields.Check(log.RootElement));
        Assert.Equal(2, log.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }
}

/// <summary>
/// The "required" properties and closed value sets of the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json)
/// for the objects the scanner writes: sarifLog, run, tool, toolComponent, reportingDescriptor,
/// reportingConfiguration, result, message, location, physicalLocation, artifactLocation, region, invocation, notification.
/// </summary>
internal static class SarifRequiredFields
{
    private static readonly string[] s_levels = { "none", "note", "warning", "error" };

    public static IReadOnlyList<string> Check(JsonElement log)
    {
        var problems = new List<string>();
        Require(log, "sarifLog", problems, "version", "runs");
        if (log.TryGetProperty("version", out var version) && version.GetString() != "2.1.0")
        {
            problems.Add("sarifLog.version must be \"2.1.0\"");
        }

        if (!log.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            problems.Add("sarifLog.runs must be an array");
            return problems;
        }

        foreach (var run in runs.EnumerateArray())
        {
            Require(run, "run", problems, "tool");
            if (!run.TryGetProperty("tool", out var tool))
            {
                continue;
            }

            Require(tool, "tool", problems, "driver");
            if (tool.TryGetProperty("driver", out var driver))
            {
                Require(driver, "toolComponent", problems, "name");
                foreach (var rule in Array(driver, "rules"))
                {
                    Require(rule, "reportingDescriptor", problems, "id");
                    Message(rule, "shortDescription", problems, optional: true);
                    Message(rule, "fullDescription", problems, optional: true);
                    if (rule.TryGetProperty("defaultConfiguration", out var configuration))
                    {
                        Level(configuration, "reportingConfiguration", problems);
                    }
                }
            }

            foreach (var result in Array(run, "results"))
            {
                Require(result, "result", problems, "message");
                Message(result, "message", problems, optional: false);
                Level(result, "result", problems);
                foreach (var location in Array(result, "locations"))
                {
                    if (location.TryGetProperty("physicalLocation", out var physical))
                    {
                        // physicalLocation: anyOf [address] / [artifactLocation].
                        Require(physical, "physicalLocation", problems, "artifactLocation");
                        if (physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var startLine) && startLine.GetInt32() < 1)
                        {
                            problems.Add("region.startLine must be >= 1");
                        }
                    }
                }
            }

            foreach (var invocation in Array(run, "invocations"))
            {
                Require(invocation, "invocation", problems, "executionSuccessful");
                foreach (var notification in Array(invocation, "toolExecutionNotifications"))
                {
                    Require(notification, "notification", problems, "message");
                    Message(notification, "message", problems, optional: false);
                    Level(notification, "notification", problems);
                }
            }
        }

        return problems;
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static void Require(JsonElement element, string type, List<string> problems, params string[] names)
    {
        foreach (var name in names)
        {
            if (!element.TryGetProperty(name, out _))
            {
                problems.Add($"{type} lacks required '{name}'");
            }
        }
    }

    // message: anyOf [text] / [id].
    private static void Message(JsonElement parent, string name, List<string> problems, bool optional)
    {
        if (!parent.TryGetProperty(name, out var message))
        {
            if (!optional)
            {
                problems.Add($"missing message '{name}'");
            }

            return;
        }

        if (!message.TryGetProperty("text", out _) && !message.TryGetProperty("id", out _))
        {
            problems.Add($"message '{name}' has neither text nor id");
        }
    }

    private static void Level(JsonElement element, string type, List<string> problems)
    {
        if (element.TryGetProperty("level", out var level) && !s_levels.Contains(level.GetString()))
        {
            problems.Add($"{type}.level '{level.GetString()}' is not one of none, note, warning, error");
        }
    }
}
