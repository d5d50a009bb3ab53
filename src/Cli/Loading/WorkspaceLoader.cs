using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace HttpClientGuard.Cli.Loading;

/// <summary>Everything a scan works on, with the workspaces that own it.</summary>
public sealed class LoadedWorkspace : IDisposable
{
    private readonly IReadOnlyList<Workspace> _workspaces;

    public LoadedWorkspace(IReadOnlyList<Workspace> workspaces, IReadOnlyList<ScanProject> projects, IReadOnlyList<string> notes, IReadOnlyList<string> unreadable)
    {
        _workspaces = workspaces;
        Projects = projects;
        Notes = notes;
        Unreadable = unreadable;
    }

    public IReadOnlyList<ScanProject> Projects { get; }

    /// <summary>What the user should know about how the code was loaded (fallbacks and why).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Files and folders that could not be read; the scan is incomplete when there are any.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public void Dispose()
    {
        foreach (var workspace in _workspaces)
        {
            workspace.Dispose();
        }
    }
}

/// <summary>
/// Chooses project or folder mode for a target and falls back to folder mode project by project and, within a
/// project, target framework by target framework.
/// </summary>
public static class WorkspaceLoader
{
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMinutes(10);

    /// <param name="restore">Run <c>dotnet restore</c> on a solution or project before loading it, as the build would.</param>
    public static async Task<LoadedWorkspace> LoadAsync(ScanTarget target, bool restore, Action<string> reportStage, CancellationToken cancellationToken, bool usePackageCache = true)
    {
        var workspaces = new List<Workspace>();
        var projects = new List<ScanProject>();
        var notes = new List<string>();
        var unreadable = new ConcurrentBag<string>();
        var folderGroups = new List<(SourceGroup Group, string? Reason)>();
        var references = new ReferenceAssemblies();

        try
        {
            if (target.Kind == TargetKind.Folder)
            {
                if (restore)
                {
                    notes.Add("--restore applies to a .sln, .slnx or .csproj; a folder is scanned without restoring");
                }

                reportStage("finding C# files");
                folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable).Select(group => (group, (string?)null)));
            }
            else if (ProjectLoader.EnsureMsBuildRegistered() is { } unavailable)
            {
                notes.Add($"{unavailable}; scanned the files under {target.RootDirectory} in folder mode");
                folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable).Select(group => (group, (string?)unavailable)));
            }
            else
            {
                if (restore)
                {
                    notes.Add(await RestoreAsync(target, reportStage, cancellationToken).ConfigureAwait(false));
                }

                reportStage("loading " + Path.GetFileName(target.FullPath));
                var (result, failure) = await ProjectLoader.LoadAsync(CreateMsBuildWorkspace, workspaces.Add, target, reportStage, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    notes.Add($"{failure}; scanned the files under {target.RootDirectory} in folder mode");
                    folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable).Select(group => (group, (string?)failure)));
                }
                else
                {
                    projects.AddRange(result.Projects);
                    notes.AddRange(result.Problems);
                    notes.AddRange(result.NotRestored.Select(project => restore
                        ? $"{Path.GetFileName(project)} is still not restored after 'dotnet restore'; its package references are missing"
                        : $"{Path.GetFileName(project)} is not restored: its package references{(result.TargetFallbacks.Any(f => f.ProjectFile == project) ? " and some targets' framework references" : string.Empty)} are missing; scan with --restore (or run 'dotnet restore') for exact results"));
                    projects.AddRange(await FallBackByTargetAsync(result.TargetFallbacks, references, reportStage, cancellationToken).ConfigureAwait(false));
                    foreach (var fallback in result.Fallbacks)
                    {
                        var directory = Path.GetDirectoryName(fallback.ProjectFile)!;
                        var ownGroup = SourceFolder.Groups(directory, unreadable).FirstOrDefault(group => group.Directory == directory);
                        notes.Add($"{Path.GetFileName(fallback.ProjectFile)} could not be loaded ({fallback.Reason}); scanned its files in folder mode");
                        if (ownGroup is not null)
                        {
                            folderGroups.Add((ownGroup, $"MSBuild could not load the project: {fallback.Reason}"));
                        }
                    }
                }
            }

            if (folderGroups.Count > 0)
            {
                var (targets, projectReferences) = await FolderTargetsAsync(folderGroups, references, usePackageCache, reportStage, cancellationToken).ConfigureAwait(false);
                reportStage("reading C# files");
                var adhoc = FolderLoader.CreateWorkspace();
                workspaces.Add(adhoc);
                projects.AddRange(await FolderLoader.LoadAsync(adhoc, targets, unreadable, cancellationToken, projectReferences).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var workspace in workspaces)
            {
                workspace.Dispose();
            }

            throw;
        }

        notes.AddRange(references.Notes);
        var loaded = new LoadedWorkspace(workspaces, projects, notes, unreadable.OrderBy(path => path, StringComparer.Ordinal).ToList());
        if (!projects.SelectMany(project => project.Project.Documents).Any(ScanProject.IsUserDocument))
        {
            loaded.Dispose();
            var why = unreadable.IsEmpty ? string.Empty : $" ({unreadable.Count} could not be read)";
            throw new UserInputException($"no C# files to scan in {target.FullPath}{why}");
        }

        return loaded;
    }

    private static async Task<string> RestoreAsync(ScanTarget target, Action<string> reportStage, CancellationToken cancellationToken)
    {
        reportStage("restoring " + Path.GetFileName(target.FullPath));
        var result = await DotnetCommand.RunAsync(target.RootDirectory, s_restoreTimeout, cancellationToken, "restore", target.FullPath).ConfigureAwait(false);
        return result.Succeeded
            ? $"restored {Path.GetFileName(target.FullPath)} with 'dotnet restore' before loading"
            : $"'dotnet restore {Path.GetFileName(target.FullPath)}' failed ({(result.TimedOut ? "timed out" : result.FirstError())}); loaded what it could";
    }

    /// <summary>
    /// Targets MSBuild loaded without their framework: keep the build's documents, symbols and language version, and
    /// compile against the framework's reference assemblies instead.
    /// </summary>
    private static async Task<IReadOnlyList<ScanProject>> FallBackByTargetAsync(
        IReadOnlyList<TargetFallback> fallbacks,
        ReferenceAssemblies references,
        Action<string> reportStage,
        CancellationToken cancellationToken)
    {
        if (fallbacks.Count == 0)
        {
            return Array.Empty<ScanProject>();
        }

        using var evaluator = new ProjectEvaluator();
        var resolved = new List<(TargetFallback Fallback, TargetFramework? Framework)>();
        foreach (var fallback in fallbacks)
        {
            // A single-target project's name carries no framework: ask its evaluation.
            var framework = fallback.Framework ?? evaluator.Evaluate(fallback.ProjectFile).Targets.FirstOrDefault()?.Framework;
            resolved.Add((fallback, framework));
        }

        await references.PrepareAsync(resolved.Select(entry => entry.Framework).OfType<TargetFramework>(), reportStage, cancellationToken).ConfigureAwait(false);
        var projects = new List<ScanProject>();
        foreach (var (fallback, framework) in resolved)
        {
            var set = await references.ForAsync(framework, reportStage, cancellationToken).ConfigureAwait(false);
            var variant = fallback.Variant;
            var kept = variant.MetadataReferences
                .OfType<PortableExecutableReference>()
                .Where(reference => reference.FilePath is { } path && File.Exists(path))
                .ToList();
            var names = kept.Select(reference => Path.GetFileName(reference.FilePath)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var combined = kept.Cast<MetadataReference>()
                .Concat(set.References.OfType<PortableExecutableReference>().Where(reference => !names.Contains(Path.GetFileName(reference.FilePath))))
                .ToList();
            var project = variant.Solution.WithProjectMetadataReferences(variant.Id, combined).GetProject(variant.Id)!;
            projects.Add(new ScanProject(project, LoadMode.Folder, new TargetInfo(
                Path.GetFileName(fallback.ProjectFile),
                fallback.ProjectFile,
                framework?.Moniker,
                ProjectLoader.DescribeSettings(variant),
                set.Description + (set.IsExact ? string.Empty : $", the nearest available to {framework?.Moniker ?? "an unknown framework"}"),
                fallback.Reason)));
        }

        return projects;
    }

    /// <summary>
    /// Each group's target frameworks with their settings (from the project file) and reference assemblies, and the
    /// projects they reference, compiled from source for reference only where they are not scanned themselves.
    /// </summary>
    private static async Task<(IReadOnlyList<FolderTarget> Targets, FolderProjectReferences ProjectReferences)> FolderTargetsAsync(
        IReadOnlyList<(SourceGroup Group, string? Reason)> groups,
        ReferenceAssemblies references,
        bool usePackageCache,
        Action<string> reportStage,
        CancellationToken cancellationToken)
    {
        var evaluated = new List<(SourceGroup Group, string? Reason, TargetSettings Settings, string? Failure)>();
        if (groups.Any(entry => entry.Group.ProjectFile is not null))
        {
            reportStage("reading project settings");
        }

        using var evaluator = groups.Any(entry => entry.Group.ProjectFile is not null) ? new ProjectEvaluator() : null;
        foreach (var (group, reason) in groups)
        {
            if (group.ProjectFile is null || evaluator is null)
            {
                evaluated.Add((group, reason, TargetSettings.ForLooseFiles(ReferenceAssemblies.InstalledFramework), null));
                if (UnityScripts.AreUnityScripts(group.Files))
                {
                    // Unity scripts compiled as the editor does too: a package's editor window under '#if UNITY_EDITOR' beside its
                    // plain .NET branch ('#else' of UNITY_2017_1_OR_NEWER), each scanned as the build that compiles it.
                    evaluated.Add((group, reason, TargetSettings.ForLooseFiles(ReferenceAssemblies.InstalledFramework, unityEditor: true), null));
                }

                continue;
            }

            var evaluation = evaluator.Evaluate(group.ProjectFile);
            evaluated.AddRange(evaluation.Targets.Select(settings => (group, reason, settings, evaluation.Failure)));
        }

        await references.PrepareAsync(evaluated.Select(entry => entry.Settings.Framework).OfType<TargetFramework>(), reportStage, cancellationToken).ConfigureAwait(false);
        var targets = new List<FolderTarget>();
        foreach (var (group, reason, settings, failure) in evaluated)
        {
            targets.Add(await CreateTargetAsync(group, settings, reason, failure).ConfigureAwait(false));
        }

        targets = LinkedSources.Attach(targets);

        if (evaluator is null)
        {
            return (targets, FolderProjectReferences.None);
        }

        if (targets.Any(target => !target.Settings.ProjectReferences.IsEmpty))
        {
            reportStage("reading referenced projects");
        }

        var (added, graph) = await FolderProjectReferences.ResolveAsync(
            targets,
            evaluator.Evaluate,
            (group, settings, failure) => CreateTargetAsync(group, settings, reason: null, failure)).ConfigureAwait(false);
        targets.AddRange(added);
        return (targets, graph);

        async Task<FolderTarget> CreateTargetAsync(SourceGroup group, TargetSettings settings, string? reason, string? failure)
        {
            var set = await references.ForAsync(settings.Framework, reportStage, cancellationToken).ConfigureAwait(false);
            if (settings.UsesWindowsDesktop)
            {
                set = references.WithWindowsDesktop(set, settings.Framework);
            }

            var packages = usePackageCache && group.ProjectFile is { } projectFile
                ? RestoredPackages.Resolve(ProjectFileXml.PackageReferences(projectFile, settings.Framework?.Moniker), settings.Framework, AssemblyFileNames(set))
                : null;
            return new FolderTarget(group, settings, set, reason, failure, packages);
        }
    }

    private static HashSet<string> AssemblyFileNames(ReferenceSet set) =>
        set.References.OfType<PortableExecutableReference>()
            .Select(reference => Path.GetFileName(reference.FilePath))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static MSBuildWorkspace CreateMsBuildWorkspace()
    {
        // Design-time evaluation only: never run the project's own analyzers or source generators' heavy targets.
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RunAnalyzers"] = "false",
            ["TreatWarningsAsErrors"] = "false",
        };
        return MSBuildWorkspace.Create(properties);
    }
}
