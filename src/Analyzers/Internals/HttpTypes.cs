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
        HttpClient = httpClient;
        HttpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
        HttpMessageHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
        HttpClientHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpClientHandler");
        SocketsHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.SocketsHttpHandler");
        WinHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.WinHttpHandler");
        DelegatingHandler = compilation.GetTypeByMetadataName("System.Net.Http.DelegatingHandler");
        HttpResponseMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
        HttpContent = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
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
