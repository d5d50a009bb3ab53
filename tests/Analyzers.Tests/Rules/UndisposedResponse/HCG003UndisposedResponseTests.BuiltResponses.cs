using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>Responses a method of the compilation builds itself (server code answering a request) hold no connection.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // A Web API style controller base: Request.CreateResponse / CreateErrorResponse build responses, and so do its helpers.
    private const string FilesControllerBase = """
        static class WebApiExtensions
        {
            public static HttpResponseMessage CreateResponse(this HttpRequestMessage request, System.Net.HttpStatusCode status) =>
                new HttpResponseMessage(status) { RequestMessage = request };

            public static HttpResponseMessage CreateErrorResponse(this HttpRequestMessage request, System.Net.HttpStatusCode status, Exception error) =>
                new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(error.Message) };
        }

        abstract class FilesControllerBase
        {
            protected static readonly HttpClient Client = new HttpClient();

            public HttpRequestMessage Request { get; set; }

            public virtual Task<HttpResponseMessage> CreateDeleteResponse(string path)
            {
                try
                {
                    System.IO.File.Delete(path);
                    HttpResponseMessage success = Request.CreateResponse(System.Net.HttpStatusCode.OK);
                    return Task.FromResult(success);
                }
                catch (Exception e)
                {
                    HttpResponseMessage notFound = Request.CreateErrorResponse(System.Net.HttpStatusCode.NotFound, e);
                    return Task.FromResult(notFound);
                }
            }

            protected HttpResponseMessage NotModified() => new HttpResponseMessage(System.Net.HttpStatusCode.NotModified);

            protected Task<HttpResponseMessage> Download(string path)
            {
                HttpResponseMessage response = null;
                if (System.IO.File.Exists(path))
                {
                    response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
                    response.Content = new StreamContent(System.IO.File.OpenRead(path));
                }

                return Task.FromResult(response);
            }
        }

        """;

    [Fact]
    public Task ResponseBuiltByTheBaseControllerDroppedOnOnePath_NoDiagnostic() => VerifyAsync(FilesControllerBase + """
        class ScmController : FilesControllerBase
        {
            public override async Task<HttpResponseMessage> CreateDeleteResponse(string path)
            {
                var response = await base.CreateDeleteResponse(path);
                if (path.Length > 3)
                {
                    return Request.CreateResponse(System.Net.HttpStatusCode.Conflict);
                }

                return response;
            }

            public int NotModifiedStatus()
            {
                var response = NotModified();
                return (int)response.StatusCode;
            }

            public async Task<long?> DownloadLength(string path)
            {
                var response = await Download(path);
                return response?.Content.Headers.ContentLength;
            }
        }
        """);

    [Fact]
    public Task ResponseFromAVirtualBuilderAnOverrideReplacesWithAReceivedOne_Diagnostic() => VerifyAsync(FilesControllerBase + """
        class ProxyController : FilesControllerBase
        {
            public override async Task<HttpResponseMessage> CreateDeleteResponse(string path) =>
                await Client.DeleteAsync("http://x/" + path);
        }

        class Caller
        {
            public async Task<int> Delete(FilesControllerBase controller)
            {
                var response = {|HCG003:await controller.CreateDeleteResponse("a")|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task ResponseBuiltAroundAReceivedBodyOrReceivedOnOnePath_Diagnostic() => VerifyAsync(FilesControllerBase + """
        class RelayController : FilesControllerBase
        {
            public async Task<int> Relayed(string path)
            {
                var relayed = {|HCG003:await RelayContent(path)|};
                var streamed = {|HCG003:await RelayStream(path)|};
                var cachedOrFetched = {|HCG003:await NotModifiedOrFetched(path)|};
                return (int)relayed.StatusCode + (int)streamed.StatusCode + (int)cachedOrFetched.StatusCode;
            }

            private async Task<HttpResponseMessage> RelayContent(string path)
            {
                var upstream = await Client.GetAsync("http://x/" + path, HttpCompletionOption.ResponseHeadersRead);
                return new HttpResponseMessage(upstream.StatusCode) { Content = upstream.Content };
            }

            private async Task<HttpResponseMessage> RelayStream(string path)
            {
                var body = await Client.GetStreamAsync("http://x/" + path);
                var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
                response.Content = new StreamContent(body);
                return response;
            }

            private async Task<HttpResponseMessage> NotModifiedOrFetched(string path)
            {
                if (path.Length == 0)
                {
                    return NotModified();
                }

                return await Client.GetAsync("http://x/" + path);
            }
        }
        """);
    // A client wrapper that reads each real response into bytes (disposing it) and hands back an in-memory copy it builds.
    private const string CopyingClient = """
        class CopyingClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
            {
                using (var received = await _client.SendAsync(request))
                {
                    var body = await received.Content.ReadAsByteArrayAsync();
                    return Copy(received.StatusCode, body);
                }
            }

            public async Task<HttpResponseMessage> GetAsync(string url) =>
                await SendAsync(new HttpRequestMessage(HttpMethod.Get, url)).ConfigureAwait(false);

            public virtual Task<HttpResponseMessage> PostAsync(string url, HttpContent content) =>
                SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = content });

            public Task<HttpResponseMessage> RelayAsync(string url) => Relay(url);

            private static HttpResponseMessage Copy(System.Net.HttpStatusCode status, byte[] body)
            {
                HttpResponseMessage copy = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
                return copy;
            }

            private async Task<HttpResponseMessage> Relay(string url)
            {
                var upstream = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                return new HttpResponseMessage(upstream.StatusCode) { Content = upstream.Content };
            }
        }

        """;

    [Fact]
    public Task InMemoryCopyFromAWrapperThatBuildsItThroughAnotherMethod_NoDiagnostic() => VerifyAsync(CopyingClient + """
        class Caller
        {
            private readonly CopyingClient _client = new CopyingClient();

            public async Task<int> Status(string url)
            {
                var sent = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
                var fetched = await _client.GetAsync(url);
                return (int)sent.StatusCode + (int)fetched.StatusCode;
            }
        }
        """);

    [Fact]
    public Task ResponseFromAWrapperThatReturnsAReceivedOneOrCanBeOverridden_Diagnostic() => VerifyAsync(CopyingClient + """
        class Caller
        {
            private readonly CopyingClient _client = new CopyingClient();

            public async Task<int> Status(string url, HttpContent content)
            {
                var relayed = {|HCG003:await _client.RelayAsync(url)|};
                var posted = {|HCG003:await _client.PostAsync(url, content)|};
                return (int)relayed.StatusCode + (int)posted.StatusCode;
            }
        }
        """);

    // A retry wrapper (Polly's ExecuteAsync shape) whose lambda assigns the method's local.
    private const string RetryingClient = """
        class Retry
        {
            public async Task ExecuteAsync(Func<Task> action)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try { await action(); return; }
                    catch (HttpRequestException) when (attempt < 3) { }
                }
            }
        }

        class RetryingClient
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly Retry _retry = new Retry();

            public async Task<HttpResponseMessage> PostAsync(string url, HttpContent body)
            {
                HttpResponseMessage response = null;
                try
                {
                    await _retry.ExecuteAsync(async () => { response = await Client.PostAsync(url, body); });
                }
                catch (HttpRequestException e)
                {
                    return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { ReasonPhrase = e.Message };
                }

                return response;
            }

            public async Task<HttpResponseMessage> FallbackAsync(string url)
            {
                HttpResponseMessage response = null;
                await _retry.ExecuteAsync(async () =>
                {
                    using (var received = await Client.GetAsync(url))
                    {
                        response = new HttpResponseMessage(received.StatusCode);
                    }
                });
                return response;
            }

            public async Task<HttpResponseMessage> ShadowedAsync(string url)
            {
                if (url.Length > 0)
                {
                    await _retry.ExecuteAsync(async () =>
                    {
                        HttpResponseMessage response = null;
                        response = await Client.GetAsync(url);
                        response.Dispose();
                    });
                }

                {
                    var response = new HttpResponseMessage(System.Net.HttpStatusCode.Accepted);
                    return response;
                }
            }
        }

        """;

    [Fact]
    public Task ResponseALambdaReceivesIntoTheLocalTheMethodReturns_Diagnostic() => VerifyAsync(RetryingClient + """
        class Caller
        {
            private readonly RetryingClient _client = new RetryingClient();

            public async Task<int> Post(string url, HttpContent content)
            {
                var response = {|HCG003:await _client.PostAsync(url, content)|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task ResponseALambdaBuildsIntoTheLocalOrThatALambdaReceivesIntoItsOwnLocal_NoDiagnostic() => VerifyAsync(RetryingClient + """
        class Caller
        {
            private readonly RetryingClient _client = new RetryingClient();

            public async Task<int> Status(string url)
            {
                var fallback = await _client.FallbackAsync(url);
                var shadowed = await _client.ShadowedAsync(url);
                return (int)fallback.StatusCode + (int)shadowed.StatusCode;
            }
        }
        """);
}
