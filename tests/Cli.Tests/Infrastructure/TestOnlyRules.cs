using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// A test-only pair of rules with fixes, so the scanner's generic --fix machinery is proven on code
/// whose right answer is obvious: TST001 (Legacy.Fetch → Modern.Fetch) fixes through a Fix All
/// provider, TST002 (Obsolete.Ping → Current.Ping) has none and is fixed one finding at a time.
/// </summary>
public static class TestOnlyRules
{
    internal static readonly DiagnosticDescriptor LegacyFetch = new(
        "TST001", "Legacy.Fetch call", "Use Modern.Fetch", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: "https://example.invalid/TST001");

    internal static readonly DiagnosticDescriptor ObsoletePing = new(
        "TST002", "Obsolete.Ping call", "Use Current.Ping", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: "https://example.invalid/TST002");

    // Declared after the descriptors: static initializers run in order, and the analyzers read them.
    public static RuleCatalog Catalog { get; } = RuleCatalog.FromAssemblies(typeof(TestOnlyRules).Assembly);

    /// <summary>The invoked <c>Type.Method</c> receiver when it is the given type name, else null.</summary>
    internal static IdentifierNameSyntax? Receiver(InvocationExpressionSyntax invocation, string typeName, string methodName)
        => invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: var name }
            && receiver.Identifier.ValueText == typeName && name == methodName
            ? receiver
            : null;
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TestOnlyCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(TestOnlyRules.LegacyFetch, TestOnlyRules.ObsoletePing);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(
            static nodeContext =>
            {
                var invocation = (InvocationExpressionSyntax)nodeContext.Node;
                if (TestOnlyRules.Receiver(invocation, "Legacy", "Fetch") is not null)
                {
                    nodeContext.ReportDiagnostic(Diagnostic.Create(TestOnlyRules.LegacyFetch, invocation.GetLocation()));
                }
                else if (TestOnlyRules.Receiver(invocation, "Obsolete", "Ping") is not null)
                {
                    nodeContext.ReportDiagnostic(Diagnostic.Create(TestOnlyRules.ObsoletePing, invocation.GetLocation()));
                }
            },
            SyntaxKind.InvocationExpression);
    }
}

[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LegacyFetchFixer)), Shared]
public sealed class LegacyFetchFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TST001");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    // Stands in for a fixer that declines where its fix would change behaviour: not offered on a literal argument.
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => ReceiverFix.RegisterAsync(context, "Legacy", "Fetch", "Modern", equivalenceKey: "UseModernFetch", declineOnLiteralArgument: true);
}

[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoletePingFixer)), Shared]
public sealed class ObsoletePingFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("TST002");

    // Deliberately none: the scanner must then fix one finding at a time.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => ReceiverFix.RegisterAsync(context, "Obsolete", "Ping", "Current", equivalenceKey: "UseCurrentPing");
}

internal static class ReceiverFix
{
    public static async Task RegisterAsync(CodeFixContext context, string typeName, string methodName, string replacement, string equivalenceKey, bool declineOnLiteralArgument = false)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var invocation = root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (root is null || invocation is null || TestOnlyRules.Receiver(invocation, typeName, methodName) is not { } receiver
            || (declineOnLiteralArgument && invocation.ArgumentList.Arguments.Any(argument => argument.Expression is LiteralExpressionSyntax)))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Use {replacement}.{methodName}",
                cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(
                    root.ReplaceNode(receiver, SyntaxFactory.IdentifierName(replacement).WithTriviaFrom(receiver)))),
                equivalenceKey),
            context.Diagnostics.First());
    }
}
