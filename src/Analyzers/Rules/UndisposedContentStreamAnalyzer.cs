using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG004: a stream from <c>ReadAsStreamAsync</c>, <c>ReadAsStream</c> or <c>GetStreamAsync</c> that
/// is neither disposed on every path nor handed on. Quiet when the response that owns the content
/// is disposed in the same member: disposing the response disposes its content stream.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedContentStreamAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UndisposedContentStream,
        title: "Response content stream is not disposed",
        messageFormat: "The stream from '{0}' {1}; dispose it with 'using' (or dispose the response that owns it) so that its connection goes back to the pool",
        description: "A response content stream holds its connection until the stream or its response is disposed. Streams that are never disposed exhaust MaxConnectionsPerServer, so later requests hang or open new connections until the ephemeral ports run out.");

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
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMember(nodeContext, types, ownership), MemberDeclarations.Kinds);
        });
    }

    /// <summary>
    /// One callback per member (<see cref="MemberDeclarations"/>), as HCG003: a verdict lies wherever the stream is dropped,
    /// which need not be inside the call (<c>var task = client.GetStreamAsync(url); ... task.Result.ReadByte()</c>), and an
    /// editor's document-scoped analysis keeps only what a callback reports inside its own node.
    /// </summary>
    private static void AnalyzeMember(SyntaxNodeAnalysisContext context, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        foreach (var (invocation, name) in MemberDeclarations.Within(ownership.ContentStreamCallsIn(context.Node.SyntaxTree, context.CancellationToken), context.Node))
        {
            if (Verdict(context, invocation, name, types, ownership) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static Diagnostic? Verdict(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, string name, WellKnownTypes types, OwnershipSummaries ownership)
    {

        // A call that binds, or one whose overload resolution fails while every candidate reads a content stream; a method of
        // this compilation that hands out a response's content stream as HttpClient.GetStreamAsync does is one too.
        if ((UnboundCalls.Produced(context.SemanticModel, invocation, method => types.IsContentStreamMethod(method) || ownership.ReturnsContentStream(method), context.CancellationToken) ??
             UnboundCalls.ContentStreamOfUnboundResponse(context.SemanticModel, invocation, types, context.CancellationToken)) is not { } produced)
        {
            return null;
        }

        if (produced is IInvocationOperation { Instance: IInstanceReferenceOperation, TargetMethod: var read } && types.IsContentStreamMethod(read.ReducedFrom ?? read.OriginalDefinition))
        {
            // 'Task PushComplete => ReadAsStreamAsync();' inside an HttpContent of its own: the content reads itself, and
            // holds no response's connection.
            return null;
        }

        if (produced is IInvocationOperation { Instance: { } content } && IsRequestContent(content, context.CancellationToken))
        {
            // 'await request.Content.ReadAsStreamAsync()' in a logging handler: the outgoing request's own content, whose
            // stream holds no response's connection (the request's sender disposes it); 'HttpContent content = Request.Content;'
            // in a Web API controller: the incoming request's body, which the host owns.
            return null;
        }

        var response = DisposalAnalysis.OwningResponseLocal(produced, types);
        var responseRelease = response is null ? LocalRelease.None : DisposalAnalysis.ReleaseOf(response, produced, produced.Syntax.SpanStart, ResourceKind.Response, types, ownership);
        if (responseRelease == LocalRelease.Disposed)
        {
            // Disposing the response disposes its content and the stream read from it.
            return null;
        }

        if (DisposalAnalysis.OwningResponseHolder(produced, types) is { } held &&
            held.Holder.Type is INamedTypeSymbol holderType && ownership.DisposesMember(holderType, held.Member.Name) &&
            (DisposalAnalysis.IsDisposedOnScopeExit(held.Holder, produced, ResourceKind.Response, types, ownership) ||
             DisposalAnalysis.ReleaseOf(held.Holder, produced, produced.Syntax.SpanStart, ResourceKind.Disposable, types, ownership) != LocalRelease.None))
        {
            // using var result = await SendAsync(...); ... result.Response.Content.ReadAsStreamAsync(): disposing the
            // holder disposes the response it holds, and with it the stream. A holder this member hands on (returns,
            // stores) is its receiver's to dispose, and one it disposes on a failure path is released there:
            // 'xml.Load(await engine._response.Content.ReadAsStreamAsync()); if (failed) engine.Dispose(); return engine;'.
            return null;
        }

        if (DisposalAnalysis.OwningResponseParameter(produced, types) is { ContainingSymbol: IMethodSymbol method } parameter &&
            (!IsPrivate(method) || ownership.EveryCallerDisposes(method, parameter, context.SemanticModel, context.CancellationToken)))
        {
            // ReadJsonAsync(this HttpResponseMessage response) of a public or internal helper, or a lambda's parameter
            // (ProcessResponseAsync(request, async response => ...)): the response is its callers' or the delegate's
            // invoker's, and disposing it disposes this stream (HCG003 reports a caller that drops it). A private method's
            // callers are all here: quiet when every caller holds the response in 'using'.
            return null;
        }

        var verdict = DisposalAnalysis.Analyze(produced, ResourceKind.ContentStream, types, ownership, context.CancellationToken);
        if (!verdict.IsLeak || GeneratedCode.IsInMarkedDeclaration(invocation, context.SemanticModel, context.CancellationToken) ||
            UnreachableCode.Contains(invocation))
        {
            return null;
        }

        if (invocation.IsInThrownValue())
        {
            // 'throw new InvalidAccessTokenException("failed: " + await response.Content.ReadAsStreamAsync())': read into the
            // exception being thrown, on a path that throws, which drops nothing (HCG003 decides the response's other paths).
            return null;
        }

        if (responseRelease == LocalRelease.HandedOn &&
            !DisposalAnalysis.IsDroppedWhileItsResponseIsNotHandedOn(response!, produced, verdict.Local, types, ownership, context.CancellationToken))
        {
            // Whoever the response is handed to (returned, stored, thrown inside an exception; a cache) disposes its content, and
            // the stream with it, on every path from the read. A path that drops both still reports the stream.
            return null;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DisposalVerdict.FateProperty, verdict.Fate.ToString());
        return verdict.CreateDiagnostic(Rule, invocation, properties, name);
    }

    /// <summary>
    /// A request's <c>Content</c>, read directly or through a local initialized with it and never assigned again.
    /// </summary>
    private static bool IsRequestContent(IOperation content, CancellationToken cancellationToken)
    {
        var value = content.SkipConversions();
        if (value is ILocalReferenceOperation { Local: { DeclaringSyntaxReferences: { Length: 1 } references } local } &&
            references[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator &&
            declarator.FirstAncestorOrSelf<BlockSyntax>() is { } scope &&
            !scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment => assignment.Left is IdentifierNameSyntax assigned && assigned.Identifier.ValueText == local.Name) &&
            content.SemanticModel?.GetOperation(initializer, cancellationToken) is { } initial)
        {
            value = initial.SkipConversions();
            if (value is IInvalidOperation && initializer is MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "Content",
                    Expression: IdentifierNameSyntax { Identifier.ValueText: "Request" } or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: "Request" },
                })
            {
                // A Web API controller's 'Request.Content' where System.Web.Http does not bind (folder mode without the package):
                // known by name, as ApiController.Request is the incoming HttpRequestMessage.
                return true;
            }
        }

        return value is IPropertyReferenceOperation { Property.Name: "Content", Instance.Type: { Name: "HttpRequestMessage" } requestType } &&
               requestType.ContainingNamespace?.ToDisplayString() == "System.Net.Http";
    }

    private static bool IsPrivate(IMethodSymbol method) =>
        method.MethodKind != MethodKind.AnonymousFunction &&
        (method.DeclaredAccessibility == Accessibility.Private || method.MethodKind == MethodKind.LocalFunction);
}
