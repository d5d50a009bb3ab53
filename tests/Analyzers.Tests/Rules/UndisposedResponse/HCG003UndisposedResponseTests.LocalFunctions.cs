using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A local function that hands out a received response (<c>async Task&lt;HttpResponseMessage&gt; WriteCommandAsync(...)</c>
/// inside a polling method) is a producer as a method is: a call that drops its response is reported; one that disposes,
/// returns or keeps it is not, and neither is one whose local function builds the response itself.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task ResponseOfALocalFunctionDropped_Diagnostic() => VerifyAsync("""
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                var response = {|HCG003:await WriteCommandAsync(new Uri(server, "/status"))|};
                var text = await response.Content.ReadAsStringAsync();
                return text.Length;

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri)
                {
                    var message = new HttpRequestMessage(HttpMethod.Get, uri);
                    return await _client.SendAsync(message);
                }
            }
        }
        """);

    [Fact]
    public Task ResponseOfALocalFunctionDisposedReturnedOrBuilt_NoDiagnostic() => VerifyAsync("""
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                using (var response = await WriteCommandAsync(new Uri(server, "/status")))
                {
                    var offline = Offline();
                    return (int)response.StatusCode + (int)offline.StatusCode;
                }

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                    await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));

                HttpResponseMessage Offline() => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
            }

            public Task<HttpResponseMessage> Forward(Uri server)
            {
                return WriteCommandAsync(new Uri(server, "/status"));

                Task<HttpResponseMessage> WriteCommandAsync(Uri uri) => _client.GetAsync(uri);
            }
        }
        """);
    private const string LocalFunctionPoll = """
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                var response = {|HCG003:await WriteCommandAsync(new Uri(server, "/status"))|};
                var text = await response.Content.ReadAsStringAsync();
                return text.Length;

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                    await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
            }
        }
        """;

    [Fact]
    public Task ResponseOfALocalFunctionDropped_AddsUsingDeclaration() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(Usings + LocalFunctionPoll, Usings + """
            class MediaSource
            {
                private readonly HttpClient _client = new HttpClient();

                public async Task<int> Poll(Uri server)
                {
                    using var response = await WriteCommandAsync(new Uri(server, "/status"));
                    var text = await response.Content.ReadAsStringAsync();
                    return text.Length;

                    async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                        await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
                }
            }
            """, TestOptions.LatestOnly);

    [Fact]
    public Task ResponseOfALocalFunctionDroppedBeforeC8_NoFixThatWouldHideTheLocalFunction() =>
        // A using block would move the local function out of reach of the statements before it: no fix under C# 7.3.
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(Usings + LocalFunctionPoll, Usings + LocalFunctionPoll, TestOptions.CSharp73Only);
}
