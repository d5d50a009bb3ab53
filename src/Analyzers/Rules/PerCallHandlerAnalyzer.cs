using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG002: a primary HTTP handler (<c>HttpClientHandler</c>, <c>SocketsHttpHandler</c>,
/// <c>WinHttpHandler</c>) created per call. A handler that flows into an <c>HttpClient</c> created
/// in the same member is left to HCG001, whose fix folds the handler in.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerCallHandlerAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PerCallHandler,
        title: "HTTP handler created per call",
        messageFormat: "'{0}' is created {1}: each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory",
        description: "HttpClientHandler, SocketsHttpHandler and WinHttpHandler each own a connection pool. Creating one per call opens new connections every time; the closed ones pile up in TIME_WAIT until the machine runs out of ephemeral ports. Share the handler, use HttpClientPool.CreateClient(options) from this package, or IHttpClientFactory.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (HttpTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeCreation(nodeContext, types),
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression);
        });
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, HttpTypes types)
    {
        var creation = (BaseObjectCreationExpressionSyntax)context.Node;
        if (!HandlerFlow.MayNameHttpClient(creation))
        {
            return;
        }

        var type = HandlerFlow.CreatedType(creation, context.SemanticModel, context.CancellationToken);
        if (!types.IsPrimaryHandler(type))
        {
            return;
        }

        var site = FactoryCallers.Resolve(CreationSite.Classify(creation, context.SemanticModel, types, context.CancellationToken), context.SemanticModel, types, context.CancellationToken);
        if (!site.IsPerCall || HandlerFlow.FlowsIntoClient(creation, context.SemanticModel, types, context.CancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, DiagnosticLocations.Creation(creation), type!.Name, site.Describe()));
    }
}
