using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG006: a content stream returned or stored while the response that owns it is disposed as the
/// member exits. The caller receives a stream whose response, and connection, are already gone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StreamOutlivesResponseAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the response local, for the fixer.</summary>
    public const string ResponseLocalProperty = "ResponseLocal";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.StreamOutlivesResponse,
        title: "Content stream outlives its response",
        messageFormat: "The stream from '{0}' leaves the member, but '{1}' is disposed when the member exits; return a stream that owns its response (ReadAsOwnedStreamAsync) instead",
        description: "Disposing an HttpResponseMessage disposes its content stream. Returning or storing the stream of a response that the member disposes hands the caller a stream that is already closed, or whose connection is gone.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (WellKnownTypes.TryCreate(start.Compilation) is not { HttpResponseMessage: not null, Stream: not null } types)
            {
                return;
            }

            var ownership = new OwnershipSummaries(start.Compilation, types);
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeInvocation(nodeContext, types, ownership), SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (context.IsGeneratedCode || invocation.InvokedName() is not ("ReadAsStreamAsync" or "ReadAsStream"))
        {
            return;
        }

        if (context.SemanticModel.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation produced ||
            !types.IsContentStreamMethod(produced.TargetMethod) ||
            DisposalAnalysis.OwningResponseLocal(produced, types) is not { } response ||
            !DisposalAnalysis.IsDisposedOnScopeExit(response, produced, ResourceKind.Response, types, ownership) ||
            !DisposalAnalysis.IsReturnedOrStored(produced, types, context.CancellationToken) ||
            DisposalAnalysis.IsStoredInMemberTheMemberDisposes(produced) ||
            GeneratedCode.IsInMarkedDeclaration(invocation, context.SemanticModel, context.CancellationToken) ||
            UnreachableCode.Contains(invocation))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(ResponseLocalProperty, response.Name);
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), properties, produced.TargetMethod.Name, response.Name));
    }
}
