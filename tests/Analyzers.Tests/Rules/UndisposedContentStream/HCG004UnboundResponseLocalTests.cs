using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// A <c>var</c> local the compiler gives no type although its call returns a response (<c>var response = await
/// _client.PostAsync($"{Plugin.Instance.Url}/auth", content);</c> whose argument names a type another project declares,
/// missing in folder mode: the call binds, the awaited value gets no type): <c>response.Content.ReadAsStreamAsync()</c> on it is a content stream read, decided
/// like a bound one. Disposing the response, or the stream, keeps it quiet; a local of a call that is no response producer
/// decides nothing.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004UnboundResponseLocalTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;

        """;

    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true, MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest };

    private static Task VerifyAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + body, HalfTyped);

    [Fact]
    public Task StreamOfAResponseLocalWithoutAType_Diagnostic() => VerifyAsync("""
        class ShokoClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<ApiKey?> GetApiKey(string url)
            {
                var response = await _client.PostAsync($"{Plugin.Instance.Url}/auth", new StringContent("{}")).ConfigureAwait(false);
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                    return null;

                return await JsonSerializer.DeserializeAsync<ApiKey>({|HCG004:response.Content.ReadAsStreamAsync().Result|}).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task StreamOfAResponseLocalWithoutATypeDisposedOrNotAResponse_NoDiagnostic() => VerifyAsync("""
        class ShokoClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<ApiKey?> GetApiKey(string url)
            {
                using var response = await _client.PostAsync($"{Plugin.Instance.Url}/auth", new StringContent("{}")).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync<ApiKey>(response.Content.ReadAsStreamAsync().Result).ConfigureAwait(false);
            }

            public async Task<ApiKey?> GetVersion(string url)
            {
                var response = await _client.GetAsync($"{Plugin.Instance.Url}/version");
                using var stream = response.Content.ReadAsStreamAsync().Result;
                return await JsonSerializer.DeserializeAsync<ApiKey>(stream);
            }

            public async Task<ApiKey?> GetCached(string key)
            {
                var entry = await Cache.LookupAsync(key);
                return await JsonSerializer.DeserializeAsync<ApiKey>(entry.Content.ReadAsStreamAsync().Result);
            }
        }
        """);

    // System.Net.Http.Json missing (a netstandard2.1 library in folder mode): PostAsJsonAsync has no candidate, so its
    // awaited value has no type; the status check as a statement hands back the same response and drops it.
    [Fact]
    public Task StreamOfAnUnboundJsonPostCheckedForSuccess_Diagnostic() => VerifyAsync("""
        class IdCrypt
        {
            private readonly HttpClient _httpClient = new HttpClient();

            public async Task<Invitation> Create(Request request)
            {
                var response = await _httpClient.PostAsJsonAsync("api/connection/create", request);
                response.EnsureSuccessStatusCode();
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return await JsonSerializer.DeserializeAsync<Invitation>(stream);
            }
        }
        """);

    [Fact]
    public Task StreamOfAnUnboundJsonPostDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class IdCrypt
        {
            private readonly HttpClient _httpClient = new HttpClient();

            public async Task<Invitation> Create(Request request)
            {
                using var response = await _httpClient.PostAsJsonAsync("api/connection/create", request);
                response.EnsureSuccessStatusCode();
                var stream = await response.Content.ReadAsStreamAsync();
                return await JsonSerializer.DeserializeAsync<Invitation>(stream);
            }

            public async Task<HttpResponseMessage> Checked(Request request)
            {
                var response = await _httpClient.PostAsJsonAsync("api/connection/check", request);
                var stream = await response.Content.ReadAsStreamAsync();
                await JsonSerializer.DeserializeAsync<Invitation>(stream);
                return response.EnsureSuccessStatusCode();
            }

            public async Task<Invitation> Other(Request request)
            {
                var response = await _httpClient.PostAsThingAsync("api/connection/create", request);
                var stream = await response.Content.ReadAsStreamAsync();
                return await JsonSerializer.DeserializeAsync<Invitation>(stream);
            }
        }
        """);
}
