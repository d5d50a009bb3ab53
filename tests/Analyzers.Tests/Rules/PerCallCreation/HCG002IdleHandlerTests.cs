using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A handler made per call that no client or invoker ever receives opens no connection: quiet when its object initializer
/// or later member sets configure it and nothing else uses it (a method moved to a shared client that still builds its old
/// handler). Handed to anything (a client, an invoker, a method, a return) it is reported as before; one nothing
/// configures at all is code being written and is still reported.
/// </summary>
[Trait("Rule", "HCG002")]
public class HCG002IdleHandlerTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // The request goes through the shared client; {0}: what the method does with its own handler afterwards;
    // {1}, {2}: the markup around the creation.
    private const string Request = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class RequestUtility
        {
            private static readonly HttpClient s_shared = new HttpClient();

            public static IWebProxy Proxy { get; set; }

            public static async Task<string> HttpGetAsync(string url)
            {
                var handler = {1}new HttpClientHandler{2}
                {
                    UseProxy = Proxy != null,
                    Proxy = Proxy,
                };
                {0}
                return await s_shared.GetStringAsync(url);
            }

            private static void Keep(HttpMessageHandler handler) { }
        }
        """;

    [Fact]
    public Task ConfiguredByItsInitializerAndNeverUsed_NoDiagnostic() => VerifyAsync(
        Request.Replace("{0}", "").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task ConfiguredAfterwardsAndDisposed_NoDiagnostic() => VerifyAsync(
        Request.Replace("{0}", "handler.AutomaticDecompression = DecompressionMethods.GZip; handler.ClientCertificates.Clear(); if (handler.SupportsProxy) { handler.Dispose(); }")
            .Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task HandedToAnInvoker_Diagnostic() => VerifyAsync(
        Request.Replace("{0}", "using (var invoker = new HttpMessageInvoker(handler)) { await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), default); }")
            .Replace("{1}", "{|HCG002:").Replace("{2}", "|}"));

    [Fact]
    public Task HandedToAMethod_Diagnostic() => VerifyAsync(
        Request.Replace("{0}", "Keep(handler);").Replace("{1}", "{|HCG002:").Replace("{2}", "|}"));

    [Fact]
    public Task CopiedToAnotherLocal_Diagnostic() => VerifyAsync(
        Request.Replace("{0}", "HttpMessageHandler inner = handler; Keep(inner);").Replace("{1}", "{|HCG002:").Replace("{2}", "|}"));

    [Fact]
    public Task EmptyInitializerNeverUsed_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class RequestUtility
        {
            private static readonly HttpClient s_shared = new HttpClient();

            public static Task<string> HttpGetAsync(string url)
            {
                var handler = {|HCG002:new HttpClientHandler|} { };
                return s_shared.GetStringAsync(url);
            }
        }
        """);
}
