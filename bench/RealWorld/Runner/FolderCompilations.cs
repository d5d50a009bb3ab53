using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// The compilations <c>hcg scan &lt;folder&gt;</c> builds (the scanner's own folder-mode loader), for
/// the tools and counts that do not run inside the hcg process.
/// </summary>
internal static class FolderCompilations
{
    public static async Task<IReadOnlyList<Project>> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        // The same loader `hcg scan <folder>` uses: one project per group and target framework, with the
        // project file's settings. The workspace is left to the collector: the projects handed out are
        // snapshots of it, used after this returns.
#pragma warning disable IDISP001
        // No packages from this machine's NuGet cache: the same compilations (and numbers) on every machine.
        var loaded = await WorkspaceLoader.LoadAsync(ScanTarget.Resolve(folder), restore: false, static _ => { }, cancellationToken, usePackageCache: false).ConfigureAwait(false);
#pragma warning restore IDISP001
        return loaded.Projects.Select(project => project.Project).ToList();
    }

    /// <summary>Compiler errors per (relative file, error id), to compare a folder before and after fixes.</summary>
    public static async Task<Dictionary<(string File, string Id), int>> ErrorsAsync(string repoRoot, string folder, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<(string, string), int>();
        foreach (var project in await LoadAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in compilation!.GetDiagnostics(cancellationToken))
            {
                if (diagnostic.Severity != DiagnosticSeverity.Error || diagnostic.Location.SourceTree?.FilePath is not { Length: > 0 } path)
                {
                    continue;
                }

                var key = (System.IO.Path.GetRelativePath(repoRoot, path).Replace('\\', '/'), diagnostic.Id);
                errors[key] = errors.GetValueOrDefault(key) + 1;
            }
        }

        return errors;
    }
}
