using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// <c>EnsureSuccessStatusCode()</c> inside a try whose catch takes what it throws: the exceptional path is not followed, also
/// when the catch returns normally. A decision, not a gap: the labels of three real-code sets read this shape (returned or
/// disposed on success, dropped by a catch that logs and returns or retries) as quiet twice and as a leak once (a judgement
/// call), and following the catch reported the quiet ones (see docs/accuracy.md, twenty-fourth session).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task StatusCheckCaughtAndNullReturned_NoDiagnostic() => VerifyAsync("""
        class Updates
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<HttpResponseMessage> CheckForUpdateAsync(string url)
            {
                var response = await _client.GetAsync(new Uri(url));

                try
                {
                    response.EnsureSuccessStatusCode();
                }
                catch (HttpRequestException ex)
                {
                    Console.WriteLine(ex.Message);
                    return null;
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task StatusCheckCaughtInARetryLoopAfterTheDispose_NoDiagnostic() => VerifyAsync("""
        class Chains
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<string> ProductsAsync(string url)
            {
                var retries = 0;
                while (++retries <= 5)
                {
                    try
                    {
                        var response = await _client.GetAsync(url);
                        response.EnsureSuccessStatusCode();
                        var text = await response.Content.ReadAsStringAsync();
                        response.Dispose();
                        return text;
                    }
                    catch (Exception)
                    {
                        await Task.Delay(100);
                    }
                }

                return null;
            }
        }
        """);
}
