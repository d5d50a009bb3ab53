using System.IO;
using System.Text.Json;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Fixing;

namespace HttpClientGuard.Cli.Reporting;

/// <summary>The report for scripts: one object, shape described in docs/cli.md.</summary>
public static class JsonReport
{
    public static void Write(Stream output, ScanReport report, string toolVersion)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", "hcg");
        json.WriteString("version", toolVersion);
        json.WriteString("target", report.TargetDisplay);
        json.WriteString("root", report.RootDirectory);
        json.WriteString("mode", report.ModeName);
        json.WriteNumber("projectsLoaded", report.ProjectsLoaded);
        json.WriteNumber("projectsInFolderMode", report.ProjectsInFolderMode);
        json.WriteNumber("filesScanned", report.Result.FilesScanned);
        json.WriteNumber("filesWithUnresolvedReferences", report.Result.FilesWithUnresolvedReferences);
        json.WriteNumber("elapsedSeconds", System.Math.Round(report.Elapsed.TotalSeconds, 2));

        json.WriteStartArray("targets");
        foreach (var target in report.Targets)
        {
            json.WriteStartObject();
            json.WriteString("project", target.Project);
            json.WriteString("projectFile", target.ProjectFile is null ? null : report.RelativePath(target.ProjectFile));
            json.WriteString("targetFramework", target.Framework);
            json.WriteString("mode", target.Mode);
            json.WriteString("settings", target.Settings);
            json.WriteString("references", target.References);
            json.WriteString("reason", target.Reason);
            json.WriteNumber("files", target.Files);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var finding in report.Result.Findings)
        {
            WriteFinding(json, report, finding);
        }

        json.WriteEndArray();

        json.WriteStartArray("summary");
        foreach (var rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", rule.Id);
            json.WriteString("title", rule.Title);
            json.WriteString("severity", ScanReport.SeverityName(rule.Severity));
            json.WriteNumber("count", rule.Count);
            json.WriteNumber("fixable", rule.Fixable);
            json.WriteNumber("fixableWithPackage", rule.FixableWithPackage);
            json.WriteString("helpUri", rule.HelpLink);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "notes", report.Notes);
        WriteStrings(json, "unreadable", report.Unreadable);
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, ScanReport report, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("severity", ScanReport.SeverityName(finding.Severity));
        json.WriteString("message", finding.Message);
        json.WriteString("file", report.RelativePath(finding.FilePath));
        json.WriteNumber("line", finding.Line);
        json.WriteNumber("column", finding.Column);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteNumber("endColumn", finding.EndColumn);
        json.WriteString("source", finding.SourceLine);
        json.WriteBoolean("fixable", finding.Fix == Fixability.Yes);
        json.WriteBoolean("fixableWithPackage", finding.Fix == Fixability.WithPackage);
        json.WriteStartArray("related");
        foreach (var related in finding.Related)
        {
            json.WriteStartObject();
            json.WriteString("file", report.RelativePath(related.FilePath));
            json.WriteNumber("line", related.Line);
            json.WriteNumber("column", related.Column);
            json.WriteNumber("endLine", related.EndLine);
            json.WriteNumber("endColumn", related.EndColumn);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, System.Collections.Generic.IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
