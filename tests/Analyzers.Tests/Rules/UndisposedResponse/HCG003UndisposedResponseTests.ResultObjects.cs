using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response a method of the compilation makes and hands out inside a result object that does not dispose it
/// (<c>return Result&lt;HttpResponseMessage&gt;.Ok(response);</c>), read out of the result by the caller
/// (<c>var response = result.Value;</c>): from that read on it is the caller's to dispose (Box SDK's network client).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string ResultObject = """
        class Result<T>
        {
            private Result(bool ok, T value, Exception error) { IsSuccess = ok; Value = value; Error = error; }

            public T Value { get; }
            public bool IsSuccess { get; }
            public Exception Error { get; }

            public static Result<T> Ok(T value) { return new Result<T>(true, value, null); }
            public static Result<T> Fail(Exception error) { return new Result<T>(false, default(T), error); }
        }

        class Owned<T> : IDisposable where T : IDisposable
        {
            public Owned(T value) { Value = value; }
            public T Value { get; }
            public void Dispose() { Value.Dispose(); }
        }

        """;

    private const string ResultSender = """
            private readonly HttpClient _client = new HttpClient();
            private HttpResponseMessage _last;

            private async Task<Result<HttpResponseMessage>> Execute(HttpRequestMessage request)
            {
                try
                {
                    var response = await _client.SendAsync(request).ConfigureAwait(false);
                    return Result<HttpResponseMessage>.Ok(response);
                }
                catch (HttpRequestException e)
                {
                    return Result<HttpResponseMessage>.Fail(e);
                }
            }

        """;

    [Fact]
    public Task ResponseReadOutOfAResultObject_DroppedOnTheRedirectPathOrNeverDisposed_Diagnostic() => VerifyAsync(ResultObject + "class Network\n{\n" + ResultSender + """
            public async Task<string> FetchAsync(string url, bool follow)
            {
                var result = await {|HCG003:Execute(new HttpRequestMessage(HttpMethod.Get, url))|}.ConfigureAwait(false);
                if (!result.IsSuccess)
                {
                    throw result.Error;
                }

                var response = result.Value;
                if ((int)response.StatusCode == 302 && follow)
                {
                    return await FetchAsync(response.Headers.Location.ToString(), false).ConfigureAwait(false);
                }

                using (response)
                {
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
            }

            public async Task<bool> PingAsync(string url)
            {
                var result = await {|HCG003:Execute(new HttpRequestMessage(HttpMethod.Head, url))|};
                return result.IsSuccess && result.Value.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task ResponseReadOutOfAResultObject_DisposedOrTheResultHandedOn_NoDiagnostic() => VerifyAsync(ResultObject + "class Network\n{\n" + ResultSender + """
            public async Task<string> FetchAsync(string url)
            {
                var result = await Execute(new HttpRequestMessage(HttpMethod.Get, url));
                if (!result.IsSuccess)
                {
                    throw result.Error;
                }

                using (var response = result.Value)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public async Task<Result<HttpResponseMessage>> PassOnAsync(string url)
            {
                var result = await Execute(new HttpRequestMessage(HttpMethod.Get, url));
                Console.WriteLine(result.IsSuccess ? (int)result.Value.StatusCode : 0);
                return result;
            }

            public async Task<bool> KeepAsync(string url)
            {
                var result = await Execute(new HttpRequestMessage(HttpMethod.Get, url));
                _last = result.Value;
                return _last.IsSuccessStatusCode;
            }

            public async Task<bool> ReadTwiceAsync(string url)
            {
                var result = await Execute(new HttpRequestMessage(HttpMethod.Get, url));
                using (result.Value)
                {
                    return result.Value.IsSuccessStatusCode;
                }
            }

            // The result object disposes what it holds: whether that object is disposed is its own question (a general
            // IDisposable analyzer's), not this rule's.
            private async Task<Owned<HttpResponseMessage>> ExecuteOwned(string url) => new Owned<HttpResponseMessage>(await _client.GetAsync(url));

            public async Task<bool> OwnedAsync(string url)
            {
                var result = await ExecuteOwned(url);
                var response = result.Value;
                return response.IsSuccessStatusCode;
            }

            // Disposes the response it makes before it wraps it: nothing is handed out to dispose.
            private async Task<Result<HttpResponseMessage>> ExecuteAndRelease(string url)
            {
                var response = await _client.GetAsync(url);
                response.Dispose();
                return Result<HttpResponseMessage>.Ok(response);
            }

            public async Task<int> ReleasedAsync(string url)
            {
                var result = await ExecuteAndRelease(url);
                var response = result.Value;
                return (int)response.StatusCode;
            }

            // Keeps the response it makes in a field as well: the caller's read does not make it the caller's alone.
            private async Task<Result<HttpResponseMessage>> ExecuteAndKeep(string url)
            {
                _last = await _client.GetAsync(url);
                return Result<HttpResponseMessage>.Ok(_last);
            }

            public async Task<int> KeptAsync(string url)
            {
                var result = await ExecuteAndKeep(url);
                var response = result.Value;
                return (int)response.StatusCode;
            }
        }
        """);
}
