using System.Linq;
using Spectre.Console;

namespace HttpClientGuard.Cli.Reporting;

/// <summary>The report for people: findings grouped by rule with file:line and the source line, then a summary table.</summary>
public static class TextReport
{
    public static void Write(IAnsiConsole console, ScanReport report)
    {
        var result = report.Result;
        console.MarkupLine($"[bold]hcg scan[/] {Markup.Escape(report.TargetDisplay)}");
        console.MarkupLine(
            $"mode: [bold]{Markup.Escape(report.Mode)}[/], {result.FilesScanned} files, "
            + $"{result.FilesWithUnresolvedReferences} with unresolved references, {report.Elapsed.TotalSeconds:0.0} s");
        foreach (var target in report.Targets)
        {
            var framework = target.Framework ?? "(no framework)";
            var reason = target.Reason is null ? string.Empty : $" (fell back: {target.Reason})";
            console.MarkupLine(Markup.Escape($"  {target.Project} {framework}: {target.Mode} mode, {target.Settings}; {target.References}{reason}"));
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        foreach (var path in report.Unreadable)
        {
            console.MarkupLine($"[red]could not read:[/] {Markup.Escape(path)}");
        }

        foreach (var rule in report.Rules)
        {
            console.WriteLine();
            console.MarkupLine(
                $"[bold]{rule.Id}[/] {Markup.Escape(rule.Title)} [{Color(rule.Severity)}]{ScanReport.SeverityName(rule.Severity)}[/], "
                + $"{rule.Count} {(rule.Count == 1 ? "finding" : "findings")}  [dim]{Markup.Escape(rule.HelpLink)}[/]");
            foreach (var finding in result.Findings.Where(finding => finding.RuleId == rule.Id))
            {
                console.MarkupLine($"  [blue]{Markup.Escape(report.RelativePath(finding.FilePath))}:{finding.Line}[/]  {Markup.Escape(finding.SourceLine)}");
            }
        }

        console.WriteLine();
        if (result.Findings.Count == 0)
        {
            console.MarkupLine("[green]No findings.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Rule")
            .AddColumn("Title")
            .AddColumn("Severity")
            .AddColumn(new TableColumn("Findings").RightAligned())
            .AddColumn("Fixable");
        foreach (var rule in report.Rules)
        {
            table.AddRow(
                rule.Id,
                Markup.Escape(rule.Title),
                ScanReport.SeverityName(rule.Severity),
                rule.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(rule.FixableText));
        }

        var fixable = report.Rules.Sum(rule => rule.Fixable);
        var withPackage = report.Rules.Sum(rule => rule.FixableWithPackage);
        table.AddRow(
            "Total",
            string.Empty,
            string.Empty,
            result.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Markup.Escape($"{fixable}" + (withPackage > 0 ? $", {withPackage} more {ScanReport.WithPackage}" : string.Empty)));
        console.Write(table);
    }

    private static string Color(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "red",
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "yellow",
        _ => "grey",
    };
}
