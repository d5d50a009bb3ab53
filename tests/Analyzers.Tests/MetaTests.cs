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

    /// <summary>
    /// The layout a newcomer relies on: each analyzer <c>XAnalyzer</c> in src/Analyzers/Rules has its tests in
    /// tests/Analyzers.Tests/Rules/X/, and its fixer, when there is one, is src/CodeFixes/Rules/XFixer.cs.
    /// </summary>
    [Fact]
    public void EveryAnalyzer_HasTestFolderAndFixerOfTheSameName()
    {
        var fixers = AnalyzerCatalog.FixerTypes.Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var analyzer in AnalyzerCatalog.All)
        {
            var name = analyzer.GetType().Name;
            Assert.EndsWith("Analyzer", name, StringComparison.Ordinal);
            var stem = name.Substring(0, name.Length - "Analyzer".Length);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Analyzers", "Rules", name + ".cs")), "src/Analyzers/Rules/" + name + ".cs");
            Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Root, "tests", "Analyzers.Tests", "Rules", stem)), "tests/Analyzers.Tests/Rules/" + stem + "/");
            var fixedIds = AnalyzerCatalog.FixerTypes
                .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
                .SelectMany(fixer => fixer.FixableDiagnosticIds)
                .ToHashSet(StringComparer.Ordinal);
            if (analyzer.SupportedDiagnostics.Any(d => fixedIds.Contains(d.Id)))
            {
                Assert.Contains(stem + "Fixer", fixers);
            }
        }
    }

    /// <summary>
    /// <c>dotnet test --filter Rule=HCG001</c> runs one rule's tests: every test class under Rules/ carries a
    /// <c>Rule</c> trait naming the ids it covers, its name starts with them, and every id has such a class.
    /// </summary>
    [Fact]
    public void EveryRuleTestClass_IsFilterableByRuleId()
    {
        var classes = typeof(MetaTests).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith(typeof(MetaTests).Namespace + ".Rules.", StringComparison.Ordinal) == true && type.IsPublic)
            .ToList();
        Assert.NotEmpty(classes);
        var covered = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var type in classes)
        {
            var traits = type.CustomAttributes
                .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Rule")
                .Select(a => (string)a.ConstructorArguments[1].Value!)
                .ToList();
            Assert.True(traits.Count > 0, type.Name + " has no [Trait(\"Rule\", ...)]");
            Assert.StartsWith(string.Concat(traits), type.Name, StringComparison.Ordinal);
            covered.UnionWith(traits);
        }

        foreach (var id in AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id))
        {
            Assert.Contains(id, covered);
        }
    }
}
