using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

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

    // BasicReverseProxy's cache forwarder: the key's type does not bind, so neither does the cached response's local; its
    // `!= null` test still tells the path that returns it from the one where it is null and holds nothing.
    // {0}: the test; {1}, {2}: what its branches do; {3}, {4}: the markup around the cached response.
    private const string CacheForwarder = """
        class Forwarder
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<HttpResponseMessage> SendAsync(HttpRequest request, object other)
            {
                var key = await request.GetKeyAsync().ConfigureAwait(true);
                var cached = {3}await FromCacheAsync(key).ConfigureAwait(true){4};
                if ({0})
                {
                    {1}
                }
                else
                {
                    {2}
                }

                return await _client.GetAsync("http://origin/");
            }

            private Task<HttpResponseMessage> FromCacheAsync(string key) => _client.GetAsync("http://cache/" + key);
        }
        """;

    private static string Forwarder(string test, string whenTrue, string whenFalse, bool reported) =>
        CacheForwarder.Replace("{0}", test).Replace("{1}", whenTrue).Replace("{2}", whenFalse)
            .Replace("{3}", reported ? "{|HCG003:" : "").Replace("{4}", reported ? "|}" : "");

    [Theory]
    [InlineData("cached != null", "return cached;", "")]
    [InlineData("null != cached", "return cached;", "")]
    [InlineData("cached == null", "", "return cached;")]
    public Task UnboundLocalTestedForNullAndReturnedWhereItIsNot_NoDiagnostic(string test, string whenTrue, string whenFalse) =>
        VerifyAsync(Forwarder(test, whenTrue, whenFalse, reported: false), s_halfTyped);

    [Theory]
    [InlineData("cached == null", "return cached;", "")]
    [InlineData("cached != null", "", "return cached;")]
    [InlineData("cached != other", "return cached;", "")]
    public Task UnboundLocalReturnedOnlyWhereItIsNullOrNotTestedForNull_Diagnostic(string test, string whenTrue, string whenFalse) =>
        VerifyAsync(Forwarder(test, whenTrue, whenFalse, reported: true), s_halfTyped);

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

    // Newtonsoft.Json missing in folder mode: serializing a response for a log reads it and keeps nothing (IAMNagBot's Slack reply).
    [Fact]
    public Task ResponseSerializedByAnUnboundSerializer_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task Post(HttpClient client, Action<string> log)
            {
                var response = {|HCG003:await client.PostAsync("http://x", null)|};
                log("RESP: " + JsonConvert.SerializeObject(response, Formatting.Indented));
            }

            async Task<string> Text(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                return Newtonsoft.Json.JsonConvert.SerializeObject(response);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ResponseSerializedThenDisposed_OrHandedToAnotherUnboundCall_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task Post(HttpClient client, Action<string> log)
            {
                using (var response = await client.PostAsync("http://x", null))
                {
                    log("RESP: " + JsonConvert.SerializeObject(response, Formatting.Indented));
                }
            }

            async Task Kept(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                ResponseStore.Keep(response);
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

    // An SDK's own PostAsync(this HttpClient, string, string) extension returning a plain Task: with an argument whose type
    // does not bind, C# offers only HttpClient's instance PostAsync overloads as candidates, yet the code means the extension.
    // {0}: the extension's return type and body.
    private const string PostExtension = """
        static class HttpExtensions
        {
            public static async {0}
        }

        class Entities
        {
            private readonly HttpClient _client = new HttpClient();

            public Task Delete(string id) => _client.PostAsync(Url.Combine("http://x/batch", id), Serialize(id));

            public async Task<int> Count(string id)
            {
                var response = await _client.PostAsync(Url.Combine("http://x/count", id), Serialize(id), default);
                return (int)response.StatusCode;
            }

            private static string Serialize(string id) => "[" + id + "]";
        }
        """;

    [Fact]
    public Task ArgumentDoesNotBindAnExtensionOfTheCompilationMayBeMeant_NoDiagnostic() => VerifyAsync(
        PostExtension.Replace("{0}", "Task PostAsync(this HttpClient client, string url, string data, System.Threading.CancellationToken ct = default) { using (var response = await client.PostAsync(url, new StringContent(data))) { } }"),
        s_halfTyped);

    [Fact]
    public Task ArgumentDoesNotBindExtensionsOfOtherShapes_Diagnostic() => VerifyAsync(
        PostExtension.Replace("{0}", "Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, string data, System.Threading.CancellationToken ct = default) => await client.PostAsync(url, new StringContent(data), ct);\n\n            public static async Task PostAsync(this HttpClient client, string url) { using (var response = await client.PostAsync(url, null)) { } }")
            .Replace("var response = await _client.PostAsync(", "var response = {|HCG003:await _client.PostAsync(").Replace("Serialize(id), default);", "Serialize(id), default)|};")
            .Replace("public Task Delete(string id) => _client.PostAsync(Url.Combine(\"http://x/batch\", id), Serialize(id));", "public async Task Delete(string id) => {|HCG003:await _client.PostAsync(Url.Combine(\"http://x/batch\", id), Serialize(id))|};"),
        s_halfTyped);

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

            bool BlockingOnTheAwaiter(string url)
            {
                HttpResponseMessage response = {|HCG003:_client.HttpClient.GetAsync(url).GetAwaiter().GetResult()|};
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

            int BlockingOnTheAwaiterUnderUsing(string url)
            {
                using (HttpResponseMessage response = _client.HttpClient.GetAsync(url).GetAwaiter().GetResult())
                {
                    return (int)response.StatusCode;
                }
            }

            HttpResponseMessage BlockingOnTheAwaiterReturned(string url)
            {
                HttpResponseMessage response = _client.HttpClient.GetAsync(url).GetAwaiter().GetResult();
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
                // On a receiver of another name (one named HttpClient says what it is: WellKnownCallOnAnUnboundMemberNamedHttpClient).
                var implicitlyTyped = await _client.Transport.SendAsync(request);
                object declaredObject = await _client.Transport.SendAsync(request);
                HttpResponseMessage notWellKnown = await _client.FetchAsync(request);
                return implicitlyTyped.ToString() + declaredObject + notWellKnown;
            }
        }
        """, s_halfTyped);

    // MouthwashPrivate's coroutines: the client is reached through a mod framework's singleton folder mode lacks, and the
    // code declares the pending task's type; the coroutine polls it and reads its Result, never disposing the response.
    [Fact]
    public Task ReceiverDoesNotBindValueDeclaredTaskOfResponse_Diagnostic() => VerifyAsync("""
        using System.Collections;

        class C
        {
            private readonly GeneratedClient _client;

            IEnumerator CoLoad(string url)
            {
                Task<HttpResponseMessage> pending = {|HCG003:_client.Transport.GetAsync(url)|};
                while (!pending.IsCompleted)
                    yield return null;
                if (!pending.Result.IsSuccessStatusCode)
                {
                    yield break;
                }

                Task<string> text = pending.Result.Content.ReadAsStringAsync();
                while (!text.IsCompleted)
                    yield return null;
            }

            async Task<bool> Awaited(HttpRequestMessage request)
            {
                Task<HttpResponseMessage> pending = {|HCG003:_client.Transport.SendAsync(request)|};
                var response = await pending;
                return response.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ReceiverDoesNotBindValueDeclaredTaskOfResponseDisposedReturnedOrNotAResponse_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly GeneratedClient _client;

            async Task<int> Using(HttpRequestMessage request)
            {
                Task<HttpResponseMessage> pending = _client.Transport.SendAsync(request);
                using (var response = await pending)
                {
                    return (int)response.StatusCode;
                }
            }

            Task<HttpResponseMessage> Returned(string url)
            {
                Task<HttpResponseMessage> pending = _client.Transport.GetAsync(url);
                return pending;
            }

            async Task<int> NotAResponse(string url)
            {
                Task<string> text = _client.Transport.GetAsync(url);
                Task<HttpResponseMessage> notWellKnown = _client.FetchAsync(url);
                return (await text).Length + (int)(await notWellKnown).StatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ClientOfAnUnboundHttpClientFactory_Diagnostic() => VerifyAsync("""
        class Transport
        {
            private readonly IHttpClientFactory _factory;

            public Transport(IHttpClientFactory factory) => _factory = factory;

            async Task<bool> Push(string address, HttpContent content)
            {
                var response = {|HCG003:await _factory.CreateClient("reports").PostAsync(address, content)|};
                return response.StatusCode == HttpStatusCode.OK;
            }

            async Task Alarm(string webHook, HttpContent content)
            {
                using (var httpClient = _factory.CreateClient())
                {
                    var httpResponseMessage = {|HCG003:await httpClient.PostAsync(webHook, content)|};
                    if (httpResponseMessage.StatusCode == HttpStatusCode.OK)
                    {
                        Console.WriteLine("pushed");
                    }
                }
            }

            async Task<bool> InALambda(string address)
            {
                return await Retry(async () =>
                {
                    var response = {|HCG003:await _factory.CreateClient().GetAsync(address)|};
                    return response.IsSuccessStatusCode;
                });
            }

            static Task<bool> Retry(Func<Task<bool>> action) => action();
        }
        """, s_halfTyped);

    [Fact]
    public Task ClientOfAnUnboundHttpClientFactoryResponseDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class Transport
        {
            private readonly IHttpClientFactory _factory;
            private readonly IApiClientFactory _apis;

            public Transport(IHttpClientFactory factory, IApiClientFactory apis)
            {
                _factory = factory;
                _apis = apis;
            }

            async Task<bool> Disposed(string address, HttpContent content)
            {
                using (var response = await _factory.CreateClient("reports").PostAsync(address, content))
                {
                    return response.StatusCode == HttpStatusCode.OK;
                }
            }

            async Task<HttpResponseMessage> Returned(string address)
            {
                var client = _factory.CreateClient();
                var response = await client.GetAsync(address);
                response.EnsureSuccessStatusCode();
                return response;
            }

            async Task<string> NotAResponse(string address)
            {
                var client = _factory.CreateClient();
                return await client.GetStringAsync(address);
            }

            async Task<bool> AnotherFactory(string address)
            {
                var api = _apis.CreateClient();
                var result = await api.GetAsync(address);
                return result.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    // Seq.Api's SeqConnection with its package missing: the client an SDK sends through, exposed as a member named HttpClient.
    [Fact]
    public Task WellKnownCallOnAnUnboundMemberNamedHttpClient_Diagnostic() => VerifyAsync("""
        class Shipper
        {
            async Task<bool> Ship(SeqConnection connection, HttpRequestMessage request)
            {
                var result = {|HCG003:await connection.Client.HttpClient.SendAsync(request)|};
                return result.IsSuccessStatusCode;
            }

            async Task<bool> Exists(SeqConnection connection, string link)
            {
                var responseMessage = {|HCG003:await connection.Client.HttpClient.GetAsync(link)|};
                return responseMessage.StatusCode == System.Net.HttpStatusCode.OK;
            }

            // HttpContent.CopyToAsync copies the body into the file and leaves the response as it was: still the member's.
            async Task Download(SeqConnection connection, string link, System.IO.Stream file)
            {
                var download = {|HCG003:await connection.Client.HttpClient.GetAsync(link)|};
                await download.Content.CopyToAsync(file);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task WellKnownCallOnAnUnboundMemberNamedHttpClientDisposedOrOtherMember_NoDiagnostic() => VerifyAsync("""
        class Shipper
        {
            async Task<bool> Disposed(SeqConnection connection, HttpRequestMessage request)
            {
                using (var result = await connection.Client.HttpClient.SendAsync(request))
                {
                    return result.IsSuccessStatusCode;
                }
            }

            async Task<HttpResponseMessage> Returned(SeqConnection connection, string link)
            {
                var response = await connection.Client.HttpClient.GetAsync(link);
                return response;
            }

            async Task Download(SeqConnection connection, string link, System.IO.Stream file)
            {
                using (var download = await connection.Client.HttpClient.GetAsync(link))
                {
                    await download.Content.CopyToAsync(file);
                }
            }

            async Task<bool> AnotherMember(SeqConnection connection, string link)
            {
                var result = await connection.Client.GetAsync(link);
                return result.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    // Hangfire.HttpJob's client: an HttpClient option, else one from a per-host factory whose base class is in a missing
    // package. The '??' does not bind, so neither does the local; the side that binds says it is a client.
    private const string FallbackClient = """
        class Options
        {
            internal HttpClient HttpClient { get; set; }
        }

        class HostFactory : PerHostHttpClientFactory
        {
        }

        """;

    [Fact]
    public Task WellKnownCallOnAClientFallingBackToAnUnboundCall_Diagnostic() => VerifyAsync(FallbackClient + """
        class JobItem
        {
            private static readonly HostFactory s_factory = new HostFactory();
            private readonly Options _options = new Options();

            async Task<bool> PostAsync(string url, HttpRequestMessage message)
            {
                var client = _options.HttpClient ?? s_factory.GetHttpClient(url);
                var response = {|HCG003:await client.SendAsync(message)|};
                return response.StatusCode == System.Net.HttpStatusCode.OK;
            }

            async Task<bool> Reversed(string url)
            {
                var client = s_factory.GetHttpClient(url) ?? _options.HttpClient;
                var response = {|HCG003:await client.GetAsync(url)|};
                return response.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task WellKnownCallOnAClientFallingBackToAnUnboundCallDisposedOrNotAClient_NoDiagnostic() => VerifyAsync(FallbackClient + """
        class JobItem
        {
            private static readonly HostFactory s_factory = new HostFactory();
            private readonly Options _options = new Options();
            private readonly Repository _repository = null;

            async Task<bool> Disposed(string url, HttpRequestMessage message)
            {
                var client = _options.HttpClient ?? s_factory.GetHttpClient(url);
                using (var response = await client.SendAsync(message))
                {
                    return response.StatusCode == System.Net.HttpStatusCode.OK;
                }
            }

            async Task<bool> NotAClient(string url)
            {
                var repository = _repository ?? s_factory.GetRepository(url);
                var result = await repository.GetAsync(url);
                return result.IsSuccessStatusCode;
            }
        }

        class Repository
        {
        }
        """, s_halfTyped);

    // Masuit.MyBlogs' advertisement check: the continuation's body calls a logger and sets an enum whose packages are
    // missing, so ContinueWith itself does not bind; every candidate is Task's, and the lambda still reads the response.
    // {0}: what the continuation does with it.
    private const string UnboundContinuation = """
        class AdvertisementJob
        {
            void Check(HttpClient client, Advertisement ad)
            {
                client.GetAsync(ad.Url).ContinueWith(t =>
                {
                    if (t.IsCanceled || t.IsFaulted)
                    {
                        LogManager.Info("timed out " + ad.Id);
                        ad.Status = Status.Unavailable;
                    }

                    {0}
                }).Wait();
            }
        }

        class Advertisement
        {
            public string Url = "";
            public int Id;
            public int Status;
        }
        """;

    [Fact]
    public Task ContinuationThatDoesNotBindReadsTheResult_Diagnostic() => VerifyAsync(UnboundContinuation.Replace("client.GetAsync(ad.Url)", "{|HCG003:client.GetAsync(ad.Url)|}").Replace("{0}", """
        if (t.Result.StatusCode == System.Net.HttpStatusCode.NotFound)
                    {
                        LogManager.Info("gone " + ad.Id);
                        ad.Status = Status.Unavailable;
                    }
        """), s_halfTyped);

    [Fact]
    public Task ContinuationThatDoesNotBindDisposesOrHandsOnTheResult_NoDiagnostic() => VerifyAsync(UnboundContinuation.Replace("{0}", """
        using (var response = t.Result)
                    {
                        LogManager.Info("status " + response.StatusCode);
                        ad.Status = Status.Unavailable;
                    }
        """), s_halfTyped);

    // Google's HttpClientFactory.CreateDefaultHttpClient() and WebApi's HttpClientFactory.Create(...) with their packages
    // missing: the name of the first and the shape of the second say that they make a client.
    [Fact]
    public Task ClientOfAnUnboundClientMakingCall_Diagnostic() => VerifyAsync("""
        class CompressionHandler : DelegatingHandler { }

        class Jobs
        {
            async Task<string> Discover(GoogleFactory clientFactory)
            {
                using (var client = clientFactory.CreateDefaultHttpClient())
                {
                    var resp = {|HCG003:await client.GetAsync("http://metadata/")|};
                    resp.EnsureSuccessStatusCode();
                    return await resp.Content.ReadAsStringAsync();
                }
            }

            async Task<int> Import(string url, HttpMessageHandler inner)
            {
                using (var httpClient = HttpClientFactory.Create(new CompressionHandler()))
                using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                {
                    var response = {|HCG003:await httpClient.SendAsync(request)|};
                    using (var stream = await response.Content.ReadAsStreamAsync())
                    {
                        return stream.ReadByte();
                    }
                }
            }

            async Task<bool> Direct(string url, HttpMessageHandler inner)
            {
                var response = {|HCG003:await HttpClientFactory.Create(inner, new CompressionHandler()).GetAsync(url)|};
                return response.IsSuccessStatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ClientOfAnUnboundClientMakingCallResponseDisposedOrOtherMaker_NoDiagnostic() => VerifyAsync("""
        class Repository
        {
            public Task<List<string>> GetAsync(string url) => null;
        }

        class Repositories
        {
            public Repository CreateDefaultHttpClient() => new Repository();
        }

        class Jobs
        {
            async Task<string> Disposed(GoogleFactory clientFactory)
            {
                using (var client = clientFactory.CreateDefaultHttpClient())
                using (var resp = await client.GetAsync("http://metadata/"))
                {
                    return await resp.Content.ReadAsStringAsync();
                }
            }

            async Task<int> Bound(Repositories repositories, string url)
            {
                var repository = repositories.CreateDefaultHttpClient();
                var items = await repository.GetAsync(url);
                return items.Count;
            }

            async Task<bool> OtherName(ConnectionFactory connections, string url)
            {
                var connection = connections.CreateConnection();
                var result = await connection.GetAsync(url);
                return result.IsSuccessStatusCode;
            }

            async Task<System.IO.Stream> StreamReturned(string url)
            {
                var httpClient = HttpClientFactory.Create(new CompressionHandler());
                var response = await httpClient.GetAsync(url);
                return await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            }

            System.IO.Stream _body;

            async Task StreamKept(GoogleFactory clientFactory, string url)
            {
                var client = clientFactory.CreateDefaultHttpClient();
                var response = await client.GetAsync(url);
                var stream = await response.Content.ReadAsStreamAsync();
                _body = stream;
            }

        }

        class CompressionHandler : DelegatingHandler { }
        """, s_halfTyped);

    [Fact]
    public Task OwnFactoryNamedLikeWebApis_NoDiagnostic() => VerifyAsync("""
        class Repository
        {
            public Task<List<string>> GetAsync(string url) => null;
        }

        class Jobs
        {
            async Task<bool> OwnFactory(string url)
            {
                var result = await HttpClientFactory.Create().GetAsync(url);
                return result.Count > 0;
            }
        }

        static class HttpClientFactory
        {
            public static Repository Create() => new Repository();
        }
        """, s_halfTyped);

    [Fact]
    public Task ResponseOfUnboundTypeOnlyReadByHelper_Diagnostic() => VerifyAsync("""
        class Api
        {
            public Task<HttpResponseMessage> ExecuteAsync(string url, string payload) => null;
        }
        class C
        {
            async Task<int> M(Api api, string url)
            {
                var payload = JsonConvert.SerializeObject(new { url });
                var response = {|HCG003:await api.ExecuteAsync(url, payload).ConfigureAwait(false)|};
                return await FormatAsync(response).ConfigureAwait(false);
            }

            async Task<int> Status(Api api, string url)
            {
                var response = {|HCG003:await api.ExecuteAsync(url, Unknown.Payload)|};
                Log(response, "done");
                return 0;
            }

            private async Task<int> FormatAsync(HttpResponseMessage response)
            {
                var json = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return json.Length;
            }

            private void Log(HttpResponseMessage response, string text) => Console.WriteLine(text + response.StatusCode);
        }
        """, s_halfTyped);

    [Fact]
    public Task ResponseOfUnboundTypeHandedToHelperThatOwnsIt_NoDiagnostic() => VerifyAsync("""
        class Api
        {
            public Task<HttpResponseMessage> ExecuteAsync(string url, string payload) => null;
        }
        class Result : IDisposable
        {
            private readonly HttpResponseMessage _response;
            public Result(HttpResponseMessage response) => _response = response;
            public void Dispose() => _response.Dispose();
        }
        class C
        {
            private readonly List<HttpResponseMessage> _kept = new List<HttpResponseMessage>();

            async Task<int> Disposes(Api api, string url)
            {
                var response = await api.ExecuteAsync(url, Unknown.Payload);
                return await ReadAndDisposeAsync(response);
            }

            async Task<Result> Wrapped(Api api, string url)
            {
                var response = await api.ExecuteAsync(url, Unknown.Payload);
                return Wrap(response);
            }

            async Task Kept(Api api, string url)
            {
                var response = await api.ExecuteAsync(url, Unknown.Payload);
                _kept.Add(response);
            }

            async Task<int> CandidatesDisagree(Api api, string url)
            {
                var response = await api.ExecuteAsync(url, Unknown.Payload);
                return Handle(response, Unknown.Mode);
            }

            async Task<HttpResponseMessage> HandedBack(Api api, string url)
            {
                var response = await api.ExecuteAsync(url, Unknown.Payload);
                return Check(response);
            }

            private static async Task<int> ReadAndDisposeAsync(HttpResponseMessage response)
            {
                using (response)
                {
                    return (await response.Content.ReadAsStringAsync()).Length;
                }
            }

            private static Result Wrap(HttpResponseMessage response) => new Result(response);

            private static int Handle(HttpResponseMessage response, int mode) => (int)response.StatusCode;

            private static int Handle(HttpResponseMessage response, string mode)
            {
                response.Dispose();
                return 0;
            }

            private static HttpResponseMessage Check(HttpResponseMessage response) => response.EnsureSuccessStatusCode();
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughUnboundPolicyDeclaredResponse_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            async Task<int> M(Uri url, System.Threading.CancellationToken ct)
            {
                HttpResponseMessage response = {|HCG003:await RetryLogic()
                    .ExecuteAsync(async _ => await _client.GetAsync(url, ct).ConfigureAwait(false), ct)
                    .ConfigureAwait(false)|};
                return (int)response.StatusCode;
            }

            private static ResiliencePipeline<HttpResponseMessage> RetryLogic() => null;
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughUnboundPolicyDisposedOrNotDeclared_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            async Task<int> Disposed(Uri url, System.Threading.CancellationToken ct)
            {
                using (HttpResponseMessage response = await RetryLogic().ExecuteAsync(async _ => await _client.GetAsync(url, ct), ct))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<HttpResponseMessage> Returned(Uri url, System.Threading.CancellationToken ct)
            {
                HttpResponseMessage response = await RetryLogic().ExecuteAsync(async _ => await _client.GetAsync(url, ct), ct);
                return response;
            }

            async Task<int> NotDeclared(Uri url, System.Threading.CancellationToken ct)
            {
                var response = await RetryLogic().ExecuteAsync(async _ => await _client.GetAsync(url, ct), ct);
                object boxed = await RetryLogic().ExecuteAsync(async _ => await _client.GetAsync(url, ct), ct);
                return boxed.GetHashCode();
            }

            // Non-generic, in a file that does not import Polly: what its ExecuteAsync<T> returns is not known (a pipeline declared
            // ResiliencePipeline<HttpResponseMessage> returns the response: LambdaResponseThroughUnboundPolicyDeclaredOfResponses).
            private static ResiliencePipeline RetryLogic() => null;
        }
        """, s_halfTyped);

    // Polly missing in folder mode: the policy's chain names the response as its result, so its execution returns the response.
    [Fact]
    public Task LambdaResponseThroughUnboundPolicyOfResponses_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            private async Task<HttpResponseMessage> RetryAsync(Uri uri)
            {
                var request = {|HCG003:await Policy
                    .HandleResult<HttpResponseMessage>(message => message != null && !message.IsSuccessStatusCode)
                    .WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(1))
                    .ExecuteAsync(() =>
                    {
                        return this.SendOnceAsync(uri);
                    })|};
                if (!request.IsSuccessStatusCode)
                {
                    Console.WriteLine(request.StatusCode);
                    return new HttpResponseMessage();
                }

                return request;
            }

            async Task<int> Transient(Uri uri)
            {
                var response = {|HCG003:await HttpPolicyExtensions.HandleTransientHttpError()
                    .RetryAsync(2)
                    .ExecuteAsync(() => Client.GetAsync(uri))|};
                return (int)response.StatusCode;
            }

            private Task<HttpResponseMessage> SendOnceAsync(Uri uri) => Client.GetAsync(uri);
        }
        """, s_halfTyped);

    // A webhook notifier's retry: the policy is a local whose chain names the response as its result; its execution's
    // result, the response the lambda returns, is awaited and dropped.
    [Fact]
    public Task LambdaResponseThroughAnUnboundPolicyLocal_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            async Task Notify(Uri uri, HttpContent content)
            {
                var policy = Policy
                    .Handle<HttpRequestException>()
                    .OrResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode)
                    .WaitAndRetryAsync(3, retryAttempt => TimeSpan.FromSeconds(Math.Pow(2, retryAttempt)));

                {|HCG003:await policy.ExecuteAsync(async () =>
                {
                    var response = await Client.PostAsync(uri, content);
                    response.EnsureSuccessStatusCode();
                    return response;
                })|};
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughAnUnboundPolicyLocalDisposedOrOfAnotherResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            async Task<int> Disposed(Uri uri)
            {
                var policy = Policy.Handle<HttpRequestException>().OrResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2);
                using (var response = await policy.ExecuteAsync(() => Client.GetAsync(uri)))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<int> OtherResult(Uri uri)
            {
                var policy = Policy.HandleResult<string>(t => t == null).RetryAsync(2);
                var text = await policy.ExecuteAsync(async () =>
                {
                    using (var response = await Client.GetAsync(uri))
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                });
                return text.Length;
            }
        }
        """, s_halfTyped);

    // The response an unbound policy hands back, whose content stream is read here and neither returned nor stored: the
    // response still holds the connection, as for a bound response. A stream returned or stored takes the response along.
    [Fact]
    public Task UnboundPolicyResponseWhoseStreamIsReadHere_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly AsyncPolicy<HttpResponseMessage> s_policy = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2);
            private readonly HttpClient _client = new HttpClient();

            async Task<Reply> Search(System.Threading.CancellationToken cancellationToken)
            {
                var response = {|HCG003:await s_policy.ExecuteAsync(
                    async ct => await _client.GetAsync("http://x/search", ct).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false)|};
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(response.StatusCode.ToString());
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return await System.Text.Json.JsonSerializer.DeserializeAsync<Reply>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task UnboundPolicyResponseWhoseStreamIsReturnedOrStored_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly AsyncPolicy<HttpResponseMessage> s_policy = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2);
            private readonly HttpClient _client = new HttpClient();
            private System.IO.Stream _body;

            async Task<System.IO.Stream> Returned(System.Threading.CancellationToken cancellationToken)
            {
                var response = await s_policy.ExecuteAsync(ct => _client.GetAsync("http://x/file", ct), cancellationToken);
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                return stream;
            }

            async Task Stored(System.Threading.CancellationToken cancellationToken)
            {
                var response = await s_policy.ExecuteAsync(ct => _client.GetAsync("http://x/file", ct), cancellationToken);
                _body = await response.Content.ReadAsStreamAsync(cancellationToken);
            }

            // Handed to a call that does not bind and has no candidates (ASP.NET Core's Results.File, missing in folder mode).
            async Task<object> HandedToAnUnboundResult(System.Threading.CancellationToken cancellationToken)
            {
                var response = await s_policy.ExecuteAsync(ct => _client.GetAsync("http://x/file", ct), cancellationToken);
                var fileStream = await response.Content.ReadAsStreamAsync();
                return Results.File(fileStream, "video/mp4", enableRangeProcessing: true);
            }

            // Handed to a call whose overload resolution fails (the stream's type is not known) and whose one candidate keeps it
            // in the result it returns.
            async Task<object> HandedToACandidateThatKeepsIt(System.Threading.CancellationToken cancellationToken)
            {
                var response = await s_policy.ExecuteAsync(ct => _client.GetAsync("http://x/file", ct), cancellationToken);
                var fileStream = await response.Content.ReadAsStreamAsync();
                return FileResult.Of(fileStream, 0);
            }
        }

        sealed class FileResult
        {
            private readonly System.IO.Stream _stream;

            private FileResult(System.IO.Stream stream) => _stream = stream;

            public static FileResult Of(System.IO.Stream stream, long offset, bool ranges) => new FileResult(stream);
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughUnboundPolicyOfResponses_NoFixOffered()
    {
        // The local's type does not bind: 'using' over it might not compile, so no rewrite is offered.
        const string source = FixUsings + """
            class C
            {
                private static readonly HttpClient Client = new HttpClient();

                async Task<int> Transient(Uri uri)
                {
                    var response = {|HCG003:await Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2).ExecuteAsync(() => Client.GetAsync(uri))|};
                    return (int)response.StatusCode;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source, s_halfTyped);
    }

    [Fact]
    public Task LambdaResponseThroughUnboundPolicyOfResponsesOwnedOrOtherResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            private async Task<HttpResponseMessage> ReturnedOnEveryPath(Uri uri)
            {
                var request = await Policy
                    .HandleResult<HttpResponseMessage>(message => !message.IsSuccessStatusCode)
                    .WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(1))
                    .ExecuteAsync(() => Client.GetAsync(uri));
                if (!request.IsSuccessStatusCode)
                {
                    Console.WriteLine(request.StatusCode);
                }

                return request;
            }

            async Task<int> Disposed(Uri uri)
            {
                using (var response = await Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2).ExecuteAsync(() => Client.GetAsync(uri)))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<bool> Captured(Uri uri)
            {
                var result = await Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2).ExecuteAndCaptureAsync(() => Client.GetAsync(uri));
                return result.Outcome == OutcomeType.Successful;
            }

            async Task<int> OtherResult(Uri uri)
            {
                var text = await Policy.HandleResult<string>(t => t == null).RetryAsync(2).ExecuteAsync(async () =>
                {
                    var response = await Client.GetAsync(uri);
                    return response;
                });
                return text.GetHashCode();
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task JsonExtensionPackageMissingOnHttpClient_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Read(HttpClient httpClient, string url)
            {
                var response = {|HCG003:await httpClient.PostAsJsonAsync<Dictionary<string, string>>(url, new Dictionary<string, string>())|};
                var text = await response.Content.ReadAsStringAsync();
                return response.StatusCode + text;
            }

            async Task FireAndForget(HttpClient httpClient, string url, object body)
            {
                {|HCG003:await httpClient.PutAsJsonAsync(url, body)|};
            }
        }
        """, s_halfTyped);

    // A portable REST manager: the body is read through the status check's result, which is the response itself.
    [Fact]
    public Task JsonExtensionPackageMissingReadThroughTheStatusCheck_Diagnostic() => VerifyAsync("""
        class RestManager
        {
            private readonly HttpClient client = new HttpClient();

            async Task<string> PostAsync(string uri, object body)
            {
                var response = {|HCG003:await client.PostAsJsonAsync(uri, body)|};
                return await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            }

            string Post(string uri, object body)
            {
                var response = {|HCG003:client.PostAsJsonAsync(uri, body).Result|};
                return response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().Result;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task JsonExtensionPackageMissingStatusCheckResultHandedOnOrDisposed_NoDiagnostic() => VerifyAsync("""
        class RestManager
        {
            private readonly HttpClient client = new HttpClient();

            async Task<HttpResponseMessage> Checked(string uri, object body)
            {
                var response = await client.PostAsJsonAsync(uri, body);
                return response.EnsureSuccessStatusCode();
            }

            async Task<System.IO.Stream> Stream(string uri, object body)
            {
                var response = await client.PostAsJsonAsync(uri, body);
                return await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
            }

            async Task<string> Disposed(string uri, object body)
            {
                using (var response = await client.PostAsJsonAsync(uri, body))
                {
                    return await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
                }
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task JsonExtensionPackageMissingDisposedOrNotOnHttpClient_NoDiagnostic() => VerifyAsync("""
        class Repository
        {
        }
        class C
        {
            async Task<int> Disposed(HttpClient httpClient, string url, object body)
            {
                using (var response = await httpClient.PostAsJsonAsync(url, body))
                {
                    return (int)response.StatusCode;
                }
            }

            Task<HttpResponseMessage> Returned(HttpClient httpClient, string url, object body) => httpClient.PostAsJsonAsync(url, body);

            async Task OtherReceiver(Repository repository, object body)
            {
                await repository.PostAsJsonAsync("x", body);
                await Unknown.PostAsJsonAsync("x", body);
            }
        }
        """, s_halfTyped);

    // A netstandard2.0 SDK without its System.Net.Http.Json package in folder mode: the local does not bind, its content is
    // read into an object (ReadFromJsonAsync, WebApi.Client's ReadAsAsync), and the response is dropped.
    [Fact]
    public Task JsonExtensionPackageMissing_ContentReadIntoAnObject_Diagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient _http;

            async Task<string> Update(string url, object body, System.Threading.CancellationToken cancellationToken)
            {
                var response = {|HCG003:await _http.PutAsJsonAsync(url, body, cancellationToken: cancellationToken).ConfigureAwait(false)|};
                return await response.Content.ReadFromJsonAsync<string>(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            async Task<int> Legacy(string url, object body)
            {
                var response = {|HCG003:await _http.PostAsJsonAsync(url, body)|};
                return await response.Content.ReadAsAsync<int>();
            }
        }
        """, s_halfTyped);

    // The same readers called in their static form (arcmage's bot: HttpContentExtensions.ReadAsAsync<Game>(response.Content),
    // with WebApi.Client missing): the content is read, not handed on, and the response is dropped.
    [Fact]
    public Task JsonExtensionPackageMissing_ContentReadByAStaticFormReader_Diagnostic() => VerifyAsync("""
        class Game { public string name; }

        class C
        {
            private HttpClient HttpClient { get; } = new HttpClient();

            async void Play(string url)
            {
                var response = {|HCG003:HttpClient.PostAsJsonAsync(url, new Game { name = "x" }).Result|};
                var game = HttpContentExtensions.ReadAsAsync<Game>(response.Content).Result;
                System.Console.WriteLine(game.name);
                await Task.Yield();
            }

            async Task<string> Json(string url, object body)
            {
                var response = {|HCG003:await HttpClient.PutAsJsonAsync(url, body)|};
                return await HttpContentJsonExtensions.ReadFromJsonAsync<string>(response.Content);
            }
        }
        """, s_halfTyped);

    // Content handed to any other call, or as another argument of a reader, may be kept there: quiet, as before.
    [Fact]
    public Task JsonExtensionPackageMissing_ContentHandedToAnotherCall_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient HttpClient { get; } = new HttpClient();

            async Task<object> Keep(string url, object body)
            {
                var response = await HttpClient.PostAsJsonAsync(url, body);
                return Holder.Keep(response.Content);
            }

            async Task<object> Second(string url, object body)
            {
                var response = await HttpClient.PostAsJsonAsync(url, body);
                return await Readers.ReadAsAsync<object>(body, response.Content);
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task JsonExtensionPackageMissing_ContentHandedOutOrResponseDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient _http;

            async Task<System.IO.Stream> Stream(string url, object body)
            {
                var response = await _http.PutAsJsonAsync(url, body).ConfigureAwait(false);
                return await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            }

            async Task<System.Collections.Generic.IAsyncEnumerable<string>> Lazy(string url, object body)
            {
                var response = await _http.PostAsJsonAsync(url, body);
                return response.Content.ReadFromJsonAsAsyncEnumerable<string>();
            }

            async Task<string> Disposed(string url, object body)
            {
                using (var response = await _http.PutAsJsonAsync(url, body))
                {
                    return await response.Content.ReadFromJsonAsync<string>();
                }
            }
        }
        """, s_halfTyped);

    // HttpPostAsync(url, JsonConvert.SerializeObject(...)) with Newtonsoft.Json missing: the helper's one candidate returns a
    // response, the local does not bind, and a call on it is bound again with the receiver typed as a response.
    [Fact]
    public Task ResponseOfACallWithAnUnboundArgument_HandedToAnExtensionThatOnlyReadsIt_Diagnostic() => VerifyAsync("""
        static class ResponseExtensions
        {
            public static async Task ThrowIfNotSuccessfulAsync(this HttpResponseMessage response, string message, System.Func<dynamic, string> error)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new System.Exception(message + await response.Content.ReadAsStringAsync());
                }
            }
        }

        class OmbiClient
        {
            private HttpClient _client;

            public async Task Request(int id)
            {
                var response = {|HCG003:await HttpPostAsync("http://ombi/api/v1/Request/Movie", JsonConvert.SerializeObject(new { theMovieDbId = id }))|};
                await response.ThrowIfNotSuccessfulAsync("request failed", x => x.error);
            }

            private async Task<HttpResponseMessage> HttpPostAsync(string url, string content)
            {
                return await _client.PostAsync(url, new StringContent(content));
            }
        }
        """, s_halfTyped with { Targets = Targets.Net80 });

    [Fact]
    public Task ResponseOfACallWithAnUnboundArgument_HandedToAnExtensionThatDisposesOrReturnsIt_NoDiagnostic() => VerifyAsync("""
        static class ResponseExtensions
        {
            public static async Task ConsumeAsync(this HttpResponseMessage response)
            {
                using (response)
                {
                    await response.Content.ReadAsStringAsync();
                }
            }

            public static HttpResponseMessage Checked(this HttpResponseMessage response) => response.EnsureSuccessStatusCode();
        }

        class OmbiClient
        {
            private HttpClient _client;
            private HttpResponseMessage _last;

            public async Task Consumed(int id)
            {
                var response = await HttpPostAsync("http://ombi/api", JsonConvert.SerializeObject(id));
                await response.ConsumeAsync();
            }

            public async Task Kept(int id)
            {
                var response = await HttpPostAsync("http://ombi/api", JsonConvert.SerializeObject(id));
                _last = response.Checked();
            }

            public async Task UnknownExtension(int id)
            {
                var response = await HttpPostAsync("http://ombi/api", JsonConvert.SerializeObject(id));
                await response.ThrowIfNotSuccessfulAsync("request failed");
            }

            private async Task<HttpResponseMessage> HttpPostAsync(string url, string content)
            {
                return await _client.PostAsync(url, new StringContent(content));
            }
        }
        """, s_halfTyped with { Targets = Targets.Net80 });

    // Polly missing in folder mode, the policy kept in a local or field whose declared type (a factory's return type, the
    // field's type) names the response as the policy's result: its execution returns the response (Flagsmith's client).
    [Fact]
    public Task LambdaResponseThroughUnboundPolicyDeclaredOfResponses_Diagnostic() => VerifyAsync("""
        static class HttpPolicies
        {
            public static AsyncRetryPolicy<HttpResponseMessage> GetRetryPolicy(int retries) => null;
        }

        class C
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = null;

            public async Task<string> GetJson(Uri uri)
            {
                var policy = HttpPolicies.GetRetryPolicy(3);
                return await ({|HCG003:await policy.ExecuteAsync(async () =>
                {
                    var response = await Client.GetAsync(uri).ConfigureAwait(false);
                    return response.EnsureSuccessStatusCode();
                }).ConfigureAwait(false)|}).Content.ReadAsStringAsync().ConfigureAwait(false);
            }

            public async Task<int> Status(Uri uri)
            {
                var response = {|HCG003:await _policy.ExecuteAsync(() => Client.GetAsync(uri))|};
                return (int)response.StatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughUnboundPolicyDeclaredOfOtherResults_NoDiagnostic() => VerifyAsync("""
        static class HttpPolicies
        {
            public static AsyncRetryPolicy<string> GetRetryPolicy(int retries) => null;
        }

        class C
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly IAsyncPolicy<HttpResponseMessage> _policy = null;
            private readonly AsyncRetryHelper<HttpResponseMessage> _helper = null;

            public async Task<string> GetText(Uri uri)
            {
                var policy = HttpPolicies.GetRetryPolicy(3);
                return await policy.ExecuteAsync(async () =>
                {
                    using (var response = await Client.GetAsync(uri))
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                });
            }

            public async Task<int> Status(Uri uri)
            {
                using (var response = await _policy.ExecuteAsync(() => Client.GetAsync(uri)))
                {
                    return (int)response.StatusCode;
                }
            }

            // Not a policy or pipeline by its name: what its execution returns is not known.
            public async Task<int> Helper(Uri uri)
            {
                var response = await _helper.ExecuteAsync(() => Client.GetAsync(uri));
                return (int)response.StatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ReadOnlyInsideDelegateHandedToUnboundCall_Diagnostic() => VerifyAsync("""
        class DownloadDialog : Form
        {
            private readonly HttpClient _client = new HttpClient();

            void DownloadNext(string uri, string destination)
            {
                Task.Run(async () =>
                {
                    HttpResponseMessage response;
                    using (var file = System.IO.File.OpenWrite(destination))
                    {
                        response = {|HCG003:await _client.GetAsync(uri)|};
                        await response.Content.CopyToAsync(file);
                    }
                    this.Invoke(new Action(() => OnCompleted(response.IsSuccessStatusCode)));
                });
            }

            void Lambda(string uri)
            {
                Task.Run(async () =>
                {
                    var response = {|HCG003:await _client.GetAsync(uri)|};
                    BeginInvoke((Action)(() => OnCompleted(response.StatusCode == HttpStatusCode.OK)));
                });
            }

            void OnCompleted(bool succeeded) { }
        }
        """, s_halfTyped);

    [Fact]
    public Task DelegateHandedToUnboundCallTakesOrDisposesResponse_NoDiagnostic() => VerifyAsync("""
        class DownloadDialog : Form
        {
            private readonly HttpClient _client = new HttpClient();
            private Action _pending;

            void HandsItOn(string uri)
            {
                Task.Run(async () =>
                {
                    var response = await _client.GetAsync(uri);
                    this.Invoke(new Action(() => OnCompleted(response)));
                });
            }

            void DisposesIt(string uri)
            {
                Task.Run(async () =>
                {
                    var response = await _client.GetAsync(uri);
                    this.Invoke(new Action(() => { OnCompleted(response.IsSuccessStatusCode); response.Dispose(); }));
                });
            }

            void StoresTheDelegate(string uri)
            {
                Task.Run(async () =>
                {
                    var response = await _client.GetAsync(uri);
                    _pending = new Action(() => OnCompleted(response.IsSuccessStatusCode));
                    this.Invoke(_pending);
                });
            }

            void NestedInAnotherCreationThatReadsItsContent(string uri)
            {
                Task.Run(async () =>
                {
                    var response = await _client.GetAsync(uri);
                    this.Invoke(new Wrapper(new Action(() => OnCompleted(response.Content.ReadAsStringAsync().Result.Length > 0))));
                });
            }

            void OnCompleted(bool succeeded) { }
            void OnCompleted(HttpResponseMessage response) { using (response) { } }
        }
        class Wrapper { public Wrapper(Action a) { } }
        """, s_halfTyped);

    [Fact]
    public Task DelegateNestedInAnotherCreationOnlyReadsTheStatus_Diagnostic() => VerifyAsync("""
        class DownloadDialog : Form
        {
            private readonly HttpClient _client = new HttpClient();

            void NestedInAnotherCreation(string uri)
            {
                Task.Run(async () =>
                {
                    var response = {|HCG003:await _client.GetAsync(uri)|};
                    this.Invoke(new Wrapper(new Action(() => OnCompleted(response.IsSuccessStatusCode))));
                });
            }

            void OnCompleted(bool succeeded) { }
        }
        class Wrapper { public Wrapper(Action a) { } }
        """, s_halfTyped);
    [Fact]
    public Task ClientAskedOfAnUnboundServiceLocatorByItsType_Diagnostic() => VerifyAsync("""
        static class PasteSites
        {
            public static async Task<string[]> Allowed(IServiceProvider provider)
            {
                return (await ({|HCG003:await provider.Get<HttpClient>().GetAsync("https://paste.example/sites")|}).Content.ReadAsStringAsync()).Split(' ');
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task ClientAskedOfAnUnboundServiceLocatorDisposedOrAnotherTypeAsked_NoDiagnostic() => VerifyAsync("""
        static class PasteSites
        {
            public static async Task<int> Allowed(IServiceProvider provider)
            {
                using (var response = await provider.Get<HttpClient>().GetAsync("https://paste.example/sites"))
                {
                    return (int)response.StatusCode;
                }
            }

            public static async Task<object> Stored(IServiceProvider provider, int id)
            {
                var entry = await provider.Get<Repository>().GetAsync(id);
                return entry;
            }
        }
        """, s_halfTyped);
    // {0}: the compilation's methods named AppendWithHttpResponseHeaders; {1}, {2}: the markup around the response.
    private const string ResourceOfAMissingPackage = """
        class ResourceV2
        {
            public int StatusCode { get; set; }
            {0}
        }
        class RestClient
        {
            private static readonly HttpClient Client = new HttpClient();

            public T Get<T>(string url) where T : ResourceV2
            {
                HttpResponseMessage httpResponseMessage = {1}Client.GetAsync(url).Result{2};
                var response = JsonConvert.DeserializeObject<T>(httpResponseMessage.Content.ReadAsStringAsync().Result);
                response.AppendWithHttpResponseHeaders(httpResponseMessage);
                return response;
            }
        }
        """;

    private static string MissingPackage(string methods, bool reported) => ResourceOfAMissingPackage
        .Replace("{0}", methods).Replace("{1}", reported ? "{|HCG003:" : "").Replace("{2}", reported ? "|}" : "");

    private const string OnlyReadsHeaders =
        "public void AppendWithHttpResponseHeaders(HttpResponseMessage message) { StatusCode = (int)message.StatusCode; }";

    [Fact]
    public Task HandedToTheOnlySameNamedMethodOfAnUnboundReceiverThatOnlyReadsIt_Diagnostic() =>
        VerifyAsync(MissingPackage(OnlyReadsHeaders, reported: true), s_halfTyped);

    [Fact]
    public Task HandedToASameNamedMethodOfAnUnboundReceiverThatKeepsIt_NoDiagnostic() =>
        VerifyAsync(MissingPackage("public HttpResponseMessage Kept; public void AppendWithHttpResponseHeaders(HttpResponseMessage message) { Kept = message; }", reported: false), s_halfTyped);

    [Fact]
    public Task HandedToSameNamedMethodsOfAnUnboundReceiverThatDisagree_NoDiagnostic() =>
        VerifyAsync(MissingPackage(OnlyReadsHeaders + " } class Other { public HttpResponseMessage Kept; public void AppendWithHttpResponseHeaders(HttpResponseMessage message) { Kept = message; }", reported: false), s_halfTyped);

    [Fact]
    public Task HandedToAMethodOfAnUnboundReceiverTheCompilationLacks_NoDiagnostic() =>
        VerifyAsync(MissingPackage("public void AppendWithHeaders(HttpResponseMessage message) { StatusCode = (int)message.StatusCode; }", reported: false), s_halfTyped);

    [Fact]
    public Task HandedToASameNamedMethodTakingAnotherType_NoDiagnostic() =>
        VerifyAsync(MissingPackage("public void AppendWithHttpResponseHeaders(string message) { }", reported: false), s_halfTyped);
    [Fact]
    public Task HandedToTheOnlySameNamedMethodOfAnUnboundReceiverThatOnlyReadsIt_AddsUsing()
    {
        const string Dropped = """
                    HttpResponseMessage httpResponseMessage = Client.GetAsync(url).Result;
                    var response = JsonConvert.DeserializeObject<T>(httpResponseMessage.Content.ReadAsStringAsync().Result);
                    response.AppendWithHttpResponseHeaders(httpResponseMessage);
                    return response;
            """;
        var quiet = MissingPackage(OnlyReadsHeaders, reported: false);
        Assert.Contains(Dropped, quiet, StringComparison.Ordinal);
        return VerifyFixAsync(
            MissingPackage(OnlyReadsHeaders, reported: true),
            quiet.Replace(Dropped, """
                    using (HttpResponseMessage httpResponseMessage = Client.GetAsync(url).Result)
                    {
                        var response = JsonConvert.DeserializeObject<T>(httpResponseMessage.Content.ReadAsStringAsync().Result);
                        response.AppendWithHttpResponseHeaders(httpResponseMessage);
                        return response;
                    }
            """),
            quiet.Replace(Dropped, """
                    using HttpResponseMessage httpResponseMessage = Client.GetAsync(url).Result;
                    var response = JsonConvert.DeserializeObject<T>(httpResponseMessage.Content.ReadAsStringAsync().Result);
                    response.AppendWithHttpResponseHeaders(httpResponseMessage);
                    return response;
            """),
            s_halfTyped);
    }

    // A client from a helper whose package is missing: nothing about 'response' binds, but reading its Content as an HTTP
    // content says what it is. {0}: the method body after the client.
    private const string UnboundHelperClient = """
        class PartyFinder
        {
            public async Task<string> RequestAsync(string url)
            {
                var client = ClientHelper.Instance().Get();
                {0}
            }
        }
        """;

    [Fact]
    public Task ResponseOfAnUnboundClientReadAsContent_Diagnostic() => VerifyAsync(
        UnboundHelperClient.Replace("{0}", """
            var response = {|HCG003:await client.GetAsync(url).ConfigureAwait(false)|};
                    var content = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException(content);
                    }

                    return content;
            """) +
        UnboundHelperClient.Replace("PartyFinder", "Detail").Replace("{0}", """
            var response = {|HCG003:client.PostAsync(url, null).Result|};
                    return response.Content.ReadAsByteArrayAsync().Result.Length.ToString();
            """) +
        UnboundHelperClient.Replace("PartyFinder", "SizeProbe").Replace("{0}", """
            using (var request = new HttpRequestMessage(HttpMethod.Head, url))
                    {
                        var response = {|HCG003:await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead)|};
                        return response.Content.Headers.ContentLength?.ToString();
                    }
            """),
        s_halfTyped);

    [Fact]
    public Task ResponseOfAnUnboundClientDisposedOrNotReadAsContent_NoDiagnostic() => VerifyAsync(
        UnboundHelperClient.Replace("{0}", """
            using (var response = await client.GetAsync(url).ConfigureAwait(false))
                    {
                        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }
            """) +
        UnboundHelperClient.Replace("PartyFinder", "RestFinder").Replace("{0}", """
            var response = await client.GetAsync(url).ConfigureAwait(false);
                    return response.Content;
            """) +
        UnboundHelperClient.Replace("PartyFinder", "Returned").Replace("Task<string>", "Task<object>").Replace("{0}", """
            var response = await client.GetAsync(url).ConfigureAwait(false);
                    await response.Content.ReadAsStringAsync();
                    return response;
            """) +
        UnboundHelperClient.Replace("PartyFinder", "SizeProbe").Replace("{0}", """
            using (var request = new HttpRequestMessage(HttpMethod.Head, url))
                    {
                        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                        return response.Headers.ETag?.ToString();
                    }
            """) +
        UnboundHelperClient.Replace("PartyFinder", "DisposedProbe").Replace("{0}", """
            using (var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
                    {
                        return response.Content.Headers.ContentType?.ToString();
                    }
            """),
        s_halfTyped);

    // A host's result type (Emby's SubtitleResponse) missing in folder mode: {0} is what its object initializer is given.
    private const string UnboundResult = """
        class SubtitleProvider
        {
            private readonly HttpClient _http = new HttpClient();

            public async Task<SubtitleResponse> GetSubtitles(string url, System.Threading.CancellationToken ct)
            {
                var response = await {1}_http.GetAsync(url, ct){2};
                response.EnsureSuccessStatusCode();
                var stream = await response.Content.ReadAsStreamAsync();
                return new SubtitleResponse { Format = "srt", {0} };
            }
        }
        """;

    [Fact]
    public Task StreamStoredInTheInitializerOfAnUnboundResult_NoDiagnostic() => VerifyAsync(
        UnboundResult.Replace("{0}", "Stream = stream").Replace("{1}", "").Replace("{2}", ""), s_halfTyped);

    [Fact]
    public Task StreamOnlyReadForTheInitializerOfAnUnboundResult_Diagnostic() => VerifyAsync(
        UnboundResult.Replace("{0}", "Length = stream.Length").Replace("{1}", "{|HCG003:await ").Replace("{2}", "|}").Replace("await {|HCG003:await ", "{|HCG003:await "), s_halfTyped);

    // cacxcord (fifty-first held-out set): a switch over the verb whose POST arm serializes with a package folder mode lacks.
    // The switch has no type, but the declaration converts it to a response. {0}: the switch or conditional; {1}: after the
    // reads; {2}, {3}: the markup around each send.
    private const string VerbSwitch = """
        enum Verb { Get, Post }

        class Limiter
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> SendAsync(Verb verb, object input, string endpoint)
            {
                HttpResponseMessage response = {0};
                var json = await response.Content.ReadAsStringAsync();
                {1}
                return json;
            }
        }
        """;

    private static string Switched(string after, bool reported) => VerbSwitch
        .Replace("{0}", """
            verb switch
                    {
                        Verb.Get => {2}await _client.GetAsync(endpoint){3},
                        Verb.Post => {2}await _client.PostAsync(endpoint, new StringContent(JsonConvert.SerializeObject(input))){3},
                        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
                    }
            """)
        .Replace("{1}", after).Replace("{2}", reported ? "{|HCG003:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task SwitchArmsOfAResponseWhoseOtherArmDoesNotBind_Diagnostic() => VerifyAsync(Switched(string.Empty, reported: true), s_halfTyped);

    [Fact]
    public Task SwitchArmsOfAResponseWhoseOtherArmDoesNotBindDisposed_NoDiagnostic() => VerifyAsync(Switched("response.Dispose();", reported: false), s_halfTyped);

    [Fact]
    public Task ConditionalBranchesOfAResponseWhoseOtherBranchDoesNotBind_Diagnostic() => VerifyAsync(VerbSwitch
        .Replace("{0}", "verb == Verb.Get ? {|HCG003:await _client.GetAsync(endpoint)|} : {|HCG003:await _client.PostAsync(endpoint, new StringContent(JsonConvert.SerializeObject(input)))|}")
        .Replace("{1}", string.Empty), s_halfTyped);

    [Fact]
    public Task ConditionalBranchesOfAResponseWhoseOtherBranchDoesNotBindDisposed_NoDiagnostic() => VerifyAsync(VerbSwitch
        .Replace("{0}", "verb == Verb.Get ? await _client.GetAsync(endpoint) : await _client.PostAsync(endpoint, new StringContent(JsonConvert.SerializeObject(input)))")
        .Replace("{1}", "response.Dispose();"), s_halfTyped);

    // Converted to anything but a response, the arm that does not bind may make something else: not followed.
    [Fact]
    public Task SwitchArmsOfAnObjectWhoseOtherArmDoesNotBind_NoDiagnostic() => VerifyAsync("""
        enum Verb { Get, Post }

        class Limiter
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> SendAsync(Verb verb, object input, string endpoint)
            {
                object result = verb switch
                {
                    Verb.Get => await _client.GetAsync(endpoint),
                    Verb.Post => await Serializer.PostJsonAsync(_client, endpoint, input),
                    _ => throw new ArgumentOutOfRangeException(nameof(verb)),
                };
                return result.GetHashCode();
            }
        }
        """, s_halfTyped);
}
