using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// Fixture files mark each line that must be reported with a trailing <c>// expect: HCG001</c> (repeated ids for
/// several findings on the line); <c>// expect(project): ...</c> marks code only the project build compiles.
/// </summary>
public static partial class ExpectedFindings
{
    public static IReadOnlyList<string> In(string folder, bool projectMode)
    {
        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(IsReadable))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Marker().Match(lines[i]);
                if (!match.Success || (match.Groups["project"].Success && !projectMode))
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

    [GeneratedRegex(@"// expect(?<project>\(project\))?: (?<ids>[A-Z]+\d+( [A-Z]+\d+)*)\s*$")]
    private static partial Regex Marker();
}
