using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A type derived from HttpClient whose constructors reach <c>HttpClient()</c> (implicit, no initializer, <c>base()</c>,
/// <c>this(...)</c> onto one of those) builds the default handler, as <c>new HttpClient()</c> does: kept for the process, it is
/// reported, with no fix (its constructors take no handler). One whose constructor hands <c>base(...)</c> a handler is
/// judged by that handler, or not at all.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007DerivedClientTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    // A lazily made singleton of a derived client; {0}: the type's constructors; {1} / {2}: the expected markup.
    private const string Singleton = """
        using System;
        using System.Net.Http;

        public sealed class HttpClientSingleton : HttpClient
        {
            private static readonly object s_padlock = new object();
            private static HttpClientSingleton s_instance;

            {0}

            public static HttpClientSingleton Instance
            {
                get
                {
                    lock (s_padlock)
                    {
                        if (s_instance == null)
                        {
                            s_instance = {1}new HttpClientSingleton(){2};
                        }

                        return s_instance;
                    }
                }
            }
        }

        public static class Quotes
        {
            public static string Latest() => HttpClientSingleton.Instance.GetStringAsync("https://quotes.example/latest").Result;
        }
        """;

    private static string Source(string constructors, bool reported) => Singleton
        .Replace("{0}", constructors)
        .Replace("{1}", reported ? "{|HCG007:" : string.Empty)
        .Replace("{2}", reported ? "|}" : string.Empty);

    [Theory]
    [InlineData("")]
    [InlineData("public HttpClientSingleton() { Timeout = TimeSpan.FromSeconds(30); }")]
    [InlineData("public HttpClientSingleton() : base() { }")]
    [InlineData("public HttpClientSingleton() : this(30) { }\n    private HttpClientSingleton(int seconds) { Timeout = TimeSpan.FromSeconds(seconds); }")]
    public Task DerivedClientOverTheDefaultHandlerKeptInAStatic_Diagnostic(string constructors) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(Source(constructors, reported: true), Net80);

    [Theory]
    [InlineData("public HttpClientSingleton() : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { }")]
    [InlineData("public HttpClientSingleton() : this(Shared.Handler) { }\n    private HttpClientSingleton(HttpMessageHandler handler) : base(handler, false) { }")]
    public Task DerivedClientOverAHandlerWithALifetimeOrGivenOne_NoDiagnostic(string constructors) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
            Source(constructors, reported: false) + """

            static class Shared
            {
                public static readonly HttpMessageHandler Handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
            }
            """,
            Net80);

    // 'new HttpClientSingleton(new SocketsHttpHandler { ... })' would not compile: no fix is offered.
    [Fact]
    public Task DerivedClientOverTheDefaultHandler_NoFixOffered() =>
        Verify<LongLivedClientDnsAnalyzer>.FixAsync<LongLivedClientDnsFixer>(Source(string.Empty, reported: true), Source(string.Empty, reported: true), Net80);
}
