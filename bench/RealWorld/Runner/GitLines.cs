using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// Labels name lines as git counts them (by line feed: what <c>git show | sed -n</c> prints), and the analyzers name them as
/// Roslyn counts them, which also breaks lines at a lone carriage return (and U+0085, U+2028, U+2029). In a file with such
/// a break (an old Mac editor's CR-only lines) the two numbers part; a finding's line is mapped to git's before it is
/// matched, so that a label read in the file as git shows it matches.
/// </summary>
internal static class GitLines
{
    private static readonly ConcurrentDictionary<string, int[]?> s_maps = new();

    /// <summary>The git line (1-based) of the Roslyn line <paramref name="roslynLine"/> (1-based) of <paramref name="file"/>.</summary>
    public static int Of(string file, int roslynLine)
    {
        var map = s_maps.GetOrAdd(file, Build);
        return map is not null && roslynLine >= 1 && roslynLine <= map.Length ? map[roslynLine - 1] : roslynLine;
    }

    // For each Roslyn line, the git line it starts on; null when the two counts agree (no break but CR LF and LF).
    private static int[]? Build(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var text = File.ReadAllText(file);
        var differs = false;
        for (var i = 0; i < text.Length && !differs; i++)
        {
            differs = text[i] is '\u0085' or '\u2028' or '\u2029' || text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n');
        }

        if (!differs)
        {
            return null;
        }

        var starts = new List<int> { 1 };
        var gitLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                gitLine++;
                starts.Add(gitLine);
            }
            else if (c == '\n')
            {
                gitLine++;
                starts.Add(gitLine);
            }
            else if (c is '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                starts.Add(gitLine);
            }
        }

        return starts.ToArray();
    }
}
