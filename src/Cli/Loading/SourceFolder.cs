using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// The C# files under a folder, grouped by the project that owns them (the nearest .csproj above
/// them, also above the scanned folder), so that two projects' files never meet in one compilation.
/// </summary>
/// <param name="Directory">The owning project's folder; the scanned folder for files outside any project, or for a scanned
/// folder inside a project's folder (then <paramref name="ProjectFile"/> is in a folder above it).</param>
/// <param name="ProjectFile">The owning .csproj, or null for loose files.</param>
public sealed record SourceGroup(string Directory, string? ProjectFile, IReadOnlyList<string> Files)
{
    public string Name => ProjectFile is null ? Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar)) : Path.GetFileNameWithoutExtension(ProjectFile);
}

public static class SourceFolder
{
    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", ".git", ".vs", ".idea", "node_modules", "TestResults", "artifacts",
    };

    /// <param name="unreadable">Folders that could not be listed are added here.</param>
    public static IReadOnlyList<SourceGroup> Groups(string root, ConcurrentBag<string> unreadable)
    {
        var owners = new List<(string Directory, string? ProjectFile)>();
        var filesByOwner = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Walk(root, owner: null, owners, filesByOwner, unreadable, ProjectAbove(root));
        return owners
            .Select(owner => new SourceGroup(owner.Directory, owner.ProjectFile, filesByOwner[owner.Directory]))
            .Where(group => group.Files.Count > 0)
            .ToList();
    }

    /// <summary>
    /// The project file that owns a folder holding several (<c>Lib.csproj</c> of the old format beside <c>Lib.net8.csproj</c> and
    /// <c>Lib.net10.csproj</c>, one per toolchain): an SDK-style one before one of the old format, whose explicit <c>Compile</c>
    /// list often leaves out the files added since; among equals the first by name. A file that cannot be read counts as
    /// old-format.
    /// </summary>
    internal static string? PreferredProjectFile(IReadOnlyList<string> projectFiles)
    {
        if (projectFiles.Count <= 1)
        {
            return projectFiles.Count == 0 ? null : projectFiles[0];
        }

        return projectFiles.OrderBy(file => IsSdkStyle(file) ? 0 : 1).ThenBy(file => file, StringComparer.Ordinal).First();
    }

    private static bool IsSdkStyle(string projectFile)
    {
        try
        {
            // <Project Sdk="Microsoft.NET.Sdk">, or <Sdk Name="..." /> / <Import Sdk="..." /> inside it: all name an SDK.
            var text = File.ReadAllText(projectFile);
            return text.IndexOf("Sdk=\"", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("<Sdk ", StringComparison.OrdinalIgnoreCase) >= 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// A <c>packages</c> folder NuGet restored packages into (packages.config projects: <c>packages\Id.Version\Id.Version.nupkg</c>,
    /// or a <c>repositories.config</c>), whose sources are other people's. A source folder of the same name
    /// (<c>Integration\Packages\Download</c>, a namespace) is the project's own code and is scanned.
    /// </summary>
    private static bool IsNuGetPackagesFolder(string directory, string name)
    {
        if (!name.Equals("packages", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return File.Exists(Path.Combine(directory, "repositories.config")) ||
                   Directory.EnumerateFiles(directory, "*.nupkg").Any() ||
                   Directory.EnumerateDirectories(directory).Any(package => Directory.EnumerateFiles(package, "*.nupkg").Any());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable: the walk reports it when it tries to list the folder.
            return false;
        }
    }

    /// <summary>
    /// The project a scanned folder without a project file of its own belongs to: the nearest .csproj in a folder above it,
    /// as MSBuild's default items include every file below a project. The search stops at the repository's root (a
    /// <c>.git</c> entry) or a solution's folder: a project beside the checkout is not its owner. Null: loose files.
    /// </summary>
    internal static string? ProjectAbove(string root)
    {
        try
        {
            for (var directory = Directory.GetParent(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar)); directory is not null; directory = directory.Parent)
            {
                var projectFile = PreferredProjectFile(Directory.GetFiles(directory.FullName, "*.csproj"));
                if (projectFile is not null)
                {
                    return projectFile;
                }

                if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")) ||
                    Directory.GetFiles(directory.FullName, "*.sln").Length > 0 || Directory.GetFiles(directory.FullName, "*.slnx").Length > 0)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder above that cannot be listed: the files are compiled as loose files, as before.
        }

        return null;
    }

    private static void Walk(
        string directory,
        (string Directory, string? ProjectFile)? owner,
        List<(string Directory, string? ProjectFile)> owners,
        Dictionary<string, List<string>> filesByOwner,
        ConcurrentBag<string> unreadable,
        string? projectAbove = null)
    {
        string[] files;
        string[] subdirectories;
        try
        {
            files = Directory.GetFiles(directory);
            subdirectories = Directory.GetDirectories(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            unreadable.Add(directory);
            return;
        }

        Array.Sort(files, StringComparer.Ordinal);
        Array.Sort(subdirectories, StringComparer.Ordinal);
        var projectFile = PreferredProjectFile(files.Where(file => file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).ToList());
        if (projectFile is null && owner is null)
        {
            // The scanned root inside a project's folder: the project above compiles these files.
            projectFile = projectAbove;
        }

        if (projectFile is not null || owner is null)
        {
            // A project starts here (or this is the scanned root): its files and those below it form a group.
            owner = (directory, projectFile);
            owners.Add(owner.Value);
            filesByOwner[directory] = new List<string>();
        }

        filesByOwner[owner.Value.Directory].AddRange(files.Where(file => file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)));
        foreach (var subdirectory in subdirectories)
        {
            var name = Path.GetFileName(subdirectory);
            if (s_skippedDirectories.Contains(name) || name.StartsWith('.') || IsNuGetPackagesFolder(subdirectory, name))
            {
                continue;
            }

            Walk(subdirectory, owner, owners, filesByOwner, unreadable);
        }
    }
}
