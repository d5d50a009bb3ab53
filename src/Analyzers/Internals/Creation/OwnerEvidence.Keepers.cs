using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question one level below a container singleton: <c>class PatreonClient { readonly HttpClient _http = new(); }</c>
/// whose every instance is kept in a field of a singleton (<c>class Handler { readonly PatreonClient _client = new(); }</c>
/// with <c>AddSingleton&lt;Handler&gt;()</c>) lives as long as that singleton. Only when every instance of the owner is
/// visible here and each is kept that way; and, without a container, an owner every instance of which a static keeps.
/// </summary>
internal sealed partial class OwnerEvidence
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _keepers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _staticallyKept = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The types whose instances keep every instance of <paramref name="owner"/>: each <c>new Owner(...)</c> of the compilation
    /// is stored into a field of the type building it (<c>LongLivedStorage.KeptByInstance</c>: an initializer, a
    /// constructor, a lazy <c>??=</c>). Empty when any instance is made otherwise, when none is made here, when the owner is
    /// registered with a container (which builds instances of its own), is handed to a generic method or <c>typeof</c> that
    /// may build it, has derived types, or may be built by other assemblies (a public constructor of a library's public type).
    /// </summary>
    public ImmutableArray<INamedTypeSymbol> Keepers(INamedTypeSymbol owner, CancellationToken cancellationToken)
    {
        var definition = owner.OriginalDefinition;
        if (!_keepers.TryGetValue(definition, out var keepers))
        {
            keepers = ReadKeepers(definition, cancellationToken);
            _keepers.TryAdd(definition, keepers);
        }

        return keepers;
    }

    private ImmutableArray<INamedTypeSymbol> ReadKeepers(INamedTypeSymbol owner, CancellationToken cancellationToken)
    {
        if (VisibleCreations(owner, cancellationToken) is not { } creations)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var keepers = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var (creation, model) in creations)
        {
            if (LongLivedStorage.KeptByInstance(creation, model, cancellationToken) is not { } keeper ||
                SymbolEqualityComparer.Default.Equals(keeper.OriginalDefinition, owner))
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            keepers.Add(keeper.OriginalDefinition);
        }

        return Sorted(keepers);
    }

    /// <summary>
    /// Every <c>new Owner(...)</c> of the compilation (and target-typed <c>new()</c> of a field, property or local declared with
    /// it), with its file's semantic model; null when instances may also be made where this reading cannot see them: the
    /// owner is registered with a container (which builds instances of its own), has derived types, is handed to a generic
    /// method or <c>typeof</c> that may build it (<c>Activator.CreateInstance&lt;Owner&gt;()</c>), is abstract or static, comes
    /// from another assembly, or may be built by other assemblies (a public constructor of a library's public type).
    /// </summary>
    private List<(BaseObjectCreationExpressionSyntax Creation, SemanticModel Model)>? VisibleCreations(INamedTypeSymbol owner, CancellationToken cancellationToken)
    {
        if (!IsFromThisCompilation(owner) || owner.IsAbstract || owner.IsStatic || MayBeBuiltElsewhere(owner))
        {
            return null;
        }

        var creations = new List<(BaseObjectCreationExpressionSyntax, SemanticModel)>();
        foreach (var (tree, name) in Mentions(owner.Name, cancellationToken))
        {
            var model = _compilation.ModelFor(tree);
            var written = WrittenType(name);
            if (ServiceRegistrations.RegistrationAround(written) is not null || written.Parent is BaseTypeSyntax || MayBeActivatedThrough(written))
            {
                return null;
            }

            foreach (var creation in CreationsOf(written))
            {
                if (SymbolEqualityComparer.Default.Equals(SyntaxGates.CreatedType(creation, model, cancellationToken)?.OriginalDefinition, owner))
                {
                    creations.Add((creation, model));
                }
            }
        }

        return creations;
    }

    /// <summary>
    /// True when every instance of <paramref name="owner"/> is kept for the life of the process by static storage: each
    /// <c>new Owner(...)</c> of the compilation is stored into a static field or property, or a static <c>Lazy</c>
    /// (<c>LongLivedStorage.KeepsForProcess</c>: <c>private static readonly Owner s_instance = new();</c>, the locked
    /// <c>if (instance == null) instance = new Owner();</c> of a singleton's <c>Instance</c> getter), and at least one is made
    /// here. False when any instance is made otherwise, when the owner is registered with a container, has derived types, or
    /// may be built by other assemblies. Whether the static is refilled per call is the per-call evidence's question.
    /// </summary>
    public bool IsKeptByStatics(INamedTypeSymbol owner, CancellationToken cancellationToken)
    {
        var definition = owner.OriginalDefinition;
        if (!_staticallyKept.TryGetValue(definition, out var kept))
        {
            kept = ReadKeptByStatics(definition, cancellationToken);
            _staticallyKept.TryAdd(definition, kept);
        }

        return kept;
    }

    private bool ReadKeptByStatics(INamedTypeSymbol owner, CancellationToken cancellationToken) =>
        VisibleCreations(owner, cancellationToken) is { Count: > 0 } creations &&
        creations.All(c => LongLivedStorage.KeepsForProcess(c.Creation, c.Model, _types, cancellationToken));

    /// <summary>
    /// The type handed to code that may build instances of it without a <c>new</c> here: a generic method's type argument
    /// (<c>Worker.CreateBackgroundServiceAsync&lt;Owner&gt;()</c>, <c>Activator.CreateInstance&lt;Owner&gt;()</c>) or <c>typeof(Owner)</c>.
    /// </summary>
    private static bool MayBeActivatedThrough(TypeSyntax written) =>
        written.Parent is TypeOfExpressionSyntax ||
        written.Parent is TypeArgumentListSyntax { Parent: GenericNameSyntax generic } &&
        (generic.Parent is InvocationExpressionSyntax || generic.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access && access.Name == generic);

    /// <summary>A public type of a library with a constructor other assemblies can call: its users make instances too.</summary>
    private bool MayBeBuiltElsewhere(INamedTypeSymbol owner)
    {
        if (_compilation.IsProgram())
        {
            return false;
        }

        for (ISymbol? symbol = owner; symbol is INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        foreach (var constructor in owner.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)
            {
                return true;
            }
        }

        return false;
    }
}
