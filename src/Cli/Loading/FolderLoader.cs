using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// Folder mode: each group of .cs files becomes a project compiled against the installed framework
/// reference packs, so code that cannot be restored (or has no project file) can still be scanned.
/// </summary>
public static class FolderLoader
{
    // What Microsoft.NET.Sdk and Microsoft.NET.Sdk.Web add as global usings when ImplicitUsings is on.
    private static readonly string[] s_sdkImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    private static readonly string[] s_webSdkImplicitUsings =
    {
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    };

    private static readonly Encoding s_utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly CSharpParseOptions s_parseOptions = new(
        LanguageVersion.Latest,
        DocumentationMode.None,
        preprocessorSymbols: PreprocessorSymbols());

    /// <summary>Adds one project per group to <paramref name="workspace"/>.</summary>
    /// <param name="unreadable">Files that could not be read are added here and left out.</param>
    public static async Task<IReadOnlyList<ScanProject>> LoadAsync(
        AdhocWorkspace workspace,
        IReadOnlyList<SourceGroup> groups,
        ConcurrentBag<string> unreadable,
        CancellationToken cancellationToken)
    {
        var texts = await ReadAllAsync(groups.SelectMany(group => group.Files), unreadable, cancellationToken).ConfigureAwait(false);
        var solution = workspace.CurrentSolution;
        var projectIds = new List<(ProjectId Id, SourceGroup Group)>();
        foreach (var group in groups)
        {
            var projectId = ProjectId.CreateNewId(group.Name);
            var documents = group.Files
                .Where(texts.ContainsKey)
                .Select(file => DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, file),
                    Path.GetFileName(file),
                    loader: TextLoader.From(TextAndVersion.Create(texts[file], VersionStamp.Default, file)),
                    filePath: file))
                .ToList();
            if (documents.Count == 0)
            {
                continue;
            }

            if (ImplicitUsings(group) is { } usings)
            {
                // No file path: it is not user code, so it is neither counted nor reported.
                var text = SourceText.From(string.Concat(usings.Select(ns => $"global using global::{ns};\n")), Encoding.UTF8);
                documents.Add(DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, "implicit usings"),
                    "ImplicitUsings.g.cs",
                    loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Default))));
            }

            var projectFilePath = group.ProjectFile ?? Path.Combine(group.Directory, group.Name + ".csproj");
            solution = solution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                group.Name,
                group.Name,
                LanguageNames.CSharp,
                filePath: projectFilePath,
                compilationOptions: CompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: s_parseOptions,
                documents: documents,
                metadataReferences: ReferencePacks.References));
            projectIds.Add((projectId, group));
        }

        // Top-level statements only bind as they do in the real build inside an executable.
        foreach (var (projectId, _) in projectIds)
        {
            if (await HasTopLevelStatementsAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false))
            {
                solution = solution.WithProjectCompilationOptions(projectId, CompilationOptions(OutputKind.ConsoleApplication));
            }
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("the folder workspace rejected its projects");
        }

        return projectIds
            .Select(entry => new ScanProject(workspace.CurrentSolution.GetProject(entry.Id)!, LoadMode.Folder))
            .ToList();
    }

    public static AdhocWorkspace CreateWorkspace() => new(MefHostServices.DefaultHost);

    private static async Task<Dictionary<string, SourceText>> ReadAllAsync(
        IEnumerable<string> files,
        ConcurrentBag<string> unreadable,
        CancellationToken cancellationToken)
    {
        var texts = new ConcurrentDictionary<string, SourceText>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(files, cancellationToken, async (file, token) =>
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
                var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token).ConfigureAwait(false);
                buffer.Position = 0;
                // Without a byte order mark, keep none: --fix must not add one to files that had none.
                texts[file] = SourceText.From(buffer, s_utf8WithoutBom, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                unreadable.Add(file);
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, SourceText>(texts, StringComparer.Ordinal);
    }

    private static IEnumerable<string>? ImplicitUsings(SourceGroup group)
    {
        if (group.ProjectFile is null)
        {
            // Loose files are most often from an SDK-style project that was not checked in whole.
            return s_sdkImplicitUsings;
        }

        try
        {
            var project = XDocument.Load(group.ProjectFile).Root;
            var enabled = project?.Descendants().Any(e => e.Name.LocalName == "ImplicitUsings" && e.Value.Trim() is "enable" or "true") == true;
            if (!enabled)
            {
                return null;
            }

            var isWeb = (string?)project!.Attribute("Sdk") is { } sdk && sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
            return isWeb ? s_sdkImplicitUsings.Concat(s_webSdkImplicitUsings) : s_sdkImplicitUsings;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return s_sdkImplicitUsings;
        }
    }

    private static async Task<bool> HasTopLevelStatementsAsync(Project project, CancellationToken cancellationToken)
    {
        foreach (var document in project.Documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is CompilationUnitSyntax unit && unit.Members.Any(member => member is GlobalStatementSyntax))
            {
                return true;
            }
        }

        return false;
    }

    private static CSharpCompilationOptions CompilationOptions(OutputKind kind) => new(
        kind,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        concurrentBuild: true);

    private static string[] PreprocessorSymbols()
    {
        var symbols = new List<string> { "TRACE", "RELEASE", "NET", "NETCOREAPP", "NET10_0" };
        symbols.AddRange(new[] { "1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1" }.Select(v => $"NETCOREAPP{v}_OR_GREATER"));
        symbols.AddRange(Enumerable.Range(5, 6).Select(major => $"NET{major}_0_OR_GREATER"));
        return symbols.ToArray();
    }
}
