using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs package/HttpClientGuard.csproj once per test run into a fresh local feed, the way a
/// release would, and extracts the .nupkg so tests read exactly what users download.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(8);

    /// <summary>A temporary folder holding the feed, the extracted package and the consumer projects.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "hcg-e2e-" + Guid.NewGuid().ToString("N")[..12]);

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string ExtractedDirectory => Path.Combine(WorkDirectory, "extracted");

    /// <summary>The version Directory.Build.props sets, the one place it is set.</summary>
    public string Version { get; } = ReadVersion();

    public string PackagePath => Path.Combine(FeedDirectory, $"HttpClientGuard.{Version}.nupkg");

    public IReadOnlyList<string> AnalyzerAssemblies { get; private set; } = [];

    /// <summary>Ids the packed analyzers declare, read by loading them.</summary>
    public ImmutableHashSet<string> SupportedDiagnosticIds { get; private set; } = ImmutableHashSet<string>.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        // Own bin/obj (artifacts layout under the work folder): `dotnet test` may still be building the same
        // projects for other test assemblies, and the package must come from the sources as they are now.
        var pack = await DotnetCli.RunAsync(
            RepositoryPaths.Root,
            s_packTimeout,
            environment: null,
            "pack", Path.Combine(RepositoryPaths.Root, "package", "HttpClientGuard.csproj"), "-c", "Release", "-o", FeedDirectory,
            "-p:ArtifactsPath=" + Path.Combine(WorkDirectory, "artifacts"));
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException("dotnet pack did not produce " + PackagePath + Environment.NewLine + pack.Describe());
        }

        ZipFile.ExtractToDirectory(PackagePath, ExtractedDirectory);
        AnalyzerAssemblies = Directory.GetFiles(Path.Combine(ExtractedDirectory, "analyzers", "dotnet", "cs"), "*.dll").Order(StringComparer.Ordinal).ToArray();
        SupportedDiagnosticIds = LoadAnalyzers(new IsolatedAnalyzerLoader(), out _)
            .SelectMany(analyzer => analyzer.SupportedDiagnostics)
            .Select(descriptor => descriptor.Id)
            .ToImmutableHashSet();
    }

    /// <summary>Loads the packed analyzers as the compiler does, reporting any assembly or type that fails to load.</summary>
    public ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(IAnalyzerAssemblyLoader loader, out IReadOnlyList<string> loadFailures)
    {
        var failures = new List<string>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in AnalyzerAssemblies)
        {
            loader.AddDependencyLocation(path);
        }

        foreach (var path in AnalyzerAssemblies)
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.TypeName} {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        loadFailures = failures;
        return analyzers.ToImmutable();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS temp cleanup takes the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    private static string ReadVersion()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        return props.Descendants("Version").Single().Value;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "Packed package";
}
