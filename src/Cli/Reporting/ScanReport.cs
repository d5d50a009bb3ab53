using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Reporting;

/// <summary>A rule's line in the summary table.</summary>
public sealed record RuleSummary(string Id, string Title, DiagnosticSeverity Severity, int Count, bool Fixable, string HelpLink);

/// <summary>Everything the reports print, in one place so that text, JSON and SARIF say the same thing.</summary>
public sealed class ScanReport
{
    public ScanReport(
        ScanTarget target,
        IReadOnlyList<ScanProject> projects,
        ScanResult result,
        RuleCatalog catalog,
        IReadOnlyList<string> notes,
        IReadOnlyList<string> unreadable,
        TimeSpan elapsed)
    {
        Target = target;
        Result = result;
        Catalog = catalog;
        Notes = notes.Concat(result.AnalyzerFailures.Select(failure => "analyzer failure: " + failure)).ToList();
        Unreadable = unreadable;
        Elapsed = elapsed;
        ProjectsLoaded = projects.Count(project => project.Mode == LoadMode.Project);
        ProjectsInFolderMode = projects.Count(project => project.Mode == LoadMode.Folder);
        Rules = result.Findings
            .GroupBy(finding => finding.RuleId, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var descriptor = catalog.Descriptors[group.Key];
                return new RuleSummary(
                    group.Key,
                    descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    group.Max(finding => finding.Severity),
                    group.Count(),
                    catalog.IsFixable(group.Key),
                    descriptor.HelpLinkUri);
            })
            .ToList();
    }

    public ScanTarget Target { get; }

    public ScanResult Result { get; }

    public RuleCatalog Catalog { get; }

    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<string> Unreadable { get; }

    public TimeSpan Elapsed { get; }

    public int ProjectsLoaded { get; }

    public int ProjectsInFolderMode { get; }

    public IReadOnlyList<RuleSummary> Rules { get; }

    /// <summary>"project", "folder", or "project, 1 of 3 projects in folder mode".</summary>
    public string Mode => (ProjectsLoaded, ProjectsInFolderMode) switch
    {
        (_, 0) => "project",
        (0, _) => "folder",
        var (loaded, folder) => $"project, {folder} of {loaded + folder} projects in folder mode",
    };

    /// <summary>Where the scanned code is, shown in place of absolute paths.</summary>
    public string RootDirectory => Target.RootDirectory;

    /// <summary>The target as shown to the user.</summary>
    public string TargetDisplay => Target.IsBundledSample ? "bundled sample (LeakyService)" : Target.FullPath;

    public string RelativePath(string path)
    {
        var relative = Path.GetRelativePath(RootDirectory, path);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}
