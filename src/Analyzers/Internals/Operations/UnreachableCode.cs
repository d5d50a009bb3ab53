using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Code the compiler proves never runs (CS0162): a statement after a <c>return</c>, <c>throw</c> or endless loop of its
/// block, or in a branch a constant condition closes (<c>if (false)</c>). Nothing made there is made at all, so the per-call
/// and disposal rules stay quiet there (<c>return true;</c> left above a connection check's <c>try</c> while it is disabled).
/// Asked just before a diagnostic is reported: one control-flow analysis of the innermost statement of a block around it.
/// </summary>
internal static class UnreachableCode
{
    public static bool Contains(SyntaxNode node, SemanticModel model)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    // An expression-bodied member, lambda or local function, a field initializer: no statement list to be
                    // unreachable in (a local function declared after a 'return' still runs when called).
                    return false;

                case StatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax:
                    // The innermost statement of a statement list: unreachable when its start is (a statement inside an
                    // unreachable one is unreachable too).
                    return model.AnalyzeControlFlow(statement) is { Succeeded: true, StartPointIsReachable: false };
            }
        }

        return false;
    }
}
