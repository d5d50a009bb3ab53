using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Entry points for rule tests. Sources use <c>{|HCG001:...|}</c> markup; expected diagnostics are
/// never written as line/column numbers. Each call runs the whole <see cref="TestOptions"/> matrix
/// and reports which configuration failed.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task DiagnosticsAsync(string source, TestOptions? options = null) =>
        DiagnosticsAsync(new[] { source }, options);

    public static async Task DiagnosticsAsync(string[] sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        foreach (var (language, references, name) in options.Cases())
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            Configure(test, options, language, references);
            var documentScoped = new DocumentScopedAnalysis();
            documentScoped.CaptureFrom(test);
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
            }

            await RunAsync(test.RunAsync, name);
            await documentScoped.VerifySameAsWholeCompilationAsync(new TAnalyzer(), name);
        }
    }

    /// <summary>
    /// Verifies the exact messages: location <c>{|#i:...|}</c> gets <paramref name="messages"/>[i].
    /// </summary>
    public static Task DiagnosticsWithMessagesAsync(string id, string source, params string[] messages) =>
        DiagnosticsWithMessagesAsync(id, source, TestOptions.Default, messages);

    /// <summary>For analyzers with a single descriptor: the id is implied.</summary>
    public static Task DiagnosticsWithMessagesAsync(string source, TestOptions options, params string[] messages) =>
        DiagnosticsWithMessagesAsync(new TAnalyzer().SupportedDiagnostics[0].Id, source, options, messages);

    public static async Task DiagnosticsWithMessagesAsync(string id, string source, TestOptions options, params string[] messages)
    {
        foreach (var (language, references, name) in options.Cases())
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
            Configure(test, options, language, references);
            var documentScoped = new DocumentScopedAnalysis();
            documentScoped.CaptureFrom(test);
            test.TestState.Sources.Add(("/0/Test0.cs", source));
            for (var i = 0; i < messages.Length; i++)
            {
                // Like markup, messages do not state additional locations (the fix tests cover those).
                var severity = new TAnalyzer().SupportedDiagnostics.First(d => d.Id == id).DefaultSeverity;
                test.ExpectedDiagnostics.Add(new DiagnosticResult(id, severity).WithLocation(i).WithMessage(messages[i]).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
            }

            await RunAsync(test.RunAsync, name);
            await documentScoped.VerifySameAsWholeCompilationAsync(new TAnalyzer(), name);
        }
    }

    /// <summary>Runs against net8.0 with System.Net.Http removed from the references: the rules must register nothing.</summary>
    public static async Task DiagnosticsWithoutHttpAsync(string source)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = ReferenceSets.Net80 };
        test.TestState.Sources.Add(("/0/Test0.cs", source));
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            foreach (var reference in project.MetadataReferences)
            {
                if (reference is PortableExecutableReference { FilePath: { } path } && path.EndsWith("System.Net.Http.dll", StringComparison.OrdinalIgnoreCase))
                {
                    project = project.RemoveMetadataReference(reference);
                }
            }

            return project.Solution;
        });
        await RunAsync(test.RunAsync, "net8.0 without System.Net.Http");
    }

    /// <summary>Verifies that <paramref name="source"/> is fixed into <paramref name="fixedSource"/>.</summary>
    public static Task FixAsync<TFixer>(string source, string fixedSource, TestOptions? options = null, string? equivalenceKey = null, int? codeActionIndex = null)
        where TFixer : CodeFixProvider, new() =>
        FixAsync<TFixer>(new[] { source }, new[] { fixedSource }, options, equivalenceKey, codeActionIndex);

    /// <summary>
    /// Verifies a fix over several documents: the single-diagnostic fix, and Fix All in document,
    /// project and solution scope, must all produce <paramref name="fixedSources"/>, and the fixed
    /// code must compile with no remaining diagnostics of the analyzer unless marked. With
    /// <paramref name="codeActionIndex"/>, the fix with <paramref name="equivalenceKey"/> must also be
    /// offered at that place in the list (0: first, the one <c>dotnet format</c> applies).
    /// </summary>
    public static async Task FixAsync<TFixer>(string[] sources, string[] fixedSources, TestOptions? options = null, string? equivalenceKey = null, int? codeActionIndex = null)
        where TFixer : CodeFixProvider, new()
    {
        options ??= TestOptions.Default;
        foreach (var (language, references, name) in options.Cases())
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
            {
                CodeActionEquivalenceKey = equivalenceKey,
                CodeActionIndex = codeActionIndex,
            };
            Configure(test, options, language, references);
            for (var i = 0; i < sources.Length; i++)
            {
                test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
            }

            for (var i = 0; i < fixedSources.Length; i++)
            {
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
            }

            await RunAsync(test.RunAsync, name);
        }
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, TestOptions options, LanguageVersion language, ReferenceAssemblies references)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = references;

        // Should an analyzer ever declare one id twice, markup means the first descriptor.
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;

        if (options.IsExecutable)
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
        }

        if (options.IgnoreCompilerDiagnostics)
        {
            test.CompilerDiagnostics = CompilerDiagnostics.None;
        }

        if (options.GlobalConfig is { } globalConfig)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        if (options.EditorConfig is { } editorConfig)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n" + editorConfig));
        }

        if (options.LibrarySource is { } library)
        {
            test.TestState.AdditionalProjects["Library"].Sources.Add(("/Library/Library.cs", library));
            test.TestState.AdditionalProjectReferences.Add("Library");
        }

        if (options.WithRuntime)
        {
            test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(RuntimeAssemblyPath(references)));
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(language)
                .WithPreprocessorSymbols(project.ParseOptions!.PreprocessorSymbolNames.Concat(options.PreprocessorSymbols));
            return solution.WithProjectParseOptions(projectId, parseOptions);
        });
    }

    /// <summary>The runtime build matching the reference set: net8.0, or the netstandard2.0 copy the test project makes.</summary>
    private static string RuntimeAssemblyPath(ReferenceAssemblies references)
    {
        var net80 = typeof(HttpClientGuard.HttpClientPool).Assembly.Location;
        if (references.TargetFramework.StartsWith("netstandard", StringComparison.Ordinal))
        {
            var netStandard = System.IO.Path.Combine(AppContext.BaseDirectory, "runtime-netstandard2.0", "HttpClientGuard.dll");
            if (!System.IO.File.Exists(netStandard))
            {
                throw new InvalidOperationException("The netstandard2.0 runtime build was not copied to " + netStandard);
            }

            return netStandard;
        }

        return net80;
    }

    private static async Task RunAsync(Func<CancellationToken, Task> run, string configuration)
    {
        await ReferenceSets.EnsureResolvedAsync();
        try
        {
            await run(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"[{configuration}] {ex.Message}");
        }
    }
}
