using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A focused dispose analysis: follow one value up the operation tree from the call that produces
/// it, then, when it lands in a local, over every reference to that local and, only where the code
/// disposes it explicitly, over the control-flow graph of the function that declares it. Anything
/// the walk does not understand counts as an escape, so that the rules stay quiet rather than guess.
/// </summary>
internal static partial class DisposalAnalysis
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

    /// <summary>
    /// <c>var t = client.PostAsJsonAsync(route, body);</c> with the extension's package missing: the call did not bind
    /// (<see cref="UnboundCalls.Produced"/> accepted it by its name on a client) and is kept as it is, not awaited, so
    /// what the local holds is the task of the response, read where the task is.
    /// </summary>
    private static bool IsUnboundTaskOfResponse(IOperation value) =>
        value is IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } } &&
        name.EndsWith("Async", System.StringComparison.Ordinal) && (ResponseMethodNames.IsContentExtension(name) || ResponseMethodNames.IsWellKnown(name));

    public static DisposalVerdict Analyze(IOperation produced, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var use = Classify(produced, kind, types, ownership, out var value, out var local, out var forwardedTo);
        if (use is Use.KeptInLocal or Use.Borrowed or Use.Discarded && (types.TaskResult(value.Type) is not null || IsUnboundTaskOfResponse(value)))
        {
            // A task kept for later, waited on, continued or fired and forgotten: the value is where the task is read.
            return kind == ResourceKind.Disposable
                ? new DisposalVerdict(ValueFate.Escapes, value)
                : AnalyzeTask(produced, use, value, local as ILocalSymbol, kind, types, ownership, cancellationToken);
        }

        if (use == Use.KeptInLocal && kind != ResourceKind.Disposable && WellKnownTypes.AwaiterResult(value.Type) is not null)
        {
            // var post = client.PostAsync(url, content).ConfigureAwait(false).GetAwaiter(); response = post.GetResult();
            // the awaiter is kept like the task: the value is where 'GetResult' reads it.
            return AnalyzeTask(produced, use, value, local as ILocalSymbol, kind, types, ownership, cancellationToken);
        }

        if (use == Use.DisposedByOwner && kind != ResourceKind.Disposable && types.TaskResult(value.Type) is not null &&
            value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var task } })
        {
            // using var download = client.GetStreamAsync(uri); download.Result.CopyTo(file);  disposing the task does not
            // dispose what it yields: the value is where the task is read, and the call is where the mistake is.
            var read = AnalyzeTask(produced, Use.KeptInLocal, value, task, kind, types, ownership, cancellationToken);
            return read.IsLeak
                ? new DisposalVerdict(ValueFate.DroppedOnSomePath, OwnBranch(produced, value), path: "is read from a task that 'using' disposes, which does not dispose the task's result")
                : read;
        }

        if (use is Use.Escapes or Use.ForwardedToCaller && kind == ResourceKind.Response && types.TaskResult(value.Type) is not null &&
            AnalyzeWhenAllResults(value, kind, types) is { } collected)
        {
            // var responses = await Task.WhenAll(urls.Select(u => client.GetAsync(u))); read, never disposed.
            return collected;
        }

        var reported = OwnBranch(produced, value);
        switch (use)
        {
            case Use.Disposed:
            case Use.DisposedByOwner:
                return new DisposalVerdict(ValueFate.Disposed, reported);
            case Use.Escapes:
                return new DisposalVerdict(ValueFate.Escapes, reported);
            case Use.Discarded:
                return new DisposalVerdict(ValueFate.Discarded, reported);
            case Use.Borrowed:
                return new DisposalVerdict(ValueFate.Chained, reported);
            case Use.ForwardedToCaller:
                return new DisposalVerdict(ValueFate.ForwardedToCaller, reported, forwardedTo: forwardedTo);
        }

        var fate = AnalyzeLocal(value, local!, kind, types, ownership, cancellationToken, out var dropped, out var forwardedThroughLocal);
        return new DisposalVerdict(fate, reported, local as ILocalSymbol, forwardedTo: forwardedThroughLocal, path: fate == ValueFate.DroppedOnSomePath ? DescribePath(dropped) : null);
    }

    /// <summary>"when it is overwritten on line 60", "on the path that leaves at line 85": where the value is dropped.</summary>
    private static string DescribePath(PathLeak leak)
    {
        if (leak.OverwrittenAt is { } overwrite)
        {
            return "is overwritten on line " + LineOf(overwrite) + " while nothing has disposed it or taken it over";
        }

        return leak.LeftAt is { } left
            ? "is neither disposed nor handed on along the path through line " + LineOf(left)
            : "is neither disposed nor handed on along the path that reaches the end of the method";
    }

    private static string LineOf(SyntaxNode node) =>
        (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The part of <paramref name="value"/> that belongs to this call alone: in
    /// <c>c ? await a() : await b()</c> (or a switch expression's arms) each call is reported on its own branch, not twice on the whole.
    /// </summary>
    private static IOperation OwnBranch(IOperation produced, IOperation value)
    {
        var current = produced;
        while (current != value && current.Parent is { } parent && parent is not IConditionalOperation and not ICoalesceOperation and not ISwitchExpressionArmOperation)
        {
            current = parent;
        }

        return current;
    }
}
