using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// User-written caches decided by what the code does: a creation followed through locals and the objects
/// built around it into a field or a collection held by one, delegates handed to the user's own cache
/// wrappers or kept in locals, and container calls that do not bind.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002CacheFlowTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // ---------------------------------------------------------------- stays quiet

    [Fact]
    public Task StaticDictionaryTryGetValueThenIndexerStore_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public class Clients
        {
            static readonly Dictionary<string, HttpClient> s_clients = new Dictionary<string, HttpClient>();
            static readonly object s_gate = new object();

            public static HttpClient For(string host)
            {
                lock (s_gate)
                {
                    HttpClient client;
                    if (!s_clients.TryGetValue(host, out client))
                    {
                        var handler = new HttpClientHandler { UseCookies = false };
                        client = new HttpClient(handler);
                        client.DefaultRequestHeaders.Add("User-Agent", "x");
                        s_clients[host] = client;
                    }

                    return client;
                }
            }
        }
        """);

    [Fact]
    public Task StaticConcurrentDictionaryTryAddThroughLocal_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class Clients
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public static HttpClient For(string host)
            {
                if (s_clients.TryGetValue(host, out var existing))
                {
                    return existing;
                }

                var created = new HttpClient();
                return s_clients.TryAdd(host, created) ? created : s_clients[host];
            }
        }
        """);

    [Fact]
    public Task HandlerThroughHelperIntoCachedField_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Http
        {
            public static HttpClient Create(HttpMessageHandler handler) => new HttpClient(handler);
        }

        public class Backend
        {
            HttpClient _client;

            HttpClient Client()
            {
                if (_client == null)
                {
                    var handler = new HttpClientHandler();
                    handler.UseDefaultCredentials = true;
                    _client = Http.Create(handler);
                }

                return _client;
            }

            public string Get(string url) => Client().GetStringAsync(url).Result;
        }
        """);

    [Fact]
    public Task InstanceDictionaryCacheOfStaticallyHeldPool_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public class HandlerPool
        {
            readonly Dictionary<string, HttpMessageHandler> _handlers = new Dictionary<string, HttpMessageHandler>();

            public HttpMessageHandler Get(string key)
            {
                if (!_handlers.TryGetValue(key, out var handler))
                {
                    handler = Create(key);
                    _handlers[key] = handler;
                }

                return handler;
            }

            static HttpMessageHandler Create(string key)
            {
                var handler = new HttpClientHandler();
                handler.UseCookies = key.Length > 3;
                return handler;
            }
        }

        public static class Pools
        {
            public static readonly HandlerPool Shared = new HandlerPool();
        }
        """);

    [Fact]
    public Task UserCacheWrapperGivenLambdaOrMethodGroup_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        static class ClientCache
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public static HttpClient GetClient(string key, Func<HttpClient> create) => s_clients.GetOrAdd(key, _ => create());
        }

        static class Stored
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public static HttpClient Get(string key, Func<HttpClient> create)
            {
                if (!s_clients.TryGetValue(key, out var client))
                {
                    client = create();
                    s_clients[key] = client;
                }

                return client;
            }
        }

        public class Api
        {
            public string A(string url) => ClientCache.GetClient("a", () => new HttpClient()).GetStringAsync(url).Result;

            public string B(string url) => ClientCache.GetClient("b", CreateB).GetStringAsync(url).Result;

            public string C(string url) => Stored.Get("c", () => new HttpClient(new HttpClientHandler { UseCookies = false })).GetStringAsync(url).Result;

            static HttpClient CreateB() => new HttpClient();
        }
        """);

    [Fact]
    public Task DelegateInvokedOnceByMethodCalledFromMain_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Program
        {
            static void Main()
            {
                Run(() => new HttpClient());
            }

            static void Run(Func<HttpClient> create)
            {
                using (var client = create())
                {
                    Console.WriteLine(client.GetStringAsync("http://localhost/").Result);
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task LambdaKeptInLocalForConfigurePrimaryHttpMessageHandler_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                Func<HttpMessageHandler> primary = () => new HttpClientHandler { UseCookies = false };
                services.AddHttpClient("a").ConfigurePrimaryHttpMessageHandler(primary);
                services.AddHttpClient("b").ConfigurePrimaryHttpMessageHandler(primary);
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task ContainerCallsThatDoNotBind_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("gzip")
                    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip });
                services.AddSingleton<IApi>(sp => new Api());
            }
        }

        interface IApi { }

        class Api : IApi
        {
            readonly HttpClient _client = new HttpClient();
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // A reporter extension of a metrics builder whose package the scan lacks (IMetricsReportingBuilder does not bind):
    // {0} is what the extension does with the reporter built over its client; {1} is the client's markup.
    private const string UnboundBuilderExtension = """
        using System;
        using System.Net.Http;

        public sealed class Reporter
        {
            private readonly HttpClient _client;

            public Reporter(HttpClient client)
            {
                _client = client;
            }
        }

        public static class ReporterBuilder
        {
            public static IMetricsBuilder ToHttp(this IMetricsReportingBuilder builder, Uri endpoint)
            {
                var client = CreateClient(endpoint);
                var reporter = new Reporter(client);
                {0}
            }

            private static HttpClient CreateClient(Uri endpoint) => {1};
        }
        """;

    [Fact]
    public Task ClientHandedToTheCallersBuilderThatDoesNotBind_NoDiagnostic() => VerifyAsync(
        UnboundBuilderExtension.Replace("{0}", "return builder.Using(reporter);").Replace("{1}", "new HttpClient { BaseAddress = endpoint }"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientHandedToAnUnboundCallOnALocal_Diagnostic() => VerifyAsync(
        UnboundBuilderExtension
            .Replace("{0}", "var registry = Registry.Open(); return registry.Using(reporter);")
            .Replace("{1}", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientHandedToTheCallersBuilderButNotReturned_Diagnostic() => VerifyAsync(
        UnboundBuilderExtension
            .Replace("{0}", "builder.Using(reporter); return null;")
            .Replace("{1}", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    // The same extension over a reporter that makes its own client; {0}: what the extension does with the reporter; {1}: the client's markup.
    private const string UnboundBuilderOwner = """
        using System.Net.Http;

        public sealed class Reporter
        {
            private readonly HttpClient _client = {1};
        }

        public static class ReporterBuilder
        {
            public static IMetricsBuilder ToHttp(this IMetricsReportingBuilder builder)
            {
                var reporter = new Reporter();
                {0}
            }
        }
        """;

    [Fact]
    public Task OwnerHandedToTheCallersBuilderThatDoesNotBind_NoDiagnostic() => VerifyAsync(
        UnboundBuilderOwner.Replace("{0}", "return builder.Using(reporter);").Replace("{1}", "new HttpClient()"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task OwnerHandedToTheCallersBuilderButNotReturned_Diagnostic() => VerifyAsync(
        UnboundBuilderOwner.Replace("{0}", "builder.Using(reporter); return null;").Replace("{1}", "{|HCG001:new HttpClient()|}"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task HandlerReadFromPropertyOfLongLivedObject_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Settings
        {
            public HttpMessageHandler Handler { get; } = new HttpClientHandler();
        }

        public class Api
        {
            static readonly Settings s_settings = new Settings();

            public string Get(string url)
            {
                using (var client = new HttpClient(s_settings.Handler, false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task HandlerCreatedOnceOutsideLambda_ClientsPerLambdaCallShareIt_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Program
        {
            static void Main()
            {
                using (var shared = new HttpClientHandler())
                {
                    Func<HttpClient> create = () => new HttpClient(shared, false);
                    for (var i = 0; i < 3; i++)
                    {
                        using (var client = create())
                        {
                            Console.WriteLine(client.GetStringAsync("http://localhost/").Result);
                        }
                    }
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task MemberMemoizesItsResultPerKey_CreationBetweenCheckAndStore_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class LocalHosts
        {
            static readonly ConcurrentDictionary<int, string> s_safeHosts = new ConcurrentDictionary<int, string>();
            static readonly Dictionary<string, bool> s_reachable = new Dictionary<string, bool>();
            static readonly object s_gate = new object();

            public static async Task<string> SafeHostAsync(int port)
            {
                if (s_safeHosts.TryGetValue(port, out var host))
                {
                    return host;
                }

                using (var client = new HttpClient(new HttpClientHandler(), true))
                {
                    host = await client.GetStringAsync("http://localhost:" + port + "/host");
                }

                s_safeHosts.TryAdd(port, host);
                return host;
            }

            public static bool Reachable(string url)
            {
                lock (s_gate)
                {
                    if (s_reachable.ContainsKey(url))
                        return s_reachable[url];

                    bool ok;
                    using (var client = new HttpClient())
                    {
                        ok = client.GetAsync(url).Result.IsSuccessStatusCode;
                    }

                    s_reachable[url] = ok;
                    return ok;
                }
            }
        }
        """);

    // The hit must also be fresh: a stale entry is fetched again and stored again (once per key and expiry). {0}: the check.
    private const string ExpiringFeedCache = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class FeedInfo
        {
            public DateTime ExpiredUtc { get; set; }
            public string Packages { get; set; }
        }

        public static class Feeds
        {
            static readonly ConcurrentDictionary<string, FeedInfo> s_feeds = new ConcurrentDictionary<string, FeedInfo>();

            public static async Task<string> PackagesAsync(string feedUrl)
            {
                FeedInfo info;
                {0}
                {
                    return info.Packages;
                }

                string packages;
                using (var client = {1}new HttpClient(){2})
                {
                    packages = await client.GetStringAsync(feedUrl);
                }

                info = new FeedInfo { ExpiredUtc = DateTime.UtcNow.AddMinutes(10), Packages = packages };
                s_feeds.AddOrUpdate(feedUrl, info, (k, old) => info);
                return packages;
            }
        }
        """;

    [Fact]
    public Task MemoizedPerKeyUntilItExpires_NoDiagnostic() => VerifyAsync(ExpiringFeedCache
        .Replace("{0}", "if (s_feeds.TryGetValue(feedUrl, out info) && DateTime.UtcNow < info.ExpiredUtc)")
        .Replace("{1}", "").Replace("{2}", ""));

    // The same check written as nested ifs, the innermost returning the content or throwing its error: {0} the hit's branch.
    private const string NestedReleaseCache = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;

        internal static class Update
        {
            private static readonly TimeSpan Time = TimeSpan.FromMinutes(5);
            private static readonly Dictionary<string, Tuple<bool, string, DateTime>> Cache = new Dictionary<string, Tuple<bool, string, DateTime>>();

            public static string Releases(string uri, string userAgent)
            {
                string key = uri + "," + userAgent;
                if (Cache.TryGetValue(key, out Tuple<bool, string, DateTime> data))
                {
                    {0}
                }

                HttpClient client = {1}InitializeClient(userAgent){2};
                HttpResponseMessage response = client.GetAsync(uri).Result;
                string result = response.Content.ReadAsStringAsync().Result;
                Cache[key] = Tuple.Create(response.IsSuccessStatusCode, result, DateTime.Now);
                return result;
            }

            private static HttpClient InitializeClient(string userAgent)
            {
                HttpClient client = new HttpClient();
                client.DefaultRequestHeaders.Add("User-Agent", userAgent);
                return client;
            }
        }
        """;

    private static string Nested(string hit, bool reported) => NestedReleaseCache
        .Replace("{0}", hit).Replace("{1}", "").Replace("{2}", "")
        .Replace("HttpClient client = new HttpClient();", reported ? "HttpClient client = {|HCG001:new HttpClient()|};" : "HttpClient client = new HttpClient();");

    [Fact]
    public Task FactoryCalledAfterNestedChecksThatReturnOrThrowOnAFreshHit_NoDiagnostic() =>
        VerifyAsync(Nested("if (DateTime.Now - data.Item3 < Time) { if (data.Item1) { return data.Item2; } else { throw new Exception(data.Item2); } }", reported: false));

    [Fact]
    public Task FactoryCalledAfterANestedCheckOneBranchOfWhichFallsThrough_Diagnostic() =>
        VerifyAsync(Nested("if (DateTime.Now - data.Item3 < Time) { if (data.Item1) { return data.Item2; } else { Console.WriteLine(data.Item2); } }", reported: true));

    [Fact]
    public Task FactoryCalledAfterAHitBranchThatOnlyLogs_Diagnostic() =>
        VerifyAsync(Nested("Console.WriteLine(data.Item2);", reported: true));

    [Fact]
    public Task CheckedOnlyForExpiryWithoutTheKey_Diagnostic() => VerifyAsync(ExpiringFeedCache
        .Replace("{0}", "info = null;\n                if (DateTime.UtcNow.Second < 30 && s_feeds.TryGetValue(feedUrl, out info))")
        .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task ClientMadeOnAMissThenGetOrAddedUnderTheKey_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Endpoints
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public static async Task<string> Fetch(string provider, string url)
            {
                var client = await GetClient(provider);
                return await client.GetStringAsync(url);
            }

            private static async Task<HttpClient> GetClient(string provider)
            {
                if (s_clients.TryGetValue(provider, out var client))
                {
                    return client;
                }

                client = await CreateClient();
                client = s_clients.GetOrAdd(provider, client);
                return client;
            }

            private static Task<HttpClient> CreateClient() => Task.FromResult(new HttpClient());

            public static HttpClient Direct(string provider)
            {
                if (s_clients.TryGetValue(provider, out var client))
                {
                    return client;
                }

                return s_clients.GetOrAdd(provider, new HttpClient());
            }
        }
        """);

    [Fact]
    public Task ClientGetOrAddedUnderAnotherKeyOrWithoutAMissCheck_Diagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public static class Endpoints
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public static string AnotherKey(string provider, string url)
            {
                if (s_clients.TryGetValue(provider, out var client))
                {
                    return client.GetStringAsync(url).Result;
                }

                client = {|HCG001:new HttpClient()|};
                client.GetStringAsync(url).Wait();
                var kept = s_clients.GetOrAdd(url, client);
                return kept.GetStringAsync(url).Result;
            }

            public static string NoCheck(string provider, string url)
            {
                var client = {|HCG001:new HttpClient()|};
                client.GetStringAsync(url).Wait();
                var kept = s_clients.GetOrAdd(provider, client);
                return kept.GetStringAsync(url).Result;
            }
        }
        """);

    [Fact]
    public Task HandlerBuiltOnlyWhileALazilySetFieldIsNull_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public sealed class Source
        {
            private readonly Func<HttpMessageHandler> _handler;
            public Source(Func<HttpMessageHandler> handler) { _handler = handler; }
            public string Get(string url) { using (var client = new HttpClient(_handler(), false)) { return client.GetStringAsync(url).Result; } }
        }

        public sealed class PackageFeed
        {
            private static Source s_shared;
            private Source _source;

            public string Index(string url)
            {
                EnsureSource();
                return _source.Get(url);
            }

            public static string Shared(string url)
            {
                if (s_shared == null)
                {
                    var handler = new HttpClientHandler { UseProxy = false };
                    s_shared = new Source(() => handler);
                }

                return s_shared.Get(url);
            }

            private void EnsureSource()
            {
                if (_source != null)
                {
                    return;
                }

                var handler = new HttpClientHandler { UseCookies = false };
                _source = new Source(() => handler);
            }
        }
        """);

    [Fact]
    public Task TaskWhoseLambdaReturnsTheClientKeptInAStatic_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Warmup
        {
            private static Task<HttpClient> s_client;

            public static void Start() => s_client = Task.Run(() => new HttpClient(new HttpClientHandler { UseCookies = false }));

            public static async Task<string> Get(string url) => await (await s_client).GetStringAsync(url);
        }
        """);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task HandlerCreatedPerCallOutsideLambda_HandlerReportedNotTheClients() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System;
        using System.Net.Http;

        public class Api
        {
            public void Measure(string url)
            {
                using (var shared = {|#0:new HttpClientHandler()|})
                {
                    Func<HttpClient> create = () => new HttpClient(shared, false);
                    using (var client = create())
                    {
                        Console.WriteLine(client.GetStringAsync(url).Result);
                    }
                }
            }
        }
        """, "'HttpClientHandler' is created each time 'Measure' runs: each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task CreatedUsedForARequestThenCached_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Collections.Generic;
        using System.Net.Http;

        public class Api
        {
            static readonly Dictionary<string, HttpClient> s_last = new Dictionary<string, HttpClient>();

            public string Get(string url)
            {
                var client = {|#0:new HttpClient()|};
                var body = client.GetStringAsync(url).Result;
                s_last[url] = client;
                return body;
            }
        }
        """, "'HttpClient' is created each time 'Get' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task InstanceCacheOfOwnerCreatedPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System.Collections.Generic;
        using System.Net.Http;

        public class HandlerPool
        {
            readonly Dictionary<string, HttpMessageHandler> _handlers = new Dictionary<string, HttpMessageHandler>();

            public HttpMessageHandler Get(string key)
            {
                if (!_handlers.TryGetValue(key, out var handler))
                {
                    handler = {|#0:new HttpClientHandler()|};
                    _handlers[key] = handler;
                }

                return handler;
            }
        }

        public class Api
        {
            public string Fetch(string url)
            {
                var pool = new HandlerPool();
                using (var client = new HttpClient(pool.Get(url), false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, "'HttpClientHandler' is created per instance of 'HandlerPool', which is created each time 'Api.Fetch' runs: each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task StaticFuncFieldHoldingALambda_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            static readonly Func<HttpClient> s_create = () => {|HCG001:new HttpClient()|};

            public string Get(string url)
            {
                using (var client = s_create())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task WrapperThatInvokesButDoesNotStore_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System;
        using System.Net.Http;

        public class Api
        {
            public string Get(string url) => Use(() => {|#0:new HttpClient()|}, url);

            static string Use(Func<HttpClient> create, string url)
            {
                using (var client = create())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, "'HttpClient' is created each time 'Get' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    private const string RequestFactory = """
        using System;
        using System.Net.Http;

        public sealed class RequestFactory
        {
            private HttpClient _client;

            public void Configure(Uri endpoint, HttpClient client = null)
            {
                if (client == null)
                {
                    client = CLIENT;
                }

                _client = client;
            }

            public string Get(string path) => _client.GetStringAsync(path).Result;
        }

        """;

    [Fact]
    public Task ByValueParameterReplacedThenKeptInAField_OwnerMadeOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        RequestFactory.Replace("CLIENT", "new HttpClient { BaseAddress = endpoint }", System.StringComparison.Ordinal) + """
        public sealed class ExchangeClient
        {
            private readonly RequestFactory _requests = new RequestFactory();

            public ExchangeClient(Uri endpoint) => _requests.Configure(endpoint);

            public string Ticker() => _requests.Get("ticker");
        }

        public static class Exchanges
        {
            public static readonly ExchangeClient Default = new ExchangeClient(new Uri("https://api.example.com/"));
        }
        """);

    [Fact]
    public Task ByValueParameterReplacedThenKeptInAField_OwnerMadePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        RequestFactory.Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }", System.StringComparison.Ordinal) + """
        public static class Tickers
        {
            public static string Ticker(Uri endpoint)
            {
                var requests = new RequestFactory();
                requests.Configure(endpoint);
                return requests.Get("ticker");
            }
        }
        """);

    [Fact]
    public Task ResultStoredOnlySometimesOrUnderAnotherKeyOrCheckThatDoesNotReturn_Diagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public static class Probes
        {
            static readonly ConcurrentDictionary<string, string> s_results = new ConcurrentDictionary<string, string>();

            public static string OnlyWhenOk(string url)
            {
                if (s_results.TryGetValue(url, out var cached))
                {
                    return cached;
                }

                using (var client = {|HCG001:new HttpClient()|})
                {
                    var body = client.GetStringAsync(url).Result;
                    if (body.Length > 0)
                    {
                        s_results.TryAdd(url, body);
                    }

                    return body;
                }
            }

            public static string AnotherKey(string url, string name)
            {
                if (s_results.TryGetValue(url, out var cached))
                {
                    return cached;
                }

                string body;
                using (var client = {|HCG001:new HttpClient()|})
                {
                    body = client.GetStringAsync(url).Result;
                }

                s_results[name] = body;
                return body;
            }

            public static string CheckWithoutReturn(string url)
            {
                if (s_results.TryGetValue(url, out var cached))
                {
                    System.Console.WriteLine(cached);
                }

                string body;
                using (var client = {|HCG001:new HttpClient()|})
                {
                    body = client.GetStringAsync(url).Result;
                }

                s_results[url] = body;
                return body;
            }
        }
        """);

    // The cache check that returns sits in the other branch of an 'if': it never guards the work below it.
    [Fact]
    public Task MissCheckInABranchBesideTheWork_Diagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class LocalHosts
        {
            static readonly ConcurrentDictionary<int, string> s_safeHosts = new ConcurrentDictionary<int, string>();

            public static async Task<string> SafeHostAsync(int port, bool cached)
            {
                string host;
                if (cached)
                {
                    if (s_safeHosts.TryGetValue(port, out host))
                    {
                        return host;
                    }
                }
                else
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        host = await client.GetStringAsync("http://localhost:" + port + "/host");
                    }

                    s_safeHosts.TryAdd(port, host);
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task HandlerBuiltWhileAFieldIsNullButAnotherFieldIsSet_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public sealed class Source
        {
            private readonly Func<HttpMessageHandler> _handler;
            public Source(Func<HttpMessageHandler> handler) { _handler = handler; }
            public string Get(string url) { using (var client = new HttpClient(_handler(), false)) { return client.GetStringAsync(url).Result; } }
        }

        public static class PackageFeed
        {
            private static Source s_source;
            private static Source s_last;

            public static string Index(string url)
            {
                if (s_source == null)
                {
                    var handler = {|HCG002:new HttpClientHandler|} { UseCookies = false };
                    s_last = new Source(() => handler);
                }

                return s_last.Get(url);
            }

            public static string Again(string url)
            {
                if (s_source != null)
                {
                    System.Console.WriteLine(url);
                }

                var handler = {|HCG002:new HttpClientHandler()|};
                s_source = new Source(() => handler);
                return s_source.Get(url);
            }
        }
        """);

    [Fact]
    public Task TaskOfALambdaThatUsesItsOwnClientKeptInAField_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public class DownloadWidget
        {
            private Task _download;
            private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

            public void Draw(bool clicked, string url, string path)
            {
                if (!clicked)
                {
                    return;
                }

                var factory = Task.Factory;
                _download = factory.StartNew(async () =>
                {
                    using (var client = {|#0:new HttpClient()|})
                    using (var to = File.Create(path))
                    {
                        var body = await client.GetStreamAsync(url);
                        await body.CopyToAsync(to, 81920, _cancel.Token);
                    }
                }).Unwrap();
            }
        }
        """, "'HttpClient' is created each time a lambda in 'Draw' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // ---------------------------------------------------------------- a cache wrapper called through its interface

    // {0}: what the implementation does with what the delegate returns; {1}, {2}: the markup around the client's creation
    // (the one pool: the handler is made beside it).
    private const string CachedThroughInterface = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        public interface ICached<T>
        {
            T Get(string key, Func<T> function);
        }

        public sealed class CacheItem
        {
            public CacheItem(object value, TimeSpan? lifetime)
            {
                Object = value;
            }

            public object Object { get; }
        }

        public sealed class Cached<T> : ICached<T>
        {
            private readonly ConcurrentDictionary<string, CacheItem> _store = new ConcurrentDictionary<string, CacheItem>();

            public T Get(string key, Func<T> function)
            {
                if (_store.TryGetValue(key, out var cacheItem))
                {
                    return (T)cacheItem.Object;
                }

                {0}
            }
        }

        public class ManagedHttpDispatcher
        {
            private readonly ICached<HttpClient> _httpClientCache;

            public ManagedHttpDispatcher(ICached<HttpClient> cache)
            {
                _httpClientCache = cache;
            }

            public string Fetch(string url, string proxy)
            {
                var client = _httpClientCache.Get(proxy ?? "none", () => CreateHttpClient(proxy));
                return client.GetStringAsync(url).Result;
            }

            protected virtual HttpClient CreateHttpClient(string proxy)
            {
                var handler = new SocketsHttpHandler { UseProxy = proxy != null };
                return {1}new HttpClient(handler){2};
            }
        }
        """;

    private static string ThroughInterface(string implementation, bool reported) => CachedThroughInterface
        .Replace("{0}", implementation)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task CacheWrapperCalledThroughItsInterfaceKeepsAWrappedResult_NoDiagnostic() => VerifyAsync(ThroughInterface("""
        var newCacheItem = new CacheItem(function(), null);
                        cacheItem = _store.GetOrAdd(key, newCacheItem);
                        _store.TryUpdate(key, newCacheItem, cacheItem);
                        return (T)cacheItem.Object;
        """, reported: false), new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task CacheWrapperCalledThroughItsInterfaceKeepsNothing_Diagnostic() => VerifyAsync(ThroughInterface("""
        var item = new CacheItem(function(), null);
                        return (T)item.Object;
        """, reported: true), new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task CacheWrapperWithASecondImplementationThatKeepsNothing_Diagnostic() => VerifyAsync(ThroughInterface("""
        _store[key] = new CacheItem(function(), null);
                        return (T)_store[key].Object;
        """, reported: true).Replace("public class ManagedHttpDispatcher", """
        public sealed class NoCache<T> : ICached<T>
        {
            public T Get(string key, Func<T> function) => function();
        }

        public class ManagedHttpDispatcher
        """), new TestOptions { Targets = Targets.Net80 });

    // ---------------------------------------------------------------- IHttpClientFactory's handler builder actions

    // {0}: the list the action is added to; {1}, {2}: the markup around the handler's creation.
    private const string HandlerBuilderActions = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http;
        using Microsoft.Extensions.Options;

        public static class HandlerFactory
        {
            public static bool TryCreatePrimaryHandler(out HttpMessageHandler handler)
            {
                handler = {1}new HttpClientHandler(){2};
                return true;
            }
        }

        public static class GrpcClientServiceExtensions
        {
            public static List<Action<HttpMessageHandlerBuilder>> Pending = new List<Action<HttpMessageHandlerBuilder>>();

            public static IHttpClientBuilder AddGrpcHttpClient(this IServiceCollection services, string name)
            {
                var builder = services.AddHttpClient(name);
                services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(new ConfigureNamedOptions<HttpClientFactoryOptions>(name, options =>
                {
                    {0}.Add(b =>
                    {
                        if (HandlerFactory.TryCreatePrimaryHandler(out var handler))
                        {
                            b.PrimaryHandler = handler;
                        }
                    });
                }));
                return builder;
            }
        }
        """;

    [Fact]
    public Task HandlerMadeInAnActionOfTheFactorysHandlerBuilder_NoDiagnostic() => VerifyAsync(HandlerBuilderActions
        .Replace("{0}", "options.HttpMessageHandlerBuilderActions").Replace("{1}", "").Replace("{2}", ""),
        new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task HandlerMadeInAnActionAddedToAListOfYourOwn_Diagnostic() => VerifyAsync(HandlerBuilderActions
        .Replace("{0}", "Pending").Replace("{1}", "{|HCG002:").Replace("{2}", "|}"),
        new TestOptions { WithHttpClientFactory = true });

    // A result memoized in a field set by both branches of an if/else after the work (Remotely's BrandingProvider: the fetched
    // branding on success, a default on failure): the work runs once per holder. {0}: the store after the fetch.
    private const string BrandingProvider = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Branding { public string Name { get; set; } }

        public sealed class BrandingProvider
        {
            private Branding _branding;
            private Branding _fallback;

            public async Task Initialize(string host)
            {
                if (_branding != null)
                {
                    return;
                }

                var result = await TryGetBranding(host);
                {0}
            }

            private async Task<Branding> TryGetBranding(string host)
            {
                using (var client = {1})
                {
                    return new Branding { Name = await client.GetStringAsync(host + "/api/branding") };
                }
            }
        }
        """;

    private static string Branding(string store, string creation) => BrandingProvider.Replace("{0}", store).Replace("{1}", creation);

    [Fact]
    public Task ResultStoredInTheCheckedFieldByBothBranches_NoDiagnostic() => VerifyAsync(Branding(
        "if (result != null) { _branding = result; } else { Console.WriteLine(\"failed\"); _branding = new Branding { Name = \"default\" }; }",
        "new HttpClient()"));

    [Fact]
    public Task ResultStoredByBothBranchesOfAnElseIfChain_NoDiagnostic() => VerifyAsync(Branding(
        "if (result == null) _branding = new Branding(); else if (result.Name == \"\") _branding = new Branding { Name = \"empty\" }; else _branding = result;",
        "new HttpClient()"));

    [Fact]
    public Task ResultStoredOnlyOnSuccess_Diagnostic() => VerifyAsync(Branding(
        "if (result != null) { _branding = result; }",
        "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task BranchesStoreIntoDifferentFields_Diagnostic() => VerifyAsync(Branding(
        "if (result != null) { _branding = result; } else { _fallback = new Branding(); }",
        "{|HCG001:new HttpClient()|}"));

    // A remote file loaded once per path into a static cache (AssetRipper's static content): the client comes from a factory,
    // and after the request each branch stores its outcome under the path. {0}: the stores of the last if/else; {1}: the
    // factory's creation.
    private const string RemoteContent = """
        using System.Collections.Concurrent;
        using System.Net.Http;
        using System.Threading.Tasks;

        internal static class HttpClientBuilder
        {
            internal static HttpClient CreateHttpClient()
            {
                var client = {1};
                client.DefaultRequestHeaders.Add("User-Agent", "loader");
                return client;
            }
        }

        public static class StaticContentLoader
        {
            private static ConcurrentDictionary<string, byte[]> Cache { get; } = new ConcurrentDictionary<string, byte[]>();

            public static async Task<byte[]> LoadRemote(string path, string source, bool check)
            {
                if (Cache.TryGetValue(path, out var result))
                {
                    return result;
                }
                else
                {
                    using (var client = HttpClientBuilder.CreateHttpClient())
                    using (var response = await client.GetAsync(source))
                    {
                        var data = await response.Content.ReadAsByteArrayAsync();
                        {0}
                    }
                }
            }
        }
        """;

    private static string Remote(string stores, string creation) => RemoteContent.Replace("{0}", stores).Replace("{1}", creation);

    [Fact]
    public Task OutcomeStoredUnderTheCheckedKeyByBothBranches_NoDiagnostic() => VerifyAsync(Remote(
        "if (check && data.Length == 0) { Cache.TryAdd(path, new byte[0]); return new byte[0]; } else { Cache.TryAdd(path, data); return data; }",
        "new HttpClient()"));

    [Fact]
    public Task OutcomeStoredUnderAnotherKeyOnOneBranch_Diagnostic() => VerifyAsync(Remote(
        "if (check && data.Length == 0) { Cache.TryAdd(source, new byte[0]); return new byte[0]; } else { Cache.TryAdd(path, data); return data; }",
        "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task OutcomeStoredOnOneBranchOnly_Diagnostic() => VerifyAsync(Remote(
        "if (check && data.Length == 0) { return new byte[0]; } else { Cache.TryAdd(path, data); return data; }",
        "{|HCG001:new HttpClient()|}"));

    // A probe memoized per host in the application's IMemoryCache (Octopus Calamari's self-hosted GitLab check): the cache is
    // the container's, so a result outlives the inspector that stored it, even one made per call. {0}: where the inspector's
    // cache comes from; {1}: the creation's markup.
    private const string GitLabInspector = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Caching.Memory;

        public sealed class GitLabInspector
        {
            private readonly IMemoryCache _cache;

            {0}

            public async Task<bool> IsSelfHosted(Uri repository)
            {
                var key = "gitlab_" + repository.Host;
                if (_cache.TryGetValue(key, out bool known))
                {
                    return known;
                }

                var client = {1};
                var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(repository, "/api/v4")));
                var found = response.Headers.Contains("x-gitlab-meta");
                _cache.Set(key, found, TimeSpan.FromHours(1));
                return found;
            }

            public static Task<bool> Check(IMemoryCache cache, Uri repository) => new GitLabInspector(cache).IsSelfHosted(repository);
        }
        """;

    private static readonly TestOptions s_withAspNetCore = new() { WithAspNetCore = true };

    [Fact]
    public Task ResultMemoizedInTheInjectedMemoryCache_NoDiagnostic() => VerifyAsync(GitLabInspector
        .Replace("{0}", "public GitLabInspector(IMemoryCache cache) { _cache = cache ?? throw new ArgumentNullException(nameof(cache)); }")
        .Replace("{1}", "new HttpClient()"), s_withAspNetCore);

    [Fact]
    public Task ResultMemoizedInAMemoryCacheTheInspectorMakes_Diagnostic() => VerifyAsync(GitLabInspector
        .Replace("{0}", "public GitLabInspector(IMemoryCache unused) { _cache = new MemoryCache(new MemoryCacheOptions()); }")
        .Replace("{1}", "{|HCG001:new HttpClient()|}"), s_withAspNetCore);

    // A name memoized in the injected IMemoryCache, read back with Get<T> into a local the guard tests (MultiplayerSessionList's
    // Steam workshop names). {0}: the lookup; {1}: the key stored under; {2}: the creation's markup.
    private const string WorkshopNames = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Caching.Memory;

        public sealed class SteamInterface
        {
            private readonly IMemoryCache memCache;

            public SteamInterface(IMemoryCache memCache) { this.memCache = memCache; }

            public async Task<string> GetSteamWorkshopName(string workshopId)
            {
                {0}
                if (name != null)
                    if (name.Length == 0)
                        return null;
                    else
                        return name;

                using (var http = {2})
                {
                    var found = await http.GetStringAsync("http://steamcommunity.com/sharedfiles/filedetails/?id=" + workshopId);
                    memCache.Set({1}, found ?? string.Empty, TimeSpan.FromHours(24));
                    return found;
                }
            }

            public static Task<string> Lookup(IMemoryCache cache, string id) => new SteamInterface(cache).GetSteamWorkshopName(id);
        }
        """;

    private static string Workshop(string lookup, string storedUnder, string creation) =>
        WorkshopNames.Replace("{0}", lookup).Replace("{1}", storedUnder).Replace("{2}", creation);

    [Fact]
    public Task ResultLookedUpIntoALocalTheGuardTests_NoDiagnostic() => VerifyAsync(Workshop(
        "string name = memCache.Get<string>(\"Steam.Workshop(\" + workshopId + \")\");",
        "\"Steam.Workshop(\" + workshopId + \")\"",
        "new HttpClient()"), s_withAspNetCore);

    [Fact]
    public Task ResultLookedUpUnderAnotherKeyOrTheLocalReassigned_Diagnostic() => VerifyAsync(
        Workshop(
            "string name = memCache.Get<string>(\"Steam.Workshop(\" + workshopId + \")\");",
            "\"Steam.Name(\" + workshopId + \")\"",
            "{|HCG001:new HttpClient()|}") +
        Workshop(
            "string name = memCache.Get<string>(\"Steam.Workshop(\" + workshopId + \")\"); if (workshopId.Length == 0) name = \"\";",
            "\"Steam.Workshop(\" + workshopId + \")\"",
            "{|HCG001:new HttpClient()|}").Replace("class SteamInterface", "class OtherInterface").Replace("new SteamInterface(", "new OtherInterface(").Replace("public SteamInterface(", "public OtherInterface(")
            .Replace("using System;\nusing System.Net.Http;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.Caching.Memory;\n", ""),
        s_withAspNetCore);
}
