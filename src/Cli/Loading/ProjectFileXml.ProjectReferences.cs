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
        var properties = PropertiesFor(documents, moniker);
        return documents
            .SelectMany(root => Items(root, "ProjectReference", properties))
            .Where(item => IsCompileReference(Attribute(item, "ReferenceOutputAssembly", properties)))
            .Select(item => Attribute(item, "Include", properties))
            .OfType<string>()
            .Where(include => include.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>
    /// Whether a <c>ProjectReference</c> with this <c>ReferenceOutputAssembly</c> value is compiled against: not an
    /// analyzer or source generator project referenced with <c>ReferenceOutputAssembly="false"</c>.
    /// </summary>
    public static bool IsCompileReference(string? referenceOutputAssembly)
        => !string.Equals(referenceOutputAssembly?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the project sets <c>UseWPF</c> or <c>UseWindowsForms</c> (or references the Windows Desktop framework) for this target.</summary>
    public static bool UsesWindowsDesktop(string projectFile, string? moniker)
    {
        var documents = Documents(projectFile, out _);
        var properties = PropertiesFor(documents, moniker);
        return Value(properties, "UseWPF").Equals("true", StringComparison.OrdinalIgnoreCase)
            || Value(properties, "UseWindowsForms").Equals("true", StringComparison.OrdinalIgnoreCase)
            || documents.SelectMany(root => Items(root, "FrameworkReference", properties))
                .Any(item => Attribute(item, "Include", properties)?.StartsWith(ReferenceAssemblies.WindowsDesktopFramework, StringComparison.OrdinalIgnoreCase) == true);
    }

    private static Dictionary<string, string> PropertiesFor(List<System.Xml.Linq.XElement> documents, string? moniker)
    {
        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(moniker))
        {
            globals["TargetFramework"] = moniker;
        }

        return Properties(documents, globals);
    }
}
