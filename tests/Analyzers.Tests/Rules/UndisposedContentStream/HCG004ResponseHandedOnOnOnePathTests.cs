using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// A stream read from a response the member hands on (throws inside an exception, returns, stores) is released with the
/// response only on the paths that hand the response on: a path from the read that drops both, the success path of an API
/// client whose throttled path throws the response, reports the stream. A response handed on before the read, or on every
/// path after it, still covers the stream.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004ResponseHandedOnOnOnePathTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private const string Api = """
        sealed class ThrottledException : Exception
        {
            public ThrottledException(HttpResponseMessage response) { Response = response; }
            public HttpResponseMessage Response { get; }
        }

        static class Parser
        {
            public static async Task<string> ParseAsync(Stream stream)
            {
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                return read.ToString();
            }
        }

        """;

    private static Task VerifyAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + Api + body);

    [Fact]
    public Task ResponseThrownWhenThrottledStreamDroppedOnSuccess_Diagnostic() => VerifyAsync("""
        class Client
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> GetAsync(Uri uri, bool expectOk)
            {
                HttpResponseMessage response;
                try
                {
                    response = await _client.GetAsync(uri);
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException("failed", ex);
                }

                if (response.StatusCode == (HttpStatusCode)429)
                {
                    throw new ThrottledException(response);
                }

                if (!expectOk || response.StatusCode == HttpStatusCode.OK)
                {
                    var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                    return await Parser.ParseAsync(stream);
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task RetryLoopReadsBeforeTheThrottleCheckAndReturnsTheParsedStream_Diagnostic() => VerifyAsync("""
        class Client
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> PostAsync(Uri uri, int maximumRetries)
            {
                var retries = 0;
                do
                {
                    retries++;
                    HttpResponseMessage response;
                    Stream stream;
                    try
                    {
                        response = await _client.PostAsync(uri, new StringContent("x"));
                        stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                    }
                    catch (Exception ex)
                    {
                        throw new InvalidOperationException("failed", ex);
                    }

                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        throw new ThrottledException(response);
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        if (retries >= maximumRetries)
                        {
                            throw new InvalidOperationException("failed");
                        }

                        await Task.Delay(100);
                    }
                    else
                    {
                        return await Parser.ParseAsync(stream);
                    }
                } while (true);
            }
        }
        """);

    [Fact]
    public Task StreamReadInlineWhileTheResponseIsThrownOnlyWhenThrottled_Diagnostic() => VerifyAsync("""
        class Client
        {
            public async Task<string> GetAsync(HttpClient client, Uri uri)
            {
                var response = await client.GetAsync(uri);
                if (response.StatusCode == (HttpStatusCode)429)
                {
                    throw new ThrottledException(response);
                }

                return await Parser.ParseAsync({|HCG004:await response.Content.ReadAsStreamAsync()|});
            }
        }
        """);

    [Fact]
    public Task ResponseThrownOnEveryPathAfterTheRead_NoDiagnostic() => VerifyAsync("""
        class Client
        {
            public async Task<string> GetAsync(HttpClient client, Uri uri)
            {
                var response = await client.GetAsync(uri);
                var stream = await response.Content.ReadAsStreamAsync();
                var text = await Parser.ParseAsync(stream);
                if (text.Length > 3)
                {
                    throw new ThrottledException(response);
                }

                throw new ThrottledException(response);
            }
        }
        """);

    [Fact]
    public Task ResponseReturnedOnSuccessAndThrownWhenThrottled_NoDiagnostic() => VerifyAsync("""
        class Client
        {
            public async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri uri)
            {
                var response = await client.GetAsync(uri);
                var stream = await response.Content.ReadAsStreamAsync();
                if (response.StatusCode == (HttpStatusCode)429)
                {
                    throw new ThrottledException(response);
                }

                await Parser.ParseAsync(stream);
                return response;
            }
        }
        """);

    [Fact]
    public Task ResponseStoredBeforeTheReadAndThrownWhenThrottled_NoDiagnostic() => VerifyAsync("""
        class Client
        {
            private HttpResponseMessage _last;

            public async Task<string> GetAsync(HttpClient client, Uri uri)
            {
                var response = await client.GetAsync(uri);
                if (response.StatusCode == (HttpStatusCode)429)
                {
                    throw new ThrottledException(response);
                }

                _last = response;
                var stream = await response.Content.ReadAsStreamAsync();
                return await Parser.ParseAsync(stream);
            }
        }
        """);

    [Fact]
    public Task ResponseStoredBeforeABranchAndReadAfterIt_NoDiagnostic() => VerifyAsync("""
        class Client
        {
            private HttpResponseMessage _last;

            public async Task<string> GetAsync(HttpClient client, Uri uri, bool verbose)
            {
                var response = await client.GetAsync(uri);
                _last = response;
                if (verbose)
                {
                    Console.WriteLine(uri);
                }

                var stream = await response.Content.ReadAsStreamAsync();
                return await Parser.ParseAsync(stream);
            }
        }
        """);

    [Fact]
    public Task RetryLoopWhoseEveryAttemptIsThrownOrReturned_NoDiagnostic() => VerifyAsync("""
        class Client
        {
            public async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri uri)
            {
                while (true)
                {
                    var response = await client.GetAsync(uri);
                    var stream = await response.Content.ReadAsStreamAsync();
                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        throw new ThrottledException(response);
                    }

                    if (stream.Length > 0)
                    {
                        return response;
                    }

                    throw new ThrottledException(response);
                }
            }
        }
        """);

    [Fact]
    public Task ResponseThrownWhenThrottledStreamDroppedOnSuccess_AddsUsing() =>
        Verify<UndisposedContentStreamAnalyzer>.FixAsync<UndisposedContentStreamFixer>(Usings + Api + """
            class Client
            {
                public async Task<string> GetAsync(HttpClient client, Uri uri)
                {
                    var response = await client.GetAsync(uri);
                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        throw new ThrottledException(response);
                    }

                    var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                    return await Parser.ParseAsync(stream);
                }
            }
            """, Usings + Api + """
            class Client
            {
                public async Task<string> GetAsync(HttpClient client, Uri uri)
                {
                    var response = await client.GetAsync(uri);
                    if (response.StatusCode == (HttpStatusCode)429)
                    {
                        throw new ThrottledException(response);
                    }

                    using (var stream = await response.Content.ReadAsStreamAsync())
                    {
                        return await Parser.ParseAsync(stream);
                    }
                }
            }
            """, TestOptions.CSharp73Only);
}
