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

/// <summary>Chooses project or folder mode for a target and falls back to folder mode project by project.</summary>
public static class WorkspaceLoader
{
    public static async Task<LoadedWorkspace> LoadAsync(ScanTarget target, Action<string> reportStage, CancellationToken cancellationToken)
    {
        var workspaces = new List<Workspace>();
        var projects = new List<ScanProject>();
        var notes = new List<string>();
        var unreadable = new ConcurrentBag<string>();
        var folderGroups = new List<SourceGroup>();

        if (target.Kind == TargetKind.Folder)
        {
            reportStage("finding C# files");
            folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable));
        }
        else if (ProjectLoader.EnsureMsBuildRegistered() is { } unavailable)
        {
            notes.Add($"{unavailable}; scanned the files under {target.RootDirectory} in folder mode");
            folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable));
        }
        else
        {
            reportStage("loading " + Path.GetFileName(target.FullPath));
            var msbuild = CreateMsBuildWorkspace();
            workspaces.Add(msbuild);
            var (result, failure) = await ProjectLoader.LoadAsync(msbuild, target, reportStage, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                notes.Add($"{failure}; scanned the files under {target.RootDirectory} in folder mode");
                folderGroups.AddRange(SourceFolder.Groups(target.RootDirectory, unreadable));
            }
            else
            {
                projects.AddRange(result.Projects);
                notes.AddRange(result.NotRestored.Select(project =>
                    $"{Path.GetFileName(project)} is not restored: its package references are missing (run 'dotnet restore' for an exact scan)"));
                foreach (var fallback in result.Fallbacks)
                {
                    var directory = Path.GetDirectoryName(fallback.ProjectFile)!;
                    var ownGroup = SourceFolder.Groups(directory, unreadable).FirstOrDefault(group => group.Directory == directory);
                    notes.Add($"{Path.GetFileName(fallback.ProjectFile)} could not be loaded ({fallback.Reason}); scanned its files in folder mode");
                    if (ownGroup is not null)
                    {
                        folderGroups.Add(ownGroup);
                    }
                }
            }
        }

        if (folderGroups.Count > 0)
        {
            reportStage("reading C# files");
            var adhoc = FolderLoader.CreateWorkspace();
            workspaces.Add(adhoc);
            projects.AddRange(await FolderLoader.LoadAsync(adhoc, folderGroups, unreadable, cancellationToken).ConfigureAwait(false));
        }

        var loaded = new LoadedWorkspace(workspaces, projects, notes, unreadable.OrderBy(path => path, StringComparer.Ordinal).ToList());
        if (!projects.SelectMany(project => project.Project.Documents).Any(ScanProject.IsUserDocument))
        {
            loaded.Dispose();
            var why = unreadable.IsEmpty ? string.Empty : $" ({unreadable.Count} could not be read)";
            throw new UserInputException($"no C# files to scan in {target.FullPath}{why}");
        }

        return loaded;
    }

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
