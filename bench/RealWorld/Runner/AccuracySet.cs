using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HttpClientGuard.RealWorld;

/// <summary>One public repository of the set, at the commit its labels were made on.</summary>
/// <param name="Name">Folder name under the work folder and name of its labels file.</param>
/// <param name="Repository">GitHub owner/name.</param>
/// <param name="ScanFolders">Folders (relative to the repository root) that are scanned, each as one <c>hcg scan</c>.</param>
internal sealed record RepoEntry(string Name, string Repository, string Commit, string Kind, IReadOnlyList<string> ScanFolders);

/// <summary>A site a person labelled by reading it: what a careful reviewer expects the analyzers to say there.</summary>
/// <param name="Path">Relative to the repository root, '/' separated.</param>
/// <param name="FirstLine">1-based; a statement that spans lines may be labelled as a range.</param>
/// <param name="Expected">A rule id, or "none" for a site that must stay quiet.</param>
/// <param name="Labelled">"before-run", or "after-run" for a finding read and labelled after the analyzers ran.</param>
internal sealed record SiteLabel(
    string Repo,
    string Path,
    int FirstLine,
    int LastLine,
    string Expected,
    Family Family,
    string Labelled,
    string Reason)
{
    public bool IsQuiet => string.Equals(Expected, "none", StringComparison.OrdinalIgnoreCase);

    public bool Covers(string path, int line) =>
        string.Equals(Path, path, StringComparison.Ordinal) && line >= FirstLine && line <= LastLine;

    public string Where => FirstLine == LastLine ? $"{Path}:{FirstLine}" : $"{Path}:{FirstLine}-{LastLine}";
}

/// <summary>Reads bench/RealWorld/repos.tsv and labels/*.tsv (tab-separated, '#' comments, one header row).</summary>
internal static class AccuracySet
{
    public static IReadOnlyList<RepoEntry> ReadRepos(string file)
    {
        var repos = new List<RepoEntry>();
        foreach (var cells in Rows(file))
        {
            // name, repository, commit, kind, frameworks, langversion, scan, why
            Require(cells, 7, file);
            var scan = cells[6].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            repos.Add(new RepoEntry(cells[0], cells[1], cells[2], cells[3], scan.Length == 0 ? new[] { "." } : scan));
        }

        return repos;
    }

    public static IReadOnlyList<SiteLabel> ReadLabels(string folder, string repo)
    {
        var file = System.IO.Path.Combine(folder, repo + ".tsv");
        if (!File.Exists(file))
        {
            return Array.Empty<SiteLabel>();
        }

        var labels = new List<SiteLabel>();
        foreach (var cells in Rows(file))
        {
            // path, line, expected, family, labelled, reason
            Require(cells, 6, file);
            var (first, last) = Lines(cells[1], file);
            var family = Families.Parse(cells[3]) ?? throw new FormatException($"{file}: unknown family '{cells[3]}'");
            var expected = cells[2];
            if (!string.Equals(expected, "none", StringComparison.OrdinalIgnoreCase) && Families.Of(expected) != family)
            {
                throw new FormatException($"{file}: {cells[0]}:{cells[1]} expects {expected}, which is not in family {cells[3]}");
            }

            labels.Add(new SiteLabel(repo, cells[0], first, last, expected, family, cells[4], cells[5]));
        }

        return labels;
    }

    private static (int First, int Last) Lines(string text, string file)
    {
        var parts = text.Split('-');
        if (parts.Length is 1 or 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
            (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var last = parts.Length == 1 ? first : int.Parse(parts[1], CultureInfo.InvariantCulture);
            return (first, Math.Max(first, last));
        }

        throw new FormatException($"{file}: bad line '{text}'");
    }

    private static IEnumerable<string[]> Rows(string file)
    {
        var header = true;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            yield return line.Split('\t').Select(cell => cell.Trim()).ToArray();
        }
    }

    private static void Require(string[] cells, int count, string file)
    {
        if (cells.Length < count)
        {
            throw new FormatException($"{file}: a row has {cells.Length} cells, expected {count}: {string.Join(" | ", cells)}");
        }
    }
}
