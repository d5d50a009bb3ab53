using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// What the lifetime rules (HCG003-HCG006) need beyond <see cref="HttpTypes"/>, resolved once per
/// compilation, and the cheap name filter that decides which invocations are worth binding.
/// </summary>
internal sealed class LifetimeTypes
{
    /// <summary>The HttpClient / HttpMessageInvoker methods that hand out a response.</summary>
    private static readonly string[] s_wellKnownResponseMethods =
    {
        "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
    };

    private static readonly HashSet<string> s_streamMethods = new(StringComparer.Ordinal)
    {
        "ReadAsStreamAsync", "ReadAsStream", "GetStreamAsync",
    };

    private readonly Compilation _compilation;
    private readonly Lazy<HashSet<string>> _responseMethodNames;
    private readonly Lazy<HashSet<string>> _sourceResponseMethodNames;

    private LifetimeTypes(Compilation compilation, HttpTypes http, INamedTypeSymbol response)
    {
        _compilation = compilation;
        Http = http;
        HttpResponseMessage = response;
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
        AsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        OwnedStreamExtensions = compilation.GetTypeByMetadataName("HttpClientGuard.HttpResponseMessageExtensions");
        _sourceResponseMethodNames = new Lazy<HashSet<string>>(CollectSourceResponseMethodNames, LazyThreadSafetyMode.ExecutionAndPublication);
        _responseMethodNames = new Lazy<HashSet<string>>(
            () => new HashSet<string>(s_wellKnownResponseMethods.Concat(_sourceResponseMethodNames.Value), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public HttpTypes Http { get; }

    public INamedTypeSymbol HttpResponseMessage { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol Disposable { get; }

    public INamedTypeSymbol? AsyncDisposable { get; }

    /// <summary>This package's runtime helpers (<c>ReadAsOwnedStreamAsync</c>), when the compilation references them.</summary>
    public INamedTypeSymbol? OwnedStreamExtensions { get; }

    /// <summary>Null when the compilation cannot produce an HttpResponseMessage: the rules then register nothing.</summary>
    public static LifetimeTypes? TryCreate(Compilation compilation)
    {
        if (HttpTypes.TryCreate(compilation) is not { } http || http.HttpResponseMessage is not { } response)
        {
            return null;
        }

        return new LifetimeTypes(compilation, http, response);
    }

    /// <summary>
    /// A name filter, not a verdict: HttpClient's own methods plus every method declared in source
    /// whose return type mentions HttpResponseMessage. Whatever passes is bound and decided by type.
    /// </summary>
    public bool MayReturnResponse(string methodName) => _responseMethodNames.Value.Contains(methodName);

    public static bool MayReturnContentStream(string methodName) => s_streamMethods.Contains(methodName);

    /// <summary>
    /// True when only HttpClient / HttpMessageInvoker declare a response-returning method of this
    /// name here (<c>GetAsync</c>, <c>SendAsync</c>, ...): no method declared in source returns a
    /// response under it, so a call on any other receiver type is not one.
    /// </summary>
    public bool IsOnlyWellKnownResponseName(string methodName) =>
        Array.IndexOf(s_wellKnownResponseMethods, methodName) >= 0 && !_sourceResponseMethodNames.Value.Contains(methodName);

    public bool IsMessageInvoker(ITypeSymbol? type) => type.InheritsFromOrEquals(Http.HttpMessageInvoker);

    /// <summary>The simple name an invocation calls, read from syntax alone; null for delegates and other shapes.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => null,
    };

    public bool IsResponse(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpResponseMessage);

    public bool IsStream(ITypeSymbol? type) => type.InheritsFromOrEquals(Stream);

    /// <summary>HttpResponseMessage, or Task / ValueTask of it.</summary>
    public bool IsResponseOrTaskOfResponse(ITypeSymbol? type) => IsResponse(type) || IsResponse(TaskResult(type));

    /// <summary>The T of Task&lt;T&gt; / ValueTask&lt;T&gt;, or null.</summary>
    public ITypeSymbol? TaskResult(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
            (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Task) ||
             SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTask)))
        {
            return named.TypeArguments[0];
        }

        return null;
    }

    /// <summary>
    /// <c>ReadAsStreamAsync</c> / <c>ReadAsStream</c> on HttpContent and <c>GetStreamAsync</c> on
    /// HttpClient: the methods whose stream holds the connection.
    /// </summary>
    public bool IsContentStreamMethod(IMethodSymbol method)
    {
        if (!s_streamMethods.Contains(method.Name))
        {
            return false;
        }

        var owner = method.ContainingType;
        var expectedOwner = method.Name == "GetStreamAsync" ? Http.HttpClient : Http.HttpContent;
        return owner.InheritsFromOrEquals(expectedOwner) &&
               (IsStream(method.ReturnType) || IsStream(TaskResult(method.ReturnType)));
    }

    public bool IsDisposable(ITypeSymbol? type) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, Disposable) || type.AllInterfaces.Contains(Disposable, SymbolEqualityComparer.Default));

    public bool IsAsyncDisposable(ITypeSymbol? type) =>
        type is not null && AsyncDisposable is not null &&
        (SymbolEqualityComparer.Default.Equals(type, AsyncDisposable) || type.AllInterfaces.Contains(AsyncDisposable, SymbolEqualityComparer.Default));

    private HashSet<string> CollectSourceResponseMethodNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Only files that spell HttpResponseMessage, and in them only type-level declarations, never
        // member bodies: on a large compilation this is a text search plus a walk over a few files' declarations. Methods from referenced assemblies with other
        // names are not found here; their lambdas still lead to them (see DisposalAnalysis).
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!tree.Mentions("HttpResponseMessage", CancellationToken.None))
            {
                continue;
            }

            foreach (var node in tree.GetRoot().DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax method && MentionsResponse(method.ReturnType))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }

        return names;
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
