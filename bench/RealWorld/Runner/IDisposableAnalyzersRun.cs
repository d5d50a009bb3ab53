using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// IDisposableAnalyzers 4.0.8, loaded from its package, run over the same folder-mode compilations as
/// <c>hcg scan</c>. Its diagnostics are mapped onto the set's families:
/// IDISP014 ("use a single instance of HttpClient") is construction; IDISP001 ("dispose created") and
/// IDISP004 ("don't ignore created IDisposable") are disposal when the value is an
/// <c>HttpResponseMessage</c> (or a task of one) or a <c>Stream</c> read from a response's content
/// (<c>ReadAsStream[Async]</c>, <c>GetStreamAsync</c>); on any other type they are outside the set.
/// </summary>
internal sealed class IDisposableAnalyzersRun
{
    private static readonly ImmutableHashSet<string> s_mappedIds = ImmutableHashSet.Create("IDISP001", "IDISP004", "IDISP014");

    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly List<string> _timedOut = new();

    /// <summary>How long one file may take IDisposableAnalyzers before the run goes on without its findings.</summary>
    public static TimeSpan PerFileLimit { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long one scanned folder may take IDisposableAnalyzers, loading and compiling included.</summary>
    public static TimeSpan PerFolderLimit { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Files (repository/path) or folders IDisposableAnalyzers did not finish within its limits.</summary>
    public IReadOnlyList<string> TimedOut
    {
        get
        {
            lock (_timedOut)
            {
                return _timedOut.ToArray();
            }
        }
    }

    public void NoteTimedOut(string what)
    {
        lock (_timedOut)
        {
            _timedOut.Add(what);
        }
    }

    private IDisposableAnalyzersRun(ImmutableArray<DiagnosticAnalyzer> analyzers, string version)
    {
        _analyzers = analyzers;
        Version = version;
    }

    public string Version { get; }

    public static IDisposableAnalyzersRun Load()
    {
        var package = typeof(IDisposableAnalyzersRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "IDisposableAnalyzersPackage")?.Value
            ?? throw new InvalidOperationException("the IDisposableAnalyzers package path was not recorded at build time");
        var path = Path.Combine(package, "analyzers", "dotnet", "cs", "IDisposableAnalyzers.dll");
        var assembly = Assembly.LoadFrom(path);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            // Its code fixes need Workspaces types this host may not have; they are not analyzers anyway.
            types = exception.Types.Where(type => type is not null).ToArray()!;
        }

        var analyzers = types
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false } &&
                           typeof(DiagnosticAnalyzer).IsAssignableFrom(type) &&
                           type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .Where(analyzer => analyzer.SupportedDiagnostics.Any(descriptor => s_mappedIds.Contains(descriptor.Id)))
            .ToImmutableArray();
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(path).ProductVersion?.Split('+')[0] ?? "?";
        return new IDisposableAnalyzersRun(analyzers, version);
    }

    public async Task<IReadOnlyList<ToolFinding>> ScanAsync(string repoName, string repoRoot, string folder, CancellationToken cancellationToken)
    {
        var findings = new List<ToolFinding>();
        foreach (var project in await FolderCompilations.LoadAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            var found = new List<ToolFinding>();
            try
            {
                await ScanProjectAsync(project, found).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The compiler's nullable analysis throws on some folder-mode code (as hcg scan meets it): again without it,
                // as hcg scan does, so both tools see the same code.
                Console.Error.WriteLine($"IDisposableAnalyzers: the C# compiler threw {ex.GetType().Name} on {project.Name}; analysed again with nullable analysis off");
                found.Clear();
                await ScanProjectAsync(WithoutNullableAnalysis(project), found).ConfigureAwait(false);
            }

            findings.AddRange(found);
        }

        return findings;

        async Task ScanProjectAsync(Project project, List<ToolFinding> findings)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null || compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is null)
            {
                return;
            }

            var analysis = compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            foreach (var tree in compilation.SyntaxTrees)
            {
                // Only files that mention HTTP can hold a site of the set; the rest would cost time for nothing.
                if (string.IsNullOrEmpty(tree.FilePath) || !tree.GetText(cancellationToken).ToString().Contains("Http", StringComparison.Ordinal))
                {
                    continue;
                }

                var model = compilation.GetSemanticModel(tree);
                ImmutableArray<Diagnostic> diagnostics;
                using (var perFile = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    // One file must not hold the whole run: a file IDisposableAnalyzers has not finished within the limit is
                    // reported on stderr and in the report, its findings missing (counted against that tool, never ours).
                    perFile.CancelAfter(PerFileLimit);
                    try
                    {
                        diagnostics = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, perFile.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        var skipped = Path.GetRelativePath(repoRoot, tree.FilePath).Replace('\\', '/');
                        Console.Error.WriteLine($"IDisposableAnalyzers: {repoName}/{skipped} not analysed within {PerFileLimit.TotalSeconds:0} s; its findings are missing");
                        lock (_timedOut)
                        {
                            _timedOut.Add($"{repoName}/{skipped}");
                        }

                        continue;
                    }
                }

                if (Environment.GetEnvironmentVariable("HCG_REALWORLD_DEBUG") is { Length: > 0 })
                {
                    foreach (var diagnostic in diagnostics)
                    {
                        Console.Error.WriteLine($"  [debug] {diagnostic.Id} {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                    }
                }

                foreach (var diagnostic in diagnostics.Where(d => s_mappedIds.Contains(d.Id)))
                {
                    if (Map(diagnostic, model, cancellationToken) is not { } family)
                    {
                        continue;
                    }

                    var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
                    var path = Path.GetRelativePath(repoRoot, tree.FilePath).Replace('\\', '/');
                    findings.Add(new ToolFinding("IDisposableAnalyzers", repoName, diagnostic.Id, family, path, GitLines.Of(tree.FilePath, line), false,
                        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    private static Project WithoutNullableAnalysis(Project project) =>
        project.ParseOptions is Microsoft.CodeAnalysis.CSharp.CSharpParseOptions parseOptions
            ? project.WithParseOptions(parseOptions.WithFeatures(parseOptions.Features
                .Where(feature => feature.Key != "run-nullable-analysis")
                .Append(new KeyValuePair<string, string>("run-nullable-analysis", "never"))))
            : project;

    private static Family? Map(Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (diagnostic.Id == "IDISP014")
        {
            return Family.Construction;
        }

        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        ITypeSymbol? type;
        SyntaxNode valueNode;
        switch (node)
        {
            case VariableDeclaratorSyntax declarator:
                type = (model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol)?.Type
                       ?? (model.GetDeclaredSymbol(declarator, cancellationToken) as IFieldSymbol)?.Type;
                valueNode = (SyntaxNode?)declarator.Initializer?.Value ?? declarator;
                break;
            case ArgumentSyntax argument:
                type = model.GetTypeInfo(argument.Expression, cancellationToken).Type;
                valueNode = argument.Expression;
                break;
            case SingleVariableDesignationSyntax designation:
                type = (model.GetDeclaredSymbol(designation, cancellationToken) as ILocalSymbol)?.Type;
                valueNode = designation.Parent ?? designation;
                break;
            default:
                type = model.GetTypeInfo(node, cancellationToken).Type;
                valueNode = node;
                break;
        }

        type = Awaited(type);
        if (type is null)
        {
            return null;
        }

        if (DerivesFrom(type, "System.Net.Http.HttpResponseMessage"))
        {
            return Family.Disposal;
        }

        if (DerivesFrom(type, "System.IO.Stream"))
        {
            var text = valueNode.ToString();
            if (text.Contains("ReadAsStream", StringComparison.Ordinal) || text.Contains("GetStreamAsync", StringComparison.Ordinal))
            {
                return Family.Disposal;
            }
        }

        return null;
    }

    private static ITypeSymbol? Awaited(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
            named.ConstructedFrom.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>"
                or "System.Runtime.CompilerServices.ConfiguredTaskAwaitable<TResult>")
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    private static bool DerivesFrom(ITypeSymbol type, string fullName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }
}
