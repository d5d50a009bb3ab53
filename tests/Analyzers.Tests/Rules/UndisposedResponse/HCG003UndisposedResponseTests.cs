using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

[Trait("Rule", "HCG003")]
public sealed partial class HCG003UndisposedResponseTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string body, TestOptions? options = null) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(Usings + body, options);

    [Fact]
    public Task AwaitedLocalNeverDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task DiscardedPost_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                {|HCG003:await client.PostAsync("http://x", new StringContent("a"))|};
            }
        }
        """);

    [Fact]
    public Task DiscardAssignment_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                _ = {|HCG003:await client.DeleteAsync("http://x")|};
            }
        }
        """);

    [Fact]
    public Task ChainedContentRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                return await ({|HCG003:await client.GetAsync("http://x")|}).Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task ChainedEnsureSuccessStatusCodeDiscarded_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                {|HCG003:(await client.PutAsync("http://x", null)).EnsureSuccessStatusCode()|};
            }
        }
        """);

    [Fact]
    public Task ResultInSyncCode_Diagnostic() => VerifyAsync("""
        class C
        {
            bool M(HttpClient client)
            {
                var response = {|HCG003:client.GetAsync("http://x").Result|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task GetAwaiterGetResult_Diagnostic() => VerifyAsync("""
        class C
        {
            bool M(HttpClient client)
            {
                return {|HCG003:client.GetAsync("http://x").GetAwaiter().GetResult()|}.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task ConfigureAwaitFalse_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x").ConfigureAwait(false)|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task SendAsyncOnMessageInvoker_Diagnostic() => VerifyAsync("""
        using System.Threading;
        class C
        {
            async Task<bool> M(HttpMessageInvoker invoker, HttpRequestMessage request)
            {
                var response = {|HCG003:await invoker.SendAsync(request, CancellationToken.None)|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task SyncSendOnNet8_Diagnostic() => VerifyAsync("""
        class C
        {
            bool M(HttpClient client, HttpRequestMessage request)
            {
                var response = {|HCG003:client.Send(request)|};
                return response.IsSuccessStatusCode;
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task UserMethodReturningTaskOfResponse_Diagnostic() => VerifyAsync("""
        class Api
        {
            private readonly HttpClient _client = new HttpClient();
            public Task<HttpResponseMessage> FetchOrders() => _client.GetAsync("http://x/orders");
        }
        class C
        {
            async Task<bool> M(Api api)
            {
                var response = {|HCG003:await api.FetchOrders()|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task GenericRetryHelperWithLambda_Diagnostic() => VerifyAsync("""
        static class Retry
        {
            public static async Task<T> Run<T>(Func<Task<T>> action) => await action();
        }
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                var response = {|HCG003:await Retry.Run(() => client.GetAsync("http://x"))|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task EarlyReturnSkipsDispose_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                var text = await response.Content.ReadAsStringAsync();
                response.Dispose();
                return text;
            }
        }
        """);

    [Fact]
    public Task DisposedOnlyInsideLoopBreak_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client, string[] urls)
            {
                foreach (var url in urls)
                {
                    var response = {|HCG003:await client.GetAsync(url)|};
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    response.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task PassedToBorrowingMethod_Diagnostic() => VerifyAsync("""
        class C
        {
            static void Log(HttpResponseMessage response) => Console.WriteLine(response.StatusCode);

            async Task M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                Log(response);
            }
        }
        """);

    [Fact]
    public Task InsideLambda_Diagnostic() => VerifyAsync("""
        class C
        {
            Func<Task<bool>> M(HttpClient client) => async () =>
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                return response.IsSuccessStatusCode;
            };
        }
        """);

    [Fact]
    public Task UsingStatement_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task UsingVarInAsyncMethod_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x");
                return await response.Content.ReadAsStringAsync();
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task UsingOverDiscardedResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                using (await client.PostAsync("http://x", null)) { }
            }
        }
        """);

    [Fact]
    public Task TryFinallyConditionalDispose_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await client.GetAsync("http://x");
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
                finally
                {
                    response?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task DisposedOnEveryBranch_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                if (!response.IsSuccessStatusCode)
                {
                    response.Dispose();
                    return null;
                }

                var text = await response.Content.ReadAsStringAsync();
                if (response != null)
                {
                    response.Dispose();
                }

                return text;
            }
        }
        """);

    [Fact]
    public Task UsingOverExistingLocal_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                using (response)
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """);

    [Fact]
    public Task ReturnedToCaller_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                response.EnsureSuccessStatusCode();
                return response;
            }

            Task<HttpResponseMessage> Direct(HttpClient client) => client.GetAsync("http://x");
        }
        """);

    [Fact]
    public Task StoredInFieldCollectionOrOut_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpResponseMessage _last;
            private readonly List<HttpResponseMessage> _all = new List<HttpResponseMessage>();

            async Task Field(HttpClient client) => _last = await client.GetAsync("http://x");

            async Task Collection(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                _all.Add(response);
            }

            bool Out(HttpClient client, out HttpResponseMessage response)
            {
                response = client.GetAsync("http://x").Result;
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task CapturedByLambdaOrWrapped_NoDiagnostic() => VerifyAsync("""
        sealed class ApiResult : IDisposable
        {
            public ApiResult(HttpResponseMessage response) => Response = response;
            public HttpResponseMessage Response { get; }
            public void Dispose() => Response.Dispose();
        }
        class C
        {
            async Task<Func<bool>> Captured(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                return () => response.IsSuccessStatusCode;
            }

            async Task<ApiResult> Wrapped(HttpClient client) => new ApiResult(await client.GetAsync("http://x"));
        }
        """);

    [Fact]
    public Task NewResponseReturnedFromHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using System.Threading;
        class StubHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK);
                return Task.FromResult(response);
            }
        }
        class Forwarding : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                response.Headers.Add("X-Seen", "1");
                return response;
            }
        }
        """);

    [Fact]
    public Task UserGetAsyncReturningOtherType_NoDiagnostic() => VerifyAsync("""
        using System.Xml;
        class Repository
        {
            public Task<XmlNode> GetAsync(string id) => Task.FromResult<XmlNode>(null);
            public Task<int> SendAsync(string id) => Task.FromResult(0);
        }
        class C
        {
            async Task M(Repository repository)
            {
                await repository.GetAsync("1");
                var node = await repository.GetAsync("2");
                await repository.SendAsync("3");
            }
        }
        """);

    [Fact]
    public Task FireAndForgetTaskOrWhenAll_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                var first = client.GetAsync("http://x/1");
                var second = client.GetAsync("http://x/2");
                var responses = await Task.WhenAll(first, second);
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task RetryHelperReturningResponseToCaller_NoDiagnostic() => VerifyAsync("""
        static class Retry
        {
            public static async Task<T> Run<T>(Func<Task<T>> action) => await action();
        }
        class C
        {
            Task<HttpResponseMessage> M(HttpClient client) => Retry.Run(() => client.GetAsync("http://x"));

            async Task<bool> Disposed(HttpClient client)
            {
                using (var response = await Retry.Run(() => client.GetAsync("http://x")))
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """);

    [Fact]
    public Task ContentStreamHandedToCaller_NoDiagnostic() => VerifyAsync("""
        using System.IO;
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.ReadAsStreamAsync();
            }

            async Task<HttpContent> Content(HttpClient client) => (await client.GetAsync("http://x")).Content;
        }
        """);

    // A requester that returns a response's content stream chosen by a condition; {0}: the response's markup; {1}: the choice.
    private const string StreamRequester = """
        using System.IO;
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            protected virtual Task<HttpResponseMessage> SendRequestAsync(string url) =>
                _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);

            public virtual async Task<Stream> RequestStreamAsync(string url)
            {
                var response = {0};
                var stream = {1};
                return stream;
            }
        }
        """;

    [Fact]
    public Task ContentStreamHandedToCallerUnlessThereIsNoContent_NoDiagnostic() => VerifyAsync(StreamRequester
        .Replace("{0}", "await this.SendRequestAsync(url).ConfigureAwait(false)")
        .Replace("{1}", "response.Content == null ? null : await response.Content.ReadAsStreamAsync().ConfigureAwait(false)"));

    [Fact]
    public Task ContentStreamHandedToCallerOnlyOnSuccess_Diagnostic() => VerifyAsync(StreamRequester
        .Replace("{0}", "{|HCG003:await this.SendRequestAsync(url).ConfigureAwait(false)|}")
        .Replace("{1}", "response.IsSuccessStatusCode ? await response.Content.ReadAsStreamAsync().ConfigureAwait(false) : null"));

    [Fact]
    public Task ContentReadAndDropped_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                var content = response.Content;
                return await content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task UsingOverAssignment_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (response = await client.GetAsync("http://x"))
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """);

    [Fact]
    public Task EarlyReturnInLambdaAndLocalFunction_Diagnostic() => VerifyAsync("""
        class C
        {
            Func<Task<bool>> Lambda(HttpClient client) => async () =>
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                response.Dispose();
                return false;
            };

            async Task<bool> Outer(HttpClient client)
            {
                return await Local();

                async Task<bool> Local()
                {
                    var response = {|HCG003:await client.GetAsync("http://x")|};
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }

                    response.Dispose();
                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task DisposedOnEveryPathInLambdaAndLocalFunction_NoDiagnostic() => VerifyAsync("""
        class C
        {
            Func<Task<bool>> Lambda(HttpClient client) => async () =>
            {
                var response = await client.GetAsync("http://x");
                var ok = response.IsSuccessStatusCode;
                response.Dispose();
                return ok;
            };

            async Task<bool> Outer(HttpClient client)
            {
                return await Local();

                async Task<bool> Local()
                {
                    var response = await client.GetAsync("http://x");
                    try
                    {
                        return response.IsSuccessStatusCode;
                    }
                    finally
                    {
                        response.Dispose();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task DisposedInLoopBeforeReassignment_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client, string[] urls)
            {
                var ok = 0;
                foreach (var url in urls)
                {
                    var response = await client.GetAsync(url);
                    if (response.IsSuccessStatusCode)
                    {
                        ok++;
                        response.Dispose();
                        continue;
                    }

                    response.Dispose();
                }

                return ok;
            }
        }
        """);

    [Fact]
    public Task TopLevelStatements_Diagnostic() => VerifyAsync("""
        using var client = new HttpClient();
        var response = {|HCG003:await client.GetAsync("http://x")|};
        Console.WriteLine(response.StatusCode);
        """, TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task HandedToHelperThatDisposesIt_NoDiagnostic() => VerifyAsync("""
        static class Responses
        {
            public static async Task<string> ReadAndDisposeAsync(this HttpResponseMessage response)
            {
                using (response)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        class C
        {
            static bool Check(HttpResponseMessage response)
            {
                var ok = response.IsSuccessStatusCode;
                response?.Dispose();
                return ok;
            }

            async Task<string> Extension(HttpClient client) => await (await client.GetAsync("http://x")).ReadAndDisposeAsync();

            async Task<bool> Static(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                return Check(response);
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatOnlyReadsIt_Diagnostic() => VerifyAsync("""
        class C
        {
            static bool Check(HttpResponseMessage response) => response.IsSuccessStatusCode;

            async Task<bool> M(HttpClient client) => Check({|HCG003:await client.GetAsync("http://x")|});
        }
        """);

    [Fact]
    public Task ConditionalBetweenTwoCalls_EachReportedOnce() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, bool post)
            {
                var response = post ? {|HCG003:await client.PostAsync("http://x", null)|} : {|HCG003:await client.GetAsync("http://x")|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task HalfTypedCode_OnlyCompilerErrors() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client)
            {
                var response = await client.GetAsync("http://x"){|CS1002:|}
                var other = await client.{|CS1061:Missing|}("http://y");
                await {|CS0103:Unknown|}.GetAsync("z");
                response.Dispose();
                await client.{|CS1501:GetAsync|}({|CS1026:|}{|CS1002:|}
            }
        }
        """);

    [Fact]
    public Task ValidCodeSample_NoDiagnostic() => VerifyAsync("""
        using System.IO;
        using System.Threading;
        sealed class OrdersClient
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string> GetOrdersAsync(CancellationToken cancellationToken)
            {
                using (var response = await Client.GetAsync("http://x/orders", cancellationToken).ConfigureAwait(false))
                {
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
            }

            public async Task<bool> PingAsync()
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await Client.GetAsync("http://x/ping", HttpCompletionOption.ResponseHeadersRead);
                    return response.IsSuccessStatusCode;
                }
                finally
                {
                    if (response != null)
                    {
                        response.Dispose();
                    }
                }
            }

            public Task<HttpResponseMessage> RawAsync(HttpRequestMessage request) => Client.SendAsync(request);
        }
        """);

    // A generic helper named like HttpClient's methods, asked for the response itself: the caller owns what it returns.
    private const string GenericHelper = """
        interface IHttpHelper
        {
            Task<T> GetAsync<T>(Uri uri);
        }

        """;

    [Fact]
    public Task GenericHelperAskedForTheResponse_Diagnostic() => VerifyAsync(GenericHelper + """
        class C
        {
            async Task<int> M(IHttpHelper helper)
            {
                var response = {|HCG003:await helper.GetAsync<HttpResponseMessage>(new Uri("http://x")).ConfigureAwait(false)|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task GenericHelperResponseDisposedOrAskedForAnotherType_NoDiagnostic() => VerifyAsync(GenericHelper + """
        class C
        {
            async Task<int> M(IHttpHelper helper)
            {
                using (var response = await helper.GetAsync<HttpResponseMessage>(new Uri("http://x")))
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<int> Text(IHttpHelper helper)
            {
                var text = await helper.GetAsync<string>(new Uri("http://x"));
                return text.Length;
            }
        }
        """);
    [Fact]
    public Task LocalNamedByNameofInALogMessage_Diagnostic() => VerifyAsync("""
        class WeatherProvider
        {
            private readonly HttpClient _httpClient = new HttpClient();
            private string _weather;

            public async Task<string> RetrieveFor(string url)
            {
                var currentResponseData = {|HCG003:await _httpClient.GetAsync(new Uri(url))|};
                if (!currentResponseData.IsSuccessStatusCode)
                {
                    Console.WriteLine($"could not retrieve {nameof(currentResponseData)}");
                    return _weather;
                }

                _weather = await currentResponseData.Content.ReadAsStringAsync();
                return _weather;
            }
        }
        """);

    [Fact]
    public Task LocalNamedByNameofAndDisposed_NoDiagnostic() => VerifyAsync("""
        class WeatherProvider
        {
            private readonly HttpClient _httpClient = new HttpClient();

            public async Task<string> RetrieveFor(string url)
            {
                using (var currentResponseData = await _httpClient.GetAsync(new Uri(url)))
                {
                    if (!currentResponseData.IsSuccessStatusCode)
                    {
                        return nameof(currentResponseData);
                    }

                    return await currentResponseData.Content.ReadAsStringAsync();
                }
            }
        }
        """);
}
