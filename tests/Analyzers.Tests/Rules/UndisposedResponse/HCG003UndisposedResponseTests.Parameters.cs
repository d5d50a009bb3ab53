using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response stored into a by-value parameter (<c>response = await client.SendAsync(...)</c> in a retry helper that was given
/// the first response): from the store on, the parameter is the function's own variable and is followed like a local.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // A rate-limit retry helper: given the first response, it sends again while the answer is 429. {0} runs before each new
    // send, {1} is the send.
    private const string RateLimitRetry = """
        using System.Net.Http;
        using System.Threading.Tasks;
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            async Task<HttpResponseMessage> EnsureSuccess(HttpResponseMessage response, HttpRequestMessage request)
            {
                for (var i = 0; i < 3 && (int)response.StatusCode == 429; i++)
                {
                    {0}
                    response = {1};
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }
                }

                return response;
            }
        }
        """;

    private static string RateLimit(string before, string send) => RateLimitRetry.Replace("{0}", before).Replace("{1}", send);

    [Fact]
    public Task ParameterReplacedInRetryLoopWithoutDisposing_DiagnosticNamesTheAssignment() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        RateLimit(string.Empty, "{|#0:await _client.SendAsync(request)|}"),
        TestOptions.Default,
        "The HttpResponseMessage from 'SendAsync' is overwritten on line 12 while nothing has disposed it or taken it over; dispose it with 'using' so that its connection goes back to the pool");

    [Fact]
    public Task ParameterReplacedInRetryLoopAfterDisposingThePrevious_NoDiagnostic() => Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
        RateLimit("response.Dispose();", "await _client.SendAsync(request)"));

    // Given a response or none, it fetches one when it has none and only reads it: the fetched one is dropped.
    private const string ParameterAssignedAndOnlyRead = """
        class C
        {
            async Task<int> M(HttpClient client, HttpResponseMessage response)
            {
                if (response == null)
                {
                    response = {|HCG003:await client.GetAsync("http://x")|};
                }

                return (int)response.StatusCode;
            }
        }
        """;

    [Fact]
    public Task ParameterAssignedAndOnlyRead_Diagnostic() => VerifyAsync(ParameterAssignedAndOnlyRead);

    [Fact]
    public Task ParameterAssignedAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpResponseMessage response)
            {
                if (response == null)
                {
                    response = await client.GetAsync("http://x");
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task ParameterAssignedAndDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client, HttpResponseMessage response)
            {
                response = await client.GetAsync("http://x");
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
        """);

    [Fact]
    public Task RefAndOutParametersAssigned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            void Send(HttpClient client, ref HttpResponseMessage last, out HttpResponseMessage next)
            {
                last = client.GetAsync("http://x").Result;
                next = client.GetAsync("http://y").Result;
            }
        }
        """);

    [Fact]
    public Task ParameterAssignedAndHandedToCollection_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client, HttpResponseMessage response, List<HttpResponseMessage> kept)
            {
                response = await client.GetAsync("http://x");
                kept.Add(response);
            }
        }
        """);

    [Fact]
    public Task LambdaParameterAssignedAndOnlyRead_Diagnostic() => VerifyAsync("""
        class C
        {
            Func<HttpClient, HttpResponseMessage, Task<bool>> Check = async (client, response) =>
            {
                response = {|HCG003:await client.GetAsync("http://x")|};
                return response.IsSuccessStatusCode;
            };
        }
        """);

    [Fact]
    public Task ParameterAssignedAndReadInCapturingLambda_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<Func<int>> M(HttpClient client, HttpResponseMessage response)
            {
                response = await client.GetAsync("http://x");
                return () => (int)response.StatusCode;
            }
        }
        """);

    // No declaration to put 'using' on, and wrapping the caller's parameter would dispose what the caller may still hold:
    // the finding is reported and no fix is offered.
    [Fact]
    public Task ParameterAssignedAndOnlyRead_NoFixOffered() => VerifyNoFixAsync(ParameterAssignedAndOnlyRead);

    [Fact]
    public Task ParameterReplacedInRetryLoop_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client, HttpResponseMessage response)
            {
                while ((int)response.StatusCode == 429)
                {
                    response = {|HCG003:await client.GetAsync("http://x")|};
                }

                return response;
            }
        }
        """);
}
