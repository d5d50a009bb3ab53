using System;
using System.IO;
using System.Linq;
using System.Reflection;
using HttpClientGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpClientGuard.Analyzers.Tests;

/// <summary>Consistency of what the package ships: ids, help links, docs pages, release tracking, fixers.</summary>
public class MetaTests
{
    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void Catalog_FindsTheKnownRules()
    {
        var ids = AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Contains(RuleIds.PerCallClient, ids);
        Assert.Contains(RuleIds.PerCallHandler, ids);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasDocsPageAndMatchingHelpLink(string id)
    {
        foreach (var descriptor in AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id))
        {
            Assert.Equal(RuleDescriptors.HelpLink(id), descriptor.HelpLinkUri);
            Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        }

        var page = Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "missing " + page);
        Assert.StartsWith("# " + id, File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_IsTrackedInReleaseFiles(string id)
    {
        var analyzers = Path.Combine(RepositoryPaths.Root, "src", "Analyzers");
        var tracked = File.ReadAllText(Path.Combine(analyzers, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(analyzers, "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " |", tracked, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleIds_AreUniqueAcrossDescriptorsOfDifferentAnalyzers()
    {
        var owners = AnalyzerCatalog.All
            .SelectMany(a => a.SupportedDiagnostics.Select(d => (d.Id, Analyzer: a.GetType().Name)))
            .GroupBy(x => x.Id)
            .Where(g => g.Select(x => x.Analyzer).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(owners);
    }

    [Fact]
    public void EveryFixer_IsExportedWithANameAndFixesKnownIds()
    {
        var known = AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        foreach (var type in AnalyzerCatalog.FixerTypes)
        {
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.True(export is not null, type.Name + " has no [ExportCodeFixProvider]");
            Assert.False(string.IsNullOrEmpty(export!.Name), type.Name + " has no Name");
            Assert.True(type.GetCustomAttributes().Any(a => a.GetType().Name == "SharedAttribute"), type.Name + " is not [Shared]");

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, known));
        }
    }
}
