using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers;
using HttpClientGuard.Analyzers.Internals;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>
/// HCG007 fix "Set PooledConnectionLifetime": a client over the default handler gets
/// <c>new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }</c>; a
/// SocketsHttpHandler created in place gets the property in its object initializer. Not offered
/// for <c>HttpClientHandler</c>: it cannot carry a lifetime, and swapping it for a
/// SocketsHttpHandler changes the meaning of settings such as <c>ServerCertificateCustomValidationCallback</c>,
/// <c>ClientCertificateOptions</c> or <c>CheckCertificateRevocationList</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LongLivedClientDnsFixer)), Shared]
public sealed class LongLivedClientDnsFixer : CodeFixProvider
{
    public const string SetLifetimeKey = RuleIds.LongLivedClientWithoutDnsRefresh + ".SetPooledConnectionLifetime";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LongLivedClientWithoutDnsRefresh);

    /// <summary>
    /// All diagnostics of a document are applied in one rewrite: two clients may share one handler
    /// local, and the batch fixer would merge two identical edits of it.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            context.CodeActionEquivalenceKey == SetLifetimeKey
                ? await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false)
                : document);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Targets(root, diagnostic).Count == 0 || !await IsValidForEveryTargetAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set PooledConnectionLifetime",
                    ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                    SetLifetimeKey),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new Dictionary<BaseObjectCreationExpressionSyntax, bool>();
        foreach (var diagnostic in diagnostics)
        {
            if (!await IsValidForEveryTargetAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var (creation, isClient) in Targets(root, diagnostic))
            {
                targets[creation] = isClient;
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(
            targets.Keys,
            (original, rewritten) => targets[original] ? AddHandler(rewritten) : AddLifetime(rewritten));
        return await SyntaxGeneration.AddImportsAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The creations one diagnostic's fix rewrites: the client itself (default handler), or the
    /// SocketsHttpHandler creations the analyzer listed as additional locations. Empty when the
    /// diagnostic carries no fix or the code no longer matches.
    /// </summary>
    private static List<(BaseObjectCreationExpressionSyntax Creation, bool IsClient)> Targets(SyntaxNode root, Diagnostic diagnostic)
    {
        var targets = new List<(BaseObjectCreationExpressionSyntax, bool)>();
        if (!diagnostic.Properties.TryGetValue(LongLivedClientDnsAnalyzer.FixProperty, out var fix))
        {
            return targets;
        }

        switch (fix)
        {
            case LongLivedClientDnsAnalyzer.AddHandlerFix:
                if (CreationAt(root, diagnostic.Location) is { ArgumentList: null or { Arguments.Count: 0 } } client)
                {
                    targets.Add((client, true));
                }

                break;

            case LongLivedClientDnsAnalyzer.SetLifetimeFix:
                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (location.SourceTree != root.SyntaxTree || CreationAt(root, location) is not { } handler || HasLifetime(handler))
                    {
                        return new List<(BaseObjectCreationExpressionSyntax, bool)>();
                    }

                    targets.Add((handler, false));
                }

                break;
        }

        return targets;
    }

    /// <summary>
    /// The default handler is replaced by a SocketsHttpHandler only when every target framework of the
    /// file has one (a netstandard2.0 target of the same file does not); a SocketsHttpHandler already
    /// written in the code compiles wherever the code does.
    /// </summary>
    private static async Task<bool> IsValidForEveryTargetAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        !diagnostic.Properties.TryGetValue(LongLivedClientDnsAnalyzer.FixProperty, out var fix) ||
        fix != LongLivedClientDnsAnalyzer.AddHandlerFix ||
        await LinkedTargets.EveryTargetHasTypeAsync(document, WellKnownTypeNames.SocketsHttpHandler, cancellationToken).ConfigureAwait(false);

    private static BaseObjectCreationExpressionSyntax? CreationAt(SyntaxNode root, Location location) =>
        location.SourceSpan.End <= root.FullSpan.End
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>()
            : null;

    private static bool HasLifetime(BaseObjectCreationExpressionSyntax handler) =>
        handler.Initializer?.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: ConnectionLifetime.PropertyName } }) == true;

    /// <summary><c>new HttpClient() { ... }</c> → <c>new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = ... }) { ... }</c>.</summary>
    private static SyntaxNode AddHandler(BaseObjectCreationExpressionSyntax client)
    {
        var arguments = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(ConnectionLifetime.SocketsHandler()));
        if (client.ArgumentList is { } existing)
        {
            return client.WithArgumentList(existing.WithArguments(arguments));
        }

        // new HttpClient { ... }: the type's trailing space moves after the new parentheses.
        var explicitClient = (ObjectCreationExpressionSyntax)client;
        var argumentList = SyntaxFactory.ArgumentList(arguments)
            .WithCloseParenToken(SyntaxFactory.Token(SyntaxKind.CloseParenToken).WithTrailingTrivia(explicitClient.Type.GetTrailingTrivia()));
        return explicitClient
            .WithType(explicitClient.Type.WithoutTrailingTrivia())
            .WithArgumentList(argumentList);
    }

    /// <summary>Adds <c>PooledConnectionLifetime = ...</c> to the handler's object initializer, in the initializer's own layout.</summary>
    private static SyntaxNode AddLifetime(BaseObjectCreationExpressionSyntax handler)
    {
        var assignment = ConnectionLifetime.Assignment();
        if (handler.Initializer is not { Expressions.Count: > 0 } initializer)
        {
            // new SocketsHttpHandler() → new SocketsHttpHandler() { PooledConnectionLifetime = ... }
            var newInitializer = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                .WithTrailingTrivia(handler.GetTrailingTrivia());
            var withoutInitializer = handler.WithInitializer(null);
            return withoutInitializer.WithoutTrailingTrivia().WithInitializer(newInitializer);
        }

        var items = initializer.Expressions.GetWithSeparators();
        var last = initializer.Expressions.Last();
        var hasTrailingComma = initializer.Expressions.SeparatorCount == initializer.Expressions.Count;
        var multiLine = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ||
                        initializer.Expressions[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var comma = SyntaxFactory.Token(SyntaxKind.CommaToken);
        SyntaxNodeOrTokenList newItems;
        if (hasTrailingComma)
        {
            // { A = 1, } or one per line ending in commas: the new line copies the last one's layout.
            var lastComma = items[items.Count - 1].AsToken();
            var element = multiLine
                ? assignment.WithLeadingTrivia(last.GetLeadingTrivia())
                : assignment.WithLeadingTrivia(lastComma.TrailingTrivia.Count == 0 ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : default);
            newItems = items.Add(element).Add(comma.WithTrailingTrivia(lastComma.TrailingTrivia));
        }
        else
        {
            // { A = 1 } or one per line without a trailing comma: the last item's line ending follows the new item.
            var trailing = last.GetTrailingTrivia();
            var element = (multiLine ? assignment.WithLeadingTrivia(last.GetLeadingTrivia()) : assignment).WithTrailingTrivia(trailing);
            newItems = items
                .Replace(items[items.Count - 1], last.WithoutTrailingTrivia())
                .Add(multiLine ? comma.WithTrailingTrivia(trailing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) : comma.WithTrailingTrivia(SyntaxFactory.Space))
                .Add(element);
        }

        return handler.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(newItems)));
    }
}
