using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// Fixture files mark each line that must be reported with a trailing <c>// expect: HCG001</c> (repeated ids for
/// several findings on the line); <c>// expect(project): ...</c> marks code only the project's own settings compile;
/// <c>// expect(netstandard2.0): ...</c> marks code only that target framework's build compiles.
/// </summary>
public static partial class ExpectedFindings
{
    /// <summary>Every marked finding; target-scoped ones included (a scan covers every target).</summary>
    public static IReadOnlyList<string> In(string folder, bool projectMode)
        => Collect(folder, scope => scope != "project" || projectMode);

    /// <summary>What the builds of these target frameworks report, by the markers.</summary>
    public static IReadOnlyList<string> ForTargets(string folder, params string[] frameworks)
        => Collect(folder, scope => scope == "project" || frameworks.Contains(scope, StringComparer.OrdinalIgnoreCase));

    /// <summary>The findings of a SARIF log written by the compiler (<c>-p:ErrorLog=...</c>), as keys relative to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> FromCompilerSarif(string sarifFile, string folder)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(sarifFile));
        var keys = new List<string>();
        foreach (var run in log.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("HCG", StringComparison.Ordinal) || !result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0)
                {
                    continue;
                }

                var location = locations[0].GetProperty("physicalLocation");
                var path = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                keys.Add(Key(id, Path.GetRelativePath(folder, path).Replace('\\', '/'), location.GetProperty("region").GetProperty("startLine").GetInt32()));
            }
        }

        return Sorted(keys.Distinct(StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> Collect(string folder, Func<string?, bool> includes)
    {
        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(IsReadable))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Marker().Match(lines[i]);
                if (!match.Success || (match.Groups["scope"].Success && !includes(match.Groups["scope"].Value)))
                {
                    continue;
                }

                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                expected.AddRange(match.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => Key(id, relative, i + 1)));
            }
        }

        return Sorted(expected);
    }

    /// <summary>The findings of a JSON report as the same "ID file:line" keys.</summary>
    public static IReadOnlyList<string> FromJson(JsonElement report)
        => Sorted(report.GetProperty("findings").EnumerateArray().Select(f => Key(f.GetProperty("ruleId").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32())));

    private static bool IsReadable(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Key(string id, string file, int line) => $"{id} {file}:{line}";

    private static List<string> Sorted(IEnumerable<string> keys) => keys.OrderBy(key => key, StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"// expect(\((?<scope>[a-z0-9.\-]+)\))?: (?<ids>[A-Z]+\d+( [A-Z]+\d+)*)\s*$")]
    private static partial Regex Marker();
}
