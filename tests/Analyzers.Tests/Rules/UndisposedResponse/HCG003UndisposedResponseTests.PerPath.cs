using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>Escape decided per path: handed on (returned, stored, thrown inside an exception) on one path, dropped on another.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task ReturnedOnOneBranchDroppedOnOther_DiagnosticNamesThePath() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, bool keep)
            {
                var response = {|#0:await client.GetAsync("http://x")|};
                if (keep)
                {
                    return response;
                }

                return null;
            }
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'GetAsync' is neither disposed nor handed on along the path through line 13; dispose it with 'using' so that its connection goes back to the pool");

    [Fact]
    public Task ThrownInsideExceptionOnFailureDroppedOnSuccess_Diagnostic() => VerifyAsync("""
        class ApiException : Exception
        {
            public ApiException(HttpResponseMessage response) { Response = response; }
            public HttpResponseMessage Response { get; }
        }
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (!response.IsSuccessStatusCode)
                {
                    throw new ApiException(response);
                }

                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task StoredOnOneBranchDroppedOnOther_Diagnostic() => VerifyAsync("""
        class C
        {
            private HttpResponseMessage _last;

            async Task M(HttpClient client, bool keep)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (keep)
                {
                    _last = response;
                }
            }
        }
        """);

    [Fact]
    public Task RetryLoopOverwritesResponse_DiagnosticNamesTheAssignment() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    response = {|#0:await client.GetAsync("http://x")|};
                    if ((int)response.StatusCode < 500)
                    {
                        break;
                    }
                }

                return response;
            }
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'GetAsync' is overwritten on line 10 while nothing has disposed it or taken it over; dispose it with 'using' so that its connection goes back to the pool");

    [Fact]
    public Task RetryLoopWithCatchOverwritesResponse_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<(HttpResponseMessage, int)> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                Exception error;
                var retry = 0;
                while (true)
                {
                    error = null;
                    try
                    {
                        response = {|HCG003:await client.GetAsync("http://x")|};
                    }
                    catch (HttpRequestException e)
                    {
                        error = e;
                    }

                    if (retry > 2 || (error == null && (int)response.StatusCode < 500))
                    {
                        break;
                    }

                    retry++;
                }

                if (error != null)
                {
                    throw error;
                }

                return (response, retry);
            }
        }
        """);

    [Fact]
    public Task DisposedBeforeEachRetryAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    response?.Dispose();
                    response = await client.GetAsync("http://x");
                    if ((int)response.StatusCode < 500)
                    {
                        break;
                    }
                }

                return response;
            }

            async Task<HttpResponseMessage> Explicit(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                while ((int)response.StatusCode >= 500)
                {
                    response.Dispose();
                    response = await client.GetAsync("http://x");
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task ReturnedOnSuccessThrownWithoutItOnFailure_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException("failed: " + response.StatusCode);
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task ReturnedOnOneBranchDisposedOrThrownOnOthers_NoDiagnostic() => VerifyAsync("""
        class ApiException : Exception
        {
            public ApiException(HttpResponseMessage response) { Response = response; }
            public HttpResponseMessage Response { get; }
        }
        class C
        {
            private HttpResponseMessage _last;

            async Task<HttpResponseMessage> Disposed(HttpClient client, bool keep)
            {
                var response = await client.GetAsync("http://x");
                if (keep)
                {
                    return response;
                }

                response.Dispose();
                return null;
            }

            async Task<HttpResponseMessage> Thrown(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                if (!response.IsSuccessStatusCode)
                {
                    throw new ApiException(response);
                }

                return response;
            }

            async Task Stored(HttpClient client, bool keep)
            {
                var response = await client.GetAsync("http://x");
                if (keep)
                {
                    _last = response;
                }
                else
                {
                    var alias = response;
                    alias.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task NullCheckedAfterFailedSendThenReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await client.GetAsync("http://x");
                }
                catch (HttpRequestException)
                {
                }

                if (response == null)
                {
                    return null;
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task WrappedInReturnedObjectOnEveryPath_NoDiagnostic() => VerifyAsync("""
        class ApiResponse
        {
            public int Status { get; set; }
            public HttpResponseMessage Raw { get; set; }
        }
        class C
        {
            async Task<ApiResponse> M(HttpClient client, bool fast)
            {
                var response = await client.GetAsync("http://x");
                if (fast)
                {
                    return new ApiResponse { Status = (int)response.StatusCode, Raw = response };
                }

                var wrapped = new ApiResponse { Raw = response };
                return wrapped;
            }
        }
        """);

    [Fact]
    public Task OnlyLoggedThroughParamsObjectArray_Diagnostic() => VerifyAsync("""
        static class Log
        {
            public static void Warn(string format, params object[] args) { }
        }
        class C
        {
            async Task M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                Log.Warn("{0} {1}", response, response.StatusCode);
                Console.WriteLine("{0} {1} {2}", response, 1, 2);
            }
        }
        """);

    [Fact]
    public Task HandedToParamsOfResponsesOrCollection_NoDiagnostic() => VerifyAsync("""
        static class Keeper
        {
            public static void DisposeAll(params object[] items) { }
            public static void Keep(params HttpResponseMessage[] responses) { }
        }
        class C
        {
            private readonly List<object> _kept = new List<object>();

            async Task M(HttpClient client)
            {
                var first = await client.GetAsync("http://x");
                Keeper.DisposeAll(first);
                var second = await client.GetAsync("http://x");
                Keeper.Keep(second);
                var third = await client.GetAsync("http://x");
                _kept.Add(third);
            }
        }
        """);

    [Fact]
    public Task ReturnedThroughAnAssignmentInsideTryFinally_NoDiagnostic() => VerifyAsync("""
        class LoggingHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                HttpResponseMessage response = null;
                var started = DateTime.UtcNow;
                try
                {
                    return response = await base.SendAsync(request, cancellationToken);
                }
                finally
                {
                    Console.WriteLine($"{request.RequestUri} {(int?)response?.StatusCode} {DateTime.UtcNow - started}");
                }
            }
        }
        """);

    [Fact]
    public Task AssignedInsideTryFinallyButNotReturned_Diagnostic() => VerifyAsync("""
        class Probe
        {
            public async Task<bool> IsUpAsync(HttpClient client, Uri uri)
            {
                HttpResponseMessage response = null;
                try
                {
                    return (response = {|HCG003:await client.GetAsync(uri)|}).IsSuccessStatusCode;
                }
                finally
                {
                    Console.WriteLine((int?)response?.StatusCode);
                }
            }
        }
        """);

    [Fact]
    public Task UsingStatementLaterEarlyReturnSkipsIt_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> Redirects(HttpClient client, Uri url, int maxRedirections)
            {
                HttpResponseMessage response = null;
                while (true)
                {
                    response = {|HCG003:await client.GetAsync(url)|};
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    if (maxRedirections-- > 0 && (int)response.StatusCode == 302)
                    {
                        var location = response.Headers.Location;
                        if (location == null)
                        {
                            return null;
                        }

                        response.Dispose();
                        url = location;
                        continue;
                    }

                    break;
                }

                using (response)
                {
                    return null;
                }
            }

            async Task<int> EarlyExit(HttpClient client, bool quick)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (quick)
                {
                    return 0;
                }

                using (response)
                {
                    return (int)response.StatusCode;
                }
            }
        }
        """);

    [Fact]
    public Task UsingStatementOnEveryPathNotHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> Redirects(HttpClient client, Uri url, int maxRedirections)
            {
                HttpResponseMessage response = null;
                while (true)
                {
                    response = await client.GetAsync(url);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    if (maxRedirections-- > 0 && (int)response.StatusCode == 302)
                    {
                        var location = response.Headers.Location;
                        response.Dispose();
                        if (location == null)
                        {
                            return null;
                        }

                        url = location;
                        continue;
                    }

                    break;
                }

                using (response)
                {
                    return null;
                }
            }

            async Task<int> Later(HttpClient client, bool quick)
            {
                var response = await client.GetAsync("http://x");
                if (quick)
                {
                    response.Dispose();
                    return 0;
                }

                using (response)
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<int> Only(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                using (response)
                {
                    return (int)response.StatusCode;
                }
            }
        }
        """);

    private const string DisposingParser = """
        static class Parser
        {
            public static async Task<T> ParseResponse<T>(HttpResponseMessage response)
            {
                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    return (T)(object)text;
                }
            }
        }

        """;

    // A helper that disposes the response disposes it on the paths through its call only.
    [Fact]
    public Task DisposedByAHelperOnOneBranchOnly_Diagnostic() => VerifyAsync(DisposingParser + """
        class C
        {
            async Task<bool> IsTracked(HttpClient client, string url)
            {
                var response = {|HCG003:await client.GetAsync(url)|};
                switch (response.StatusCode)
                {
                    case System.Net.HttpStatusCode.OK:
                        return true;
                    case System.Net.HttpStatusCode.NotFound:
                        return false;
                    default:
                        await Parser.ParseResponse<string>(response);
                        return false;
                }
            }

            async Task<T> Send<T>(HttpClient client, string url)
            {
                var result = {|HCG003:await client.GetAsync(url)|};
                if ((int)result.StatusCode == 404)
                {
                    return default(T);
                }

                return await Parser.ParseResponse<T>(result);
            }
        }
        """);

    [Fact]
    public Task DisposedByAHelperOnEveryPath_NoDiagnostic() => VerifyAsync(DisposingParser + """
        class C
        {
            async Task<bool> IsTracked(HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                switch (response.StatusCode)
                {
                    case System.Net.HttpStatusCode.OK:
                        response.Dispose();
                        return true;
                    case System.Net.HttpStatusCode.NotFound:
                        throw new InvalidOperationException("missing");
                    default:
                        await Parser.ParseResponse<string>(response);
                        return false;
                }
            }

            async Task<T> Send<T>(HttpClient client, string url)
            {
                var result = await client.GetAsync(url);
                if ((int)result.StatusCode == 401)
                {
                    result.Dispose();
                    result = await client.GetAsync(url);
                }

                return await Parser.ParseResponse<T>(result);
            }
        }
        """);

    // An authentication handler's retry loop: the previous response is disposed at the top of the next attempt, and every
    // way out of 'while (true)' returns the response. The loop's constant condition never leaves it.
    private const string AuthenticationRetryLoop = """
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class AuthenticationHandler : DelegatingHandler
        {
            private int _attempts;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                HttpResponseMessage response = null;
                while (true)
                {
                    {0}
                    response = {1};
                    if (response.StatusCode != HttpStatusCode.Unauthorized || ++_attempts > 3)
                    {
                        return response;
                    }

                    {2}
                }
            }
        }
        """;

    private static string AuthenticationRetry(string top, string send, string bottom) =>
        AuthenticationRetryLoop.Replace("{0}", top).Replace("{1}", send).Replace("{2}", bottom);

    [Fact]
    public Task RetryLoopDisposesThePreviousResponseFirst_NoDiagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        AuthenticationRetry("if (response != null) { response.Dispose(); }", "await base.SendAsync(request, cancellationToken)", "continue;"));

    [Fact]
    public Task RetryLoopWithoutDisposingThePreviousResponse_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        AuthenticationRetry(string.Empty, "{|#0:await base.SendAsync(request, cancellationToken)|}", string.Empty),
        TestOptions.Default,
        "The HttpResponseMessage from 'SendAsync' is overwritten on line 16 while nothing has disposed it or taken it over; dispose it with 'using' so that its connection goes back to the pool");

    // A rate-limit handler's retry loop: the previous response is disposed under a test of the loop's counter, which is past its
    // start on every iteration that holds one. {0}: the test; {1}: the counter's declaration and increment.
    private const string CounterRetryLoop = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class RateLimitRetryHandler : DelegatingHandler
        {
            private const int MaxRetries = 5;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                HttpResponseMessage response = null;
                for ({1})
                {
                    if ({0})
                    {
                        var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        response.Dispose();
                        await Task.Delay(delay, cancellationToken);
                    }

                    response = {2}await base.SendAsync(request, cancellationToken){3};
                    if ((int)response.StatusCode != 429)
                    {
                        return response;
                    }
                }

                return response;
            }
        }
        """;

    private static string CounterRetry(string test, string loop, bool reported = false) =>
        CounterRetryLoop.Replace("{0}", test).Replace("{1}", loop).Replace("{2}", reported ? "{|HCG003:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty);

    [Theory]
    [InlineData("attempt > 0", "var attempt = 0; attempt <= MaxRetries; attempt++")]
    [InlineData("attempt != 1", "int attempt = 1; attempt <= MaxRetries; ++attempt")]
    [InlineData("0 < attempt", "var attempt = 0; attempt <= MaxRetries; attempt += 1")]
    [InlineData("attempt >= 1", "var attempt = 0; attempt <= MaxRetries; attempt++")]
    public Task RetryLoopDisposesThePreviousResponseUnderATestOfItsCounter_NoDiagnostic(string test, string loop) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(CounterRetry(test, loop));

    [Theory]
    [InlineData("attempt > 1", "var attempt = 0; attempt <= MaxRetries; attempt++")]
    [InlineData("attempt > 0", "var attempt = 0; attempt <= MaxRetries; attempt--")]
    [InlineData("attempt > 0", "var attempt = 0; attempt <= MaxRetries; attempt = attempt * 2")]
    [InlineData("attempt > 0 && attempt < 3", "var attempt = 0; attempt <= MaxRetries; attempt++")]
    public Task RetryLoopWhoseCounterTestMaySkipTheDisposal_Diagnostic(string test, string loop) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(CounterRetry(test, loop, reported: true));

    // A stream request that hands its response's content stream out on success and otherwise calls an error helper before
    // 'return null'. {0}: the helper's call; {1}: the helpers. The DoesNotReturn attribute is a polyfill, as on netstandard2.0.
    private const string StreamRequestWithErrorHelper = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace System.Diagnostics.CodeAnalysis
        {
            [AttributeUsage(AttributeTargets.Method)]
            internal sealed class DoesNotReturnAttribute : Attribute { }
        }

        class Backend
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Stream> OpenAsync(string uri)
            {
                var response = {2}await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead){3};
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStreamAsync();
                }

                {0}
                return null;
            }

            {1}
        }
        """;

    private const string ErrorHelpers = """
        private static async Task ThrowError(HttpResponseMessage response)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    switch (text)
                    {
                        case "manual": throw new InvalidOperationException(text);
                        case "fetch": throw new NotSupportedException(text);
                    }
                }

                throw new HttpRequestException(text);
            }

            [System.Diagnostics.CodeAnalysis.DoesNotReturn]
            private static void Fail(HttpStatusCode status) => throw new HttpRequestException(status.ToString());

            private static async Task LogError(HttpResponseMessage response)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    throw new InvalidOperationException(text);
                }

                Console.WriteLine(text);
            }

            protected virtual void Reject(HttpStatusCode status) => throw new HttpRequestException(status.ToString());
        """;

    private static string StreamRequest(string call, bool reported = false) => StreamRequestWithErrorHelper
        .Replace("{0}", call).Replace("{1}", ErrorHelpers)
        .Replace("{2}", reported ? "{|HCG003:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty);

    [Theory]
    [InlineData("await ThrowError(response);")]
    [InlineData("await ThrowError(response).ConfigureAwait(false);")]
    [InlineData("Fail(response.StatusCode);")]
    public Task ErrorHelperThatNeverReturnsBeforeTheDrop_NoDiagnostic(string call) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(StreamRequest(call));

    [Theory]
    [InlineData("await LogError(response);")]
    [InlineData("Reject(response.StatusCode);")]
    [InlineData("_ = ThrowError(response);")]
    public Task ErrorHelperThatMayReturnBeforeTheDrop_Diagnostic(string call) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(StreamRequest(call, reported: true));

    [Fact]
    public Task RetryLoopLeftByABreakHoldingTheResponse_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Poller
        {
            async Task<int> PollAsync(HttpClient client, CancellationToken cancellationToken)
            {
                HttpResponseMessage response = null;
                while (true)
                {
                    response?.Dispose();
                    response = {|HCG003:await client.GetAsync("http://x/status", cancellationToken)|};
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        response.Dispose();
                        return 0;
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                }

                return 1;
            }
        }
        """);

    // PSN store client: each redirect response replaces the current one (which is disposed first), and an early return
    // for a response that is still a redirect after ten tries skips the 'using (response)' below. Disposing the copy before
    // the copy is made ('response.Dispose(); response = redirectResponse;') disposes the previous response, not this one.
    private const string RedirectLoop = """
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class StoreClient
        {
            private readonly HttpClient client = new HttpClient();

            public async Task<List<string>> ContainerIdsAsync(string url, CancellationToken cancellationToken)
            {
                HttpResponseMessage response = null;
                using (var message = new HttpRequestMessage(HttpMethod.Get, url))
                {
                    response = {0}await client.SendAsync(message, cancellationToken){1};
                    var tries = 0;
                    while (response.StatusCode == HttpStatusCode.Redirect && tries < 10)
                    {
                        using (var next = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location))
                        {
                            var redirectResponse = {0}await client.SendAsync(next, cancellationToken){1};
                            response.Dispose();
                            response = redirectResponse;
                        }

                        tries++;
                    }

                    {2}
                }

                using (response)
                {
                    return new List<string> { await response.Content.ReadAsStringAsync() };
                }
            }
        }
        """;

    [Fact]
    public Task RedirectLoopEarlyReturnSkipsTheUsing_Diagnostic() => VerifyAsync(RedirectLoop
        .Replace("{0}", "{|HCG003:").Replace("{1}", "|}").Replace("{2}", "if (response.StatusCode == HttpStatusCode.Redirect) return new List<string>();"));

    // The response is also copied and disposed elsewhere: a 'using' would dispose it under the copy, so no fix is offered.
    [Fact]
    public Task RedirectLoopEarlyReturnSkipsTheUsing_NoFixOffered()
    {
        var source = RedirectLoop.Replace("{0}", "{|HCG003:").Replace("{1}", "|}")
            .Replace("{2}", "if (response.StatusCode == HttpStatusCode.Redirect) return new List<string>();");
        return Verify<UndisposedResponseAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.UndisposedResponseFixer>(source, source, TestOptions.Default);
    }

    [Fact]
    public Task CopyReturnedBeforeThisResponseIsCopied_NoFixOffered()
    {
        var source = LastGood.Replace("{0}", "{|HCG003:").Replace("{1}", "|}").Replace("{2}", "");
        return Verify<UndisposedResponseAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.UndisposedResponseFixer>(source, source, TestOptions.Default);
    }

    [Fact]
    public Task RedirectLoopEveryWayOutReachesTheUsing_NoDiagnostic() => VerifyAsync(RedirectLoop
        .Replace("{0}", "").Replace("{1}", "").Replace("{2}", "System.Console.WriteLine(tries);"));

    // Returning the copy before this response is copied into it hands on the previous response, not this one.
    private const string LastGood = """
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Probe
        {
            async Task<HttpResponseMessage> LastGoodAsync(HttpClient client)
            {
                HttpResponseMessage last = null;
                for (var i = 0; i < 3; i++)
                {
                    var response = {0}await client.GetAsync("http://x/" + i){1};
                    if (!response.IsSuccessStatusCode)
                    {
                        {2}
                        return last;
                    }

                    last?.Dispose();
                    last = response;
                }

                return last;
            }
        }
        """;

    [Fact]
    public Task CopyReturnedBeforeThisResponseIsCopied_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        LastGood.Replace("{0}", "{|HCG003:").Replace("{1}", "|}").Replace("{2}", ""));

    [Fact]
    public Task CopyReturnedAfterThisResponseIsDisposed_NoDiagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        LastGood.Replace("{0}", "").Replace("{1}", "").Replace("{2}", "response.Dispose();"));

    [Fact]
    public Task CopiedIntoALastResultLocal_ReturnedOnSuccessWithoutDispose_DiagnosticNamesThePath() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        class SendException : Exception
        {
            public SendException(HttpResponseMessage response) { Response = response; }
            public HttpResponseMessage Response { get; }
        }
        class C
        {
            async Task Post(HttpClient client, string payload)
            {
                HttpResponseMessage lastResult = null;
                for (int retry = 0; retry < 3; retry++)
                {
                    var result = {|#0:await client.PostAsync("http://x", new StringContent(payload))|};
                    lastResult = result;
                    if ((int)result.StatusCode >= 500) { continue; }
                    if (result.IsSuccessStatusCode) { return; }
                }

                throw new SendException(lastResult);
            }
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'PostAsync' is neither disposed nor handed on along the path through line 19; dispose it with 'using' so that its connection goes back to the pool");

    // A local declared from the response, as it is or through EnsureSuccessStatusCode() (which hands back the response itself):
    // the copy's uses decide with the response's own. {0}: the copy's declaration; {1}: what the method does with it.
    private const string DeclaredCopy = """
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class CalendarRepository
        {
            private readonly HttpClient _client = new HttpClient();

            async Task<string> GetAllAsync()
            {
                HttpResponseMessage response = {0};
                {1}
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    [Fact]
    public Task ResponseCheckedIntoAnUnusedLocal_Diagnostic() => VerifyAsync(DeclaredCopy
        .Replace("{0}", "{|HCG003:await _client.GetAsync(\"https://example.com/calendar\")|}")
        .Replace("{1}", "var code = response.EnsureSuccessStatusCode();"));

    [Fact]
    public Task ResponseCopiedIntoALocalReadOnly_Diagnostic() => VerifyAsync(DeclaredCopy
        .Replace("{0}", "{|HCG003:await _client.GetAsync(\"https://example.com/calendar\")|}")
        .Replace("{1}", "var copy = response; System.Console.WriteLine(copy.StatusCode);"));

    [Fact]
    public Task ResponseCheckedIntoALocalThatIsDisposed_NoDiagnostic() => VerifyAsync(DeclaredCopy
        .Replace("{0}", "await _client.GetAsync(\"https://example.com/calendar\")")
        .Replace("{1}", "var checkedResponse = response.EnsureSuccessStatusCode(); checkedResponse.Dispose();"));

    [Fact]
    public Task ResponseCopiedIntoALocalThatIsStored_NoDiagnostic() => VerifyAsync(DeclaredCopy
        .Replace("{0}", "await _client.GetAsync(\"https://example.com/calendar\")")
        .Replace("{1}", "var last = response.EnsureSuccessStatusCode(); _last = last;")
        .Replace("private readonly HttpClient _client", "private HttpResponseMessage _last;\n    private readonly HttpClient _client"));

    [Fact]
    public Task CopiedIntoALastResultLocal_DisposedBeforeTheNextTryAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> Post(HttpClient client, string payload)
            {
                HttpResponseMessage last = null;
                for (int retry = 0; retry < 3; retry++)
                {
                    last?.Dispose();
                    var result = await client.PostAsync("http://x", new StringContent(payload));
                    last = result;
                    if (result.IsSuccessStatusCode) { break; }
                }

                return last;
            }
        }
        """);

    [Fact]
    public Task CopiedIntoALocalDisposedInFinally_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Get(HttpClient client)
            {
                HttpResponseMessage response = null;
                try
                {
                    var result = await client.GetAsync("http://x");
                    response = result;
                    if (!result.IsSuccessStatusCode) { return null; }
                    return await result.Content.ReadAsStringAsync();
                }
                finally
                {
                    response?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task CopiedIntoALocalDisposedOnOneBranchOnly_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Get(HttpClient client)
            {
                HttpResponseMessage copy;
                var result = {|HCG003:await client.GetAsync("http://x")|};
                copy = result;
                if (result.IsSuccessStatusCode) { return "ok"; }
                copy.Dispose();
                return "failed";
            }
        }
        """);

    [Fact]
    public Task CopiedIntoALocalCapturedByALambda_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<Func<HttpResponseMessage>> Get(HttpClient client)
            {
                HttpResponseMessage copy = null;
                var result = await client.GetAsync("http://x");
                copy = result;
                return () => copy;
            }
        }
        """);

    // A proxy client: the response is sent back as it is when it failed, but on success its body is read and a new
    // response is built and returned in its place; the one received is dropped on those paths. The conditional argument
    // makes the graph store the response through a capture of the local, which is the local's own store.
    [Fact]
    public Task ReturnedWhenFailedReplacedByANewResponseOnSuccess_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpRequestMessage request, System.Threading.CancellationToken? cancellationToken = null)
            {
                HttpResponseMessage response;
                try
                {
                    response = {|HCG003:await client.SendAsync(request, cancellationToken ?? System.Threading.CancellationToken.None)|};
                }
                catch (HttpRequestException)
                {
                    return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);
                }

                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"{response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
                    return response;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (body.Length == 0)
                {
                    return new(System.Net.HttpStatusCode.InternalServerError);
                }

                return new(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) };
            }
        }
        """, new TestOptions { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9 });

    // The same shape with a conditional argument ('token ?? CancellationToken.None' makes the graph store the response
    // through a capture of the local), and the received response disposed before the new one is returned: quiet.
    [Fact]
    public Task ReturnedWhenFailedDisposedBeforeANewResponseOnSuccess_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpRequestMessage request, System.Threading.CancellationToken? cancellationToken = null)
            {
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request, cancellationToken ?? System.Threading.CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);
                }

                if (!response.IsSuccessStatusCode)
                {
                    return response;
                }

                string body;
                using (response)
                {
                    body = await response.Content.ReadAsStringAsync();
                }

                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) };
            }
        }
        """);

    // Exceptional paths are not followed, so a catch block has no ordinary way in; the walk enters it with nothing held.
    // Everything after 'try { return ...; } catch { }' is reached only through that catch.
    [Fact]
    public Task ReachedOnlyThroughACatch_DroppedOnFailure_Diagnostic() => VerifyAsync("""
        class C
        {
            string ReadCached() => throw new InvalidOperationException();

            async Task<string> M(HttpClient client)
            {
                try
                {
                    return ReadCached();
                }
                catch
                {
                    // not cached yet
                }

                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                using (response)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task ReachedOnlyThroughACatch_DisposedOnEveryPath_NoDiagnostic() => VerifyAsync("""
        class C
        {
            string ReadCached() => throw new InvalidOperationException();

            async Task<string> M(HttpClient client)
            {
                try
                {
                    return ReadCached();
                }
                catch
                {
                    // not cached yet
                }

                var response = await client.GetAsync("http://x");
                using (response)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task AcquiredInACatch_DroppedOnOneBranch_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                try
                {
                    return await client.GetAsync("http://primary");
                }
                catch (HttpRequestException)
                {
                    var fallback = {|HCG003:await client.GetAsync("http://fallback")|};
                    if (fallback.IsSuccessStatusCode)
                    {
                        return fallback;
                    }

                    return null;
                }
            }
        }
        """);

    [Fact]
    public Task AcquiredInAFilteredCatch_ReturnedOrDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            static bool IsTransient(Exception e) => e is HttpRequestException;

            async Task<HttpResponseMessage> M(HttpClient client)
            {
                try
                {
                    return await client.GetAsync("http://primary");
                }
                catch (Exception e) when (IsTransient(e))
                {
                    var fallback = await client.GetAsync("http://fallback");
                    if (fallback.IsSuccessStatusCode)
                    {
                        return fallback;
                    }

                    fallback.Dispose();
                    return null;
                }
            }
        }
        """);
}
