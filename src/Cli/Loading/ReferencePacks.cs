using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// The framework assemblies folder mode compiles against: the installed .NET and ASP.NET Core
/// reference packs, or the runtime's own assemblies when no pack is installed (a runtime-only machine).
/// </summary>
public static class ReferencePacks
{
    private static readonly Lazy<(ImmutableArray<MetadataReference> References, string Description)> s_framework = new(Load);

    public static ImmutableArray<MetadataReference> References => s_framework.Value.References;

    /// <summary>Which assemblies were found, for the report ("Microsoft.NETCore.App.Ref 10.0.12, ...").</summary>
    public static string Description => s_framework.Value.Description;

    private static (ImmutableArray<MetadataReference>, string) Load()
    {
        var dotnetRoot = DotnetRoot();
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sources = new List<string>();
        foreach (var pack in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            if (NewestPackRefFolder(dotnetRoot, pack) is { } packFolder)
            {
                AddAssemblies(packFolder.Folder, files);
                sources.Add($"{pack}.Ref {packFolder.Version}");
            }
            else if (NewestSubfolder(Path.Combine(dotnetRoot, "shared", pack)) is { } runtimeFolder)
            {
                AddAssemblies(runtimeFolder, files);
                sources.Add($"{pack} {Path.GetFileName(runtimeFolder)} (runtime assemblies)");
            }
        }

        if (files.Count == 0)
        {
            // The process's own framework is always there: the scanner runs on it.
            AddAssemblies(RuntimeEnvironment.GetRuntimeDirectory(), files);
            sources.Add("the scanner's own runtime");
        }

        var references = files.Values
            .OrderBy(file => file, StringComparer.Ordinal)
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToImmutableArray();
        return (references, string.Join(", ", sources));
    }

    private static string DotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "shared")))
        {
            return fromEnvironment;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtimeDirectory = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        return runtimeDirectory.Parent?.Parent?.Parent?.FullName ?? runtimeDirectory.FullName;
    }

    private static (string Folder, string Version)? NewestPackRefFolder(string dotnetRoot, string pack)
    {
        var versionFolder = NewestSubfolder(Path.Combine(dotnetRoot, "packs", pack + ".Ref"));
        if (versionFolder is null)
        {
            return null;
        }

        var tfmFolder = NewestSubfolder(Path.Combine(versionFolder, "ref"));
        return tfmFolder is null ? null : (tfmFolder, Path.GetFileName(versionFolder));
    }

    private static string? NewestSubfolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(folder)
            .Select(path => (path, version: VersionOf(Path.GetFileName(path))))
            .Where(entry => entry.version is not null)
            .OrderByDescending(entry => entry.version)
            .Select(entry => entry.path)
            .FirstOrDefault();
    }

    private static Version? VersionOf(string name)
    {
        // "10.0.12", "10.0.0-rc.1..." or "net10.0"
        var digits = name.StartsWith("net", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;
        var dash = digits.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? digits : digits[..dash], out var version) ? version : null;
    }

    private static void AddAssemblies(string folder, Dictionary<string, string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
        {
            if (IsManagedAssembly(file))
            {
                files.TryAdd(Path.GetFileName(file), file);
            }
        }
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
