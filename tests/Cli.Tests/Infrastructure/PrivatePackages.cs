using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// Every restore and reference-assembly download of this test run goes to a NuGet packages folder of its own
/// (NUGET_PACKAGES, inherited by the scanner's MSBuild and dotnet processes), so no test passes because an
/// earlier run or another project left a package in ~/.nuget/packages.
/// </summary>
internal static class PrivatePackages
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "hcg-tests-packages-" + Guid.NewGuid().ToString("N")[..12]);

#pragma warning disable CA2255 // A test assembly: the environment must be set before any test starts a scan.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Use()
    {
        // The test host may be stopped before ProcessExit cleans up: remove what earlier runs left (not a running one's).
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "hcg-tests-packages-*"))
        {
            if (Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-6))
            {
                TryDelete(stale);
            }
        }

        Directory.CreateDirectory(Folder);
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in the temp folder; a later run removes it.
        }
    }
}
