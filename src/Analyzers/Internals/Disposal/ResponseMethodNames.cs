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
/// anything is bound: HttpClient's own methods, every method declared in source whose return type
/// mentions HttpResponseMessage, and every field, property or parameter of a <c>Func</c> type that returns
/// one (<c>_fetch(request)</c>), found once per compilation, in the files that spell it. A name
/// filter, not a verdict: whatever passes is bound and decided by its type.
/// </summary>
internal sealed class ResponseMethodNames
{
    /// <summary>
    /// The HttpClient / HttpMessageInvoker methods that hand out a response, and the JSON / XML extension methods
    /// of System.Net.Http.Json and Microsoft.AspNet.WebApi.Client that do (<c>PostAsJsonAsync</c>, ...).
    /// </summary>
    private static readonly string[] s_wellKnown =
    {
        "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "PostAsXmlAsync", "PutAsXmlAsync",
    };

    /// <summary>The extension methods among <see cref="s_wellKnown"/>: they come from a package, which folder mode may lack.</summary>
    private static readonly string[] s_contentExtensions =
    {
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "PostAsXmlAsync", "PutAsXmlAsync",
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

    /// <summary>An HttpClient / HttpMessageInvoker method (or JSON / XML extension) that hands out a response.</summary>
    public static bool IsWellKnown(string methodName) => Array.IndexOf(s_wellKnown, methodName) >= 0;

    /// <summary>A JSON / XML extension of HttpClient (System.Net.Http.Json, Microsoft.AspNet.WebApi.Client) that hands out a response.</summary>
    public static bool IsContentExtension(string methodName) => Array.IndexOf(s_contentExtensions, methodName) >= 0;

    /// <summary>
    /// True when only HttpClient / HttpMessageInvoker declare a response-returning method of this
    /// name here (<c>GetAsync</c>, <c>SendAsync</c>, ...): no method declared in source returns a
    /// response under it, so a call on any other receiver type is not one.
    /// </summary>
    public bool IsOnlyWellKnown(string methodName) =>
        IsWellKnown(methodName) && !_declaredInSource.Value.Contains(methodName);

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
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    if (MentionsResponse(method.ReturnType))
                    {
                        names.Add(method.Identifier.ValueText);
                    }

                    AddResponseFuncs(method.ParameterList, names);
                    break;

                case ConstructorDeclarationSyntax constructor:
                    AddResponseFuncs(constructor.ParameterList, names);
                    break;

                case FieldDeclarationSyntax field when IsResponseFunc(field.Declaration.Type):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        names.Add(variable.Identifier.ValueText);
                    }

                    break;

                case PropertyDeclarationSyntax property when IsResponseFunc(property.Type):
                    names.Add(property.Identifier.ValueText);
                    break;
            }
        }

        return names.ToImmutable();
    }

    /// <summary>Parameters a member can invoke for a response: <c>Func&lt;HttpRequestMessage, Task&lt;HttpResponseMessage&gt;&gt; fetch</c>.</summary>
    private static void AddResponseFuncs(ParameterListSyntax parameters, ImmutableHashSet<string>.Builder names)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Type is { } type && IsResponseFunc(type))
            {
                names.Add(parameter.Identifier.ValueText);
            }
        }
    }

    /// <summary><c>Func&lt;..., Task&lt;HttpResponseMessage&gt;&gt;</c> (nullable or qualified too): invoking it hands out a response.</summary>
    private static bool IsResponseFunc(TypeSyntax type)
    {
        if (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        if (type is QualifiedNameSyntax qualified)
        {
            type = qualified.Right;
        }

        return type is GenericNameSyntax { Identifier.ValueText: "Func", TypeArgumentList.Arguments: { Count: > 0 } arguments } &&
               MentionsResponse(arguments[arguments.Count - 1]);
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
