using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// The ground truth for a scan: <c>dotnet build</c> of one target framework of a project with the HttpClientGuard
/// analyzers added, as a project that references the package is built, and the findings from its SARIF log.
/// </summary>
public static class TargetBuild
{
    public static async Task<IReadOnlyList<string>> FindingsAsync(string projectFile, string framework)
    {
        var folder = Path.GetDirectoryName(projectFile)!;
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var analyzers = Path.Combine(Path.GetTempPath(), $"hcg-analyzers-{stamp}.targets");
        var sarif = Path.Combine(Path.GetTempPath(), $"hcg-build-{stamp}.sarif");
        File.WriteAllText(analyzers, $"""
            <Project>
              <ItemGroup>
                <Analyzer Include="{Path.Combine(AppContext.BaseDirectory, "HttpClientGuard.Analyzers.dll")}" />
              </ItemGroup>
            </Project>
            """);
        try
        {
            // Only this target: a sibling target whose reference package the feed lacks must not fail this build.
            var result = await DotnetCommand.RunAsync(
                folder,
                TimeSpan.FromMinutes(5),
                default,
                "build",
                projectFile,
                "-p:TargetFrameworks=" + framework,
                "-p:CustomAfterMicrosoftCommonTargets=" + analyzers,
                "-p:ErrorLog=" + sarif + "%2Cversion%3D2.1",
                "-p:TreatWarningsAsErrors=false");
            Assert.True(result.Succeeded, $"dotnet build of {framework} failed:\n{result.Output}");
            return ExpectedFindings.FromCompilerSarif(sarif, folder);
        }
        finally
        {
            File.Delete(analyzers);
            File.Delete(sarif);
        }
    }
}
