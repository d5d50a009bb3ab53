using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// <c>EnsureSuccessStatusCode()</c> inside a try whose catch takes what it throws is a status branch the code means to
/// take: the catch runs holding the response. Returned on success and dropped by the catch's normal return is reported on
/// that path; a catch that disposes or hands on the response, one that throws, and one that does not catch the status
/// exception drop nothing on a normal path.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: the catch clause and its body.
    private const string CheckedUpdate = """
        class Updates
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<HttpResponseMessage> CheckForUpdateAsync(string url)
            {
                var response = {|#0:await _client.GetAsync(new Uri(url))|};

                try
                {
                    response.EnsureSuccessStatusCode();
                }
                {0}

                return response;
            }
        }
        """;

    [Fact]
    public Task StatusCheckCaughtAndNullReturned_DiagnosticNamesTheCatchPath() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        Usings + CheckedUpdate.Replace("{0}", """
            catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        return null;
                    }
            """),
        TestOptions.Default,
        "The HttpResponseMessage from 'GetAsync' is neither disposed nor handed on along the path through line 20; dispose it with 'using' so that its connection goes back to the pool");

    [Fact]
    public Task StatusCheckCaughtAsExceptionAndFallingThroughToADefault_Diagnostic() => VerifyAsync("""
        class Updates
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<string> LatestTagAsync(string url)
            {
                var response = {|HCG003:await _client.GetAsync(new Uri(url))|};
                try
                {
                    response.EnsureSuccessStatusCode();
                    var tag = response.RequestMessage.RequestUri.Segments[3];
                    response.Dispose();
                    return tag;
                }
                catch (Exception)
                {
                    Console.WriteLine("no update");
                }

                return string.Empty;
            }
        }
        """);

    [Fact]
    public Task StatusCheckCaughtAsExceptionAndFallingThroughToADefault_UsingDeclaration() => Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(Usings + """
        class Updates
        {
            private async Task<int> LatestSizeAsync(HttpClient client, string url)
            {
                var response = {|HCG003:await client.GetAsync(new Uri(url))|};
                try
                {
                    response.EnsureSuccessStatusCode();
                    var size = (int)(response.Content.Headers.ContentLength ?? 0);
                    response.Dispose();
                    return size;
                }
                catch (Exception)
                {
                    Console.WriteLine("no update");
                }

                return 0;
            }
        }
        """, Usings + """
        class Updates
        {
            private async Task<int> LatestSizeAsync(HttpClient client, string url)
            {
                using var response = await client.GetAsync(new Uri(url));
                try
                {
                    response.EnsureSuccessStatusCode();
                    var size = (int)(response.Content.Headers.ContentLength ?? 0);
                    response.Dispose();
                    return size;
                }
                catch (Exception)
                {
                    Console.WriteLine("no update");
                }

                return 0;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task StatusCheckCaughtAndResponseDisposedInTheCatch_NoDiagnostic() => VerifyAsync(CheckedUpdate
        .Replace("{|#0:", "").Replace("|}", "")
        .Replace("{0}", """
            catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        response.Dispose();
                        return null;
                    }
            """));

    [Fact]
    public Task StatusCheckCaughtAndRethrownWrapped_NoDiagnostic() => VerifyAsync(CheckedUpdate
        .Replace("{|#0:", "").Replace("|}", "")
        .Replace("{0}", """
            catch (HttpRequestException ex)
                    {
                        throw new InvalidOperationException("update check failed", ex);
                    }
            """));

    [Fact]
    public Task StatusCheckInATryThatCatchesOnlyCancellation_NoDiagnostic() => VerifyAsync(CheckedUpdate
        .Replace("{|#0:", "").Replace("|}", "")
        .Replace("{0}", """
            catch (TaskCanceledException)
                    {
                        return null;
                    }
            """));

    // The retry lambda's status check throws out of the lambda: the catch around the helper's call is the outer method's, and
    // the lambda returns the response's content on its only normal path.
    [Fact]
    public Task StatusCheckInALambdaInsideTheOuterMethodsTry_NoDiagnostic() => VerifyAsync("""
        static class OperationManager
        {
            public static async Task<T> AttemptAsync<T>(Func<Task<T>> action) => await action();
        }

        static class Artifacts
        {
            public static bool HeadersRead;

            public static async Task<HttpContent> GetAsync(Uri uri)
            {
                var client = new HttpClient(new HttpClientHandler());
                try
                {
                    return await OperationManager.AttemptAsync<HttpContent>(async () =>
                    {
                        HttpResponseMessage response = HeadersRead
                            ? await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead)
                            : await client.GetAsync(uri);
                        response.EnsureSuccessStatusCode();
                        Console.WriteLine(response.Content.Headers.ContentLength);
                        return response.Content;
                    });
                }
                catch (Exception)
                {
                    Console.WriteLine("failed");
                    throw;
                }
            }
        }
        """);
}
