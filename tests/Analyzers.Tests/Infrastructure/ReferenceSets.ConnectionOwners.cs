using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// The SDKs of the HCG008 catalogue (docs/rules/HCG008-catalogue.tsv), at the versions the repository
/// restores for tests/ConnectionOwners.Tests: read from Directory.Packages.props, so the analyzer tests
/// and the measurements always compile against the same packages. net8.0 only (Refit 16 has no
/// netstandard2.0 build). Resolved like every set: throwaway variant first, then the real set, checked
/// for every SDK assembly the tests use.
/// </summary>
internal static partial class ReferenceSets
{
    private const string ConnectionOwnersSetName = "net8.0 + connection-owner SDKs";

    /// <summary>The catalogue's packages: the reported rows, the measured-quiet rows, and Azure.Core (the transport row).</summary>
    private static readonly string[] s_connectionOwnerPackageIds =
    {
        "RestSharp", "Flurl.Http", "Refit", "Octokit", "SendGrid", "Twilio", "Grpc.Net.Client",
        "Elastic.Clients.Elasticsearch", "StackExchange.Redis", "Microsoft.Azure.Cosmos",
        "Azure.Messaging.ServiceBus", "Azure.Storage.Blobs", "AWSSDK.S3", "Stripe.net", "OpenAI", "MongoDB.Driver", "NEST",
    };

    /// <summary>
    /// Transitive dependencies required at several minimum versions by different packages of the set. The
    /// resolver of Microsoft.CodeAnalysis.Testing 1.1.4 then fails ("Unable to resolve dependency 'X'"), so
    /// each is named at the version tests/ConnectionOwners.Tests restores (its project.assets.json).
    /// </summary>
    private static readonly PackageIdentity[] s_pinnedTransitivePackages =
    {
        new("AWSSDK.Core", "4.1.0"),
        new("AWSSDK.Extensions.Numerics", "4.1.0"),
        new("Apache.Arrow", "22.1.0"),
        new("Azure.Core", "1.62.0"),
        new("Azure.Core.Amqp", "1.3.1"),
        new("Azure.Storage.Common", "12.29.0"),
        new("DnsClient", "1.6.1"),
        new("Elastic.Esql", "0.11.0"),
        new("Elastic.Transport", "1.1.0"),
        new("Flurl", "4.0.0"),
        new("Grpc.Core.Api", "2.85.0"),
        new("Grpc.Net.Common", "2.85.0"),
        new("Microsoft.Azure.Amqp", "2.7.3"),
        new("Microsoft.Bcl.AsyncInterfaces", "10.0.10"),
        new("Microsoft.Bcl.HashCode", "1.1.0"),
        // NEST's Elasticsearch.Net asks for Microsoft.CSharp >= 4.6.0, a version the feed does not serve; a
        // restore takes the next one up, 4.7.0, and the resolver is given it here.
        new("Microsoft.CSharp", "4.7.0"),
        new("Microsoft.Extensions.Configuration.Abstractions", "10.0.10"),
        new("Microsoft.Extensions.Hosting.Abstractions", "10.0.10"),
        new("Microsoft.Extensions.Logging.Abstractions", "10.0.13"),
        new("Microsoft.Identity.Client", "4.84.2"),
        new("Microsoft.Identity.Client.Extensions.Msal", "4.84.2"),
        new("Microsoft.IdentityModel.Abstractions", "8.16.0"),
        new("Microsoft.IdentityModel.Tokens", "8.16.0"),
        new("MongoDB.Bson", "3.14.0"),
        new("Newtonsoft.Json", "13.0.3"),
        new("RESPite", "3.4.35"),
        new("ReactiveUI.Disposables", "9.0.0"),
        new("ReactiveUI.Primitives", "9.0.0"),
        new("ReactiveUI.Primitives.Core", "9.0.0"),
        new("SharpCompress", "0.48.1"),
        new("Snappier", "1.3.1"),
        new("System.ClientModel", "1.16.0"),
        new("System.Configuration.ConfigurationManager", "10.0.8"),
        new("System.Diagnostics.EventLog", "8.0.0"),
        new("System.IO.Hashing", "11.0.0"),
        new("System.IO.Pipelines", "10.0.13"),
        new("System.IdentityModel.Tokens.Jwt", "8.16.0"),
        new("System.Memory", "4.6.3"),
        new("System.Memory.Data", "10.0.10"),
        new("System.Net.ServerSentEvents", "10.0.14"),
        new("System.Numerics.Vectors", "4.5.0"),
        new("System.Runtime.CompilerServices.Unsafe", "6.0.0"),
        new("System.Security.Cryptography.ProtectedData", "10.0.8"),
        new("System.Text.Encodings.Web", "10.0.10"),
        new("System.Text.Json", "10.0.10"),
        new("ZstdSharp.Port", "0.7.3"),
        new("starkbank-ecdsa", "1.3.3"),
    };

    /// <summary>Assemblies the set must hold, one per package the tests compile against.</summary>
    internal static readonly ImmutableArray<string> ConnectionOwnerAssemblies = ImmutableArray.Create(
        "RestSharp.dll", "Flurl.Http.dll", "Refit.dll", "Octokit.dll", "SendGrid.dll", "Twilio.dll", "Grpc.Net.Client.dll",
        "Elastic.Clients.Elasticsearch.dll", "StackExchange.Redis.dll", "Microsoft.Azure.Cosmos.Client.dll",
        "Azure.Messaging.ServiceBus.dll", "Azure.Storage.Blobs.dll", "Azure.Core.dll", "AWSSDK.S3.dll", "AWSSDK.Core.dll",
        "Stripe.net.dll", "OpenAI.dll", "MongoDB.Driver.dll", "Nest.dll", "Elasticsearch.Net.dll");

    /// <summary>net8.0 with the HCG008 catalogue's packages at the versions of Directory.Packages.props.</summary>
    /// <remarks>Lazy: static initializers of the other part of this class (Net80) may run after this part's.</remarks>
    public static ReferenceAssemblies Net80WithConnectionOwners => s_net80WithConnectionOwners.Value;

    private static readonly Lazy<ReferenceAssemblies> s_net80WithConnectionOwners = new(
        () => ReferenceAssemblies.Net.Net80.AddPackages(ConnectionOwnerPackages()), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    private const string AspNetCoreConnectionOwnersSetName = "net8.0 + Microsoft.AspNetCore.App + connection-owner SDKs";

    /// <summary>
    /// The catalogue's packages with the ASP.NET Core shared framework, for the HCG008 fixes that inject a
    /// client into controllers and register it in the composition root: their output compiles against both.
    /// </summary>
    public static ReferenceAssemblies Net80WithAspNetCoreAndConnectionOwners => s_net80WithAspNetCoreAndConnectionOwners.Value;

    private static readonly Lazy<ReferenceAssemblies> s_net80WithAspNetCoreAndConnectionOwners = new(
        () => Net80WithConnectionOwners.AddPackages(s_aspNetCorePackages), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    private static Dictionary<string, string> PackageVersions() =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Where(element => element.Attribute("Include") is not null && element.Attribute("Version") is not null)
            .ToDictionary(element => (string)element.Attribute("Include")!, element => (string)element.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>Version of each catalogue package as the repository restores it.</summary>
    internal static ImmutableArray<PackageIdentity> ConnectionOwnerPackages()
    {
        var versions = PackageVersions();
        // The pinned versions first: the resolver gathers each package id once, at the first version it meets.
        var packages = new List<PackageIdentity>(s_pinnedTransitivePackages);
        foreach (var id in s_connectionOwnerPackageIds)
        {
            if (!versions.TryGetValue(id, out var version))
            {
                throw new InvalidOperationException($"Directory.Packages.props has no version for {id}, a package of the HCG008 catalogue.");
            }

            packages.Add(new PackageIdentity(id, version));
        }

        return packages.ToImmutableArray();
    }

    private static async Task CheckConnectionOwnerAssembliesAsync()
    {
        await CheckConnectionOwnerAssembliesAsync(ConnectionOwnersSetName, Net80WithConnectionOwners, ConnectionOwnerAssemblies).ConfigureAwait(false);

        // Its packages were installed with every other set's in ResolveAllAsync.
        await CheckConnectionOwnerAssembliesAsync(
            AspNetCoreConnectionOwnersSetName,
            Net80WithAspNetCoreAndConnectionOwners,
            ConnectionOwnerAssemblies.Add("Microsoft.AspNetCore.Mvc.Core.dll")).ConfigureAwait(false);
    }

    private static async Task CheckConnectionOwnerAssembliesAsync(string name, ReferenceAssemblies set, ImmutableArray<string> assemblies)
    {
        var references = await ResolveAsync(name, set).ConfigureAwait(false);
        var files = new HashSet<string>(
            references.OfType<PortableExecutableReference>().Select(reference => Path.GetFileName(reference.FilePath ?? string.Empty)),
            StringComparer.OrdinalIgnoreCase);
        var missing = assemblies.Where(assembly => !files.Contains(assembly)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The reference set '{name}' resolved without {string.Join(", ", missing)}: the test package cache '{PackageCache}' is incomplete; delete it and run again.");
        }
    }
}
