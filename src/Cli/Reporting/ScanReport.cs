using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Fixing;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Reporting;

/// <summary>A rule's line in the summary table.</summary>
/// <param name="Fixable">Findings a fix is offered for, as the code is.</param>
/// <param name="FixableWithPackage">Findings whose only fix needs the HttpClientGuard package (HttpClientPool).</param>
public sealed record RuleSummary(string Id, string Title, DiagnosticSeverity Severity, int Count, int Fixable, int FixableWithPackage, string HelpLink)
{
    /// <summary>"yes", "no", "with the HttpClientGuard package", or "2 of 3" (", 1 more with the HttpClientGuard package").</summary>
    public string FixableText => (Fixable, FixableWithPackage) switch
    {
        var (yes, _) when yes == Count => "yes",
        (0, 0) => "no",
        (0, var package) when package == Count => ScanReport.WithPackage,
        var (yes, package) => $"{yes} of {Count}" + (package > 0 ? $", {package} more {ScanReport.WithPackage}" : string.Empty),
    };
}

/// <summary>One target framework of one project: how it was scanned, with what, and why.</summary>
/// <param name="Mode">"project" or "folder".</param>
public sealed record TargetSummary(string Project, string? ProjectFile, string? Framework, string Mode, string Settings, string References, string? Reason, int Files);

/// <summary>Everything the reports print, in one place so that text, JSON and SARIF say the same thing.</summary>
public sealed class ScanReport
{
    /// <summary>How the reports say that a fix exists once the package (its runtime library) is referenced.</summary>
    public const string WithPackage = "with the HttpClientGuard package";

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
        Notes = notes
            .Concat(result.CompilerFailures.Select(failure => "compiler failure: " + failure))
            .Concat(result.AnalyzerFailures.Select(failure => "analyzer failure: " + failure))
            .ToList();
        Unreadable = unreadable;
        Elapsed = elapsed;
        // A project counts once per mode, whatever its number of target frameworks.
        ProjectsLoaded = projects.Where(project => project.Mode == LoadMode.Project).Select(ProjectKey).Distinct(StringComparer.Ordinal).Count();
        ProjectsInFolderMode = projects.Where(project => project.Mode == LoadMode.Folder).Select(ProjectKey).Distinct(StringComparer.Ordinal).Count();
        Targets = projects
            .Select(project => new TargetSummary(
                project.Target.ProjectName,
                project.Target.ProjectFile,
                project.Target.Framework,
                project.Mode == LoadMode.Project ? "project" : "folder",
                project.Target.Settings,
                project.Target.References,
                project.Target.Reason,
                project.Project.Documents.Count(ScanProject.IsUserDocument)))
            .OrderBy(target => target.ProjectFile ?? target.Project, StringComparer.Ordinal)
            .ThenBy(target => target.Framework, StringComparer.Ordinal)
            .ToList();
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
                    group.Count(finding => finding.Fix == Fixability.Yes),
                    group.Count(finding => finding.Fix == Fixability.WithPackage),
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

    /// <summary>Every project and target framework scanned, with its mode, settings, references and any fallback reason.</summary>
    public IReadOnlyList<TargetSummary> Targets { get; }

    /// <summary>"project", "folder", or "project, 2 of 5 targets in folder mode".</summary>
    public string Mode => (ProjectsLoaded, ProjectsInFolderMode) switch
    {
        (_, 0) => "project",
        (0, _) => "folder",
        _ => $"project, {Targets.Count(target => target.Mode == "folder")} of {Targets.Count} targets in folder mode",
    };

    /// <summary>"project", "folder" or "mixed", as JSON writes it.</summary>
    public string ModeName => ProjectsInFolderMode == 0 ? "project" : ProjectsLoaded == 0 ? "folder" : "mixed";

    /// <summary>Where the scanned code is, shown in place of absolute paths.</summary>
    public string RootDirectory => Target.RootDirectory;

    /// <summary>The target as shown to the user.</summary>
    public string TargetDisplay => Target.IsBundledSample ? "bundled sample (LeakyService)" : Target.FullPath;

    private static string ProjectKey(ScanProject project) => project.Target.ProjectFile ?? project.Project.FilePath ?? project.Project.Name;

    public string RelativePath(string path)
    {
        var relative = Path.GetRelativePath(RootDirectory, path);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>"yes", "no" or "with the HttpClientGuard package".</summary>
    public static string FixableName(Fixability fix) => fix switch
    {
        Fixability.Yes => "yes",
        Fixability.WithPackage => WithPackage,
        _ => "no",
    };

    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}
