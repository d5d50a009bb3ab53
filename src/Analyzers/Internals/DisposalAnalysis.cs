using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>What a value that must be disposed is, for the dispose analysis.</summary>
internal enum ResourceKind
{
    /// <summary>An HttpResponseMessage (HCG003).</summary>
    Response,

    /// <summary>A response content stream (HCG004, HCG006): wrappers that own it count as its disposal.</summary>
    ContentStream,

    /// <summary>Any disposable, followed only to learn whether it is disposed (HCG005).</summary>
    Disposable,
}

/// <summary>How the code treats one value, seen from the operation that produces it.</summary>
internal enum ValueFate
{
    /// <summary>Disposed on every path the analysis follows.</summary>
    Disposed,

    /// <summary>Leaves the member: returned, stored, captured, wrapped, handed to an out/ref.</summary>
    Escapes,

    /// <summary>A statement throws it away (<c>await client.PostAsync(...);</c>, <c>_ = ...</c>).</summary>
    Discarded,

    /// <summary>Used once in an expression and never kept (<c>(await client.GetAsync(u)).Content</c>).</summary>
    Chained,

    /// <summary>Kept in a local that nothing disposes.</summary>
    NotDisposed,

    /// <summary>Kept in a local that is disposed on some paths only.</summary>
    NotDisposedOnEveryPath,

    /// <summary>Returned by a lambda to a method that returns it again (retry helpers, policies).</summary>
    ForwardedToCaller,
}

/// <summary>The verdict on one value, with what the code fixes and the other rules need to know.</summary>
internal readonly struct DisposalVerdict
{
    public DisposalVerdict(ValueFate fate, IOperation value, ILocalSymbol? local = null, IInvocationOperation? forwardedTo = null)
    {
        Fate = fate;
        Value = value;
        Local = local;
        ForwardedTo = forwardedTo;
    }

    public ValueFate Fate { get; }

    /// <summary>The outermost expression that still is the value itself (after await, .Result, EnsureSuccessStatusCode()).</summary>
    public IOperation Value { get; }

    /// <summary>The local the value is kept in, when there is one.</summary>
    public ILocalSymbol? Local { get; }

    /// <summary>For <see cref="ValueFate.ForwardedToCaller"/>: the call that hands the value on.</summary>
    public IInvocationOperation? ForwardedTo { get; }

    public bool IsLeak => Fate is ValueFate.Discarded or ValueFate.Chained or ValueFate.NotDisposed or ValueFate.NotDisposedOnEveryPath;
}

/// <summary>
/// A focused dispose analysis: follow one value up the operation tree from the call that produces
/// it, then, when it lands in a local, over every reference to that local and, only where the code
/// disposes it explicitly, over the control-flow graph of the function that declares it. Anything
/// the walk does not understand counts as an escape, so that the rules stay quiet rather than guess.
/// </summary>
internal static class DisposalAnalysis
{
    private enum Use
    {
        Borrowed,
        Discarded,
        Disposed,
        DisposedByOwner,
        Escapes,
        KeptInLocal,
        ForwardedToCaller,
    }

    public static DisposalVerdict Analyze(IOperation produced, ResourceKind kind, LifetimeTypes types, CancellationToken cancellationToken)
    {
        var use = Classify(produced, kind, types, out var value, out var local, out var forwardedTo);
        if (use is Use.KeptInLocal or Use.Borrowed or Use.Discarded && types.TaskResult(value.Type) is not null)
        {
            // A task kept for later, handed to WhenAll or fired and forgotten: whoever awaits it owns the result.
            return new DisposalVerdict(ValueFate.Escapes, value);
        }

        switch (use)
        {
            case Use.Disposed:
            case Use.DisposedByOwner:
                return new DisposalVerdict(ValueFate.Disposed, value);
            case Use.Escapes:
                return new DisposalVerdict(ValueFate.Escapes, value);
            case Use.Discarded:
                return new DisposalVerdict(ValueFate.Discarded, value);
            case Use.Borrowed:
                return new DisposalVerdict(ValueFate.Chained, value);
            case Use.ForwardedToCaller:
                return new DisposalVerdict(ValueFate.ForwardedToCaller, value, forwardedTo: forwardedTo);
        }

        return new DisposalVerdict(AnalyzeLocal(value, local!, kind, types, cancellationToken), value, local);
    }

    /// <summary>True when the local is declared by <c>using var</c> or in a <c>using (...)</c> header.</summary>
    public static bool IsUsingLocal(ILocalSymbol local, IOperation anyOperationInMember)
    {
        foreach (var operation in Root(anyOperationInMember).DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return IsUsingDeclarator(declarator);
            }
        }

        return false;
    }

    /// <summary>
    /// True when the local is disposed somewhere in its member: a using declaration, a using
    /// statement over it, or a <c>Dispose()</c> call, on any path. HCG004/HCG006 need "the
    /// response is disposed here", not "on every path".
    /// </summary>
    public static bool IsDisposedAnywhere(ILocalSymbol local, IOperation anyOperationInMember, ResourceKind kind, LifetimeTypes types)
    {
        var root = Root(anyOperationInMember);
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && IsUsingDeclarator(declarator):
                    return true;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    var use = Classify(reference, kind, types, out _, out _, out _);
                    if (use is Use.Disposed or Use.DisposedByOwner)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// For <c>response.Content.ReadAsStreamAsync()</c> (directly, or through a local holding
    /// <c>response.Content</c>): the local that holds the response owning the stream.
    /// </summary>
    public static ILocalSymbol? OwningResponseLocal(IInvocationOperation streamRead, LifetimeTypes types)
    {
        var content = SkipConversions(streamRead.Instance);
        if (content is ILocalReferenceOperation contentLocal && types.Http.HttpContent is not null)
        {
            content = null;
            foreach (var operation in Root(streamRead).Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, contentLocal.Local))
                {
                    content = SkipConversions(declarator.Initializer?.Value);
                    break;
                }
            }
        }

        return content is IPropertyReferenceOperation { Property.Name: "Content", Instance: { } owner } &&
               SkipConversions(owner) is ILocalReferenceOperation responseLocal &&
               types.IsResponse(responseLocal.Local.Type)
            ? responseLocal.Local
            : null;
    }

    /// <summary>
    /// True when the local is disposed as the member leaves the scope that reads from it: a using
    /// declaration or statement, or a <c>finally</c> around <paramref name="use"/> that disposes it.
    /// </summary>
    public static bool IsDisposedOnScopeExit(ILocalSymbol local, IOperation use, ResourceKind kind, LifetimeTypes types)
    {
        if (IsUsingLocal(local, use))
        {
            return true;
        }

        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is ITryOperation { Finally: { } @finally } @try && IsWithin(use, @try.Body))
            {
                foreach (var operation in @finally.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                        Classify(reference, kind, types, out _, out _, out _) == Use.Disposed)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the value produced by <paramref name="produced"/> is returned from the member or
    /// stored in a field, property or out parameter, directly or through locals.
    /// </summary>
    public static bool IsReturnedOrStored(IOperation produced, LifetimeTypes types, CancellationToken cancellationToken) =>
        IsReturnedOrStored(produced, types, depth: 0, cancellationToken);

    private static bool IsReturnedOrStored(IOperation produced, LifetimeTypes types, int depth, CancellationToken cancellationToken)
    {
        if (depth > 3)
        {
            return false;
        }

        var value = produced;
        while (value.Parent is IConversionOperation or IAwaitOperation or ICoalesceOperation ||
               (value.Parent is IConditionalOperation conditional && conditional.Condition != value) ||
               (value.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } awaiting && awaiting.Instance == value) ||
               (value.Parent is IPropertyReferenceOperation { Property.Name: "Result" } result && result.Instance == value))
        {
            value = value.Parent!;
        }

        ILocalSymbol? local;
        switch (value.Parent)
        {
            case IReturnOperation @return:
                // A lambda's return leaves the lambda, not the member.
                return !IsInsideFunction(@return);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                if (assignment.Target is ILocalReferenceOperation target)
                {
                    local = target.Local;
                    break;
                }

                return assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                local = declarator.Symbol;
                break;
            case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref }:
                return true;
            default:
                return false;
        }

        foreach (var operation in Root(value).Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                !(reference.Parent is ISimpleAssignmentOperation assigned && assigned.Target == reference) &&
                IsReturnedOrStored(reference, types, depth + 1, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInsideFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWithin(IOperation operation, IOperation container)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == container)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>Walks up from <paramref name="produced"/> through everything that is still the same value.</summary>
    private static Use Classify(IOperation produced, ResourceKind kind, LifetimeTypes types, out IOperation value, out ILocalSymbol? local, out IInvocationOperation? forwardedTo)
    {
        value = produced;
        local = null;
        forwardedTo = null;
        while (true)
        {
            var parent = value.Parent;
            switch (parent)
            {
                case null:
                    return Use.Escapes;

                case IConversionOperation conversion when conversion.Operand == value:
                case IAwaitOperation:
                case IConditionalOperation conditional when conditional.Condition != value:
                case ICoalesceOperation:
                case IParenthesizedOperation:
                    value = parent;
                    continue;

                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == value && types.TaskResult(value.Type) is not null:
                    value = parent;
                    continue;

                case IInvocationOperation invocation when invocation.Instance == value:
                    switch (invocation.TargetMethod.Name)
                    {
                        case "ConfigureAwait":
                        case "GetAwaiter":
                        case "GetResult":
                            value = parent;
                            continue;
                        case "Dispose":
                        case "DisposeAsync":
                        case "Close":
                            return Use.Disposed;
                    }

                    if (ReturnsSameKind(invocation.Type, kind, types))
                    {
                        // EnsureSuccessStatusCode() and friends return the instance itself.
                        value = parent;
                        continue;
                    }

                    return Use.Borrowed;

                case IArgumentOperation argument:
                    return ClassifyArgument(argument, kind, types, ref value, out local, out forwardedTo);

                case IExpressionStatementOperation:
                    return Use.Discarded;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    if (IsUsingDeclarator(declarator))
                    {
                        return Use.DisposedByOwner;
                    }

                    local = declarator.Symbol;
                    return Use.KeptInLocal;

                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    if (assignment.Parent is IUsingOperation owner && owner.Resources == assignment)
                    {
                        // using (response = await client.GetAsync(u)) { ... }
                        return Use.DisposedByOwner;
                    }

                    switch (assignment.Target)
                    {
                        case ILocalReferenceOperation target when !target.Local.IsRef:
                            local = target.Local;
                            return Use.KeptInLocal;
                        case IDiscardOperation:
                            return Use.Discarded;
                        default:
                            return Use.Escapes;
                    }

                case IReturnOperation @return:
                    return ClassifyReturn(@return, kind, types, out forwardedTo);

                case IUsingOperation @using when @using.Resources == value:
                    return Use.DisposedByOwner;

                case IConditionalAccessOperation access when access.Operation == value:
                    return access.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" }
                        ? Use.Disposed
                        : Use.Borrowed;

                case IPropertyReferenceOperation { Property.Name: "Content" } content when content.Instance == value && kind == ResourceKind.Response:
                    // Handing out the content, or a stream read from it, hands out what holds the connection:
                    // whoever disposes that stream releases it, and disposing the response here would break it.
                    return HandsOutContent(content, types) ? Use.Escapes : Use.Borrowed;

                case IPropertyReferenceOperation property when property.Instance == value:
                case IFieldReferenceOperation field when field.Instance == value:
                case IEventReferenceOperation @event when @event.Instance == value:
                case IInterpolationOperation:
                case IBinaryOperation:
                case IUnaryOperation:
                case IIsTypeOperation:
                case IConditionalOperation:
                    return Use.Borrowed;

                case IIsPatternOperation pattern:
                    // 'is var x' / 'is HttpResponseMessage x' keep the value under a new name.
                    return pattern.Pattern is IConstantPatternOperation or ITypePatternOperation or IRelationalPatternOperation ? Use.Borrowed : Use.Escapes;

                default:
                    // Tuples, collections, initializers, anything unexpected: the value is kept somewhere else.
                    return Use.Escapes;
            }
        }
    }

    private static bool HandsOutContent(IPropertyReferenceOperation content, LifetimeTypes types)
    {
        if (content.Parent is IInvocationOperation read && read.Instance == content && types.IsContentStreamMethod(read.TargetMethod))
        {
            return IsReturnedOrStored(read, types, CancellationToken.None);
        }

        return IsReturnedOrStored(content, types, CancellationToken.None);
    }

    private static Use ClassifyArgument(IArgumentOperation argument, ResourceKind kind, LifetimeTypes types, ref IOperation value, out ILocalSymbol? local, out IInvocationOperation? forwardedTo)
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
                if (kind == ResourceKind.ContentStream && types.IsDisposable(creation.Type))
                {
                    // new StreamReader(stream): the reader owns the stream; disposing the reader disposes it.
                    var ownerUse = Classify(creation, ResourceKind.Disposable, types, out _, out var ownerLocal, out _);
                    return ownerUse switch
                    {
                        Use.Disposed or Use.DisposedByOwner => Use.DisposedByOwner,
                        Use.KeptInLocal when ownerLocal is not null && IsDisposedAnywhere(ownerLocal, creation, ResourceKind.Disposable, types) => Use.DisposedByOwner,
                        Use.Escapes or Use.ForwardedToCaller => Use.Escapes,
                        Use.KeptInLocal => Use.Borrowed,
                        _ => Use.Borrowed,
                    };
                }

                // A constructor that receives the value wraps it: the new object owns it from now on.
                return Use.Escapes;

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (ReturnsSameKind(invocation.Type, kind, types))
                {
                    // Task.FromResult(response), an extension that checks and returns the response...
                    value = invocation;
                    return Classify(invocation, kind, types, out value, out local, out forwardedTo);
                }

                if (method.Name.Contains("Dispose") || method.Name.Contains("Close"))
                {
                    return Use.Disposed;
                }

                if (IsCollectionStore(method))
                {
                    return Use.Escapes;
                }

                return Use.Borrowed;

            default:
                return Use.Escapes;
        }
    }

    private static Use ClassifyReturn(IReturnOperation @return, ResourceKind kind, LifetimeTypes types, out IInvocationOperation? forwardedTo)
    {
        forwardedTo = null;
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

        return Use.Escapes;
    }

    private static bool ReturnsSameKind(ITypeSymbol? type, ResourceKind kind, LifetimeTypes types) => kind switch
    {
        ResourceKind.Response => types.IsResponseOrTaskOfResponse(type),
        ResourceKind.ContentStream => types.IsStream(type) || types.IsStream(types.TaskResult(type)),
        _ => false,
    };

    private static bool IsCollectionStore(IMethodSymbol method)
    {
        if (method.Name is "Add" or "Enqueue" or "Push" or "Insert" or "TryAdd" or "Set" or "AddOrUpdate" or "GetOrAdd" or "TrySetResult" or "SetResult" or "Post" or "TryWrite" or "WriteAsync")
        {
            return true;
        }

        // Anything that hands the value to a collection-like receiver keeps it.
        return method.ContainingType?.AllInterfaces.Any(static i => i.SpecialType == SpecialType.System_Collections_IEnumerable) == true;
    }

    private static bool IsUsingDeclarator(IVariableDeclaratorOperation declarator)
    {
        IOperation? current = declarator.Parent;
        while (current is IVariableDeclarationOperation or IVariableDeclarationGroupOperation)
        {
            current = current.Parent;
        }

        return current is IUsingDeclarationOperation || (current is IUsingOperation @using && @using.Resources is IVariableDeclarationGroupOperation);
    }

    private static ValueFate AnalyzeLocal(IOperation value, ILocalSymbol local, ResourceKind kind, LifetimeTypes types, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.IsConst)
        {
            return ValueFate.Escapes;
        }

        var root = Root(value);
        var hasDisposal = false;
        var disposedByOwner = false;
        foreach (var operation in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (IsCaptured(reference, local))
            {
                return ValueFate.Escapes;
            }

            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                continue;
            }

            switch (Classify(reference, kind, types, out _, out _, out _))
            {
                case Use.Escapes:
                case Use.KeptInLocal:
                case Use.ForwardedToCaller:
                    // Returned, stored, aliased or wrapped: somebody else decides when it is disposed.
                    return ValueFate.Escapes;
                case Use.Disposed:
                    hasDisposal = true;
                    break;
                case Use.DisposedByOwner:
                    disposedByOwner = true;
                    break;
            }
        }

        if (disposedByOwner)
        {
            return ValueFate.Disposed;
        }

        if (!hasDisposal)
        {
            return ValueFate.NotDisposed;
        }

        return DisposalPaths.LeaksOnSomePath(root, local, value.Syntax, cancellationToken) switch
        {
            true => ValueFate.NotDisposedOnEveryPath,
            false => ValueFate.Disposed,

            // No graph for this kind of member: trust the explicit Dispose() rather than guess.
            null => ValueFate.Disposed,
        };
    }

    private static bool IsCaptured(ILocalReferenceOperation reference, ILocalSymbol local)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return !SymbolEqualityComparer.Default.Equals(lambda.Symbol, local.ContainingSymbol);
                case ILocalFunctionOperation function:
                    return !SymbolEqualityComparer.Default.Equals(function.Symbol, local.ContainingSymbol);
            }
        }

        return false;
    }
}
