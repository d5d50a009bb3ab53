using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Which invocations may hand out an <c>HttpResponseMessage</c>, decided from their name before
/// anything is bound: HttpClient's own methods, and every method declared in source whose return type
/// mentions HttpResponseMessage (found once per compilation, in the files that spell it). A name
/// filter, not a verdict: whatever passes is bound and decided by its type.
/// </summary>
internal sealed class ResponseMethodNames
{
    /// <summary>The HttpClient / HttpMessageInvoker methods that hand out a response.</summary>
    private static readonly string[] s_wellKnown =
    {
        "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
    };

    private readonly Lazy<HashSet<string>> _all;
    private readonly Lazy<HashSet<string>> _declaredInSource;

    public ResponseMethodNames(Compilation compilation)
    {
        _declaredInSource = new Lazy<HashSet<string>>(() => CollectSourceNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _all = new Lazy<HashSet<string>>(
            () => new HashSet<string>(s_wellKnown.Concat(_declaredInSource.Value), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool MayReturnResponse(string methodName) => _all.Value.Contains(methodName);

    /// <summary>Every name <see cref="MayReturnResponse"/> admits: what a member's calls are looked up by.</summary>
    public IEnumerable<string> All => _all.Value;

    /// <summary>
    /// True when only HttpClient / HttpMessageInvoker declare a response-returning method of this
    /// name here (<c>GetAsync</c>, <c>SendAsync</c>, ...): no method declared in source returns a
    /// response under it, so a call on any other receiver type is not one.
    /// </summary>
    public bool IsOnlyWellKnown(string methodName) =>
        Array.IndexOf(s_wellKnown, methodName) >= 0 && !_declaredInSource.Value.Contains(methodName);

    private static HashSet<string> CollectSourceNames(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Only files that spell HttpResponseMessage, and in them only type-level declarations, never
        // member bodies; each file's answer is kept with its syntax tree (SyntaxTreeIndex), so after an
        // edit only the edited file is read again. Methods from referenced assemblies with other names are
        // not found here; their lambdas still lead to them (see DisposalAnalysis).
        foreach (var tree in compilation.SyntaxTrees)
        {
            var index = SyntaxTreeIndex.For(tree, CancellationToken.None);
            if (index.MayMention("HttpResponseMessage"))
            {
                names.UnionWith(index.Fact(s_declaredInTree, static (tree, cancellationToken) => DeclaredIn(tree, cancellationToken), CancellationToken.None));
            }
        }

        return names;
    }

    private static readonly object s_declaredInTree = new();

    private static ImmutableHashSet<string> DeclaredIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!tree.Mentions("HttpResponseMessage", cancellationToken))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax method && MentionsResponse(method.ReturnType))
            {
                names.Add(method.Identifier.ValueText);
            }
        }

        return names.ToImmutable();
    }

    private static bool MentionsResponse(TypeSyntax returnType)
    {
        foreach (var token in returnType.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "HttpResponseMessage")
            {
                return true;
            }
        }

        return false;
    }
}
