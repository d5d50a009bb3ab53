using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// What one file's text says, kept per syntax tree: the words it spells (a Bloom filter built in one
/// pass over the text), where a name is written as an identifier (looked up on demand, cached per name),
/// and its using aliases to HTTP types. Nothing here depends on other files or on binding, so an index
/// lives as long as its tree: while a user types, every unchanged file keeps its index from one
/// compilation to the next and only the edited file is read again. Answers are supersets where a gate
/// is asked (<see cref="MayMention(string)"/>) and exact where tokens are returned (<see cref="Identifiers"/>).
/// </summary>
internal sealed class SyntaxTreeIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, SyntaxTreeIndex> s_indexes = new();
    private static readonly ConditionalWeakTable<Compilation, CompilationNames> s_simpleNames = new();

    private readonly SyntaxTree _tree;
    private readonly ulong[] _words;
    private readonly int _mask;
    private readonly ConcurrentDictionary<string, ImmutableArray<SyntaxToken>> _identifiers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<object, object> _facts = new();
    private ImmutableHashSet<string>? _httpAliases;

    private SyntaxTreeIndex(SyntaxTree tree, string text)
    {
        _tree = tree;

        // About ten bits per distinct word (a file spells one distinct word per 40 characters or so):
        // two probes give a few percent of false "mentions", which the exact lookup then drops.
        var bits = 1024;
        while (bits < text.Length / 4 && bits < 1 << 22)
        {
            bits <<= 1;
        }

        _words = new ulong[bits / 64];
        _mask = bits - 1;
        for (var at = 0; at < text.Length;)
        {
            if (!IsWordStart(text[at]))
            {
                at++;
                continue;
            }

            var hash = 2166136261u;
            for (; at < text.Length && IsWordPart(text[at]); at++)
            {
                hash = (hash ^ text[at]) * 16777619u;
            }

            Add(hash);
        }
    }

    /// <summary>The index of <paramref name="tree"/>, built on first use and kept as long as the tree lives.</summary>
    public static SyntaxTreeIndex For(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_indexes.TryGetValue(tree, out var index))
        {
            return index;
        }

        var text = tree.GetText(cancellationToken).ToString();
        return s_indexes.GetValue(tree, t => new SyntaxTreeIndex(t, text));
    }

    /// <summary>False when the file never spells <paramref name="name"/> as a word; true may be wrong (a superset).</summary>
    public bool MayMention(string name) => name.Length > 0 && MayMention(WordHash(name));

    /// <summary><see cref="MayMention(string)"/> for a word hashed once by <see cref="WordHash"/> and asked of many files.</summary>
    public bool MayMention(uint wordHash)
    {
        var (first, second) = Probes(wordHash);
        return (_words[first >> 6] & (1UL << (first & 63))) != 0 && (_words[second >> 6] & (1UL << (second & 63))) != 0;
    }

    /// <summary>The hash a word is kept under in every file's index.</summary>
    public static uint WordHash(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// Every simple name (<c>x</c>, <c>X&lt;T&gt;</c>) spelled <paramref name="name"/> in the files of <paramref name="compilation"/>,
    /// file by file in text order, found through each file's index: the references to a member by name, before anything
    /// is bound (the caller binds what it keeps). Read once per name and compilation: members of many types share a name
    /// (<c>_client</c>, <c>Create</c>), and each asks.
    /// </summary>
    public static ImmutableArray<SimpleNameSyntax> SimpleNames(Compilation compilation, string name, CancellationToken cancellationToken)
    {
        var names = s_simpleNames.GetValue(compilation, static _ => new CompilationNames());
        if (names.ByName.TryGetValue(name, out var found))
        {
            return found;
        }

        var indexes = names.Indexes;
        if (indexes.IsDefault)
        {
            var builder = ImmutableArray.CreateBuilder<SyntaxTreeIndex>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                builder.Add(For(tree, cancellationToken));
            }

            indexes = builder.ToImmutable();
            names.Indexes = indexes;
        }

        var hash = WordHash(name);
        var simpleNames = ImmutableArray.CreateBuilder<SimpleNameSyntax>();
        foreach (var index in indexes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (name.Length == 0 || !index.MayMention(hash))
            {
                continue;
            }

            foreach (var identifier in index.Identifiers(name, cancellationToken))
            {
                if (identifier.Parent is SimpleNameSyntax simpleName)
                {
                    simpleNames.Add(simpleName);
                }
            }
        }

        return names.ByName.GetOrAdd(name, simpleNames.ToImmutable());
    }

    /// <summary>
    /// The simple names spelled like <paramref name="member"/> where code may refer to it: inside the declarations of the
    /// type that makes it private (a private member's own type, or the type holding a private nested type it belongs to),
    /// else in every file (<see cref="SimpleNames(Compilation, string, CancellationToken)"/>).
    /// </summary>
    public static IEnumerable<SimpleNameSyntax> SimpleNamesWhereVisible(Compilation compilation, ISymbol member, CancellationToken cancellationToken)
    {
        var names = SimpleNames(compilation, member.Name, cancellationToken);
        if (PrivateTo(member) is not { } scope)
        {
            return names;
        }

        var declarations = scope.DeclaringSyntaxReferences;
        return names.Where(name => declarations.Any(declaration => declaration.SyntaxTree == name.SyntaxTree && declaration.Span.Contains(name.Span)));
    }

    /// <summary>The type whose text is all that can name <paramref name="symbol"/>: the innermost private one's container.</summary>
    private static INamedTypeSymbol? PrivateTo(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility == Accessibility.Private && current.ContainingType is { } container)
            {
                return container;
            }
        }

        return null;
    }

    /// <summary>
    /// Every identifier token of the file whose value is <paramref name="name"/>, in text order: words in
    /// comments and strings are dropped. Found from the text, each by <see cref="SyntaxNode.FindToken"/>, so
    /// only the syntax path to each is built. Computed once per name.
    /// </summary>
    public ImmutableArray<SyntaxToken> Identifiers(string name, CancellationToken cancellationToken)
    {
        if (!MayMention(name))
        {
            return ImmutableArray<SyntaxToken>.Empty;
        }

        if (_identifiers.TryGetValue(name, out var found))
        {
            return found;
        }

        var text = _tree.GetText(cancellationToken).ToString();
        SyntaxNode? root = null;
        var tokens = ImmutableArray.CreateBuilder<SyntaxToken>();
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
        {
            if (at > 0 && IsWordPart(text[at - 1]) || at + name.Length < text.Length && IsWordPart(text[at + name.Length]))
            {
                continue;
            }

            root ??= _tree.GetRoot(cancellationToken);
            var token = root.FindToken(at);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at) && token.ValueText == name)
            {
                tokens.Add(token);
            }
        }

        found = tokens.ToImmutable();
        _identifiers.TryAdd(name, found);
        return found;
    }

    /// <summary>
    /// Using aliases of this file (<c>using Http = System.Net.Http.HttpClient;</c>, global ones included)
    /// whose target may be an HTTP type. Read from the using lists only, once.
    /// </summary>
    public ImmutableHashSet<string> HttpAliases(CancellationToken cancellationToken)
    {
        if (_httpAliases is { } aliases)
        {
            return aliases;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (MayMention("using") && _tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
        {
            AddAliases(root.Usings, root.Members, builder);
        }

        aliases = builder.ToImmutable();
        Interlocked.CompareExchange(ref _httpAliases, aliases, null);
        return aliases;

        static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, ImmutableHashSet<string>.Builder aliases)
        {
            foreach (var directive in usings)
            {
                if (directive is { Alias: { } alias, Name: { } target } &&
                    SyntaxGates.MayNameHttpType(target is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : target.ToString()))
                {
                    aliases.Add(alias.Name.Identifier.ValueText);
                }
            }

            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    AddAliases(ns.Usings, ns.Members, aliases);
                }
            }
        }
    }

    /// <summary>
    /// A fact a rule reads from this file alone (<paramref name="key"/> names it; one static object per
    /// kind of fact), read once per tree and reused by every later compilation that keeps the tree.
    /// </summary>
    public T Fact<T>(object key, Func<SyntaxTree, CancellationToken, T> read, CancellationToken cancellationToken)
        where T : class
    {
        if (_facts.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var fact = read(_tree, cancellationToken);
        return (T)_facts.GetOrAdd(key, fact);
    }

    private void Add(uint hash)
    {
        var (first, second) = Probes(hash);
        _words[first >> 6] |= 1UL << (first & 63);
        _words[second >> 6] |= 1UL << (second & 63);
    }

    private (int First, int Second) Probes(uint hash) =>
        ((int)(hash & (uint)_mask), (int)(((hash >> 16) | (hash << 16)) * 0x9E3779B1u & (uint)_mask));

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>One compilation's files, in order, and the simple names already looked up in them.</summary>
    private sealed class CompilationNames
    {
        public readonly ConcurrentDictionary<string, ImmutableArray<SimpleNameSyntax>> ByName = new(StringComparer.Ordinal);

        // Written once by whichever thread gets there first; every writer computes the same list.
        public ImmutableArray<SyntaxTreeIndex> Indexes;
    }
}
