using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// What kind of project a compilation belongs to, read once per compilation from the build
/// properties the package makes visible to the compiler (<c>CompilerVisibleProperty</c>) and from
/// the <c>httpclientguard.*</c> analyzer options. Rules use it to stay quiet where their advice
/// does not apply:
/// <list type="bullet">
/// <item>Blazor WebAssembly: <c>HttpClient</c> goes through the browser's <c>fetch</c>; there are
/// no sockets, connection pools or DNS caches to manage (HCG001, HCG002, HCG007).</item>
/// <item>Test projects: tests build short-lived clients by design; HCG001 / HCG002 are quiet there
/// unless <c>httpclientguard.report_in_test_projects = true</c>.</item>
/// <item>Mobile targets: the default handler is the platform's native one, not
/// <c>SocketsHttpHandler</c> (HCG007).</item>
/// <item>Unity scripts: Unity's Mono and IL2CPP runtimes have no <c>SocketsHttpHandler</c>, so no
/// <c>PooledConnectionLifetime</c> to set (HCG007).</item>
/// </list>
/// Typical use from a rule:
/// <code>
/// var kind = ProjectKind.From(start.Compilation, start.Options);
/// if (kind.IsBlazorWebAssembly) return;                          // at compilation start
/// if (kind.SuppressesPerCallRules(creation.SyntaxTree)) return;  // just before reporting
/// </code>
/// </summary>
internal sealed class ProjectKind
{
    public const string BlazorWebAssemblyProperty = "build_property.UsingMicrosoftNETSdkBlazorWebAssembly";
    public const string TestProjectProperty = "build_property.IsTestProject";
    public const string TargetFrameworkProperty = "build_property.TargetFramework";
    public const string ReportInTestProjectsOption = "httpclientguard.report_in_test_projects";

    /// <summary>The documented default of <see cref="ReportInTestProjectsOption"/>.</summary>
    public const bool ReportInTestProjectsDefault = false;

    private const string WebAssemblyHostBuilderType = "Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder";

    // Types of the ASP.NET Core shared framework, which a browser-wasm project cannot reference:
    // a server project that merely references a WebAssembly client project (Blazor Web App) has them.
    private static readonly string[] s_serverHostTypes =
    {
        "Microsoft.AspNetCore.Builder.WebApplication",
        "Microsoft.AspNetCore.Hosting.WebHostBuilder",
    };

    // Mobile workloads put their native handler behind HttpClient's default constructor and HttpClientHandler.
    private static readonly string[] s_nativeHandlerTypes =
    {
        "Xamarin.Android.Net.AndroidMessageHandler",
        "System.Net.Http.NSUrlSessionHandler",
    };

    private readonly AnalyzerConfigOptionsProvider? _optionsProvider;

    private ProjectKind(
        bool isBlazorWebAssembly,
        bool isTestProject,
        bool reportInTestProjects,
        string targetFramework,
        bool defaultHandlerIsNative,
        bool compilesForUnity,
        AnalyzerConfigOptionsProvider? optionsProvider)
    {
        CompilesForUnity = compilesForUnity;
        IsBlazorWebAssembly = isBlazorWebAssembly;
        IsTestProject = isTestProject;
        ReportInTestProjects = reportInTestProjects;
        TargetFramework = targetFramework;
        DefaultHandlerIsNative = defaultHandlerIsNative;
        _optionsProvider = optionsProvider;
    }

    /// <summary>
    /// A Blazor WebAssembly project. From <c>UsingMicrosoftNETSdkBlazorWebAssembly</c> when the build
    /// exposes it (its value is then trusted, true or false); from a <c>-browser</c> target framework;
    /// otherwise, when the compilation references <c>WebAssemblyHostBuilder</c> and no ASP.NET Core
    /// server host type.
    /// </summary>
    public bool IsBlazorWebAssembly { get; }

    /// <summary><c>IsTestProject</c> is true (set by Microsoft.NET.Test.Sdk).</summary>
    public bool IsTestProject { get; }

    /// <summary>The project-wide value of <see cref="ReportInTestProjectsOption"/> (global config or default).</summary>
    public bool ReportInTestProjects { get; }

    /// <summary>The target framework of this compilation (<c>net8.0</c>, <c>net8.0-android</c>), or empty when not exposed.</summary>
    public string TargetFramework { get; }

    /// <summary>
    /// <c>new HttpClient()</c> and <c>HttpClientHandler</c> use a platform handler (Android, iOS,
    /// Mac Catalyst, tvOS) rather than <c>SocketsHttpHandler</c>.
    /// </summary>
    public bool DefaultHandlerIsNative { get; }

    /// <summary>
    /// Unity scripts: compiled with <c>UNITY_5_3_OR_NEWER</c> or <c>UNITY_EDITOR</c> defined (as Unity compiles them, and as
    /// <c>hcg scan</c> reads a Unity project's loose scripts), for Unity's Mono or IL2CPP runtime, whose class libraries have
    /// no <c>SocketsHttpHandler</c>.
    /// </summary>
    public bool CompilesForUnity { get; }

    public static ProjectKind From(Compilation compilation, AnalyzerOptions options)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        var global = provider.GlobalOptions;
        var targetFramework = global.TryGetValue(TargetFrameworkProperty, out var framework) ? framework.Trim() : string.Empty;
        var platform = TargetPlatform(targetFramework);

        bool isBlazorWebAssembly;
        if (global.TryGetValue(BlazorWebAssemblyProperty, out var usingBlazorSdk))
        {
            // The package exposes the property: an empty value means "not set", i.e. not Blazor WebAssembly.
            isBlazorWebAssembly = ParseBool(usingBlazorSdk) == true || platform == "browser";
        }
        else
        {
            isBlazorWebAssembly = platform == "browser" ||
                                  compilation.GetTypeByMetadataName(WebAssemblyHostBuilderType) is not null && !HasAny(compilation, s_serverHostTypes);
        }

        var isTestProject = global.TryGetValue(TestProjectProperty, out var testProject) && ParseBool(testProject) == true;
        var reportInTests = global.TryGetValue(ReportInTestProjectsOption, out var report) && ParseBool(report) is { } reportValue
            ? reportValue
            : ReportInTestProjectsDefault;
        // The target framework names the platform when the build exposes it; otherwise the platform's handler types tell.
        var nativeHandler = targetFramework.Length > 0
            ? platform is "android" or "ios" or "maccatalyst" or "tvos"
            : HasAny(compilation, s_nativeHandlerTypes);
        var unity = compilation.SyntaxTrees.FirstOrDefault()?.Options.PreprocessorSymbolNames
            .Any(static symbol => symbol is "UNITY_5_3_OR_NEWER" or "UNITY_EDITOR") == true;
        return new ProjectKind(isBlazorWebAssembly, isTestProject, reportInTests, targetFramework, nativeHandler, unity, provider);
    }

    /// <summary>
    /// True when HCG001 / HCG002 must not report in <paramref name="tree"/>: in Blazor WebAssembly,
    /// and in test projects unless <see cref="ReportInTestProjectsOption"/> is true for the file
    /// (an <c>.editorconfig</c> section) or for the project (a global config). Cheap: outside test
    /// projects no option is read.
    /// </summary>
    public bool SuppressesPerCallRules(SyntaxTree tree)
    {
        if (IsBlazorWebAssembly)
        {
            return true;
        }

        if (!IsTestProject)
        {
            return false;
        }

        return !ReportsInTestProject(tree);
    }

    private bool ReportsInTestProject(SyntaxTree tree)
    {
        if (_optionsProvider is not null &&
            _optionsProvider.GetOptions(tree).TryGetValue(ReportInTestProjectsOption, out var value) &&
            ParseBool(value) is { } fileValue)
        {
            return fileValue;
        }

        return ReportInTestProjects;
    }

    /// <summary><c>net8.0-android34.0</c> → <c>android</c>; empty when the framework names no platform.</summary>
    internal static string TargetPlatform(string targetFramework)
    {
        var dash = targetFramework.IndexOf('-');
        if (dash < 0)
        {
            return string.Empty;
        }

        var platform = targetFramework.Substring(dash + 1);
        var end = 0;
        while (end < platform.Length && char.IsLetter(platform[end]))
        {
            end++;
        }

        return platform.Substring(0, end).ToLowerInvariant();
    }

    private static bool? ParseBool(string value) =>
        bool.TryParse(value.Trim(), out var result) ? result : null;

    private static bool HasAny(Compilation compilation, string[] metadataNames)
    {
        foreach (var name in metadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
