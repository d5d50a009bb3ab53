using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>Target framework reference sets a test runs against.</summary>
[Flags]
public enum Targets
{
    Net80 = 1,
    NetStandard20 = 2,
    All = Net80 | NetStandard20,
}

/// <summary>
/// What a test needs from its compilation. Every verification runs once per (language version,
/// reference set) pair the options allow, so each case is checked under C# 7.3 and the latest
/// version, against net8.0 and netstandard2.0, unless the source itself needs newer syntax or APIs.
/// </summary>
public sealed record TestOptions
{
    public static readonly TestOptions Default = new();

    /// <summary>The oldest language version the source compiles under; 7.3 unless raised.</summary>
    public LanguageVersion MinimumLanguageVersion { get; init; } = LanguageVersion.CSharp7_3;

    /// <summary>
    /// The newest language version to run; all by default. Lets a fix test state its C# 7.3 output
    /// (using statements) and its latest output (using declarations) in two calls.
    /// </summary>
    public LanguageVersion? MaximumLanguageVersion { get; init; }

    /// <summary>The reference sets the source compiles against.</summary>
    public Targets Targets { get; init; } = Targets.All;

    /// <summary>Console application (top-level statements, entry points) instead of a library.</summary>
    public bool IsExecutable { get; init; }

    /// <summary>Adds Microsoft.Extensions.Http (IHttpClientFactory, IServiceCollection).</summary>
    public bool WithHttpClientFactory { get; init; }

    /// <summary>
    /// Compiles against the ASP.NET Core shared framework (Microsoft.AspNetCore.App, which brings
    /// Microsoft.Extensions.Http): net8.0 only, whatever <see cref="Targets"/> says.
    /// </summary>
    public bool WithAspNetCore { get; init; }

    /// <summary>
    /// Compiles against the SDKs of the HCG008 catalogue (RestSharp, Refit, gRPC, StackExchange.Redis, ...)
    /// at the versions the repository restores: net8.0 only, whatever <see cref="Targets"/> says; with
    /// <see cref="WithAspNetCore"/>, against the ASP.NET Core shared framework too.
    /// </summary>
    public bool WithConnectionOwners { get; init; }

    /// <summary>Adds a reference to the HttpClientGuard runtime library.</summary>
    public bool WithRuntime { get; init; }

    /// <summary>
    /// Broken or half-typed code: compiler errors are not compared, only the analyzer's own
    /// diagnostics. An analyzer exception still fails the test.
    /// </summary>
    public bool IgnoreCompilerDiagnostics { get; init; }

    /// <summary>
    /// Content of a <c>/.globalconfig</c> (<c>is_global = true</c> is added): build properties such as
    /// <c>build_property.IsTestProject = true</c> and project-wide <c>httpclientguard.*</c> options.
    /// </summary>
    public string? GlobalConfig { get; init; }

    /// <summary>Content of a <c>/.editorconfig</c> (<c>root = true</c> is added), for per-file options.</summary>
    public string? EditorConfig { get; init; }

    /// <summary>Preprocessor symbols the test project defines (<c>UNITY_EDITOR</c>, as Unity compiles its scripts).</summary>
    public string[] PreprocessorSymbols { get; init; } = System.Array.Empty<string>();

    /// <summary>
    /// Source of a second project, <c>Library</c>, that the test project references: its methods are another
    /// assembly's, as a referenced project's or a package's are (the analyzers read no bodies there).
    /// </summary>
    public string? LibrarySource { get; init; }

    /// <summary>Only the latest language version (for sources using C# 9+ syntax).</summary>
    public static TestOptions LatestOnly { get; } = new() { MinimumLanguageVersion = LanguageVersion.Latest };

    /// <summary>Only C# 7.3 (for fix output that differs before C# 8).</summary>
    public static TestOptions CSharp73Only { get; } = new() { MaximumLanguageVersion = LanguageVersion.CSharp7_3 };

    internal IEnumerable<(LanguageVersion Language, ReferenceAssemblies References, string Name)> Cases()
    {
        var languages = MinimumLanguageVersion == LanguageVersion.CSharp7_3
            ? new[] { LanguageVersion.CSharp7_3, LanguageVersion.Latest }
            : new[] { LanguageVersion.Latest };
        foreach (var language in languages)
        {
            if (MaximumLanguageVersion is { } maximum && language > maximum)
            {
                continue;
            }

            if (WithConnectionOwners)
            {
                yield return WithAspNetCore
                    ? (language, ReferenceSets.Net80WithAspNetCoreAndConnectionOwners, $"C# {language.ToDisplayString()} / net8.0 + ASP.NET Core + connection-owner SDKs")
                    : (language, ReferenceSets.Net80WithConnectionOwners, $"C# {language.ToDisplayString()} / net8.0 + connection-owner SDKs");
                continue;
            }

            if (WithAspNetCore)
            {
                yield return (language, ReferenceSets.Net80WithAspNetCore, $"C# {language.ToDisplayString()} / net8.0 + ASP.NET Core");
                continue;
            }

            if ((Targets & Targets.Net80) != 0)
            {
                yield return (language, WithHttpClientFactory ? ReferenceSets.Net80WithHttpClientFactory : ReferenceSets.Net80, $"C# {language.ToDisplayString()} / net8.0");
            }

            if ((Targets & Targets.NetStandard20) != 0)
            {
                yield return (language, WithHttpClientFactory ? ReferenceSets.NetStandard20WithHttpClientFactory : ReferenceSets.NetStandard20, $"C# {language.ToDisplayString()} / netstandard2.0");
            }
        }
    }

    /// <summary>net8.0 with Microsoft.Extensions.Http, for the valid-code sample.</summary>
    internal static ReferenceAssemblies ReferencesForValidCode() => ReferenceSets.Net80WithHttpClientFactory;
}
