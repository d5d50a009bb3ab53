using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using HttpClientGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// Puts a value that must be disposed under <c>using</c>: the declaration form from C# 8 (with
/// <c>await using</c> in async code when the type is IAsyncDisposable), the statement form that
/// wraps the rest of the block before that. Discarded values and chains get a local first. Each
/// diagnostic becomes a <see cref="Plan"/> computed on the original document; plans are then applied
/// last-to-first over one tree, so Fix All nests using statements exactly as repeated single fixes do.
/// A value assigned to a local declared earlier gets <c>using (local) { ... }</c> around its uses
/// (<see cref="PlanEarlierLocal"/>).
/// </summary>
internal static partial class UsingIntroduction
{
    public static async Task<ImmutableArray<Plan>> PlanAsync(Document document, IEnumerable<Diagnostic> diagnostics, string baseName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return ImmutableArray<Plan>.Empty;
        }

        var languageVersion = LinkedTargets.LowestLanguageVersion(document);
        var plans = ImmutableArray.CreateBuilder<Plan>();
        var namesTakenPerMember = new Dictionary<SyntaxNode, HashSet<string>>();
        foreach (var diagnostic in diagnostics.OrderBy(static d => DisposalVerdict.FixedAt(d).Start))
        {
            if (!diagnostic.Properties.TryGetValue(DisposalVerdict.FateProperty, out var fateText) ||
                !Enum.TryParse<ValueFate>(fateText, out var fate) ||
                root.FindNode(DisposalVerdict.FixedAt(diagnostic), getInnermostNodeForTie: true) is not ExpressionSyntax flagged)
            {
                continue;
            }

            var plan = CreatePlan(flagged, fate, languageVersion, model, cancellationToken);
            if (plan is null || plans.Any(existing => existing.Statement == plan.Statement) || HandsOnContent(plan, model, cancellationToken))
            {
                continue;
            }

            if (plan.NeedsName)
            {
                var member = EnclosingMember(plan.Statement);
                if (!namesTakenPerMember.TryGetValue(member, out var taken))
                {
                    taken = new HashSet<string>(member.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText), StringComparer.Ordinal);
                    namesTakenPerMember.Add(member, taken);
                }

                var name = baseName;
                for (var suffix = 1; taken.Contains(name); suffix++)
                {
                    name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                taken.Add(name);
                plan.Name = name;
            }

            plan.DisposedType ??= model.GetTypeInfo(plan.Flagged, cancellationToken).Type;
            if (plan.UseAwait && plan.DisposedType is { } disposedType &&
                !await LinkedTargets.EveryLinkedTargetHasAsyncDisposalAsync(document, disposedType, cancellationToken).ConfigureAwait(false))
            {
                // Another target framework of the file (a linked document) has no DisposeAsync on this type.
                plan.UseAwait = false;
            }

            plans.Add(plan);
        }

        return plans.ToImmutable();
    }

    public static SyntaxNode Apply(SyntaxNode root, ImmutableArray<Plan> plans)
    {
        var tracked = root.TrackNodes(plans.SelectMany(static plan => plan.NodesToTrack()));
        foreach (var plan in plans.OrderByDescending(static plan => plan.Statement.SpanStart))
        {
            tracked = plan.ApplyTo(tracked);
        }

        return tracked;
    }

    // languageVersion: the lowest C# version the file is compiled with, over its linked documents.
    private static Plan? CreatePlan(ExpressionSyntax flagged, ValueFate fate, LanguageVersion languageVersion, SemanticModel model, CancellationToken cancellationToken)
    {
        var statement = flagged.FirstAncestorOrSelf<StatementSyntax>();
        if (statement?.Parent is not BlockSyntax block || ContainsGotoOrLabel(block))
        {
            return null;
        }

        var useDeclaration = languageVersion >= LanguageVersion.CSharp8;
        if (!useDeclaration && FollowingStatements(block, statement).Any(static s => s is LocalFunctionStatementSyntax))
        {
            // Moving a local function into the using block would hide it from the statements before.
            return null;
        }

        var type = model.GetTypeInfo(flagged, cancellationToken).Type;
        if (type is null or { TypeKind: TypeKind.Error } || WellKnownTypes.TryCreate(model.Compilation) is not { } types || types.TaskResult(type) is not null)
        {
            // A task dropped unread (its response never observed) or a value whose type did not bind: 'using' over
            // it would dispose the task, or not compile; no rewrite keeps behaviour and disposes the response.
            return null;
        }

        var asyncDisposable = types.IsAsyncDisposable(type);
        if (!asyncDisposable && !types.IsDisposable(type))
        {
            // A tuple that holds the response ('await SendAsync(request);' returning '(HttpResponseMessage, string)'):
            // 'using' over it would not compile.
            return null;
        }

        var useAwait = useDeclaration && asyncDisposable && IsInAsyncFunction(statement, model, cancellationToken);
        switch (fate)
        {
            case ValueFate.NotDisposed:
            case ValueFate.NotDisposedOnEveryPath:
                if (statement is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, UsingKeyword.RawKind: 0, IsConst: false } declaration &&
                    declaration.Declaration.Variables[0].Initializer?.Value.Span.Contains(flagged.Span) == true &&
                    model.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken) is ILocalSymbol local &&
                    !IsWrittenAfterDeclaration(local, block, model, cancellationToken) &&
                    !IsCapturedByFunction(local, block, model, cancellationToken))
                {
                    return new Plan(PlanKind.DeclareWithUsing, statement, flagged, useDeclaration, useAwait);
                }

                return PlanEarlierLocal(statement, block, flagged, languageVersion, model, cancellationToken);

            case ValueFate.Discarded:
                if (statement is ExpressionStatementSyntax expressionStatement &&
                    (Unparenthesize(expressionStatement.Expression) == flagged ||
                     expressionStatement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard && Unparenthesize(discard.Right) == flagged))
                {
                    return new Plan(PlanKind.KeepDiscarded, statement, flagged, useDeclaration, useAwait);
                }

                return null;

            case ValueFate.Chained:
                return IsEvaluatedFirst(flagged, statement)
                    ? new Plan(PlanKind.HoistChain, statement, flagged, useDeclaration, useAwait)
                    : null;

            default:
                return null;
        }
    }

    /// <summary>
    /// Hoisting <paramref name="flagged"/> before its statement keeps behaviour only when nothing in
    /// the statement runs before it: it must be the innermost receiver of the statement's first
    /// expression, reached through member accesses, invocations on it, awaits and parentheses.
    /// </summary>
    private static bool IsEvaluatedFirst(ExpressionSyntax flagged, StatementSyntax statement)
    {
        SyntaxNode child = flagged;
        for (var parent = flagged.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case AwaitExpressionSyntax:
                    continue;
                case MemberAccessExpressionSyntax memberAccess when memberAccess.Expression == child:
                case InvocationExpressionSyntax invocation when invocation.Expression == child:
                case ConditionalAccessExpressionSyntax conditionalAccess when conditionalAccess.Expression == child:
                case ElementAccessExpressionSyntax elementAccess when elementAccess.Expression == child:
                case BinaryExpressionSyntax binary when binary.Left == child:
                case ConditionalExpressionSyntax conditional when conditional.Condition == child:
                case CastExpressionSyntax:
                case ArgumentSyntax argument when IsFirstArgumentEvaluatedFirst(argument):
                case ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax }:
                case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList == child:
                case InvocationExpressionSyntax call when call.ArgumentList == child:
                    // Each of these evaluates the flagged operand before anything else it contains.
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } when declarator.Parent is VariableDeclarationSyntax { Variables: { } variables } && variables[0] == declarator:
                    return statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 };
                case AssignmentExpressionSyntax assignment when assignment.Right == child && assignment.Left is IdentifierNameSyntax && assignment.Parent == statement:
                    return true;
                case ExpressionStatementSyntax when parent == statement:
                case ReturnStatementSyntax when parent == statement:
                case ThrowStatementSyntax when parent == statement:
                    return true;
                case IfStatementSyntax ifStatement when parent == statement && ifStatement.Condition == child:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The first argument of <c>new T(...)</c>, or of a call whose target is a plain name or a member
    /// of a local, <c>this</c> or a type: nothing with side effects runs before it.
    /// </summary>
    private static bool IsFirstArgumentEvaluatedFirst(ArgumentSyntax argument)
    {
        if (argument.Parent is not ArgumentListSyntax list || list.Arguments[0] != argument)
        {
            return false;
        }

        return list.Parent switch
        {
            BaseObjectCreationExpressionSyntax => true,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax } => true,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax or PredefinedTypeSyntax } } => true,
            _ => false,
        };
    }

    /// <summary>
    /// A lambda or local function that reads the local may run after the block ends (a callback kept by the call it is
    /// given to): disposing at the end of the block could change what it sees, so no 'using' is added.
    /// </summary>
    private static bool IsCapturedByFunction(ILocalSymbol local, BlockSyntax block, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == local.Name &&
                identifier.Ancestors().TakeWhile(a => a != block).Any(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWrittenAfterDeclaration(ILocalSymbol local, BlockSyntax block, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name)
            {
                continue;
            }

            var written = identifier.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == identifier,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword),
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                RefExpressionSyntax => true,
                _ => false,
            };
            if (written && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsyncDisposable(ITypeSymbol? type, Compilation compilation) =>
        WellKnownTypes.TryCreate(compilation) is { } types && types.IsAsyncDisposable(type);

    private static bool IsInAsyncFunction(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetEnclosingSymbol(node.SpanStart, cancellationToken) is IMethodSymbol { IsAsync: true };

    private static bool ContainsGotoOrLabel(BlockSyntax block) =>
        block.DescendantNodes().Any(static n => n is GotoStatementSyntax or LabeledStatementSyntax);

    private static IEnumerable<StatementSyntax> FollowingStatements(BlockSyntax block, StatementSyntax statement) =>
        block.Statements.Skip(block.Statements.IndexOf(statement) + 1);

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    private static SyntaxNode EnclosingMember(SyntaxNode node) =>
        node.FirstAncestorOrSelf<MemberDeclarationSyntax>(static m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax)
        ?? node.SyntaxTree.GetRoot();

    internal enum PlanKind
    {
        DeclareWithUsing,
        KeepDiscarded,
        HoistChain,
        WrapUsesOfEarlierLocal,
    }

    /// <summary>One rewrite, decided on the original tree and applied to the current one.</summary>
    internal sealed class Plan
    {
        public Plan(PlanKind kind, StatementSyntax statement, ExpressionSyntax flagged, bool useDeclaration, bool useAwait)
        {
            Kind = kind;
            Statement = statement;
            Flagged = flagged;
            UseDeclaration = useDeclaration;
            UseAwait = useAwait;
        }

        public PlanKind Kind { get; }

        public StatementSyntax Statement { get; }

        public ExpressionSyntax Flagged { get; }

        public bool UseDeclaration { get; }

        public bool UseAwait { get; set; }

        /// <summary>The type <c>await using</c> disposes, when <see cref="UseAwait"/>.</summary>
        public ITypeSymbol? DisposedType { get; set; }

        public bool NeedsName => Kind is PlanKind.KeepDiscarded or PlanKind.HoistChain;

        /// <summary>For <see cref="PlanKind.WrapUsesOfEarlierLocal"/>: the first and last statements the using wraps.</summary>
        public StatementSyntax? WrapFirst { get; private set; }

        public StatementSyntax? WrapLast { get; private set; }

        public static Plan ForEarlierLocal(StatementSyntax assignment, ExpressionSyntax flagged, ILocalSymbol local, StatementSyntax first, StatementSyntax last, bool useAwait) =>
            new(PlanKind.WrapUsesOfEarlierLocal, assignment, flagged, useDeclaration: false, useAwait)
            {
                DisposedType = local.Type,
                Name = local.Name,
                WrapFirst = first,
                WrapLast = last,
            };

        public IEnumerable<SyntaxNode> NodesToTrack()
        {
            yield return Statement;
            yield return Flagged;
            if (WrapFirst is not null && WrapLast is not null)
            {
                yield return WrapFirst;
                yield return WrapLast;
            }
        }

        public string Name { get; set; } = string.Empty;

        public SyntaxNode ApplyTo(SyntaxNode root)
        {
            if (Kind == PlanKind.WrapUsesOfEarlierLocal)
            {
                return WrapUses(root, this);
            }

            var statement = root.GetCurrentNode(Statement);
            var flagged = root.GetCurrentNode(Flagged);
            if (statement?.Parent is not BlockSyntax block || flagged is null)
            {
                return root;
            }

            VariableDeclarationSyntax declaration;
            StatementSyntax? rewritten = null;
            switch (Kind)
            {
                case PlanKind.DeclareWithUsing:
                    declaration = ((LocalDeclarationStatementSyntax)statement).Declaration;
                    break;
                case PlanKind.KeepDiscarded:
                    declaration = DeclareVar(Name, flagged.WithoutTrivia());
                    break;
                default:
                    declaration = DeclareVar(Name, flagged.WithoutTrivia());
                    var replaced = flagged.Parent is ParenthesizedExpressionSyntax parenthesized ? (ExpressionSyntax)parenthesized : flagged;
                    rewritten = statement.ReplaceNode(replaced, IdentifierName(Name).WithTriviaFrom(replaced));
                    break;
            }

            var index = block.Statements.IndexOf(statement);
            var statements = block.Statements;
            SyntaxList<StatementSyntax> newStatements;
            if (UseDeclaration)
            {
                var usingDeclaration = LocalDeclarationStatement(declaration.WithoutTrivia())
                    .WithUsingKeyword(Token(SyntaxKind.UsingKeyword))
                    .WithAwaitKeyword(UseAwait ? Token(SyntaxKind.AwaitKeyword) : default)
                    .WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(statement.GetTrailingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation);
                newStatements = statements.RemoveAt(index).Insert(index, usingDeclaration);
                if (rewritten is not null)
                {
                    newStatements = newStatements.Insert(index + 1, rewritten.WithLeadingTrivia(statement.GetLeadingTrivia()));
                }
            }
            else
            {
                var body = new List<StatementSyntax>();
                if (rewritten is not null)
                {
                    body.Add(rewritten.WithoutLeadingTrivia());
                }

                body.AddRange(statements.Skip(index + 1));
                var usingStatement = UsingStatementInLayout(root, statement, declaration.WithoutTrivia(), body);
                if (usingStatement is null)
                {
                    // Code written on one line: the formatter lays the new block out.
                    var endOfLine = (body.Count > 0 ? body[body.Count - 1] : statement).GetTrailingTrivia();
                    usingStatement = UsingStatement(declaration.WithoutTrivia(), null, Block(body))
                        .WithLeadingTrivia(statement.GetLeadingTrivia())
                        .WithTrailingTrivia(endOfLine)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                }

                newStatements = List(statements.Take(index).Append(usingStatement));
            }

            return root.ReplaceNode(block, block.WithStatements(newStatements));
        }

        private static VariableDeclarationSyntax DeclareVar(string name, ExpressionSyntax value) =>
            VariableDeclaration(
                IdentifierName(Identifier(TriviaList(), "var", TriviaList(Space))),
                SingletonSeparatedList(VariableDeclarator(Identifier(TriviaList(), name, TriviaList(Space)))
                    .WithInitializer(EqualsValueClause(Token(TriviaList(), SyntaxKind.EqualsToken, TriviaList(Space)), value))));
    }
}
