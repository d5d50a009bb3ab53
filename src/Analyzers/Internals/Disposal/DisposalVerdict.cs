using System.Collections.Immutable;
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

/// <summary>How a member lets go of a value kept in a local (<see cref="DisposalAnalysis.ReleaseOf"/>).</summary>
internal enum LocalRelease
{
    /// <summary>Neither disposed nor handed out of the member.</summary>
    None,

    /// <summary>Handed out (returned, stored, kept by a cache): its receiver disposes it.</summary>
    HandedOn,

    /// <summary>Disposed somewhere in the member.</summary>
    Disposed,
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

    /// <summary>
    /// Handed on or disposed on some paths, dropped on another: the function leaves holding it, or a retry
    /// loop overwrites it. The verdict's <see cref="DisposalVerdict.Path"/> names that path.
    /// </summary>
    DroppedOnSomePath,

    /// <summary>Returned by a lambda to a method that returns it again (retry helpers, policies).</summary>
    ForwardedToCaller,
}

/// <summary>The verdict on one value, with what the code fixes and the other rules need to know.</summary>
internal readonly struct DisposalVerdict
{
    public DisposalVerdict(ValueFate fate, IOperation value, ILocalSymbol? local = null, IOperation? forwardedTo = null, string? path = null)
    {
        Path = path;
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

    /// <summary>
    /// For <see cref="ValueFate.ForwardedToCaller"/>: the call that hands the value on (an invocation, or the compiler's
    /// invalid operation for one that did not bind).
    /// </summary>
    public IOperation? ForwardedTo { get; }

    /// <summary>For <see cref="ValueFate.DroppedOnSomePath"/>: the message phrase naming the path that drops the value.</summary>
    public string? Path { get; }

    public bool IsLeak => Fate is ValueFate.Discarded or ValueFate.Chained or ValueFate.NotDisposed or ValueFate.NotDisposedOnEveryPath or ValueFate.DroppedOnSomePath;

    /// <summary>The message phrase for this verdict: the path that drops it when there is one.</summary>
    public string Description => Path ?? Describe(Fate);

    /// <summary>
    /// Where the verdict on the value <paramref name="call"/> produces is reported: at the value when the call is part of it
    /// (<c>await client.GetAsync(u)</c>, <c>client.GetAsync(u).Result</c>); at the call when the value is first seen in
    /// another expression (a task kept in a local and read later, a continuation's <c>t.Result</c>, a result object's
    /// member read out of it). The squiggle then sits on the request that makes the response, the message names the read
    /// (<c>is never disposed (read as 'task.Result')</c>), and the read is the diagnostic's additional location, where the
    /// fixers put their <c>using</c> (<see cref="FixedAt"/>).
    /// </summary>
    public Diagnostic CreateDiagnostic(DiagnosticDescriptor rule, SyntaxNode call, ImmutableDictionary<string, string?> properties, string producer)
    {
        var value = Value.Syntax;
        if (value.Span.Contains(call.Span))
        {
            return Diagnostic.Create(rule, value.GetLocation(), properties, producer, Description);
        }

        return Diagnostic.Create(rule, call.GetLocation(), new[] { value.GetLocation() }, properties, producer, Description + " (read as '" + Abbreviated(value) + "')");
    }

    /// <summary>The read's text on one line, cut short past <see cref="MaxReadLength"/> characters.</summary>
    private static string Abbreviated(SyntaxNode read)
    {
        var text = string.Join(" ", read.ToString().Split(s_whitespace, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxReadLength ? text : text.Substring(0, MaxReadLength) + "...";
    }

    private const int MaxReadLength = 60;

    private static readonly char[] s_whitespace = { ' ', '\t', '\r', '\n' };

    /// <summary>The span of the value a fixer rewrites for a diagnostic made by <see cref="CreateDiagnostic"/>.</summary>
    public static Microsoft.CodeAnalysis.Text.TextSpan FixedAt(Diagnostic diagnostic)
        => (diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location).SourceSpan;

    /// <summary>Diagnostic property naming the <see cref="ValueFate"/>, which tells the fixers what shape to rewrite.</summary>
    public const string FateProperty = "Fate";

    /// <summary>The phrase the HCG003 / HCG004 messages use for each kind of leak.</summary>
    public static string Describe(ValueFate fate) => fate switch
    {
        ValueFate.Discarded => "is discarded",
        ValueFate.Chained => "is used without being kept",
        ValueFate.NotDisposedOnEveryPath => "is not disposed on every path",
        _ => "is never disposed",
    };
}
