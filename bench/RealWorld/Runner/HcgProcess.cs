using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HttpClientGuard.RealWorld;

/// <summary>One finding of either tool, on a path relative to the repository root.</summary>
internal sealed record ToolFinding(string Tool, string Repo, string RuleId, Family Family, string Path, int Line, bool Fixable, string Message);

/// <summary>What one <c>hcg scan</c> said: findings and the counts the fix measurement needs.</summary>
internal sealed record HcgScan(IReadOnlyList<ToolFinding> Findings, int FilesScanned, int FilesWithUnresolvedReferences, double ElapsedSeconds, string? Error);

/// <summary>
/// Runs the scanner as a user would (<c>hcg scan &lt;folder&gt; --format json</c>). The JSON is read
/// tolerantly: only an id, a file and a line are required of each finding, so the scanner may grow its
/// report without breaking the set.
/// </summary>
internal sealed class HcgProcess
{
    private readonly string _hcg;

    public HcgProcess(string hcg) => _hcg = hcg;

    public static string Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException("hcg not found", explicitPath);
        }

        // The scanner is a project reference: its build output is copied beside the runner.
        var beside = Path.Combine(AppContext.BaseDirectory, "hcg.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("hcg.dll is not beside the runner; pass --hcg <path to hcg.dll>");
    }

    /// <param name="repoRoot">The extracted repository; finding paths are made relative to it.</param>
    /// <param name="folder">The folder to scan, inside <paramref name="repoRoot"/>.</param>
    public HcgScan Scan(string repoName, string repoRoot, string folder, bool fix = false)
    {
        var report = Path.Combine(Path.GetTempPath(), $"hcg-realworld-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            var arguments = new List<string> { _hcg, "scan", folder, "--format", "json", "--no-progress", "--no-package-cache", "--output", report };
            if (fix)
            {
                arguments.Add("--fix");
            }

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (!File.Exists(report))
            {
                return new HcgScan(Array.Empty<ToolFinding>(), 0, 0, 0, $"hcg exited {process.ExitCode}: {stderr.Result.Trim()}");
            }

            var prefix = Path.GetRelativePath(repoRoot, folder).Replace('\\', '/');
            return Parse(repoName, prefix == "." ? string.Empty : prefix + "/", File.ReadAllText(report), repoRoot);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static HcgScan Parse(string repoName, string prefix, string json, string repoRoot)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var findings = new List<ToolFinding>();
        if (root.TryGetProperty("findings", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            for (var i = 0; i < array.GetArrayLength(); i++)
            {
                var item = array[i];
                var id = String(item, "ruleId") ?? String(item, "id");
                var file = String(item, "file") ?? String(item, "path");
                var line = Number(item, "line");
                if (id is null || file is null || line is null || Families.Of(id) is not { } family)
                {
                    continue;
                }

                var fixable = item.TryGetProperty("fixable", out var f) && f.ValueKind == JsonValueKind.True;
                var path = prefix + file.Replace('\\', '/');
                findings.Add(new ToolFinding("hcg", repoName, id, family, path, GitLines.Of(Path.Combine(repoRoot, path), line.Value), fixable, String(item, "message") ?? string.Empty));
            }
        }

        // An analyzer that threw drops its findings for the whole project: named in the report, never silently scored.
        var failures = new List<string>();
        if (root.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Array)
        {
            for (var i = 0; i < notes.GetArrayLength(); i++)
            {
                var note = notes[i];
                if (note.ValueKind == JsonValueKind.String && note.GetString() is { } text && text.StartsWith("analyzer failure", StringComparison.Ordinal))
                {
                    failures.Add(text);
                }
            }
        }

        return new HcgScan(
            findings,
            (int)(Number(root, "filesScanned") ?? 0),
            (int)(Number(root, "filesWithUnresolvedReferences") ?? 0),
            root.TryGetProperty("elapsedSeconds", out var elapsed) && elapsed.ValueKind == JsonValueKind.Number ? elapsed.GetDouble() : 0,
            failures.Count == 0 ? null : string.Join("; ", failures));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), out var n) => n,
            _ => null,
        };
    }
}
