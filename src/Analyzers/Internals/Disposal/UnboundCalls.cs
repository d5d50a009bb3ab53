using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Code that does not fully bind (half-typed in the IDE, a missing package in folder mode): when overload
/// resolution fails but every candidate is a method the rule tracks and all of them return the same type,
/// the call is decided by that type. A call with no candidates at all is decided only by what the rule knows of
/// its receiver and of the type the code declares for its value (<see cref="DeclaredTargetType"/>): a well-known
/// HttpClient call on a receiver that does not bind, kept in a local declared <c>HttpResponseMessage</c>; a JSON
/// extension on an HttpClient whose package is missing. Candidates that disagree, or a call the parser could not
/// read (missing tokens) decide nothing.
/// </summary>
internal static class UnboundCalls
{
    /// <summary>
    /// The operation that produces the value of <paramref name="invocation"/> and the name of the method it
    /// calls: the invocation itself when it binds to a method <paramref name="accepts"/>; when it does not
    /// bind, the compiler's invalid operation, as long as every candidate is accepted and returns one type; when
    /// it has no candidates at all (<c>receiver.Name(...)</c> whose receiver's type lacks the method or does not
    /// bind), the invalid operation when <paramref name="withoutCandidates"/> accepts the receiver's type.
    /// </summary>
    public static IOperation? Produced(SemanticModel model, InvocationExpressionSyntax invocation, Func<IMethodSymbol, bool> accepts, CancellationToken cancellationToken, Func<ITypeSymbol?, bool>? withoutCandidates = null)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return accepts(method) && model.GetOperation(invocation, cancellationToken) is IInvocationOperation produced ? produced : null;
        }

        if (info.Symbol is null && info.CandidateSymbols.IsDefaultOrEmpty)
        {
            return withoutCandidates is not null && !invocation.ContainsDiagnostics &&
                   invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } &&
                   withoutCandidates(model.GetTypeInfo(receiver, cancellationToken).Type) &&
                   model.GetOperation(invocation, cancellationToken) is IInvalidOperation withoutCandidate
                ? withoutCandidate
                : null;
        }

        if (info.CandidateReason is not (CandidateReason.OverloadResolutionFailure or CandidateReason.Ambiguous) ||
            info.CandidateSymbols.IsDefaultOrEmpty || invocation.ContainsDiagnostics)
        {
            return null;
        }

        ITypeSymbol? agreed = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol candidateMethod || !accepts(candidateMethod) ||
                (agreed is not null && !SymbolEqualityComparer.Default.Equals(agreed, candidateMethod.ReturnType)))
            {
                return null;
            }

            agreed = candidateMethod.ReturnType;
        }

        if (ExtensionMayBeMeant(model, invocation, agreed, cancellationToken))
        {
            return null;
        }

        return model.GetOperation(invocation, cancellationToken) is IInvalidOperation invalid &&
               (invalid.Type is null || invalid.Type.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(invalid.Type, agreed))
            ? invalid
            : null;
    }

    /// <summary>
    /// An extension method of the receiver's type with the call's name that takes as many arguments and returns something
    /// else (<c>public static Task PostAsync(this HttpClient client, string url, string json)</c>): C# looks for extension
    /// methods only when no instance method applies, so an argument whose type did not bind leaves the instance methods as
    /// the only candidates while the code means the extension. The candidates then do not speak for the call.
    /// </summary>
    private static bool ExtensionMayBeMeant(SemanticModel model, InvocationExpressionSyntax invocation, ITypeSymbol? agreed, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var name } ||
            model.GetTypeInfo(receiver, cancellationToken).Type is not { TypeKind: not TypeKind.Error } receiverType)
        {
            return false;
        }

        var arguments = invocation.ArgumentList.Arguments.Count;
        foreach (var symbol in model.LookupSymbols(invocation.SpanStart, receiverType, name, includeReducedExtensionMethods: true))
        {
            if (symbol is IMethodSymbol { ReducedFrom: not null } extension &&
                !SymbolEqualityComparer.Default.Equals(extension.ReturnType, agreed) &&
                arguments <= extension.Parameters.Length && arguments >= extension.Parameters.Count(static parameter => !parameter.IsOptional && !parameter.IsParams))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Policy.HandleResult&lt;HttpResponseMessage&gt;(...).WaitAndRetryAsync(...).ExecuteAsync(...)</c> whose package is
    /// missing: an <c>Execute</c> / <c>ExecuteAsync</c> call that does not bind, on a chain that names the response type as
    /// the policy's result (<c>HandleResult&lt;T&gt;</c>, <c>OrResult&lt;T&gt;</c>, <c>Policy&lt;T&gt;</c>,
    /// <c>ResiliencePipeline&lt;T&gt;</c>, <c>ResiliencePipelineBuilder&lt;T&gt;</c>) or starts at Polly.Extensions.Http's
    /// <c>HandleTransientHttpError()</c>, whose result type is the response. Such a policy's execution returns what its
    /// delegate returns. <c>ExecuteAndCapture[Async]</c>, which wraps the result, is not one.
    /// </summary>
    public static bool IsResponsePolicyExecution(SemanticModel model, InvocationExpressionSyntax call, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Execute" or "ExecuteAsync" } execute)
        {
            return false;
        }

        var localsFollowed = 0;
        for (ExpressionSyntax? current = execute.Expression; current is not null;)
        {
            var currentType = model.GetTypeInfo(current, cancellationToken).Type;
            if (IsUnboundResponsePolicyType(currentType, types) ||
                IsUnboundPlainPolicyType(currentType) && ImportsPolly(call.SyntaxTree) && DelegateReturnsResponse(model, call, types, cancellationToken))
            {
                return true;
            }

            switch (current)
            {
                case InvocationExpressionSyntax invocation:
                    current = invocation.Expression;
                    continue;
                case MemberAccessExpressionSyntax access:
                    if (IsResponseResultName(model, access.Name, types, cancellationToken))
                    {
                        return true;
                    }

                    if (IsResultName(access.Name))
                    {
                        // Policy.HandleResult<string>(...): a policy of another result.
                        return false;
                    }

                    current = access.Expression;
                    continue;
                case SimpleNameSyntax name:
                    if (IsResponseResultName(model, name, types, cancellationToken) ||
                        IsUnboundPollyRoot(model, name, cancellationToken) && DelegateReturnsResponse(model, call, types, cancellationToken))
                    {
                        return true;
                    }

                    // var policy = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(...).WaitAndRetryAsync(...);
                    // await policy.ExecuteAsync(...): the chain the local is made of, when nothing writes it again.
                    current = localsFollowed++ < 2 && model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
                        ? LongLivedStorage.OnlyValueOf(local, model, cancellationToken)
                        : null;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Task.Run(async () =&gt; { ...; return await client.PostAsync(...); })</c> that does not bind (its lambda names a type
    /// of a missing package): <c>Task.Run&lt;TResult&gt;</c> hands back a task of what the lambda returns, a response here
    /// (<see cref="DelegateReturnsResponse"/>). The receiver must bind to <c>System.Threading.Tasks.Task</c>.
    /// </summary>
    public static bool IsTaskRunOfResponse(SemanticModel model, InvocationExpressionSyntax call, WellKnownTypes types, CancellationToken cancellationToken) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run", Expression: var receiver } &&
        call.ArgumentList.Arguments.Count is 1 or 2 &&
        model.GetSymbolInfo(receiver, cancellationToken).Symbol is INamedTypeSymbol
        {
            Name: "Task", Arity: 0,
            ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
        } &&
        DelegateReturnsResponse(model, call, types, cancellationToken);

    /// <summary>Polly's static <c>Policy</c> class, where the package is missing: the written name, which does not bind.</summary>
    private static bool IsUnboundPollyRoot(SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken) =>
        name is IdentifierNameSyntax { Identifier.ValueText: "Policy" } &&
        model.GetSymbolInfo(name, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true };

    /// <summary>
    /// The execution's one delegate argument, a lambda, returns a response or a task of one (<c>() =&gt; client.GetAsync(u)</c>,
    /// <c>async () =&gt; await task</c>, a block whose every <c>return</c> hands back a response): a non-generic policy's
    /// <c>ExecuteAsync&lt;TResult&gt;</c> then hands back that response.
    /// </summary>
    public static bool DelegateReturnsResponse(SemanticModel model, InvocationExpressionSyntax call, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (call.ArgumentList.Arguments is not { Count: > 0 } arguments || arguments[0].Expression is not AnonymousFunctionExpressionSyntax lambda)
        {
            return false;
        }

        if (lambda.ExpressionBody is { } expression)
        {
            return ReturnsResponse(expression);
        }

        var any = false;
        foreach (var @return in lambda.Block?.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>() ??
                                Enumerable.Empty<ReturnStatementSyntax>())
        {
            if (@return.Expression is not { } returned || !ReturnsResponse(returned))
            {
                return false;
            }

            any = true;
        }

        return any;

        // 'await client.PostAsync(uri, new StringContent(json))' with 'json' of a missing package's type: the await has no
        // type in a lambda that does not bind, the awaited call still returns a task of a response.
        // A task local made by an unbound JSON extension ('var t = c.PostAsJsonAsync(route, body); ... await t') likewise.
        bool ReturnsResponse(ExpressionSyntax returned) =>
            types.IsResponseOrTaskOfResponse(model.GetTypeInfo(returned, cancellationToken).Type) ||
            returned is AwaitExpressionSyntax awaited && model.GetTypeInfo(returned, cancellationToken).Type is null or { TypeKind: TypeKind.Error } &&
            types.IsResponseOrTaskOfResponse(model.GetTypeInfo(awaited.ResultSource(), cancellationToken).Type) ||
            IsTaskOfAnUnboundContentExtension(model, returned, types, cancellationToken);
    }

    /// <summary>
    /// <c>await t</c> (or <c>t</c>) returned by the lambda, where <c>t</c> is a local that nothing writes again, made by a
    /// content extension whose package is missing called on a client (<c>var t = c.PostAsJsonAsync(route, body);</c>):
    /// a task of a response, although nothing about it binds.
    /// </summary>
    private static bool IsTaskOfAnUnboundContentExtension(SemanticModel model, ExpressionSyntax expression, WellKnownTypes types, CancellationToken cancellationToken) =>
        expression.ResultSource() is IdentifierNameSyntax name &&
        model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol { Type.TypeKind: TypeKind.Error } local &&
        LongLivedStorage.OnlyValueOf(local, model, cancellationToken) is InvocationExpressionSyntax made &&
        IsUnboundContentExtension(model, made, types, cancellationToken);

    /// <summary>
    /// <c>client.PostAsJsonAsync(route, body)</c>: a content extension (System.Net.Http.Json, WebApi.Client) whose package is
    /// missing, called on a client: no candidate binds, but it sends and hands back a task of a response.
    /// </summary>
    private static bool IsUnboundContentExtension(SemanticModel model, InvocationExpressionSyntax call, WellKnownTypes types, CancellationToken cancellationToken) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } &&
        ResponseMethodNames.IsContentExtension(method) &&
        Produced(model, call, static _ => false, cancellationToken, withoutCandidates: types.IsMessageInvoker) is not null;

    /// <summary>
    /// A policy or pipeline type the compilation could not bind, written with the response as its one type argument: the
    /// declared type of a policy field, local or factory method (<c>AsyncRetryPolicy&lt;HttpResponseMessage&gt;</c>,
    /// <c>IAsyncPolicy&lt;HttpResponseMessage&gt;</c>, <c>ResiliencePipeline&lt;HttpResponseMessage&gt;</c>), which
    /// the error type keeps: <c>var policy = HttpPolicies.GetRetryPolicy(); await policy.ExecuteAsync(...)</c>.
    /// </summary>
    private static bool IsUnboundResponsePolicyType(ITypeSymbol? type, WellKnownTypes types) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Error, TypeArguments: { Length: 1 } arguments } policy &&
        (policy.Name.EndsWith("Policy", StringComparison.Ordinal) || policy.Name.EndsWith("Pipeline", StringComparison.Ordinal)) &&
        types.IsResponse(arguments[0]);

    /// <summary>
    /// A non-generic policy or pipeline type the compilation could not bind (<c>ResiliencePipeline</c>, <c>IAsyncPolicy</c>,
    /// <c>AsyncRetryPolicy</c>): the declared type of a field, local or parameter (<c>private readonly ResiliencePipeline
    /// _resilience;</c>), in a file that imports Polly (<see cref="ImportsPolly"/>): its <c>ExecuteAsync&lt;TResult&gt;</c> hands
    /// back what the delegate returns. Without the import the type may be anybody's, whose execution may return nothing.
    /// </summary>
    private static bool IsUnboundPlainPolicyType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Error, Arity: 0 } policy &&
        (policy.Name.EndsWith("Policy", StringComparison.Ordinal) || policy.Name.EndsWith("Pipeline", StringComparison.Ordinal));

    /// <summary>The file imports <c>Polly</c> or one of its namespaces (<c>using Polly.Retry;</c>).</summary>
    private static bool ImportsPolly(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Any(static directive => directive.Alias is null && directive.Name?.ToString() is { } name && (name == "Polly" || name.StartsWith("Polly.", StringComparison.Ordinal)));

    private static bool IsResultName(SimpleNameSyntax name) =>
        name is GenericNameSyntax { Identifier.ValueText: "HandleResult" or "OrResult" or "Policy" or "ResiliencePipeline" or "ResiliencePipelineBuilder", TypeArgumentList.Arguments.Count: 1 };

    private static bool IsResponseResultName(SemanticModel model, SimpleNameSyntax name, WellKnownTypes types, CancellationToken cancellationToken) => name switch
    {
        GenericNameSyntax { TypeArgumentList.Arguments: { Count: 1 } arguments } when IsResultName(name) =>
            types.IsResponse(model.GetTypeInfo(arguments[0], cancellationToken).Type),
        IdentifierNameSyntax { Identifier.ValueText: "HandleTransientHttpError" } => true,
        _ => false,
    };

    /// <summary>
    /// <paramref name="invocation"/> is made on a client that a factory whose package is missing hands out:
    /// <c>_factory.CreateClient(name).PostAsync(...)</c>, or a local that such a call initializes (<c>using (var client =
    /// _factory.CreateClient()) { ... client.PostAsync(...) }</c>), or a local that falls back from an <c>HttpClient</c> to
    /// such a call or to any call that does not bind (<c>var client = _options.HttpClient ?? s_factory.GetHttpClient(url);</c>:
    /// one side is an <c>HttpClient</c>, the other must be one too). The factory is one of four:
    /// <list type="bullet">
    /// <item>an <c>IHttpClientFactory</c> (its declared type is written so and does not bind: Microsoft.Extensions.Http
    /// missing in folder mode), whose <c>CreateClient</c> returns an <c>HttpClient</c>;</item>
    /// <item>WebApi's <c>HttpClientFactory.Create(...)</c> as <see cref="FrameworkClientFactories"/> recognises it;</item>
    /// <item>a call that does not bind named <c>Create...HttpClient</c> (Google's <c>CreateDefaultHttpClient()</c>,
    /// <c>CreateHttpClient(args)</c>, which return a <c>ConfigurableHttpClient</c>): the name says what it makes;</item>
    /// <item>a generic call that does not bind, asked for an <c>HttpClient</c> by its one type argument
    /// (<c>provider.Get&lt;HttpClient&gt;()</c> of a service-locator extension the scan lacks).</item>
    /// </list>
    /// </summary>
    public static bool OnUnboundFactoryClient(SemanticModel model, InvocationExpressionSyntax invocation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver })
        {
            return false;
        }

        receiver = receiver.Unwrap();
        if (receiver is IdentifierNameSyntax &&
            model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol { Type.TypeKind: TypeKind.Error, DeclaringSyntaxReferences: { Length: 1 } declarations } &&
            declarations[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var initializer })
        {
            receiver = initializer.Unwrap();
        }

        if (receiver is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce)
        {
            // A '??' whose value did not bind: the side that did (an HttpClient member) says what the other hands out.
            return (types.IsMessageInvoker(model.GetTypeInfo(coalesce.Left, cancellationToken).Type) && IsUnboundCall(coalesce.Right)) ||
                   (types.IsMessageInvoker(model.GetTypeInfo(coalesce.Right, cancellationToken).Type) && IsUnboundCall(coalesce.Left));
        }

        if (receiver is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var made, Expression: var factory } } creation)
        {
            return false;
        }

        if (creation.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: { Count: 1 } asked } } &&
            model.GetSymbolInfo(creation, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true } &&
            types.IsHttpClient(model.GetTypeInfo(asked[0], cancellationToken).Type))
        {
            // provider.Get<HttpClient>(), container.Resolve<HttpClient>() of a service locator the scan lacks: asked for an
            // HttpClient by its type, it hands one out.
            return true;
        }

        if (made == "CreateClient")
        {
            return model.GetTypeInfo(factory, cancellationToken).Type is { TypeKind: TypeKind.Error, Name: "IHttpClientFactory" };
        }

        if (FrameworkClientFactories.MayBeOne(creation))
        {
            return FrameworkClientFactories.MakesClient(creation, model, types, cancellationToken);
        }

        // The receiver's type did not bind (asked before this), so neither did the call that made it.
        return made.StartsWith("Create", StringComparison.Ordinal) && made.EndsWith("HttpClient", StringComparison.Ordinal);

        bool IsUnboundCall(ExpressionSyntax side) =>
            side.Unwrap() is InvocationExpressionSyntax call && model.GetSymbolInfo(call, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true };
    }

    /// <summary>
    /// <paramref name="invocation"/> is made on a member named <c>HttpClient</c> of a receiver whose package is missing
    /// (<c>connection.Client.HttpClient.SendAsync(request)</c> with Seq.Api absent): SDKs expose the HttpClient they send
    /// through under that name, so a well-known HttpClient call on it hands out a response.
    /// </summary>
    public static bool OnUnboundHttpClientMember(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } &&
        receiver.Unwrap() is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "HttpClient" } } member &&
        model.GetSymbolInfo(member, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true };

    /// <summary>
    /// A <c>var</c> local whose type did not bind although the call that initializes it (through <c>await</c>,
    /// <c>ConfigureAwait</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c> and parentheses) returns a response, or every
    /// candidate of it does (<see cref="Produced"/>): <c>var response = await _client.PostAsync($"{Plugin.Instance.Url}/auth",
    /// content);</c> with <c>Plugin</c> another project's, where the call binds but the compiler gives the awaited value no type.
    /// </summary>
    public static bool IsUnboundResponseLocal(ILocalSymbol local, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (local.Type.TypeKind != TypeKind.Error || local.DeclaringSyntaxReferences is not { Length: 1 } declarations ||
            declarations[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initializer } ||
            declarations[0].SyntaxTree != model.SyntaxTree)
        {
            return false;
        }

        // var response = await _policy.ExecuteAsync(ct => _client.GetAsync(url, ct)); with Polly missing: the execution hands
        // back what its delegate made, a response.
        // var response = await _httpClient.PostAsJsonAsync(route, request, ct); with System.Net.Http.Json missing.
        return initializer.ResultSource() is InvocationExpressionSyntax call &&
               (Produced(model, call, method => types.IsResponseOrTaskOfResponse(method.ReturnType), cancellationToken) is not null ||
                IsUnboundContentExtension(model, call, types, cancellationToken) ||
                IsResponsePolicyExecution(model, call, types, cancellationToken) && model.GetSymbolInfo(call, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true });
    }

    /// <summary>
    /// <c>response.Content.ReadAsStreamAsync()</c> (or <c>ReadAsStream()</c>) on a local <see cref="IsUnboundResponseLocal"/>
    /// decides a response: the read has no candidates, since nothing about the local binds, and is decided as a content stream.
    /// </summary>
    public static IOperation? ContentStreamOfUnboundResponse(SemanticModel model, InvocationExpressionSyntax invocation, WellKnownTypes types, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax
        {
            Name.Identifier.ValueText: "ReadAsStreamAsync" or "ReadAsStream",
            Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax holder },
        } &&
        !invocation.ContainsDiagnostics &&
        model.GetSymbolInfo(invocation, cancellationToken) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true } &&
        model.GetSymbolInfo(holder, cancellationToken).Symbol is ILocalSymbol local &&
        IsUnboundResponseLocal(local, model, types, cancellationToken) && IsOnlyRead(local, cancellationToken) &&
        model.GetOperation(invocation, cancellationToken) is IInvalidOperation read
            ? read
            : null;

    /// <summary>
    /// The local is declared without <c>using</c> and every mention of it reads a member that neither disposes nor hands
    /// out the response (<c>StatusCode</c>, <c>IsSuccessStatusCode</c>, <c>Headers</c>, <c>Content</c>, ...): nothing that
    /// does not bind can have released it, so the stream read from its content is the only handle left.
    /// </summary>
    /// <summary><c>response.EnsureSuccessStatusCode();</c> as a statement: it throws or hands back the same response, dropped.</summary>
    private static bool IsStatusCheckStatement(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "EnsureSuccessStatusCode", Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } };

    private static bool IsOnlyRead(ILocalSymbol local, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator ||
            declaration.Parent is UsingStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } ||
            declarator.EnclosingMember() is not { } member)
        {
            return false;
        }

        foreach (var name in member.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText == local.Name &&
                !(name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" or "StatusCode" or "IsSuccessStatusCode" or "Headers" or "ReasonPhrase" or "Version" } access &&
                  access.Expression == name) &&
                !IsStatusCheckStatement(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The type the code declares for the value of <paramref name="invocation"/>: the local (not <c>var</c>) it initializes,
    /// or the local or field it is assigned to, through <c>await</c>, <c>ConfigureAwait</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c> and parentheses.
    /// </summary>
    public static ITypeSymbol? DeclaredTargetType(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var value = invocation.AwaitedResult();
        return value.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } } => model.GetTypeInfo(type, cancellationToken).Type,
            AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == value =>
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol switch
                {
                    ILocalSymbol local => local.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                },
            _ => null,
        };
    }

    /// <summary>
    /// The value of <paramref name="invocation"/> (through <c>await</c>, <c>ConfigureAwait</c>, <c>.Result</c>,
    /// <c>.GetAwaiter().GetResult()</c> and parentheses) initializes a <c>var</c> local whose type did not bind, and the code
    /// reads that local's content as an HTTP content: <c>local.Content.ReadAsStringAsync()</c> (or <c>ReadAsStreamAsync</c>,
    /// <c>ReadAsByteArrayAsync</c>, <c>ReadFromJsonAsync</c>), or its content headers (<c>local.Content.Headers.ContentLength</c>,
    /// <c>ContentType</c>, <c>ContentDisposition</c>, <c>LastModified</c>: a HEAD request's answer), which only an
    /// <c>HttpResponseMessage</c> offers. <c>var client =
    /// Helper.Instance().Get(); var response = await client.GetAsync(url);</c> with the helper's package missing.
    /// </summary>
    public static bool KeptAndReadAsResponse(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (invocation.AwaitedResult().Parent is not EqualsValueClauseSyntax
            {
                Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } declarator,
            } ||
            declarator.EnclosingFunction() is not { } scope ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { Type.TypeKind: TypeKind.Error } local)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (ReadHolder(node) is { } holder &&
                holder.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(holder, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;

        // local.Content.ReadAsStringAsync() and the like, or local.Content.Headers.ContentLength (a HEAD request's answer).
        static IdentifierNameSyntax? ReadHolder(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync" or "ReadFromJsonAsync",
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax holder },
                },
            } => holder,
            MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "ContentLength" or "ContentType" or "ContentDisposition" or "LastModified",
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "Headers",
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax holder },
                },
            } => holder,
            _ => null,
        };
    }
}
