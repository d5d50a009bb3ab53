using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A method of a referenced package or project that returns a response hands it out as one of the project's own does:
/// a sibling project's <c>PostJsonAsync</c> extension, a package interface's <c>CallApiAsync</c>. Decided by the return type.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string ReferencedResponseMethods = """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shared
        {
            public static class HttpClientExtensions
            {
                public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
                    client.PostAsync(url, new StringContent(json));
            }

            public interface IDownstreamApi
            {
                Task<HttpResponseMessage> CallApiAsync(string serviceName, CancellationToken cancellationToken = default);

                Task<string> GetTextAsync(string serviceName);
            }
        }
        """;

    private static readonly TestOptions WithReferencedResponseMethods = new() { LibrarySource = ReferencedResponseMethods };

    [Fact]
    public Task ReferencedProjectsExtensionResponseRead_Diagnostic() => VerifyAsync("""
        using Shared;

        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = {|HCG003:await Shared.HttpClientExtensions.PostJsonAsync(client, "http://x", "{}")|};
                return await response.Content.ReadAsStringAsync();
            }

            async Task<bool> Extension(HttpClient client)
            {
                var response = {|HCG003:await client.PostJsonAsync("http://x", "{}")|};
                return response.IsSuccessStatusCode;
            }
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task ReferencedProjectsExtensionResponseDisposed_NoDiagnostic() => VerifyAsync("""
        using Shared;

        class C
        {
            async Task<bool> M(HttpClient client)
            {
                using (var response = await client.PostJsonAsync("http://x", "{}"))
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task PackageInterfaceResponseRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(Shared.IDownstreamApi api)
            {
                var response = {|HCG003:await api.CallApiAsync("orders")|};
                return (int)response.StatusCode;
            }
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task PackageInterfaceResponseReturnedOrNotAResponse_NoDiagnostic() => VerifyAsync("""
        class C
        {
            Task<HttpResponseMessage> Forward(Shared.IDownstreamApi api) => api.CallApiAsync("orders");

            async Task<string> Text(Shared.IDownstreamApi api) => await api.GetTextAsync("orders");
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task ReferencedProjectsExtensionResponse_FixAddsUsing() => VerifyFixAsync(
        """
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                var response = {|HCG003:await Shared.HttpClientExtensions.PostJsonAsync(client, "http://x", "{}")|};
                return response.IsSuccessStatusCode;
            }
        }
        """,
        """
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                using (var response = await Shared.HttpClientExtensions.PostJsonAsync(client, "http://x", "{}"))
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """,
        """
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                using var response = await Shared.HttpClientExtensions.PostJsonAsync(client, "http://x", "{}");
                return response.IsSuccessStatusCode;
            }
        }
        """,
        WithReferencedResponseMethods);
}
