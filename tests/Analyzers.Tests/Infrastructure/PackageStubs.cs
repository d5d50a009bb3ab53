namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Source declarations of package types the tests cannot reference (a licence keeps the package out), with the package's
/// own namespaces and signatures, appended to a test's source.
/// </summary>
internal static class PackageStubs
{
    /// <summary>
    /// <c>System.Net.Http.HttpClientFactory</c> of Microsoft.AspNet.WebApi.Client (System.Net.Http.Formatting): <c>Create(params
    /// DelegatingHandler[])</c> builds a new <c>HttpClientHandler</c> under the handlers, <c>Create(HttpMessageHandler,
    /// params DelegatingHandler[])</c> wraps the given one.
    /// </summary>
    public const string WebApiHttpClientFactory = """

        namespace System.Net.Http
        {
            public static class HttpClientFactory
            {
                public static HttpClient Create(params DelegatingHandler[] handlers) => throw null;
                public static HttpClient Create(HttpMessageHandler innerHandler, params DelegatingHandler[] handlers) => throw null;
            }
        }

        """;
}
