using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// Generated SDK clients hand every response out inside a result type of their own that names no response in its spelling
/// (<c>Task&lt;ApiResponse&gt; MakeRequestAsync(...)</c>, whose <c>ApiResponse { StatusCode, Raw }</c> holds it), built in an
/// object initializer or by a positional record, possibly by another method the request method returns from as it is
/// (<c>return await SendWithRetriesAsync(request, ct);</c>). A caller that reads <c>response.Raw</c>'s content and drops it
/// leaves the response undisposed; one that disposes it, hands the result on, or gets it from a method that also keeps the
/// response elsewhere decides nothing here.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: how SendWithRetriesAsync builds the result; {1}: more members of RawClient; {2}: what the caller does.
    private const string RawClient = """
        public class ApiResponse
        {
            public int StatusCode { get; set; }
            public HttpResponseMessage Raw { get; set; }
        }

        public class RawClient
        {
            private static readonly HttpClient Http = new HttpClient();

            public async Task<ApiResponse> MakeRequestAsync(string path)
            {
                return await SendWithRetriesAsync(path);
            }

            private async Task<ApiResponse> SendWithRetriesAsync(string path)
            {
                var response = await Http.GetAsync(path);
                {0}
            }

            {1}
        }

        public class FilesClient
        {
            private readonly RawClient _client = new RawClient();

            public async Task<string> Upload(string path)
            {
                {2}
            }
        }
        """;

    private const string BuiltInInitializer = "return new ApiResponse { StatusCode = (int)response.StatusCode, Raw = response };";

    private const string ReadAndDropped = """
        var response = await {|HCG003:_client.MakeRequestAsync(path)|};
                var body = await response.Raw.Content.ReadAsStringAsync();
                return response.StatusCode < 400 ? body : null;
        """;

    private static string Raw(string build, string caller, string more = "") =>
        RawClient.Replace("{0}", build).Replace("{1}", more).Replace("{2}", caller);

    [Fact]
    public Task RawResponseOfAResultReadAndDropped_Diagnostic() => VerifyAsync(Raw(BuiltInInitializer, ReadAndDropped));

    [Fact]
    public Task RawResponseOfAPositionalRecordReadAndDropped_Diagnostic() => VerifyAsync(Raw(
        "return new Result((int)response.StatusCode, response);",
        ReadAndDropped,
        "public record Result(int StatusCode, HttpResponseMessage Raw);").Replace("Task<ApiResponse>", "Task<Result>"),
        new TestOptions { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, Targets = Targets.Net80 });

    [Fact]
    public Task RawResponseOfAResultReadOnEachPathAndDropped_Diagnostic() => VerifyAsync(Raw(BuiltInInitializer, """
        var response = {|HCG003:await _client.MakeRequestAsync(path)|};
                if (response.StatusCode < 400 && response.Raw != null)
                {
                    using (var reader = new System.IO.StreamReader(await response.Raw.Content.ReadAsStreamAsync()))
                    {
                        return await reader.ReadToEndAsync();
                    }
                }

                response.Raw.EnsureSuccessStatusCode();
                throw new InvalidOperationException(await response.Raw.Content.ReadAsStringAsync());
        """));

    [Fact]
    public Task RawResponseOfAResultReadTwiceAndDisposedOrKept_NoDiagnostic() => VerifyAsync(Raw(BuiltInInitializer, """
        var response = await _client.MakeRequestAsync(path);
                var body = await response.Raw.Content.ReadAsStringAsync();
                response.Raw.Dispose();
                return body;
            }

            public async Task<HttpResponseMessage> Checked(string path)
            {
                var response = await _client.MakeRequestAsync(path);
                if (response.Raw is null)
                {
                    return null;
                }

                return response.Raw.EnsureSuccessStatusCode();
            }

            public async Task<HttpResponseMessage> Matched(string path)
            {
                var response = await _client.MakeRequestAsync(path);
                Console.WriteLine(response.Raw.StatusCode);
                return response.Raw is HttpResponseMessage raw ? raw : null;
            }

            private readonly System.Collections.Generic.Dictionary<HttpResponseMessage, int> _seen = new System.Collections.Generic.Dictionary<HttpResponseMessage, int>();

            public async Task Indexed(string path)
            {
                var response = await _client.MakeRequestAsync(path);
                Console.WriteLine(response.Raw.StatusCode);
                _seen[response.Raw] = 1;
            }

            public async Task<HttpResponseMessage> Returned(string path)
            {
                var response = await _client.MakeRequestAsync(path);
                Console.WriteLine(response.Raw.StatusCode);
                return response.Raw;
        """));

    [Fact]
    public Task RawResponseOfAResultDisposedOrHandedOn_NoDiagnostic() => VerifyAsync(Raw(BuiltInInitializer, """
        var response = await _client.MakeRequestAsync(path);
                using (response.Raw)
                {
                    return await response.Raw.Content.ReadAsStringAsync();
                }
            }

            public Task<ApiResponse> Forward(string path) => _client.MakeRequestAsync(path);

            public async Task<ApiResponse> Kept(string path)
            {
                var response = await _client.MakeRequestAsync(path);
                return response;
        """));

    [Fact]
    public Task RawResponseOfAFactoryThatAlsoKeepsIt_NoDiagnostic() => VerifyAsync(Raw(
        "Last = response; return new ApiResponse { StatusCode = (int)response.StatusCode, Raw = response };",
        ReadAndDropped.Replace("{|HCG003:", "").Replace("|}", ""),
        "public HttpResponseMessage Last { get; private set; }"));

    [Fact]
    public Task RawResponseOfAResultAnOverrideMayBuild_NoDiagnostic() => VerifyAsync(Raw(BuiltInInitializer,
        ReadAndDropped.Replace("{|HCG003:", "").Replace("|}", "")).Replace(
            "return await SendWithRetriesAsync(path);", "return await SendVirtualAsync(path);").Replace(
            "private async Task<ApiResponse> SendWithRetriesAsync(string path)", "protected virtual async Task<ApiResponse> SendVirtualAsync(string path)"));

    [Fact]
    public Task RawResponseOfAResultTheRequestMethodDisposesFirst_NoDiagnostic() => VerifyAsync(Raw(BuiltInInitializer,
        ReadAndDropped.Replace("{|HCG003:", "").Replace("|}", "")).Replace(
            "return await SendWithRetriesAsync(path);", "var sent = await SendWithRetriesAsync(path); sent.Raw.Dispose(); return sent;"));

    [Fact]
    public Task RawResponseOfRequestMethodsThatReturnEachOther_NoDiagnostic() => VerifyAsync(Raw(BuiltInInitializer,
        ReadAndDropped.Replace("{|HCG003:", "").Replace("|}", ""),
        "private async Task<ApiResponse> RetryAsync(string path) { return await MakeRequestAsync(path); }").Replace(
            "return await SendWithRetriesAsync(path);", "return await RetryAsync(path);"));

    // Fern's generated RawClient (Hume SDK): the retry loop replaces a retryable response with the next one, undisposed (a
    // leak reported at those sends), and the last one goes out in the result: the caller's to dispose all the same.
    private const string BuiltAfterRetries = """
        for (var i = 0; i < 3 && (int)response.StatusCode >= 500; i++)
                {
                    response = {|HCG003:await Http.GetAsync(path)|};
                }

                return new ApiResponse { StatusCode = (int)response.StatusCode, Raw = response };
        """;

    [Theory]
    [InlineData("return await SendWithRetriesAsync(path);")]
    [InlineData("return await SendWithRetriesAsync(path).ConfigureAwait(false);")]
    [InlineData("return await SendWithRetriesAsync(path).ConfigureAwait(continueOnCapturedContext: false);")]
    public Task RawResponseOfAResultBuiltAfterRetriesReadAndDropped_Diagnostic(string handedOn) => VerifyAsync(Raw(BuiltAfterRetries, ReadAndDropped)
        .Replace("var response = await Http.GetAsync(path);", "var response = {|HCG003:await Http.GetAsync(path)|};")
        .Replace("return await SendWithRetriesAsync(path);", handedOn));

    [Theory]
    [InlineData("var sent = await SendWithRetriesAsync(path).ConfigureAwait(false); sent.Raw.Dispose(); return sent;")]
    [InlineData("await SendWithRetriesAsync(path).ConfigureAwait(false); return new ApiResponse();")]
    public Task RawResponseOfAResultTheRequestMethodDoesNotHandOnAsItIs_NoDiagnostic(string handedOn) => VerifyAsync(Raw(BuiltAfterRetries, ReadAndDropped.Replace("{|HCG003:", "").Replace("|}", ""))
        .Replace("var response = await Http.GetAsync(path);", "var response = {|HCG003:await Http.GetAsync(path)|};")
        .Replace("return await SendWithRetriesAsync(path);", handedOn));

}
