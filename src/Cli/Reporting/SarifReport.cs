using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HttpClientGuard.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Reporting;

/// <summary>
/// SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest. Paths are relative
/// to the scanned root, declared as the %SRCROOT% base, so uploads map findings onto the repository.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private const string RootBaseId = "SRCROOT";

    public static void Write(Stream output, ScanReport report, string toolVersion)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var ruleIndexes = report.Catalog.Descriptors.Keys.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "HttpClientGuard");
        json.WriteString("semanticVersion", toolVersion);
        json.WriteString("informationUri", "https://github.com/HttpClientGuard/HttpClientGuard");
        json.WriteStartArray("rules");
        foreach (var descriptor in report.Catalog.Descriptors.Values)
        {
            json.WriteStartObject();
            json.WriteString("id", descriptor.Id);
            json.WriteString("name", descriptor.Id);
            WriteMessage(json, "shortDescription", descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (description.Length > 0)
            {
                WriteMessage(json, "fullDescription", description);
            }

            if (!string.IsNullOrEmpty(descriptor.HelpLinkUri))
            {
                json.WriteString("helpUri", descriptor.HelpLinkUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(descriptor.DefaultSeverity));
            json.WriteBoolean("enabled", descriptor.IsEnabledByDefault);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", descriptor.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(RootBaseId);
        json.WriteString("uri", new Uri(report.RootDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var finding in report.Result.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteNumber("ruleIndex", ruleIndexes[finding.RuleId]);
            json.WriteString("level", Level(finding.Severity));
            WriteMessage(json, "message", finding.Message);
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, report, new FindingLocation(finding.FilePath, finding.Line, finding.Column, finding.EndLine, finding.EndColumn), finding.SourceLine);
            json.WriteEndObject();
            json.WriteEndArray();
            if (finding.Related.Count > 0)
            {
                // The read a response's fix puts under 'using', the handlers HCG007's fix sets: viewers show them beside the result.
                json.WriteStartArray("relatedLocations");
                for (var i = 0; i < finding.Related.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", i + 1);
                    WritePhysicalLocation(json, report, finding.Related[i], snippet: null);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            json.WriteString("fixable", ScanReport.FixableName(finding.Fix));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", report.Unreadable.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        var targets = report.Targets.Select(target =>
            $"{target.Project} {target.Framework ?? "(no framework)"}: {target.Mode} mode, {target.Settings}; {target.References}{(target.Reason is null ? string.Empty : " (fell back: " + target.Reason + ")")}");
        foreach (var note in targets.Concat(report.Notes).Concat(report.Unreadable.Select(path => "could not read " + path)))
        {
            json.WriteStartObject();
            json.WriteString("level", "note");
            WriteMessage(json, "message", note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, ScanReport report, FindingLocation location, string? snippet)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(report.RelativePath(location.FilePath)).Replace("%2F", "/", StringComparison.Ordinal));
        json.WriteString("uriBaseId", RootBaseId);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.Line);
        json.WriteNumber("startColumn", location.Column);
        json.WriteNumber("endLine", location.EndLine);
        json.WriteNumber("endColumn", location.EndColumn);
        if (snippet is not null)
        {
            json.WriteStartObject("snippet");
            json.WriteString("text", snippet);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };
}
