using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Issue 18: decisions that depend on other files (where an owner is created or registered, its holders,
/// a visible factory's callers) are reached in the analysis of the open document alone, the way an editor
/// runs analyzers (<see cref="CompilationWithAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(SyntaxTree, System.Threading.CancellationToken)"/>
/// and <see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, System.Threading.CancellationToken)"/>
/// for that file only), and follow edits of the other files. Every other analyzer test also compares
/// document-scoped and whole-compilation results (see <c>DocumentScopedAnalysis</c>); these open one
/// file of several and edit another.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001DocumentScopedTests
{
    private const string Fetcher = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Fetcher
        {
            private readonly HttpClient _client = new HttpClient();

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """;

    private const string PerCallWorker = """
        using System.Threading.Tasks;

        public class Worker
        {
            public Task<string> RunAsync(string url) => new Fetcher().GetAsync(url);
        }
        """;

    private const string SingletonWorker = """
        using System.Threading.Tasks;

        public class Worker
        {
            private static readonly Fetcher s_fetcher = new Fetcher();

            public Task<string> RunAsync(string url) => s_fetcher.GetAsync(url);
        }
        """;

    [Fact]
    public async Task OwnerCreatedPerCallInAnotherFile_ReportedInTheOwnersDocument()
    {
        var compilation = await CompileAsync(Fetcher, PerCallWorker);

        var diagnostics = await DocumentScopedAsync(compilation, "Fetcher.cs");

        Assert.Equal(
            new[] { "HCG001 (6,43): 'HttpClient' is created per instance of 'Fetcher', which is created each time 'Worker.RunAsync' runs" },
            diagnostics);
        Assert.Equal(diagnostics, await WholeCompilationAsync(compilation, "Fetcher.cs"));
    }

    [Fact]
    public async Task EditInAnotherFile_ChangesTheOpenDocumentsVerdict()
    {
        var perCall = await CompileAsync(Fetcher, PerCallWorker);
        var fetcherTree = perCall.SyntaxTrees.Single(tree => tree.FilePath == "Fetcher.cs");
        var workerTree = perCall.SyntaxTrees.Single(tree => tree.FilePath == "Worker.cs");
        Assert.Single(await DocumentScopedAsync(perCall, "Fetcher.cs"));

        // The worker now keeps one Fetcher for the process: the unchanged Fetcher.cs tree is reused, its verdict is not.
        var singleton = perCall.ReplaceSyntaxTree(workerTree, workerTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(SingletonWorker)));
        Assert.Same(fetcherTree, singleton.SyntaxTrees.Single(tree => tree.FilePath == "Fetcher.cs"));
        Assert.Empty(await DocumentScopedAsync(singleton, "Fetcher.cs"));

        // And back.
        var again = singleton.ReplaceSyntaxTree(singleton.SyntaxTrees.Single(tree => tree.FilePath == "Worker.cs"), CSharpSyntaxTree.ParseText(PerCallWorker, path: "Worker.cs"));
        Assert.Single(await DocumentScopedAsync(again, "Fetcher.cs"));
    }

    [Fact]
    public async Task TransientRegistrationInAnotherFile_ReportedInTheServicesDocument()
    {
        var compilation = await CompileAsync(
            """
            using System.Net.Http;

            public class WeatherService
            {
                private readonly HttpClient _client;

                public WeatherService() => _client = new HttpClient();
            }
            """,
            """
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services) => services.AddTransient<WeatherService>();
            }
            """);

        var diagnostics = await DocumentScopedAsync(compilation, "WeatherService.cs");

        Assert.Equal(
            new[] { "HCG001 (7,42): 'HttpClient' is created per instance of 'WeatherService', which is registered as transient in 'Startup.ConfigureServices'" },
            diagnostics);
        Assert.Equal(diagnostics, await WholeCompilationAsync(compilation, "WeatherService.cs"));
    }

    [Fact]
    public async Task HoldersAcrossThreeFiles_ReportedInTheOwnersDocument()
    {
        var compilation = await CompileAsync(
            """
            using System.Net.Http;

            public class Api
            {
                private readonly HttpClient _http = new HttpClient();
            }
            """,
            """
            public class Service
            {
                private readonly Api _api = new Api();
            }
            """,
            """
            public class Job
            {
                public void Execute()
                {
                    var service = new Service();
                }
            }
            """);

        var diagnostics = await DocumentScopedAsync(compilation, "Api.cs");

        Assert.Equal(
            new[] { "HCG001 (5,41): 'HttpClient' is created per instance of 'Api', which is created per instance of 'Service', which is created each time 'Job.Execute' runs" },
            diagnostics);
        Assert.Equal(diagnostics, await WholeCompilationAsync(compilation, "Api.cs"));
    }

    [Fact]
    public async Task PublicFactoryCalledPerCallInAnotherFile_ReportedInTheFactorysDocument_QuietWhenCalledOnce()
    {
        const string clients = """
            using System.Net.Http;

            public static class Clients
            {
                public static HttpClient Create() => new HttpClient();
            }
            """;
        var perCall = await CompileAsync(clients, """
            public class Reporter
            {
                public void Send()
                {
                    using var client = Clients.Create();
                }
            }
            """);
        var once = await CompileAsync(clients, """
            public class Reporter
            {
                private static readonly System.Net.Http.HttpClient s_client = Clients.Create();
            }
            """);

        var diagnostics = await DocumentScopedAsync(perCall, "Clients.cs");

        Assert.Equal(
            new[] { "HCG001 (5,42): 'HttpClient' is created each time 'Reporter.Send' runs (returned by 'Create')" },
            diagnostics);
        Assert.Equal(diagnostics, await WholeCompilationAsync(perCall, "Clients.cs"));
        Assert.Empty(await DocumentScopedAsync(once, "Clients.cs"));
    }

    /// <summary>Files named after the first type each declares.</summary>
    private static async Task<Compilation> CompileAsync(params string[] sources)
    {
        await ReferenceSets.EnsureResolvedAsync();
        var references = await ReferenceSets.Net80WithHttpClientFactory.ResolveAsync(LanguageNames.CSharp, default);
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: FileName(source)));
        var compilation = CSharpCompilation.Create("Editor", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;

        static string FileName(string source)
        {
            var words = source.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            return words[Array.IndexOf(words, "class") + 1] + ".cs";
        }
    }

    private static async Task<string[]> DocumentScopedAsync(Compilation compilation, string path)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var editor = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PerCallCreationAnalyzer()));
        var syntax = await editor.GetAnalyzerSyntaxDiagnosticsAsync(tree, default);
        var semantic = await editor.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, default);
        return Describe(syntax.AddRange(semantic));
    }

    private static async Task<string[]> WholeCompilationAsync(Compilation compilation, string path)
    {
        var all = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PerCallCreationAnalyzer())).GetAnalyzerDiagnosticsAsync();
        return Describe(all.Where(d => d.Location.SourceTree?.FilePath == path));
    }

    private static string[] Describe(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d =>
            {
                var message = d.GetMessage(CultureInfo.InvariantCulture);
                var start = d.Location.GetLineSpan().StartLinePosition;
                return $"{d.Id} ({start.Line + 1},{start.Character + 1}): {message.Substring(0, message.IndexOf(": each instance", StringComparison.Ordinal))}";
            })
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToArray();
}
