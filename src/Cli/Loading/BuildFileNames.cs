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
