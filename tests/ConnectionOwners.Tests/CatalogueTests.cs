using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <summary>
/// Keeps <c>docs/rules/HCG008-catalogue.tsv</c> true to the packages and the measurements: every name in it resolves in
/// the package version this project restored, every measured row cites tests of this project, and every measurement is
/// cited by a row.
/// </summary>
public sealed partial class CatalogueTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var row in Catalogue.Rows)
        {
            data.Add(row.Key);
        }

        return data;
    }

    [Fact]
    public void Catalogue_HasTheDocumentedColumnsAndUniqueRows()
    {
        Assert.Equal(Catalogue.Columns, Catalogue.Header());
        Assert.Equal(Catalogue.Rows.Count, Catalogue.Rows.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public void Catalogue_MeetsTheIssueGoal()
    {
        var reported = Catalogue.Rows.Where(r => r.Verdict is "reported" or "reported-vendor-guidance").Select(r => r.Type).Distinct().Count();
        var quiet = Catalogue.Rows.Where(r => r.Verdict == "quiet-measured").Select(r => r.Type).Distinct().Count();
        Assert.True(reported >= 8, $"{reported} reported types");
        Assert.True(quiet >= 3, $"{quiet} measured-quiet types");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Row_VersionIsTheOneThisProjectRestored(string key)
    {
        var row = Catalogue.Row(key);
        Assert.True(Catalogue.RestoredPackages.TryGetValue(row.Package, out var restored), row.Package + " is not restored by this project");
        Assert.Equal(restored.Version, row.VersionsTested);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Row_TypeAndCreationExistInThePackage(string key)
    {
        var row = Catalogue.Row(key);
        var type = Catalogue.FindType(row.Type);
        Assert.True(type is not null, row.Type + " not found");
        Assert.Equal(row.Package, PackageOf(type!));
        Assert.NotEmpty(CreationMembers(type!, row.Creation));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Row_ShapesNameRealParametersAndProperties(string key)
    {
        var row = Catalogue.Row(key);
        var members = CreationMembers(Catalogue.FindType(row.Type)!, row.Creation);
        foreach (var shape in row.QuietWhen.Concat(row.ReportedWhen))
        {
            var match = ShapePattern().Match(shape);
            Assert.True(match.Success, "unknown shape: " + shape);
            var target = match.Groups["target"].Value;
            switch (match.Groups["kind"].Value)
            {
                case "param":
                    Assert.Contains(members, m => m.GetParameters().Any(p => p.ParameterType.FullName == target));
                    break;
                case "arg":
                    Assert.Contains(members, m => m.GetParameters().Any(p => p.Name == target && IsLiteralOf(p.ParameterType, match.Groups["value"].Value)));
                    break;
                case "property":
                    var dot = target.LastIndexOf('.');
                    var owner = Catalogue.FindType(target[..dot]);
                    Assert.True(owner is not null, target[..dot] + " not found");
                    var property = owner!.GetProperty(target[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance);
                    Assert.True(property?.SetMethod?.IsPublic == true, shape + ": no public settable property");
                    if (match.Groups["notType"].Success)
                    {
                        var excluded = Catalogue.FindType(match.Groups["notType"].Value);
                        Assert.True(excluded is not null && property!.PropertyType.IsAssignableFrom(excluded), shape);
                    }

                    if (match.Groups["value"].Success)
                    {
                        Assert.True(IsLiteralOf(property!.PropertyType, match.Groups["value"].Value), shape);
                    }

                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Row_VerdictAndFiguresMatchItsEvidence(string key)
    {
        var row = Catalogue.Row(key);
        Assert.Contains(row.Verdict, Catalogue.Verdicts);
        Assert.NotEmpty(row.Evidence);
        Assert.All(row.Evidence, evidence => Assert.True(evidence.StartsWith("https://", StringComparison.Ordinal) || TestMethod(evidence) is not null, evidence));
        var tests = row.Evidence.Where(e => !e.StartsWith("https://", StringComparison.Ordinal)).ToList();
        switch (row.Verdict)
        {
            case "reported":
            case "quiet-measured":
                Assert.NotEmpty(tests);
                Assert.Matches(FigurePattern(), row.PerCall);
                Assert.Matches(row.Verdict == "reported" ? "^$|" + FigurePattern() : "^$", row.Shared);
                break;
            case "reported-vendor-guidance":
                Assert.Empty(tests);
                Assert.Equal(string.Empty, row.PerCall);
                break;
            case "quiet-shared-by-driver":
                Assert.NotEmpty(tests);
                Assert.Contains(row.Evidence, e => e.StartsWith("https://", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public void EveryMeasurement_IsCitedByTheCatalogue()
    {
        var cited = Catalogue.Rows.SelectMany(r => r.Evidence).ToHashSet(StringComparer.Ordinal);
        var measurements = typeof(CatalogueTests).Assembly.GetTypes()
            .Where(t => t != typeof(CatalogueTests) && t.Namespace == typeof(CatalogueTests).Namespace)
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).Select(m => t.Name + "." + m.Name))
            .ToList();
        Assert.NotEmpty(measurements);
        var uncited = measurements.Where(m => !cited.Contains(m)).ToList();
        Assert.True(uncited.Count == 0, "not in the catalogue: " + string.Join(", ", uncited));
    }

    [GeneratedRegex(@"^(?<kind>param|arg|property):(?<target>[\w.`]+?)(?:=(?<value>[\w.]+)|!(?<notType>[\w.`]+))?$")]
    private static partial Regex ShapePattern();

    private static string FigurePattern() => @"^\d+ -> \d+$";

    private static IReadOnlyList<MethodBase> CreationMembers(Type type, string creation)
    {
        var colon = creation.IndexOf(':', StringComparison.Ordinal);
        var (kind, name) = colon < 0 ? (creation, string.Empty) : (creation[..colon], creation[(colon + 1)..]);
        return kind switch
        {
            "ctor" => type.GetConstructors(),
            "static-method" => type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name).ToArray(),
            "instance-method" => type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToArray(),
            _ => throw new InvalidOperationException("unknown creation: " + creation),
        };
    }

    private static string? PackageOf(Type type) =>
        Catalogue.RestoredPackages.FirstOrDefault(p => p.Value.Assemblies.Contains(type.Assembly.GetName().Name + ".dll", StringComparer.OrdinalIgnoreCase)).Key;

    private static bool IsLiteralOf(Type type, string literal) =>
        type == typeof(bool) ? literal is "true" or "false" : type.IsPrimitive && double.TryParse(literal, out _);

    private static MethodInfo? TestMethod(string evidence)
    {
        var dot = evidence.IndexOf('.', StringComparison.Ordinal);
        var method = dot < 0 ? null : typeof(CatalogueTests).Assembly
            .GetType(typeof(CatalogueTests).Namespace + "." + evidence[..dot])?
            .GetMethod(evidence[(dot + 1)..]);
        return method?.GetCustomAttribute<FactAttribute>() is null ? null : method;
    }
}
