using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// The real-code accuracy set's runner: extract each repository at its commit, scan it with hcg and
/// IDisposableAnalyzers, match the findings to the labels, print precision and recall per family.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: HttpClientGuard.RealWorld.Runner [scan|fix] --work <folder> [options]

          scan (default)   extract, scan with hcg and IDisposableAnalyzers, score against the labels
          fix              copy each extracted repository to --scratch, run 'hcg scan --fix', rescan,
                           and measure findings, fixes, compile errors and the diff

          --work <folder>      where repositories are extracted (one folder per repository, reused when
                               already extracted at the recorded commit)
          --mirrors <folder>   bare git mirrors as fetched, <folder>/<owner>+<name>/repo (default /work/.mirror)
          --set <name|folder>  which accuracy set: 'main' (default: bench/RealWorld above here), 'holdout'
                               (bench/RealWorld/holdout, the held-out set; see the README before reading it),
                               or a folder holding repos.tsv and labels/
          --repos <a,b,...>    only these repositories
          --hcg <hcg.dll>      the scanner to run (default: the one built beside this runner)
          --no-idisposable     do not run IDisposableAnalyzers
          --scratch <folder>   fix mode: where the copies are fixed (default <work>-fix)
          --output <file>      also write the report to this file
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            if (options is null)
            {
                Console.WriteLine(Usage);
                return 2;
            }

            var all = AccuracySet.ReadRepos(Path.Combine(options.Set, "repos.tsv"));
            var unknown = options.Only.Where(name => all.All(repo => repo.Name != name)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"not in {Path.Combine(options.Set, "repos.tsv")}: {string.Join(", ", unknown)}");
            }

            var repos = all.Where(repo => options.Only.Count == 0 || options.Only.Contains(repo.Name)).ToList();
            Directory.CreateDirectory(options.Work);
            foreach (var repo in repos)
            {
                Extractor.Extract(repo, options.Mirrors, options.Work, Console.Error);
            }

            var hcg = new HcgProcess(HcgProcess.Locate(options.Hcg));
            using var report = new StringWriter();
            if (options.Fix)
            {
                await FixMeasurement.RunAsync(repos, options.Work, options.Scratch, hcg, report, CancellationToken.None);
            }
            else
            {
                await ScanAsync(repos, options, hcg, report);
            }

            Console.Write(report.ToString());
            if (options.Output is not null)
            {
                File.WriteAllText(options.Output, report.ToString());
            }

            return 0;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine("runner: " + ex.Message);
            return 2;
        }
    }

    private static async Task ScanAsync(IReadOnlyList<RepoEntry> repos, Options options, HcgProcess hcg, TextWriter report)
    {
        var idisposable = options.RunIDisposable ? IDisposableAnalyzersRun.Load() : null;
        var labels = new List<SiteLabel>();
        var ours = new List<ToolFinding>();
        var theirs = new List<ToolFinding>();
        var timing = new List<string>();
        var total = Stopwatch.StartNew();
        foreach (var repo in repos)
        {
            var root = Path.Combine(options.Work, repo.Name);
            labels.AddRange(AccuracySet.ReadLabels(Path.Combine(options.Set, "labels"), repo.Name));
            foreach (var scanFolder in repo.ScanFolders)
            {
                var folder = Path.GetFullPath(Path.Combine(root, scanFolder));
                var watch = Stopwatch.StartNew();
                var scan = hcg.Scan(repo.Name, root, folder);
                if (scan.Error is not null)
                {
                    report.WriteLine($"> {repo.Name}/{scanFolder}: {scan.Error}");
                }

                ours.AddRange(scan.Findings);
                var hcgSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                if (idisposable is not null)
                {
                    // A folder IDisposableAnalyzers has not finished within the limit (its walk may not see the token) is left
                    // behind, named in the report, its findings missing.
                    using var limit = new CancellationTokenSource(IDisposableAnalyzersRun.PerFolderLimit);
                    var run = idisposable.ScanAsync(repo.Name, root, folder, limit.Token);
                    if (await Task.WhenAny(run, Task.Delay(IDisposableAnalyzersRun.PerFolderLimit + TimeSpan.FromSeconds(10))) == run && run.Status == TaskStatus.RanToCompletion)
                    {
                        theirs.AddRange(run.Result);
                    }
                    else
                    {
                        idisposable.NoteTimedOut($"{repo.Name}/{scanFolder} (whole folder)");
                        Console.Error.WriteLine($"IDisposableAnalyzers: {repo.Name}/{scanFolder} not analysed within {IDisposableAnalyzersRun.PerFolderLimit.TotalSeconds:0} s; its findings are missing");
                    }
                }

                timing.Add($"{repo.Name}/{scanFolder}: {scan.FilesScanned} files, {scan.FilesWithUnresolvedReferences} with unresolved references; hcg {hcgSeconds:0.0} s, IDisposableAnalyzers {watch.Elapsed.TotalSeconds:0.0} s");
                Console.Error.WriteLine("scanned " + timing[^1]);
            }
        }

        var scorings = new List<Scoring> { Scoring.Score("hcg", labels, ours) };
        if (idisposable is not null)
        {
            scorings.Add(Scoring.Score($"IDisposableAnalyzers {idisposable.Version}", labels, theirs));
        }

        report.WriteLine("# Real-code accuracy set");
        report.WriteLine();
        report.WriteLine($"Set: `{options.Set}`.");
        report.WriteLine();
        report.WriteLine($"{repos.Count} repositories, {labels.Count} labelled sites ({labels.Count(l => l.IsQuiet)} quiet; {labels.Count(l => l.Labelled == "after-run")} labelled after a run).");
        report.WriteLine();
        report.WriteLine("| family | sites (reported / quiet) | tool | TP | FP | FN | precision | recall |");
        report.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var family in Families.All)
        {
            var positive = labels.Count(l => l.Family == family && !l.IsQuiet);
            var quiet = labels.Count(l => l.Family == family && l.IsQuiet);
            foreach (var scoring in scorings)
            {
                var hasRule = scoring.Tool == "hcg" || family is Family.Construction or Family.Disposal;
                var (tp, fp, fn, _) = scoring.Counts(family);
                report.WriteLine(hasRule
                    ? $"| {Families.Name(family)} | {positive} / {quiet} | {scoring.Tool} | {tp} | {fp} | {fn} | {Scoring.Ratio(tp, tp + fp)} | {Scoring.Ratio(tp, tp + fn)} |"
                    : $"| {Families.Name(family)} | {positive} / {quiet} | {scoring.Tool} | - | - | - | no such rule | no such rule |");
            }
        }

        report.WriteLine();
        foreach (var scoring in scorings)
        {
            scoring.WriteDetails(report);
        }

        report.WriteLine("## Scans");
        foreach (var line in timing)
        {
            report.WriteLine("- " + line);
        }

        report.WriteLine($"- total {total.Elapsed.TotalSeconds:0} s");
        if (idisposable is { TimedOut.Count: > 0 })
        {
            report.WriteLine();
            report.WriteLine($"IDisposableAnalyzers did not finish these files within {IDisposableAnalyzersRun.PerFileLimit.TotalSeconds:0} s each (folders within {IDisposableAnalyzersRun.PerFolderLimit.TotalSeconds:0} s); its findings in them are missing:");
            foreach (var file in idisposable.TimedOut)
            {
                report.WriteLine("- " + file);
            }
        }
    }

    private sealed record Options(string Work, string Mirrors, string Set, HashSet<string> Only, string? Hcg, bool RunIDisposable, bool Fix, string Scratch, string? Output)
    {
        public static Options? Parse(string[] args)
        {
            string? work = null, set = null, hcg = null, scratch = null, output = null;
            var mirrors = "/work/.mirror";
            var only = new HashSet<string>(StringComparer.Ordinal);
            bool runIDisposable = true, fix = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "scan": break;
                    case "fix": fix = true; break;
                    case "--work": work = Next(); break;
                    case "--mirrors": mirrors = Next(); break;
                    case "--set": set = Next(); break;
                    case "--repos": only.UnionWith(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                    case "--hcg": hcg = Next(); break;
                    case "--no-idisposable": runIDisposable = false; break;
                    case "--scratch": scratch = Next(); break;
                    case "--output": output = Next(); break;
                    default: return null;
                }
            }

            if (work is null)
            {
                return null;
            }

            work = Path.GetFullPath(work);
            return new Options(work, mirrors, ResolveSet(set), only, hcg, runIDisposable, fix, Path.GetFullPath(scratch ?? work.TrimEnd('/') + "-fix"), output);
        }

        /// <summary>
        /// A set is named ('main', 'holdout': folders of bench/RealWorld above the current folder) or given as a
        /// folder. The held-out set lives in its own folder so that its labels are never read by default.
        /// </summary>
        private static string ResolveSet(string? set)
        {
            if (set is null || set == "main" || set == "holdout")
            {
                var main = FindMainSet() ?? throw new FormatException("bench/RealWorld/repos.tsv not found above the current folder; pass --set <folder>");
                return set == "holdout" ? RequireSet(Path.Combine(main, "holdout")) : main;
            }

            return RequireSet(Path.GetFullPath(set));
        }

        private static string RequireSet(string folder) =>
            File.Exists(Path.Combine(folder, "repos.tsv"))
                ? folder
                : throw new FormatException($"no repos.tsv in {folder}");

        private static string? FindMainSet()
        {
            for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "bench", "RealWorld");
                if (File.Exists(Path.Combine(candidate, "repos.tsv")))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
