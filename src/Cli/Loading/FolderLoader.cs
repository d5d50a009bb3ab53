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
public sealed record FolderTarget(SourceGroup Group, TargetSettings Settings, ReferenceSet References, string? Reason, string? SettingsFailure = null, RestoredPackageSet? Packages = null)
{
    /// <summary>A project the scanned ones reference, compiled only so that they bind: its files are neither analysed nor counted.</summary>
    public bool ReferenceOnly { get; init; }

    /// <summary>Files of other groups the project compiles too (<see cref="LinkedSources"/>).</summary>
    public IReadOnlyList<string> LinkedFiles { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Folder mode: each group of .cs files becomes one project per target framework of its project file,
/// compiled with that target's symbols, language version, nullable context and global usings, against that
/// framework's reference assemblies, so code that cannot be restored (or has no project file) is still
/// scanned as each build of it would compile.
/// </summary>
public static class FolderLoader
{
    /// <summary>
    /// What a real build passes the analyzers through the package's <c>CompilerVisibleProperty</c> items, as global config
    /// lines: the target framework (<c>build_property.TargetFramework = net9.0-android</c>: HCG007 has nothing to say where
    /// the default handler is the platform's native one) and, for a Blazor WebAssembly project,
    /// <c>UsingMicrosoftNETSdkBlazorWebAssembly</c> (HCG001, HCG002, HCG007 and HCG008 have nothing to say where HTTP runs on
    /// the browser's fetch). Empty when there is nothing to say.
    /// </summary>
    internal static string BuildProperties(TargetSettings settings)
    {
        var lines = new StringBuilder();
        if (settings.Framework is { Moniker.Length: > 0 } framework)
        {
            lines.Append("build_property.TargetFramework = ").Append(framework.Moniker).Append('\n');
        }

        if (settings.IsBlazorWebAssembly)
        {
            lines.Append("build_property.UsingMicrosoftNETSdkBlazorWebAssembly = true\n");
        }

        return lines.ToString();
    }

    private static readonly Encoding s_utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Adds one project per target to <paramref name="workspace"/>.</summary>
    /// <param name="unreadable">Files that could not be read are added here and left out.</param>
    public static async Task<IReadOnlyList<ScanProject>> LoadAsync(
        AdhocWorkspace workspace,
        IReadOnlyList<FolderTarget> targets,
        ConcurrentBag<string> unreadable,
        CancellationToken cancellationToken,
        FolderProjectReferences? projectReferences = null)
    {
        projectReferences ??= FolderProjectReferences.None;
        var texts = await ReadAllAsync(targets.Where(target => !target.ReferenceOnly).SelectMany(target => target.Group.Files.Concat(target.LinkedFiles)).Distinct(StringComparer.Ordinal), unreadable, cancellationToken).ConfigureAwait(false);
        // A referenced project's unreadable files make it less complete; they do not make the scan incomplete.
        var referencedTexts = await ReadAllAsync(
            targets.Where(target => target.ReferenceOnly).SelectMany(target => target.Group.Files).Distinct(StringComparer.Ordinal).Where(file => !texts.ContainsKey(file)),
            new ConcurrentBag<string>(),
            cancellationToken).ConfigureAwait(false);
        foreach (var (file, text) in referencedTexts)
        {
            texts[file] = text;
        }

        var solution = workspace.CurrentSolution;
        var projectIds = new List<(ProjectId Id, FolderTarget Target)>();
        var targetsPerGroup = targets.GroupBy(target => target.Group).ToDictionary(group => group.Key, group => group.Count());
        foreach (var target in targets)
        {
            var group = target.Group;
            var name = targetsPerGroup[group] > 1 && target.Settings.Framework is { } framework
                ? $"{group.Name}({framework.Moniker}{(target.Settings.CompilesUnityEditor ? ", Unity editor" : string.Empty)})"
                : group.Name;
            if (target.ReferenceOnly)
            {
                name += " (referenced)";
            }

            var projectId = ProjectId.CreateNewId(name);
            var documents = CompiledFiles(target)
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
            var analyzerConfigs = new List<DocumentInfo>();
            var buildProperties = BuildProperties(target.Settings);
            if (buildProperties.Length > 0)
            {
                var config = SourceText.From("is_global = true\n" + buildProperties, Encoding.UTF8);
                var configPath = Path.Combine(group.Directory, "hcg-folder-mode.globalconfig");
                analyzerConfigs.Add(DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId, "build properties"),
                    "hcg-folder-mode.globalconfig",
                    loader: TextLoader.From(TextAndVersion.Create(config, VersionStamp.Default, configPath)),
                    filePath: configPath));
            }

            solution = solution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                name,
                name,
                LanguageNames.CSharp,
                filePath: projectFilePath,
                compilationOptions: CompilationOptions(target.Settings.OutputKind, target.Settings),
                parseOptions: target.Settings.ParseOptions,
                documents: documents,
                metadataReferences: target.Packages is { References.IsEmpty: false } packages ? target.References.References.AddRange(packages.References) : target.References.References)
                .WithAnalyzerConfigDocuments(analyzerConfigs));
            projectIds.Add((projectId, target));
        }

        var idOf = new Dictionary<FolderTarget, ProjectId>(ReferenceEqualityComparer.Instance);
        foreach (var (projectId, target) in projectIds)
        {
            idOf[target] = projectId;
        }

        foreach (var (projectId, target) in projectIds)
        {
            var referenced = projectReferences.Closure(target).Where(idOf.ContainsKey).Select(reference => new ProjectReference(idOf[reference])).ToList();
            if (referenced.Count > 0)
            {
                solution = solution.AddProjectReferences(projectId, referenced);
            }
        }

        // Top-level statements only bind as they do in the real build inside an executable.
        foreach (var (projectId, target) in projectIds)
        {
            if (target.Settings.OutputKind == OutputKind.DynamicallyLinkedLibrary &&
                await HasTopLevelStatementsAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false))
            {
                solution = solution.WithProjectCompilationOptions(projectId, CompilationOptions(OutputKind.ConsoleApplication, target.Settings));
            }
        }

        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("the folder workspace rejected its projects");
        }

        return projectIds
            .Where(entry => !entry.Target.ReferenceOnly)
            .Select(entry => new ScanProject(workspace.CurrentSolution.GetProject(entry.Id)!, LoadMode.Folder, Describe(entry.Target, projectReferences))
            {
                FixLanguageVersion = entry.Target.Settings.Source == SettingsSource.Defaults ? TargetSettings.ConservativeFixLanguageVersion : null,
            })
            .ToList();
    }

    /// <summary>
    /// The files of the group this target compiles: those among its Compile items when MSBuild listed them (a
    /// <c>Compile Remove</c> for this framework, a platform folder compiled only for some targets), else all of them.
    /// </summary>
    private static IEnumerable<string> CompiledFiles(FolderTarget target) => OwnCompiledFiles(target).Concat(target.LinkedFiles);

    private static IEnumerable<string> OwnCompiledFiles(FolderTarget target)
    {
        var files = target.Group.Files;
        if (target.Settings.CompileItems is not { Count: > 0 } items)
        {
            return files;
        }

        var compiled = files.Where(items.Contains).ToList();
        // None at all means the paths do not compare (a link in the path), not that the build compiles nothing.
        return compiled.Count > 0 ? compiled : files;
    }

    private static TargetInfo Describe(FolderTarget target, FolderProjectReferences projectReferences)
    {
        var settings = target.Settings.Describe();
        var leftOut = target.Group.Files.Count - OwnCompiledFiles(target).Count();
        if (leftOut > 0)
        {
            settings += $", {leftOut} of the folder's files not compiled for this target (Compile Remove)";
        }

        if (target.LinkedFiles.Count > 0)
        {
            settings += $", {target.LinkedFiles.Count} file(s) from outside the project folder (Compile Include)";
        }

        if (target.SettingsFailure is not null)
        {
            settings += $" (MSBuild: {target.SettingsFailure})";
        }

        var references = target.References.Description + (target.References.IsExact ? string.Empty : $", the nearest available to {target.Settings.Framework?.Moniker ?? "an unknown framework"}");
        if (target.Packages?.Describe() is { Length: > 0 } packages)
        {
            references += "; " + packages;
        }

        if (DescribeProjectReferences(target, projectReferences) is { Length: > 0 } projects)
        {
            references += "; " + projects;
        }

        var projectName = target.Group.ProjectFile is { } file ? Path.GetFileName(file) : target.Group.Name + " (no project file)";
        return new TargetInfo(projectName, target.Group.ProjectFile, target.Settings.Framework?.Moniker, settings, references, target.Reason);
    }

    /// <summary>"2 referenced project(s) compiled from source (Core net8.0, Shared netstandard2.0); not loaded: Gone.csproj".</summary>
    private static string DescribeProjectReferences(FolderTarget target, FolderProjectReferences projectReferences)
    {
        const int Listed = 6;
        var parts = new List<string>();
        var closure = projectReferences.Closure(target);
        if (closure.Count > 0)
        {
            var names = closure.Take(Listed).Select(reference => $"{reference.Group.Name} {reference.Settings.Framework?.Moniker ?? "(unknown framework)"}");
            var more = closure.Count > Listed ? $", {closure.Count - Listed} more" : string.Empty;
            parts.Add($"{closure.Count} referenced project(s) compiled from source ({string.Join(", ", names)}{more})");
        }

        // Missing anywhere below: a type of a project's missing reference does not bind in what uses that project either.
        var notLoaded = closure.Prepend(target).SelectMany(projectReferences.NotLoaded).Distinct(StringComparer.Ordinal).ToList();
        if (notLoaded.Count > 0)
        {
            parts.Add($"referenced project(s) not loaded (missing, no C# files, or over {FolderProjectReferences.MaxReferencedProjects}): {string.Join(", ", notLoaded)}");
        }

        return string.Join("; ", parts);
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
