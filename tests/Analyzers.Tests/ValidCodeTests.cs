using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests;

/// <summary>
/// The compiled valid-code sample must produce zero diagnostics from every analyzer in the package:
/// the guard against false positives in CI builds that treat warnings as errors.
/// </summary>
public class ValidCodeTests
{
    [Fact]
    public async Task CorrectHttpPatterns_ProduceNoDiagnostics()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Analyzers.Tests", "ValidCode", "CorrectHttpPatterns.cs");
        await ReferenceSets.EnsureResolvedAsync();
        var references = await TestOptions.ReferencesForValidCode().ResolveAsync(LanguageNames.CSharp, default);
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path);
        var compilation = CSharpCompilation.Create(
            "ValidCode",
            new[] { tree },
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Empty(compilerErrors);

        var analyzers = AnalyzerCatalog.All;
        Assert.NotEmpty(analyzers);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();
        var reported = diagnostics.Where(d => d.Id.StartsWith("HCG", StringComparison.Ordinal) || d.Id == "AD0001").Select(d => d.ToString()).ToList();
        Assert.Empty(reported);
    }
}
