using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Code that never runs, read from the syntax alone: a statement that follows a <c>return</c>, <c>throw</c>, <c>goto</c>,
/// <c>break</c> or <c>continue</c> of its own block (no label between them that a <c>goto</c> could reach), or the body of
/// an <c>if (false)</c>. Nothing made there is made at all, so the per-call and disposal rules stay quiet there
/// (<c>return true;</c> left above a connection check's <c>try</c> while it is disabled). The compiler's own control-flow
/// analysis is not asked: where folder mode lacks a package, a condition over a type that does not bind can make it call
/// reachable code unreachable. Asked just before a diagnostic is reported.
/// </summary>
internal static class UnreachableCode
{
    public static bool Contains(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current?.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    // The function's own body ends the search: a local function declared after a 'return' still runs when called.
                    return false;

                case BlockSyntax block when current is StatementSyntax statement && FollowsAJump(block.Statements, statement):
                    return true;

                case SwitchSectionSyntax section when current is StatementSyntax statement && FollowsAJump(section.Statements, statement):
                    return true;

                case IfStatementSyntax { Condition: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } } branch when current == branch.Statement:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An earlier statement of the list leaves it unconditionally, and no statement from there on carries a label or stands
    /// next to a preprocessor directive (<c>#if DEBUG return false; #endif</c> leaves only in one configuration: the code
    /// after it runs in the others, and is labelled and reported as written).
    /// </summary>
    private static bool FollowsAJump(SyntaxList<StatementSyntax> statements, StatementSyntax statement)
    {
        var index = statements.IndexOf(statement);
        for (var i = index; i >= 0; i--)
        {
            if (statements[i] is LabeledStatementSyntax || HasDirective(statements[i]))
            {
                return false;
            }

            if (i < index && statements[i] is ReturnStatementSyntax or ThrowStatementSyntax or GotoStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDirective(StatementSyntax statement)
    {
        foreach (var trivia in statement.GetLeadingTrivia())
        {
            if (trivia.IsDirective)
            {
                return true;
            }
        }

        return false;
    }
}
