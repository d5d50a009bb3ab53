using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A static client that a method running again replaces (sayori's <c>ApiHelper.InitializeClient()</c> at the start of every
/// command) is HCG001's leak, and none of those clients lives for the process: quiet here. Set once (a static constructor, the
/// constructor of an object made once) it is kept for the process and reported. C# 7.3 and latest, net8.0.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007ReplacedStaticTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    // {0}: how the command objects are made; {1}: the constructor's call; {2}, {3}: the markup around the client.
    private const string Source = """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;

        public static class ApiHelper
        {
            public static HttpClient ApiClient { get; set; }

            public static void InitializeClient()
            {
                ApiClient = {2}new HttpClient(){3};
                ApiClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }
        }

        public class QuoteCommand
        {
            public QuoteCommand()
            {
                {1}
            }

            public Task<string> RunAsync(string url) => ApiHelper.ApiClient.GetStringAsync(url);
        }

        public class Dispatcher
        {
            {0}
        }
        """;

    private static Task VerifyAsync(string made, string call, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", made).Replace("{1}", call).Replace("{2}", reported ? "{|HCG007:" : "").Replace("{3}", reported ? "|}" : ""),
        Net80);

    private const string PerMessage = "public Task<string> HandleAsync(string url) => new QuoteCommand().RunAsync(url);";

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task StaticSetByTheConstructorOfAnObjectMadeOnce_Diagnostic() => VerifyAsync(
        "private static readonly QuoteCommand s_command = new QuoteCommand(); public Task<string> HandleAsync(string url) => s_command.RunAsync(url);",
        "ApiHelper.InitializeClient();",
        reported: true);

    [Fact]
    public Task StaticSetOnlyWhileItIsNull_Diagnostic() => VerifyAsync(PerMessage, "if (ApiHelper.ApiClient == null) ApiHelper.InitializeClient();", reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task StaticReplacedByEveryCommand_NoDiagnostic() => VerifyAsync(PerMessage, "ApiHelper.InitializeClient();", reported: false);
}
