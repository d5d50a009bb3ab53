using System.Collections.Immutable;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG003: an <c>HttpResponseMessage</c> obtained from a call is neither disposed on every path nor
/// handed out of the member. Until it is disposed its connection stays checked out of the pool.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedResponseAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Retry helpers rarely nest deeper; the bound keeps a pathological chain cheap.</summary>
    private const int MaxForwardingDepth = 4;

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UndisposedResponse,
        title: "HttpResponseMessage is not disposed",
        messageFormat: "The HttpResponseMessage from '{0}' {1}; dispose it with 'using' so that its connection goes back to the pool",
        description: "An HttpResponseMessage holds its connection until it is disposed (always with HttpCompletionOption.ResponseHeadersRead, and on .NET Framework in general). Undisposed responses exhaust MaxConnectionsPerServer, so later requests hang or open new connections until the ephemeral ports run out. Dispose every response on every path, or hand it to a caller that does.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (WellKnownTypes.TryCreate(start.Compilation) is not { HttpResponseMessage: not null } types)
            {
                return;
            }

            var names = new ResponseMethodNames(start.Compilation);
            var ownership = new OwnershipSummaries(start.Compilation, types);
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeInvocation(nodeContext, types, names, ownership), SyntaxKind.InvocationExpression);
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeTaskRead(nodeContext, types, names, ownership), SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.AwaitExpression);
        });
    }

    /// <summary>
    /// A call that hands out a response: reported here when the response is dropped at the call. When it is
    /// dropped where a task of it is read later (<c>task.Result</c>, <c>await task</c> in another
    /// statement, a <c>ContinueWith</c> lambda), the diagnostic belongs to that read, and the read's own
    /// callback reports it (<see cref="AnalyzeTaskRead"/>): an editor's document-scoped analysis keeps
    /// only the diagnostics a callback reports inside its own node.
    /// </summary>
    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, WellKnownTypes types, ResponseMethodNames names, OwnershipSummaries ownership)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (context.IsGeneratedCode || invocation.InvokedName() is not { } name)
        {
            return;
        }

        if (name == "GetResult")
        {
            // task.GetAwaiter().GetResult(): a read of a task kept earlier.
            AnalyzeTaskRead(context, types, names, ownership);
        }

        if (!names.MayReturnResponse(name) || Verdict(context, invocation, name, types, names, ownership) is not { } diagnostic ||
            !diagnostic.Location.SourceSpan.IntersectsWith(invocation.Span))
        {
            return;
        }

        context.ReportDiagnostic(diagnostic);
    }

    /// <summary>
    /// <c>task.Result</c>, <c>await task</c>, <c>task.GetAwaiter().GetResult()</c> over a task of a response:
    /// the calls of the member that may have produced the task are analysed, and a verdict located at this
    /// read is reported here.
    /// </summary>
    private static void AnalyzeTaskRead(SyntaxNodeAnalysisContext context, WellKnownTypes types, ResponseMethodNames names, OwnershipSummaries ownership)
    {
        var read = context.Node;
        var task = read switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access => access.Expression,
            AwaitExpressionSyntax awaited => awaited.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter } } } => awaiter.Expression,
            _ => null,
        };

        // Only a task kept in a local or a lambda parameter is read away from its call; a call read in place
        // is the call's own diagnostic. The member must make such a call before anything is bound.
        if (context.IsGeneratedCode || task?.Unwrap() is not IdentifierNameSyntax taskName ||
            read.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return;
        }

        var producers = ImmutableArray.CreateBuilder<(InvocationExpressionSyntax Call, string Name)>();
        foreach (var node in member.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax producer && !producer.Span.IntersectsWith(read.Span) &&
                producer.InvokedName() is { } name && names.MayReturnResponse(name))
            {
                producers.Add((producer, name));
            }
        }

        if (producers.Count == 0 ||
            !types.IsResponseOrTaskOfResponse(context.SemanticModel.GetTypeInfo(taskName, context.CancellationToken).Type))
        {
            return;
        }

        foreach (var (producer, name) in producers)
        {
            if (Verdict(context, producer, name, types, names, ownership) is { } diagnostic && read.Span.Contains(diagnostic.Location.SourceSpan))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static Diagnostic? Verdict(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, string name, WellKnownTypes types, ResponseMethodNames names, OwnershipSummaries ownership)
    {

        // repository.GetAsync(id): a well-known HttpClient name on a receiver that is not a message
        // invoker. Binding the receiver alone, speculatively, avoids binding the whole body to learn it.
        if (names.IsOnlyWellKnown(name) &&
            invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } &&
            receiver is not (ThisExpressionSyntax or BaseExpressionSyntax) &&
            context.SemanticModel.GetSpeculativeTypeInfo(receiver.SpanStart, receiver, SpeculativeBindingOption.BindAsExpression).Type is
                { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum } receiverType &&
            !types.IsMessageInvoker(receiverType))
        {
            return null;
        }

        // A call that binds, or one whose overload resolution fails while every candidate returns a response.
        if (UnboundCalls.Produced(context.SemanticModel, invocation, method => types.IsResponseOrTaskOfResponse(method.ReturnType), context.CancellationToken) is not { } produced)
        {
            // 'var (response, retries) = await SendWithRetries(request)': a response handed out inside a tuple.
            return context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method &&
                DisposalAnalysis.ResponseElement(method.ReturnType, types) is not null &&
                context.SemanticModel.GetOperation(invocation, context.CancellationToken) is IInvocationOperation tupleCall &&
                DisposalAnalysis.AnalyzeDeconstructed(tupleCall, types, ownership, context.CancellationToken) is { IsLeak: true } deconstructed
                    ? Report(context, invocation, deconstructed, name)
                    : null;
        }

        var producer = name;

        for (var depth = 0; depth < MaxForwardingDepth; depth++)
        {
            var verdict = DisposalAnalysis.Analyze(produced, ResourceKind.Response, types, ownership, context.CancellationToken);
            if (verdict.Fate == ValueFate.ForwardedToCaller && verdict.ForwardedTo is { } helper)
            {
                // A helper whose name passes the filter is analyzed on its own; reporting it here too would duplicate.
                if (names.MayReturnResponse(helper.TargetMethod.Name))
                {
                    return null;
                }

                produced = helper;
                producer = helper.TargetMethod.Name;
                continue;
            }

            return verdict.IsLeak ? Report(context, invocation, verdict, producer) : null;
        }

        return null;
    }

    private static Diagnostic? Report(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, DisposalVerdict verdict, string producer)
    {
        if (GeneratedCode.IsInMarkedDeclaration(invocation, context.SemanticModel, context.CancellationToken))
        {
            return null;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DisposalVerdict.FateProperty, verdict.Fate.ToString());
        return Diagnostic.Create(Rule, verdict.Value.Syntax.GetLocation(), properties, producer, verdict.Description);
    }
}
