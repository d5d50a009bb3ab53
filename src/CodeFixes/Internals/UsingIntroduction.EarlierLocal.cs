using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// A value assigned to a local declared earlier (<c>HttpResponseMessage response; using (...) { response =
/// await client.PostAsync(...); } if (response.IsSuccessStatusCode) ...</c>): no declaration can take
/// <c>using</c>, so <c>using (response) { ... }</c> (valid in every language version) goes around the
/// statements from the one after the assignment to the last that uses the local. Offered only where
/// that disposes the value on every path once it is no longer used and changes nothing else.
/// </summary>
internal static partial class UsingIntroduction
{
    /// <summary>
    /// The plan for <c>local = flagged;</c>, or null. Required: the local is declared without a value (or
    /// null) in an enclosing block, written only here, never captured; the wrap goes in the innermost block
    /// (from the assignment's own outwards) whose following statements hold every other use; between the
    /// assignment and those statements no loop, lambda or jump out (return, throw, goto, yield, a break
    /// or continue leaving that code) runs, and any use there is in code that runs after the assignment.
    /// </summary>
    private static Plan? PlanEarlierLocal(StatementSyntax statement, BlockSyntax block, ExpressionSyntax flagged, LanguageVersion languageVersion, SemanticModel model, CancellationToken cancellationToken)
    {
        if (statement is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment } ||
            !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ||
            Unparenthesize(assignment.Right) != flagged ||
            model.GetSymbolInfo(target, cancellationToken).Symbol is not ILocalSymbol { IsRef: false, IsConst: false } local ||
            !IsDisposable(local.Type, model.Compilation) ||
            local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax
            {
                Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Parent: BlockSyntax declaringBlock } },
            } declarator ||
            !IsNullOrAbsent(declarator.Initializer, model, cancellationToken) ||
            !declaringBlock.Span.Contains(statement.Span) ||
            ContainsGotoOrLabel(declaringBlock))
        {
            return null;
        }

        // Every other reference: a read, outside any lambda or local function, not in the assignment itself.
        var others = new List<IdentifierNameSyntax>();
        foreach (var identifier in declaringBlock.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier == target || identifier.Identifier.ValueText != local.Name ||
                !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                continue;
            }

            if (IsWrite(identifier) || statement.Span.Contains(identifier.Span) || CrossesFunction(identifier, declaringBlock))
            {
                return null;
            }

            others.Add(identifier);
        }

        // Code between the assignment and the wrapped statements: it runs after the assignment, unwrapped.
        var region = new List<SyntaxNode>();
        StatementSyntax child = statement;
        var wrapBlock = block;
        List<StatementSyntax> following;
        while (true)
        {
            following = wrapBlock.Statements.Skip(wrapBlock.Statements.IndexOf(child) + 1).ToList();
            if (others.All(reference => IsIn(reference, region) || IsIn(reference, following)))
            {
                break;
            }

            if (wrapBlock == declaringBlock || others.Any(reference => child.Span.Contains(reference.Span) && !IsIn(reference, region)))
            {
                return null;
            }

            region.AddRange(following);
            if (NextLevel(wrapBlock, region) is not { } next)
            {
                return null;
            }

            (child, wrapBlock) = next;
        }

        if (following.Count == 0 || region.Any(node => LeavesOrRepeats(node, child)))
        {
            return null;
        }

        var last = 0;
        for (var i = 0; i < following.Count; i++)
        {
            if (others.Any(reference => following[i].Span.Contains(reference.Span)))
            {
                last = i;
            }
        }

        if (others.Count == 0)
        {
            // Never read again: disposed at the end of the block, as a discarded value is.
            last = following.Count - 1;
        }

        last = KeepNamesInScope(following, last);
        var wrapped = following.Take(last + 1).ToList();
        if (wrapped.Any(static s => s is LocalFunctionStatementSyntax || s.ContainsDirectives) ||
            !StartsLine(wrapped[0]) ||
            !wrapped[wrapped.Count - 1].GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
        {
            return null;
        }

        var useAwait = languageVersion >= LanguageVersion.CSharp8 && IsAsyncDisposable(local.Type, model.Compilation) && IsInAsyncFunction(statement, model, cancellationToken);
        return Plan.ForEarlierLocal(statement, flagged, local, wrapped[0], wrapped[wrapped.Count - 1], useAwait);
    }

    /// <summary>
    /// True when the code hands the response's <c>Content</c> itself on (an argument, a returned or stored
    /// value: <c>return new Result(response.StatusCode, response.Content)</c>) rather than reading it:
    /// disposing the response disposes its content, so whoever received it would read a disposed one.
    /// </summary>
    private static bool HandsOnContent(Plan plan, SemanticModel model, CancellationToken cancellationToken)
    {
        IEnumerable<ExpressionSyntax> references;
        switch (plan.Kind)
        {
            case PlanKind.HoistChain:
                references = new[] { plan.Flagged };
                break;
            case PlanKind.DeclareWithUsing or PlanKind.WrapUsesOfEarlierLocal:
                var local = plan.Kind == PlanKind.DeclareWithUsing
                    ? model.GetDeclaredSymbol(((LocalDeclarationStatementSyntax)plan.Statement).Declaration.Variables[0], cancellationToken)
                    : model.GetSymbolInfo(((AssignmentExpressionSyntax)((ExpressionStatementSyntax)plan.Statement).Expression).Left, cancellationToken).Symbol;
                if (local is null || plan.Statement.Parent is not { } scope)
                {
                    return true;
                }

                var body = scope.AncestorsAndSelf().LastOrDefault(static n => n is BlockSyntax or ArrowExpressionClauseSyntax) ?? scope;
                references = body.DescendantNodes().OfType<IdentifierNameSyntax>().Where(identifier =>
                    identifier.Identifier.ValueText == local.Name &&
                    SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local));
                break;
            default:
                return false;
        }

        foreach (var reference in references)
        {
            SyntaxNode value = reference;
            while (value.Parent is ParenthesizedExpressionSyntax)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content when content.Expression == value &&
                    content.Parent is not (MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax) &&
                    !(content.Parent is AssignmentExpressionSyntax assignment && assignment.Left == content):
                case ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Content" } } conditional when conditional.Expression == value:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Extends the wrapped statements so that nothing they declare or assign is read after them: a name
    /// declared inside would go out of scope, and a value taken from the disposed one (its content, a
    /// stream) would be read after disposal. Decided on names, which can only extend the wrap.
    /// </summary>
    private static int KeepNamesInScope(List<StatementSyntax> following, int last)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            var names = new HashSet<string>(following.Take(last + 1).SelectMany(DeclaredOrAssignedNames));
            for (var i = following.Count - 1; i > last; i--)
            {
                if (following[i].DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && names.Contains(t.ValueText)))
                {
                    last = i;
                    changed = true;
                    break;
                }
            }
        }

        return last;
    }

    private static IEnumerable<string> DeclaredOrAssignedNames(StatementSyntax statement)
    {
        foreach (var node in statement.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator:
                    yield return declarator.Identifier.ValueText;
                    break;
                case SingleVariableDesignationSyntax designation:
                    yield return designation.Identifier.ValueText;
                    break;
                case ForEachStatementSyntax forEach:
                    yield return forEach.Identifier.ValueText;
                    break;
                case IdentifierNameSyntax identifier when IsWrite(identifier):
                    yield return identifier.Identifier.ValueText;
                    break;
            }
        }
    }

    /// <summary>
    /// From <paramref name="block"/> to the statement that holds it in an enclosing block, or null when the
    /// way passes a loop (the assignment would run several times), a lambda or a local function. A finally
    /// that runs after the assignment joins <paramref name="region"/>.
    /// </summary>
    private static (StatementSyntax Child, BlockSyntax Block)? NextLevel(BlockSyntax block, List<SyntaxNode> region)
    {
        for (SyntaxNode node = block; node.Parent is { } parent; node = parent)
        {
            switch (parent)
            {
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
                case TryStatementSyntax { Finally: { } @finally } tryStatement when tryStatement.Block == node || node is CatchClauseSyntax:
                    region.Add(@finally.Block);
                    break;
            }

            if (parent is StatementSyntax statement && statement.Parent is BlockSyntax outer)
            {
                return (statement, outer);
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="node"/> may leave <paramref name="scope"/> other than by running to its end:
    /// return, throw, goto, yield, or a break or continue whose loop or switch is outside it.
    /// </summary>
    private static bool LeavesOrRepeats(SyntaxNode node, SyntaxNode scope)
    {
        foreach (var inner in node.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (inner)
            {
                case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax or YieldStatementSyntax:
                    return true;
                case BreakStatementSyntax or ContinueStatementSyntax:
                    var loop = inner.Ancestors().FirstOrDefault(a =>
                        a is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax ||
                        a is SwitchStatementSyntax && inner is BreakStatementSyntax);
                    if (loop is null || !scope.Span.Contains(loop.Span))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsIn(SyntaxNode node, IEnumerable<SyntaxNode> containers) =>
        containers.Any(container => container.Span.Contains(node.Span));

    private static bool IsWrite(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == identifier,
        ArgumentSyntax { Parent: TupleExpressionSyntax } => true,
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        RefExpressionSyntax => true,
        _ => false,
    };

    private static bool CrossesFunction(SyntaxNode node, SyntaxNode until)
    {
        for (var current = node.Parent; current is not null && current != until; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullOrAbsent(EqualsValueClauseSyntax? initializer, SemanticModel model, CancellationToken cancellationToken) =>
        initializer is null ||
        model.GetConstantValue(initializer.Value, cancellationToken) is { HasValue: true, Value: null };

    private static bool IsDisposable(ITypeSymbol type, Compilation compilation) =>
        type is not (IErrorTypeSymbol or { TypeKind: TypeKind.Dynamic }) &&
        compilation.ClassifyConversion(type, compilation.GetSpecialType(SpecialType.System_IDisposable)) is { IsImplicit: true, IsUserDefined: false };

    private static bool StartsLine(StatementSyntax statement) =>
        statement.GetFirstToken().GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);

    /// <summary>
    /// <c>using (local)</c> around the planned statements, written in the document's layout: the header and
    /// braces at the statements' indentation, the statements one level deeper and otherwise untouched.
    /// </summary>
    private static SyntaxNode WrapUses(SyntaxNode root, Plan plan)
    {
        var first = plan.WrapFirst is null ? null : root.GetCurrentNode(plan.WrapFirst);
        var lastNode = plan.WrapLast is null ? null : root.GetCurrentNode(plan.WrapLast);
        if (first?.Parent is not BlockSyntax block || lastNode is null)
        {
            return root;
        }

        // A plan applied before this one may have put the last statement under a using of its own.
        var last = lastNode.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
        var start = block.Statements.IndexOf(first);
        var end = last is null ? -1 : block.Statements.IndexOf(last);
        if (end < start)
        {
            return root;
        }

        var moved = block.Statements.Skip(start).Take(end - start + 1).ToList();
        var body = moved.Select((statement, i) => i == 0 ? statement.WithoutLeadingTrivia() : statement).ToList();
        var usingStatement = BuildUsing(root, block, first.GetLeadingTrivia(), null, IdentifierName(plan.Name), plan.UseAwait, body, moved[moved.Count - 1].GetTrailingTrivia());
        var statements = block.Statements.Take(start).Append(usingStatement).Concat(block.Statements.Skip(end + 1));
        return root.ReplaceNode(block, block.WithStatements(List(statements)));
    }

    /// <summary>
    /// The statement form for <paramref name="statement"/> (a declaration, or a value given a local) and the
    /// statements after it, in the document's layout; null when the code is not laid out one statement a line.
    /// </summary>
    private static UsingStatementSyntax? UsingStatementInLayout(SyntaxNode root, StatementSyntax statement, VariableDeclarationSyntax declaration, List<StatementSyntax> body)
    {
        if (statement.Parent is not BlockSyntax block || !StartsLine(statement) ||
            !(body.Count > 0 ? body[body.Count - 1] : statement).GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
        {
            return null;
        }

        if (body.Count > 0)
        {
            // No blank line right after the opening brace.
            var leading = body[0].GetLeadingTrivia().ToList();
            while (leading.Count > 0 && leading[0].IsKind(SyntaxKind.EndOfLineTrivia) ||
                   leading.Count > 1 && leading[0].IsKind(SyntaxKind.WhitespaceTrivia) && leading[1].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                leading.RemoveRange(0, leading[0].IsKind(SyntaxKind.EndOfLineTrivia) ? 1 : 2);
            }

            body[0] = body[0].WithLeadingTrivia(leading);
        }

        var closing = (body.Count > 0 ? body[body.Count - 1] : statement).GetTrailingTrivia();
        return BuildUsing(root, block, statement.GetLeadingTrivia(), declaration, null, useAwait: false, body, closing);
    }

    /// <summary>
    /// <c>using (resource) { body }</c> with explicit trivia: the header and braces at the indentation of the
    /// line it replaces, each body statement one level deeper and otherwise as written (the first one's own
    /// leading trivia is replaced), the file's line ending; nothing left for a formatter to re-flow.
    /// </summary>
    private static UsingStatementSyntax BuildUsing(SyntaxNode root, BlockSyntax block, SyntaxTriviaList leading, VariableDeclarationSyntax? declaration, ExpressionSyntax? expression, bool useAwait, List<StatementSyntax> body, SyntaxTriviaList closingTrailing)
    {
        var layout = DocumentLayout.Detect(root.GetText());
        var endOfLine = layout.EndOfLine();
        var indent = DocumentLayout.Indentation(leading);
        var unit = IndentationUnit(block, indent, layout);
        var indented = new List<StatementSyntax>(body.Count);
        for (var i = 0; i < body.Count; i++)
        {
            var statement = body[i];
            if (i == 0 && statement.GetLeadingTrivia() is var firstLeading && (firstLeading.Count == 0 || !firstLeading[0].IsKind(SyntaxKind.WhitespaceTrivia)))
            {
                statement = statement.WithLeadingTrivia(firstLeading.Insert(0, Whitespace(indent)));
            }

            if (i == body.Count - 1)
            {
                statement = statement.WithTrailingTrivia(endOfLine);
            }

            indented.Add(Indent(statement, unit));
        }

        var usingStatement = UsingStatement(
            Token(useAwait ? TriviaList() : leading, SyntaxKind.UsingKeyword, TriviaList(Space)),
            Token(SyntaxKind.OpenParenToken).WithoutTrivia(),
            declaration,
            expression,
            Token(TriviaList(), SyntaxKind.CloseParenToken, TriviaList(endOfLine)),
            Block(
                Token(TriviaList(Whitespace(indent)), SyntaxKind.OpenBraceToken, TriviaList(endOfLine)),
                List(indented),
                Token(TriviaList(Whitespace(indent)), SyntaxKind.CloseBraceToken, closingTrailing)));
        return useAwait
            ? usingStatement.WithAwaitKeyword(Token(leading, SyntaxKind.AwaitKeyword, TriviaList(Space)))
            : usingStatement;
    }

    /// <summary>One indentation level: how much deeper the block's statements sit than its brace, else the document's.</summary>
    private static string IndentationUnit(BlockSyntax block, string statementIndent, DocumentLayout layout)
    {
        var braceIndent = block.OpenBraceToken.LeadingTrivia.Count > 0 && block.OpenBraceToken.LeadingTrivia.Last().IsKind(SyntaxKind.WhitespaceTrivia)
            ? block.OpenBraceToken.LeadingTrivia.Last().ToString()
            : null;
        if (braceIndent is not null && statementIndent.Length > braceIndent.Length && statementIndent.StartsWith(braceIndent, System.StringComparison.Ordinal))
        {
            return statementIndent.Substring(braceIndent.Length);
        }

        return layout.UseTabs == true ? "\t" : new string(' ', layout.IndentationSize ?? 4);
    }

    /// <summary>
    /// Adds <paramref name="unit"/> at the start of every line of <paramref name="statement"/> that starts in
    /// its trivia (blank lines, and lines inside comments and string literals, keep their text).
    /// </summary>
    private static StatementSyntax Indent(StatementSyntax statement, string unit)
    {
        var first = statement.GetFirstToken();
        return statement.ReplaceTokens(statement.DescendantTokens(), (original, rewritten) =>
        {
            var atLineStart = original == first || original.GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
            var leading = rewritten.LeadingTrivia;
            var changed = new List<SyntaxTrivia>(leading.Count + 1);
            for (var i = 0; i < leading.Count; i++)
            {
                var trivia = leading[i];
                var lineStart = i == 0 ? atLineStart : leading[i - 1].IsKind(SyntaxKind.EndOfLineTrivia);
                var next = i + 1 < leading.Count ? leading[i + 1] : default;
                if (lineStart && trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !next.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    changed.Add(Whitespace(unit + trivia.ToString()));
                    continue;
                }

                if (lineStart && !trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia) && !trivia.IsDirective)
                {
                    changed.Add(Whitespace(unit));
                }

                changed.Add(trivia);
            }

            if (atLineStart && leading.Count == 0 || leading.Count > 0 && leading.Last().IsKind(SyntaxKind.EndOfLineTrivia))
            {
                // The token itself starts the line, at column 0.
                changed.Add(Whitespace(unit));
            }

            return rewritten.WithLeadingTrivia(changed);
        });
    }
}
