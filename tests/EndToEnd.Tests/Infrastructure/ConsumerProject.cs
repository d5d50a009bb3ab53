using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace HttpClientGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fresh console project outside the repository that gets HttpClientGuard the way users do:
/// a PackageReference restored from a feed. The local feed is the only source for HttpClientGuard
/// and packages restore into a folder of this project's own, so no cached copy of the same
/// version can stand in for the package under test.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, string> _environment;

    private ConsumerProject(string directory)
    {
        Directory = directory;
        // dotnet format restores too; both see the same isolated folder.
        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, "Consumer.csproj");

    public string ProgramPath => Path.Combine(Directory, "Program.cs");

    public string PackagesDirectory => Path.Combine(Directory, "packages");

    public string OutputDirectory => Path.Combine(Directory, "bin", "Debug", "net10.0");

    public string GeneratedEditorConfigPath => Path.Combine(Directory, "obj", "Debug", "net10.0", "Consumer.GeneratedMSBuildEditorConfig.editorconfig");

    /// <summary>
    /// A project of <paramref name="sdk"/> (<c>Microsoft.NET.Sdk</c> for a console program,
    /// <c>Microsoft.NET.Sdk.Web</c> for an ASP.NET Core application) with <paramref name="programSource"/> as Program.cs.
    /// </summary>
    public static ConsumerProject Create(string parentDirectory, string feedDirectory, string packageVersion, string programSource, string sdk = "Microsoft.NET.Sdk")
    {
        var project = new ConsumerProject(Path.Combine(parentDirectory, "consumer-" + Guid.NewGuid().ToString("N")[..8]));
        System.IO.Directory.CreateDirectory(project.Directory);
        File.WriteAllText(project.ProjectPath, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <RestorePackagesPath>{project.PackagesDirectory}</RestorePackagesPath>
                <!-- Under -warnaserror an unreachable advisory feed (NU1900) would fail builds for reasons not under test. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HttpClientGuard" Version="{packageVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project.Directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="HttpClientGuard" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(project.ProgramPath, programSource);
        return project;
    }

    public Task<CommandResult> BuildAsync(params string[] options) =>
        DotnetAsync(["build", ProjectPath, "--no-incremental", .. options]);

    public Task<CommandResult> FormatAnalyzersAsync(params string[] diagnosticIds) =>
        DotnetAsync(["format", "analyzers", ProjectPath, "--diagnostics", .. diagnosticIds, "--severity", "warn", "--verbosity", "normal"]);

    /// <summary>Runs the built program as its users would: <c>dotnet Consumer.dll</c>.</summary>
    public Task<CommandResult> RunAsync(params string[] arguments) =>
        DotnetCli.RunAsync(Directory, s_runTimeout, _environment, [Path.Combine(OutputDirectory, "Consumer.dll"), .. arguments]);

    /// <summary>Starts the built application and waits until it says where it listens (a line <c>listening: &lt;url&gt;</c>).</summary>
    public Task<RunningApplication> StartAsync(params string[] arguments) =>
        RunningApplication.StartAsync(Directory, _environment, [Path.Combine(OutputDirectory, "Consumer.dll"), .. arguments]);

    /// <summary>Writes another source file next to Program.cs.</summary>
    public void WriteSource(string fileName, string content) => File.WriteAllText(Path.Combine(Directory, fileName), content);

    public string ReadSource(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public void WriteEditorConfig(string content) => File.WriteAllText(Path.Combine(Directory, ".editorconfig"), content);

    public void DeleteEditorConfig() => File.Delete(Path.Combine(Directory, ".editorconfig"));

    private Task<CommandResult> DotnetAsync(string[] arguments) => DotnetCli.RunAsync(Directory, s_commandTimeout, _environment, arguments);
}
