using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.EndToEnd.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.EndToEnd.Tests;

/// <summary>
/// The packed analyzers in the compiler of the .NET 8 SDK (Roslyn 4.8, VS 17.8): this test project's
/// Roslyn is 4.8.0, so whatever loads and runs here loads and runs there. SDK 10 is covered by the
/// consumer scenario, which builds with the installed SDK.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class Roslyn48LoadTests(PackedPackage package)
{
    private static readonly Version s_roslyn48 = new(4, 8, 0, 0);
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp12);
    private static readonly CSharpCompilationOptions s_compilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private const string LeakySource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Downloader
        {
            public static async Task<string> GetAsync(string url)
            {
                using var client = new HttpClient();
                return await client.GetStringAsync(url);
            }
        }
        """;

    private const string SharedClientSource = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Downloader
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public static Task<string> GetAsync(string url) => s_client.GetStringAsync(url);
        }
        """;

    [Fact]
    public void PackedAssemblies_TargetNetStandard20_AndReferenceRoslynNoNewerThan48()
    {
        Assert.Equal(["HttpClientGuard.Analyzers.dll", "HttpClientGuard.CodeFixes.dll"], package.AnalyzerAssemblies.Select(Path.GetFileName));
        foreach (var path in package.AnalyzerAssemblies)
        {
            var references = ReadAssemblyReferences(path);
            var roslyn = references.Where(reference => reference.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, reference => Assert.True(reference.Version <= s_roslyn48, $"{Path.GetFileName(path)} references {reference.Name} {reference.Version}"));
            // netstandard2.0: Visual Studio loads analyzers on .NET Framework.
            Assert.Contains(references, reference => reference.Name == "netstandard" && reference.Version == new Version(2, 0, 0, 0));
        }
    }

    [Fact]
    public async Task PackedAnalyzers_InRoslyn48Compilation_ReportPerCallClient()
    {
        Assert.Equal(s_roslyn48, typeof(CSharpCompilation).Assembly.GetName().Version);

        var diagnostics = await AnalyzeAsync(LeakySource);

        var hcg001 = Assert.Single(diagnostics, diagnostic => diagnostic.Id == "HCG001");
        Assert.Equal("new HttpClient()", hcg001.Location.SourceTree!.GetText().ToString(hcg001.Location.SourceSpan));
        Assert.Equal(DiagnosticSeverity.Warning, hcg001.Severity);
    }

    [Fact]
    public async Task PackedAnalyzers_InRoslyn48Compilation_SharedClientWithConnectionLifetime_NoDiagnostic()
    {
        var diagnostics = await AnalyzeAsync(SharedClientSource);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id.StartsWith("HCG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PackedCodeFix_UnderRoslyn48Workspaces_MovesClientToStaticField()
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp, compilationOptions: s_compilationOptions, parseOptions: s_parseOptions, metadataReferences: PlatformReferences()))
            .AddDocument(documentId, "Downloader.cs", LeakySource);
        var document = solution.GetDocument(documentId)!;
        var diagnostic = Assert.Single(await AnalyzeAsync((await document.Project.GetCompilationAsync())!), d => d.Id == "HCG001");

        var actions = new List<CodeAction>();
        await LoadPackedCodeFix("HCG001").RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        // Without the runtime referenced, the HttpClientPool fix is not offered; the static field is.
        var moveToField = Assert.Single(actions);
        Assert.Equal("HCG001.MoveToStaticField", moveToField.EquivalenceKey);
        var operations = await moveToField.GetOperationsAsync(CancellationToken.None);
        var fixedProject = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(projectId)!;
        var fixedCompilation = (await fixedProject.GetCompilationAsync())!;

        Assert.Empty(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.DoesNotContain(await AnalyzeAsync(fixedCompilation), d => d.Id.StartsWith("HCG", StringComparison.Ordinal));
        var fixedText = (await fixedProject.GetDocument(documentId)!.GetTextAsync()).ToString();
        Assert.Contains("static readonly HttpClient", fixedText, StringComparison.Ordinal);
    }

    private CodeFixProvider LoadPackedCodeFix(string diagnosticId)
    {
        var loader = new IsolatedAnalyzerLoader();
        foreach (var path in package.AnalyzerAssemblies)
        {
            loader.AddDependencyLocation(path);
        }

        var codeFixes = loader.LoadFromPath(package.AnalyzerAssemblies.Single(path => path.EndsWith("HttpClientGuard.CodeFixes.dll", StringComparison.Ordinal)));
        return codeFixes.GetExportedTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .Single(provider => provider.FixableDiagnosticIds.Contains(diagnosticId));
    }

    private Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText(source, s_parseOptions)], PlatformReferences(), s_compilationOptions);
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        return AnalyzeAsync(compilation);
    }

    private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var analyzers = package.LoadAnalyzers(new IsolatedAnalyzerLoader(), out var loadFailures);
        Assert.Empty(loadFailures);
        Assert.NotEmpty(analyzers);

        var analyzerExceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => analyzerExceptions.Enqueue(analyzer + ": " + exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(analyzerExceptions);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>The running framework's assemblies: enough to compile code that uses HttpClient.</summary>
    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => MetadataReference.CreateFromFile(path));

    private static List<(string Name, Version Version)> ReadAssemblyReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
