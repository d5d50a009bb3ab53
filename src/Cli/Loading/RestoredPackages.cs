using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Loading;

/// <summary>What folder mode found of a project's packages in the local NuGet cache.</summary>
/// <param name="Found">Packages whose assemblies were added, as <c>id version</c>.</param>
/// <param name="Missing">Packages the project references that are not in the cache (never restored on this machine).</param>
public sealed record RestoredPackageSet(ImmutableArray<MetadataReference> References, ImmutableArray<string> Found, ImmutableArray<string> Missing)
{
    public static readonly RestoredPackageSet None = new(ImmutableArray<MetadataReference>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);

    /// <summary>For the report's references line: which packages were used and which were not there.</summary>
    public string Describe()
    {
        if (Found.IsEmpty && Missing.IsEmpty)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (!Found.IsEmpty)
        {
            parts.Add($"{Found.Length} package(s) from the NuGet cache ({string.Join(", ", Found)})");
        }

        if (!Missing.IsEmpty)
        {
            parts.Add($"not restored here: {string.Join(", ", Missing)}");
        }

        return string.Join("; ", parts);
    }
}

/// <summary>
/// Folder mode compiles without a restore, so a project's packages are unknown types and rules that recognise a
/// package's types by symbol (HCG008's catalogue: RestSharp, Octokit, gRPC, ...) cannot see them. A developer's
/// machine has usually restored the project before: this takes the packages the project file references, and the
/// packages they depend on, from the global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>)
/// when they are there, at the version asked for (the lowest version of a range, else the highest one present),
/// with the assemblies of the target framework nearest to the project's. Nothing is downloaded.
/// </summary>
public static class RestoredPackages
{
    /// <summary>A bound on the dependency walk: a project with more packages than this is still scanned with those.</summary>
    private const int MaxPackages = 200;

    private static readonly ConcurrentDictionary<string, MetadataReference> s_references = new(StringComparer.Ordinal);

    /// <param name="frameworkAssemblies">File names of the framework's reference assemblies: a package assembly of the same
    /// name (System.Text.Json for net8.0) is left out, so that no type is defined twice.</param>
    public static RestoredPackageSet Resolve(IReadOnlyList<PackageReference> direct, TargetFramework? framework, IReadOnlySet<string> frameworkAssemblies, string? packagesFolder = null)
    {
        if (direct.Count == 0 || framework is null)
        {
            return RestoredPackageSet.None;
        }

        var root = packagesFolder ?? ReferenceAssemblies.DefaultPackagesFolder();
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        var found = ImmutableArray.CreateBuilder<string>();
        var missing = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assemblies = new HashSet<string>(frameworkAssemblies, StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(PackageReference Package, bool IsDirect)>(direct.Select(package => (package, true)));
        while (queue.Count > 0 && seen.Count < MaxPackages)
        {
            var (package, isDirect) = queue.Dequeue();
            if (!seen.Add(package.Id))
            {
                continue;
            }

            if (InstalledFolder(root, package) is not { } folder)
            {
                if (isDirect)
                {
                    missing.Add($"{package.Id} {package.Version}");
                }

                continue;
            }

            found.Add($"{package.Id} {Path.GetFileName(folder)}");
            foreach (var assembly in Assemblies(folder, framework))
            {
                // The same assembly from two packages (a facade and its implementation): the first one wins.
                if (assemblies.Add(Path.GetFileName(assembly)))
                {
                    references.Add(s_references.GetOrAdd(assembly, static path => MetadataReference.CreateFromFile(path)));
                }
            }

            foreach (var dependency in Dependencies(folder, package.Id, framework))
            {
                queue.Enqueue((dependency, false));
            }
        }

        return new RestoredPackageSet(references.ToImmutable(), found.ToImmutable(), missing.ToImmutable());
    }

    /// <summary>The package's folder in the cache at the version asked for, or the nearest one there; null when it was never restored.</summary>
    private static string? InstalledFolder(string root, PackageReference package)
    {
        var packageFolder = Path.Combine(root, package.Id.ToLowerInvariant());
        if (!Directory.Exists(packageFolder))
        {
            return null;
        }

        var lowest = LowestVersion(package.Version);
        if (lowest is not null && Directory.Exists(Path.Combine(packageFolder, lowest.ToLowerInvariant())))
        {
            return Path.Combine(packageFolder, lowest.ToLowerInvariant());
        }

        // A floating version (1.*), a range whose lowest version is not here, or another restore's version.
        var prefix = package.Version.EndsWith('*') ? package.Version.TrimEnd('*').ToLowerInvariant() : string.Empty;
        return Directory.EnumerateDirectories(packageFolder)
            .Where(candidate => Path.GetFileName(candidate).StartsWith(prefix, StringComparison.Ordinal) &&
                                File.Exists(Path.Combine(candidate, package.Id.ToLowerInvariant() + ".nuspec")))
            .OrderByDescending(candidate => ParseVersion(Path.GetFileName(candidate)))
            .FirstOrDefault();
    }

    /// <summary><c>1.2.3</c>, <c>[1.2.3]</c>, <c>[1.2.3, 2.0)</c>, <c>(, 2.0]</c> (no lowest: null), <c>1.*</c> (null).</summary>
    private static string? LowestVersion(string version)
    {
        var text = version.Trim();
        if (text.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        if (text.StartsWith('[') || text.StartsWith('('))
        {
            var lower = text.TrimStart('[', '(').Split(',')[0].TrimEnd(']', ')').Trim();
            return lower.Length == 0 ? null : lower;
        }

        return text;
    }

    private static Version ParseVersion(string folderName)
    {
        var numeric = folderName.Split('-', '+')[0];
        return Version.TryParse(numeric.Count(c => c == '.') == 0 ? numeric + ".0" : numeric, out var parsed) ? parsed : new Version(0, 0);
    }

    /// <summary>The assemblies of <c>ref/</c> (else <c>lib/</c>) for the framework nearest to <paramref name="framework"/>.</summary>
    private static IEnumerable<string> Assemblies(string packageFolder, TargetFramework framework)
    {
        foreach (var kind in new[] { "ref", "lib" })
        {
            var kindFolder = Path.Combine(packageFolder, kind);
            if (!Directory.Exists(kindFolder))
            {
                continue;
            }

            if (Nearest(Directory.EnumerateDirectories(kindFolder).Select(Path.GetFileName).OfType<string>(), framework) is { } nearest)
            {
                return Directory.EnumerateFiles(Path.Combine(kindFolder, nearest), "*.dll").OrderBy(file => file, StringComparer.Ordinal).ToList();
            }
        }

        return Array.Empty<string>();
    }

    /// <summary>The dependencies the package's nuspec lists for the nearest framework group (or its only, ungrouped list).</summary>
    private static IEnumerable<PackageReference> Dependencies(string packageFolder, string id, TargetFramework framework)
    {
        XElement? nuspec;
        try
        {
            nuspec = XDocument.Load(Path.Combine(packageFolder, id.ToLowerInvariant() + ".nuspec")).Root;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return Array.Empty<PackageReference>();
        }

        var dependencies = nuspec?.Descendants().FirstOrDefault(e => e.Name.LocalName == "dependencies");
        if (dependencies is null)
        {
            return Array.Empty<PackageReference>();
        }

        var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group").ToList();
        IEnumerable<XElement> listed;
        if (groups.Count == 0)
        {
            listed = dependencies.Elements();
        }
        else
        {
            var byFramework = groups.ToDictionary(group => NuspecMoniker((string?)group.Attribute("targetFramework")), StringComparer.OrdinalIgnoreCase);
            var nearest = Nearest(byFramework.Keys.Where(key => key.Length > 0), framework);
            listed = nearest is not null ? byFramework[nearest].Elements()
                : byFramework.TryGetValue(string.Empty, out var any) ? any.Elements()
                : Enumerable.Empty<XElement>();
        }

        return listed
            .Where(e => e.Name.LocalName == "dependency" && e.Attribute("id") is not null)
            .Select(e => new PackageReference((string)e.Attribute("id")!, (string?)e.Attribute("version") ?? "0.0.0"))
            .ToList();
    }

    /// <summary>A nuspec's <c>.NETStandard2.0</c>, <c>net8.0</c>, <c>.NETFramework4.6.2</c> as a folder moniker.</summary>
    private static string NuspecMoniker(string? targetFramework)
    {
        var text = (targetFramework ?? string.Empty).Trim();
        if (text.StartsWith(".NETStandard", StringComparison.OrdinalIgnoreCase))
        {
            return "netstandard" + text[".NETStandard".Length..];
        }

        if (text.StartsWith(".NETFramework", StringComparison.OrdinalIgnoreCase))
        {
            return TargetFramework.FrameworkMoniker(text[".NETFramework".Length..]);
        }

        if (text.StartsWith(".NETCoreApp", StringComparison.OrdinalIgnoreCase) && Version.TryParse(text[".NETCoreApp".Length..], out var core))
        {
            return core.Major >= 5 ? $"net{core.Major}.{core.Minor}" : $"netcoreapp{core.Major}.{core.Minor}";
        }

        return text.ToLowerInvariant();
    }

    /// <summary>
    /// The folder among <paramref name="monikers"/> whose framework <paramref name="target"/> can use, the closest
    /// one: the same family at the highest version not above the target's, then (for .NET) netcoreapp, then the
    /// highest .NET Standard the target implements. Null when none fits.
    /// </summary>
    public static string? Nearest(IEnumerable<string> monikers, TargetFramework target) =>
        FolderProjectReferences.NearestCompatible(
            target,
            monikers.Select(moniker => (Moniker: moniker, Framework: TargetFramework.Parse(moniker))).Where(entry => entry.Framework is not null).ToList(),
            entry => entry.Framework).Moniker;

}
