using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A property whose getter makes a new handler on every read is a factory: a client built over it per call opens a
/// pool of its own (HCG001 at the client; the getter's own creation is HCG002, per read). A property that hands out one
/// stored handler shares it: the client over it opens no pool.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002FreshHandlerGetterTests
{
    private const string Tools = """
        using System.Net;
        using System.Net.Http;

        public static class Tools
        {
            private static HttpClientHandler s_shared;

            public static bool UseProxy { get; set; }

            public static HttpClientHandler Handler
            {
                get
                {
                    GETTER
                }
            }
        }
        """;

    private const string Callers = """
        using System.Net.Http;

        public class Downloader
        {
            public string Size(string url)
            {
                using (var client = DIRECT)
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string Name(string url)
            {
                var handler = Tools.Handler;
                handler.AllowAutoRedirect = false;
                using (var client = THROUGH_LOCAL)
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """;

    private const string FreshGetter = """
        IWebProxy proxy = null;
                    if (UseProxy)
                    {
                        proxy = new WebProxy("http://proxy:8080");
                    }

                    return {|HCG002:new HttpClientHandler|}
                    {
                        UseProxy = proxy != null,
                        Proxy = proxy,
                    };
        """;

    private static string[] Sources(string getter, string direct, string throughLocal) => new[]
    {
        Tools.Replace("GETTER", getter, StringComparison.Ordinal),
        Callers
            .Replace("DIRECT", direct, StringComparison.Ordinal)
            .Replace("THROUGH_LOCAL", throughLocal, StringComparison.Ordinal),
    };

    [Fact]
    public Task ClientOverAHandlerTheGetterMakesOnEveryRead_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Sources(
        FreshGetter,
        "{|HCG001:new HttpClient(Tools.Handler)|}",
        "{|HCG001:new HttpClient(handler)|}"));

    [Fact]
    public Task ClientOverAHandlerTheGetterKeepsInAStatic_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Sources(
        "return s_shared ?? (s_shared = new HttpClientHandler { UseProxy = UseProxy });",
        "new HttpClient(Tools.Handler)",
        "new HttpClient(handler)"));

    // The getter's own creation is per read on its path (HCG002, as before); the clients may get the stored one: quiet.
    [Fact]
    public Task ClientOverAGetterThatReturnsANewHandlerOnlySometimes_ClientsQuiet() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Sources(
        """
        if (s_shared != null)
                    {
                        return s_shared;
                    }

                    return {|HCG002:new HttpClientHandler()|};
        """,
        "new HttpClient(Tools.Handler)",
        "new HttpClient(handler)"));

    // The handler comes from the getter, not from this member: no fix rewrites it (the client is reported, not fixed).
    [Fact]
    public Task ClientOverAHandlerTheGetterMakesOnEveryRead_NoFixOffered()
    {
        var sources = Sources(FreshGetter, "{|HCG001:new HttpClient(Tools.Handler)|}", "{|HCG001:new HttpClient(handler)|}");
        return Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(sources, sources);
    }
}
