using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client made per call that is only ever configured (its headers, timeout, base address set or read) or disposed, and
/// never sent through, opens no connection and leaves no socket behind: quiet, whether it lives in a local or in a field
/// of a per-call owner. One request through it (or any other use: an argument, a return) and it is reported; a client
/// nothing configures at all is code being written and is still reported.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001IdleClientTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // A game download whose requests go through another, shared client; its own client is set up and never used.
    // {0}: what Start does after configuring the client; {1}, {2}: the markup around the creation.
    private const string Download = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;

        static class Web
        {
            public static readonly HttpClient Shared = new HttpClient();
        }

        public sealed class DownloadWithProgress : IDisposable
        {
            private HttpClient _client;

            public DownloadWithProgress()
            {
                _client = {1}new HttpClient(){2};
                _client.Timeout = TimeSpan.FromDays(7);
            }

            public async Task<string> Start(string url)
            {
                _client.DefaultRequestHeaders.Add("User-Agent", "Launcher/1.0");
                _client.DefaultRequestHeaders.Range = new RangeHeaderValue(0, null);
                {0}
            }

            public void Dispose() => _client?.Dispose();

            private static Task<string> Read(HttpClient client, string url) => client.GetStringAsync(url);
        }

        public sealed class Page
        {
            public Task<string> OnClick(string url)
            {
                using (var download = new DownloadWithProgress())
                {
                    return download.Start(url);
                }
            }
        }
        """;

    [Fact]
    public Task FieldOfAPerCallOwnerOnlyConfigured_NoDiagnostic() => VerifyAsync(
        Download.Replace("{0}", "return await Web.Shared.GetStringAsync(url);").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task FieldOfAPerCallOwnerSentThrough_Diagnostic() => VerifyAsync(
        Download.Replace("{0}", "return await _client.GetStringAsync(url);").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task FieldOfAPerCallOwnerHandedOn_Diagnostic() => VerifyAsync(
        Download.Replace("{0}", "return await Read(_client, url);")
            .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    // {0}: what the method does with its local client after configuring it.
    private const string LocalClient = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Probe
        {
            public static async Task<int> Check(string url)
            {
                using (var client = {1}new HttpClient(){2})
                {
                    client.Timeout = TimeSpan.FromSeconds(5);
                    client.DefaultRequestHeaders.Add("Accept", "application/json");
                    {0}
                }
            }
        }
        """;

    [Fact]
    public Task LocalOnlyConfiguredAndDisposed_NoDiagnostic() => VerifyAsync(
        LocalClient.Replace("{0}", "await Task.Yield(); return url.Length;").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task LocalSentThrough_Diagnostic() => VerifyAsync(
        LocalClient.Replace("{0}", "return (await client.GetStringAsync(url)).Length;").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task LocalCapturedByALambda_Diagnostic() => VerifyAsync(
        LocalClient.Replace("{0}", "Func<Task<string>> read = () => client.GetStringAsync(url); return (await read()).Length;").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task LocalNeverUsed_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public static class Probe
        {
            public static int Check(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return url.Length;
                }
            }
        }
        """);

    // Set up by its object initializer and then forgotten: finished code that never sends.
    [Fact]
    public Task LocalConfiguredByItsInitializerAndNeverUsed_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public static class Probe
        {
            public static int Check(string url)
            {
                var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                return url.Length;
            }
        }
        """);

    [Fact]
    public Task LocalConfiguredByItsInitializerAndSentThrough_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Probe
        {
            public static Task<string> Check(string url)
            {
                var client = {|HCG001:new HttpClient|} { Timeout = TimeSpan.FromSeconds(5) };
                return client.GetStringAsync(url);
            }
        }
        """);

    // A store that is part of a larger expression hands the client on beyond the member it is stored in.
    [Fact]
    public Task StoredThroughAChainedAssignmentAndSentThroughTheOther_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Probe
        {
            public static async Task<int> Check(string url)
            {
                HttpClient configured;
                HttpClient sender;
                sender = configured = {|HCG001:new HttpClient()|};
                configured.Timeout = TimeSpan.FromSeconds(5);
                return (await sender.GetStringAsync(url)).Length;
            }
        }
        """);
}
