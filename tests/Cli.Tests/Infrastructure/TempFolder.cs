using System;
using System.IO;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp directory, outside the repository so its Directory.Build.props never applies.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hcg-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

    /// <summary>Copies a checked-in fixture folder (from the test output's Fixtures/) into a new temp folder.</summary>
    public static TempFolder WithFixture(string fixtureName)
    {
        var folder = new TempFolder();
        CopyDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", fixtureName), folder.Path);
        return folder;
    }

    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyDirectory(directory, System.IO.Path.Combine(destination, name));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A scan's MSBuild host may still hold obj/ for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
