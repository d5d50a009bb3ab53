using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.MSBuild;

namespace HttpClientGuard.Cli.Loading;

/// <summary>A project that MSBuild could not give us at all, to be scanned in folder mode instead.</summary>
public sealed record ProjectFallback(string ProjectFile, string Reason);

/// <summary>One target framework of a loaded project whose framework references MSBuild could not resolve.</summary>
/// <param name="Variant">The project as MSBuild loaded it: its documents, symbols and language version are the build's.</param>
public sealed record TargetFallback(Project Variant, string ProjectFile, TargetFramework? Framework, string Reason);

/// <param name="Projects">Targets whose references MSBuild resolved: scanned in project mode.</param>
/// <param name="NotRestored">Loaded projects without restore output: their package references are missing.</param>
/// <param name="Problems">What MSBuild reported for projects that still loaded, one line per project.</param>
public sealed record ProjectLoadResult(
    IReadOnlyList<ScanProject> Projects,
    IReadOnlyList<TargetFallback> TargetFallbacks,
    IReadOnlyList<ProjectFallback> Fallbacks,
    IReadOnlyList<string> NotRestored,
    IReadOnlyList<string> Problems);

/// <summary>
/// Project mode: MSBuildWorkspace evaluates the projects with the installed SDK, so the scan sees the
/// exact references, defines and language version of the real build.
/// </summary>
public static class ProjectLoader
{
    private static readonly object s_registrationLock = new();
    private static string? s_registrationFailure;
    private static bool s_registrationAttempted;

    /// <summary>Opens a solution or project in a workspace: <see cref="OpenAsync"/> unless a caller supplies its own.</summary>
    public delegate Task<Solution> Opener(MSBuildWorkspace workspace, ScanTarget target, IProgress<ProjectLoadProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Loads a .sln, .slnx or .csproj; returns null with a reason when MSBuild cannot open it. An open that throws is
    /// tried once more in a fresh workspace (<paramref name="createWorkspace"/>): the build host is a separate process,
    /// and one that fails under load (seen once as a FileNotFoundException) usually opens the project the second time.
    /// Every workspace created goes to <paramref name="own"/>, which disposes it.
    /// </summary>
    public static async Task<(ProjectLoadResult? Result, string? Failure)> LoadAsync(
        Func<MSBuildWorkspace> createWorkspace,
        Action<Workspace> own,
        ScanTarget target,
        Action<string> reportStage,
        CancellationToken cancellationToken,
        Opener? open = null)
    {
        open ??= OpenAsync;
        var progress = new Progress<ProjectLoadProgress>(p => reportStage($"{p.Operation} {Path.GetFileName(p.FilePath)}"));
        string? firstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            var workspace = createWorkspace();
            own(workspace);
            var failures = new List<string>();
            workspace.RegisterWorkspaceFailedHandler(args =>
            {
                if (args.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (failures)
                    {
                        failures.Add(args.Diagnostic.Message);
                    }
                }
            });

            Solution solution;
            try
            {
                solution = await open(workspace, target, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var reason = $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
                if (attempt == 1)
                {
                    firstFailure = reason;
                    reportStage("loading " + Path.GetFileName(target.FullPath) + " again");
                    continue;
                }

                return (null, firstFailure == reason
                    ? $"MSBuild could not open {Path.GetFileName(target.FullPath)}, twice: {reason}"
                    : $"MSBuild could not open {Path.GetFileName(target.FullPath)}, twice: {firstFailure}, then {reason}");
            }

            var result = Read(solution, target, failures);
            return firstFailure is null
                ? (result, null)
                : (result with { Problems = result.Problems.Prepend($"{Path.GetFileName(target.FullPath)}: MSBuild could not open it at the first attempt ({firstFailure}); the second attempt opened it").ToList() }, null);
        }
    }

    /// <summary>The default <see cref="Opener"/>: MSBuildWorkspace's own open of a solution or a project.</summary>
    public static async Task<Solution> OpenAsync(MSBuildWorkspace workspace, ScanTarget target, IProgress<ProjectLoadProgress> progress, CancellationToken cancellationToken)
        => target.Kind == TargetKind.Solution
            ? await workspace.OpenSolutionAsync(target.FullPath, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false)
            : (await workspace.OpenProjectAsync(target.FullPath, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false)).Solution;

    private static ProjectLoadResult Read(Solution solution, ScanTarget target, List<string> failures)
    {
        IReadOnlyList<string> requestedProjects;
        if (target.Kind == TargetKind.Solution)
        {
            requestedProjects = solution.Projects
                .Where(project => project.FilePath is not null && project.Language == LanguageNames.CSharp)
                .Select(project => project.FilePath!)
                .Concat(CSharpProjectsListedIn(failures))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        else
        {
            requestedProjects = new[] { target.FullPath };
        }

        var loaded = new List<ScanProject>();
        var targetFallbacks = new List<TargetFallback>();
        var fallbacks = new List<ProjectFallback>();
        var notRestored = new List<string>();
        var problems = new List<string>();
        foreach (var projectFile in requestedProjects)
        {
            var variants = solution.Projects.Where(project => string.Equals(project.FilePath, projectFile, StringComparison.Ordinal)).ToList();
            var messages = FailuresFor(projectFile, failures);
            // A project MSBuild could not evaluate at all (broken XML, a missing SDK) still comes back, without a
            // single symbol: an evaluated SDK or legacy project always has at least its configuration's.
            if (variants.Count == 0 || variants.All(variant => !((CSharpParseOptions)variant.ParseOptions!).PreprocessorSymbolNames.Any()))
            {
                fallbacks.Add(new ProjectFallback(projectFile, messages.FirstOrDefault() ?? "MSBuild returned no project"));
                continue;
            }

            // Each target framework stands alone: one that cannot resolve its framework (net452 without a targeting
            // pack, netstandard2.0 before restore) falls back by itself, and the others keep the build's references.
            foreach (var variant in variants)
            {
                var framework = FrameworkOf(variant);
                if (HasCoreLibrary(variant))
                {
                    loaded.Add(new ScanProject(variant, LoadMode.Project, new TargetInfo(
                        Path.GetFileName(projectFile),
                        projectFile,
                        framework?.Moniker,
                        DescribeSettings(variant),
                        $"{variant.MetadataReferences.Count} references resolved by MSBuild",
                        Reason: null)));
                }
                else
                {
                    targetFallbacks.Add(new TargetFallback(variant, projectFile, framework, ReasonFor(framework, messages)));
                }
            }

            // What MSBuild said beyond the reasons already given for the targets that fell back.
            var reasons = targetFallbacks.Where(fallback => fallback.ProjectFile == projectFile).Select(fallback => fallback.Reason).ToHashSet(StringComparer.Ordinal);
            var unexplained = messages.Where(message => !reasons.Contains(message)).ToList();
            if (unexplained.Count > 0)
            {
                problems.Add($"{Path.GetFileName(projectFile)}: MSBuild reported: {string.Join(" / ", unexplained.Take(2))}");
            }

            if (!IsRestored(projectFile, anyTargetFellBack: variants.Any(variant => !HasCoreLibrary(variant))))
            {
                notRestored.Add(projectFile);
            }
        }

        return new ProjectLoadResult(loaded, targetFallbacks, fallbacks, notRestored, problems);
    }

    /// <summary>"C# 7.3, nullable disabled, 13 symbols, from MSBuild's design-time build".</summary>
    public static string DescribeSettings(Project project)
    {
        var parse = (CSharpParseOptions)project.ParseOptions!;
        var nullable = project.CompilationOptions is CSharpCompilationOptions { NullableContextOptions: var context } && context != NullableContextOptions.Disable
            ? "nullable " + context.ToString().ToLowerInvariant()
            : "nullable disabled";
        return $"C# {parse.LanguageVersion.ToDisplayString()}, {nullable}, {parse.PreprocessorSymbolNames.Count()} symbols, from MSBuild's design-time build";
    }

    /// <summary>The target framework of one loaded project: "Lib(net452)" names it; a single-target project's output folder does.</summary>
    private static TargetFramework? FrameworkOf(Project project)
    {
        var open = project.Name.LastIndexOf('(');
        if (open > 0 && project.Name.EndsWith(')') && TargetFramework.Parse(project.Name[(open + 1)..^1]) is { } named)
        {
            return named;
        }

        return project.OutputFilePath is { } output ? TargetFramework.Parse(Path.GetFileName(Path.GetDirectoryName(output))) : null;
    }

    // Without mscorlib / System.Runtime / netstandard nothing binds: the target's framework did not resolve.
    private static bool HasCoreLibrary(Project project)
        => project.MetadataReferences.OfType<PortableExecutableReference>().Any(reference =>
            Path.GetFileName(reference.FilePath) is { } name
            && (name.Equals("mscorlib.dll", StringComparison.OrdinalIgnoreCase)
                || name.Equals("System.Runtime.dll", StringComparison.OrdinalIgnoreCase)
                || name.Equals("netstandard.dll", StringComparison.OrdinalIgnoreCase)));

    private static string ReasonFor(TargetFramework? framework, IReadOnlyList<string> messages)
    {
        // MSB3644 names the framework (".NETFramework,Version=v4.5.2"); prefer the message about this target.
        var version = framework is null ? null : $"Version=v{(framework.Version.Build > 0 ? framework.Version.ToString(3) : framework.Version.ToString(2))}";
        var own = messages.FirstOrDefault(message => version is not null && message.Contains(framework!.Identifier + "," + version, StringComparison.OrdinalIgnoreCase));
        return own ?? messages.FirstOrDefault(message => !message.Contains(".NETFramework,Version=", StringComparison.Ordinal))
            ?? "MSBuild resolved none of its framework references (the project is not restored, or its targeting pack is missing)";
    }

    /// <summary>
    /// Makes the installed SDK's MSBuild loadable in this process; must run before any MSBuild type is touched.
    /// Returns why project mode is unavailable, or null.
    /// </summary>
    public static string? EnsureMsBuildRegistered()
    {
        lock (s_registrationLock)
        {
            if (!s_registrationAttempted)
            {
                s_registrationAttempted = true;
                s_registrationFailure = Register();
            }

            return s_registrationFailure;
        }
    }

    private static string? Register()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return null;
        }

        try
        {
            var newest = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(instance => instance.Version).FirstOrDefault();
            if (newest is null)
            {
                return "no .NET SDK was found to load projects with";
            }

            MSBuildLocator.RegisterInstance(newest);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            return "MSBuild could not be loaded: " + FirstLine(ex.Message);
        }
    }

    // MSBuild still evaluates an unrestored SDK project (framework references only), so it is reported, not rejected.
    // Restoring matters when the project has packages, or when a target's framework itself comes from NuGet
    // (netstandard2.0's NETStandard.Library, a targeting pack that is not installed).
    private static bool IsRestored(string projectFile, bool anyTargetFellBack)
    {
        var directory = Path.GetDirectoryName(projectFile)!;
        return File.Exists(Path.Combine(directory, "obj", "project.assets.json"))
            || (!anyTargetFellBack && !File.ReadAllText(projectFile).Contains("PackageReference", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> FailuresFor(string projectFile, List<string> failures)
    {
        lock (failures)
        {
            return failures
                .Where(message => message.Contains(projectFile, StringComparison.Ordinal))
                .Select(message => FirstLine(WithoutPrefix(message, projectFile)))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
    }

    // "Msbuild failed when processing the file '/x/Lib.csproj' with message: ..." → the message.
    private static string WithoutPrefix(string message, string projectFile)
    {
        var marker = "with message: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && message.IndexOf(projectFile, StringComparison.Ordinal) < at ? message[(at + marker.Length)..] : message;
    }

    // A solution entry that failed to load does not appear in the solution at all; its path is in the failure.
    private static IEnumerable<string> CSharpProjectsListedIn(List<string> failures)
    {
        lock (failures)
        {
            return failures
                .SelectMany(message => message.Split('\'', '"'))
                .Where(part => part.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && Path.IsPathRooted(part))
                .ToList();
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
