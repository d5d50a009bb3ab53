using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// The ground truth for a scan: <c>dotnet build</c> of target frameworks of a project with the HttpClientGuard
/// analyzers added, as a project that references the package is built, and the findings of each target from
/// the compiler's SARIF log.
/// </summary>
public static class TargetBuild
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FindingsAsync(string projectFile, params string[] frameworks)
    {
        var folder = Path.GetDirectoryName(projectFile)!;
        var logs = Path.Combine(Path.GetTempPath(), "hcg-build-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        var analyzers = Path.Combine(logs, "analyzers.targets");
        File.WriteAllText(analyzers, $"""
            <Project>
              <PropertyGroup>
                <ErrorLog>{logs}/$(TargetFramework).sarif,version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{Path.Combine(AppContext.BaseDirectory, "HttpClientGuard.Analyzers.dll")}" />
              </ItemGroup>
            </Project>
            """);
        try
        {
            // Only these targets: a sibling target whose reference package the feed lacks must not fail the build.
            var result = await DotnetCommand.RunAsync(
                folder,
                TimeSpan.FromMinutes(5),
                default,
                "build",
                projectFile,
                "-p:TargetFrameworks=\"" + string.Join(";", frameworks) + "\"",
                "-p:CustomAfterMicrosoftCommonTargets=" + analyzers,
                "-p:TreatWarningsAsErrors=false");
            Assert.True(result.Succeeded, $"dotnet build of {string.Join(", ", frameworks)} failed:\n{result.Output}");
            return frameworks.ToDictionary(
                framework => framework,
                framework => ExpectedFindings.FromCompilerSarif(Path.Combine(logs, framework + ".sarif"), folder),
                StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
