using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Loading;

public enum LoadMode
{
    /// <summary>Loaded by MSBuild: the project's own references, defines and language version.</summary>
    Project,

    /// <summary>The .cs files compiled against the installed framework reference packs.</summary>
    Folder,
}

/// <summary>One compilation to scan and how it was obtained.</summary>
public sealed record ScanProject(Project Project, LoadMode Mode)
{
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
