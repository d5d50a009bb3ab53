using System;
using System.IO;

namespace HttpClientGuard.Cli.Loading;

public enum TargetKind
{
    Solution,
    Project,
    Folder,
}

/// <summary>What the user pointed the scanner at, checked to exist.</summary>
public sealed record ScanTarget(TargetKind Kind, string FullPath, string RootDirectory, bool IsBundledSample)
{
    /// <summary>Where the sample service is copied next to the scanner (see the project file).</summary>
    public static string BundledSampleDirectory => Path.Combine(AppContext.BaseDirectory, "sample", "LeakyService");

    public static ScanTarget Resolve(string? path)
    {
        if (path is null)
        {
            var sample = BundledSampleDirectory;
            if (!Directory.Exists(sample))
            {
                throw new UserInputException($"the bundled sample is missing from {sample}; pass a path to scan");
            }

            return new ScanTarget(TargetKind.Folder, sample, sample, IsBundledSample: true);
        }

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            return new ScanTarget(TargetKind.Folder, fullPath, fullPath, IsBundledSample: false);
        }

        if (!File.Exists(fullPath))
        {
            throw new UserInputException($"path not found: {path}");
        }

        var kind = Path.GetExtension(fullPath).ToLowerInvariant() switch
        {
            ".sln" or ".slnx" => TargetKind.Solution,
            ".csproj" => TargetKind.Project,
            _ => throw new UserInputException($"cannot scan '{path}': expected a .sln, .slnx or .csproj file, or a folder"),
        };
        return new ScanTarget(kind, fullPath, Path.GetDirectoryName(fullPath)!, IsBundledSample: false);
    }
}
