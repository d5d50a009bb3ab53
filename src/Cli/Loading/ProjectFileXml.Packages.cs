using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>A package the project references directly, with the version its files ask for (a version or a range).</summary>
public sealed record PackageReference(string Id, string Version);

public static partial class ProjectFileXml
{
    /// <summary>
    /// The packages <paramref name="projectFile"/> references for one target framework, read as text the way
    /// <see cref="Read"/> reads its settings: <c>PackageReference</c> items of the nearest Directory.Build.props and
    /// the project (conditions on the target framework honoured), their <c>Version</c> or <c>VersionOverride</c>, else
    /// the central <c>PackageVersion</c> of the nearest Directory.Packages.props. Items without a version are left out.
    /// </summary>
    public static IReadOnlyList<PackageReference> PackageReferences(string projectFile, string? moniker)
    {
        var documents = Documents(projectFile, out _);
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;

        var globals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(moniker))
        {
            globals["TargetFramework"] = moniker;
        }

        var properties = Properties(documents, globals);
        var central = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (BuildFileNames.NearestAbove(directory, BuildFileNames.Packages) is { } packagesProps && Load(packagesProps) is { } packagesRoot)
        {
            foreach (var version in Items(packagesRoot, "PackageVersion", properties))
            {
                if (Attribute(version, "Include", properties) is { Length: > 0 } id && Attribute(version, "Version", properties) is { Length: > 0 } value)
                {
                    central[id] = value;
                }
            }
        }

        var references = new Dictionary<string, PackageReference>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in documents.SelectMany(root => Items(root, "PackageReference", properties)))
        {
            if (Attribute(item, "Include", properties) is not { Length: > 0 } id)
            {
                continue;
            }

            var version = Attribute(item, "VersionOverride", properties) ?? Attribute(item, "Version", properties) ??
                          (central.TryGetValue(id, out var centralVersion) ? centralVersion : null);
            if (!string.IsNullOrWhiteSpace(version))
            {
                references[id] = new PackageReference(id, version.Trim());
            }
        }

        return references.Values.OrderBy(reference => reference.Id, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Items named <paramref name="name"/> in item groups whose conditions (and their own) hold.</summary>
    private static IEnumerable<XElement> Items(XElement root, string name, Dictionary<string, string> properties) =>
        root.Elements()
            .Where(group => group.Name.LocalName == "ItemGroup" && Holds((string?)group.Attribute("Condition"), properties))
            .SelectMany(group => group.Elements())
            .Where(item => item.Name.LocalName == name && Holds((string?)item.Attribute("Condition"), properties));

    /// <summary>An item's metadata written as an attribute or as a child element, expanded.</summary>
    private static string? Attribute(XElement item, string name, Dictionary<string, string> properties)
    {
        var value = (string?)item.Attribute(name) ?? item.Elements().FirstOrDefault(child => child.Name.LocalName == name)?.Value;
        return value is null ? null : Expand(value.Trim(), properties);
    }
}
