using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Loading;

public enum LoadMode
{
    /// <summary>Loaded by MSBuild: the project's own references, defines and language version.</summary>
    Project,

    /// <summary>The .cs files compiled against the framework's reference assemblies, with the settings read from the project file.</summary>
    Folder,
}

/// <summary>How one target framework of one project was loaded, for the report.</summary>
/// <param name="ProjectName">The project file's name (<c>Lib.csproj</c>), or the folder's for loose files.</param>
/// <param name="Framework">The target framework moniker, or null when the project names none.</param>
/// <param name="Settings">Language version, nullable, symbols and where they came from.</param>
/// <param name="References">What the code was compiled against.</param>
/// <param name="Reason">Why this target is in folder mode; null in project mode and for a folder scan.</param>
public sealed record TargetInfo(string ProjectName, string? ProjectFile, string? Framework, string Settings, string References, string? Reason);

/// <summary>One compilation to scan (one target framework of one project) and how it was obtained.</summary>
public sealed record ScanProject(Project Project, LoadMode Mode, TargetInfo Target)
{
    /// <summary>When set, fixes are computed and checked as if the code were this C# version (the project's is unknown).</summary>
    public Microsoft.CodeAnalysis.CSharp.LanguageVersion? FixLanguageVersion { get; init; }

    /// <summary>User source files: not generated into obj/ or bin/, not the folder mode's implicit usings.</summary>
    public static bool IsUserDocument(Document document)
    {
        if (document.FilePath is not { } path || !path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var projectDirectory = document.Project.FilePath is { } projectFile ? Path.GetDirectoryName(projectFile) : null;
        var relative = projectDirectory is null ? path : Path.GetRelativePath(projectDirectory, path);
        return !relative
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .SkipLast(1)
            .Any(segment => segment.Equals("obj", StringComparison.OrdinalIgnoreCase) || segment.Equals("bin", StringComparison.OrdinalIgnoreCase));
    }
}
