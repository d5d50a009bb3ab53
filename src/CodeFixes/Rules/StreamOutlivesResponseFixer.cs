using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers;
using HttpClientGuard.Analyzers.Internals;
using HttpClientGuard.CodeFixes.Internals;
using HttpClientGuard.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>
/// HCG006: read the content with <c>response.ReadAsOwnedStreamAsync()</c> from this package's
/// runtime. The returned stream owns the response, and the response keeps only an empty placeholder
/// content, so the member's own <c>using</c> stays as it is: every path disposes what it disposed
/// before, and the caller's stream stays readable. Offered only where the runtime is referenced.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StreamOutlivesResponseFixer)), Shared]
public sealed class StreamOutlivesResponseFixer : CodeFixProvider
{
    public const string EquivalenceKey = RuleIds.StreamOutlivesResponse + ".ReadAsOwnedStream";

    private const string OwnedStreamMethodName = "ReadAsOwnedStreamAsync";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StreamOutlivesResponse);

    // Each fix rewrites one invocation; batch merging cannot conflict.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || OwnedStreamMethod(model.Compilation) is not { } ownedStream)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ReadAsStreamAsync" },
                } read ||
                !diagnostic.Properties.TryGetValue(StreamOutlivesResponseAnalyzer.ResponseLocalProperty, out var responseName) ||
                responseName is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Read a stream that owns the response (ReadAsOwnedStreamAsync)",
                    cancellationToken => FixAsync(context.Document, read, responseName, ownedStream, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static IMethodSymbol? OwnedStreamMethod(Compilation compilation) =>
        WellKnownTypes.TryCreate(compilation)?.OwnedStreamExtensions?.GetMembers(OwnedStreamMethodName).OfType<IMethodSymbol>().FirstOrDefault(static m => m.IsExtensionMethod);

    private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax read, string responseName, IMethodSymbol ownedStream, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // First the qualified static call, so that the import adder sees the namespace and adds
        // 'using HttpClientGuard;' where the file keeps its usings; then the extension-call form.
        var marker = new SyntaxAnnotation();
        var extensions = SyntaxGeneration.TypeName(ownedStream.ContainingType);
        var arguments = read.ArgumentList.Arguments.Insert(0, Argument(IdentifierName(responseName)));
        var qualifiedCall = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, extensions, IdentifierName(OwnedStreamMethodName)),
                read.ArgumentList.WithArguments(arguments))
            .WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, marker);
        var withImport = await ImportAdder.AddImportsAsync(
            document.WithSyntaxRoot(root.ReplaceNode(read, qualifiedCall)),
            Simplifier.AddImportsAnnotation,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        var newRoot = await withImport.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (newRoot?.GetAnnotatedNodes(marker).FirstOrDefault() is not { } placed)
        {
            return document;
        }

        var ownedRead = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(responseName), IdentifierName(OwnedStreamMethodName)),
                read.ArgumentList)
            .WithTriviaFrom(read);
        return withImport.WithSyntaxRoot(newRoot.ReplaceNode(placed, ownedRead));
    }
}
