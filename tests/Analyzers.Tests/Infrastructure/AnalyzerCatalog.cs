using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using HttpClientGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>Every analyzer and code fix the package ships, found by reflection so new rules are covered automatically.</summary>
internal static class AnalyzerCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(PerCallCreationAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<Type> FixerTypes { get; } = LoadFixerTypes();

    private static ImmutableArray<Type> LoadFixerTypes()
    {
        var assembly = Assembly.Load("HttpClientGuard.CodeFixes");
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
