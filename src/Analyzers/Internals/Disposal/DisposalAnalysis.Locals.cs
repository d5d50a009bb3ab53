using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>A value kept in a local: every reference to the local, using declarations, disposal on scope exit and on every path.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>True when the local is declared by <c>using var</c> or in a <c>using (...)</c> header.</summary>
    public static bool IsUsingLocal(ILocalSymbol local, IOperation anyOperationInMember)
    {
        foreach (var operation in anyOperationInMember.Root().DescendantsAndSelf())
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
    public static bool IsDisposedAnywhere(ILocalSymbol local, IOperation anyOperationInMember, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var root = anyOperationInMember.Root();
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && IsUsingDeclarator(declarator):
                    return true;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    var use = Classify(reference, kind, types, ownership, out _, out _, out _);
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
    /// True when every reference to <paramref name="parameter"/> in <paramref name="body"/> (a method's operations) only
    /// reads the response: a member or status read, content read as text, a call that borrows it, <c>EnsureSuccessStatusCode();</c>.
    /// A reference in a lambda, a write to the parameter, or any use that disposes, returns, stores or hands it on is not a read.
    /// </summary>
    public static bool OnlyReadsParameter(IOperation body, IParameterSymbol parameter, WellKnownTypes types, OwnershipSummaries ownership)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            if (reference.Parent is ISimpleAssignmentOperation { Target: var target } && target == reference || reference.IsInsideFunction())
            {
                return false;
            }

            if (OnlyReadsResponseAt(reference, types, ownership))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// The response <paramref name="reference"/> names is only read there: a member read, a method that borrows it, or a call on
    /// it whose result is dropped (<c>response.EnsureSuccessStatusCode();</c>).
    /// </summary>
    private static bool OnlyReadsResponseAt(IOperation reference, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var use = Classify(reference, ResourceKind.Response, types, ownership, out var value, out _, out _);
        return use == Use.Borrowed || (use == Use.Discarded && value is IInvocationOperation { Instance: not null });
    }

    /// <summary>
    /// How the member lets go of the value in <paramref name="local"/>, in one walk over it: <see cref="LocalRelease.Disposed"/>
    /// when it is disposed somewhere (a <c>using</c> declaration, <c>Dispose()</c>, a helper or wrapper that disposes it, on
    /// any path, as <see cref="IsDisposedAnywhere"/>); <see cref="LocalRelease.HandedOn"/> when it is handed out of the member
    /// (returned, stored, given to a method that keeps it) by a reference written after <paramref name="position"/> (for a
    /// response, not counting uses of its <c>Content</c>), or, for a response, when it comes from a response cache
    /// (<see cref="OwnershipSummaries.ReturnsOnlyResponsesItKeeps"/>). Whoever receives a response disposes its content with
    /// it, and with the content the stream read from it; whoever receives a wrapper built around a stream
    /// (<c>result = new QueryResult(stream); ... return result;</c>) disposes the stream with it. A <c>return</c> written
    /// before <paramref name="position"/> (<c>if (response.IsSuccessStatusCode) return response;</c> ahead of a stream read
    /// on the error path) ends another path and does not count; a store anywhere does. Disposal wins over a hand-off.
    /// </summary>
    public static LocalRelease ReleaseOf(ILocalSymbol local, IOperation anyOperationInMember, int position, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var release = LocalRelease.None;
        foreach (var operation in anyOperationInMember.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (IsUsingDeclarator(declarator))
                    {
                        return LocalRelease.Disposed;
                    }

                    if (kind == ResourceKind.Response && IsKeptResponse(declarator.Initializer?.Value, ownership))
                    {
                        release = LocalRelease.HandedOn;
                    }

                    break;

                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    switch (Classify(reference, kind, types, ownership, out _, out _, out _))
                    {
                        case Use.Disposed or Use.DisposedByOwner:
                            return LocalRelease.Disposed;
                        case Use.Escapes or Use.ForwardedToCaller when
                            (reference.Syntax.SpanStart > position || reference.WithEnclosingConversions().Parent is not IReturnOperation) &&
                            !IsStore(reference) && !IsCaptured(reference, local) &&
                            !(kind == ResourceKind.Response && reference.Parent is IPropertyReferenceOperation { Property.Name: "Content" }):
                            release = LocalRelease.HandedOn;
                            break;
                    }

                    break;
            }
        }

        return release;
    }

    /// <summary>
    /// For a stream read from <paramref name="response"/>, a response the member hands on somewhere (<see cref="ReleaseOf"/> is
    /// <see cref="LocalRelease.HandedOn"/>): whether some path from the read leaves the function, or gives the response a new
    /// value, with neither the response nor the stream (in <paramref name="stream"/>, when a local holds it) disposed or handed
    /// on. A response thrown inside an exception on the throttled path and dropped with its unread stream on the success path
    /// leaks there (<c>throw new ThrottledException(response);</c> ... <c>return await JsonSerializer.DeserializeAsync&lt;T&gt;(stream);</c>);
    /// a response handed on before the read, or on every path after it, releases the stream too. False where the walk cannot
    /// follow the response: a cache's response, one a lambda captures or another local copies, a member without a graph.
    /// </summary>
    public static bool IsDroppedWhileItsResponseIsNotHandedOn(ILocalSymbol response, IOperation read, ILocalSymbol? stream, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var root = read.Root();
        var handOffs = new HashSet<SyntaxNode>();
        foreach (var operation in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, response) &&
                IsKeptResponse(declarator.Initializer?.Value, ownership))
            {
                return false;
            }

            if (operation is not ILocalReferenceOperation reference || IsStore(reference))
            {
                continue;
            }

            var isResponse = SymbolEqualityComparer.Default.Equals(reference.Local, response);
            if (!isResponse && !SymbolEqualityComparer.Default.Equals(reference.Local, stream))
            {
                continue;
            }

            if (isResponse && reference.Parent is IPropertyReferenceOperation { Property.Name: "Content" })
            {
                // Reading the content hands nothing on; what is read from it is decided on its own.
                continue;
            }

            if (IsCaptured(reference, reference.Local))
            {
                return false;
            }

            switch (Classify(reference, isResponse ? ResourceKind.Response : ResourceKind.ContentStream, types, ownership, out _, out _, out _))
            {
                case Use.KeptInLocal:
                    return false;
                case Use.Escapes or Use.ForwardedToCaller or Use.DisposedByOwner:
                    handOffs.Add(reference.Syntax);
                    break;
            }
        }

        return DisposalPaths.FindStreamLeak(root, response, read.Syntax, handOffs, stream, cancellationToken) is { Leaks: true };
    }

    /// <summary><c>await GetAndCacheAsync(uri)</c> (through <c>ConfigureAwait</c>) of a method that returns only responses its type keeps.</summary>
    private static bool IsKeptResponse(IOperation? initializer, OwnershipSummaries ownership)
    {
        return initializer.SkipAwaits() is IInvocationOperation { TargetMethod: var target } && ownership.ReturnsOnlyResponsesItKeeps(target);
    }

    /// <summary>
    /// For <c>response.Content.ReadAsStreamAsync()</c> (directly, or through a local holding
    /// <c>response.Content</c>): the local that holds the response owning the stream.
    /// </summary>
    public static ILocalSymbol? OwningResponseLocal(IInvocationOperation streamRead, WellKnownTypes types) =>
        OwningResponseLocal(streamRead.Instance, streamRead, types);

    /// <summary>
    /// The same for a read that did not bind (<see cref="UnboundCalls"/>): its receiver is the first child
    /// of the compiler's invalid operation.
    /// </summary>
    public static ILocalSymbol? OwningResponseLocal(IOperation streamRead, WellKnownTypes types) => streamRead switch
    {
        IInvocationOperation invocation => OwningResponseLocal(invocation, types),
        IInvalidOperation invalid => OwningResponseLocal(invalid.ChildOperations.FirstOrDefault(), invalid, types),
        _ => null,
    };

    private static ILocalSymbol? OwningResponseLocal(IOperation? instance, IOperation streamRead, WellKnownTypes types) =>
        OwningResponse(instance, streamRead, types) is ILocalReferenceOperation responseLocal ? responseLocal.Local : null;

    /// <summary>
    /// For a stream read from a response the member was given (<c>response.Content.ReadAsStreamAsync()</c> on a parameter),
    /// or from a content it was given (<c>content.ReadAsStreamAsync()</c>): that parameter. Whoever owns the response (or
    /// the content) releases the stream by disposing it.
    /// </summary>
    public static IParameterSymbol? OwningResponseParameter(IOperation streamRead, WellKnownTypes types) =>
        (streamRead switch
        {
            // ExtractAsync(HttpContent content) => content.ReadAsStreamAsync(): the content, and its stream, are the caller's.
            IInvocationOperation { Instance: { } instance } when instance.SkipConversions() is IParameterReferenceOperation contentParameter &&
                                                                  contentParameter.Type.InheritsFromOrEquals(types.HttpContent) => contentParameter,
            IInvocationOperation invocation => OwningResponse(invocation.Instance, invocation, types),
            IInvalidOperation invalid => OwningResponse(invalid.ChildOperations.FirstOrDefault(), invalid, types),
            _ => null,
        }) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } ? parameter : null;

    /// <summary>
    /// For a stream read from a response a local object holds (<c>result.Response.Content.ReadAsStreamAsync()</c>): that
    /// local and the field or property holding the response. Whoever disposes the holder releases the stream, when the
    /// holder's own <c>Dispose</c> disposes that member (<see cref="OwnershipSummaries.DisposesMember"/>).
    /// </summary>
    public static (ILocalSymbol Holder, ISymbol Member)? OwningResponseHolder(IOperation streamRead, WellKnownTypes types) =>
        (streamRead switch
        {
            IInvocationOperation invocation => OwningResponseOf(invocation.Instance, invocation, types),
            IInvalidOperation invalid => OwningResponseOf(invalid.ChildOperations.FirstOrDefault(), invalid, types),
            _ => null,
        }) is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol, Instance: var holder } held &&
        holder.SkipConversions() is ILocalReferenceOperation local
            ? (local.Local, held.Member)
            : null;

    private static IOperation? OwningResponse(IOperation? instance, IOperation streamRead, WellKnownTypes types) =>
        OwningResponseOf(instance, streamRead, types) is (ILocalReferenceOperation or IParameterReferenceOperation) and var response ? response : null;

    /// <summary>The response whose <c>Content</c> the stream is read from (through a local holding the content), whatever holds it.</summary>
    private static IOperation? OwningResponseOf(IOperation? instance, IOperation streamRead, WellKnownTypes types)
    {
        var content = instance.SkipConversions();
        if (content is ILocalReferenceOperation contentLocal && types.HttpContent is not null)
        {
            content = null;
            foreach (var operation in streamRead.Root().Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, contentLocal.Local))
                {
                    content = declarator.Initializer?.Value.SkipConversions();
                    break;
                }
            }
        }

        return content is IPropertyReferenceOperation { Property.Name: "Content", Instance: { } owner } &&
               owner.SkipConversions() is { } response && types.IsResponse(response.Type)
            ? response
            : null;
    }

    /// <summary>
    /// True when the local is disposed as the member leaves the scope that reads from it: a using
    /// declaration or statement, or a <c>finally</c> around <paramref name="use"/> that disposes it.
    /// </summary>
    public static bool IsDisposedOnScopeExit(ILocalSymbol local, IOperation use, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (IsUsingLocal(local, use))
        {
            return true;
        }

        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is ITryOperation { Finally: { } @finally } @try && use.IsWithin(@try.Body))
            {
                foreach (var operation in @finally.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                        Classify(reference, kind, types, ownership, out _, out _, out _) == Use.Disposed)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
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

    private static ValueFate AnalyzeLocal(IOperation value, ISymbol local, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken, out PathLeak dropped, out IOperation? forwardedTo)
    {
        dropped = default;
        forwardedTo = null;

        // Set while every hand-off so far returns the value from a lambda whose helper hands it back (a retry helper).
        IOperation? forwardedByAll = null;
        var otherHandOff = false;
        if (local is ILocalSymbol { IsRef: true } or ILocalSymbol { IsConst: true })
        {
            return ValueFate.Escapes;
        }

        var root = value.Root();
        ILocalSymbol? alias = null;
        var hasDisposal = false;
        var disposedByOwner = false;
        HashSet<SyntaxNode>? handOffs = null;

        // 'using (HttpContent body = response.Content)': the graph sees only the content's own local disposed, so the
        // reference that hands the content to the 'using' is where the response is released on the paths through it.
        HashSet<SyntaxNode>? contentDisposals = null;
        foreach (var operation in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!operation.RefersTo(local))
            {
                continue;
            }

            var reference = operation;
            if (IsCaptured(reference, local))
            {
                if (kind != ResourceKind.Disposable && IsStore(reference))
                {
                    // 'await Retry(async () => { response = await client.SendAsync(...); })': the lambda stores into this
                    // member's local, whose other references decide what becomes of the value.
                    continue;
                }

                if (kind != ResourceKind.Disposable && IsOnlyReadInLambda(reference, local, kind, types, ownership))
                {
                    // '() => response.Content.ReadFromJsonAsync<T>(ct)', '$"failed: {res.StatusCode}"' in a callback: the lambda
                    // reads the value and hands nothing on, so disposing it is still this member's job.
                    continue;
                }

                return ValueFate.Escapes;
            }

            if (IsStore(reference))
            {
                continue;
            }

            if (kind != ResourceKind.Disposable && CopiedInto(reference, local) is { } copy && (alias is null || SymbolEqualityComparer.Default.Equals(alias, copy)))
            {
                // 'lastResult = result;' in a retry loop: the value lives on in the other local, whose uses decide with this one's.
                alias = copy;
                continue;
            }

            switch (Classify(reference, kind, types, ownership, out _, out _, out var helper))
            {
                case Use.Escapes:
                case Use.KeptInLocal:
                case Use.ForwardedToCaller:
                    if (kind == ResourceKind.Disposable)
                    {
                        return ValueFate.Escapes;
                    }

                    if (helper is not null && (forwardedByAll is null || forwardedByAll == helper))
                    {
                        // 'var r = await client.GetAsync(u); r.EnsureSuccessStatusCode(); return r;' inside a lambda given to a retry helper.
                        forwardedByAll = helper;
                    }
                    else
                    {
                        otherHandOff = true;
                    }

                    // Returned, stored, aliased or wrapped here: on the paths through this reference somebody
                    // else decides when it is disposed. Whether every other path disposes it or hands it on
                    // too is decided on the graph below.
                    (handOffs ??= new HashSet<SyntaxNode>()).Add(reference.Syntax);
                    break;
                case Use.Disposed:
                    hasDisposal = true;
                    if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Content" } content && DisposesContent(content))
                    {
                        (contentDisposals ??= new HashSet<SyntaxNode>()).Add(reference.Syntax);
                    }

                    break;
                case Use.DisposedByOwner when IsUsingStatementResource(reference):
                    // 'using (response) { ... }' disposes it where the statement runs, not on a path that returns before it.
                    hasDisposal = true;
                    break;
                case Use.DisposedByOwner when kind != ResourceKind.Disposable && reference.WithEnclosingConversions().Parent is IArgumentOperation:
                    // 'default: await ParseResponse(response); return false;' with a helper that disposes it: disposed on
                    // the paths through this call, like a hand-off; the graph below decides the others ('case OK: return true;').
                    otherHandOff = true;
                    (handOffs ??= new HashSet<SyntaxNode>()).Add(reference.Syntax);
                    break;
                case Use.DisposedByOwner:
                    disposedByOwner = true;
                    break;
            }
        }

        if (alias is not null)
        {
            // The copy's own uses: a hand-off or a disposal of the copy is one of the value.
            foreach (var operation in root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, alias) || IsStore(reference))
                {
                    continue;
                }

                if (IsCaptured(reference, alias))
                {
                    return ValueFate.Escapes;
                }

                switch (Classify(reference, kind, types, ownership, out _, out _, out _))
                {
                    case Use.Disposed:
                        hasDisposal = true;
                        break;
                    case Use.Escapes:
                    case Use.KeptInLocal:
                    case Use.ForwardedToCaller:
                    case Use.DisposedByOwner:
                        otherHandOff = true;
                        (handOffs ??= new HashSet<SyntaxNode>()).Add(reference.Syntax);
                        break;
                }
            }
        }

        if (disposedByOwner)
        {
            return handOffs is null ? ValueFate.Disposed : ValueFate.Escapes;
        }

        if (handOffs is not null && contentDisposals is not null)
        {
            handOffs.UnionWith(contentDisposals);
        }

        if (handOffs is not null)
        {
            // Handed on somewhere: a leak only where a path provably drops it (leaves the function holding it,
            // or overwrites it in a retry loop). No graph: trust the hand-off, as before.
            if (DisposalPaths.FindLeak(root, local, value.Syntax, handOffs, cancellationToken, alias) is { Leaks: true } leak)
            {
                dropped = leak;
                return ValueFate.DroppedOnSomePath;
            }

            if (forwardedByAll is not null && !otherHandOff && !hasDisposal)
            {
                // Every path returns it to the helper, whose result is the response: the helper's caller decides.
                forwardedTo = forwardedByAll;
                return ValueFate.ForwardedToCaller;
            }

            return ValueFate.Escapes;
        }

        if (!hasDisposal)
        {
            return ValueFate.NotDisposed;
        }

        var paths = DisposalPaths.FindLeak(root, local, value.Syntax, kind == ResourceKind.Disposable ? null : contentDisposals ?? new HashSet<SyntaxNode>(), cancellationToken, alias);
        if (paths is { Leaks: true, OverwrittenAt: not null } overwritten)
        {
            dropped = overwritten;
            return ValueFate.DroppedOnSomePath;
        }

        return paths switch
        {
            { Leaks: true } => ValueFate.NotDisposedOnEveryPath,
            { Leaks: false } => ValueFate.Disposed,

            // No graph for this kind of member: trust the explicit Dispose() rather than guess.
            null => ValueFate.Disposed,
        };
    }

    /// <summary>
    /// The other local of the same function <paramref name="reference"/> is copied into (<c>lastResult = result;</c>, as a
    /// statement of its own, or the declaration <c>var checkedResponse = response;</c>), directly or through
    /// <c>EnsureSuccessStatusCode()</c>, which hands back the response itself (<c>var code = response.EnsureSuccessStatusCode();</c>),
    /// when that local is neither a ref local nor a <c>using</c> declaration's; null for any other use.
    /// </summary>
    private static ILocalSymbol? CopiedInto(IOperation reference, ISymbol local)
    {
        var copied = reference.WithEnclosingConversions();
        if (copied.Parent is IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode", Arguments.Length: 0 } check && check.Instance == copied)
        {
            copied = check.WithEnclosingConversions();
        }

        var target = copied.Parent switch
        {
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var assigned }, Parent: IExpressionStatementOperation } assignment
                when assignment.Value == copied => assigned,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !IsUsingDeclarator(declarator) => declarator.Symbol,
            _ => null,
        };

        return target is null || SymbolEqualityComparer.Default.Equals(target, local) || target.IsRef ||
               !SymbolEqualityComparer.Default.Equals(target.ContainingSymbol, local.ContainingSymbol)
            ? null
            : target;
    }

    /// <summary>A store into the local, or its declaration inside <c>var (response, retries) = ...</c>.</summary>
    private static bool IsStore(IOperation reference) =>
        (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference) || reference is ILocalReferenceOperation { IsDeclaration: true };

    /// <summary><c>using (response)</c> over the local itself (the graph sees its finally, which disposes it).</summary>
    private static bool IsUsingStatementResource(IOperation reference) =>
        reference.WithEnclosingConversions() is var resource && resource.Parent is IUsingOperation @using && @using.Resources == resource;

    /// <summary>
    /// A captured reference that only reads: a member or a status read, or the content read as text, bytes or JSON. A stream
    /// read from its content, the content itself, or anything the walk cannot name counts as handed on.
    /// </summary>
    private static bool IsOnlyReadInLambda(IOperation reference, ISymbol variable, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var receiver = LambdaReceiver(reference, variable);
        if (receiver == LambdaHandedTo.Nothing)
        {
            return false;
        }

        var use = Classify(reference, kind, types, ownership, out var value, out _, out _);
        if (receiver == LambdaHandedTo.Constructor)
        {
            // 'new TickScheduler(delegate { error = $"{(int)result.StatusCode}"; })': the object may run the lambda after the
            // member is done, when a disposed response still answers its status and headers, but no longer its content.
            return kind == ResourceKind.Response && use == Use.Borrowed && value.Parent is IPropertyReferenceOperation { Property.Name: not "Content" } property && property.Instance == value;
        }

        if (use == Use.Discarded && value is IInvocationOperation { Instance: not null })
        {
            // 'response.EnsureSuccessStatusCode();': the call returns the instance and the statement drops it again.
            return true;
        }

        if (use != Use.Borrowed)
        {
            return false;
        }

        if (value.Parent is not IPropertyReferenceOperation { Property.Name: "Content" } content)
        {
            return true;
        }

        if (content.WithEnclosingConversions().Parent is IBinaryOperation or IIsPatternOperation ||
            (content.Parent is IPropertyReferenceOperation { Instance: var owner } header && owner == content &&
             !types.IsStream(header.Type) && !header.Type.InheritsFromOrEquals(types.HttpContent)))
        {
            // 'response.Content != null', 'response.Content.Headers.ContentLength': reads that hand nothing on.
            return true;
        }

        var read = content.Parent switch
        {
            IInvocationOperation call when call.Instance == content => call,
            IArgumentOperation { Parent: IInvocationOperation call } => call,
            _ => null,
        };

        if (read is not null && types.IsContentStreamMethod(read.TargetMethod) && InitializesUsingLocal(read))
        {
            // 'await Task.Run(async () => { using var stream = await response.Content.ReadAsStreamAsync(); ... })': the lambda
            // disposes the stream it reads; the response is still this member's to dispose.
            return true;
        }

        return read is not null && !types.IsContentStreamMethod(read.TargetMethod) &&
               !types.IsStream(read.Type) && !types.IsStream(types.TaskResult(read.Type)) &&
               !SymbolEqualityComparer.Default.Equals(read.Type, types.HttpContent);
    }

    /// <summary>
    /// <c>using var stream = await call;</c> / <c>using (var stream = call.Result)</c>: the call's value (awaited, configured or
    /// read through <c>.Result</c>) is the whole initializer of a local a <c>using</c> declares.
    /// </summary>
    private static bool InitializesUsingLocal(IOperation call)
    {
        var value = call;
        while (value.Parent is IAwaitOperation or IConversionOperation ||
               value.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == value ||
               value.Parent is IPropertyReferenceOperation { Property.Name: "Result" } result && result.Instance == value)
        {
            value = value.Parent;
        }

        return value.Parent is IVariableInitializerOperation
        {
            Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation { Parent: IUsingOperation or IUsingDeclarationOperation } } },
        };
    }

    /// <summary>Where the lambda that captures a reference goes (<see cref="LambdaReceiver"/>).</summary>
    private enum LambdaHandedTo
    {
        /// <summary>Returned, stored, or anything else: it, and what it reads, may be anywhere later.</summary>
        Nothing,

        /// <summary>An argument of a call (<c>WithTimeout(t, ct =&gt; ...)</c>, also one that does not bind).</summary>
        Call,

        /// <summary>An argument of a constructor (<c>new TickScheduler(delegate { ... })</c>): the object may run it later.</summary>
        Constructor,
    }

    /// <summary>
    /// The lambda that captures the reference is handed straight to a call (<c>WithTimeout(t, ct =&gt; ...)</c>, also one that
    /// does not bind) or to a constructor, not returned or stored, where it, and what it reads, could be anywhere later.
    /// </summary>
    private static LambdaHandedTo LambdaReceiver(IOperation reference, ISymbol variable)
    {
        IAnonymousFunctionOperation? outermost = null;
        List<IMethodSymbol>? localFunctions = null;
        var scope = reference;
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            scope = current;
            switch (current)
            {
                case IAnonymousFunctionOperation lambda when SymbolEqualityComparer.Default.Equals(lambda.Symbol, variable.ContainingSymbol):
                case ILocalFunctionOperation function when SymbolEqualityComparer.Default.Equals(function.Symbol, variable.ContainingSymbol):
                    current = null;
                    break;
                case IAnonymousFunctionOperation lambda:
                    outermost = lambda;
                    break;
                case ILocalFunctionOperation function:
                    (localFunctions ??= new List<IMethodSymbol>()).Add(function.Symbol);
                    break;
            }

            if (current is null)
            {
                break;
            }
        }

        if (localFunctions is not null)
        {
            // 'async Task<string> TryGetCustomName(...) { ... response.Content ... }' that the member only calls runs as part of
            // the member: what it reads, the member reads. One made into a delegate may run anywhere later.
            return outermost is null && localFunctions.TrueForAll(function => IsOnlyCalled(function, scope))
                ? LambdaHandedTo.Call
                : LambdaHandedTo.Nothing;
        }

        IOperation? argument = outermost;
        IOperation? parent = outermost?.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            argument = parent;
            parent = parent.Parent;
        }

        // A call that does not bind (a package missing in folder mode, 'this.Invoke(new Action(() => ...))' on a form whose
        // base type is not referenced) still receives the lambda, or the delegate made from it, as an argument.
        return parent is IArgumentOperation { Parent: IInvocationOperation } ||
               (parent is IInvalidOperation { Syntax: InvocationExpressionSyntax call } &&
                argument!.Syntax.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var owner } } && owner == call)
            ? LambdaHandedTo.Call
            : parent is IArgumentOperation { Parent: IObjectCreationOperation }
                ? LambdaHandedTo.Constructor
                : LambdaHandedTo.Nothing;
    }

    /// <summary>
    /// <paramref name="function"/> is called in <paramref name="scope"/> and never made into a delegate there. Read from the
    /// names (a local function's name means it within its scope): a call whose argument does not bind (<c>await
    /// TryGetCustomName(device)</c>, <c>device</c> of a package folder mode lacks) is still a call.
    /// </summary>
    private static bool IsOnlyCalled(IMethodSymbol function, IOperation scope)
    {
        var calls = 0;
        foreach (var name in scope.Syntax.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != function.Name)
            {
                continue;
            }

            if (name.Parent is not InvocationExpressionSyntax call || call.Expression != name)
            {
                return false;
            }

            calls++;
        }

        return calls > 0;
    }

    private static bool IsCaptured(IOperation reference, ISymbol local)
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
