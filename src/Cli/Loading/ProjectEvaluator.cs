using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;

namespace HttpClientGuard.Cli.Loading;

/// <summary>A project file's settings for each target framework it builds, and how they were obtained.</summary>
/// <param name="Failure">Why MSBuild could not evaluate the project (the XML was read instead); null when it could.</param>
public sealed record ProjectEvaluation(string ProjectFile, IReadOnlyList<TargetSettings> Targets, string? Failure);

/// <summary>
/// Evaluates a project file in process with the installed SDK's MSBuild, once per target framework: properties
/// only, plus the SDK's targets that add the framework symbols (they need no references), so it works on an
/// unrestored project or one whose references cannot be resolved here. Where MSBuild cannot evaluate the file
/// at all (a missing SDK, broken XML), the XML is read as text (<see cref="ProjectFileXml"/>).
/// </summary>
public sealed class ProjectEvaluator : IDisposable
{
    // Everything MSBuild is touched from one place, after Microsoft.Build.Locator has registered the SDK.
    private readonly MsBuildSession? _msbuild;
    private readonly string? _unavailable;

    public ProjectEvaluator()
    {
        _unavailable = ProjectLoader.EnsureMsBuildRegistered();
        _msbuild = _unavailable is null ? CreateSession() : null;
    }

    // This method runs when MSBuild could not be registered (a global.json pinning an SDK that is not installed):
    // it must not mention an MSBuild type, not even in a catch clause, or compiling it loads Microsoft.Build.
    public ProjectEvaluation Evaluate(string projectFile)
    {
        string? failure = _unavailable;
        if (_msbuild is not null)
        {
            var (targets, error) = EvaluateWithMsBuild(_msbuild, projectFile);
            if (targets is not null)
            {
                return new ProjectEvaluation(projectFile, targets, null);
            }

            failure = error;
        }

        var fromXml = ProjectFileXml.Read(projectFile)
            .Select(settings => settings with
            {
                ProjectReferences = ProjectFileXml.ProjectReferences(projectFile, settings.Framework?.Moniker),
                UsesWindowsDesktop = ProjectFileXml.UsesWindowsDesktop(projectFile, settings.Framework?.Moniker),
            })
            .ToList();
        return new ProjectEvaluation(projectFile, fromXml, failure ?? "MSBuild is unavailable");
    }

    public void Dispose()
    {
        if (_msbuild is not null)
        {
            DisposeSession(_msbuild);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MsBuildSession CreateSession() => new();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DisposeSession(MsBuildSession session) => session.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (IReadOnlyList<TargetSettings>? Targets, string? Error) EvaluateWithMsBuild(MsBuildSession session, string projectFile)
    {
        try
        {
            return (session.Evaluate(projectFile), null);
        }
        catch (Exception ex) when (ex is InvalidProjectFileException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, FirstLine(ex.Message));
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    private sealed class MsBuildSession : IDisposable
    {
        // The SDK target that adds NETSTANDARD2_0, NET462, NET8_0_OR_GREATER... to DefineConstants.
        private const string ImplicitDefinesTarget = "AddImplicitDefineConstants";

        // ProjectInstance.Build goes through the process-wide BuildManager, which runs one build at a time.
        private static readonly object s_buildGate = new();

        // A global.json that pins a workload version this machine lacks (sentry-dotnet pins workloadVersion 10.0.400)
        // makes the SDK's workload resolver fail every evaluation. Workloads only add the mobile platforms' packs,
        // which folder mode does not compile against, so such a project is evaluated again without them.
        private const string WorkloadResolverProperty = "MSBuildEnableWorkloadResolver";

        private readonly ProjectCollection _collection = new();
        private ProjectCollection? _withoutWorkloads;

        public IReadOnlyList<TargetSettings> Evaluate(string projectFile)
        {
            try
            {
                return Evaluate(_collection, projectFile, workloadNote: null);
            }
            catch (InvalidProjectFileException ex) when (IsWorkloadResolverFailure(ex))
            {
                _withoutWorkloads ??= new ProjectCollection(new Dictionary<string, string> { [WorkloadResolverProperty] = "false" });
                return Evaluate(_withoutWorkloads, projectFile, $"without workloads: {ResolverReason(ex.Message)}");
            }
        }

        public void Dispose()
        {
            _collection.Dispose();
            _withoutWorkloads?.Dispose();
        }

        private static bool IsWorkloadResolverFailure(InvalidProjectFileException exception)
            => exception.Message.Contains("WorkloadSdkResolver", StringComparison.Ordinal)
                || exception.Message.Contains("WorkloadAutoImportPropsLocator", StringComparison.Ordinal);

        // 'SDK Resolver Failure: "The SDK resolver ... failed ... Exception: "System.IO.FileNotFoundException: Workload
        // version 10.0.400, which was specified in .../global.json, was not found...' -> from "Workload version" on.
        private static string ResolverReason(string message)
        {
            const string Marker = "Exception: ";
            var reason = message.Split('\n', 2)[0].Trim();
            var start = reason.LastIndexOf(Marker, StringComparison.Ordinal);
            if (start >= 0)
            {
                reason = reason[(start + Marker.Length)..].Trim('"', ' ');
                var colon = reason.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0 && reason[..colon].EndsWith("Exception", StringComparison.Ordinal))
                {
                    reason = reason[(colon + 2)..];
                }
            }

            return "the SDK's workload resolver failed (" + (reason.Length > 160 ? reason[..160] + "..." : reason) + ")";
        }

        private static IReadOnlyList<TargetSettings> Evaluate(ProjectCollection collection, string projectFile, string? workloadNote)
        {
            // A Directory.Build.Props the build on Windows imports and MSBuild here would miss (BuildFileNames).
            // And the properties a build of its solution gives it ($(SolutionDir) in an import).
            var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
            var extra = new Dictionary<string, string>(BuildFileNames.MisCasedImports(projectDirectory), StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in BuildFileNames.SolutionProperties(projectDirectory))
            {
                extra[name] = value;
            }

            var outer = extra.Count == 0
                ? collection.LoadProject(projectFile)
                : collection.LoadProject(projectFile, WithCollectionProperties(collection, extra), toolsVersion: null);
            var monikers = outer.GetPropertyValue("TargetFrameworks")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (monikers.Count == 0)
            {
                return new[] { Settings(outer.CreateProjectInstance(), workloadNote) };
            }

            var targets = new List<TargetSettings>();
            foreach (var moniker in monikers)
            {
                // Explicit global properties replace the collection's: carry them over.
                var properties = WithCollectionProperties(collection, extra);
                properties["TargetFramework"] = moniker;
                var inner = new Project(projectFile, properties, null, collection);
                targets.Add(Settings(inner.CreateProjectInstance(), workloadNote));
            }

            return targets;
        }

        private static Dictionary<string, string> WithCollectionProperties(ProjectCollection collection, IReadOnlyDictionary<string, string> properties)
        {
            var merged = new Dictionary<string, string>(collection.GlobalProperties, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in properties)
            {
                merged[name] = value;
            }

            return merged;
        }

        private static TargetSettings Settings(ProjectInstance project, string? note)
        {
            var framework = TargetFramework.Parse(project.GetPropertyValue("TargetFramework")) ?? LegacyFramework(project);
            var explicitDefines = TargetSettings.SplitConstants(project.GetPropertyValue("DefineConstants"));
            ImmutableArray<string> symbols;
            if (project.Targets.ContainsKey(ImplicitDefinesTarget) && BuildImplicitDefines(project))
            {
                symbols = TargetSettings.SplitConstants(project.GetPropertyValue("DefineConstants"));
            }
            else
            {
                // A legacy (non-SDK) project states all its symbols itself.
                var sdkStyle = project.Targets.ContainsKey(ImplicitDefinesTarget);
                symbols = TargetSettings.SymbolsFor(framework, explicitDefines, implicitFrameworkDefines: sdkStyle);
            }

            var languageText = project.GetPropertyValue("LangVersion");
            var language = TargetSettings.ParseLanguageVersion(languageText);
            return new TargetSettings(
                framework,
                language ?? framework?.DefaultLanguageVersion ?? Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3,
                LanguageVersionIsDefault: !IsSetByProject(project, "LangVersion"),
                symbols,
                TargetSettings.ParseNullable(project.GetPropertyValue("Nullable")),
                project.GetItems("Using").Select(UsingLine).Distinct(StringComparer.Ordinal).ToImmutableArray(),
                SettingsSource.MsBuild,
                note)
            {
                OutputKind = TargetSettings.ParseOutputType(project.GetPropertyValue("OutputType")),
                ProjectReferences = project.GetItems("ProjectReference")
                    .Where(item => ProjectFileXml.IsCompileReference(item.GetMetadataValue("ReferenceOutputAssembly")))
                    .Select(item => item.GetMetadataValue("FullPath"))
                    .Where(path => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.Ordinal)
                    .ToImmutableArray(),
                CompileItems = project.GetItems("Compile")
                    .Select(item => item.GetMetadataValue("FullPath"))
                    .Where(path => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                    .ToImmutableHashSet(StringComparer.Ordinal),
                IsBlazorWebAssembly = IsTrue(project.GetPropertyValue("UsingMicrosoftNETSdkBlazorWebAssembly")),
                UsesWindowsDesktop = IsTrue(project.GetPropertyValue("UseWPF")) || IsTrue(project.GetPropertyValue("UseWindowsForms"))
                    || project.GetItems("FrameworkReference").Any(item => item.EvaluatedInclude.StartsWith(ReferenceAssemblies.WindowsDesktopFramework, StringComparison.OrdinalIgnoreCase)),
            };
        }

        private static bool IsTrue(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static bool BuildImplicitDefines(ProjectInstance project)
        {
            lock (s_buildGate)
            {
                return project.Build(new[] { ImplicitDefinesTarget }, loggers: null);
            }
        }

        // The SDK's Microsoft.CSharp.Core.targets sets LangVersion from the framework when the project did not:
        // say "SDK default" only then.
        private static bool IsSetByProject(ProjectInstance project, string name)
        {
            var definedIn = project.GetProperty(name) is { } property ? property.EvaluatedValue : null;
            var maxSupported = project.GetPropertyValue("MaxSupportedLangVersion");
            return definedIn is { Length: > 0 } && !string.Equals(definedIn, maxSupported, StringComparison.OrdinalIgnoreCase);
        }

        private static TargetFramework? LegacyFramework(ProjectInstance project)
        {
            var identifier = project.GetPropertyValue("TargetFrameworkIdentifier");
            var version = project.GetPropertyValue("TargetFrameworkVersion").TrimStart('v', 'V');
            return identifier == TargetFramework.NetFramework ? TargetFramework.Parse(TargetFramework.FrameworkMoniker(version)) : null;
        }

        private static string UsingLine(ProjectItemInstance item)
        {
            var name = item.EvaluatedInclude;
            var alias = item.GetMetadataValue("Alias");
            if (alias.Length > 0)
            {
                return $"global using {alias} = global::{name};";
            }

            return string.Equals(item.GetMetadataValue("Static"), "true", StringComparison.OrdinalIgnoreCase)
                ? $"global using static global::{name};"
                : $"global using global::{name};";
        }
    }
}
