using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.EndToEnd.Tests.Infrastructure;
using HttpClientGuard.Runtime.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.EndToEnd.Tests;

/// <summary>
/// The packed "Move HttpClient to a static readonly field" fix keeps a per-call client's cookies to
/// itself: the fixed code is compiled, loaded and called by two callers against a real Kestrel server
/// that sets a cookie for the first; the second must not send it.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class HoistedClientCookieTests(PackedPackage package)
{
    private const string PerCallSource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Profile
        {
            public static async Task<string> GetAsync(string url)
            {
                using (var client = new HttpClient())
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """;

    // What a hoist that ignored cookies would write: the control that shows the server leaks through a shared handler.
    private const string SharedCookiesSource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Profile
        {
            private static readonly HttpClient s_client = new HttpClient();

            public static Task<string> GetAsync(string url) => s_client.GetStringAsync(url);
        }
        """;

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp7_3);

    [Fact]
    public async Task HoistedClient_TwoCallers_DoNotSeeEachOthersCookies()
    {
        var fixedSource = await HoistAsync(PerCallSource);
        Assert.Contains("static readonly HttpClient", fixedSource, StringComparison.Ordinal);
        Assert.Contains("UseCookies = false", fixedSource, StringComparison.Ordinal);

        await using var server = await LoopbackServer.StartAsync();
        var get = Load(fixedSource);

        Assert.Equal("set", await get(new Uri(server.BaseAddress, "set-cookie").ToString()));
        Assert.Equal(string.Empty, await get(new Uri(server.BaseAddress, "cookie").ToString()));
    }

    [Fact]
    public async Task Control_StaticClientOverDefaultHandler_SecondCallerSeesFirstCallersCookie()
    {
        await using var server = await LoopbackServer.StartAsync();
        var get = Load(SharedCookiesSource);

        Assert.Equal("set", await get(new Uri(server.BaseAddress, "set-cookie").ToString()));
        Assert.Equal("session=secret-session", await get(new Uri(server.BaseAddress, "cookie").ToString()));
    }

    private async Task<string> HoistAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp, compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary), parseOptions: s_parseOptions, metadataReferences: PlatformReferences()))
            .AddDocument(documentId, "Profile.cs", source);
        var document = solution.GetDocument(documentId)!;
        var analyzers = package.LoadAnalyzers(new IsolatedAnalyzerLoader(), out var loadFailures);
        Assert.Empty(loadFailures);
        var diagnostics = await (await document.Project.GetCompilationAsync())!.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "HCG001");

        var actions = new List<CodeAction>();
        await LoadPackedCodeFix("HCG001").RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var hoist = Assert.Single(actions, action => action.EquivalenceKey == "HCG001.MoveToStaticField");
        var operations = await hoist.GetOperationsAsync(CancellationToken.None);
        var fixedDocument = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(documentId)!;
        return (await fixedDocument.GetTextAsync()).ToString();
    }

    private static Func<string, Task<string>> Load(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Profile" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, s_parseOptions)],
            PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var assembly = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
        var method = assembly.GetType("Profile")!.GetMethod("GetAsync", BindingFlags.Public | BindingFlags.Static)!;
        return url => (Task<string>)method.Invoke(null, [url])!;
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

    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => MetadataReference.CreateFromFile(path));
}
