using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Calls that take the value over: constructors that wrap it, helpers that dispose it, collections that keep it, lambdas whose result a helper returns.</summary>
internal static partial class DisposalAnalysis
{
    private static Use ClassifyArgument(IArgumentOperation argument, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, ref IOperation value, out ISymbol? local, out IOperation? forwardedTo)
    {
        local = null;
        forwardedTo = null;
        if (argument.Parameter is { RefKind: not RefKind.None and not RefKind.In })
        {
            return Use.Escapes;
        }

        switch (argument.Parent)
        {
            case IObjectCreationOperation creation:
                if (kind == ResourceKind.Response && creation.Constructor is { } constructor && argument.Parameter is { } read &&
                    ownership.ConstructorOnlyReadsResponse(constructor, read, CancellationToken.None))
                {
                    // 'return new Response<T>(response).Result;' whose constructor (in this compilation) reads the status and the
                    // body and keeps nothing: the object built holds no response, and nobody disposes it.
                    return Use.Borrowed;
                }

                // A constructor that receives the value wraps it: the new object owns it from now on.
                return TakenOverBy(creation, argument, kind, types, ownership);

            case IInvocationOperation invocation:
                if (ReturnsSameKind(invocation.Type, kind, types) ||
                    kind == ResourceKind.Disposable && invocation.TargetMethod is { Name: "FromResult", IsStatic: true, ContainingType.Name: "Task" or "ValueTask" })
                {
                    if (kind == ResourceKind.Response && argument.Parameter is { } parameter && ownership.OnlyReadsResponse(invocation.TargetMethod, parameter))
                    {
                        // 'return await HandleUnauthorizedAsync(request, response)' whose helper reads the challenge's headers and
                        // returns the response of a new request: the one passed in is not what comes back.
                        return Use.Borrowed;
                    }

                    // Task.FromResult(response), an extension that checks and returns the response...; Task.FromResult(new
                    // TimeoutStream(stream)) hands the wrapper on as it is.
                    value = invocation;
                    return Classify(invocation, kind, types, ownership, out value, out local, out forwardedTo);
                }

                return ClassifyCallArgument(invocation, invocation.TargetMethod, argument.Parameter, argument.Value.Type, kind, types, ownership);

            default:
                return Use.Escapes;
        }
    }

    /// <summary>
    /// The value given to <paramref name="parameter"/> of <paramref name="method"/> (a call that does not return it again):
    /// disposed by it, taken over by it or by what it returns, kept in a collection, or only read.
    /// </summary>
    private static Use ClassifyCallArgument(IOperation call, IMethodSymbol method, IParameterSymbol? parameter, ITypeSymbol? valueType, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (method.Name.Contains("Dispose") || method.Name.Contains("Close"))
        {
            return Use.Disposed;
        }

        var owns = parameter is not null ? ownership.Of(method, parameter) : ParameterOwnership.None;
        if ((owns & ParameterOwnership.Disposes) != 0 || (kind == ResourceKind.Response && (owns & ParameterOwnership.DisposesContent) != 0))
        {
            // HandleAsync(response) that ends in 'using (response)' (or disposes its content): the helper took ownership.
            return Use.DisposedByOwner;
        }

        if ((owns & ParameterOwnership.KeptByDisposableOwner) != 0)
        {
            // Kept in a field of an object whose Dispose releases it.
            return Use.Escapes;
        }

        if ((owns & ParameterOwnership.ReturnsWrapped) != 0)
        {
            // SendResult.FromResponse(response), File(stream, "application/zip"): the result holds it.
            return TakenOverBy(call, argument: null, kind, types, ownership);
        }

        if (IsCollectionStore(method))
        {
            return Use.Escapes;
        }

        if (method.MethodKind == MethodKind.DelegateInvoke && valueType is not null &&
            (method.ReturnType.SpecialType == SpecialType.System_Object || valueType.InheritsFromOrEquals(method.ReturnType as INamedTypeSymbol)))
        {
            // body = preprocess(body) with a Func<object, object>: code not seen here may hand the value back, or keep it.
            return Use.Escapes;
        }

        if (IsStateFormattingLog(method))
        {
            // _logger.Log(level, eventId, state, exception, formatter): the logger formats the state; it never disposes it.
            return Use.Borrowed;
        }

        if (parameter?.OriginalDefinition.Type is ITypeParameterSymbol && (method.ContainingType.TypeKind == TypeKind.Interface || method.IsAbstract))
        {
            // handler.HandleResponseAsync<HttpResponseMessage, TModel>(response, errorMapping): a pluggable handler generic in
            // the value's type; its implementation, not seen here, decides what becomes of the value (it may keep it).
            return Use.Escapes;
        }

        return Use.Borrowed;
    }

    /// <summary>
    /// The value given to a call that does not bind (the value's own type did not, or another argument's): decided by
    /// the candidates, as <see cref="ClassifyCallArgument"/> decides a bound call, when every candidate agrees; a
    /// candidate that may return the value again, a <c>ref</c> / <c>out</c> argument, or candidates that disagree hand it on.
    /// </summary>
    private static Use ClassifyUnboundArgument(IOperation call, InvocationExpressionSyntax syntax, ArgumentSyntax argument, ITypeSymbol? valueType, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (!argument.RefKindKeyword.IsKind(SyntaxKind.None) || call.SemanticModel is not { } model)
        {
            return Use.Escapes;
        }

        var info = model.GetSymbolInfo(syntax);
        var candidates = info.Symbol is { } bound ? ImmutableArray.Create(bound) : info.CandidateSymbols;
        if (candidates.IsDefaultOrEmpty && kind == ResourceKind.ContentStream && FrameworkStreamReaders.IsUnboundRead(model, syntax, CancellationToken.None))
        {
            // JsonDocument.ParseAsync(stream) with System.Text.Json missing: read to its end, neither kept nor disposed.
            return Use.Borrowed;
        }

        if (candidates.IsDefaultOrEmpty && FrameworkSerializers.IsUnboundSerialization(model, syntax, CancellationToken.None))
        {
            // JsonConvert.SerializeObject(response) with Newtonsoft.Json missing: read into text, neither kept nor disposed.
            return Use.Borrowed;
        }

        var index = syntax.ArgumentList.Arguments.IndexOf(argument);
        if (candidates.IsDefaultOrEmpty)
        {
            // response.AppendWithHttpResponseHeaders(message) on a receiver that does not bind: the methods of this
            // compilation it may be, each of which only reads what it is given (its summary), borrow it; anything else hands it on.
            var sameNamed = kind == ResourceKind.Response && valueType is not null and not { TypeKind: TypeKind.Error }
                ? SameNamedMethodsTaking(model, syntax, index, valueType)
                : ImmutableArray<(IMethodSymbol, IParameterSymbol)>.Empty;
            return sameNamed.Length > 0 && sameNamed.All(method => ownership.OnlyReadsResponse(method.Item1, method.Item2))
                ? Use.Borrowed
                : Use.Escapes;
        }

        Use? agreed = null;
        foreach (var candidate in candidates)
        {
            if (candidate is not IMethodSymbol method || ReturnsSameKind(method.ReturnType, kind, types) ||
                method.Parameters.ParameterFor(syntax.ArgumentList, index) is not { RefKind: RefKind.None or RefKind.In } parameter)
            {
                return Use.Escapes;
            }

            var use = ClassifyCallArgument(call, method, parameter, valueType, kind, types, ownership);
            if (agreed is not null && agreed != use)
            {
                return Use.Escapes;
            }

            agreed = use;
        }

        return agreed ?? Use.Escapes;
    }

    /// <summary>
    /// The methods of this compilation a call on a receiver that does not bind may be (<c>response.AppendWithHttpResponseHeaders(
    /// httpResponseMessage)</c> where <c>response</c> came from a package missing in folder mode): every instance method
    /// declared with that name whose parameter at the argument's position takes the value's type. Empty when the receiver
    /// binds (the call failed for another reason) or no such method is declared.
    /// </summary>
    private static ImmutableArray<(IMethodSymbol, IParameterSymbol)> SameNamedMethodsTaking(SemanticModel model, InvocationExpressionSyntax syntax, int index, ITypeSymbol valueType)
    {
        if (syntax.Expression is not MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var name } ||
            model.GetTypeInfo(receiver).Type is { TypeKind: not TypeKind.Error } ||
            model.GetSymbolInfo(receiver).Symbol is ITypeSymbol or INamespaceSymbol)
        {
            return ImmutableArray<(IMethodSymbol, IParameterSymbol)>.Empty;
        }

        var methods = ImmutableArray.CreateBuilder<(IMethodSymbol, IParameterSymbol)>();
        foreach (var symbol in model.Compilation.GetSymbolsWithName(name, SymbolFilter.Member))
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method &&
                method.Parameters.ParameterFor(syntax.ArgumentList, index) is { RefKind: RefKind.None } parameter &&
                model.Compilation.ClassifyConversion(valueType, parameter.Type).IsImplicit)
            {
                methods.Add((method, parameter));
            }
        }

        return methods.ToImmutable();
    }

    /// <summary>
    /// <paramref name="owner"/> (a constructed object, or the result of a call that returns the value inside what it
    /// builds) holds the value now. A stream is followed into a disposable owner: the stream is released when the owner
    /// is (<c>using var reader = new StreamReader(stream)</c>), unless it is told to leave the stream open.
    /// </summary>
    private static Use TakenOverBy(IOperation owner, IArgumentOperation? argument, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (kind == ResourceKind.Response && argument is null && IsWrapperOnlyRead(owner, types))
        {
            // var qr = await QuickResponse.FromMessage(response); return qr.ToApiResponse(); the wrapper is read and dropped.
            return Use.Borrowed;
        }

        if (owner.Syntax is ObjectCreationExpressionSyntax bitmap && FrameworkStreamReaders.IsKeepingImageConstructor(owner.Type, bitmap))
        {
            // 'var bitmap = new Bitmap(stream); ...; bitmap.Dispose();' (System.Drawing bound or not): the bitmap holds the
            // stream while it lives but does not dispose it; handed on, the stream goes with it.
            var bitmapUse = Classify(owner, ResourceKind.Disposable, types, ownership, out _, out var bitmapLocal, out _);
            return bitmapUse is Use.Escapes or Use.ForwardedToCaller ||
                   bitmapUse == Use.KeptInLocal && bitmapLocal is ILocalSymbol kept &&
                   ReleaseOf(kept, owner, owner.Syntax.SpanStart, ResourceKind.Disposable, types, ownership) == LocalRelease.HandedOn
                ? Use.Escapes
                : Use.Borrowed;
        }

        if (kind != ResourceKind.ContentStream || !types.IsDisposable(owner.Type))
        {
            return Use.Escapes;
        }

        if (owner is IObjectCreationOperation { Syntax: ObjectCreationExpressionSyntax written } image && FrameworkStreamReaders.IsReadingConstructor(image.Type, written))
        {
            // new MagickImage(stream): the image is read into ImageMagick's memory; the stream is neither kept nor disposed.
            return Use.Borrowed;
        }

        if (owner is IObjectCreationOperation creation && argument is not null && LeavesOpen(creation, argument))
        {
            // new StreamReader(stream, leaveOpen: true): disposing the reader leaves the stream as it was.
            return Use.Borrowed;
        }

        var ownerUse = Classify(owner, ResourceKind.Disposable, types, ownership, out _, out var ownerLocal, out _);
        return ownerUse switch
        {
            Use.Disposed or Use.DisposedByOwner => Use.DisposedByOwner,

            // 'using var reader = ...' / 'reader.Dispose()' disposes it; 'result = new QueryResult(stream, ...); ...; return result;'
            // hands the wrapper, and the stream in it, to the caller.
            Use.KeptInLocal when ownerLocal is ILocalSymbol ownerVariable => ReleaseOf(ownerVariable, owner, owner.Syntax.SpanStart, ResourceKind.Disposable, types, ownership) switch
            {
                LocalRelease.Disposed => Use.DisposedByOwner,
                LocalRelease.HandedOn => Use.Escapes,
                _ => Use.Borrowed,
            },
            Use.Escapes or Use.ForwardedToCaller => Use.Escapes,

            // A wrapper nobody disposes leaves the stream undisposed too.
            _ => Use.Borrowed,
        };
    }

    /// <summary>
    /// A <c>leaveOpen</c> parameter (StreamReader, BinaryReader, GZipStream, CryptoStream, ...) given anything but a constant
    /// <c>false</c>; only the wrapped value's own constructor call is asked.
    /// </summary>
    private static bool LeavesOpen(IObjectCreationOperation creation, IArgumentOperation wrapped) =>
        creation.Arguments.Any(a => a != wrapped && a.Parameter is { Name: "leaveOpen" } && a.ArgumentKind != ArgumentKind.DefaultValue &&
                                    a.Value.ConstantValue is not { HasValue: true, Value: false });

    private static Use ClassifyReturn(IReturnOperation @return, ResourceKind kind, WellKnownTypes types, out IOperation? forwardedTo)
    {
        forwardedTo = null;
        if (kind != ResourceKind.Disposable && @return.ReturnedValue?.Type is { } returned && types.Task?.BaseType is { } plainTask &&
            SymbolEqualityComparer.Default.Equals(returned, plainTask))
        {
            // 'Task SendAsync() => client.SendAsync(request);': returned as a plain Task, nobody can read the value to dispose it.
            return Use.Discarded;
        }

        if (kind != ResourceKind.Response)
        {
            return Use.Escapes;
        }

        // () => client.GetAsync(u) handed to a retry helper or a policy: the helper's result is the response.
        IOperation? current = @return.Parent;
        while (current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation)
        {
            current = current.Parent;
        }

        if (current is IAnonymousFunctionOperation lambda &&
            lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation helper } } &&
            types.IsResponseOrTaskOfResponse(helper.Type))
        {
            forwardedTo = helper;
            return Use.ForwardedToCaller;
        }

        if (current is IAnonymousFunctionOperation { Parent: IInvalidOperation { Syntax: InvocationExpressionSyntax helperCall } unboundHelper } unboundLambda &&
            unboundLambda.Syntax.Parent is ArgumentSyntax && unboundHelper.SemanticModel is { } model && model.GetSymbolInfo(helperCall).Symbol is null &&
            (types.IsResponse(UnboundCalls.DeclaredTargetType(model, helperCall, CancellationToken.None)) ||
             UnboundCalls.IsResponsePolicyExecution(model, helperCall, types, CancellationToken.None) ||
             UnboundCalls.IsTaskRunOfResponse(model, helperCall, types, CancellationToken.None)))
        {
            // 'HttpResponseMessage response = await pipeline.ExecuteAsync(async _ => await client.GetAsync(u));' with the
            // policy's package missing: the helper did not bind, but the code declares its result a response (or the
            // policy's chain names the response as its result: 'Policy.HandleResult<HttpResponseMessage>(...)...ExecuteAsync';
            // or it is Task.Run, whose task is of what the lambda returns).
            forwardedTo = unboundHelper;
            return Use.ForwardedToCaller;
        }

        return Use.Escapes;
    }

    private static bool ReturnsSameKind(ITypeSymbol? type, ResourceKind kind, WellKnownTypes types) => kind switch
    {
        ResourceKind.Response => types.IsResponseOrTaskOfResponse(type),
        ResourceKind.ContentStream => types.IsStream(type) || types.IsStream(types.TaskResult(type)),
        _ => false,
    };

    /// <summary>
    /// A logger's <c>Log&lt;TState&gt;</c>: one type parameter, a parameter of that type (the state) and a <c>Func&lt;TState, ...,
    /// string&gt;</c> that formats it. <c>ILogger.Log&lt;TState&gt;(level, eventId, state, exception, formatter)</c> has this shape, and
    /// so have the loggers libraries write after it (NetCord's <c>IRestLogger</c>): they format the state or copy its values and
    /// never dispose it.
    /// </summary>
    private static bool IsStateFormattingLog(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        if (definition.Name != "Log" || definition.TypeParameters.Length != 1)
        {
            return false;
        }

        var state = definition.TypeParameters[0];
        return definition.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, state)) &&
               definition.Parameters.Any(p => p.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, Name: "Func", TypeArguments: { Length: >= 2 } formatter } &&
                                              SymbolEqualityComparer.Default.Equals(formatter[0], state) &&
                                              formatter[formatter.Length - 1].SpecialType == SpecialType.System_String);
    }

    private static bool IsCollectionStore(IMethodSymbol method)
    {
        if (method.Name is "Add" or "Enqueue" or "Push" or "Insert" or "TryAdd" or "Set" or "AddOrUpdate" or "GetOrAdd" or "TrySetResult" or "SetResult" or "Post" or "TryWrite" or "WriteAsync")
        {
            return true;
        }

        // Anything that hands the value to a collection-like receiver keeps it; not an XmlDocument's Load, which reads the
        // whole document and leaves the stream open (an XmlDocument enumerates its child nodes, so it is IEnumerable).
        return method.ContainingType?.AllInterfaces.Any(static i => i.SpecialType == SpecialType.System_Collections_IEnumerable) == true &&
               !IsXmlDocumentLoad(method);
    }

    /// <summary><c>XmlDocument.Load(stream)</c> (or a derived document's): reads the stream to its end, neither keeps nor disposes it.</summary>
    private static bool IsXmlDocumentLoad(IMethodSymbol method)
    {
        if (method.Name != "Load")
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name == "XmlDocument" && type.ContainingNamespace?.ToDisplayString() == "System.Xml")
            {
                return true;
            }
        }

        return false;
    }
}
