using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A creation returned by a method runs as often as the method is called. A private factory can
/// only be called from its own type, so its callers are all visible: it is per call when any caller
/// is, and one-time when every caller is (<c>static readonly HttpClient s_client = Create();</c>).
/// Internal and public factories may have callers in other files: <see cref="OwnerEvidence"/> finds
/// every call and method-group argument of them when a rule asks.
/// </summary>
internal static class FactoryCallers
{
    private const int MaxDepth = 4;

    /// <summary>
    /// <paramref name="site"/> resolved through the private methods that make or return it. With <paramref name="creation"/>
    /// (the creation the site was classified from), a creation that stays in its method (<see cref="StaysInMethod"/>) is
    /// as frequent as that method's calls run; without it, as where they keep its result.
    /// </summary>
    public static CreationSite Resolve(CreationSite site, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, ExpressionSyntax? creation = null) =>
        Resolve(site, model, types, cancellationToken, depth: 0,
                byRun: creation is not null && site is { Frequency: CreationFrequency.PerCall, Factory: { } body } && IsPrivate(body) &&
                       StaysInMethod(creation, model, cancellationToken));

    private static CreationSite Resolve(CreationSite site, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, int depth, bool byRun = false)
    {
        if (site is { Frequency: CreationFrequency.PerCall, Factory: { } body, Via: null } && IsPrivate(body) && depth < MaxDepth &&
            CallersRunOnce(body, model, types, cancellationToken, depth, byRun) is { } once)
        {
            // A private method made a client in its own body and is only run from code that runs once (a static
            // constructor, a static Lazy's factory, an entry point), or once per instance (a constructor): so is the creation.
            return once;
        }

        if (site.Frequency != CreationFrequency.Returned || site.Factory is not { } factory)
        {
            return site;
        }

        var asPerCall = new CreationSite(CreationFrequency.PerCall, factory.Identifier.ValueText);
        if (!IsPrivate(factory))
        {
            // Returned by an internal or public factory (directly, or through private ones): its callers across
            // the compilation decide (OwnerEvidence), so the site is handed back as it is.
            return site;
        }

        if (depth >= MaxDepth || model.GetDeclaredSymbol(factory, cancellationToken) is not { } method)
        {
            return asPerCall;
        }

        CreationSite? perInstance = null;
        CreationSite? returnedByVisible = null;
        CreationSite? invoked = null;
        var called = false;
        foreach (var caller in Callers(method, model, types, cancellationToken, depth, resolveDelegates: false, fallback: site.Fallback))
        {
            called = true;
            switch (caller.Frequency)
            {
                case CreationFrequency.PerCall:
                case CreationFrequency.InLoop:
                    return caller.Through(method.Name);
                case CreationFrequency.PerInstance:
                    perInstance = perInstance is { } earlier ? earlier.JoinedWith(caller) : caller;
                    break;
                case CreationFrequency.Returned:
                    returnedByVisible ??= caller;
                    break;
                case CreationFrequency.Invoked:
                    invoked ??= caller;
                    break;
            }
        }

        // Called only from constructors and instance initializers: as often as instances are made. Returned
        // by a visible factory: as often as that factory's callers run. Called from a delegate kept in a member:
        // as often as the member is invoked. Never called: a value returned as it is was only made for callers
        // (none); one returned inside something the method builds keeps the verdict of the method's body (unless it is
        // only a fallback no call reaches).
        return perInstance ?? returnedByVisible ?? invoked ?? (site.ReturnedInside && !called && site.Fallback is null ? asPerCall : new CreationSite(CreationFrequency.OneTime, string.Empty));
    }

    /// <summary>
    /// How often <paramref name="declaration"/> (private) runs when that is decided by its callers: it is referenced at
    /// least once, and every reference (a call, or a method group handed on) runs once (then one-time), or runs once or
    /// once per instance of one owner type (a constructor, an instance initializer: then per instance of that owner,
    /// whose own lifetime decides). Null for anything else. Its callers are all in its own type (every part of it).
    /// </summary>
    private static CreationSite? CallersRunOnce(MethodDeclarationSyntax declaration, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, int depth, bool byRun)
    {
        if (declaration.SyntaxTree != model.SyntaxTree || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method ||
            CommandMethods.RunsPerExecution(method))
        {
            // [RelayCommand] private async Task SyncAsync(): its generated command runs it per execution.
            return null;
        }

        var called = false;
        CreationSite? perInstance = null;
        // A creation that stays in the method runs as often as the calls' code does; one that may leave it (through an out or
        // ref parameter, a collection, an argument) lives where the calls keep what they get, as a returned value does.
        byRun &= !method.Parameters.Any(parameter => parameter.RefKind is RefKind.Out or RefKind.Ref);
        foreach (var caller in Callers(method, model, types, cancellationToken, depth, resolveDelegates: true, keepsNothing: true, byRun: byRun))
        {
            switch (caller.Frequency)
            {
                case CreationFrequency.OneTime:
                    break;
                case CreationFrequency.PerInstance when caller.Owner is { } owner && (perInstance is null || perInstance.Value.Owner == owner):
                    perInstance = perInstance is { } earlier ? earlier.JoinedWith(caller) : caller;
                    break;
                default:
                    return null;
            }

            called = true;
        }

        return !called ? null : perInstance ?? new CreationSite(CreationFrequency.OneTime, string.Empty);
    }

    /// <summary>
    /// The internal or public factory a resolved site is returned by (<c>public static HttpClient Create() =&gt;
    /// CreateCore();</c> over a private <c>CreateCore</c>), whose callers anywhere in the compilation decide; null
    /// for any other site.
    /// </summary>
    public static IMethodSymbol? VisibleFactory(CreationSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        if (site is not { Frequency: CreationFrequency.Returned, Factory: { } declaration } || IsPrivate(declaration))
        {
            return null;
        }

        var declarationModel = model.For(declaration.SyntaxTree);
        return declarationModel.GetDeclaredSymbol(declaration, cancellationToken);
    }

    /// <summary>The method a method group (<c>Create</c>, <c>Factories.Create</c>) refers to, or null when it is not one.</summary>
    public static IMethodSymbol? ReferencedMethod(ExpressionSyntax methodGroup, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(methodGroup, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return method.OriginalDefinition;
        }

        // An overloaded group bound without a target type: one candidate is enough to decide by.
        return info.CandidateSymbols.Length == 1 && info.CandidateSymbols[0] is IMethodSymbol candidate ? candidate.OriginalDefinition : null;
    }

    /// <summary>
    /// How often each reference to <paramref name="method"/> in its own type runs (every part of a partial type, each read
    /// with its own file's semantic model): a call, classified and resolved through private factories, or a method group
    /// handed on, classified as the delegate it becomes (and resolved too with <paramref name="resolveDelegates"/>; with
    /// <paramref name="keepsNothing"/>, as a method that returns none of its creations). With <paramref name="fallback"/>,
    /// only the calls that may pass null for that parameter (<see cref="ParameterFallbacks"/>). With <paramref name="byRun"/>,
    /// a call is classified by how often its code runs, not by where its result goes (<see cref="CreationSite.ClassifyRun"/>):
    /// the creation stays inside the method, so <c>Value = Download(url)</c> in a per-call <c>Refresh</c> runs it per call.
    /// </summary>
    private static IEnumerable<CreationSite> Callers(IMethodSymbol method, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, int depth, bool resolveDelegates, bool keepsNothing = false, IParameterSymbol? fallback = null, bool byRun = false)
    {
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            var partModel = model.For(reference.SyntaxTree);
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name || !RefersTo(name, method, partModel, cancellationToken))
                {
                    continue;
                }

                ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ? memberAccess : name;
                if (use.Parent is InvocationExpressionSyntax invocation && invocation.Expression == use)
                {
                    if (fallback is not null && !ParameterFallbacks.MayPassNull(invocation, fallback, partModel, cancellationToken))
                    {
                        // CreateClient(handler) with a handler in hand never reaches the handler == null branch.
                        continue;
                    }

                    var call = byRun
                        ? CreationSite.ClassifyRun(invocation, partModel, types, cancellationToken).RunOfFactory()
                        : CreationSite.Classify(invocation, partModel, types, cancellationToken);

                    // 'using var client = CreateClient();' in a private method: the client stays there, so that method's callers
                    // decide by how often they run it, not by where they keep what it returns (a version string it read).
                    var callByRun = byRun || call is { Frequency: CreationFrequency.PerCall, Factory: { } body } && IsPrivate(body) &&
                                    StaysInMethod(invocation, partModel, cancellationToken);
                    yield return Resolve(call, partModel, types, cancellationToken, depth + 1, callByRun);
                    continue;
                }

                var handedOn = CreationSite.ClassifyDelegate(use, method.Name, partModel, types, cancellationToken, keepsNothing);
                yield return resolveDelegates ? Resolve(handedOn, partModel, types, cancellationToken, depth + 1) : handedOn;
            }
        }
    }

    /// <summary>
    /// <paramref name="creation"/> never leaves the member that makes it: it is only the receiver of member accesses,
    /// directly (<c>new HttpClient().GetStringAsync(url)</c>) or through the local it initializes (<c>using var client = new
    /// HttpClient(); ... client.GetAsync(...)</c>, <c>client.Timeout = ...</c>, <c>client?.Dispose()</c>, <c>using (client)</c>).
    /// An argument, a return, a store, a collection element or a capture may hand it on: not this.
    /// </summary>
    private static bool StaysInMethod(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var parent = creation.ParentSkippingParenthesesAndCasts();
        if (parent is MemberAccessExpressionSyntax receiverOf && receiverOf.Expression.Unwrap() == creation)
        {
            return true;
        }

        if (parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local ||
            declarator.EnclosingFunction() is not { } function)
        {
            return false;
        }

        foreach (var name in model.References(local, function, cancellationToken))
        {
            if (name.EnclosingFunction() != function)
            {
                // Captured by a lambda or local function, which may run later or elsewhere.
                return false;
            }

            switch (name.ParentSkippingParenthesesAndCasts())
            {
                case MemberAccessExpressionSyntax access when access.Expression.Unwrap() == name:
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression.Unwrap() == name:
                case UsingStatementSyntax:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool RefersTo(SimpleNameSyntax name, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken) =>
        Refers(model.GetSymbolInfo(name, cancellationToken), method);

    /// <summary>
    /// The bound symbol, or one of the candidates where binding failed, is <paramref name="method"/> (an extension method's
    /// reduced form included).
    /// </summary>
    public static bool Refers(SymbolInfo info, IMethodSymbol method)
    {
        if (Matches(info.Symbol))
        {
            return true;
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (Matches(candidate))
            {
                return true;
            }
        }

        return false;

        bool Matches(ISymbol? symbol) =>
            symbol is IMethodSymbol found && SymbolEqualityComparer.Default.Equals((found.ReducedFrom ?? found).OriginalDefinition, method.OriginalDefinition);
    }

    private static bool IsPrivate(MethodDeclarationSyntax method)
    {
        if (method.ExplicitInterfaceSpecifier is not null || method.Parent is InterfaceDeclarationSyntax)
        {
            return false;
        }

        foreach (var modifier in method.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) ||
                modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.IsKind(SyntaxKind.OverrideKeyword) ||
                modifier.IsKind(SyntaxKind.VirtualKeyword) || modifier.IsKind(SyntaxKind.AbstractKeyword) ||
                modifier.IsKind(SyntaxKind.PartialKeyword) || modifier.IsKind(SyntaxKind.ExternKeyword))
            {
                return false;
            }
        }

        return true;
    }
}
