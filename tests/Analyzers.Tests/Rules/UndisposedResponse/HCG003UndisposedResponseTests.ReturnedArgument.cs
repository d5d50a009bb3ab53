using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A status check of the compilation that hands back the response it is given as one value of a conditional, a <c>??</c>
/// or a switch expression (<c>=&gt; ok ? response : throw ...</c>) makes no new response: the one handed in is followed
/// through it, reported once where it was made when nothing disposes it, and not at all when the caller's <c>using</c>
/// does. A check that hands back another response is a producer of its own.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: the check's body.
    private const string ExpressionCheck = """
        static class ApiChecks
        {
            public static HttpResponseMessage EnsureApiSuccess(this HttpResponseMessage message) => {0};

            public static HttpResponseMessage Fallback() => new HttpResponseMessage(System.Net.HttpStatusCode.NoContent);
        }

        """;

    private const string ConditionalCheck =
        "message.StatusCode == System.Net.HttpStatusCode.OK || message.StatusCode == System.Net.HttpStatusCode.BadRequest ? message : throw new HttpRequestException(\"Unexpected status.\")";

    private const string CoalesceCheck = "message ?? throw new ArgumentNullException(nameof(message))";

    private const string SwitchCheck =
        "message.StatusCode switch { System.Net.HttpStatusCode.OK => message, System.Net.HttpStatusCode.BadRequest => message, _ => throw new HttpRequestException(\"Unexpected status.\") }";

    private const string DroppedThroughTheCheck = """
        class PushClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Send(string url)
            {
                var response = {|HCG003:await _client.PostAsync(url, new StringContent("{}"))|};
                return await response.EnsureApiSuccess().Content.ReadAsStringAsync();
            }
        }
        """;

    private const string DisposedAroundTheCheck = """
        class PushClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Send(string url)
            {
                using (var response = await _client.PostAsync(url, new StringContent("{}")))
                {
                    return await response.EnsureApiSuccess().Content.ReadAsStringAsync();
                }
            }
        }
        """;

    [Fact]
    public Task ConditionalCheckReturnsItsArgument_ReportedOnceWhereMade_Diagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", ConditionalCheck) + DroppedThroughTheCheck);

    [Fact]
    public Task ConditionalCheckReturnsItsArgument_DisposedByTheCaller_NoDiagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", ConditionalCheck) + DisposedAroundTheCheck);

    [Fact]
    public Task CoalesceCheckReturnsItsArgument_ReportedOnceWhereMade_Diagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", CoalesceCheck) + DroppedThroughTheCheck);

    [Fact]
    public Task CoalesceCheckReturnsItsArgument_DisposedByTheCaller_NoDiagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", CoalesceCheck) + DisposedAroundTheCheck);

    [Fact]
    public Task SwitchCheckReturnsItsArgument_ReportedOnceWhereMade_Diagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", SwitchCheck) + DroppedThroughTheCheck, TestOptions.LatestOnly);

    [Fact]
    public Task SwitchCheckReturnsItsArgument_DisposedByTheCaller_NoDiagnostic() =>
        VerifyAsync(ExpressionCheck.Replace("{0}", SwitchCheck) + DisposedAroundTheCheck, TestOptions.LatestOnly);

    // The response is only what the switch looks at; the check hands back a response of its own (a redirect it follows),
    // which the caller must dispose.
    [Fact]
    public Task SwitchOnTheArgumentReturnsAnotherResponse_ReportedAtTheCheck_Diagnostic() => VerifyAsync("""
        static class ApiChecks
        {
            private static readonly HttpClient Shared = new HttpClient();

            public static HttpResponseMessage FollowRedirect(this HttpResponseMessage message) => message switch
            {
                { StatusCode: System.Net.HttpStatusCode.Redirect } => Shared.GetAsync(message.Headers.Location).Result,
                _ => throw new HttpRequestException("Not a redirect."),
            };
        }

        class PushClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Send(string url)
            {
                using (var response = await _client.PostAsync(url, new StringContent("{}")))
                {
                    return await {|HCG003:response.FollowRedirect()|}.Content.ReadAsStringAsync();
                }
            }
        }
        """, TestOptions.LatestOnly);
}
