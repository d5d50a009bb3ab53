using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A syntax-only index of the compilation, built once and lazily, that tells HCG001 / HCG002 which
/// names are worth binding: types that may own a client or handler per instance (and the holders that
/// create those per instance), non-private methods that may return a new client or handler
/// (factories), and using aliases to HTTP types. Supersets found from the text; binding decides.
/// </summary>
internal sealed class OwnerIndex
{
    /// <summary>How many holders deep an owner's lifetime is followed (owner held by a holder held by ...).</summary>
    public const int MaxHolderDepth = 3;

    private readonly Lazy<(HashSet<string> Owners, HashSet<string> Factories)> _scan;
    private readonly Lazy<HashSet<string>> _aliases;
    private readonly Lazy<HashSet<string>> _ownerNames;

    public OwnerIndex(Compilation compilation, CancellationToken cancellationToken)
    {
        _scan = new Lazy<(HashSet<string>, HashSet<string>)>(() => ScanDeclarations(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        _aliases = new Lazy<HashSet<string>>(() => ScanAliases(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        _ownerNames = new Lazy<HashSet<string>>(() => WithHolders(compilation, _scan.Value.Owners, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Names of types that may own a client or handler per instance, found by a syntax-only scan of
    /// the files that mention "Http", and of the types that create those per instance (holders, up to
    /// <see cref="MaxHolderDepth"/> deep, found from the text of every file). A superset: binding
    /// decides later. Computed once.
    /// </summary>
    public HashSet<string> OwnerNames => _ownerNames.Value;

    public bool MayBeOwner(string typeName) => OwnerNames.Contains(typeName);

    /// <summary>
    /// Names of methods that may return a newly created client or handler (found by the same scan):
    /// their call sites are worth binding, so that callers decide the factory.
    /// </summary>
    public bool MayBeFactory(string methodName) => _scan.Value.Factories.Contains(methodName);

    public bool HasFactories => _scan.Value.Factories.Count > 0;

    /// <summary>
    /// Using aliases (<c>using Http = System.Net.Http.HttpClient;</c>) whose target may be an HTTP
    /// type: their names pass the syntactic filter too. Read from the compilation units only.
    /// </summary>
    public bool IsHttpAlias(string name) => _aliases.Value.Contains(name);

    private static (HashSet<string> Owners, HashSet<string> Factories) ScanDeclarations(Compilation compilation, CancellationToken cancellationToken)
    {
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var factories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!tree.Mentions("Http", cancellationToken))
            {
                continue;
            }

            foreach (var creation in ObjectCreations(tree, names: null, cancellationToken))
            {
                if (!SyntaxGates.MayCreateHttpType(creation))
                {
                    continue;
                }

                if (IsPerInstancePosition(creation) && creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
                {
                    owners.Add(owner.Identifier.ValueText);
                }

                // A superset of the factories: methods where such a creation is returned, directly or
                // through a local. Only calls of these names are bound, so "Run" containing a
                // per-call client does not make every .Run() in the compilation worth binding.
                if (creation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method && MayBeReturned(creation, method))
                {
                    factories.Add(method.Identifier.ValueText);
                }
            }
        }

        return (owners, factories);
    }

    /// <summary>
    /// Types whose instances create an owner of <paramref name="owners"/> per instance (a field
    /// <c>Api _api = new()</c>, a constructor), level by level: their lifetime decides the owner's.
    /// Every file is read, from the text, and only creations of the names sought are looked up.
    /// </summary>
    private static HashSet<string> WithHolders(Compilation compilation, HashSet<string> owners, CancellationToken cancellationToken)
    {
        var all = new HashSet<string>(owners, StringComparer.Ordinal);
        var sought = owners;
        for (var depth = 0; depth < MaxHolderDepth && sought.Count > 0; depth++)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var creation in ObjectCreations(tree, sought, cancellationToken))
                {
                    if (IsPerInstancePosition(creation) && creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } holder &&
                        all.Add(holder.Identifier.ValueText))
                    {
                        found.Add(holder.Identifier.ValueText);
                    }
                }

                // A derived type's instances own what its base creates per instance (fields, lazy members).
                foreach (var derived in DerivedTypes(tree, sought, cancellationToken))
                {
                    if (all.Add(derived))
                    {
                        found.Add(derived);
                    }
                }
            }

            sought = found;
        }

        return all;
    }

    /// <summary>
    /// The object creations of a file, found from the text: each "new" that stands as a word is
    /// looked up with <see cref="SyntaxNode.FindToken"/>, which builds the syntax path to it alone,
    /// where walking every node of the file would build all of them (most of this scan's cost).
    /// Words in comments and strings find another token and are skipped. With <paramref name="names"/>,
    /// an explicit <c>new X</c> whose written name is not among them is skipped before the lookup.
    /// </summary>
    private static IEnumerable<BaseObjectCreationExpressionSyntax> ObjectCreations(SyntaxTree tree, HashSet<string>? names, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        SyntaxNode? root = null;
        for (var at = text.IndexOf("new", StringComparison.Ordinal); at >= 0; at = text.IndexOf("new", at + 3, StringComparison.Ordinal))
        {
            if (at > 0 && IsIdentifierCharacter(text[at - 1]) || at + 3 < text.Length && IsIdentifierCharacter(text[at + 3]) ||
                names is not null && WrittenNameAfter(text, at + 3) is { } written && !names.Contains(written))
            {
                continue;
            }

            root ??= tree.GetRoot(cancellationToken);
            var token = root.FindToken(at);
            if (token.SpanStart == at && token.IsKind(SyntaxKind.NewKeyword) && token.Parent is BaseObjectCreationExpressionSyntax creation &&
                (names is null || SyntaxGates.WrittenTypeName(creation) is { } name && names.Contains(name)))
            {
                yield return creation;
            }
        }

        static bool IsIdentifierCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '@';

        // The rightmost identifier of "new A.B.C<T>(" read from the text; null for "new(" and anything else.
        static string? WrittenNameAfter(string text, int from)
        {
            var at = from;
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }

            var start = at;
            var segment = at;
            while (at < text.Length && (IsIdentifierCharacter(text[at]) || text[at] is '.' or ':'))
            {
                if (text[at] is '.' or ':')
                {
                    segment = at + 1;
                }

                at++;
            }

            return at > start && segment < at ? text.Substring(segment, at - segment).TrimStart('@') : null;
        }
    }

    /// <summary>Names of the types declared in <paramref name="tree"/> whose base list names one of <paramref name="bases"/>; files that never spell them are skipped.</summary>
    private static IEnumerable<string> DerivedTypes(SyntaxTree tree, HashSet<string> bases, CancellationToken cancellationToken)
    {
        if (!tree.MentionsAny(bases, cancellationToken))
        {
            yield break;
        }

        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is TypeDeclarationSyntax { BaseList: { } baseList } type)
            {
                foreach (var baseType in baseList.Types)
                {
                    var written = baseType.Type switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };
                    if (written is not null && bases.Contains(written))
                    {
                        yield return type.Identifier.ValueText;
                        break;
                    }
                }
            }
        }
    }

    private static HashSet<string> ScanAliases(Compilation compilation, CancellationToken cancellationToken)
    {
        // Usings sit at the top of the file and of namespaces: only those lists are read.
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                AddAliases(root.Usings, root.Members, aliases);
            }
        }

        return aliases;

        static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, HashSet<string> aliases)
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

    /// <summary>The creation may leave <paramref name="method"/> as its result (returned, or kept in a local that may be).</summary>
    internal static bool MayBeReturned(SyntaxNode creation, MethodDeclarationSyntax method)
    {
        for (var node = creation.Parent; node is not null && node != method; node = node.Parent)
        {
            if (node is ReturnStatementSyntax or ArrowExpressionClauseSyntax or LocalDeclarationStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Syntactically in a constructor, an instance field or property initializer, or a method of the type (factories, caches).</summary>
    internal static bool IsPerInstancePosition(SyntaxNode creation)
    {
        for (var node = creation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ConstructorDeclarationSyntax constructor:
                    return !constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                case BaseFieldDeclarationSyntax field:
                    return !field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case PropertyDeclarationSyntax property:
                    return !property.Modifiers.Any(SyntaxKind.StaticKeyword);
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    // Private factories called from constructors and values cached in fields of this.
                    return true;
                case BaseTypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
