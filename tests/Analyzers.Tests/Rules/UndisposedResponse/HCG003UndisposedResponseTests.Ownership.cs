using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// Transfer decided by what the receiving method does (its summary): returns the response inside the object it builds,
/// keeps it in a field its own Dispose releases, disposes it or its content. And lambdas that only read a response.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task HandedToHelperThatReturnsItInsideResult_NoDiagnostic() => VerifyAsync("""
        struct SendResult
        {
            public SendResult(bool ok, HttpResponseMessage response) { Ok = ok; Response = response; }
            public bool Ok { get; }
            public HttpResponseMessage Response { get; }
            public static SendResult FromResponse(HttpResponseMessage response) => new SendResult(true, response);
        }
        class C
        {
            async Task<SendResult> M(HttpClient client, HttpRequestMessage request)
            {
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                return SendResult.FromResponse(response);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatKeepsItInTheResultItReturns_NoDiagnostic() => VerifyAsync("""
        class ProtocolResponse
        {
            public HttpResponseMessage HttpResponse { get; set; }
            public string Error { get; set; }

            public static async Task<T> FromHttpResponseAsync<T>(HttpResponseMessage httpResponse) where T : ProtocolResponse, new()
            {
                var result = new T { HttpResponse = httpResponse };
                if (!httpResponse.IsSuccessStatusCode)
                {
                    result.Error = await httpResponse.Content.ReadAsStringAsync();
                }

                return result;
            }

            public static ProtocolResponse FromStatus(HttpResponseMessage httpResponse)
            {
                var result = new ProtocolResponse();
                result.HttpResponse = httpResponse;
                return result;
            }
        }
        class TokenResponse : ProtocolResponse { }
        class C
        {
            async Task<TokenResponse> RequestTokenAsync(HttpClient client, HttpRequestMessage request)
            {
                var response = await client.SendAsync(request);
                return await ProtocolResponse.FromHttpResponseAsync<TokenResponse>(response);
            }

            async Task<ProtocolResponse> StatusAsync(HttpClient client, HttpRequestMessage request)
            {
                var response = await client.SendAsync(request);
                return ProtocolResponse.FromStatus(response);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatBuildsAResultButReturnsSomethingElse_Diagnostic() => VerifyAsync("""
        class ProtocolResponse
        {
            public HttpResponseMessage HttpResponse { get; set; }
            public bool IsError { get; set; }

            public static bool Failed(HttpResponseMessage httpResponse)
            {
                var result = new ProtocolResponse { HttpResponse = httpResponse };
                result.IsError = !httpResponse.IsSuccessStatusCode;
                return result.IsError;
            }

            public static bool Logged(HttpResponseMessage httpResponse)
            {
                var entry = new ProtocolResponse();
                entry.HttpResponse = httpResponse;
                System.Console.WriteLine(entry.HttpResponse.StatusCode);
                return true;
            }
        }
        class C
        {
            async Task<bool> FailedAsync(HttpClient client, HttpRequestMessage request)
            {
                var response = {|HCG003:await client.SendAsync(request)|};
                return ProtocolResponse.Failed(response);
            }

            async Task<bool> LoggedAsync(HttpClient client, HttpRequestMessage request)
            {
                var response = {|HCG003:await client.SendAsync(request)|};
                return ProtocolResponse.Logged(response);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatReturnsOnlyItsStatus_Diagnostic() => VerifyAsync("""
        class Summary
        {
            public Summary(int status) { Status = status; }
            public int Status { get; }
            public static Summary Of(HttpResponseMessage response) => new Summary((int)response.StatusCode);
        }
        class C
        {
            async Task<Summary> M(HttpClient client, HttpRequestMessage request)
            {
                var response = {|HCG003:await client.SendAsync(request)|};
                return Summary.Of(response);
            }
        }
        """);

    [Fact]
    public Task ContentHandedToReturnedObject_NoDiagnostic() => VerifyAsync("""
        class Envelope
        {
            public Envelope(System.Net.HttpStatusCode status, HttpContent body) { Status = status; Body = body; }
            public System.Net.HttpStatusCode Status { get; }
            public HttpContent Body { get; }
        }
        class C
        {
            async Task<Envelope> M(HttpClient client, HttpRequestMessage request)
            {
                HttpResponseMessage response = await client.SendAsync(request).ConfigureAwait(false);
                return new Envelope(response.StatusCode, response.Content);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatDisposesItsContent_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client, HttpRequestMessage request)
            {
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                return await Read(response);
            }

            private static async Task<string> Read(HttpResponseMessage message)
            {
                using (var content = message.Content)
                {
                    return await content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task KeptByDisposableOwnerThatDisposesIt_NoDiagnostic() => VerifyAsync("""
        sealed class Lease : IDisposable
        {
            private HttpResponseMessage _response;
            public void Attach(HttpResponseMessage response) { _response = response; }
            public void Dispose() { _response?.Dispose(); }
        }
        class C
        {
            async Task M(HttpClient client, Lease lease)
            {
                var response = await client.GetAsync("http://x");
                lease.Attach(response);
            }
        }
        """);

    [Fact]
    public Task ReadInsideTimeoutLambda_Diagnostic() => VerifyAsync("""
        static class Utility
        {
            public static Task<T> WithTimeout<T>(TimeSpan timeout, Func<System.Threading.CancellationToken, Task<T>> run) => run(default);
        }
        class C
        {
            async Task<string> M(HttpClient client, HttpRequestMessage request)
            {
                var response = {|HCG003:await client.SendAsync(request).ConfigureAwait(false)|};
                response.EnsureSuccessStatusCode();
                return await Utility.WithTimeout(TimeSpan.FromSeconds(5), ct => response.Content.ReadAsStringAsync()).ConfigureAwait(false);
            }
        }
        """);

    // A lambda that reads the content stream and disposes it ('using var stream = ...') leaves the response itself to the
    // member, which drops it (unreal-GUI's update download).
    [Fact]
    public Task ContentStreamDisposedInsideTaskRunLambda_ResponseDropped_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task Download(HttpClient client, string url, string path)
            {
                var response = {|HCG003:await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)|};
                response.EnsureSuccessStatusCode();
                await Task.Run(async () =>
                {
                    using (var stream = await response.Content.ReadAsStreamAsync())
                    using (var file = System.IO.File.Create(path))
                    {
                        await stream.CopyToAsync(file);
                    }
                });
            }

            async Task DownloadDeclared(HttpClient client, string url, string path)
            {
                var response = {|HCG003:await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)|};
                await Task.Run(async () =>
                {
                    using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    using var file = System.IO.File.Create(path);
                    await stream.CopyToAsync(file);
                });
            }
        }
        """, new TestOptions { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8 });

    [Fact]
    public Task ContentStreamInsideTaskRunLambda_ResponseDisposedOrStreamHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task Download(HttpClient client, string url, string path)
            {
                using (var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
                {
                    await Task.Run(async () =>
                    {
                        using (var stream = await response.Content.ReadAsStreamAsync())
                        using (var file = System.IO.File.Create(path))
                        {
                            await stream.CopyToAsync(file);
                        }
                    });
                }
            }

            // The lambda hands the stream out: whoever receives it decides, and the response goes with it.
            async Task<System.IO.Stream> Open(HttpClient client, string url)
            {
                var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                return await Task.Run(() => response.Content.ReadAsStreamAsync());
            }

            async Task Kept(HttpClient client, string url, List<System.IO.Stream> streams)
            {
                var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                await Task.Run(async () =>
                {
                    var stream = await response.Content.ReadAsStreamAsync();
                    streams.Add(stream);
                });
            }
        }
        """);

    [Fact]
    public Task AssignedInsideUsingBlockAndReadInCallback_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client, Func<Func<string>, Task> report)
            {
                HttpResponseMessage res;
                using (var tokenSource = new System.Threading.CancellationTokenSource(30000))
                {
                    res = {|HCG003:await client.PostAsync("http://x", new StringContent("code"), tokenSource.Token)|};
                }

                if (!res.IsSuccessStatusCode)
                {
                    await report(() => "failed: " + res.StatusCode);
                    return;
                }

                var text = await res.Content.ReadAsStringAsync();
            }
        }
        """);

    // {0}: what the scheduled delegate does with the response.
    private const string TickScheduled = """
        sealed class TickScheduler
        {
            private readonly Action _action;
            public TickScheduler(Action action) => _action = action;
            public void Tick() => _action();
        }
        static class OpcodeUpdater
        {
            public static Action<string> Failed;
            public static object Pending;

            public static void Download(HttpClient client, string url)
            {
                var result = {|HCG003:client.GetAsync(url).Result|};
                if (!result.IsSuccessStatusCode)
                {
                    _ = new TickScheduler(delegate
                    {
                        {0}
                    });
                }
                else
                {
                    Failed(result.Content.ReadAsStringAsync().Result);
                }
            }
        }
        """;

    private static string Scheduled(string use, bool reported) =>
        reported ? TickScheduled.Replace("{0}", use) : TickScheduled.Replace("{0}", use).Replace("{|HCG003:", "").Replace("|}", "");

    [Fact]
    public Task StatusReadInsideADelegateHandedToAConstructor_Diagnostic() =>
        VerifyAsync(Scheduled("var error = $\"{(int)result.StatusCode} {result.StatusCode}\"; Failed(error);", reported: true));

    [Fact]
    public Task HeadersAndReasonReadInsideADelegateHandedToAConstructor_Diagnostic() =>
        VerifyAsync(Scheduled("Failed(result.ReasonPhrase + result.Headers.Date);", reported: true));

    [Fact]
    public Task ContentReadInsideADelegateHandedToAConstructor_NoDiagnostic() =>
        VerifyAsync(Scheduled("Failed(result.Content.ReadAsStringAsync().Result);", reported: false));

    [Fact]
    public Task ResponseStoredInsideADelegateHandedToAConstructor_NoDiagnostic() =>
        VerifyAsync(Scheduled("Pending = result;", reported: false));

    [Fact]
    public Task ResponseHandedOnInsideADelegateHandedToAConstructor_NoDiagnostic() =>
        VerifyAsync(Scheduled("Failed(result.ToString()); Pending = new List<HttpResponseMessage> { result };", reported: false));

    [Fact]
    public Task StatusReadInsideADelegateHandedToAConstructor_NoFixOffered() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.UndisposedResponseFixer>(
            Usings + Scheduled("Failed(result.StatusCode.ToString());", reported: true), Usings + Scheduled("Failed(result.StatusCode.ToString());", reported: true));

    private const string RetryHelper = """
        static class Retry
        {
            public static async Task Run(Func<Task> action, int attempts) { for (var i = 0; ; i++) { try { await action(); return; } catch when (i < attempts) { } } }
        }

        """;

    [Fact]
    public Task AssignedToOuterLocalInsideRetryLambda_Diagnostic() => VerifyAsync(RetryHelper + """
        class C
        {
            async Task<long?> M(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                long? length = null;
                try
                {
                    await Retry.Run(async () =>
                    {
                        response = {|HCG003:await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))|};
                        response.EnsureSuccessStatusCode();
                        if (response.Content != null && response.Content.Headers != null)
                        {
                            length = response.Content.Headers.ContentLength;
                        }
                    }, 2);
                }
                catch (HttpRequestException)
                {
                    Console.WriteLine($"failed: {response?.StatusCode}");
                }

                return length;
            }
        }
        """);

    [Fact]
    public Task AssignedToOuterLocalInsideRetryLambdaThenDisposedOrReturned_NoDiagnostic() => VerifyAsync(RetryHelper + """
        class C
        {
            async Task<long?> DisposedAfter(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                try
                {
                    await Retry.Run(async () => { response = await client.GetAsync(url); }, 2);
                    return response.Content.Headers.ContentLength;
                }
                finally
                {
                    response?.Dispose();
                }
            }

            async Task<HttpResponseMessage> Returned(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                await Retry.Run(async () => { response = await client.GetAsync(url); }, 2);
                return response;
            }

            async Task<HttpContent> ContentHandedOn(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                HttpContent content = null;
                await Retry.Run(async () => { response = await client.GetAsync(url); content = response.Content; }, 2);
                return content;
            }

            async Task DisposedInsideTheLambda(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                await Retry.Run(async () => { response?.Dispose(); response = await client.GetAsync(url); }, 2);
                using (response)
                {
                }
            }
        }
        """);

    [Fact]
    public Task DisposedByCallbackLambda_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client, System.Threading.CancellationToken token)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                token.Register(() => response.Dispose());
            }
        }
        """);

    [Fact]
    public Task ContentStreamReadInsideLambda_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<System.IO.Stream> M(HttpClient client, Func<Func<Task<System.IO.Stream>>, Task<System.IO.Stream>> retry)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                return await retry(() => response.Content.ReadAsStreamAsync());
            }
        }
        """);

    [Fact]
    public Task AssignedInTryInsideUsingBlock_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly IHttpClientFactory _factory;
            public C(IHttpClientFactory factory) { _factory = factory; }

            async Task<string> M(string url, HttpContent content, Func<Action<object>, Task> modify)
            {
                HttpResponseMessage res;
                try
                {
                    var client = _factory.CreateClient();
                    using (var tokenSource = new System.Threading.CancellationTokenSource(30000))
                    {
                        res = {|HCG003:await client.PostAsync(url, content, tokenSource.Token)|};
                    }
                }
                catch (TaskCanceledException)
                {
                    await modify(a => { });
                    return null;
                }

                if (!res.IsSuccessStatusCode & res.StatusCode != System.Net.HttpStatusCode.BadRequest)
                {
                    await modify(a => { Console.WriteLine($"failed: {res.StatusCode}"); });
                    return null;
                }

                return await res.Content.ReadAsStringAsync();
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task ReadInsideLambdaOfUnboundCall_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client, Missing.Message message)
            {
                var res = {|HCG003:await client.GetAsync("http://x")|};
                if (!res.IsSuccessStatusCode)
                {
                    await message.ModifyAsync(m => { m.Content = $"failed: {res.StatusCode}"; });
                    return null;
                }

                return await res.Content.ReadAsStringAsync();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task DisposedInsideLambdaOfUnboundCall_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client, Missing.Message message)
            {
                var res = await client.GetAsync("http://x");
                await message.OnDone(() => res.Dispose());
                return await res.Content.ReadAsStringAsync();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    private const string TwitterResponse = """
        class TwitterResponse
        {
            public System.IO.Stream ResultStream { get; set; }
            public int StatusCode { get; set; }
            public string Reason { get; set; }
        }

        """;

    [Fact]
    public Task HandedToHelperThatKeepsItsContentStreamInTheResultItReturns_NoDiagnostic() => VerifyAsync(TwitterResponse + """
        class Executor
        {
            async Task<TwitterResponse> ExecuteAsync(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await client.GetAsync(url).ConfigureAwait(false);
                    var result = FromResponse(response);
                    if (result.StatusCode >= 400)
                    {
                        throw new HttpRequestException(result.Reason);
                    }

                    return result;
                }
                catch (Exception)
                {
                    response?.Dispose();
                    throw;
                }
            }

            async Task<TwitterResponse> DirectAsync(HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                return await WrapAsync(response);
            }

            private static TwitterResponse FromResponse(HttpResponseMessage response)
            {
                var stream = response.Content.ReadAsStreamAsync().Result;
                var result = new TwitterResponse();
                result.ResultStream = stream;
                result.StatusCode = (int)response.StatusCode;
                result.Reason = response.ReasonPhrase;
                return result;
            }

            private static async Task<TwitterResponse> WrapAsync(HttpResponseMessage response) =>
                new TwitterResponse { ResultStream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false) };
        }
        """);

    private const string HttpResult = """
        class HttpResult
        {
            public int StatusCode { get; set; }
            public string Payload { get; set; }
            public System.IO.Stream PayloadStream { get; set; }
        }

        """;

    [Fact]
    public Task HandedToHelperThatKeepsAStreamOverTheBodyItReadWhole_Diagnostic() => VerifyAsync(HttpResult + """
        class ManagementUtil
        {
            private static readonly HttpClient Client = new HttpClient();

            internal async Task<HttpResult> HttpDelete(string url)
            {
                HttpResponseMessage resp = {|HCG003:await Client.DeleteAsync(url)|};
                HttpResult hr = await CreateHttpResult(resp);
                return hr;
            }

            internal async Task<HttpResult> HttpGet(string url)
            {
                var resp = {|HCG003:await Client.GetAsync(url)|};
                return await Buffered(resp);
            }

            private static async Task<HttpResult> CreateHttpResult(HttpResponseMessage hrm)
            {
                HttpResult hr = new HttpResult
                {
                    StatusCode = (int)hrm.StatusCode,
                    Payload = await hrm.Content.ReadAsStringAsync(),
                    PayloadStream = await hrm.Content.ReadAsStreamAsync(),
                };
                return hr;
            }

            private static async Task<HttpResult> Buffered(HttpResponseMessage hrm)
            {
                await hrm.Content.LoadIntoBufferAsync();
                if (hrm.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    return new HttpResult { StatusCode = 204 };
                }

                var stream = await hrm.Content.ReadAsStreamAsync();
                return new HttpResult { PayloadStream = stream };
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatKeepsAStreamOverABodyReadOnlySometimesOrAfterIt_NoDiagnostic() => VerifyAsync(HttpResult + """
        class ManagementUtil
        {
            private static readonly HttpClient Client = new HttpClient();

            internal async Task<HttpResult> HttpGet(string url, bool withText)
            {
                var resp = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                return await Streamed(resp, withText);
            }

            internal async Task<HttpResult> HttpHead(string url)
            {
                var resp = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                return await ReadAfter(resp);
            }

            private static async Task<HttpResult> Streamed(HttpResponseMessage hrm, bool withText)
            {
                var result = new HttpResult { StatusCode = (int)hrm.StatusCode };
                if (withText)
                {
                    result.Payload = await hrm.Content.ReadAsStringAsync();
                }

                result.PayloadStream = await hrm.Content.ReadAsStreamAsync();
                return result;
            }

            private static async Task<HttpResult> ReadAfter(HttpResponseMessage hrm)
            {
                var stream = await hrm.Content.ReadAsStreamAsync();
                var length = (await hrm.Content.ReadAsByteArrayAsync()).Length;
                return new HttpResult { StatusCode = length, PayloadStream = stream };
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatReadsItsContentStreamButReturnsOnlyText_Diagnostic() => VerifyAsync(TwitterResponse + """
        class Executor
        {
            async Task<TwitterResponse> ExecuteAsync(HttpClient client, string url)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = {|HCG003:await client.GetAsync(url).ConfigureAwait(false)|};
                    return FromResponse(response);
                }
                catch (Exception)
                {
                    response?.Dispose();
                    throw;
                }
            }

            private static TwitterResponse FromResponse(HttpResponseMessage response)
            {
                var stream = response.Content.ReadAsStreamAsync().Result;
                var reader = new System.IO.StreamReader(stream);
                var result = new TwitterResponse();
                result.Reason = reader.ReadToEnd();
                return result;
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatDisposesItsContentThroughALocal_NoDiagnostic() => VerifyAsync("""
        class ApiResponse
        {
            public ApiResponse(object body) { Body = body; }
            public object Body { get; }
        }
        class GitHubClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<ApiResponse> Send(HttpRequestMessage request)
            {
                var responseMessage = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                return await BuildResponse(responseMessage).ConfigureAwait(false);
            }

            protected virtual async Task<ApiResponse> BuildResponse(HttpResponseMessage responseMessage)
            {
                object body = null;
                var content = responseMessage.Content;
                if (content != null)
                {
                    if (content.Headers.ContentType?.MediaType == "application/zip")
                    {
                        body = await content.ReadAsStreamAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        body = await content.ReadAsStringAsync().ConfigureAwait(false);
                        content.Dispose();
                    }
                }

                return new ApiResponse(body);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatOnlyReadsItsContentThroughALocal_Diagnostic() => VerifyAsync("""
        class GitHubClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Send(HttpRequestMessage request)
            {
                var responseMessage = {|HCG003:await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false)|};
                return await BuildResponse(responseMessage).ConfigureAwait(false);
            }

            protected virtual async Task<string> BuildResponse(HttpResponseMessage responseMessage)
            {
                var content = responseMessage.Content;
                var text = await content.ReadAsStringAsync().ConfigureAwait(false);
                return text.Trim();
            }
        }
        """);

    private const string StatusCheck = """
        static class ResponseChecks
        {
            public static HttpResponseMessage AssertStatusCode(this HttpResponseMessage response, System.Net.HttpStatusCode statusCode)
            {
                if (response.StatusCode != statusCode)
                {
                    throw new InvalidOperationException(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                }

                return response;
            }
        }

        """;

    [Fact]
    public Task CheckedByAHelperThatReturnsIt_ReportedOnceWhereItIsMade_Diagnostic() => VerifyAsync(StatusCheck + """
        static class SignPath
        {
            static async Task<string> Create(HttpClient client, string url)
            {
                var response = {|HCG003:await client.PostAsync(url, new StringContent("{}"))|};
                response.AssertStatusCode(System.Net.HttpStatusCode.Created);
                return response.Headers.Location.AbsoluteUri;
            }
        }
        """);

    [Fact]
    public Task CheckedByAHelperThatReturnsIt_DisposedWhereItIsMade_NoDiagnostic() => VerifyAsync(StatusCheck + """
        static class SignPath
        {
            static async Task<string> Create(HttpClient client, string url)
            {
                using (var response = await client.PostAsync(url, new StringContent("{}")))
                {
                    response.AssertStatusCode(System.Net.HttpStatusCode.Created);
                    return response.Headers.Location.AbsoluteUri;
                }
            }

            static async Task<HttpResponseMessage> Checked(HttpClient client, string url) =>
                (await client.PostAsync(url, new StringContent("{}"))).AssertStatusCode(System.Net.HttpStatusCode.OK);
        }
        """);

    private const string ResponseCache = """
        sealed class ResponseCache
        {
            private readonly Dictionary<Uri, HttpResponseMessage> _entries = new Dictionary<Uri, HttpResponseMessage>();
            public bool TryGetValue(Uri key, out HttpResponseMessage value) => _entries.TryGetValue(key, out value);
            public async Task<HttpResponseMessage> GetOrCreateAsync(Uri key, Func<Task<HttpResponseMessage>> create)
            {
                if (!_entries.TryGetValue(key, out var value))
                {
                    _entries[key] = value = await create();
                }

                return value;
            }
        }

        """;

    // A method whose every returned response its type keeps (a response cache): callers get shared responses.
    [Fact]
    public Task ResponseFromACacheOfResponses_NoDiagnostic() => VerifyAsync(ResponseCache + """
        class PackageClient
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly ResponseCache _cache = new ResponseCache();
            private readonly Dictionary<string, HttpResponseMessage> _byName = new Dictionary<string, HttpResponseMessage>();

            public async Task<bool> ExistsAsync(Uri uri)
            {
                var response = await this.GetAndCacheAsync(uri);
                return response.IsSuccessStatusCode;
            }

            public async Task<long?> LengthAsync(string name)
            {
                var response = await GetByNameAsync(name).ConfigureAwait(false);
                return response.Content.Headers.ContentLength;
            }

            private async Task<HttpResponseMessage> GetAndCacheAsync(Uri uri)
            {
                if (this._cache.TryGetValue(uri, out HttpResponseMessage cached))
                {
                    return cached;
                }

                var response = await Client.GetAsync(uri);
                return await this._cache.GetOrCreateAsync(uri, () => Task.FromResult(response));
            }

            private async Task<HttpResponseMessage> GetByNameAsync(string name)
            {
                if (_byName.TryGetValue(name, out var known))
                {
                    return known;
                }

                var response = await Client.GetAsync("http://x/" + name);
                _byName[name] = response;
                return response;
            }
        }
        """);

    // A connector's rate-limited cache: entries are (time, response) tuples, and the synchronous front reads the task of the
    // asynchronous one that fills the cache.
    private const string TimedCacheConnector = """
        abstract class Connector
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime time, HttpResponseMessage response)> _cached =
                new System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime time, HttpResponseMessage response)>();

            protected HttpResponseMessage MakeWebRequest(string url)
            {
                if (_cached.TryGetValue(url, out var result))
                    return result.response;
                var requestTask = MakeAsyncWebRequest(url);
                requestTask.Wait();
                return requestTask.Result;
            }

            private async Task<HttpResponseMessage> MakeAsyncWebRequest(string url)
            {
                if (_cached.TryGetValue(url, out var cached))
                    return cached.response;
                try
                {
                    var response = await Client.GetAsync(url);
                    _cached.TryAdd(url, (DateTime.Now, response));
                    return response;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }

            protected HttpResponseMessage MakeUncachedRequest(string url)
            {
                var requestTask = FetchAsync(url);
                return requestTask.Result;
            }

            private async Task<HttpResponseMessage> FetchAsync(string url)
            {
                if (_cached.TryGetValue(url, out var cached))
                    return cached.response;
                return await Client.GetAsync(url);
            }
        }

        """;

    [Fact]
    public Task ResponseFromATimedCacheOfTuplesThroughASiblingsTask_NoDiagnostic() => VerifyAsync(TimedCacheConnector + """
        class GearConnector : Connector
        {
            public string Name(string id)
            {
                var response = MakeWebRequest("http://x/" + id);
                if (response == null || !response.IsSuccessStatusCode) return null;
                return response.Content.ReadAsStringAsync().Result;
            }
        }
        """);

    // Folder mode without the project that declares GearSet: the argument has no type, overload resolution fails, and the
    // candidates decide as a bound call would.
    [Fact]
    public Task ResponseFromATimedCacheCalledWithAnUnboundArgument_NoDiagnostic() => VerifyAsync(TimedCacheConnector + """
        class GearConnector : Connector
        {
            public string Update(GearSet set)
            {
                var response = MakeWebRequest("http://x/" + set.ExternalId);
                if (response == null) return null;
                return response.Content.ReadAsStringAsync().Result;
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ResponseFromASiblingThatCachesOnlySomeCalledWithAnUnboundArgument_Diagnostic() => VerifyAsync(TimedCacheConnector + """
        class GearConnector : Connector
        {
            public string Update(GearSet set)
            {
                var response = {|HCG003:MakeUncachedRequest("http://x/" + set.ExternalId)|};
                if (response == null) return null;
                return response.Content.ReadAsStringAsync().Result;
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ResponseFromASiblingThatCachesOnlySome_Diagnostic() => VerifyAsync(TimedCacheConnector + """
        class GearConnector : Connector
        {
            public string Name(string id)
            {
                var response = {|HCG003:MakeUncachedRequest("http://x/" + id)|};
                return response.Content.ReadAsStringAsync().Result;
            }
        }
        """);

    [Fact]
    public Task ResponseFromAMethodThatCachesOnlySome_Diagnostic() => VerifyAsync(ResponseCache + """
        class PackageClient
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly ResponseCache _cache = new ResponseCache();

            public async Task<bool> ExistsAsync(Uri uri)
            {
                var response = {|HCG003:await this.GetMaybeCachedAsync(uri)|};
                return response.IsSuccessStatusCode;
            }

            public async Task<bool> LocalLookupAsync(Uri uri)
            {
                var response = {|HCG003:await LookupInALocalDictionaryAsync(uri)|};
                return response.IsSuccessStatusCode;
            }

            private async Task<HttpResponseMessage> GetMaybeCachedAsync(Uri uri)
            {
                if (this._cache.TryGetValue(uri, out HttpResponseMessage cached))
                {
                    return cached;
                }

                return await Client.GetAsync(uri);
            }

            private static async Task<HttpResponseMessage> LookupInALocalDictionaryAsync(Uri uri)
            {
                var local = new Dictionary<Uri, HttpResponseMessage>();
                var response = await Client.GetAsync(uri);
                local[uri] = response;
                return response;
            }
        }
        """);

    // coinbasepro's SendHttpRequestMessageAsync: the response is returned on success and carried by the exception thrown on
    // failure. The exception's object initializer stores it in the exception's member, not in one of this type: the
    // helper is no response cache, and a caller that drops what it returns leaks it. {0}: the caller's body.
    private const string ExceptionCarryingHelper = """
        sealed class ExchangeException : Exception
        {
            public ExchangeException(string message) : base(message) { }
            public HttpResponseMessage Response { get; set; }
        }

        class ExchangeService
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string> GetAccountsAsync(string uri)
            {
                {0}
            }

            private async Task<HttpResponseMessage> SendCheckedAsync(string uri)
            {
                var response = await Client.GetAsync(uri).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                throw new ExchangeException("failed") { Response = response };
            }
        }
        """;

    [Fact]
    public Task ResponseStoredInAnExceptionsInitializerOnFailure_Diagnostic() => VerifyAsync(ExceptionCarryingHelper.Replace("{0}", """
        var response = {|HCG003:await SendCheckedAsync(uri).ConfigureAwait(false)|};
                return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        """));

    [Fact]
    public Task ResponseStoredInAnExceptionsInitializerOnFailure_CallerDisposes_NoDiagnostic() => VerifyAsync(ExceptionCarryingHelper.Replace("{0}", """
        using (var response = await SendCheckedAsync(uri).ConfigureAwait(false))
                {
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
        """));

    private const string ChallengeHandlerStart = """
        class AuthHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken ct)
            {
                var response = await base.SendAsync(request, ct);
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    return await HandleUnauthorizedAsync(request, response, ct);
                }

                return response;
            }

            private Task<string> GetTokenAsync(HttpResponseMessage response) => Task.FromResult(response.Headers.WwwAuthenticate.ToString());

            private async Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, string token, System.Threading.CancellationToken ct)
            {
                var retry = new HttpRequestMessage(request.Method, request.RequestUri);
                retry.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return await base.SendAsync(retry, ct);
            }

        """;

    // A response-returning helper that only reads the response it is given returns another one: the 401 is dropped on that path.
    [Fact]
    public Task HandedToAResponseReturningHelperThatOnlyReadsIt_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        Usings + ChallengeHandlerStart.Replace("var response = await base.SendAsync(request, ct);", "var response = {|#0:await base.SendAsync(request, ct)|};") + """
            private async Task<HttpResponseMessage> HandleUnauthorizedAsync(HttpRequestMessage request, HttpResponseMessage response, System.Threading.CancellationToken ct)
            {
                if (response.Headers.WwwAuthenticate.Count == 0)
                {
                    throw new InvalidOperationException("no challenge: " + response.StatusCode);
                }

                response.EnsureSuccessStatusCode();
                var token = await GetTokenAsync(response);
                return await SendWithTokenAsync(request, token, ct);
            }
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'SendAsync' is neither disposed nor handed on along the path through line 12; dispose it with 'using' so that its connection goes back to the pool");

    [Fact]
    public Task HandedToAResponseReturningHelperThatReturnsDisposesOrPassesItOn_NoDiagnostic() => VerifyAsync(
        ChallengeHandlerStart + """
            private async Task<HttpResponseMessage> HandleUnauthorizedAsync(HttpRequestMessage request, HttpResponseMessage response, System.Threading.CancellationToken ct)
            {
                if (response.Headers.WwwAuthenticate.Count == 0)
                {
                    return response;
                }

                return await SendWithTokenAsync(request, await GetTokenAsync(response), ct);
            }

            private async Task<HttpResponseMessage> Disposing(HttpRequestMessage request, HttpResponseMessage response, System.Threading.CancellationToken ct)
            {
                var token = await GetTokenAsync(response);
                response.Dispose();
                return await SendWithTokenAsync(request, token, ct);
            }

            private Task<HttpResponseMessage> PassedOn(HttpResponseMessage response) => Check(response);

            private static Task<HttpResponseMessage> Check(HttpResponseMessage response) => Task.FromResult(response);

            async Task<HttpResponseMessage> Callers(HttpRequestMessage request, System.Threading.CancellationToken ct)
            {
                var first = await base.SendAsync(request, ct);
                if (!first.IsSuccessStatusCode)
                {
                    return await Disposing(request, first, ct);
                }

                first.Dispose();
                var second = await base.SendAsync(request, ct);
                return await PassedOn(second);
            }
        }
        """);

    private const string PluggableHandler = """
        interface IResponseHandler
        {
            Task<TModel> HandleResponseAsync<TNative, TModel>(TNative response);
        }
        interface IResponseLogger
        {
            Task<TModel> LogAsync<TModel>(HttpResponseMessage response);
        }
        class Adapter
        {
            private readonly HttpClient _client = new HttpClient();
            public IResponseHandler Handler { get; set; }
            public IResponseLogger Logger { get; set; }
            private static Task DrainAsync(HttpResponseMessage response) { response.Dispose(); return Task.CompletedTask; }
            public async Task<string> SendAsync(string url)
            {
                var response = RESPONSE;
                if (Handler == null)
                {
                    try { return await response.Content.ReadAsStringAsync(); }
                    finally { await DrainAsync(response); }
                }

                return await HANDOFF;
            }
        }
        """;

    // Kiota's IResponseHandler: the implementation the caller plugs in owns the native response it is given.
    [Fact]
    public Task HandedOnOneBranchToAPluggableHandlerGenericInIt_NoDiagnostic() => VerifyAsync(PluggableHandler
        .Replace("RESPONSE", "await _client.GetAsync(url)")
        .Replace("HANDOFF", "Handler.HandleResponseAsync<HttpResponseMessage, string>(response)"));

    // The interface names the response type itself: an ordinary call that borrows it, so that branch drops it.
    [Fact]
    public Task HandedOnOneBranchToAnInterfaceMethodTakingTheResponseType_Diagnostic() => VerifyAsync(PluggableHandler
        .Replace("RESPONSE", "{|HCG003:await _client.GetAsync(url)|}")
        .Replace("HANDOFF", "Logger.LogAsync<string>(response)"));

    [Fact]
    public Task HandedToADisposingHelperInFinally_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static async Task DrainAsync(HttpResponseMessage response)
            {
                await response.Content.ReadAsByteArrayAsync();
                response.Dispose();
            }

            async Task<string> M(HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                try
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
                finally
                {
                    await DrainAsync(response);
                }
            }
        }
        """);

    [Fact]
    public Task HandedToADisposingHelperAfterAnEarlyReturn_Diagnostic() => VerifyAsync("""
        class C
        {
            private static async Task DrainAsync(HttpResponseMessage response)
            {
                await response.Content.ReadAsByteArrayAsync();
                response.Dispose();
            }

            async Task<string> M(HttpClient client, string url)
            {
                var response = {|HCG003:await client.GetAsync(url)|};
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                var body = await response.Content.ReadAsStringAsync();
                await DrainAsync(response);
                return body;
            }
        }
        """);

    // A referenced project (in the IDE and in folder mode, another compilation's source, which cannot be bound here): its
    // helpers are read as a package's are. Handing a response to its response-returning helper once threw (AD0001).
    private const string ReferencedProjectHelpers = """
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Lib
        {
            public static class Responses
            {
                public static void Log(HttpResponseMessage response) => System.Console.WriteLine(response.StatusCode);

                public static async Task<HttpResponseMessage> RetryOnce(HttpResponseMessage first, HttpClient client)
                {
                    System.Console.WriteLine(first.StatusCode);
                    return await client.GetAsync("http://retry");
                }
            }
        }
        """;

    [Fact]
    public Task ResponseReadByAReferencedProjectsHelper_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Lib;

        class C
        {
            async Task M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                Responses.Log(response);
            }
        }
        """, new TestOptions { LibrarySource = ReferencedProjectHelpers });

    [Fact]
    public Task ResponseHandedToAReferencedProjectsResponseHelper_NoAnalyzerException() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Lib;

        class C
        {
            async Task<int> M(HttpClient client)
            {
                var first = await client.GetAsync("http://x");
                using (var retried = await Responses.RetryOnce(first, client))
                {
                    return (int)retried.StatusCode;
                }
            }
        }
        """, new TestOptions { LibrarySource = ReferencedProjectHelpers });

    // A response handed to a helper that hands it on to another helper of the project: the second one's summary decides.
    private const string TwoHelpersDeep = """
        static class Responses
        {
            public static Task<string> Read(HttpResponseMessage response) => ReadAndRelease(response);

            private static async Task<string> ReadAndRelease(HttpResponseMessage response)
            {
                {0}
            }
        }

        class C
        {
            async Task<string> M(HttpClient client) => await Responses.Read({1}await client.GetAsync("http://x"){2});
        }
        """;

    [Fact]
    public Task HandedToAHelperWhoseHelperDisposesIt_NoDiagnostic() =>
        VerifyAsync(TwoHelpersDeep.Replace("{0}", "using (response) { return await response.Content.ReadAsStringAsync(); }").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task HandedToAHelperWhoseHelperOnlyReadsIt_Diagnostic() =>
        VerifyAsync(TwoHelpersDeep.Replace("{0}", "return await response.Content.ReadAsStringAsync();").Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    // A helper that stores the response in a member of the model it returns through Task.FromResult and casts (an SDK's
    // event-stream model, disposable, disposes it): the caller hands the response on by returning the model. {0}: what it returns.
    private const string EventStreamModel = """
        class StreamModel : IDisposable
        {
            public HttpResponseMessage Response { get; set; }

            public void Dispose() => Response?.Dispose();
        }

        class Client
        {
            async Task<T> Send<T>(HttpClient client) where T : class
            {
                var response = {1}await client.GetAsync("http://x")|2};
                if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    return await ReadEvents<T>(response);
                }

                using (response)
                {
                    return null;
                }
            }

            private Task<T> ReadEvents<T>(HttpResponseMessage response) where T : class
            {
                var model = Activator.CreateInstance<T>() as StreamModel;
                model.Response = response;
                return Task.FromResult({0});
            }
        }
        """;

    [Fact]
    public Task StoredInTheModelAHelperReturnsThroughFromResult_NoDiagnostic() =>
        VerifyAsync(EventStreamModel.Replace("{0}", "(T)(object)model").Replace("{1}", "").Replace("|2}", ""));

    [Fact]
    public Task StoredInAModelTheHelperDoesNotReturn_Diagnostic() =>
        VerifyAsync(EventStreamModel.Replace("{0}", "default(T)").Replace("{1}", "{|HCG003:").Replace("|2}", "|}"));
}
