using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response that reaches its local through a switch expression's arm, or through a lambda that returns it from a local
/// to a retry helper whose result is the response: followed to where it is finally kept.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string GenericRetry = """
        static class Retries
        {
            public static async Task<T> HttpRetry<T>(Func<Task<T>> func, Func<HttpRequestException, bool> filter)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await func();
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && filter(ex))
                    {
                    }
                }
            }
        }

        """;

    [Fact]
    public Task SwitchExpressionArmsReadAndDropped_EachArmReported() => VerifyAsync("""
        class C
        {
            async Task<string> Send(HttpClient client, string verb, string url, HttpContent payload)
            {
                var response = verb switch
                {
                    "GET" => {|HCG003:await client.GetAsync(url)|},
                    "DELETE" => {|HCG003:await client.DeleteAsync(url)|},
                    "POST" => {|HCG003:await client.PostAsync(url, payload)|},
                    _ => throw new ArgumentOutOfRangeException(nameof(verb)),
                };
                var content = await response.Content.ReadAsStringAsync();
                response.EnsureSuccessStatusCode();
                return content;
            }

            async Task Discarded(HttpClient client, bool delete, string url) =>
                _ = delete switch { true => {|HCG003:await client.DeleteAsync(url)|}, false => {|HCG003:await client.GetAsync(url)|} };
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task SwitchExpressionArmsDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Using(HttpClient client, string verb, string url, HttpContent payload)
            {
                using var response = verb switch
                {
                    "GET" => await client.GetAsync(url),
                    "POST" => await client.PostAsync(url, payload),
                    _ => throw new ArgumentOutOfRangeException(nameof(verb)),
                };
                return await response.Content.ReadAsStringAsync();
            }

            async Task<HttpResponseMessage> Returned(HttpClient client, bool delete, string url)
            {
                var response = delete switch { true => await client.DeleteAsync(url), false => await client.GetAsync(url) };
                response.EnsureSuccessStatusCode();
                return response;
            }

            Task<HttpResponseMessage> ReturnedTask(HttpClient client, bool delete, string url) =>
                delete switch { true => client.DeleteAsync(url), false => client.GetAsync(url) };

            async Task<int> Disposed(HttpClient client, bool delete, string url)
            {
                var response = delete switch { true => await client.DeleteAsync(url), _ => await client.GetAsync(url) };
                try
                {
                    return (int)response.StatusCode;
                }
                finally
                {
                    response.Dispose();
                }
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task SwitchExpressionLocal_AddsUsingDeclaration() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + """
            class C
            {
                async Task<string> Send(HttpClient client, bool delete, string url)
                {
                    var response = delete switch
                    {
                        true => {|HCG003:await client.DeleteAsync(url)|},
                        false => {|HCG003:await client.GetAsync(url)|},
                    };
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """, FixUsings + """
            class C
            {
                async Task<string> Send(HttpClient client, bool delete, string url)
                {
                    using var response = delete switch
                    {
                        true => await client.DeleteAsync(url),
                        false => await client.GetAsync(url),
                    };
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """, TestOptions.LatestOnly);

    [Fact]
    public Task ReturnedFromLocalInsideGenericRetryLambdaAndReadByCaller_Diagnostic() => VerifyAsync(GenericRetry + """
        class C
        {
            async Task<string> M(HttpClient client, string url)
            {
                var response = {|HCG003:await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    var text = await httpResponse.Content.ReadAsStringAsync();
                    httpResponse.EnsureSuccessStatusCode();
                    return httpResponse;
                }, ex => ex.Message != null)|};

                return await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task ReturnedFromLocalInsideGenericRetryLambdaAndOwnedByCaller_NoDiagnostic() => VerifyAsync(GenericRetry + """
        class C
        {
            private HttpResponseMessage _last;

            async Task<string> Disposed(HttpClient client, string url)
            {
                using (var response = await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    httpResponse.EnsureSuccessStatusCode();
                    return httpResponse;
                }, ex => true))
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }

            Task<HttpResponseMessage> Returned(HttpClient client, string url) => Retries.HttpRetry(async () =>
            {
                var httpResponse = await client.GetAsync(url);
                httpResponse.EnsureSuccessStatusCode();
                return httpResponse;
            }, ex => true);

            async Task<bool> KeptInAFieldToo(HttpClient client, string url)
            {
                var response = await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    _last = httpResponse;
                    return httpResponse;
                }, ex => true);
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task ReturnedFromLocalInsideGenericRetryLambda_AddsUsingAtTheCaller() => VerifyFixAsync(GenericRetry + """
        class C
        {
            async Task<int> M(HttpClient client, string url)
            {
                var response = {|HCG003:await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    return httpResponse;
                }, ex => true)|};
                var code = (int)response.StatusCode;
                return code;
            }
        }
        """, GenericRetry + """
        class C
        {
            async Task<int> M(HttpClient client, string url)
            {
                using (var response = await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    return httpResponse;
                }, ex => true))
                {
                    var code = (int)response.StatusCode;
                    return code;
                }
            }
        }
        """, GenericRetry + """
        class C
        {
            async Task<int> M(HttpClient client, string url)
            {
                using var response = await Retries.HttpRetry(async () =>
                {
                    var httpResponse = await client.GetAsync(url);
                    return httpResponse;
                }, ex => true);
                var code = (int)response.StatusCode;
                return code;
            }
        }
        """);

    // A lambda that makes a response and returns its content stream hands the response's connection out, as a method
    // returning the stream does. Returning the content read as a string leaves the response behind.
    private const string LogsLambda = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class LogsClient
        {
            private readonly HttpClient _client = new HttpClient();

            private Task<T> Execute<T>(Func<Task<T>> operation) => operation();

            public Task<{0}> GetLogsAsync(Uri uri, CancellationToken cancellationToken) => Execute(async () =>
            {
                var response = {1};
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
                }

                return await response.Content.{2}();
            });
        }
        """;

    [Fact]
    public Task LambdaReturnsTheContentStreamOfItsResponse_NoDiagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        LogsLambda.Replace("{0}", "Stream").Replace("{1}", "await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)").Replace("{2}", "ReadAsStreamAsync"));

    [Fact]
    public Task LambdaReturnsTheContentTextOfItsResponse_Diagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        LogsLambda.Replace("{0}", "string").Replace("{1}", "{|HCG003:await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)|}").Replace("{2}", "ReadAsStringAsync"));
}
