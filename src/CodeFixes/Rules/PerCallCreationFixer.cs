using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers;
using HttpClientGuard.Analyzers.Internals;
using HttpClientGuard.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>
/// HCG001 fixes, in the order offered: "Inject IHttpClientFactory" (where the container builds the owner
/// and the compilation has the factory), "Use HttpClientPool" (when the runtime library is referenced) and
/// "Move to a static readonly field". Each is offered only where it keeps behaviour. The first offered is
/// the one <c>dotnet format</c> applies, so the idiomatic fix for container-built code comes first.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PerCallCreationFixer)), Shared]
public sealed class PerCallCreationFixer : CodeFixProvider
{
    public const string InjectFactoryKey = RuleIds.PerCallClient + ".InjectHttpClientFactory";
    public const string UsePoolKey = RuleIds.PerCallClient + ".UseHttpClientPool";
    public const string MoveToStaticFieldKey = RuleIds.PerCallClient + ".MoveToStaticField";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PerCallClient);

    public override FixAllProvider GetFixAllProvider() => new FactoryInjection.FixAllProvider(InjectFactoryKey, SequentialFixAll.Create(key => key switch
    {
        UsePoolKey => UsePoolAsync,
        MoveToStaticFieldKey => MoveToStaticFieldAsync,
        _ => null,
    }));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (DiagnosticTargets.CreationAt(root, diagnostic.Location.SourceSpan) is not { } creation)
            {
                continue;
            }

            if (await FactoryInjection.TryPlanAsync(context.Document, creation, context.CancellationToken).ConfigureAwait(false) is { } injection)
            {
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(injection.Title, ct => InjectFactoryAsync(document, creation, ct), InjectFactoryKey),
                    diagnostic);
            }

            if (PoolRewrite.TryPlan(creation, model, context.CancellationToken) is not null &&
                await LinkedTargets.EveryTargetHasTypeAsync(context.Document, WellKnownTypeNames.HttpClientPool, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use HttpClientPool.CreateClient", ct => UsePoolAsync(context.Document, creation, ct), UsePoolKey),
                    diagnostic);
            }

            if (await StaticFieldHoist.TryPlanAsync(context.Document, creation, model, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Move HttpClient to a static readonly field", ct => MoveToStaticFieldAsync(context.Document, creation, ct), MoveToStaticFieldKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> InjectFactoryAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var plan = await FactoryInjection.TryPlanAsync(document, creation, cancellationToken).ConfigureAwait(false);
        return plan is null
            ? document.Project.Solution
            : await plan.ApplyAsync(document.Project.Solution, addImports: true, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> UsePoolAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || PoolRewrite.TryPlan(creation, model, cancellationToken) is not { } plan)
        {
            return document;
        }

        return await SyntaxGeneration.AddImportsAsync(document.WithSyntaxRoot(plan.Apply(root)), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> MoveToStaticFieldAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || await StaticFieldHoist.TryPlanAsync(document, creation, model, cancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return document;
        }

        return await StaticFieldHoist.HoistAsync(document, creation, plan, cancellationToken).ConfigureAwait(false);
    }
}
