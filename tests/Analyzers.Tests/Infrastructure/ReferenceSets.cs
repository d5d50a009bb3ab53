using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// The reference sets every test compiles against, one instance each, resolved once per test run before
/// any test uses them.
/// </summary>
/// <remarks>
/// On a new machine the testing library downloads the reference packs and the Microsoft.Extensions
/// packages into <c>$TMPDIR/test-packages</c>. In Microsoft.CodeAnalysis.Testing 1.1.4 the resolution that
/// downloads a package (rather than finding it installed) returns the set without that package's
/// <c>lib/</c> assemblies, and the library interns equal sets and caches each one's first result for the
/// rest of the process: every test with Microsoft.Extensions then failed with CS0234 until a second run.
/// A package it downloads also adds none of its own dependencies, so each pass over an empty cache installs
/// one more level of the graph. So every set is first resolved in throwaway variants (the same packages plus
/// an assembly name that exists nowhere, a new name each pass, which makes each a different set to the
/// library's cache), pass after pass until a pass installs nothing; the real sets then resolve from the
/// installed folders, and each is checked for an assembly it must hold.
/// </remarks>
internal static partial class ReferenceSets
{
    // The test framework does not pull these dependencies in by itself.
    private static readonly ImmutableArray<PackageIdentity> s_httpClientFactoryPackages = ImmutableArray.Create(
        new PackageIdentity("Microsoft.Extensions.Http", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.Options", "8.0.0"),
        new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "8.0.0"));

    // The ASP.NET Core shared framework's reference assemblies (controllers, minimal APIs, hosting),
    // for fixes whose output must compile against the real framework, not stubs.
    private static readonly ImmutableArray<PackageIdentity> s_aspNetCorePackages = ImmutableArray.Create(
        new PackageIdentity("Microsoft.AspNetCore.App.Ref", "8.0.0"));

    private static readonly Lazy<Task> s_resolved = new(ResolveAllAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static ReferenceAssemblies Net80 { get; } = ReferenceAssemblies.Net.Net80;

    public static ReferenceAssemblies NetStandard20 { get; } = ReferenceAssemblies.NetStandard.NetStandard20;

    public static ReferenceAssemblies Net80WithHttpClientFactory { get; } = Net80.AddPackages(s_httpClientFactoryPackages);

    public static ReferenceAssemblies NetStandard20WithHttpClientFactory { get; } = NetStandard20.AddPackages(s_httpClientFactoryPackages);

    /// <summary>net8.0 with the ASP.NET Core shared framework (which includes Microsoft.Extensions.Http).</summary>
    public static ReferenceAssemblies Net80WithAspNetCore { get; } = Net80.AddPackages(s_aspNetCorePackages);

    /// <summary>Completes when every set is on disk; the first caller starts the one resolution, the others wait for it.</summary>
    public static Task EnsureResolvedAsync() => s_resolved.Value;

    // Deeper than any dependency graph of these sets: an empty cache needs a pass per level the downloads uncover.
    private const int MaxInstallPasses = 8;

    private static async Task ResolveAllAsync()
    {
        var sets = new[]
        {
            ("net8.0", Net80, "System.Net.Http.dll"),
            ("netstandard2.0", NetStandard20, "netstandard.dll"),
            ("net8.0 + Microsoft.Extensions.Http", Net80WithHttpClientFactory, "Microsoft.Extensions.Http.dll"),
            ("netstandard2.0 + Microsoft.Extensions.Http", NetStandard20WithHttpClientFactory, "Microsoft.Extensions.Http.dll"),
            ("net8.0 + Microsoft.AspNetCore.App", Net80WithAspNetCore, "Microsoft.AspNetCore.Mvc.Core.dll"),
            (ConnectionOwnersSetName, Net80WithConnectionOwners, ConnectionOwnerAssemblies[0]),
        };

        var installSets = sets.Select(entry => (entry.Item1, entry.Item2))
            .Append((AspNetCoreConnectionOwnersSetName, Net80WithAspNetCoreAndConnectionOwners))
            .ToList();
        await InstallAsync(installSets).ConfigureAwait(false);

        foreach (var (name, set, mustContain) in sets)
        {
            var references = await ResolveAsync(name, set).ConfigureAwait(false);
            if (!references.Any(reference => reference is PortableExecutableReference { FilePath: { } path } &&
                    string.Equals(Path.GetFileName(path), mustContain, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException(
                    $"The reference set '{name}' resolved without {mustContain}: the test package cache '{PackageCache}' is incomplete; delete it and run again.");
            }
        }

        await CheckConnectionOwnerAssembliesAsync().ConfigureAwait(false);
    }

    private static string PackageCache => Path.Combine(Path.GetTempPath(), "test-packages");

    /// <summary>Resolves throwaway variants of the sets until a pass adds no package to the cache.</summary>
    private static async Task InstallAsync(IReadOnlyList<(string Name, ReferenceAssemblies Set)> sets)
    {
        for (var pass = 0; pass < MaxInstallPasses; pass++)
        {
            var before = InstalledPackageCount();
            var marker = ImmutableArray.Create("HttpClientGuard.Tests.InstallPackagesOnly" + pass.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, set) in sets)
            {
                // Installs the packages; the result, possibly incomplete, belongs to the throwaway variant only.
                _ = await ResolveAsync(name, set.AddAssemblies(marker)).ConfigureAwait(false);
            }

            if (InstalledPackageCount() == before)
            {
                return;
            }
        }

        throw new InvalidOperationException(
            $"The test package cache '{PackageCache}' still gained packages after {MaxInstallPasses} install passes; delete it and run again.");
    }

    private static int InstalledPackageCount() =>
        Directory.Exists(PackageCache) ? Directory.GetDirectories(PackageCache).Length : 0;

    private static async Task<ImmutableArray<MetadataReference>> ResolveAsync(string name, ReferenceAssemblies set)
    {
        try
        {
            return await set.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The reference set '{name}' could not be resolved from NuGet into the test package cache '{PackageCache}' (is the NuGet source in reach?): {ex.Message}",
                ex);
        }
    }
}
