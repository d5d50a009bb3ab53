using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>HCG005: create the client with <c>disposeHandler: false</c> so that disposing it leaves the shared handler alone.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisposedSharedHandlerFixer)), Shared]
public sealed class DisposedSharedHandlerFixer : CodeFixProvider
{
    public const string EquivalenceKey = RuleIds.DisposedSharedHandler + ".DisposeHandlerFalse";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DisposedSharedHandler);

    // Each fix touches one argument list of its own, so batch merging cannot conflict.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { ArgumentList: { } arguments } creation ||
                arguments.Arguments.Count is not (1 or 2))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Pass 'disposeHandler: false'",
                    cancellationToken => FixAsync(context.Document, creation, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || creation.ArgumentList is not { } arguments)
        {
            return document;
        }

        var disposeHandlerFalse = LiteralExpression(SyntaxKind.FalseLiteralExpression);
        ArgumentListSyntax newArguments;
        if (arguments.Arguments.Count == 1)
        {
            newArguments = arguments.AddArguments(
                Argument(disposeHandlerFalse).WithNameColon(NameColon(IdentifierName("disposeHandler"))).WithAdditionalAnnotations(Formatter.Annotation));
        }
        else
        {
            var existing = arguments.Arguments.Last();
            newArguments = arguments.ReplaceNode(existing.Expression, disposeHandlerFalse.WithTriviaFrom(existing.Expression));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(arguments, newArguments));
    }
}
