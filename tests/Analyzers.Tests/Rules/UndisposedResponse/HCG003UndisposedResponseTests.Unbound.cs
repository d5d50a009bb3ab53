using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>Calls that do not fully bind: decided by the return type all candidates agree on, never where they disagree.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private static readonly TestOptions s_halfTyped = new() { IgnoreCompilerDiagnostics = true };

    [Fact]
    public Task ArgumentDoesNotBindEveryCandidateReturnsResponse_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync(_updater.Repository)|};
                {|HCG003:await client.PostAsync(_updater.Repository, null)|};
                response.EnsureSuccessStatusCode();
                var text = await response.Content.ReadAsStringAsync();
                return (int)response.StatusCode + text.Length;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task UserOverloadsAllReturnResponseArgumentMissing_Diagnostic() => VerifyAsync("""
        class Api
        {
            public Task<HttpResponseMessage> Fetch(string path) => null;
            public Task<HttpResponseMessage> Fetch(Uri path) => null;
        }
        class C
        {
            async Task<bool> M(Api api)
            {
                var response = {|HCG003:await api.Fetch(Unknown.Path)|};
                return response.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ArgumentDoesNotBindButDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using (var response = await client.GetAsync(_updater.Repository))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<int> Explicit(HttpClient client)
            {
                var response = await client.GetAsync(_updater.Repository);
                var status = (int)response.StatusCode;
                response.Dispose();
                return status;
            }

            async Task<System.IO.Stream> HandsOutContent(HttpClient client)
            {
                var response = await client.GetAsync(_updater.Repository);
                return await response.Content.ReadAsStreamAsync();
            }

            Task<HttpResponseMessage> Returned(HttpClient client) => client.GetAsync(_updater.Repository);
        }
        """, s_halfTyped);

    [Fact]
    public Task CandidatesDisagree_NoDiagnostic() => VerifyAsync("""
        class Api
        {
            public Task<HttpResponseMessage> Fetch(string path) => null;
            public Task<string> Fetch(Uri path) => null;
        }
        class C
        {
            async Task M(Api api)
            {
                var response = await api.Fetch(Unknown.Path);
                await api.Fetch(Unknown.Other);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ReceiverDoesNotBind_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task M()
            {
                var client = Helper.CreateClient();
                var response = await client.GetAsync("http://x");
                await client.PostAsync("http://x", null);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ReceiverDoesNotBindValueDeclaredResponse_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly GeneratedClient _client;

            async Task<string> Declared(HttpRequestMessage request, CancellationToken ct)
            {
                HttpResponseMessage response = {|HCG003:await _client.HttpClient.SendAsync(request, ct).ConfigureAwait(false)|};
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }

            async Task<bool> Assigned(HttpRequestMessage request, bool trace)
            {
                HttpResponseMessage httpResponse = null;
                httpResponse = {|HCG003:await _client.HttpClient.SendAsync(request)|};
                if (trace)
                {
                    Tracing.ReceiveResponse(httpResponse);
                }

                return httpResponse.IsSuccessStatusCode;
            }

            bool Blocking(string url)
            {
                HttpResponseMessage response = {|HCG003:_client.HttpClient.GetAsync(url).Result|};
                return response.IsSuccessStatusCode;
            }

            async Task<string> DisposedOnlyWhenParsingFails(HttpRequestMessage request)
            {
                HttpResponseMessage response = {|HCG003:await _client.HttpClient.SendAsync(request).ConfigureAwait(false)|};
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                try
                {
                    return text.Trim();
                }
                catch (FormatException)
                {
                    response.Dispose();
                    return null;
                }
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ReceiverDoesNotBindValueDeclaredResponseButDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly GeneratedClient _client;
            private HttpResponseMessage _last;

            async Task<int> Using(HttpRequestMessage request)
            {
                using (HttpResponseMessage response = await _client.HttpClient.SendAsync(request).ConfigureAwait(false))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<HttpResponseMessage> Returned(HttpRequestMessage request)
            {
                HttpResponseMessage response = await _client.HttpClient.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return response;
            }

            async Task<int> Finally(HttpRequestMessage request)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await _client.HttpClient.SendAsync(request);
                    return (int)response.StatusCode;
                }
                finally
                {
                    response?.Dispose();
                }
            }

            async Task Stored(HttpRequestMessage request)
            {
                _last = await _client.HttpClient.SendAsync(request);
            }

            async Task<object> NotDeclaredAResponse(HttpRequestMessage request)
            {
                var implicitlyTyped = await _client.HttpClient.SendAsync(request);
                object declaredObject = await _client.HttpClient.SendAsync(request);
                HttpResponseMessage notWellKnown = await _client.FetchAsync(request);
                return implicitlyTyped.ToString() + declaredObject + notWellKnown;
            }
        }
        """, s_halfTyped);
}

