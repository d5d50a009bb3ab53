using System.Collections.Immutable;
using System.Linq;
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
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMember(nodeContext, types, names, ownership), MemberDeclarations.Kinds);
        });
    }

    /// <summary>
    /// One callback per member (<see cref="MemberDeclarations"/>): its calls that may hand out a response are
    /// analysed, and each verdict is reported here. A verdict lies wherever the response is dropped, which need
    /// not be inside the call (<c>task.Result</c> read in a later statement, a <c>ContinueWith</c> lambda), but
    /// always inside the member. The calls are found from the file's identifier index, so a member that spells
    /// no response method costs a few hash probes.
    /// </summary>
    private static void AnalyzeMember(SyntaxNodeAnalysisContext context, WellKnownTypes types, ResponseMethodNames names, OwnershipSummaries ownership)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        foreach (var (invocation, name) in MemberDeclarations.Within(names.CallsIn(context.Node.SyntaxTree, context.CancellationToken), context.Node))
        {
            if (Verdict(context, invocation, name, types, names, ownership) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        if (context.Node is MethodDeclarationSyntax { Body: var block, ExpressionBody: var arrow } method && (block ?? (SyntaxNode?)arrow) is { } body &&
            OwnershipSummaries.MayTakeResponseTask(method.ParameterList))
        {
            ReportTaskParameters(context, method, body, types, ownership);
        }
    }

    /// <summary>
    /// <c>internal async Task&lt;T&gt; DoProcess&lt;T&gt;(Task&lt;HttpResponseMessage&gt; task) { var r = await task; ... }</c>
    /// called only with fresh tasks: the response the task yields is this method's, reported where it is read.
    /// </summary>
    private static void ReportTaskParameters(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, SyntaxNode body, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol)
        {
            return;
        }

        IOperation? operation = null;
        foreach (var parameter in symbol.Parameters)
        {
            if (!types.IsResponseOrTaskOfResponse(parameter.Type) || types.TaskResult(parameter.Type) is null ||
                !ownership.HandedOnlyFreshTasks(parameter, context.CancellationToken) ||
                ownership.UseOfTaskParameter(symbol, parameter) == TaskParameterUse.HandsOnToReader)
            {
                // A method that only hands the task on to a reader reads nothing to dispose: its callers are reported.
                continue;
            }

            operation ??= context.SemanticModel.GetOperation(body, context.CancellationToken);
            if (operation is not null &&
                DisposalAnalysis.AnalyzeTaskParameter(parameter, operation, types, ownership, context.CancellationToken) is { } verdict &&
                Report(context, method, verdict, parameter.Name) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>
    /// A call whose overload resolution failed (an argument of a type folder mode lacks) while every candidate is a method of
    /// this compilation that hands out only responses its cache keeps, or its own 'using' disposed: as for a call that binds.
    /// </summary>
    private static bool CandidatesHandOutNoNewResponse(SymbolInfo info, OwnershipSummaries ownership)
    {
        if (info.CandidateSymbols.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol method ||
                !(ownership.ReturnsOnlyResponsesItKeeps(method) || ownership.ReturnsOnlyResponsesItDisposes(method)))
            {
                return false;
            }
        }

        return true;
    }

    private static Diagnostic? Verdict(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, string name, WellKnownTypes types, ResponseMethodNames names, OwnershipSummaries ownership)
    {

        // repository.GetAsync(id): a well-known HttpClient name on a receiver that is not a message
        // invoker. Binding the receiver alone, speculatively, avoids binding the whole body to learn it.
        // helper.GetAsync<HttpResponseMessage>(uri): a generic helper asked for the response itself is bound like any other.
        if (names.IsOnlyWellKnown(name) &&
            invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver, Name: var invokedName } &&
            !(invokedName is GenericNameSyntax { TypeArgumentList: var typeArguments } && typeArguments.SpellsIdentifier("HttpResponseMessage")) &&
            receiver is not (ThisExpressionSyntax or BaseExpressionSyntax) &&
            context.SemanticModel.GetSpeculativeTypeInfo(receiver.SpanStart, receiver, SpeculativeBindingOption.BindAsExpression).Type is
                { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum } receiverType &&
            !types.IsMessageInvoker(receiverType))
        {
            return null;
        }

        // A call that binds, or one whose overload resolution fails while every candidate returns a response. Without
        // any candidate: a JSON / XML extension on an HttpClient whose package is missing, or a well-known call on a
        // receiver that does not bind whose value the code declares a response, or whose receiver is a client an unbound
        // IHttpClientFactory made, or a member named HttpClient of a receiver whose package is missing, or whose value a
        // local keeps and reads as a response's content (UnboundCalls.KeptAndReadAsResponse).
        var produced = UnboundCalls.Produced(
            context.SemanticModel,
            invocation,
            method => types.IsResponseOrTaskOfResponse(method.ReturnType),
            context.CancellationToken,
            withoutCandidates: receiverType => types.IsMessageInvoker(receiverType)
                ? ResponseMethodNames.IsContentExtension(name)
                : ResponseMethodNames.IsWellKnown(name) && receiverType is null or { TypeKind: TypeKind.Error } &&
                  (types.IsResponseOrTaskOfResponse(UnboundCalls.DeclaredTargetType(context.SemanticModel, invocation, context.CancellationToken)) ||
                   UnboundCalls.OnUnboundFactoryClient(context.SemanticModel, invocation, types, context.CancellationToken) ||
                   UnboundCalls.OnUnboundHttpClientMember(context.SemanticModel, invocation, context.CancellationToken) ||
                   UnboundCalls.KeptAndReadAsResponse(context.SemanticModel, invocation, context.CancellationToken)));
        if (produced is null)
        {
            if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            // 'var (response, retries) = await SendWithRetries(request)': a response handed out inside a tuple.
            if (DisposalAnalysis.ResponseElement(method.ReturnType, types) is not null)
            {
                return !ownership.ReturnsOnlyResponsesItDisposes(method) &&
                       context.SemanticModel.GetOperation(invocation, context.CancellationToken) is IInvocationOperation tupleCall &&
                       DisposalAnalysis.AnalyzeDeconstructed(tupleCall, types, ownership, context.CancellationToken) is { IsLeak: true } deconstructed
                    ? Report(context, invocation, deconstructed, name)
                    : null;
            }

            // 'var result = await ExecuteRequest(...); var response = result.Value;': a response made by a method of this
            // compilation and handed out inside a result object, read out of it here.
            return DisposalAnalysis.ResponseMemberOfResult(method.ReturnType, types) is { } member && ownership.ReturnsNewResponseInside(method) &&
                   context.SemanticModel.GetOperation(invocation, context.CancellationToken) is IInvocationOperation resultCall &&
                   DisposalAnalysis.AnalyzeReadFromResult(resultCall, member, types, ownership, context.CancellationToken) is { IsLeak: true } unwrapped
                ? Report(context, invocation, unwrapped, name)
                : null;
        }

        if (produced is IInvocationOperation { TargetMethod: var target } producedCall &&
            (HandsBackAResponseItIsGiven(target, types, ownership) || ownership.ReturnsOnlyResponsesItDisposes(target) ||
             ownership.ReturnsOnlyResponsesItKeeps(target) || (!producedCall.IsVirtual && ownership.ReturnsOnlyResponsesItBuilds(target))) ||
            produced is IInvalidOperation && CandidatesHandOutNoNewResponse(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken), ownership))
        {
            // response.AssertStatusCode(HttpStatusCode.Created) returning its own argument: no new response here; the one
            // handed in is followed through it where it was produced. A helper that returns the response its own 'using'
            // disposed hands back nothing left to dispose; one that returns responses its cache keeps hands out shared ones;
            // one that builds the responses it returns (server code answering a request; called as itself, not through an
            // override) hands out none that holds a connection.
            return null;
        }

        // 'action.Invoke(client)', 'action?.Invoke(client)': named for the delegate, as 'action(client)' is.
        var producer = name == "Invoke" ? DelegateName(invocation) ?? name : name;

        for (var depth = 0; depth < MaxForwardingDepth; depth++)
        {
            var verdict = DisposalAnalysis.Analyze(produced, ResourceKind.Response, types, ownership, context.CancellationToken);
            if (verdict.Fate == ValueFate.ForwardedToCaller && verdict.ForwardedTo is { } helper)
            {
                // A helper whose name passes the filter is analyzed on its own; reporting it here too would duplicate. One
                // that did not bind is analyzed on its own only under a well-known name (UnboundCalls.Produced without candidates).
                var helperName = helper is IInvocationOperation bound ? bound.TargetMethod.Name : (helper.Syntax as InvocationExpressionSyntax)?.InvokedName();
                if (helperName is null || (helper is IInvocationOperation ? names.MayReturnResponse(helperName) : ResponseMethodNames.IsWellKnown(helperName)))
                {
                    return null;
                }

                produced = helper;
                producer = helperName;
                continue;
            }

            return verdict.IsLeak ? Report(context, invocation, verdict, producer) : null;
        }

        return null;
    }

    /// <summary>The delegate <c>Invoke</c> is called on: <c>action</c> in <c>action.Invoke(client)</c>, <c>action?.Invoke(client)</c>, <c>_options.Send.Invoke(request)</c>.</summary>
    private static string? DelegateName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax { Expression: var receiver } => receiver,
        MemberBindingExpressionSyntax => invocation.Ancestors().OfType<ConditionalAccessExpressionSyntax>()
            .FirstOrDefault(access => access.WhenNotNull.Span.Contains(invocation.Span))?.Expression,
        _ => null,
    } switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// A method of this compilation that returns a response parameter it is given (a check that passes it on), or the
    /// response of a task parameter it awaits (<c>ThrowIfUnsuccessful(this Task&lt;HttpResponseMessage&gt; response)</c>).
    /// </summary>
    private static bool HandsBackAResponseItIsGiven(IMethodSymbol method, WellKnownTypes types, OwnershipSummaries ownership)
    {
        foreach (var parameter in method.Parameters)
        {
            if (types.IsResponse(parameter.Type) && (ownership.Of(method, parameter) & ParameterOwnership.ReturnsWrapped) != 0 ||
                types.IsResponse(types.TaskResult(parameter.Type)) && ownership.UseOfTaskParameter(method, parameter) == TaskParameterUse.ReturnsResponse)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The diagnostic for <paramref name="verdict"/>: for a call, as <see cref="DisposalVerdict.CreateDiagnostic"/> places it;
    /// for a method whose task parameter it reads, at the read. None inside a declaration marked generated.
    /// </summary>
    private static Diagnostic? Report(SyntaxNodeAnalysisContext context, SyntaxNode site, DisposalVerdict verdict, string producer)
    {
        // Generated code, and code the compiler proves never runs (after a 'return' of its block), are not the user's leaks.
        if (GeneratedCode.IsInMarkedDeclaration(site, context.SemanticModel, context.CancellationToken) ||
            UnreachableCode.Contains(site))
        {
            return null;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DisposalVerdict.FateProperty, verdict.Fate.ToString());
        return site is InvocationExpressionSyntax call
            ? verdict.CreateDiagnostic(Rule, call, properties, producer)
            : Diagnostic.Create(Rule, verdict.Value.Syntax.GetLocation(), properties, producer, verdict.Description);
    }
}
