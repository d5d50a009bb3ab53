using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Bench;

/// <summary>The net8.0 reference assemblies the synthetic code base compiles against.</summary>
internal static class ReferenceAssemblies
{
    /// <summary>
    /// The build downloads Microsoft.NETCore.App.Ref at the version the SDK targets for net8.0 and
    /// records its folder in the bench assembly; <paramref name="overrideDirectory"/> replaces it.
    /// </summary>
    public static (string Directory, ImmutableArray<MetadataReference> References) Net80(string? overrideDirectory)
    {
        var directory = overrideDirectory ?? BuildMetadata("Net8ReferencePack");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"net8.0 reference assemblies not found in '{directory}'; restore the bench project or pass --refs DIR.");
        }

        var references = Directory.GetFiles(directory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        return (directory, references);
    }

    public static string BuildMetadata(string key) =>
        typeof(ReferenceAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The bench was built without the '{key}' metadata.");
}
