using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// A multi-targeting project as Roslyn sees it: one project per target framework, each holding the same
/// file (linked documents). The fix is computed in the first target, as the IDE and <c>dotnet format</c>
/// do, and the fixed text is then compiled for every target.
/// </summary>
internal static class LinkedDocumentFix
{
    public const string FilePath = "/0/Shared.cs";

    /// <summary>The fixes <typeparamref name="TFixer"/> offers for the first diagnostic of <typeparamref name="TAnalyzer"/> in the first target.</summary>
    public static Task<(Document Document, IReadOnlyList<CodeAction> Actions)> OffersAsync<TAnalyzer, TFixer>(string source, LanguageVersion language, params ReferenceAssemblies[] targets)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFixer : CodeFixProvider, new()
        => OffersAsync<TAnalyzer, TFixer>(source, targets.Select(target => (target, language)).ToArray());

    /// <summary>
    /// As above, each target with its own C# version: a project without LangVersion compiles its net8.0 target
    /// as C# 12 and its netstandard2.0 target as C# 7.3.
    /// </summary>
    public static async Task<(Document Document, IReadOnlyList<CodeAction> Actions)> OffersAsync<TAnalyzer, TFixer>(string source, params (ReferenceAssemblies Target, LanguageVersion Language)[] targetsAndLanguages)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFixer : CodeFixProvider, new()
    {
        var targets = targetsAndLanguages.Select(entry => entry.Target).ToArray();
        await ReferenceSets.EnsureResolvedAsync();
        var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        DocumentId? first = null;
        foreach (var (target, language) in targetsAndLanguages)
        {
            var references = await target.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var projectId = ProjectId.CreateNewId();
            solution = solution
                .AddProject(ProjectInfo.Create(
                    projectId,
                    VersionStamp.Default,
                    "Lib(" + target.TargetFramework + ")",
                    "Lib",
                    LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: new CSharpParseOptions(language),
                    metadataReferences: references));
            var documentId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(DocumentInfo.Create(documentId, "Shared.cs", loader: TextLoader.From(TextAndVersion.Create(Microsoft.CodeAnalysis.Text.SourceText.From(source), VersionStamp.Default)), filePath: FilePath));
            first ??= documentId;
        }

        var document = solution.GetDocument(first!)!;
        if (document.GetLinkedDocumentIds().Length != targets.Length - 1)
        {
            throw new InvalidOperationException("the documents are not linked");
        }

        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAnalyzerDiagnosticsAsync();
        var fixer = new TFixer();
        var diagnostic = diagnostics.First(d => fixer.FixableDiagnosticIds.Contains(d.Id));
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return (document, actions);
    }

    /// <summary>Applies <paramref name="action"/> and returns the fixed text.</summary>
    public static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }

    /// <summary>The compiler errors of <paramref name="source"/> under each target, as "target: error" lines.</summary>
    public static Task<IReadOnlyList<string>> ErrorsAsync(string source, LanguageVersion language, params ReferenceAssemblies[] targets)
        => ErrorsAsync(source, targets.Select(target => (target, language)).ToArray());

    /// <summary>The compiler errors of <paramref name="source"/> under each target and its own C# version.</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string source, params (ReferenceAssemblies Target, LanguageVersion Language)[] targetsAndLanguages)
    {
        var errors = new List<string>();
        foreach (var (target, language) in targetsAndLanguages)
        {
            var references = await target.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Lib",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            errors.AddRange(compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => target.TargetFramework + ": " + d));
        }

        return errors;
    }
}
