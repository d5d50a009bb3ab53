using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The types every rule and fix recognises, resolved once per compilation, and the questions asked
/// of a type ("is this a client?", "a response or a task of one?"). Any of them may be null: the
/// compilation may not reference the assembly. Analyzers and code fixes ask this one cache;
/// nothing recognises a type by its display string.
/// </summary>
internal sealed class WellKnownTypes
{
    /// <summary>The HttpContent / HttpClient methods whose stream holds the connection.</summary>
    private static readonly HashSet<string> s_contentStreamMethods = new(StringComparer.Ordinal)
    {
        "ReadAsStreamAsync", "ReadAsStream", "GetStreamAsync",
    };

    private WellKnownTypes(Compilation compilation, INamedTypeSymbol httpClient)
    {
        // The System.Net.Http types live where HttpClient does (System.Net.Http, or netstandard):
        // asking that one assembly spares a search of every reference per name. WinHttpHandler ships
        // in its own package, and the rest belong to other assemblies.
        var http = httpClient.ContainingAssembly;
        HttpClient = httpClient;
        HttpMessageInvoker = http.GetTypeByMetadataName(WellKnownTypeNames.HttpMessageInvoker);
        HttpMessageHandler = http.GetTypeByMetadataName(WellKnownTypeNames.HttpMessageHandler);
        HttpClientHandler = http.GetTypeByMetadataName(WellKnownTypeNames.HttpClientHandler);
        SocketsHttpHandler = http.GetTypeByMetadataName(WellKnownTypeNames.SocketsHttpHandler);
        DelegatingHandler = http.GetTypeByMetadataName(WellKnownTypeNames.DelegatingHandler);
        HttpResponseMessage = http.GetTypeByMetadataName(WellKnownTypeNames.HttpResponseMessage);
        HttpContent = http.GetTypeByMetadataName(WellKnownTypeNames.HttpContent);
        WinHttpHandler = compilation.GetTypeByMetadataName(WellKnownTypeNames.WinHttpHandler);
        ServiceCollection = compilation.GetTypeByMetadataName(WellKnownTypeNames.ServiceCollection);
        HttpClientBuilder = compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpClientBuilder);
        HttpClientFactory = compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpClientFactory);
        Lazy = compilation.GetTypeByMetadataName(WellKnownTypeNames.Lazy);
        Stream = compilation.GetTypeByMetadataName(WellKnownTypeNames.Stream);
        Task = compilation.GetTypeByMetadataName(WellKnownTypeNames.TaskOfT);
        ValueTask = compilation.GetTypeByMetadataName(WellKnownTypeNames.ValueTaskOfT);
        Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
        AsyncDisposable = compilation.GetTypeByMetadataName(WellKnownTypeNames.AsyncDisposable);
        HttpClientPool = compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpClientPool);
        PooledHandlerOptions = compilation.GetTypeByMetadataName(WellKnownTypeNames.PooledHandlerOptions);
        OwnedStreamExtensions = compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpResponseMessageExtensions);
    }

    public INamedTypeSymbol HttpClient { get; }

    public INamedTypeSymbol? HttpMessageInvoker { get; }

    public INamedTypeSymbol? HttpMessageHandler { get; }

    public INamedTypeSymbol? HttpClientHandler { get; }

    public INamedTypeSymbol? SocketsHttpHandler { get; }

    public INamedTypeSymbol? WinHttpHandler { get; }

    public INamedTypeSymbol? DelegatingHandler { get; }

    public INamedTypeSymbol? HttpResponseMessage { get; }

    public INamedTypeSymbol? HttpContent { get; }

    public INamedTypeSymbol? ServiceCollection { get; }

    public INamedTypeSymbol? HttpClientBuilder { get; }

    public INamedTypeSymbol? HttpClientFactory { get; }

    public INamedTypeSymbol? Lazy { get; }

    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol Disposable { get; }

    public INamedTypeSymbol? AsyncDisposable { get; }

    /// <summary>This package's runtime pool, when the compilation references it.</summary>
    public INamedTypeSymbol? HttpClientPool { get; }

    /// <summary>The runtime pool's handler settings, when the compilation references it.</summary>
    public INamedTypeSymbol? PooledHandlerOptions { get; }

    /// <summary>This package's runtime helpers (<c>ReadAsOwnedStreamAsync</c>), when the compilation references them.</summary>
    public INamedTypeSymbol? OwnedStreamExtensions { get; }

    /// <summary>Null when the compilation does not reference System.Net.Http: the rules then register nothing.</summary>
    public static WellKnownTypes? TryCreate(Compilation compilation)
    {
        var httpClient = compilation.GetTypeByMetadataName(WellKnownTypeNames.HttpClient);
        return httpClient is null ? null : new WellKnownTypes(compilation, httpClient);
    }

    public bool IsHttpClient(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpClient);

    /// <summary>Exactly <c>HttpClient</c>, not a type derived from it (whose constructor may do anything).</summary>
    public bool IsExactlyHttpClient(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, HttpClient);

    /// <summary>A handler that owns a connection pool: HttpClientHandler, SocketsHttpHandler, WinHttpHandler or a subclass.</summary>
    public bool IsPrimaryHandler(ITypeSymbol? type) =>
        type.InheritsFromOrEquals(HttpClientHandler) ||
        type.InheritsFromOrEquals(SocketsHttpHandler) ||
        type.InheritsFromOrEquals(WinHttpHandler);

    /// <summary>Exactly <c>HttpClientHandler</c> or <c>SocketsHttpHandler</c>, the handlers whose settings the fixes can map.</summary>
    public bool IsExactlyClientOrSocketsHandler(ITypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, HttpClientHandler) ||
         SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, SocketsHttpHandler));

    public bool IsDelegatingHandler(ITypeSymbol? type) => type.InheritsFromOrEquals(DelegatingHandler);

    public bool IsHandler(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpMessageHandler);

    public bool IsMessageInvoker(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpMessageInvoker);

    public bool IsResponse(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpResponseMessage);

    public bool IsStream(ITypeSymbol? type) => type.InheritsFromOrEquals(Stream);

    /// <summary>HttpResponseMessage, or Task / ValueTask of it.</summary>
    public bool IsResponseOrTaskOfResponse(ITypeSymbol? type) => IsResponse(type) || IsResponse(TaskResult(type));

    public bool IsStreamOrTaskOfStream(ITypeSymbol? type) => IsStream(type) || IsStream(TaskResult(type));

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
    /// The T of an awaiter or configured awaitable of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c> (<c>TaskAwaiter&lt;T&gt;</c>,
    /// <c>ConfiguredTaskAwaitable&lt;T&gt;</c> and its <c>ConfiguredTaskAwaiter</c>, and ValueTask's three), whose
    /// <c>GetResult()</c> or <c>await</c> yields the task's result; null for any other type.
    /// </summary>
    public static ITypeSymbol? AwaiterResult(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named ||
            named.ContainingNamespace is not { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return null;
        }

        return named switch
        {
            { Name: "TaskAwaiter" or "ValueTaskAwaiter" or "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable", TypeArguments.Length: 1 } => named.TypeArguments[0],
            { Name: "ConfiguredTaskAwaiter" or "ConfiguredValueTaskAwaiter", ContainingType: { Name: "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable", TypeArguments.Length: 1 } awaitable } => awaitable.TypeArguments[0],
            _ => null,
        };
    }

    /// <summary>
    /// <c>ReadAsStreamAsync</c> / <c>ReadAsStream</c> on HttpContent and <c>GetStreamAsync</c> on
    /// HttpClient: the methods whose stream holds the connection.
    /// </summary>
    public bool IsContentStreamMethod(IMethodSymbol method)
    {
        if (!s_contentStreamMethods.Contains(method.Name))
        {
            return false;
        }

        var expectedOwner = method.Name == "GetStreamAsync" ? HttpClient : HttpContent;
        return method.ContainingType.InheritsFromOrEquals(expectedOwner) &&
               IsStreamOrTaskOfStream(method.ReturnType);
    }

    public bool IsDisposable(ITypeSymbol? type) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, Disposable) || type.AllInterfaces.Contains(Disposable, SymbolEqualityComparer.Default));

    public bool IsAsyncDisposable(ITypeSymbol? type) =>
        type is not null && AsyncDisposable is not null &&
        (SymbolEqualityComparer.Default.Equals(type, AsyncDisposable) || type.AllInterfaces.Contains(AsyncDisposable, SymbolEqualityComparer.Default));

    /// <summary><c>Lazy&lt;T&gt;</c> of any T.</summary>
    public bool IsLazy(ITypeSymbol? type) =>
        Lazy is not null && type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Lazy);
}
