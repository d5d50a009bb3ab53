using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Cli.Loading;

/// <summary>Where a target's compiler settings came from, from the most exact to the least.</summary>
public enum SettingsSource
{
    /// <summary>MSBuild evaluated the project for this target framework (the build's own values).</summary>
    MsBuild,

    /// <summary>MSBuild could not evaluate the project: its XML (and the nearest Directory.Build.props) was read as text.</summary>
    ProjectFileXml,

    /// <summary>No project file: the conservative assumptions (C# 7.3, the newest installed framework).</summary>
    Defaults,
}

/// <summary>
/// The compiler settings of one target framework of a project, as folder mode and the fallback for a
/// target MSBuild cannot resolve compile it with: preprocessor symbols, language version, nullable
/// context and global usings.
/// </summary>
/// <param name="Framework">Null when the project names no framework this scanner understands.</param>
/// <param name="GlobalUsings">The lines of the build's GlobalUsings.g.cs, e.g. <c>global using global::System;</c>.</param>
/// <param name="Note">What the evaluation had to leave out, for the report (e.g. workloads it could not resolve).</param>
public sealed record TargetSettings(
    TargetFramework? Framework,
    LanguageVersion LanguageVersion,
    bool LanguageVersionIsDefault,
    ImmutableArray<string> PreprocessorSymbols,
    NullableContextOptions Nullable,
    ImmutableArray<string> GlobalUsings,
    SettingsSource Source,
    string? Note = null)
{
    /// <summary>What the SDK adds as global usings when ImplicitUsings is on.</summary>
    public static readonly ImmutableArray<string> SdkImplicitUsings = ImmutableArray.Create(
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks");

    /// <summary>What Microsoft.NET.Sdk.Web adds on top.</summary>
    public static readonly ImmutableArray<string> WebSdkImplicitUsings = ImmutableArray.Create(
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging");

    /// <summary>
    /// The full paths of the project files this target references (<c>ProjectReference</c> items for this target
    /// framework). Folder mode compiles their sources beside it, so that their types bind.
    /// </summary>
    public ImmutableArray<string> ProjectReferences { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// The full paths of the C# files this target compiles (its <c>Compile</c> items, after the SDK's globs and the
    /// project's <c>Compile Remove</c> for this target framework), when MSBuild evaluated the project; null otherwise,
    /// and folder mode then compiles every file of the project's folder.
    /// </summary>
    public ImmutableHashSet<string>? CompileItems { get; init; }

    /// <summary>
    /// The target builds WPF or Windows Forms code (<c>UseWPF</c>, <c>UseWindowsForms</c>, or a
    /// <c>Microsoft.WindowsDesktop.App</c> framework reference): it compiles against the Windows Desktop assemblies too.
    /// </summary>
    public bool UsesWindowsDesktop { get; init; }

    /// <summary>
    /// The project builds a Blazor WebAssembly app (<c>Sdk="Microsoft.NET.Sdk.BlazorWebAssembly"</c>, or the evaluated
    /// <c>UsingMicrosoftNETSdkBlazorWebAssembly</c>): its HTTP runs on the browser's fetch, and the analyzers are told so through
    /// the build property a real build passes them.
    /// </summary>
    public bool IsBlazorWebAssembly { get; init; }

    /// <summary>
    /// What the project builds (<c>OutputType</c>: <c>Exe</c> a console application, <c>WinExe</c> a Windows one, anything
    /// else a library), as the real build compiles it: the analyzers ask whether anything outside can call a program's members.
    /// </summary>
    public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    /// <summary>An <c>OutputType</c> value as the compiler's output kind; a library when it is empty or not one.</summary>
    public static OutputKind ParseOutputType(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "exe" => OutputKind.ConsoleApplication,
        "winexe" => OutputKind.WindowsApplication,
        "appcontainerexe" => OutputKind.WindowsRuntimeApplication,
        _ => OutputKind.DynamicallyLinkedLibrary,
    };

    /// <summary>The language version fixes are written for when the project's is unknown.</summary>
    public const LanguageVersion ConservativeFixLanguageVersion = LanguageVersion.CSharp7_3;

    /// <summary>Compiled as the Unity editor compiles scripts (<see cref="UnityScripts.EditorSymbols"/>).</summary>
    public bool CompilesUnityEditor => PreprocessorSymbols.Contains("UNITY_EDITOR");

    public CSharpParseOptions ParseOptions => new(LanguageVersion, DocumentationMode.None, preprocessorSymbols: PreprocessorSymbols);

    /// <summary>
    /// Loose files without a project: the framework whose references are installed, read with the newest C# so that
    /// any code binds (fixes are still written in the forms every C# compiles: <see cref="ConservativeFixLanguageVersion"/>).
    /// With <paramref name="unityEditor"/>, the symbols the Unity editor defines as well (<see cref="UnityScripts"/>): Unity
    /// scripts are compiled both ways.
    /// </summary>
    public static TargetSettings ForLooseFiles(TargetFramework? installed, bool unityEditor = false) => new(
        installed,
        LanguageVersion.Latest,
        LanguageVersionIsDefault: true,
        SymbolsFor(installed, unityEditor ? UnityScripts.EditorSymbols : Array.Empty<string>()),
        NullableContextOptions.Disable,
        GlobalUsingLines(SdkImplicitUsings),
        SettingsSource.Defaults,
        unityEditor ? "Unity scripts as the Unity editor compiles them: UNITY_EDITOR and UNITY_2022_3_OR_NEWER among its symbols" : null);

    /// <summary>The build's symbols: the project's DefineConstants (Debug, as <c>dotnet build</c>) and the SDK's framework symbols.</summary>
    public static ImmutableArray<string> SymbolsFor(TargetFramework? framework, IEnumerable<string> defineConstants, bool implicitFrameworkDefines = true)
    {
        var symbols = new List<string> { "TRACE", "DEBUG" };
        symbols.AddRange(defineConstants);
        if (framework is not null && implicitFrameworkDefines)
        {
            symbols.AddRange(framework.ImplicitSymbols());
        }

        return symbols.Where(IsSymbol).Distinct(StringComparer.Ordinal).ToImmutableArray();
    }

    public static ImmutableArray<string> SplitConstants(string? defineConstants)
        => (defineConstants ?? string.Empty)
            .Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(IsSymbol)
            .ToImmutableArray();

    public static ImmutableArray<string> GlobalUsingLines(IEnumerable<string> namespaces)
        => namespaces.Distinct(StringComparer.Ordinal).Select(ns => $"global using global::{ns};").ToImmutableArray();

    /// <summary>A <c>LangVersion</c> value as the compiler reads it; null when it is not one.</summary>
    public static LanguageVersion? ParseLanguageVersion(string? value)
        => !string.IsNullOrWhiteSpace(value) && LanguageVersionFacts.TryParse(value.Trim(), out var version) ? version.MapSpecifiedToEffectiveVersion() : null;

    public static NullableContextOptions ParseNullable(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "enable" => NullableContextOptions.Enable,
        "warnings" => NullableContextOptions.Warnings,
        "annotations" => NullableContextOptions.Annotations,
        _ => NullableContextOptions.Disable,
    };

    /// <summary>One line for the report: "C# 7.3 (SDK default for netstandard2.0), nullable disabled, from MSBuild evaluation".</summary>
    public string Describe()
    {
        var language = $"C# {LanguageVersion.ToDisplayString()}" + (LanguageVersionIsDefault
            ? Source == SettingsSource.Defaults ? " to read the files, fixes written for C# 7.3 (no project file)" : $" (SDK default for {Framework?.Moniker ?? "this target"})"
            : string.Empty);
        var nullable = Nullable == NullableContextOptions.Disable ? "nullable disabled" : $"nullable {Nullable.ToString().ToLowerInvariant()}";
        var source = Source switch
        {
            SettingsSource.MsBuild => "from MSBuild evaluation",
            SettingsSource.ProjectFileXml => "read from the project file's XML (MSBuild could not evaluate it)",
            _ => "assumed (no project file)",
        };
        var note = Note is null ? string.Empty : $" ({Note})";
        return $"{language}, {nullable}, {PreprocessorSymbols.Length} symbols, {GlobalUsings.Length} global usings, {source}{note}";
    }

    private static bool IsSymbol(string value) => value.Length > 0 && SyntaxFacts.IsValidIdentifier(value);
}
