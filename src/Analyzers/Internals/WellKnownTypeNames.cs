namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Every type the analyzers and code fixes look up, named once by its metadata name. Recognition
/// goes through <see cref="WellKnownTypes"/> (symbols, never display strings); the code fixes also
/// use these names to write a type into code.
/// </summary>
internal static class WellKnownTypeNames
{
    public const string HttpClient = "System.Net.Http.HttpClient";
    public const string HttpMessageInvoker = "System.Net.Http.HttpMessageInvoker";
    public const string HttpMessageHandler = "System.Net.Http.HttpMessageHandler";
    public const string HttpClientHandler = "System.Net.Http.HttpClientHandler";
    public const string SocketsHttpHandler = "System.Net.Http.SocketsHttpHandler";
    public const string WinHttpHandler = "System.Net.Http.WinHttpHandler";
    public const string DelegatingHandler = "System.Net.Http.DelegatingHandler";
    public const string HttpResponseMessage = "System.Net.Http.HttpResponseMessage";
    public const string HttpContent = "System.Net.Http.HttpContent";

    public const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string AutofacContainerBuilder = "Autofac.ContainerBuilder";
    public const string HttpClientBuilder = "Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
    public const string HttpClientFactory = "System.Net.Http.IHttpClientFactory";

    /// <summary>Where the container fills parameters: minimal API endpoints, middleware, Azure Functions (isolated worker).</summary>
    public const string EndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string ApplicationBuilder = "Microsoft.AspNetCore.Builder.IApplicationBuilder";
    public const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";

    /// <summary>Framework results that dispose the stream they are given once written (docs/rules/HCG004.md).</summary>
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
    public const string Results = "Microsoft.AspNetCore.Http.Results";
    public const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";

    public const string Lazy = "System.Lazy`1";
    public const string Stream = "System.IO.Stream";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncDisposable = "System.IAsyncDisposable";
    public const string TimeSpan = "System.TimeSpan";
    public const string GeneratedCodeAttribute = "System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <summary>This package's runtime library.</summary>
    public const string HttpClientPool = "HttpClientGuard.HttpClientPool";
    public const string PooledHandlerOptions = "HttpClientGuard.PooledHandlerOptions";
    public const string HttpResponseMessageExtensions = "HttpClientGuard.HttpResponseMessageExtensions";
}
