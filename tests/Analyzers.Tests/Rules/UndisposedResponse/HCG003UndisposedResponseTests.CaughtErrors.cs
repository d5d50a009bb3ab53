using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A retry loop that records the send's exception in a local (<c>error = ex;</c> in a catch) and retries when it is set: the
/// local is null wherever the response is held, so the retry it guards drops nothing.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: the local's declaration; {1}: the test of it; {2}: a statement after the send in the try block; {3}/{4}: the
    // send's markup; {5}: the statement before the response is disposed on a 429.
    private const string CaughtErrorRetryLoop = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class RetryingSender
        {
            private const int MaxRetries = 3;

            public async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
            {
                var retries = 0;
                while (true)
                {
                    HttpResponseMessage response;
                    {0}
                    try
                    {
                        response = {3}await send(){4};
                        {2}
                    }
                    catch (HttpRequestException ex)
                    {
                        response = null;
                        error = ex;
                    }

                    if ({1})
                    {
                        if (++retries > MaxRetries)
                        {
                            throw new HttpRequestException("failed after retries", error);
                        }

                        await Task.Delay(100, cancellationToken);
                        continue;
                    }

                    if (response.StatusCode == (HttpStatusCode)429 && ++retries <= MaxRetries)
                    {
                        {5}
                        await Task.Delay(100, cancellationToken);
                        continue;
                    }

                    return response;
                }
            }
        }
        """;

    private static string CaughtErrorRetry(string declaration, string test, string afterSend = "", bool reported = false, string beforeRetry = "response.Dispose();") =>
        CaughtErrorRetryLoop.Replace("{0}", declaration).Replace("{1}", test).Replace("{2}", afterSend)
            .Replace("{3}", reported ? "{|HCG003:" : string.Empty).Replace("{4}", reported ? "|}" : string.Empty).Replace("{5}", beforeRetry);

    [Theory]
    [InlineData("Exception error = null;", "error != null")]
    [InlineData("Exception error = null;", "null != error")]
    [InlineData("HttpRequestException error = default(HttpRequestException);", "!(error == null)")]
    public Task RetryOnAnErrorOnlyACatchRecords_NoDiagnostic(string declaration, string test) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(CaughtErrorRetry(declaration, test));

    [Theory]
    [InlineData("Exception? error = null;", "error is not null")]
    [InlineData("Exception? error = null;", "error is { }")]
    public Task RetryOnAnErrorOnlyACatchRecordsTestedByPattern_NoDiagnostic(string declaration, string test) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync("#nullable enable\n" + CaughtErrorRetry(declaration, test).Replace("HttpResponseMessage response;", "HttpResponseMessage? response;").Replace("response.StatusCode", "response!.StatusCode"), TestOptions.LatestOnly);

    [Theory]
    // The try block itself sets the local after the send: it may be set while the response is held.
    [InlineData("Exception error = null;", "error != null", "error = response.IsSuccessStatusCode ? null : new Exception();")]
    // Declared outside the loop, it keeps the exception of an earlier iteration while a later one holds a response.
    [InlineData("", "error != null", "")]
    public Task RetryOnALocalTheSendingPathMaySet_Diagnostic(string declaration, string test, string afterSend) =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(
            CaughtErrorRetry(declaration, test, afterSend, reported: true).Replace("var retries = 0;", declaration.Length == 0 ? "var retries = 0; Exception error = null;" : "var retries = 0;"));

    [Fact]
    public Task RetryOnAnErrorOnlyACatchRecordsButA429DropsTheResponse_Diagnostic() =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(CaughtErrorRetry("Exception error = null;", "error != null", reported: true, beforeRetry: string.Empty));
}
