using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A task of a response (or of a content stream) that is not awaited where it is made: kept in a
/// local and read later (<c>task.Result</c>, <c>await task</c>, <c>GetAwaiter().GetResult()</c>),
/// waited on and dropped, continued with <c>ContinueWith</c>, or discarded. The value is whatever
/// reading the task yields; a task handed anywhere else belongs to whoever receives it.
/// </summary>
internal static partial class DisposalAnalysis
{
    private static DisposalVerdict AnalyzeTask(IOperation produced, Use use, IOperation value, ILocalSymbol? local, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var escapes = new DisposalVerdict(ValueFate.Escapes, value);
        if (value.Parent is IInvalidOperation unbound && UnboundContinuation(unbound, value) is { } unboundContinuation)
        {
            // client.GetAsync(url).ContinueWith(t => { LogManager.Info(...); ... t.Result.StatusCode ... }) with the logger's
            // package missing: the call does not bind, but every candidate is Task's, and the lambda reads the response.
            return AnalyzeTaskReads(References(unboundContinuation.Body, unboundContinuation.Symbol.Parameters[0]), produced, value, kind, types, ownership, cancellationToken);
        }

        switch (use)
        {
            case Use.Discarded:
                // 'client.PostAsync(...);', '_ = Task.Run(async () => await client.PostAsync(...))': nobody ever reads the response.
                return new DisposalVerdict(ValueFate.Discarded, OwnBranch(produced, value));

            case Use.Borrowed when value.Parent is IInvocationOperation { TargetMethod.Name: "Wait" } wait && wait.Instance == value:
                // 'client.GetAsync(u).Wait();': the response is made and dropped.
                return new DisposalVerdict(ValueFate.Discarded, OwnBranch(produced, value));

            case Use.Borrowed when IsTurnedIntoText(value.Parent):
                // 'MessageBox.Show(GetRepositoriesAsync(url).ToString())': the task's text, never its result.
                return new DisposalVerdict(ValueFate.Discarded, OwnBranch(produced, value));

            case Use.Borrowed when value.Parent is IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation && continuation.Instance == value:
                return ContinuationOf(value) is { } lambda
                    ? AnalyzeTaskReads(References(lambda.Body, lambda.Symbol.Parameters[0]), produced, value, kind, types, ownership, cancellationToken)
                    : escapes;

            case Use.KeptInLocal when local is not null && !local.IsRef:
                return AnalyzeTaskReads(References(value.Root(), local, types), produced, value, kind, types, ownership, cancellationToken);

            default:
                // Handed to WhenAll, returned, stored: whoever awaits it owns the result (a WhenAll array this member
                // only reads is followed, and so is a task handed to a method of this compilation that only reads it).
                return AnalyzeWhenAllResults(value, kind, types) ??
                       (kind == ResourceKind.Response ? AnalyzeTaskHandedToMethod(value, kind, types, ownership, cancellationToken) : null) ??
                       escapes;
        }
    }

    /// <summary>
    /// The continuation lambda of <c>task.ContinueWith(t =&gt; ...)</c> on <paramref name="task"/> when the call does not bind
    /// (its lambda's body names something a missing package declares) while every candidate is a <c>ContinueWith</c> of
    /// <c>Task</c> or <c>Task&lt;T&gt;</c>; null otherwise.
    /// </summary>
    private static IAnonymousFunctionOperation? UnboundContinuation(IInvalidOperation call, IOperation task)
    {
        if (call.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith", Expression: var receiver } } invocation ||
            receiver.Unwrap() != task.Syntax || call.SemanticModel is not { } model ||
            model.GetSymbolInfo(invocation).CandidateSymbols is not { IsDefaultOrEmpty: false } candidates ||
            !candidates.All(static candidate => candidate is IMethodSymbol
            {
                Name: "ContinueWith",
                ContainingType:
                {
                    Name: "Task",
                    ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
                },
            }))
        {
            return null;
        }

        foreach (var child in call.ChildOperations)
        {
            var argument = (child is IArgumentOperation { Value: var passed } ? passed : child).SkipConversions();
            if ((argument is IDelegateCreationOperation { Target: var target } ? target : argument) is IAnonymousFunctionOperation { Symbol.Parameters.Length: > 0 } lambda)
            {
                return lambda;
            }
        }

        return null;
    }

    /// <summary>
    /// A task of a response handed in as <paramref name="parameter"/> of the method whose body is <paramref name="body"/>,
    /// read there (<c>var r = await task;</c>): the verdict where it is read, when that leaks (null otherwise, and when a
    /// reference sits in a lambda or local function, which may run elsewhere, or the task is only waited on). Whether the
    /// response is the method's at all is the callers' question (<see cref="OwnershipSummaries.HandedOnlyFreshTasks"/>).
    /// </summary>
    public static DisposalVerdict? AnalyzeTaskParameter(IParameterSymbol parameter, IOperation body, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        if (References(body, parameter) is not { Count: > 0 } references)
        {
            return null;
        }

        foreach (var reference in references)
        {
            for (var node = reference.Syntax.Parent; node is not null && node != body.Syntax; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return null;
                }
            }
        }

        var verdict = AnalyzeTaskReads(references, references[0], references[0], ResourceKind.Response, types, ownership, cancellationToken);
        return verdict.IsLeak && verdict.Fate != ValueFate.Discarded ? verdict : null;
    }

    /// <summary>
    /// Every reference to the task either reads the value (then the value is analysed where it is read), only
    /// waits on it, or hands the task on (then the analysis stays quiet). A read that disposes or hands the value on takes
    /// care of it for every read that can run with it; a read on another branch of the same choice
    /// (<c>isText ? task.Result.ReadString() : task.Result.ReadObject&lt;T&gt;()</c>, where only <c>ReadString</c> disposes) is
    /// still a leak on its branch. Quiet when nothing ever reads the value.
    /// </summary>
    private static DisposalVerdict AnalyzeTaskReads(List<IOperation>? references, IOperation produced, IOperation value, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var escapes = new DisposalVerdict(ValueFate.Escapes, value);

        // A task nobody mentions again is code still being written more often than a leak: stay quiet.
        if (references is not { Count: > 0 })
        {
            return escapes;
        }

        var leaks = new List<DisposalVerdict>();
        var released = new List<IOperation>();
        foreach (var reference in references)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                // 'Task<HttpResponseMessage> response = null; if (put) response = client.PutAsync(...); else response =
                // client.PostAsync(...);': each write a call that makes the same kind of task (or null), so every task the
                // local holds is read by the reads below, and they decide for each. Any other write: too much to follow.
                if (assignment.Value.IsNullConstant() ||
                    assignment.Value.SkipConversions() is IInvocationOperation other && SymbolEqualityComparer.Default.Equals(other.Type, value.Type))
                {
                    continue;
                }

                return escapes;
            }

            if (NullConditionalMemberRead(reference, types) is { } conditionalRead)
            {
                // 'response?.Result?.ReasonPhrase', 'response?.Result?.Content.ReadAsStringAsync()': the response is read
                // through a null-conditional task and a member of it, never kept; '?.Dispose()' disposes it.
                if (conditionalRead is IInvocationOperation { TargetMethod.Name: "Dispose" })
                {
                    released.Add(reference);
                    continue;
                }

                leaks.Add(new DisposalVerdict(ValueFate.Chained, conditionalRead));
                continue;
            }

            var use = Classify(reference, kind, types, ownership, out var read, out var readLocal, out _);
            if (IsOnlyWaitedOn(reference, read, use))
            {
                // Also 'Task.WaitAll(task);', where the task is read as a plain Task (a conversion), not as a task of the value.
                continue;
            }

            if (ContinuationOf(reference) is { } lambda)
            {
                // 'var request = client.PostAsync(...); return request.ContinueWith(t => t.Result.StatusCode);': the continuation
                // reads the response through its parameter, as one made on the call itself does.
                var continued = AnalyzeTaskReads(References(lambda.Body, lambda.Symbol.Parameters[0]), produced, value, kind, types, ownership, cancellationToken);
                if (continued.IsLeak)
                {
                    leaks.Add(continued);
                }
                else
                {
                    released.Add(reference);
                }

                continue;
            }

            if (kind == ResourceKind.Response && AnalyzeTaskHandedToMethod(reference, kind, types, ownership, cancellationToken) is { } handed)
            {
                // 'var task = client.GetAsync(path); return requestWrap(task, out result);' with requestWrap handing the task
                // to a reader of 'task.Result': read there, never disposed.
                leaks.Add(handed);
                continue;
            }

            if (types.TaskResult(read.Type) is not null || WellKnownTypes.AwaiterResult(read.Type) is not null)
            {
                // The task or its awaiter itself handed on or kept under another name: whoever has it reads it.
                return escapes;
            }

            var verdict = use == Use.KeptInLocal && readLocal is not null
                ? new DisposalVerdict(AnalyzeLocal(read, readLocal, kind, types, ownership, cancellationToken, out _, out _), read, readLocal as ILocalSymbol)
                : Analyze(reference, kind, types, ownership, cancellationToken);
            if (verdict.Fate == ValueFate.ForwardedToCaller && references.Count == 1)
            {
                // 'var t = client.GetAsync(u); var r = await policy.ExecuteAsync(async () => await t);': the one read hands the
                // response on to a helper that returns it; the caller follows it there.
                return verdict;
            }

            if (verdict.IsLeak)
            {
                leaks.Add(verdict);
            }
            else
            {
                // Read and disposed, returned or stored somewhere: the one response is taken care of wherever this read runs.
                released.Add(reference);
            }
        }

        if (released.Count > 0)
        {
            // A leaking read counts only on a branch none of the releasing reads can share.
            leaks.RemoveAll(leak => released.Exists(release => !SyntaxNodeExtensions.AreOnExclusiveBranches(leak.Value.Syntax, release.Syntax, produced.Syntax)));
            if (leaks.Count == 0)
            {
                return escapes;
            }
        }

        if (leaks.Count == 0)
        {
            // Waited on, never read: the response is made and dropped.
            return new DisposalVerdict(ValueFate.Discarded, OwnBranch(produced, value));
        }

        // Read once: the read is what a 'using' goes around. Read several times: say so at the call, and offer no rewrite.
        return leaks.Count == 1
            ? leaks[0]
            : new DisposalVerdict(
                ValueFate.DroppedOnSomePath,
                OwnBranch(produced, value),
                path: released.Count > 0 ? "is disposed on one branch that reads it from its task and dropped on another" : "is read from its task more than once and never disposed");
    }

    /// <summary>
    /// A task of a response handed to a method of this compilation (<c>ExecuteRequest(...).ThrowIfUnsuccessful(link).ReadContentAsAsync&lt;T&gt;()</c>,
    /// extension methods on <c>Task&lt;HttpResponseMessage&gt;</c>): when the method awaits it and only reads the response
    /// (<see cref="TaskParameterUse.OnlyReads"/>), nobody disposes it; when it hands the same response back
    /// (<see cref="TaskParameterUse.ReturnsResponse"/>), the call's own task is followed the same way. Null (the task is handed
    /// on) for anything else, and where the method owns the response because every call hands it a fresh task (HCG003 reports it
    /// there, <see cref="OwnershipSummaries.HandedOnlyFreshTasks"/>).
    /// </summary>
    private static DisposalVerdict? AnalyzeTaskHandedToMethod(IOperation value, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var handed = value.WithEnclosingConversions();
        if (HandedTaskUse(handed, ownership, out var call) is var taskUse && taskUse == TaskParameterUse.Unknown ||
            taskUse != TaskParameterUse.HandsOnToReader && handed.Parent is IArgumentOperation { Parameter: { } parameter } &&
            ownership.HandedOnlyFreshTasks(parameter.OriginalDefinition, cancellationToken))
        {
            // A method that reads no response of its own is not where a 'using' could go: its callers are reported.
            return null;
        }

        if (taskUse is TaskParameterUse.OnlyReads or TaskParameterUse.HandsOnToReader)
        {
            return new DisposalVerdict(ValueFate.Chained, value, path: "is handed as a task to '" + call.TargetMethod.Name + "', which only reads it");
        }

        var next = Analyze(call, kind, types, ownership, cancellationToken);
        return next.IsLeak ? next : null;
    }

    /// <summary>
    /// What the method <paramref name="handed"/> (a task, with its conversions) is handed to does with it: as an argument,
    /// its parameter's summary; as the receiver of an extension block's member (<c>task.ReadBytes()</c>), the member's.
    /// </summary>
    private static TaskParameterUse HandedTaskUse(IOperation handed, OwnershipSummaries ownership, out IInvocationOperation call)
    {
        switch (handed.Parent)
        {
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation invocation }:
                call = invocation;
                return ownership.UseOfTaskParameter(invocation.TargetMethod, parameter);
            case IInvocationOperation invocation when invocation.Instance == handed:
                call = invocation;
                return ownership.UseOfTaskReceiver(invocation.TargetMethod);
            default:
                call = null!;
                return TaskParameterUse.Unknown;
        }
    }

    /// <summary>
    /// What the method whose body is <paramref name="body"/> does with the task of a response handed in as
    /// <paramref name="parameter"/>: read once (<c>var r = await task;</c>, with <c>ConfigureAwait</c>, <c>.Result</c> or
    /// <c>.GetAwaiter().GetResult()</c>) into a local that is then only read (<see cref="TaskParameterUse.OnlyReads"/>), or
    /// also returned where every <c>return</c> gives that local or null (<see cref="TaskParameterUse.ReturnsResponse"/>);
    /// otherwise as <see cref="SummarizeTaskReadInPlace"/> says. Anything else (disposed, stored, handed on to anything but a
    /// reader, read in a lambda, read into locals twice) is <see cref="TaskParameterUse.Unknown"/>.
    /// </summary>
    public static TaskParameterUse SummarizeTaskParameter(IOperation body, IParameterSymbol parameter, WellKnownTypes types, OwnershipSummaries ownership) =>
        SummarizeTaskAwaitedOnce(body, parameter, types, ownership) is var once && once != TaskParameterUse.Unknown
            ? once
            : SummarizeTaskReadInPlace(body, parameter, types, ownership);

    /// <summary>
    /// A task parameter no reference of which keeps the response: each waits on the task or looks at its state
    /// (<c>task.Wait();</c>, <c>task.Status</c>), reads the response only through a member (<c>task.Result.StatusCode</c>,
    /// <c>task.Result.Content.ReadAsStringAsync()</c>, <c>(await task).ReasonPhrase</c>), however many times, or hands the task
    /// to a method whose own summary says it only reads it. <see cref="TaskParameterUse.OnlyReads"/> when some reference
    /// reads the response here, <see cref="TaskParameterUse.HandsOnToReader"/> when every read is a reader's it is handed
    /// to, <see cref="TaskParameterUse.Unknown"/> when nothing reads it or a reference does anything else.
    /// </summary>
    private static TaskParameterUse SummarizeTaskReadInPlace(IOperation body, IParameterSymbol parameter, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var reads = 0;
        var handedOn = 0;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            if (reference.IsInsideFunction())
            {
                return TaskParameterUse.Unknown;
            }

            if (AwaitedValue(reference) is { } read)
            {
                if (!OnlyReadsResponseAt(read, types, ownership))
                {
                    return TaskParameterUse.Unknown;
                }

                reads++;
                continue;
            }

            if (ContinuationOf(reference) is { } lambda)
            {
                // 'task.ContinueWith(t => t.Result.Content.ReadAsByteArrayAsync()).Unwrap()': the continuation reads the
                // response through its parameter, as the method would in place.
                if (ContinuationReads(lambda, types, ownership) is not { } continued)
                {
                    return TaskParameterUse.Unknown;
                }

                reads += continued;
                continue;
            }

            var handed = reference.WithEnclosingConversions();
            var handedUse = HandedTaskUse(handed, ownership, out _);
            if (handedUse != TaskParameterUse.Unknown || handed.Parent is IArgumentOperation { Parent: IInvocationOperation })
            {
                // Handed as an argument, or as the receiver of an extension block's member ('task.ReadBytes()'); any other
                // call on the task ('task.Wait()') is read below.
                if (handedUse is not (TaskParameterUse.OnlyReads or TaskParameterUse.HandsOnToReader))
                {
                    return TaskParameterUse.Unknown;
                }

                handedOn++;
                continue;
            }

            var use = Classify(reference, ResourceKind.Response, types, ownership, out var value, out _, out _);
            if (!IsOnlyWaitedOn(reference, value, use))
            {
                return TaskParameterUse.Unknown;
            }
        }

        return reads > 0 ? TaskParameterUse.OnlyReads : handedOn > 0 ? TaskParameterUse.HandsOnToReader : TaskParameterUse.Unknown;
    }

    /// <summary>
    /// The lambda of <c>task.ContinueWith(t =&gt; ...)</c> called on <paramref name="task"/>, when it takes the task as a
    /// parameter; null for any other use of the task.
    /// </summary>
    private static IAnonymousFunctionOperation? ContinuationOf(IOperation task) =>
        task.Parent is IInvocationOperation { TargetMethod.Name: "ContinueWith", Arguments.Length: > 0 } continuation && continuation.Instance == task &&
        continuation.Arguments[0].Value.SkipConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.Parameters.Length: > 0 } lambda }
            ? lambda
            : null;

    /// <summary>
    /// How many times the continuation <paramref name="lambda"/> of <c>task.ContinueWith(t =&gt; ...)</c> reads the response
    /// through its first parameter, each read only through a member (<c>t.Result.Content</c>, <c>t.Result.StatusCode</c>)
    /// and every other reference only looking at the task's state (<c>t.IsFaulted</c>); null when a reference does anything
    /// else (returns or keeps <c>t.Result</c>, hands <c>t</c> on) or sits in a function nested in the continuation.
    /// </summary>
    private static int? ContinuationReads(IAnonymousFunctionOperation lambda, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var reads = 0;
        foreach (var reference in References(lambda.Body, lambda.Symbol.Parameters[0]) ?? [])
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.EnclosingFunction(), lambda.Symbol))
            {
                return null;
            }

            if (AwaitedValue(reference) is { } read)
            {
                if (!OnlyReadsResponseAt(read, types, ownership))
                {
                    return null;
                }

                reads++;
                continue;
            }

            if (!LooksAtStatus(reference))
            {
                return null;
            }
        }

        return reads;
    }

    private static TaskParameterUse SummarizeTaskAwaitedOnce(IOperation body, IParameterSymbol parameter, WellKnownTypes types, OwnershipSummaries ownership)
    {
        IOperation? awaited = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            if (awaited is not null || reference.IsInsideFunction() || AwaitedValue(reference) is not { } read)
            {
                return TaskParameterUse.Unknown;
            }

            awaited = read;
        }

        if (awaited?.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var response } declarator } ||
            declarator.Syntax.Parent?.Parent is UsingStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword })
        {
            // 'using var response = await task;', 'using (var response = await task)': disposed where its scope ends.
            return TaskParameterUse.Unknown;
        }

        var returned = false;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, response):
                    if (reference.IsInsideFunction() || reference.Parent is ISimpleAssignmentOperation { Target: var target } && target == reference)
                    {
                        return TaskParameterUse.Unknown;
                    }

                    if (reference.WithEnclosingConversions().Parent is IReturnOperation)
                    {
                        returned = true;
                        continue;
                    }

                    if (OnlyReadsResponseAt(reference, types, ownership))
                    {
                        continue;
                    }

                    return TaskParameterUse.Unknown;

                case IReturnOperation { ReturnedValue: { } result } when !operation.IsInsideFunction():
                    if (result.SkipConversions() is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, response) || result.IsNullConstant())
                    {
                        continue;
                    }

                    if (returned || types.IsResponseOrTaskOfResponse(result.Type))
                    {
                        // Another response may come back in its place: which one the caller gets is not known.
                        return TaskParameterUse.Unknown;
                    }

                    continue;
            }
        }

        return returned ? TaskParameterUse.ReturnsResponse : TaskParameterUse.OnlyReads;
    }

    /// <summary><c>await task</c>, <c>await task.ConfigureAwait(false)</c>, <c>task.Result</c>, <c>task.GetAwaiter().GetResult()</c>: the response read, or null.</summary>
    private static IOperation? AwaitedValue(IOperation reference) => reference.Parent switch
    {
        IAwaitOperation awaited => awaited,
        IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation awaited } configured when configured.Instance == reference => awaited,
        IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == reference => result,
        IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } result } awaiter when awaiter.Instance == reference => result,
        _ => null,
    };

    /// <summary>
    /// <c>task?.Result?.Member</c> for the task reference <paramref name="reference"/>: the member read or call made on the
    /// response (a property reference or an invocation whose instance is the conditional access's instance), or null for
    /// any other shape (<c>task?.Result</c> kept whole, <c>task?.Wait()</c>) and where the whole chain's value is
    /// disposable (<c>var content = task?.Result?.Content;</c> may be kept, and disposed, under another name).
    /// </summary>
    private static IOperation? NullConditionalMemberRead(IOperation reference, WellKnownTypes types)
    {
        if (reference.Parent is not IConditionalAccessOperation { Operation: var accessed, WhenNotNull: IConditionalAccessOperation inner } outer ||
            accessed != reference ||
            inner.Operation is not IPropertyReferenceOperation { Property.Name: "Result", Instance: IConditionalAccessInstanceOperation })
        {
            return null;
        }

        IOperation whole = outer;
        while (whole.Parent is IConditionalAccessOperation { WhenNotNull: var tail } chain && tail == whole)
        {
            whole = chain;
        }

        if (types.IsDisposable(whole.Type))
        {
            return null;
        }

        return inner.WhenNotNull switch
        {
            IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } member => member,
            IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call => call,
            IConditionalAccessOperation { Operation: IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } member } => member,
            _ => null,
        };
    }

    /// <summary>'task.Wait()', 'task.IsCompleted', 't.Exception != null' in a continuation, 'await Task.WhenAll(task, other);' with the result dropped, 'task.Dispose()', 'task.ContinueWith(x => { })' whose continuation only looks at the task's state, '$"{task}"'.</summary>
    private static bool IsOnlyWaitedOn(IOperation reference, IOperation read, Use use)
    {
        if (IsWaitedOnWithOthers(reference))
        {
            return true;
        }

        if (read != reference)
        {
            return false;
        }

        switch (reference.Parent)
        {
            case IInvocationOperation { TargetMethod.Name: "Wait" } wait when wait.Instance == reference:
                return wait.Parent is IExpressionStatementOperation;
            case IInvocationOperation { TargetMethod.Name: "Dispose" } dispose when dispose.Instance == reference:
                // 'task.Dispose();' disposes the task, not the response or stream it yields.
                return dispose.Parent is IExpressionStatementOperation;
            case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" or "Exception" }:
                return use == Use.Borrowed;
            case IInterpolationOperation:
                // $"result={task}": the task formatted as text (its type and status), not its result.
                return true;
            case IInvocationOperation call when IsTurnedIntoText(call):
                return true;
            case IInvocationOperation { TargetMethod.Name: "ContinueWith" } continuation when continuation.Instance == reference:
                // 'await task.ContinueWith(x => { });': a continuation that never reads the task's result only waits for it.
                return continuation.Arguments.Length > 0 &&
                       continuation.Arguments[0].Value.SkipConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } &&
                       (lambda.Symbol.Parameters.Length == 0 ||
                        References(lambda.Body, lambda.Symbol.Parameters[0]) is not { } uses ||
                        uses.TrueForAll(LooksAtStatus));
        }

        return false;
    }

    /// <summary>
    /// <c>task.ToString()</c>, <c>task.GetHashCode()</c>, <c>task.GetType()</c>, where <paramref name="parent"/> is the parent of a
    /// reference to the task: the task's text, hash or type (its status at most), never the response it completes with. A
    /// reference whose parent is the invocation itself is its instance (an argument, an extension's receiver included, sits
    /// under an argument operation), and a task type declares these three only as the object's.
    /// </summary>
    private static bool IsTurnedIntoText(IOperation? parent) =>
        parent is IInvocationOperation { TargetMethod.Name: "ToString" or "GetHashCode" or "GetType" };

    /// <summary><c>Task.WaitAll(a, b)</c> / <c>await Task.WhenAll(a, b);</c> whose own result nobody keeps.</summary>
    private static bool IsWaitedOnWithOthers(IOperation reference)
    {
        var current = reference.Parent;
        while (current is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation or IArgumentOperation)
        {
            current = current.Parent;
        }

        if (current is IInvocationOperation { TargetMethod: { Name: "WaitAll" or "WhenAll", ContainingType.Name: "Task", IsStatic: true } } all)
        {
            IOperation outer = all;
            while (outer.Parent is IAwaitOperation or IConversionOperation ||
                   (outer.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "Wait" } chained && chained.Instance == outer))
            {
                outer = outer.Parent!;
            }

            return outer.Parent is IExpressionStatementOperation;
        }

        return false;
    }

    /// <summary><c>task.IsCompleted</c>, <c>task.IsFaulted</c>, <c>task.Status</c>, <c>task.Exception</c>: the task's state, not its result.</summary>
    private static bool LooksAtStatus(IOperation reference) =>
        reference.Parent is IPropertyReferenceOperation
        {
            Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" or "Exception",
        } status && status.Instance == reference;

    /// <summary>
    /// Every reference to <paramref name="symbol"/> in <paramref name="scope"/>; null when a lambda captures a local, which may
    /// run anywhere, unless it only watches the task's status or (given <paramref name="types"/>) is the delegate of an
    /// unbound response policy's execution that awaits the task as its result (<see cref="IsAwaitedAsAPolicyResult"/>).
    /// </summary>
    private static List<IOperation>? References(IOperation? scope, ISymbol symbol, WellKnownTypes? types = null)
    {
        if (scope is null)
        {
            return null;
        }

        var references = new List<IOperation>();
        foreach (var operation in scope.Descendants())
        {
            var referenced = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, symbol))
            {
                if (operation is ILocalReferenceOperation reference && IsCaptured(reference, (ILocalSymbol)symbol))
                {
                    if (LooksAtStatus(reference))
                    {
                        // 'yield return Timing.WaitUntilTrue(() => respTask.IsCompleted);': the lambda only watches the task.
                        continue;
                    }

                    if (types is not null && IsAwaitedAsAPolicyResult(reference, types))
                    {
                        // 'await Policy.Handle<WebException>().RetryAsync(2).ExecuteAsync(async () => await t)': read as the
                        // execution's result, which the policy hands back.
                        references.Add(operation);
                        continue;
                    }

                    return null;
                }

                references.Add(operation);
            }
        }

        return references;
    }

    /// <summary>
    /// <c>async () =&gt; await t</c> (or <c>() =&gt; t</c>, <c>async () =&gt; { ...; return await t; }</c>) handed as the
    /// delegate to an execution of a response policy whose package is missing (<see cref="UnboundCalls.IsResponsePolicyExecution"/>):
    /// the lambda returns the task's response as the execution's result, and the reference is followed there.
    /// </summary>
    private static bool IsAwaitedAsAPolicyResult(ILocalReferenceOperation reference, WellKnownTypes types)
    {
        var read = reference.Syntax.Parent is AwaitExpressionSyntax awaited ? (SyntaxNode)awaited : reference.Syntax;
        var lambda = read.Parent switch
        {
            AnonymousFunctionExpressionSyntax body when body.ExpressionBody == read => body,
            ReturnStatementSyntax @return => @return.EnclosingFunction() as AnonymousFunctionExpressionSyntax,
            _ => null,
        };
        return lambda is { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax execution } } } &&
               reference.SemanticModel is { } model &&
               model.GetSymbolInfo(execution).Symbol is null &&
               UnboundCalls.IsResponsePolicyExecution(model, execution, types, CancellationToken.None);
    }
}
