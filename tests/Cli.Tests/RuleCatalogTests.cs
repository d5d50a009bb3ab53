using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

public sealed class RuleCatalogTests
{
    [Fact]
    public void DefaultCatalog_ScansEveryRuleTheAnalyzersRelease()
    {
        var root = BundledSampleTests.RepositoryRoot();
        var released = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(root, "src", "Analyzers", file)))
            .Select(line => Regex.Match(line, @"^(HCG\d{3})\s*\|"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct()
            .Order()
            .ToList();

        Assert.NotEmpty(released);
        Assert.Equal(released, RuleCatalog.Default.Descriptors.Keys);
    }

    [Fact]
    public void FromAssemblies_FindsAnalyzersAndExportedFixers()
    {
        var catalog = TestOnlyRules.Catalog;

        Assert.Equal(new[] { "TST001", "TST002" }, catalog.Descriptors.Keys);
        Assert.True(catalog.IsFixable("TST001"));
        Assert.True(catalog.IsFixable("TST002"));
        Assert.Equal(new[] { nameof(LegacyFetchFixer) }, catalog.FixersFor("TST001").Select(fixer => fixer.GetType().Name));
    }

    [Fact]
    public void Only_UnknownRule_IsBadInputNamingTheKnownRules()
    {
        var error = Assert.Throws<UserInputException>(() => TestOnlyRules.Catalog.Only(new[] { "TST001", "NOPE1" }.ToHashSet()));

        Assert.Equal("unknown rule NOPE1; the scanner knows TST001, TST002", error.Message);
    }
}
