using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Cli.Analysis;

/// <summary>
/// The analyzers and code fixes the scanner runs, found by reflection so that a rule added to the
/// analyzer or code-fix assembly is scanned and fixed without touching the scanner.
/// </summary>
public sealed class RuleCatalog
{
    private readonly ImmutableDictionary<string, ImmutableArray<CodeFixProvider>> _fixersById;

    private RuleCatalog(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers)
    {
        Analyzers = analyzers;
        Fixers = fixers;
        Descriptors = analyzers
            .SelectMany(analyzer => analyzer.SupportedDiagnostics)
            .GroupBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        _fixersById = fixers
            .SelectMany(fixer => fixer.FixableDiagnosticIds.Select(id => (id, fixer)))
            .GroupBy(pair => pair.id, StringComparer.Ordinal)
            .ToImmutableDictionary(group => group.Key, group => group.Select(pair => pair.fixer).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>The HttpClientGuard analyzers and code fixes shipped with the scanner.</summary>
    public static RuleCatalog Default { get; } = FromAssemblies(
        Assembly.Load("HttpClientGuard.Analyzers"),
        Assembly.Load("HttpClientGuard.CodeFixes"));

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableArray<CodeFixProvider> Fixers { get; }

    /// <summary>Every rule the analyzers report, by id, in id order.</summary>
    public ImmutableSortedDictionary<string, DiagnosticDescriptor> Descriptors { get; }

    /// <summary>Every concrete C# analyzer and exported C# code fix provider in the given assemblies.</summary>
    public static RuleCatalog FromAssemblies(params Assembly[] assemblies)
    {
        var types = assemblies.SelectMany(LoadableTypes).Where(IsConcrete).ToList();
        var analyzers = types
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        var fixers = types
            .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type)
                && type.GetCustomAttributes<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        return new RuleCatalog(analyzers, fixers);
    }

    public bool IsFixable(string ruleId) => _fixersById.ContainsKey(ruleId);

    public ImmutableArray<CodeFixProvider> FixersFor(string ruleId)
        => _fixersById.TryGetValue(ruleId, out var fixers) ? fixers : ImmutableArray<CodeFixProvider>.Empty;

    /// <summary>The catalog restricted to the given rule ids (all rules when empty).</summary>
    public RuleCatalog Only(IReadOnlySet<string> ruleIds)
    {
        if (ruleIds.Count == 0)
        {
            return this;
        }

        var unknown = ruleIds.Where(id => !Descriptors.ContainsKey(id.ToUpperInvariant())).OrderBy(id => id, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UserInputException(
                $"unknown rule {string.Join(", ", unknown)}; the scanner knows {string.Join(", ", Descriptors.Keys)}");
        }

        var wanted = ruleIds.Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return new RuleCatalog(
            Analyzers.Where(analyzer => analyzer.SupportedDiagnostics.Any(d => wanted.Contains(d.Id))).ToImmutableArray(),
            Fixers.Where(fixer => fixer.FixableDiagnosticIds.Any(wanted.Contains)).ToImmutableArray())
        {
            RuleFilter = wanted,
        };
    }

    /// <summary>When set, diagnostics outside it are dropped (an analyzer may report several rules).</summary>
    public IReadOnlySet<string>? RuleFilter { get; private init; }

    public bool Reports(string ruleId)
        => Descriptors.ContainsKey(ruleId) && (RuleFilter is null || RuleFilter.Contains(ruleId));

    private static bool IsConcrete(Type type)
        => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && type.GetConstructor(Type.EmptyTypes) is not null;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(type => type is not null)!;
        }
    }
}
