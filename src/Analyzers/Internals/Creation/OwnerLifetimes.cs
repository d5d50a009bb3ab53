using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// What one compilation says about how long the owners of per-instance clients live, collected while
/// the rules run: who creates an owner per call, who holds it, which factories are called from where.
/// Read at the end of the compilation to decide the per-instance and factory candidates. One instance
/// per compilation; safe from concurrent callbacks.
/// </summary>
internal sealed class OwnerLifetimes
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ConcurrentDictionary<INamedTypeSymbol, byte>> _holders = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, string> _perCallEvidence = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, byte> _calledFactories = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, string> _factoryPerCallEvidence = new(SymbolEqualityComparer.Default);

    public OwnerLifetimes(Compilation compilation) => _compilation = compilation;

    /// <summary>Records a call of a non-private factory, with the evidence when the caller is per call.</summary>
    public void AddFactoryCall(IMethodSymbol factory, string? perCallEvidence)
    {
        _calledFactories.TryAdd(factory.OriginalDefinition, 0);
        if (perCallEvidence is not null)
        {
            _factoryPerCallEvidence.TryAdd(factory.OriginalDefinition, perCallEvidence);
        }
    }

    public bool IsCalled(IMethodSymbol factory) => _calledFactories.ContainsKey(factory.OriginalDefinition);

    public string? FactoryPerCallEvidence(IMethodSymbol factory) =>
        _factoryPerCallEvidence.TryGetValue(factory.OriginalDefinition, out var evidence) ? evidence : null;

    /// <summary>Records that <paramref name="owner"/> is created per call, with the evidence for the message.</summary>
    public void AddPerCallEvidence(INamedTypeSymbol owner, string evidence) =>
        _perCallEvidence.TryAdd(owner.OriginalDefinition, evidence);

    /// <summary>Records that each instance of <paramref name="holder"/> creates its own <paramref name="owner"/> (constructor, field initializer).</summary>
    public void AddHolder(INamedTypeSymbol owner, INamedTypeSymbol holder) =>
        _holders.GetOrAdd(owner.OriginalDefinition, static _ => new ConcurrentDictionary<INamedTypeSymbol, byte>(SymbolEqualityComparer.Default))
            .TryAdd(holder.OriginalDefinition, 0);

    /// <summary>
    /// The reason why instances of <paramref name="owner"/> are per call, or null: its own recorded
    /// evidence, or a holder's (a framework type created per request, or a holder created per call),
    /// followed up to <see cref="OwnerIndex.MaxHolderDepth"/> holders deep. Read at the end of the compilation.
    /// </summary>
    public string? PerCallEvidence(INamedTypeSymbol owner, Func<INamedTypeSymbol, string?> perRequestKind)
    {
        var visited = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { owner.OriginalDefinition };
        return Evidence(owner.OriginalDefinition, depth: 0);

        string? Evidence(INamedTypeSymbol current, int depth)
        {
            if (_perCallEvidence.TryGetValue(current, out var evidence))
            {
                return evidence;
            }

            if (depth >= OwnerIndex.MaxHolderDepth)
            {
                return null;
            }

            // What a base type creates per instance, each instance of a derived type creates too.
            foreach (var derived in DerivedFrom(current))
            {
                if (visited.Add(derived) && Evidence(derived, depth + 1) is { } derivedEvidence)
                {
                    return $"a base of '{derived.Name}', which is {derivedEvidence}";
                }
            }

            if (!_holders.TryGetValue(current, out var holders))
            {
                return null;
            }

            // Sorted, so that the message names the same holder in every build.
            foreach (var holder in holders.Keys.OrderBy(h => h.ToDisplayString(), StringComparer.Ordinal))
            {
                if (!visited.Add(holder))
                {
                    continue;
                }

                if (perRequestKind(holder) is { } kind)
                {
                    return $"created per instance of '{holder.Name}' ({kind})";
                }

                if (Evidence(holder, depth + 1) is { } holderEvidence)
                {
                    return $"created per instance of '{holder.Name}', which is {holderEvidence}";
                }
            }

            return null;
        }
    }

    /// <summary>The recorded types (created per call, or held) that derive from <paramref name="type"/>, in a stable order.</summary>
    private IEnumerable<INamedTypeSymbol> DerivedFrom(INamedTypeSymbol type) =>
        _perCallEvidence.Keys.Concat(_holders.Keys)
            .Where(candidate => !SymbolEqualityComparer.Default.Equals(candidate, type) && candidate.BaseType.InheritsFromOrEquals(type))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
            .OrderBy(candidate => candidate.ToDisplayString(), StringComparer.Ordinal);

    public bool IsFromThisCompilation(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly);
}
