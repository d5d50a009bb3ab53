using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The text gate of the compilation-wide scans: a file that never spells a name cannot declare or
/// use it, and an ordinal search of the text is far cheaper than walking the file's syntax.
/// </summary>
internal static class SourceMentions
{
    public static bool Mentions(this SyntaxTree tree, string word, CancellationToken cancellationToken) =>
        tree.GetText(cancellationToken).ToString().IndexOf(word, StringComparison.Ordinal) >= 0;
}
