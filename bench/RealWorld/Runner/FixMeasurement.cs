using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// Fix mode: on a scratch copy of each extracted repository, scan, run <c>hcg scan --fix</c>, scan
/// again, and compare. Reports findings before and after, how many the scanner called fixable, compile
/// errors (folder mode) before and after, and for every changed file whether its line endings changed
/// and which changed lines lie away from every fixed finding.
/// </summary>
internal static partial class FixMeasurement
{
    /// <summary>A changed line within this many lines of a finding counts as part of that fix.</summary>
    private const int NearFinding = 2;

    public static async Task RunAsync(IReadOnlyList<RepoEntry> repos, string work, string scratch, HcgProcess hcg, TextWriter report, CancellationToken cancellationToken)
    {
        report.WriteLine("# Fix measurement (hcg scan --fix, folder mode)");
        report.WriteLine();
        report.WriteLine("| repository | findings before | fixable | after | fixed (net) | errors before | errors after | new errors | files changed | line endings changed | lines changed away from findings |");
        report.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var details = new List<string>();
        var totals = new int[9];
        foreach (var repo in repos)
        {
            var original = Path.Combine(work, repo.Name);
            var copy = Path.Combine(scratch, repo.Name);
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }

            CopyTree(original, copy);
            var before = new List<ToolFinding>();
            var after = new List<ToolFinding>();
            var errorsBefore = new Dictionary<(string File, string Id), int>();
            var errorsAfter = new Dictionary<(string File, string Id), int>();
            foreach (var scanFolder in repo.ScanFolders)
            {
                var folder = Path.GetFullPath(Path.Combine(copy, scanFolder));
                before.AddRange(hcg.Scan(repo.Name, copy, folder).Findings);
                Merge(errorsBefore, await FolderCompilations.ErrorsAsync(copy, folder, cancellationToken).ConfigureAwait(false));
                var fixRun = hcg.Scan(repo.Name, copy, folder, fix: true);
                if (fixRun.Error is not null)
                {
                    details.Add($"- {repo.Name}/{scanFolder}: {fixRun.Error}");
                }

                after.AddRange(hcg.Scan(repo.Name, copy, folder).Findings);
                Merge(errorsAfter, await FolderCompilations.ErrorsAsync(copy, folder, cancellationToken).ConfigureAwait(false));
            }

            var newErrors = errorsAfter
                .Where(entry => entry.Value > errorsBefore.GetValueOrDefault(entry.Key))
                .Select(entry => $"{entry.Key.File} {entry.Key.Id} x{entry.Value - errorsBefore.GetValueOrDefault(entry.Key)}")
                .ToList();
            var changed = ChangedFiles(original, copy);
            var endingChanges = 0;
            var awayLines = 0;
            foreach (var file in changed)
            {
                var oldEnding = LineEndings(Path.Combine(original, file));
                var newEnding = LineEndings(Path.Combine(copy, file));
                if (oldEnding != newEnding)
                {
                    endingChanges++;
                    details.Add($"- {repo.Name}/{file}: line endings {oldEnding} -> {newEnding}");
                }

                var findingLines = before.Where(f => f.Path == file).Select(f => f.Line).ToList();
                foreach (var hunk in Hunks(Path.Combine(original, file), Path.Combine(copy, file)))
                {
                    if (findingLines.Any(line => hunk.OldStart - NearFinding <= line && line <= hunk.OldEnd + NearFinding))
                    {
                        continue;
                    }

                    awayLines += Math.Max(hunk.OldCount, hunk.NewCount);
                    details.Add($"- {repo.Name}/{file}:{hunk.OldStart} {hunk.Describe()}");
                }
            }

            foreach (var error in newErrors)
            {
                details.Add($"- {repo.Name}: new compile error {error}");
            }

            var fixable = before.Count(f => f.Fixable);
            var errorsBeforeCount = errorsBefore.Values.Sum();
            var errorsAfterCount = errorsAfter.Values.Sum();
            var row = new[] { before.Count, fixable, after.Count, before.Count - after.Count, errorsBeforeCount, errorsAfterCount, newErrors.Count, changed.Count, endingChanges };
            for (var i = 0; i < row.Length; i++)
            {
                totals[i] += row[i];
            }

            report.WriteLine($"| {repo.Name} | {row[0]} | {row[1]} | {row[2]} | {row[3]} | {row[4]} | {row[5]} | {row[6]} | {row[7]} | {row[8]} | {awayLines} |");
            Console.Error.WriteLine($"fixed {repo.Name}: {before.Count} -> {after.Count} findings, {changed.Count} files changed");
        }

        report.WriteLine($"| total | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | {totals[4]} | {totals[5]} | {totals[6]} | {totals[7]} | {totals[8]} | |");
        report.WriteLine();
        report.WriteLine("Hunks whose changed lines are whitespace only are not listed; a hunk is 'away' when no finding");
        report.WriteLine($"of the scan before the fix lies within {NearFinding} lines of it (a hoisted field or an added using directive is away by nature: read them).");
        report.WriteLine();
        report.WriteLine("## Details");
        foreach (var line in details.DefaultIfEmpty("(nothing to report)"))
        {
            report.WriteLine(line);
        }
    }

    private static void Merge(Dictionary<(string File, string Id), int> into, Dictionary<(string File, string Id), int> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.GetValueOrDefault(key) + value;
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static List<string> ChangedFiles(string original, string copy) =>
        Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(copy, file).Replace('\\', '/'))
            .Where(relative => !File.Exists(Path.Combine(original, relative)) ||
                               !File.ReadAllBytes(Path.Combine(original, relative)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy, relative))))
            .OrderBy(relative => relative, StringComparer.Ordinal)
            .ToList();

    /// <summary>"CRLF", "LF", "mixed" or "none".</summary>
    private static string LineEndings(string file)
    {
        if (!File.Exists(file))
        {
            return "none";
        }

        var bytes = File.ReadAllBytes(file);
        int crlf = 0, lf = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                if (i > 0 && bytes[i - 1] == '\r')
                {
                    crlf++;
                }
                else
                {
                    lf++;
                }
            }
        }

        return (crlf, lf) switch
        {
            (0, 0) => "none",
            (_, 0) => "CRLF",
            (0, _) => "LF",
            _ => "mixed",
        };
    }

    /// <summary>Hunks of <c>git diff --no-index -w --unified=0</c>: changes other than whitespace.</summary>
    private static IEnumerable<Hunk> Hunks(string original, string changed)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "diff", "--no-index", "--no-color", "-w", "--unified=0", File.Exists(original) ? original : "/dev/null", changed })
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Hunk? current = null;
        foreach (var line in text.Split('\n'))
        {
            var header = HunkHeader().Match(line);
            if (header.Success)
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = new Hunk(
                    int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    header.Groups[2].Success ? int.Parse(header.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1,
                    header.Groups[4].Success ? int.Parse(header.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) : 1,
                    new List<string>());
            }
            else if (current is not null && line.Length > 0 && line[0] is '+' or '-')
            {
                current.Lines.Add(line.TrimEnd('\r'));
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();

    private sealed record Hunk(int OldStart, int OldCount, int NewCount, List<string> Lines)
    {
        public int OldEnd => OldStart + Math.Max(OldCount, 1) - 1;

        public string Describe()
        {
            var shown = string.Join(" / ", Lines.Take(3).Select(line => line.Length > 90 ? line[..87] + "..." : line));
            return $"-{OldCount} +{NewCount}: {shown}{(Lines.Count > 3 ? " / ..." : string.Empty)}";
        }
    }
}
