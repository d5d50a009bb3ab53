using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A cache of entries, one per key, each holding its client: <c>var entry = _clients.GetOrAdd(name, _ =&gt; new Entry());
/// if (entry.Client != null) return entry.Client; ... entry.Client = client;</c>. The work between the miss test and the
/// store runs once per key of the collection, which the one owner keeps: the client, and a handler a private helper makes
/// for it, are made once per name. Without the miss test, or with an entry that no collection keeps, each call makes them.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002CacheEntryTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // {0}: where the entry comes from; {1}: the miss test; {|HCG00x: |}: the creations, marked when reported.
    private const string Factory = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        public sealed class Http
        {
            private sealed class ClientEntry
            {
                public HttpClient Client;
                public HttpClient Plain;
            }

            private static readonly Lazy<Http> s_instance = new Lazy<Http>(() => new Http());
            private readonly ConcurrentDictionary<string, ClientEntry> _clients = new ConcurrentDictionary<string, ClientEntry>();

            public static Http Instance => s_instance.Value;

            private static HttpClientHandler CreateHandler()
            {
                var handler = {|HCG002:new HttpClientHandler|} { UseCookies = false };
                return handler;
            }

            public HttpClient GetClient(string name)
            {
                {0}
                {1}
                var client = new HttpClient(CreateHandler());
                entry.Client = client;
                return client;
            }

            public HttpClient GetPlain(string name)
            {
                {0}
                {2}
                var client = {|HCG001:new HttpClient()|};
                entry.Plain = client;
                return client;
            }
        }

        public static class Downloads
        {
            public static string Get(string url) => Http.Instance.GetClient("main").GetStringAsync(url).Result + Http.Instance.GetPlain("plain").GetStringAsync(url).Result;
        }
        """;

    private const string FromCache = "var entry = _clients.GetOrAdd(name, _ => new ClientEntry());";
    private const string Guard = "if (entry.Client != null) return entry.Client;";
    private const string PlainGuard = "if (entry.Plain != null) { return entry.Plain; }";

    private static string Source(string entry, string guard, string plainGuard, bool reported)
    {
        var code = Factory.Replace("{0}", entry).Replace("{1}", guard).Replace("{2}", plainGuard);
        return reported ? code : code.Replace("{|HCG002:", string.Empty).Replace("{|HCG001:", string.Empty).Replace("|}", string.Empty);
    }

    [Fact]
    public Task EntryOfACacheFilledOnAMiss_NoDiagnostic() => VerifyAsync(Source(FromCache, Guard, PlainGuard, reported: false));

    [Fact]
    public Task EntryOfACacheWithoutAMissTest_Diagnostic() => VerifyAsync(Source(FromCache, string.Empty, string.Empty, reported: true));

    [Fact]
    public Task EntryNoCollectionKeeps_Diagnostic() => VerifyAsync(Source("var entry = new ClientEntry();", Guard, PlainGuard, reported: true));

    [Fact]
    public Task EntryOfACacheTestedOnAnotherMember_Diagnostic() => VerifyAsync(Source(FromCache, "if (entry.Plain != null) return entry.Plain;", "if (entry.Client != null) return entry.Client;", reported: true));
}
