using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace HttpClientGuard.Cli.Loading;

public static partial class ProjectFileXml
{
    /// <summary>
    /// The C# projects <paramref name="projectFile"/> references for one target framework, read as text the way
    /// <see cref="Read"/> reads its settings: <c>ProjectReference</c> items of the nearest Directory.Build.props and the
    /// project (conditions on the target framework honoured), as full paths.
    /// </summary>
    public static ImmutableArray<string> ProjectReferences(string projectFile, string? moniker)
    {
        var documents = Documents(projectFile, out _);
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(moniker))
        {
            globals["TargetFramework"] = moniker;
        }

        var properties = Properties(documents, globals);
        return documents
            .SelectMany(root => Items(root, "ProjectReference", properties))
            .Select(item => Attribute(item, "Include", properties))
            .OfType<string>()
            .Where(include => include.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
