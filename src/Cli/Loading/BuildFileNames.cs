using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// Directory.Build.props, Directory.Build.targets and Directory.Packages.props as the build that owns the code finds them. A repository written on
/// Windows may spell one <c>Directory.Build.Props</c>: Windows' file system matches it, Linux' and macOS' do not, so MSBuild
/// there skips it and the projects lose its target framework (a .NET Framework plugin read as the newest .NET). Folder mode
/// looks for each file name in any casing, nearest folder first, and tells MSBuild where a differently cased one is.
/// </summary>
public static class BuildFileNames
{
    public const string Props = "Directory.Build.props";
    public const string Targets = "Directory.Build.targets";
    public const string Packages = "Directory.Packages.props";

    /// <summary>The nearest <paramref name="fileName"/> in <paramref name="directory"/> or above it, in any casing (the exact one first).</summary>
    public static string? NearestAbove(string directory, string fileName)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var exact = Path.Combine(current.FullName, fileName);
            if (File.Exists(exact))
            {
                return exact;
            }

            if (InAnyCasing(current, fileName) is { } other)
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>
    /// The solution a build of <paramref name="directory"/>'s project would be part of: the one solution file (<c>.sln</c> or
    /// <c>.slnx</c>) of the nearest folder at or above it that holds any; null when there is none, or when that folder holds
    /// several (which one builds the project is not known).
    /// </summary>
    public static string? SolutionAbove(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            string[] solutions;
            try
            {
                solutions = current.GetFiles("*.sln").Concat(current.GetFiles("*.slnx")).Select(static file => file.FullName).ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (solutions.Length > 0)
            {
                return solutions.Length == 1 ? solutions[0] : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The properties a build of the solution gives each of its projects (<c>SolutionDir</c> with its trailing separator,
    /// <c>SolutionPath</c>, <c>SolutionName</c>, <c>SolutionFileName</c>, <c>SolutionExt</c>) for a project in
    /// <paramref name="projectDirectory"/> (<see cref="SolutionAbove"/>): a project that imports
    /// <c>$(SolutionDir)\src\dalamud.targets</c> (its framework and language version) reads as it builds. Empty without one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SolutionProperties(string projectDirectory)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (SolutionAbove(projectDirectory) is { } solution && Path.GetDirectoryName(solution) is { } folder)
        {
            properties["SolutionDir"] = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
            properties["SolutionPath"] = solution;
            properties["SolutionName"] = Path.GetFileNameWithoutExtension(solution);
            properties["SolutionFileName"] = Path.GetFileName(solution);
            properties["SolutionExt"] = Path.GetExtension(solution);
        }

        return properties;
    }

    /// <summary>
    /// The global properties that make MSBuild import the files it would miss for a project in <paramref name="projectDirectory"/>
    /// (<c>DirectoryBuildPropsPath</c>, <c>DirectoryBuildTargetsPath</c>, <c>DirectoryPackagesPropsPath</c>): only for a nearest file whose name is cased otherwise.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MisCasedImports(string projectDirectory)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (fileName, property) in new[] { (Props, "DirectoryBuildPropsPath"), (Targets, "DirectoryBuildTargetsPath"), (Packages, "DirectoryPackagesPropsPath") })
        {
            if (NearestAbove(projectDirectory, fileName) is { } found && !string.Equals(Path.GetFileName(found), fileName, StringComparison.Ordinal))
            {
                properties[property] = found;
            }
        }

        return properties;
    }

    private static string? InAnyCasing(DirectoryInfo directory, string fileName)
    {
        try
        {
            return directory.EnumerateFiles()
                .Select(file => file.FullName)
                .Where(path => string.Equals(Path.GetFileName(path), fileName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(path => path, StringComparer.Ordinal)
                .FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
