using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// Writes the source files of a repository at its commit from a bare mirror (as the search tool's
/// fetch leaves it: <c>&lt;mirrors&gt;/owner+name/repo</c>) into <c>&lt;work&gt;/&lt;name&gt;</c>.
/// Only what a compilation needs is written (C# files, project and build files): snapshots lack
/// their large blobs, and the set never needs them.
/// </summary>
internal static class Extractor
{
    // Unity's assembly definitions and project version file tell folder mode that loose files are Unity scripts.
    private static readonly string[] s_extensions = { ".cs", ".csproj", ".props", ".targets", ".sln", ".slnx", ".editorconfig", "global.json", ".asmdef", "ProjectSettings/ProjectVersion.txt" };

    // Written after the commit in the marker: a folder extracted with another list of files is extracted again.
    private const string FileList = "files: sources, project files, Unity markers";

    public static string MirrorOf(string mirrors, RepoEntry repo)
    {
        // fetch leaves a bare mirror, or now and then a work tree whose git directory is repo/.git.
        var mirror = Path.Combine(mirrors, repo.Repository.Replace('/', '+'), "repo");
        var workTreeGitDir = Path.Combine(mirror, ".git");
        return Directory.Exists(workTreeGitDir) ? workTreeGitDir : mirror;
    }

    /// <returns>The extracted folder; untouched when it is already there at the same commit.</returns>
    public static string Extract(RepoEntry repo, string mirrors, string work, TextWriter log)
    {
        var target = Path.Combine(work, repo.Name);
        var marker = Path.Combine(work, repo.Name + ".commit");
        if (Directory.Exists(target) && File.Exists(marker) && File.ReadAllText(marker).Trim() == repo.Commit + "\n" + FileList)
        {
            return target;
        }

        var gitDir = MirrorOf(mirrors, repo);
        if (!Directory.Exists(gitDir))
        {
            throw new InvalidOperationException($"{repo.Name}: no mirror at {gitDir}; fetch github:{repo.Repository} first");
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var paths = Git(gitDir, $"ls-tree -r -z --name-only {repo.Commit}")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(path => s_extensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        WriteBlobs(gitDir, repo.Commit, paths, target);
        File.WriteAllText(marker, repo.Commit + "\n" + FileList + "\n");
        log.WriteLine($"extracted {repo.Name} at {repo.Commit[..12]}: {paths.Count} files");
        return target;
    }

    /// <summary>One <c>git cat-file --batch</c> for all files: thousands of files in a second or two.</summary>
    private static void WriteBlobs(string gitDir, string commit, IReadOnlyList<string> paths, string target)
    {
        var start = new ProcessStartInfo("git", $"--git-dir \"{gitDir}\" cat-file --batch")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var writer = new System.Threading.Thread(() =>
        {
            foreach (var path in paths)
            {
                git.StandardInput.Write($"{commit}:{path}\n");
            }

            git.StandardInput.Close();
        });
        writer.Start();
        var output = git.StandardOutput.BaseStream;
        foreach (var path in paths)
        {
            var header = ReadLine(output);
            var parts = header.Split(' ');
            if (parts.Length < 3 || parts[1] != "blob")
            {
                // "<name> missing": a blob the snapshot lacks; a source file never is one.
                Console.Error.WriteLine($"  skipped {path}: {header}");
                continue;
            }

            var size = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var file = Path.Combine(target, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = File.Create(file))
            {
                Copy(output, stream, size);
            }

            output.ReadByte(); // the newline after the content
        }

        writer.Join();
        git.WaitForExit();
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int next;
        while ((next = stream.ReadByte()) is not -1 and not '\n')
        {
            bytes.Add((byte)next);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void Copy(Stream from, Stream to, long count)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("git cat-file ended early");
            }

            to.Write(buffer, 0, read);
            count -= read;
        }
    }

    public static string Git(string gitDir, string arguments)
    {
        var start = new ProcessStartInfo("git", $"--git-dir \"{gitDir}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var stderr = git.StandardError.ReadToEndAsync();
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments}: {stderr.Result.Trim()}");
        }

        return text;
    }
}
