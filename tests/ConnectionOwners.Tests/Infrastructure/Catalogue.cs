using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

/// <summary>One row of <c>docs/rules/HCG008-catalogue.tsv</c>; the columns are described in <c>docs/rules/HCG008.md</c>.</summary>
internal sealed record CatalogueRow(
    string Package,
    string VersionsTested,
    string Type,
    string Creation,
    string Verdict,
    string PerCall,
    string Shared,
    IReadOnlyList<string> QuietWhen,
    IReadOnlyList<string> ReportedWhen,
    IReadOnlyList<string> Evidence,
    string Notes)
{
    public string Key => Type + " " + Creation;
}

/// <summary>The catalogue the HCG008 analyzer consumes, and the packages this test project restored.</summary>
internal static class Catalogue
{
    public static readonly string[] Columns =
        ["package", "versions_tested", "type", "creation", "verdict", "per_call", "shared", "quiet_when", "reported_when", "evidence", "notes"];

    public static readonly string[] Verdicts = ["reported", "quiet-measured", "reported-vendor-guidance", "quiet-shared-by-driver"];

    private static readonly Lazy<IReadOnlyList<CatalogueRow>> s_rows = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, (string Version, string[] Assemblies)>> s_packages = new(ReadRestoredPackages);

    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot(), "docs", "rules", "HCG008-catalogue.tsv");

    public static IReadOnlyList<CatalogueRow> Rows => s_rows.Value;

    public static string[] Header() => File.ReadLines(Path).First().Split('\t');

    public static CatalogueRow Row(string key) => Rows.Single(r => r.Key == key);

    /// <summary>Package id to the version restored for this project and the file names of its runtime assemblies.</summary>
    public static IReadOnlyDictionary<string, (string Version, string[] Assemblies)> RestoredPackages => s_packages.Value;

    /// <summary>Finds a type by metadata name in the restored packages or the shared framework.</summary>
    public static Type? FindType(string metadataName)
    {
        var framework = Type.GetType(metadataName + ", System.Net.Http");
        if (framework is not null)
        {
            return framework;
        }

        foreach (var (_, (_, assemblies)) in RestoredPackages)
        {
            foreach (var file in assemblies)
            {
                var found = LoadByFileName(file)?.GetType(metadataName);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>Splits a list cell (<c>a; b</c> or <c>a, b</c>) into its items.</summary>
    private static IReadOnlyList<string> Items(string cell, char separator) =>
        cell.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<CatalogueRow> Load() =>
        File.ReadLines(Path).Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            var cells = line.Split('\t');
            if (cells.Length != Columns.Length)
            {
                throw new InvalidDataException($"{cells.Length} columns instead of {Columns.Length}: {line}");
            }

            return new CatalogueRow(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6],
                Items(cells[7], ';'), Items(cells[8], ';'), Items(cells[9], ','), cells[10]);
        }).ToList();

    private static IReadOnlyDictionary<string, (string Version, string[] Assemblies)> ReadRestoredPackages()
    {
        var depsFile = System.IO.Path.Combine(AppContext.BaseDirectory, typeof(Catalogue).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value;
        var packages = new Dictionary<string, (string, string[])>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.EnumerateObject())
        {
            var assemblies = library.Value.TryGetProperty("runtime", out var runtime)
                ? runtime.EnumerateObject().Select(file => System.IO.Path.GetFileName(file.Name)).ToArray()
                : [];
            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            packages[library.Name[..slash]] = (library.Name[(slash + 1)..], assemblies);
        }

        return packages;
    }

    private static Assembly? LoadByFileName(string fileName)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(path) ? Assembly.Load(AssemblyName.GetAssemblyName(path)) : null;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
