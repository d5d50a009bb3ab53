using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.EndToEnd.Tests.Infrastructure;

namespace HttpClientGuard.EndToEnd.Tests;

/// <summary>What the .nupkg holds and declares: the contract with NuGet, the SDK and the IDEs.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackage package)
{
    [Fact]
    public void Nupkg_HoldsAnalyzersRuntimeWithDocsBuildPropsAndReadme_AndNothingElse()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var payload = archive.Entries
            .Select(entry => entry.FullName)
            .Where(name => !IsPackagingPart(name))
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] expected =
        [
            "README.md",
            "analyzers/dotnet/cs/HttpClientGuard.Analyzers.dll",
            "analyzers/dotnet/cs/HttpClientGuard.CodeFixes.dll",
            "build/HttpClientGuard.props",
            "buildTransitive/HttpClientGuard.props",
            "lib/net8.0/HttpClientGuard.dll",
            "lib/net8.0/HttpClientGuard.xml",
            "lib/netstandard2.0/HttpClientGuard.dll",
            "lib/netstandard2.0/HttpClientGuard.xml",
        ];
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void Nuspec_DeclaresVersionMitLicenseReadmeAndNetStandardDependency_NotDevelopmentDependency()
    {
        var metadata = ReadNuspecMetadata();
        XNamespace ns = metadata.Name.Namespace;

        Assert.Equal("HttpClientGuard", metadata.Element(ns + "id")?.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")?.Value);
        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        // A development dependency would keep lib/ (HttpClientPool) out of the user's application.
        Assert.NotEqual("true", metadata.Element(ns + "developmentDependency")?.Value);

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(
                group => group.Attribute("targetFramework")!.Value,
                group => group.Elements(ns + "dependency").Select(dependency => dependency.Attribute("id")!.Value + " " + dependency.Attribute("version")!.Value).ToArray());
        Assert.Equal(["System.Diagnostics.DiagnosticSource 8.0.1"], groups[".NETStandard2.0"]);
        Assert.Empty(groups["net8.0"]);
        Assert.Equal(2, groups.Count);
    }

    [Fact]
    public void PackedAnalyzers_DeclareExactlyTheReleaseTrackedRules()
    {
        var tracked = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(Path.Combine(RepositoryPaths.Root, "src", "Analyzers", file)))
            .Select(line => Regex.Match(line, @"^(HCG\d{3})\s*\|"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet();

        Assert.Contains("HCG001", tracked);
        Assert.Equal(tracked.Order(StringComparer.Ordinal), package.SupportedDiagnosticIds.Where(id => id.StartsWith("HCG", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("netstandard2.0", ".NETStandard,Version=v2.0")]
    [InlineData("net8.0", ".NETCoreApp,Version=v8.0")]
    public void RuntimeLibrary_IsHttpClientGuardForItsFramework_WithXmlDocs(string folder, string targetFramework)
    {
        var libDirectory = Path.Combine(package.ExtractedDirectory, "lib", folder);
        using (var stream = File.OpenRead(Path.Combine(libDirectory, "HttpClientGuard.dll")))
        using (var pe = new PEReader(stream))
        {
            var reader = pe.GetMetadataReader();
            Assert.Equal("HttpClientGuard", reader.GetString(reader.GetAssemblyDefinition().Name));
            Assert.Contains(reader.TypeDefinitions, handle =>
            {
                var type = reader.GetTypeDefinition(handle);
                return reader.GetString(type.Namespace) == "HttpClientGuard" && reader.GetString(type.Name) == "HttpClientPool";
            });
            Assert.Equal(targetFramework, ReadTargetFramework(reader));
        }

        var docs = XDocument.Load(Path.Combine(libDirectory, "HttpClientGuard.xml"));
        Assert.Equal("HttpClientGuard", docs.Root?.Element("assembly")?.Element("name")?.Value);
        Assert.Contains(docs.Descendants("member"), member => member.Attribute("name")?.Value == "T:HttpClientGuard.HttpClientPool");
    }

    private XElement ReadNuspecMetadata()
    {
        var nuspec = XDocument.Load(Path.Combine(package.ExtractedDirectory, "HttpClientGuard.nuspec"));
        return nuspec.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    private static bool IsPackagingPart(string name) =>
        name is "[Content_Types].xml" or "HttpClientGuard.nuspec" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/services/", StringComparison.Ordinal);

    private static string? ReadTargetFramework(MetadataReader reader)
    {
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (reader.GetString(type.Name) == "TargetFrameworkAttribute")
            {
                var value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // prolog
                return value.ReadSerializedString();
            }
        }

        return null;
    }
}
