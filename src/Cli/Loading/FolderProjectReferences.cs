using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// The projects each folder-mode target references (<c>ProjectReference</c>), compiled from their sources beside it,
/// as the build compiles against their output: without them a type, a method or an extension method of a sibling
/// project does not bind (a service returning an <c>HttpClient</c>, a helper taking a response), and rules that decide
/// by type miss the code that uses them. A referenced project outside the scanned folder is compiled for reference
/// only: its files are neither analysed nor counted. Each reference is the referenced project's target framework the
/// build would pick (the nearest compatible one); references are transitive, as in SDK-style builds.
/// </summary>
public sealed class FolderProjectReferences
{
    /// <summary>Referenced projects loaded at most per scan, so that a folder in a huge solution stays affordable.</summary>
    public const int MaxReferencedProjects = 64;

    private readonly Dictionary<FolderTarget, List<FolderTarget>> _direct = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FolderTarget, List<string>> _notLoaded = new(ReferenceEqualityComparer.Instance);

    private FolderProjectReferences()
    {
    }

    /// <summary>No project references at all (loose files, or nothing resolved).</summary>
    public static FolderProjectReferences None { get; } = new();

    /// <summary>Every target <paramref name="target"/> compiles against: its references and theirs, each once, nearest first.</summary>
    public IReadOnlyList<FolderTarget> Closure(FolderTarget target)
    {
        var seen = new HashSet<FolderTarget>(ReferenceEqualityComparer.Instance) { target };
        var order = new List<FolderTarget>();
        var queue = new Queue<FolderTarget>(Direct(target));
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next))
            {
                continue;
            }

            order.Add(next);
            foreach (var further in Direct(next))
            {
                queue.Enqueue(further);
            }
        }

        return order;
    }

    /// <summary>Referenced project files that could not be compiled from source (missing, or no C# files), for the report.</summary>
    public IReadOnlyList<string> NotLoaded(FolderTarget target)
        => _notLoaded.TryGetValue(target, out var files) ? files : Array.Empty<string>();

    private IReadOnlyList<FolderTarget> Direct(FolderTarget target)
        => _direct.TryGetValue(target, out var targets) ? targets : Array.Empty<FolderTarget>();

    /// <summary>
    /// Follows the project references of <paramref name="scanned"/> (and of what they reference), creating a
    /// reference-only target for each referenced project that is not scanned itself.
    /// </summary>
    /// <param name="evaluate">The project file's settings per target framework (MSBuild evaluation, else its XML).</param>
    /// <param name="createTarget">Builds the target of a referenced project's group for one of its frameworks.</param>
    /// <returns>The reference-only targets to load, and the graph.</returns>
    public static async Task<(IReadOnlyList<FolderTarget> Added, FolderProjectReferences Graph)> ResolveAsync(
        IReadOnlyList<FolderTarget> scanned,
        Func<string, ProjectEvaluation> evaluate,
        Func<SourceGroup, TargetSettings, string?, Task<FolderTarget>> createTarget)
    {
        var graph = new FolderProjectReferences();
        var added = new List<FolderTarget>();
        if (!scanned.Any(target => !target.Settings.ProjectReferences.IsEmpty))
        {
            return (added, graph);
        }

        var targetsByProject = scanned
            .Where(target => target.Group.ProjectFile is not null)
            .GroupBy(target => Path.GetFullPath(target.Group.ProjectFile!), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<FolderTarget>)group.ToList(), StringComparer.Ordinal);
        var evaluations = new Dictionary<string, (SourceGroup? Group, ProjectEvaluation? Evaluation)>(StringComparer.Ordinal);
        var created = new Dictionary<(string File, string? Moniker), FolderTarget>();
        var queue = new Queue<FolderTarget>(scanned);
        while (queue.Count > 0)
        {
            var target = queue.Dequeue();
            var own = target.Group.ProjectFile is { } ownFile ? Path.GetFullPath(ownFile) : null;
            foreach (var file in target.Settings.ProjectReferences.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                if (string.Equals(file, own, StringComparison.Ordinal))
                {
                    continue;
                }

                FolderTarget? referenced;
                if (targetsByProject.TryGetValue(file, out var scannedTargets))
                {
                    referenced = Nearest(target.Settings.Framework, scannedTargets, entry => entry.Settings.Framework);
                }
                else
                {
                    if (!evaluations.TryGetValue(file, out var loaded))
                    {
                        loaded = evaluations.Count < MaxReferencedProjects ? Load(file, evaluate) : (null, null);
                        evaluations[file] = loaded;
                    }

                    if (loaded is not ({ } group, { } evaluation) || evaluation.Targets.Count == 0)
                    {
                        graph.NoteNotLoaded(target, file);
                        continue;
                    }

                    var settings = Nearest(target.Settings.Framework, evaluation.Targets, entry => entry.Framework)!;
                    var key = (file, settings.Framework?.Moniker);
                    if (!created.TryGetValue(key, out referenced))
                    {
                        referenced = await createTarget(group, settings, evaluation.Failure).ConfigureAwait(false) with { ReferenceOnly = true };
                        created[key] = referenced;
                        added.Add(referenced);
                        queue.Enqueue(referenced);
                    }
                }

                // A cycle (invalid in a build, possible in a broken tree) would make the workspace reject the projects.
                if (referenced is not null && !ReferenceEquals(referenced, target) && !graph.Closure(referenced).Contains(target, ReferenceEqualityComparer.Instance))
                {
                    graph.AddDirect(target, referenced);
                }
            }
        }

        return (added, graph);
    }

    /// <summary>
    /// The candidate whose framework a project targeting <paramref name="wanted"/> would reference (NuGet's nearest
    /// compatible framework: the same family at the highest version not above it, else .NET Standard); the first
    /// one when none is compatible (the best the scanner can do; the build would fail there).
    /// </summary>
    public static T? Nearest<T>(TargetFramework? wanted, IReadOnlyList<T> candidates, Func<T, TargetFramework?> frameworkOf)
    {
        if (candidates.Count == 0)
        {
            return default;
        }

        return wanted is not null && NearestCompatible(wanted, candidates, frameworkOf) is { } best ? best : candidates[0];
    }

    /// <summary>
    /// The candidate NuGet's nearest-framework rule picks for <paramref name="wanted"/>, or the default when none is
    /// compatible. The one chooser of folder mode: referenced projects' targets here, package <c>lib/</c> / <c>ref/</c>
    /// folders and nuspec dependency groups in <see cref="RestoredPackages"/>.
    /// </summary>
    public static T? NearestCompatible<T>(TargetFramework wanted, IReadOnlyList<T> candidates, Func<T, TargetFramework?> frameworkOf) =>
        candidates
            .Select((candidate, index) => (candidate, index, rank: Rank(wanted, frameworkOf(candidate))))
            .Where(entry => entry.rank is not null)
            .OrderBy(entry => entry.rank!.Value.Family)
            .ThenByDescending(entry => entry.rank!.Value.Version)
            .ThenBy(entry => entry.index)
            .Select(entry => entry.candidate)
            .FirstOrDefault();

    // Lower family is preferred: 0 same family and platform, 1 same family without the platform, 2 .NET Standard.
    private static (int Family, Version Version)? Rank(TargetFramework wanted, TargetFramework? candidate)
    {
        if (candidate is null)
        {
            return null;
        }

        if (candidate.Platform is not null && !string.Equals(PlatformName(candidate), PlatformName(wanted), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (candidate.Identifier == wanted.Identifier && candidate.Version <= wanted.Version)
        {
            return (candidate.Platform is null && wanted.Platform is not null ? 1 : 0, candidate.Version);
        }

        if (candidate.IsNetStandard)
        {
            // TargetFramework versions have three components (2.0.0): so must these, or 2.0.0 > 2.0.
            var highestStandard = wanted switch
            {
                { IsNetCoreApp: true } when wanted.Version >= new Version(3, 0, 0) => new Version(2, 1, 0),
                { IsNetCoreApp: true } => new Version(2, 0, 0),
                { IsNetFramework: true } when wanted.Version >= new Version(4, 6, 1) => new Version(2, 0, 0),
                { IsNetFramework: true } => new Version(1, 2, 0),
                _ => new Version(0, 0, 0),
            };
            return candidate.Version <= highestStandard ? (2, candidate.Version) : null;
        }

        return null;
    }

    // "windows7.0" -> "windows": a net8.0-windows library serves a net8.0-windows10.0.19041 app.
    private static string? PlatformName(TargetFramework framework)
        => framework.Platform is { } platform ? new string(platform.TakeWhile(char.IsAsciiLetter).ToArray()) : null;

    private static (SourceGroup? Group, ProjectEvaluation? Evaluation) Load(string projectFile, Func<string, ProjectEvaluation> evaluate)
    {
        if (!File.Exists(projectFile) || Path.GetDirectoryName(projectFile) is not { } directory)
        {
            return (null, null);
        }

        // Folders of a referenced project that cannot be read only make it less complete: they do not fail the scan.
        var group = SourceFolder.Groups(directory, new ConcurrentBag<string>())
            .FirstOrDefault(candidate => candidate.ProjectFile is { } file && string.Equals(Path.GetFullPath(file), projectFile, StringComparison.Ordinal));
        return group is null ? (null, null) : (group, evaluate(projectFile));
    }

    private void AddDirect(FolderTarget target, FolderTarget referenced)
    {
        if (!_direct.TryGetValue(target, out var list))
        {
            list = new List<FolderTarget>();
            _direct[target] = list;
        }

        if (!list.Contains(referenced, ReferenceEqualityComparer.Instance))
        {
            list.Add(referenced);
        }
    }

    private void NoteNotLoaded(FolderTarget target, string projectFile)
    {
        if (!_notLoaded.TryGetValue(target, out var list))
        {
            list = new List<string>();
            _notLoaded[target] = list;
        }

        list.Add(Path.GetFileName(projectFile));
    }
}
