using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG001: an <c>HttpClient</c> (or a derived client) created where the code runs per call, so that
/// each call opens a connection pool of its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerCallClientAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PerCallClient,
        title: "HttpClient created per call",
        messageFormat: "'{0}' is created {1}: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory",
        description: "Creating an HttpClient for each call creates a new connection pool each time. Under load the closed connections pile up in TIME_WAIT until the machine runs out of ephemeral ports. Share the connection pool: HttpClientPool.CreateClient(...) from this package, one static HttpClient over a SocketsHttpHandler with PooledConnectionLifetime, or IHttpClientFactory.");

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
        if (!types.IsHttpClient(type))
        {
            return;
        }

        var site = FactoryCallers.Resolve(CreationSite.Classify(creation, context.SemanticModel, types, context.CancellationToken), context.SemanticModel, types, context.CancellationToken);
        if (!site.IsPerCall)
        {
            return;
        }

        var pool = HandlerFlow.Classify(creation, context.SemanticModel, types, ownedHandlers: null, context.CancellationToken);
        if (pool == HandlerFlow.ClientPool.SharedOrNone)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, DiagnosticLocations.Creation(creation), type!.Name, site.Describe()));
    }
}
