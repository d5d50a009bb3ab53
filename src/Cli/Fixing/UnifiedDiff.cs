using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Fixing;

/// <summary>
/// A unified diff, as <c>git diff</c> prints it, so <c>--dry-run</c> output reads familiarly and
/// applies with <c>git apply</c>. Line-based longest-common-subsequence between the first and last
/// changed lines (fixes are local, so that region is small).
/// </summary>
public static class UnifiedDiff
{
    private const int ContextLines = 3;

    // Above this many cells the middle region is shown as one replacement rather than spending memory on the table.
    private const long MaxTableCells = 16_000_000;

    public static void Write(TextWriter writer, string displayPath, SourceText before, SourceText after)
    {
        var oldLines = Lines(before);
        var newLines = Lines(after);
        var edits = Edits(oldLines, newLines);
        if (edits.All(edit => edit.Kind == ' '))
        {
            return;
        }

        var path = displayPath.Replace('\\', '/');
        writer.WriteLine($"--- a/{path}");
        writer.WriteLine($"+++ b/{path}");
        foreach (var hunk in Hunks(edits))
        {
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            var oldCount = hunk.Count(edit => edit.Kind != '+');
            var newCount = hunk.Count(edit => edit.Kind != '-');
            writer.WriteLine($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@");
            foreach (var edit in hunk)
            {
                writer.WriteLine(edit.Kind + edit.Text);
            }
        }
    }

    private static string Range(int start, int count) => count == 0 ? $"{start - 1},0" : $"{start},{count}";

    // A final line break ends the last line; it does not start an empty one (as in git).
    private static string[] Lines(SourceText text)
    {
        var lines = text.Lines.Select(line => line.ToString()).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.ToArray();
    }

    /// <summary>Every line of both texts in order: ' ' kept, '-' removed, '+' added, with 1-based line numbers.</summary>
    private static List<(char Kind, string Text, int OldLine, int NewLine)> Edits(string[] oldLines, string[] newLines)
    {
        var prefix = 0;
        while (prefix < oldLines.Length && prefix < newLines.Length && oldLines[prefix] == newLines[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < oldLines.Length - prefix && suffix < newLines.Length - prefix
            && oldLines[oldLines.Length - 1 - suffix] == newLines[newLines.Length - 1 - suffix])
        {
            suffix++;
        }

        var edits = new List<(char, string, int, int)>();
        for (var i = 0; i < prefix; i++)
        {
            edits.Add((' ', oldLines[i], i + 1, i + 1));
        }

        var oldMiddle = oldLines[prefix..(oldLines.Length - suffix)];
        var newMiddle = newLines[prefix..(newLines.Length - suffix)];
        foreach (var (kind, text, oldIndex, newIndex) in MiddleEdits(oldMiddle, newMiddle))
        {
            edits.Add((kind, text, prefix + oldIndex + 1, prefix + newIndex + 1));
        }

        for (var i = 0; i < suffix; i++)
        {
            var oldIndex = oldLines.Length - suffix + i;
            edits.Add((' ', oldLines[oldIndex], oldIndex + 1, newLines.Length - suffix + i + 1));
        }

        return edits;
    }

    private static IEnumerable<(char Kind, string Text, int OldIndex, int NewIndex)> MiddleEdits(string[] oldLines, string[] newLines)
    {
        if ((long)oldLines.Length * newLines.Length > MaxTableCells)
        {
            for (var i = 0; i < oldLines.Length; i++)
            {
                yield return ('-', oldLines[i], i, 0);
            }

            for (var j = 0; j < newLines.Length; j++)
            {
                yield return ('+', newLines[j], oldLines.Length, j);
            }

            yield break;
        }

        // common[i, j] = length of the longest common subsequence of oldLines[i..] and newLines[j..].
        var common = new int[oldLines.Length + 1, newLines.Length + 1];
        for (var i = oldLines.Length - 1; i >= 0; i--)
        {
            for (var j = newLines.Length - 1; j >= 0; j--)
            {
                common[i, j] = oldLines[i] == newLines[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int oldIndex = 0, newIndex = 0;
        while (oldIndex < oldLines.Length || newIndex < newLines.Length)
        {
            if (oldIndex < oldLines.Length && newIndex < newLines.Length && oldLines[oldIndex] == newLines[newIndex])
            {
                yield return (' ', oldLines[oldIndex], oldIndex++, newIndex++);
            }
            else if (newIndex == newLines.Length || (oldIndex < oldLines.Length && common[oldIndex + 1, newIndex] >= common[oldIndex, newIndex + 1]))
            {
                yield return ('-', oldLines[oldIndex], oldIndex++, newIndex);
            }
            else
            {
                yield return ('+', newLines[newIndex], oldIndex, newIndex++);
            }
        }
    }

    /// <summary>Changed lines with up to three kept lines around them; changes closer than that share a hunk.</summary>
    private static IEnumerable<List<(char Kind, string Text, int OldLine, int NewLine)>> Hunks(List<(char Kind, string Text, int OldLine, int NewLine)> edits)
    {
        var changed = Enumerable.Range(0, edits.Count).Where(i => edits[i].Kind != ' ').ToList();
        var start = -1;
        var end = -1;
        foreach (var index in changed)
        {
            var from = Math.Max(0, index - ContextLines);
            var to = Math.Min(edits.Count - 1, index + ContextLines);
            if (start >= 0 && from > end + 1)
            {
                yield return edits.GetRange(start, end - start + 1);
                start = -1;
            }

            if (start < 0)
            {
                start = from;
            }

            end = to;
        }

        if (start >= 0)
        {
            yield return edits.GetRange(start, end - start + 1);
        }
    }
}
