using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Loading;

/// <summary>One target framework of one group of files, with what folder mode compiles it with.</summary>
/// <param name="Reason">Why these files are in folder mode when a project was asked for; null for a folder scan.</param>
/// <param name="SettingsFailure">Why MSBuild could not evaluate the project file, when its XML was read instead.</param>
/// <param name="Packages">The project's packages found in the local NuGet cache (folder mode does not restore).</param>
public sealed record FolderTarget(SourceGroup Group, TargetSettings Settings, ReferenceSet References, string? Reason, string? SettingsFailure = null, RestoredPackageSet? Packages = null);

/// <summary>
/// Folder mode: each group of .cs files becomes one project per target framework of its project file,
/// compiled with that target's symbols, language version, nullable context and global usings, against that
/// framework's reference assemblies, so code that cannot be restored (or has no project file) is still
/// scanned as each build of it would compile.
/// </summary>
public static class FolderLoader
{
    private static readonly Encoding s_utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Adds one project per target to <paramref name="workspace"/>.</summary>
    /// <param name="unreadable">Files that could not be read are added here and left out.</param>
    public static async Task<IReadOnlyList<ScanProject>> LoadAsync(
        AdhocWorkspace workspace,
        IReadOnlyList<FolderTarget> targets,
        ConcurrentBag<string> unreadable,
        CancellationToken cancellationToken)
    {
        var texts = await ReadAllAsync(targets.SelectMany(target => target.Group.Files).Distinct(StringComparer.Ordinal), unreadable, cancellationToken).ConfigureAwait(false);
        var solution = workspace.CurrentSolution;
        var projectIds = new List<(ProjectId Id, FolderTarget Target)>();
        var targetsPerGroup = targets.GroupBy(target => target.Group).ToDictionary(group => group.Key, group => group.Count());
        foreach (var target in targets)
        {
            var group = target.Group;
            var name = targetsPerGroup[group] > 1 && target.Settings.Framework is { } framework ? $"{group.Name}({framework.Moniker})" : group.Name;
            var projectId = ProjectId.CreateNewId(name);
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

            if (target.Settings.GlobalUsings.Length > 0)
            {
                // No file path: it is not user code, so it is neither counted nor reported.
                var text = SourceText.From(string.Concat(target.Settings.GlobalUsings.Select(line => line + "\n")), Encoding.UTF8);
                documents.Add(DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, "global usings"),
                    "GlobalUsings.g.cs",
                    loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Default))));
            }

            var projectFilePath = group.ProjectFile ?? Path.Combine(group.Directory, group.Name + ".csproj");
            solution = solution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name,
                name,
                LanguageNames.CSharp,
                filePath: projectFilePath,
                compilationOptions: CompilationOptions(OutputKind.DynamicallyLinkedLibrary, target.Settings),
                parseOptions: target.Settings.ParseOptions,
                documents: documents,
                metadataReferences: target.Packages is { References.IsEmpty: false } packages ? target.References.References.AddRange(packages.References) : target.References.References));
            projectIds.Add((projectId, target));
        }

        // Top-level statements only bind as they do in the real build inside an executable.
        foreach (var (projectId, target) in projectIds)
        {
            if (await HasTopLevelStatementsAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false))
            {
                solution = solution.WithProjectCompilationOptions(projectId, CompilationOptions(OutputKind.ConsoleApplication, target.Settings));
            }
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("the folder workspace rejected its projects");
        }

        return projectIds
            .Select(entry => new ScanProject(workspace.CurrentSolution.GetProject(entry.Id)!, LoadMode.Folder, Describe(entry.Target))
            {
                FixLanguageVersion = entry.Target.Settings.Source == SettingsSource.Defaults ? TargetSettings.ConservativeFixLanguageVersion : null,
            })
            .ToList();
    }

    private static TargetInfo Describe(FolderTarget target)
    {
        var settings = target.Settings.Describe();
        if (target.SettingsFailure is not null)
        {
            settings += $" (MSBuild: {target.SettingsFailure})";
        }

        var references = target.References.Description + (target.References.IsExact ? string.Empty : $", the nearest available to {target.Settings.Framework?.Moniker ?? "an unknown framework"}");
        if (target.Packages?.Describe() is { Length: > 0 } packages)
        {
            references += "; " + packages;
        }

        var projectName = target.Group.ProjectFile is { } file ? Path.GetFileName(file) : target.Group.Name + " (no project file)";
        return new TargetInfo(projectName, target.Group.ProjectFile, target.Settings.Framework?.Moniker, settings, references, target.Reason);
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

    private static CSharpCompilationOptions CompilationOptions(OutputKind kind, TargetSettings settings) => new(
        kind,
        nullableContextOptions: settings.Nullable,
        allowUnsafe: true,
        concurrentBuild: true);
}
