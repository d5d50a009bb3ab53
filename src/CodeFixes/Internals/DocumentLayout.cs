using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Options;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The layout a document already has: its line ending, and whether it indents with tabs or spaces and
/// how wide. Fixes format the code they write with these, never with the host's defaults (an LF host
/// writing into a CRLF file leaves it with mixed line endings; a tab-indented file would get spaces).
/// </summary>
internal sealed class DocumentLayout
{
    private DocumentLayout(string? newLine, bool? useTabs, int? indentationSize)
    {
        NewLine = newLine;
        UseTabs = useTabs;
        IndentationSize = indentationSize;
    }

    /// <summary>The line ending most lines use; null when the text has no line break.</summary>
    public string? NewLine { get; }

    /// <summary>Whether most indented lines start with a tab; null when no line is indented.</summary>
    public bool? UseTabs { get; }

    /// <summary>The most common step between the indentation of a line and the deeper one after it (spaces only).</summary>
    public int? IndentationSize { get; }

    /// <summary>The whitespace that starts the line of a node with this leading trivia.</summary>
    public static string Indentation(SyntaxTriviaList leading) =>
        leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1].ToString() : string.Empty;

    public static DocumentLayout Detect(SourceText text)
    {
        var crlf = 0;
        var lf = 0;
        var tabs = 0;
        var spaces = 0;
        var steps = new Dictionary<int, int>();
        var previousIndent = -1;
        foreach (var line in text.Lines)
        {
            var breakLength = line.EndIncludingLineBreak - line.End;
            if (breakLength == 2)
            {
                crlf++;
            }
            else if (breakLength == 1 && text[line.End] == '\n')
            {
                lf++;
            }

            var indent = 0;
            var position = line.Start;
            while (position < line.End && (text[position] == ' ' || text[position] == '\t'))
            {
                position++;
                indent++;
            }

            if (position == line.End)
            {
                // Blank lines say nothing about indentation.
                continue;
            }

            if (indent > 0)
            {
                if (text[line.Start] == '\t')
                {
                    tabs++;
                }
                else
                {
                    spaces++;
                }
            }

            var step = indent - previousIndent;
            if (previousIndent >= 0 && step is >= 2 and <= 8 && text[line.Start] != '\t')
            {
                steps[step] = steps.TryGetValue(step, out var count) ? count + 1 : 1;
            }

            previousIndent = indent;
        }

        var newLine = crlf == 0 && lf == 0 ? null : crlf > lf ? "\r\n" : "\n";
        bool? useTabs = tabs == 0 && spaces == 0 ? null : tabs > spaces;
        int? size = steps.Count == 0 ? null : steps.OrderByDescending(s => s.Value).ThenBy(s => s.Key).First().Key;
        return new DocumentLayout(newLine, useTabs, size);
    }

    /// <summary><paramref name="options"/> with this layout's line ending and indentation where the text shows them.</summary>
    public OptionSet ApplyTo(OptionSet options)
    {
        if (NewLine is not null)
        {
            options = options.WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, NewLine);
        }

        if (UseTabs is { } useTabs)
        {
            options = options.WithChangedOption(FormattingOptions.UseTabs, LanguageNames.CSharp, useTabs);
            if (useTabs)
            {
                // One tab per level, whatever width an editor shows it at.
                var tabSize = options.GetOption(FormattingOptions.TabSize, LanguageNames.CSharp);
                options = options.WithChangedOption(FormattingOptions.IndentationSize, LanguageNames.CSharp, tabSize);
            }
            else if (IndentationSize is { } size)
            {
                options = options.WithChangedOption(FormattingOptions.IndentationSize, LanguageNames.CSharp, size);
            }
        }

        return options;
    }

    /// <summary>The end-of-line trivia of this layout (LF when the text has none).</summary>
    public SyntaxTrivia EndOfLine() => NewLine == "\r\n" ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
}
