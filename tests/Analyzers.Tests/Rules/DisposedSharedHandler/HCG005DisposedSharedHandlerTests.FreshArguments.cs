using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.DisposedSharedHandler;

/// <summary>
/// A handler parameter of a method only this compilation calls, filled by every call with a handler made for it (a
/// <c>new</c> handler, a helper or getter that makes one each time, a local holding one read only there), is the method's
/// own: the client that disposes it disposes nothing shared. One caller passing a kept handler, a local passed twice, a
/// method group handed on, or a public method of a library (callers not seen) keeps the report.
/// </summary>
public sealed partial class HCG005DisposedSharedHandlerTests
{
    // {0}: the calls of Post besides the three that pass a new handler; {1}: Post's accessibility.
    private const string Requests = """
        static class Proxies
        {
            public static HttpClientHandler Settings(string host)
            {
                if (!string.IsNullOrEmpty(host))
                {
                    var handler = new HttpClientHandler { Proxy = new System.Net.WebProxy(host), UseProxy = true };
                    return handler;
                }

                return new HttpClientHandler();
            }

            public static HttpClientHandler Direct => new HttpClientHandler { UseProxy = false };
        }

        {1} class Requests
        {
            private static readonly HttpClientHandler s_shared = new HttpClientHandler();

            public async Task<string> Post(string url, HttpClientHandler proxy)
            {
                using (var client = [|new HttpClient(proxy)|])
                {
                    return await client.GetStringAsync(url);
                }
            }

            public async Task<string> Calls(string host)
            {
                var proxy = Proxies.Settings(host);
                var first = await Post("http://x/a", proxy);
                var second = await Post("http://x/b", new HttpClientHandler());
                var third = await Post("http://x/c", Proxies.Direct);
                {0}
                return first + second + third;
            }
        }
        """;

    private static string Source(string calls, string accessibility, bool reported)
    {
        var code = Requests.Replace("{0}", calls).Replace("{1}", accessibility);
        return reported ? code.Replace("[|", "{|HCG005:").Replace("|]", "|}") : code.Replace("[|", string.Empty).Replace("|]", string.Empty);
    }

    [Fact]
    public Task EveryCallOfAnInternalMethodPassesANewHandler_NoDiagnostic() => VerifyAsync(Source(string.Empty, "internal", reported: false));

    [Fact]
    public Task OneCallPassesAKeptHandler_Diagnostic() => VerifyAsync(Source("await Post(\"http://x/d\", s_shared);", "internal", reported: true));

    [Fact]
    public Task OneLocalPassedToTwoCalls_Diagnostic() => VerifyAsync(Source(
        "var again = Proxies.Settings(host); await Post(\"http://x/d\", again); await Post(\"http://x/e\", again);", "internal", reported: true));

    [Fact]
    public Task MethodGroupHandedOn_Diagnostic() => VerifyAsync(Source(
        "Func<string, HttpClientHandler, Task<string>> post = Post;", "internal", reported: true));

    [Fact]
    public Task PublicMethodOfALibrary_Diagnostic() => VerifyAsync(Source(string.Empty, "public", reported: true));
}
