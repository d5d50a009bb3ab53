using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Several clients over one handler a member makes share that handler's one connection pool: one leak, reported at the
/// first client (Plivo's SDK builds six clients over one handler per API object). Clients over handlers of their own are
/// each reported. C# 7.3 and latest.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001SharedHandlerClientsTests
{
    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    [Fact]
    public Task ClientsOverOneHandlerLocal_ReportedOnceAtTheFirst() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System;
        using System.Net.Http;

        public class Api
        {
            private readonly HttpClient _client;
            private readonly HttpClient _voiceClient;
            private readonly HttpClient _lookupClient;

            public Api(string token)
            {
                var handler = new HttpClientHandler { PreAuthenticate = true };
                _client = {|#0:new HttpClient(handler)|};
                _voiceClient = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
                _lookupClient = new HttpClient(handler);
            }
        }

        public static class Accounts
        {
            public static string Id(string token) => new Api(token).ToString();
        }
        """,
        "'HttpClient' is created per instance of 'Api', which is created each time 'Accounts.Id' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ClientsOverHandlersOfTheirOwn_EachReported() => VerifyAsync("""
        using System.Net.Http;

        public static class Fetcher
        {
            public static string Fetch(string url)
            {
                var first = new HttpClientHandler { UseCookies = false };
                var second = new HttpClientHandler { UseCookies = false };
                var a = {|HCG001:new HttpClient(first)|};
                var b = {|HCG001:new HttpClient(second)|};
                var c = {|HCG001:new HttpClient(new HttpClientHandler())|};
                return a.GetStringAsync(url).Result + b.GetStringAsync(url).Result + c.GetStringAsync(url).Result;
            }
        }
        """);

    [Fact]
    public Task SecondClientOverTheSameHandlerInAMethod_ReportedOnce() => VerifyAsync("""
        using System.Net.Http;

        public static class Fetcher
        {
            public static string Fetch(string url, string other)
            {
                var handler = new HttpClientHandler { UseCookies = false };
                var a = {|HCG001:new HttpClient(handler, false)|};
                var b = new HttpClient(handler, false);
                return a.GetStringAsync(url).Result + b.GetStringAsync(other).Result;
            }
        }
        """);

    [Fact]
    public Task ClientsOverOneHandlerInOtherBranches_EachReported() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;

        public class Server
        {
            private readonly HttpClient _client;

            public Server(NetworkCredential credential, bool token)
            {
                var handler = new HttpClientHandler();
                if (token)
                {
                    _client = {|HCG001:new HttpClient(handler)|};
                }
                else
                {
                    handler.Credentials = credential;
                    _client = {|HCG001:new HttpClient(handler)|};
                }
            }
        }

        public static class Servers
        {
            public static string Find(NetworkCredential credential) => new Server(credential, false).ToString();
        }
        """);

    [Fact]
    public Task FirstOfClientsOverOneHandler_MoveToStaticFieldCompiles() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>("""
            using System.Net.Http;

            public static class Fetcher
            {
                public static string Fetch(string url, string other)
                {
                    var handler = new HttpClientHandler { UseCookies = false };
                    var a = {|HCG001:new HttpClient(handler, false)|};
                    var b = new HttpClient(handler, false);
                    return a.GetStringAsync(url).Result + b.GetStringAsync(other).Result;
                }
            }
            """, """
            using System.Net.Http;

            public static class Fetcher
            {
                public static string Fetch(string url, string other)
                {
                    var handler = new HttpClientHandler { UseCookies = false };
                    var a = {|HCG001:new HttpClient(handler, false)|};
                    var b = new HttpClient(handler, false);
                    return a.GetStringAsync(url).Result + b.GetStringAsync(other).Result;
                }
            }
            """, TestOptions.Default, PerCallCreationFixer.MoveToStaticFieldKey);
    // {0}: where the handler made on a miss goes; {1}, {2}: the markup around the client over it.
    private const string HandlerPerUser = """
        using System.Collections.Concurrent;
        using System.Net;
        using System.Net.Http;

        public class PnPHttpClient
        {
            private static readonly ConcurrentDictionary<string, HttpClientHandler> s_handlers = new ConcurrentDictionary<string, HttpClientHandler>();

            public HttpClient GetHttpClient(NetworkCredential credential)
            {
                if (s_handlers.TryGetValue(credential.UserName, out HttpClientHandler cached))
                {
                    return new HttpClient(cached);
                }

                var handler = new HttpClientHandler { Credentials = credential };
                {0}
                return {1}new HttpClient(handler){2};
            }
        }

        public static class AppManager
        {
            public static string Available(PnPHttpClient clients, NetworkCredential credential) =>
                clients.GetHttpClient(credential).GetStringAsync("http://localhost/apps").Result;
        }
        """;

    private static string PerUser(string store, bool reported) => HandlerPerUser
        .Replace("{0}", store).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task ClientOverAHandlerJustCachedPerKeyInAStaticDictionary_NoDiagnostic() =>
        VerifyAsync(PerUser("s_handlers.TryAdd(credential.UserName, handler);", reported: false));

    [Fact]
    public Task ClientOverAHandlerAddedToAStaticListEveryMiss_Diagnostic() =>
        VerifyAsync(PerUser("s_all.Add(handler);", reported: true).Replace("private static readonly ConcurrentDictionary", "private static readonly System.Collections.Generic.List<HttpClientHandler> s_all = new System.Collections.Generic.List<HttpClientHandler>();\n    private static readonly ConcurrentDictionary"));

    [Fact]
    public Task ClientOverAHandlerThatIsNotCached_Diagnostic() =>
        VerifyAsync(PerUser("System.Console.WriteLine(handler.Credentials);", reported: true));

    [Fact]
    public Task ClientOverAHandlerStoredIntoAStaticFieldEveryCall_Diagnostic() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;

        public class PnPHttpClient
        {
            private static HttpClientHandler s_last;

            public HttpClient GetHttpClient(NetworkCredential credential)
            {
                var handler = new HttpClientHandler { Credentials = credential };
                s_last = handler;
                return {|HCG001:new HttpClient(handler)|};
            }
        }

        public static class AppManager
        {
            public static string Available(PnPHttpClient clients, NetworkCredential credential) =>
                clients.GetHttpClient(credential).GetStringAsync("http://localhost/apps").Result;
        }
        """);
}
