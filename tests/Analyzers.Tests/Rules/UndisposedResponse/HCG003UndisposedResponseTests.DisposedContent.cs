using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response whose content itself is disposed (<c>using (HttpContent body = response.Content)</c>,
/// <c>response.Content.Dispose()</c>) is disposed there: all the response's own <c>Dispose</c> does is dispose its content.
/// Decided per path, as a <c>response.Dispose()</c> would be; a stream read from the content is not the content.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: how the failure branch ends.
    private const string ContentUsedOnBothBranches = """
        class C
        {
            async Task<string> Send(HttpClient client, HttpRequestMessage request)
            {
                HttpResponseMessage response = {1}await client.SendAsync(request){2};
                if (response.IsSuccessStatusCode)
                {
                    using (HttpContent body = response.Content)
                    {
                        return await body.ReadAsStringAsync();
                    }
                }
                else
                {
                    {0}
                }
            }
        }
        """;

    [Fact]
    public Task ContentDisposedByUsingOnEveryBranch_NoDiagnostic() => VerifyAsync(
        ContentUsedOnBothBranches.Replace("{0}", "using (HttpContent body = response.Content) { throw new HttpRequestException(await body.ReadAsStringAsync()); }")
            .Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task ContentDisposedByUsingOnOneBranchOnly_Diagnostic() => VerifyAsync(
        ContentUsedOnBothBranches.Replace("{0}", "return \"failed: \" + await response.Content.ReadAsStringAsync();")
            .Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    [Fact]
    public Task ContentDisposedInFinallyOrThroughConditionalAccess_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Finally(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                try
                {
                    return await response.Content.ReadAsStringAsync();
                }
                finally
                {
                    response.Content.Dispose();
                }
            }

            async Task<int> Conditional(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                var status = (int)response.StatusCode;
                response.Content?.Dispose();
                return status;
            }

            async Task<string> UsingTheContent(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                using (response.Content)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task ContentStreamDisposedOrContentOnlyRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<long> Stream(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead)|};
                if (!response.IsSuccessStatusCode)
                {
                    return -1;
                }

                using (var stream = await response.Content.ReadAsStreamAsync())
                {
                    return stream.Length;
                }
            }

            async Task<long?> Headers(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                using (var body = new StringContent(""))
                {
                    return response.Content.Headers.ContentLength;
                }
            }
        }
        """);

    [Fact]
    public Task ContentInAUsingDeclaration_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Send(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                using var body = response.Content;
                return await body.ReadAsStringAsync();
            }
        }
        """, TestOptions.LatestOnly);
}
