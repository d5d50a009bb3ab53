using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace HttpClientGuard.Cli.Loading;

/// <summary>A project that MSBuild could not give us, to be scanned in folder mode instead.</summary>
public sealed record ProjectFallback(string ProjectFile, string Reason);

/// <param name="NotRestored">Loaded projects without restore output: their package references are missing.</param>
public sealed record ProjectLoadResult(IReadOnlyList<ScanProject> Projects, IReadOnlyList<ProjectFallback> Fallbacks, IReadOnlyList<string> NotRestored);

/// <summary>
/// Project mode: MSBuildWorkspace evaluates the projects with the installed SDK, so the scan sees the
/// exact references, defines and language version of the real build.
/// </summary>
public static class ProjectLoader
{
    private static readonly object s_registrationLock = new();
    private static string? s_registrationFailure;
    private static bool s_registrationAttempted;

    /// <summary>Loads a .sln, .slnx or .csproj; returns null with a reason when MSBuild itself is unavailable.</summary>
    public static async Task<(ProjectLoadResult? Result, string? Failure)> LoadAsync(
        MSBuildWorkspace workspace,
        ScanTarget target,
        Action<string> reportStage,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(args =>
        {
            if (args.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (failures)
                {
                    failures.Add(args.Diagnostic.Message);
                }
            }
        });
        var progress = new Progress<ProjectLoadProgress>(p => reportStage($"{p.Operation} {Path.GetFileName(p.FilePath)}"));

        IReadOnlyList<string> requestedProjects;
        Solution solution;
        try
        {
            if (target.Kind == TargetKind.Solution)
            {
                solution = await workspace.OpenSolutionAsync(target.FullPath, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
                requestedProjects = solution.Projects
                    .Where(project => project.FilePath is not null && project.Language == LanguageNames.CSharp)
                    .Select(project => project.FilePath!)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                requestedProjects = requestedProjects.Concat(CSharpProjectsListedIn(failures)).Distinct(StringComparer.Ordinal).ToList();
            }
            else
            {
                var project = await workspace.OpenProjectAsync(target.FullPath, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
                solution = project.Solution;
                requestedProjects = new[] { target.FullPath };
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, $"MSBuild could not open {Path.GetFileName(target.FullPath)}: {FirstLine(ex.Message)}");
        }

        var loaded = new List<ScanProject>();
        var fallbacks = new List<ProjectFallback>();
        var notRestored = new List<string>();
        foreach (var projectFile in requestedProjects)
        {
            var variants = solution.Projects.Where(project => string.Equals(project.FilePath, projectFile, StringComparison.Ordinal)).ToList();
            var problem = FailureFor(projectFile, failures);
            if (variants.Count == 0 || problem is not null || variants.All(project => !project.MetadataReferences.Any()))
            {
                fallbacks.Add(new ProjectFallback(projectFile, problem ?? "MSBuild returned no references (is the project restored?)"));
                continue;
            }

            loaded.AddRange(variants.Select(project => new ScanProject(project, LoadMode.Project)));
            if (!IsRestored(projectFile))
            {
                notRestored.Add(projectFile);
            }
        }

        return (new ProjectLoadResult(loaded, fallbacks, notRestored), null);
    }

    /// <summary>
    /// Makes the installed SDK's MSBuild loadable in this process; must run before any MSBuild type is touched.
    /// Returns why project mode is unavailable, or null.
    /// </summary>
    public static string? EnsureMsBuildRegistered()
    {
        lock (s_registrationLock)
        {
            if (!s_registrationAttempted)
            {
                s_registrationAttempted = true;
                s_registrationFailure = Register();
            }

            return s_registrationFailure;
        }
    }

    private static string? Register()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return null;
        }

        try
        {
            var newest = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(instance => instance.Version).FirstOrDefault();
            if (newest is null)
            {
                return "no .NET SDK was found to load projects with";
            }

            MSBuildLocator.RegisterInstance(newest);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            return "MSBuild could not be loaded: " + FirstLine(ex.Message);
        }
    }

    // MSBuild still evaluates an unrestored SDK project (framework references only), so it is reported, not rejected.
    private static bool IsRestored(string projectFile)
    {
        var directory = Path.GetDirectoryName(projectFile)!;
        return File.Exists(Path.Combine(directory, "obj", "project.assets.json"))
            || !File.ReadAllText(projectFile).Contains("PackageReference", StringComparison.Ordinal);
    }

    private static string? FailureFor(string projectFile, List<string> failures)
    {
        lock (failures)
        {
            return failures.Where(message => message.Contains(projectFile, StringComparison.Ordinal)).Select(FirstLine).FirstOrDefault();
        }
    }

    // A solution entry that failed to load does not appear in the solution at all; its path is in the failure.
    private static IEnumerable<string> CSharpProjectsListedIn(List<string> failures)
    {
        lock (failures)
        {
            return failures
                .SelectMany(message => message.Split('\'', '"'))
                .Where(part => part.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && Path.IsPathRooted(part))
                .ToList();
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
