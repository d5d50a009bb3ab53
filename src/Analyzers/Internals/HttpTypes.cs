using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The System.Net.Http and dependency-injection types the rules look for, resolved once per
/// compilation. Any of them may be null: the compilation may not reference the assembly.
/// </summary>
internal sealed class HttpTypes
{
    private HttpTypes(Compilation compilation, INamedTypeSymbol httpClient)
    {
        // The System.Net.Http types live where HttpClient does (System.Net.Http, or netstandard):
        // asking that one assembly spares a search of every reference per name. WinHttpHandler ships
        // in its own package, and the rest belong to other assemblies.
        var http = httpClient.ContainingAssembly;
        HttpClient = httpClient;
        HttpMessageInvoker = http.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
        HttpMessageHandler = http.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
        HttpClientHandler = http.GetTypeByMetadataName("System.Net.Http.HttpClientHandler");
        SocketsHttpHandler = http.GetTypeByMetadataName("System.Net.Http.SocketsHttpHandler");
        DelegatingHandler = http.GetTypeByMetadataName("System.Net.Http.DelegatingHandler");
        HttpResponseMessage = http.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
        HttpContent = http.GetTypeByMetadataName("System.Net.Http.HttpContent");
        WinHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.WinHttpHandler");
        ServiceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        HttpClientBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder");
        Lazy = compilation.GetTypeByMetadataName("System.Lazy`1");
        HttpClientPool = compilation.GetTypeByMetadataName("HttpClientGuard.HttpClientPool");
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

    public INamedTypeSymbol? Lazy { get; }

    /// <summary>This package's runtime pool, when the compilation references it.</summary>
    public INamedTypeSymbol? HttpClientPool { get; }

    /// <summary>Null when the compilation does not reference System.Net.Http: the rules then register nothing.</summary>
    public static HttpTypes? TryCreate(Compilation compilation)
    {
        var httpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        return httpClient is null ? null : new HttpTypes(compilation, httpClient);
    }

    public bool IsHttpClient(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpClient);

    /// <summary>A handler that owns a connection pool: HttpClientHandler, SocketsHttpHandler, WinHttpHandler or a subclass.</summary>
    public bool IsPrimaryHandler(ITypeSymbol? type) =>
        type.InheritsFromOrEquals(HttpClientHandler) ||
        type.InheritsFromOrEquals(SocketsHttpHandler) ||
        type.InheritsFromOrEquals(WinHttpHandler);

    public bool IsDelegatingHandler(ITypeSymbol? type) => type.InheritsFromOrEquals(DelegatingHandler);

    public bool IsHandler(ITypeSymbol? type) => type.InheritsFromOrEquals(HttpMessageHandler);
}
