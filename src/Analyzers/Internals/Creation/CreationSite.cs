using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>How often the code at a creation site runs, as far as one member can tell.</summary>
internal enum CreationFrequency
{
    /// <summary>Once per process, per instance, per container or per cache entry: not reported.</summary>
    OneTime,

    /// <summary>Every time the enclosing member, accessor, lambda or local function runs.</summary>
    PerCall,

    /// <summary>Inside a loop of the enclosing member (entry points included).</summary>
    InLoop,

    /// <summary>
    /// Once per instance of <see cref="CreationSite.Owner"/>: instance constructors, instance field
    /// and property initializers, values stored into fields of <c>this</c>. Per call only when the
    /// owner itself is (decided by the owner-lifetime analysis).
    /// </summary>
    PerInstance,

    /// <summary>
    /// Returned by the method <see cref="CreationSite.Factory"/>: as often as its callers run.
    /// </summary>
    Returned,

    /// <summary>
    /// Inside a delegate kept in the field or property <see cref="CreationSite.Delegate"/>: as often as the
    /// compilation invokes that member (<c>Func&lt;HttpClient&gt; HttpClientFactory { get; set; } = () =&gt; new HttpClient();</c>).
    /// </summary>
    Invoked,
}

/// <summary>The verdict for one creation, and the member the message names.</summary>
internal readonly partial struct CreationSite
{
    public CreationSite(CreationFrequency frequency, string memberName, bool inLambda = false, TypeDeclarationSyntax? owner = null, MethodDeclarationSyntax? factory = null, string? via = null, bool returnedInside = false, ISymbol? storedIn = null, ConstructorDeclarationSyntax? constructor = null, IParameterSymbol? fallback = null)
    {
        Fallback = fallback;
        Constructor = constructor;
        Delegate = storedIn;
        ReturnedInside = returnedInside;
        Via = via;
        Frequency = frequency;
        MemberName = memberName;
        InLambda = inLambda;
        Owner = owner;
        Factory = factory;
    }

    /// <summary>The factory method (or "a delegate") the creation reaches the per-call member through.</summary>
    public string? Via { get; }

    /// <summary>The same verdict, reached through the factory <paramref name="factoryName"/>.</summary>
    public CreationSite Through(string factoryName) =>
        new(Frequency, MemberName, InLambda, Owner, Factory, Via ?? factoryName, ReturnedInside, Delegate, Constructor, Fallback);

    /// <summary>
    /// For a call classified by how often it runs (<see cref="ClassifyRun"/>): a call whose result its method returns
    /// (<c>return Download(url);</c>) runs on every run of that method, as a call whose result it keeps does.
    /// </summary>
    public CreationSite RunOfFactory() =>
        Frequency == CreationFrequency.Returned && Factory is { } factory
            ? new(CreationFrequency.PerCall, MemberName, InLambda, factory: factory)
            : this;

    /// <summary>The same verdict with the member named as <c>Type.Member</c>, for messages about another type.</summary>
    public CreationSite Qualified(string typeName) =>
        MemberName.Length == 0 || MemberName.StartsWith("<", System.StringComparison.Ordinal)
            ? this
            : new(Frequency, typeName + "." + MemberName, InLambda, Owner, Factory, Via, ReturnedInside, Delegate, Constructor, Fallback);

    /// <summary>
    /// Two per-instance verdicts for the same owner seen together (a private factory called from two constructors):
    /// the instances of either constructor run it, so the pair keeps a constructor (and a fallback) only when both name the same one.
    /// </summary>
    public CreationSite JoinedWith(CreationSite other) =>
        Constructor is null || (Constructor == other.Constructor && SymbolEqualityComparer.Default.Equals(Fallback, other.Fallback))
            ? this
            : new(Frequency, MemberName, InLambda, Owner, Factory, Via, ReturnedInside, Delegate, constructor: Constructor == other.Constructor ? Constructor : null);

    /// <summary>
    /// For <see cref="CreationFrequency.PerInstance"/> with a <see cref="Constructor"/>, and for
    /// <see cref="CreationFrequency.Returned"/>: the parameter of that constructor or factory whose null value alone reaches
    /// the creation (<c>client ?? new HttpClient()</c>, see <see cref="ParameterFallbacks"/>): only the calls that may
    /// pass null for it count. Null when every call reaches the creation.
    /// </summary>
    public IParameterSymbol? Fallback { get; }

    /// <summary>The same verdict, reached only when <paramref name="parameter"/> is null.</summary>
    public CreationSite WithFallback(IParameterSymbol? parameter) =>
        parameter is null ? this : new(Frequency, MemberName, InLambda, Owner, Factory, Via, ReturnedInside, Delegate, Constructor, parameter);

    /// <summary>For <see cref="CreationFrequency.PerInstance"/>: the type whose instances own the creation.</summary>
    public TypeDeclarationSyntax? Owner { get; }

    /// <summary>
    /// For <see cref="CreationFrequency.PerInstance"/>: the instance constructor whose run makes the creation (its body or
    /// its <c>this(...)</c> / <c>base(...)</c> arguments), or null when every instance makes it (field and property
    /// initializers, lazy members, caches of <c>this</c>). Only instances built through this constructor, directly or
    /// through <c>this(...)</c> chains, own the creation (<c>Client(string token)</c> makes a client,
    /// <c>Client(IHttp http)</c> is given one).
    /// </summary>
    public ConstructorDeclarationSyntax? Constructor { get; }

    /// <summary>
    /// For <see cref="CreationFrequency.Returned"/>: the creation reaches the return inside something else
    /// (a local's object, a wrapper built around it, an <c>out</c> parameter) rather than as the returned value itself.
    /// </summary>
    public bool ReturnedInside { get; }

    /// <summary>
    /// For <see cref="CreationFrequency.Invoked"/>: the field or property whose delegate runs the creation; null when the
    /// member does not bind (nothing in the compilation can be seen invoking it).
    /// </summary>
    public ISymbol? Delegate { get; }

    /// <summary>
    /// For <see cref="CreationFrequency.Returned"/>: the method that returns the creation; for
    /// <see cref="CreationFrequency.PerCall"/>: the method whose own body makes it (not in a loop or a function inside); for
    /// <see cref="CreationFrequency.PerInstance"/>: the instance method whose own body stores it into the instance, if any
    /// (an instance runs it only when that method is called on it).
    /// </summary>
    public MethodDeclarationSyntax? Factory { get; }

    public CreationFrequency Frequency { get; }

    /// <summary>The member whose every run creates the object (for the message); empty for one-time sites.</summary>
    public string MemberName { get; }

    /// <summary>The creation is in a lambda or anonymous method declared in <see cref="MemberName"/>.</summary>
    public bool InLambda { get; }

    /// <summary>Per call on its own, without asking about owners or callers.</summary>
    public bool IsPerCall => Frequency is CreationFrequency.PerCall or CreationFrequency.InLoop;

    /// <summary>The phrase the HCG001 / HCG002 messages use for where the object is created.</summary>
    public string Describe()
    {
        var where = Frequency switch
        {
            CreationFrequency.InLoop => $"inside a loop in '{MemberName}'",
            _ when InLambda => $"each time a lambda in '{MemberName}' runs",
            _ when Via == "a delegate" => $"each time a delegate to '{MemberName}' runs",
            _ => $"each time '{MemberName}' runs",
        };
        return Via is null or "a delegate" ? where : where + $" (returned by '{Via}')";
    }
}
