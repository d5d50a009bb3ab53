using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A client made on every run of a method is per call only when something runs the method per call. A method only
/// this compilation can call (private or internal, or any member of a program, which nobody references) runs as often
/// as its calls do: when every call of it in the compilation runs once (from <c>Main</c>, a command's handler, a static
/// constructor, application configuration; or from a method that itself runs once), the method runs once, and so does
/// its creation: <c>static async Task Main() { await DownloadToolAsync(); ... }</c> makes the download's client once per
/// process. A call inside a loop or a lambda, a method group handed on (an event handler, a callback), a recursive call,
/// a method nobody here calls (a framework calls it: a controller action, a function, an event wired in markup), an
/// override or implementation of a framework's method, or a public method of a library keep the creation per call. An
/// override, or an implementation of an interface, of the program's own runs wherever the method it stands for is called
/// (<c>parsed.Execute()</c> on the options' base class runs each command's <c>Execute</c>). Calls from a
/// constructor make it once per instance of that type, whose own lifetime then decides, as for a creation there.
/// </summary>
internal sealed partial class OwnerEvidence
{
    /// <summary>How many callers deep "runs once" is followed (<c>Main</c> → <c>RunAsync</c> → <c>ProcessScriptFile</c>).</summary>
    private const int MaxCallerDepth = 4;

    private readonly ConcurrentDictionary<IMethodSymbol, FactoryFacts> _runs = new(SymbolEqualityComparer.Default);
    private bool? _declaresTheApplication;

    /// <summary>
    /// <paramref name="site"/> is made on every run of a method (its own body, not a loop or a lambda in it) that every call
    /// in the compilation runs once, or once per instance of a type not created per call.
    /// </summary>
    private bool RunsOnce(CreationSite site, SemanticModel model, Walk walk) =>
        site is { Frequency: CreationFrequency.PerCall, InLambda: false, Factory: { } declaration } &&
        model.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, walk.CancellationToken) is { } method &&
        Runs(method, walk, depth: 0).PerCallEvidence is null;

    private FactoryFacts Runs(IMethodSymbol method, Walk walk, int depth)
    {
        var definition = method.OriginalDefinition;
        return _runs.TryGetValue(definition, out var facts)
            ? facts
            : walk.Read(definition, _runs, () => ReadRuns(definition, walk, depth), new FactoryFacts("each time '" + definition.Name + "' calls itself"));
    }

    /// <summary>
    /// Every call and method group of <paramref name="method"/> in the compilation (generated files included: a handler
    /// wired in markup is referenced there), each classified by how often its code runs (<see cref="CreationSite.ClassifyRun"/>);
    /// the first that runs per call is the evidence. No reference at all is evidence too: something outside runs it.
    /// </summary>
    private FactoryFacts ReadRuns(IMethodSymbol method, Walk walk, int depth)
    {
        var perCall = new FactoryFacts("each time '" + method.Name + "' runs");
        if (depth >= MaxCallerDepth || !CalledOnlyHere(method, walk.CancellationToken))
        {
            return perCall;
        }

        if (CommandMethods.RunsPerExecution(method))
        {
            // [RelayCommand] private async Task SyncAsync(): the generated command runs it on every execution, whatever else
            // calls it once (an automatic sync at start-up).
            return new FactoryFacts("each time the '" + method.Name + "' command runs");
        }

        if (FunctionHandlers.RunsPerInvocation(method))
        {
            // public async Task<Response> FunctionHandlerAsync(SnsRequest input, ILambdaContext context), also called once from
            // the harness's Main: the host runs it on every invocation.
            return new FactoryFacts("each time the function '" + method.Name + "' is invoked");
        }

        // An override runs wherever the method it overrides is called ('parsed.Execute()' on the base type), and an
        // interface method's implementation wherever the interface's is.
        var targets = Targets(method);

        var cancellationToken = walk.CancellationToken;
        var referenced = false;
        foreach (var name in SyntaxTreeIndex.SimpleNames(_compilation, method.Name, cancellationToken))
        {
            if (name.IsNameOfArgument())
            {
                continue;
            }

            ExpressionSyntax use = name.Parent switch
            {
                MemberAccessExpressionSyntax memberAccess when memberAccess.Name == name => memberAccess,
                MemberBindingExpressionSyntax binding => binding,
                _ => name,
            };
            if (CannotCallStatic(method, use, name.SyntaxTree, cancellationToken))
            {
                continue;
            }

            var model = _compilation.ModelFor(name.SyntaxTree);
            if (!RefersToAny(model.GetSymbolInfo(use, cancellationToken), targets))
            {
                continue;
            }

            referenced = true;
            var where = InvocationOf(use) is { } call
                ? RunEvidence(CreationSite.ClassifyRun(call, model, _types, cancellationToken), model, walk, depth)
                : DelegateRunEvidence(CreationSite.ClassifyDelegate(use, method.Name, model, _types, cancellationToken, keepsNothing: true), use, model, walk, depth);
            if (where is not null)
            {
                return new FactoryFacts(where);
            }
        }

        return referenced ? FactoryFacts.OneTime : perCall;
    }

    /// <summary>How often one call runs, as evidence; null when once (or per instance of an owner not created per call).</summary>
    private string? RunEvidence(CreationSite site, SemanticModel model, Walk walk, int depth)
    {
        switch (site.Frequency)
        {
            case CreationFrequency.OneTime:
                return null;
            case CreationFrequency.PerCall or CreationFrequency.Returned when !site.InLambda && site.Factory is { } declaration &&
                                                                             model.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, walk.CancellationToken) is { } caller:
                // await DownloadAsync(); in RunAsync, itself called once from Main.
                return Runs(caller, walk, depth + 1).PerCallEvidence;
            case CreationFrequency.PerInstance:
                return InstanceEvidence(site, model, walk);
            default:
                return site.Describe();
        }
    }

    private string? DelegateRunEvidence(CreationSite site, ExpressionSyntax use, SemanticModel model, Walk walk, int depth) =>
        site.Frequency switch
        {
            CreationFrequency.OneTime => null,
            CreationFrequency.PerInstance => InstanceEvidence(site, model, walk),

            // Task.Run(service.InitializeAsync) in a method: as often as that method runs.
            CreationFrequency.PerCall when site is { InLambda: false, Via: null, Factory: not null } => RunEvidence(site, model, walk, depth),
            _ => "each time the delegate passed in '" + use.EnclosingMemberName() + "' runs",
        };

    /// <summary>A call made once per instance of a type: as often as that type's instances are made.</summary>
    private string? InstanceEvidence(CreationSite site, SemanticModel model, Walk walk) =>
        site.Owner is { } declaration && model.For(declaration.SyntaxTree).GetDeclaredSymbol(declaration, walk.CancellationToken) is { } owner
            ? OwnerEvidenceFor(owner, Constructor(site, model, walk.CancellationToken), site.Fallback, walk)
            : null;

    /// <summary>
    /// Nothing outside the compilation can call <paramref name="method"/>, and only by its own name: an ordinary method,
    /// not overridable, overriding or implementing an interface, private or internal (in a private or internal type
    /// included), or any member of a program (an executable's members are referenced by nobody else).
    /// </summary>
    private bool CalledOnlyHere(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsExtern)
        {
            return false;
        }

        foreach (var target in Targets(method))
        {
            // An override or implementation is run through every method it stands for: each must be this compilation's
            // own, callable from nowhere else (a framework's base class or interface is called by the framework).
            if (!IsFromThisCompilation(target.ContainingType) || !OnlyThisCompilationSees(target, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private bool OnlyThisCompilationSees(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.IsHiddenFromOtherAssemblies() || _compilation.IsProgram() || DeclaresTheApplication(cancellationToken);

    /// <summary>
    /// The compilation holds a desktop application's own start-up type (Avalonia's <c>App.OnFrameworkInitializationCompleted</c>,
    /// WPF's <c>OnStartup</c> or <c>Startup</c> handler; <see cref="CreationSite.StartsTheApplication"/>): it is that application's
    /// code even when built as a library, as Avalonia and MAUI templates build the shared project their per-platform heads
    /// start (<c>BuildAvaloniaApp().StartWithClassicDesktopLifetime(args)</c>), so its members are called by no one else,
    /// as a program's are. So does a game mod loader's plugin (a <c>MelonMod</c>, a BepInEx <c>BaseUnityPlugin</c>,
    /// <see cref="ModLoaderHooks.IsPlugin"/>): the loader loads the assembly to run it, and nothing else calls into it. Read
    /// once per compilation, from the files that spell one of those names.
    /// </summary>
    private bool DeclaresTheApplication(CancellationToken cancellationToken)
    {
        if (_declaresTheApplication is { } known)
        {
            return known;
        }

        known = false;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var index = SyntaxTreeIndex.For(tree, cancellationToken);
            var startsAnApplication = index.MayMention("OnFrameworkInitializationCompleted") || index.MayMention("OnStartup") || index.MayMention("StartupEventArgs");
            var mayDeclareAPlugin = index.MayMention("MelonMod") || index.MayMention("MelonPlugin") || index.MayMention("BaseUnityPlugin");
            if (!startsAnApplication && !mayDeclareAPlugin)
            {
                continue;
            }

            var model = _compilation.ModelFor(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax))
            {
                if (startsAnApplication && node is MethodDeclarationSyntax method && CreationSite.StartsTheApplication(method, model, cancellationToken) ||
                    mayDeclareAPlugin && node is ClassDeclarationSyntax declaration && ModLoaderHooks.IsPlugin(declaration, model, cancellationToken))
                {
                    known = true;
                    break;
                }
            }

            if (known)
            {
                break;
            }
        }

        _declaresTheApplication = known;
        return known;
    }

    private static bool RefersToAny(SymbolInfo info, HashSet<IMethodSymbol> targets)
    {
        foreach (var target in targets)
        {
            if (FactoryCallers.Refers(info, target))
            {
                return true;
            }
        }

        return false;
    }
}
