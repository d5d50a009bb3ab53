using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Bench;

/// <summary>The analyzers of one assembly, found the way a test would miss none: every concrete type.</summary>
internal sealed record AnalyzerSet(string Name, string AssemblyPath, ImmutableArray<DiagnosticAnalyzer> Analyzers)
{
    public static AnalyzerSet Load(string name, string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"Analyzer assembly for {name} not found.", assemblyPath);
        }

        var assembly = Assembly.LoadFrom(assemblyPath);
        var analyzers = LoadableTypes(assembly)
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false } &&
                           typeof(DiagnosticAnalyzer).IsAssignableFrom(type) &&
                           type.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            throw new InvalidOperationException($"{assemblyPath} contains no DiagnosticAnalyzer.");
        }

        return new AnalyzerSet(name, assemblyPath, analyzers);
    }

    public string Version => FileVersion(AssemblyPath);

    /// <summary>
    /// Analyzer assemblies often ship their code fixes alongside; those need Workspaces, which the
    /// bench does not load. Their types fail to load and are not analyzers anyway.
    /// </summary>
    private static Type[] LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.Where(type => type is not null).ToArray()!;
        }
    }

    private static string FileVersion(string path) =>
        System.Diagnostics.FileVersionInfo.GetVersionInfo(path).ProductVersion?.Split('+')[0] ?? "?";
}
