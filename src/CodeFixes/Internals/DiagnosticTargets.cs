using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>The node a diagnostic of the creation rules is on, found the same way by every fix and Fix All.</summary>
internal static class DiagnosticTargets
{
    /// <summary>
    /// The creation (<c>new HttpClient(...)</c>, <c>new()</c>) a diagnostic's span starts at, or null: a diagnostic on
    /// something else (a framework factory's call, <c>HttpClientFactory.Create()</c>, maybe an argument of a creation) is not
    /// the enclosing creation's.
    /// </summary>
    public static BaseObjectCreationExpressionSyntax? CreationAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation &&
        creation.SpanStart == span.Start
            ? creation
            : null;
}
