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

            public interface IRestClient
            {
                Task<T> PostAsync<T>(string url, object data);

                Task<HttpResponseMessage> PostAsync(string url, object data);

                Task<HttpResponseMessage> GetAsync(string url);
            }

            public interface IRepository
            {
                Task<string> GetAsync(int id);

                Task DeleteAsync(int id);
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
    public Task ReferencedProjectsRestClientUnderHttpClientsNames_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly Shared.IRestClient _restClient;

            C(Shared.IRestClient restClient) => _restClient = restClient;

            async Task ClearCache(string address)
            {
                try
                {
                    {|HCG003:await _restClient.PostAsync(address + "/clear", null)|};
                }
                catch (Exception)
                {
                }
            }

            async Task<bool> Ping(string address)
            {
                var response = {|HCG003:await _restClient.GetAsync(address)|};
                return response.IsSuccessStatusCode;
            }
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task ReferencedProjectsRestClientDisposedOrGenericOrRepository_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly Shared.IRestClient _restClient;
            private readonly Shared.IRepository _repository;

            C(Shared.IRestClient restClient, Shared.IRepository repository) => (_restClient, _repository) = (restClient, repository);

            async Task ClearCache(string address)
            {
                using (await _restClient.PostAsync(address + "/clear", null))
                {
                }
            }

            async Task<string> Typed(string address) => await _restClient.PostAsync<string>(address, null);

            async Task<string> Entity(int id)
            {
                await _repository.DeleteAsync(id);
                return await _repository.GetAsync(id);
            }
        }
        """, WithReferencedResponseMethods);

    [Fact]
    public Task ReferencedProjectsRestClientDiscarded_FixDisposesIt() => VerifyFixAsync(
        """
        class C
        {
            async Task ClearCache(Shared.IRestClient restClient, string address)
            {
                {|HCG003:await restClient.PostAsync(address + "/clear", null)|};
            }
        }
        """,
        """
        class C
        {
            async Task ClearCache(Shared.IRestClient restClient, string address)
            {
                using (var response = await restClient.PostAsync(address + "/clear", null))
                {
                }
            }
        }
        """,
        """
        class C
        {
            async Task ClearCache(Shared.IRestClient restClient, string address)
            {
                using var response = await restClient.PostAsync(address + "/clear", null);
            }
        }
        """,
        WithReferencedResponseMethods);

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
