using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// HCG007 for clients in fields of an object every instance of which a static keeps (a singleton's <c>Instance</c>, a
/// <c>static readonly</c> field, a static <c>Lazy</c>), and one level below such an object: they live as long as the
/// process, without any container (Bugsnag's <c>DefaultDelivery</c>). C# 7.3 and latest, net8.0.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007StaticSingletonTests
{
    // netstandard2.0 has no SocketsHttpHandler to recycle connections with: the rule's own tests cover that target.
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private static Task VerifyAsync(string source) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(source, Net80);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task ClientOfALockedLazySingleton_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System.Net.Http;

        public class DefaultDelivery
        {
            private static DefaultDelivery instance;
            private static readonly object instanceLock = new object();
            private HttpClient _httpClient;

            private DefaultDelivery()
            {
                _httpClient = {|#0:new HttpClient()|};
            }

            public static DefaultDelivery Instance
            {
                get
                {
                    lock (instanceLock)
                    {
                        if (instance == null)
                        {
                            instance = new DefaultDelivery();
                        }

                        return instance;
                    }
                }
            }

            public string Get(string url) => _httpClient.GetStringAsync(url).Result;
        }
        """, Net80,
        "'HttpClient' is kept for the life of the process by 'DefaultDelivery', whose one instance a static keeps, over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task ClientOfAnObjectAStaticSingletonKeepsOrOfAStaticLazy_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Settings
        {
            public static readonly Settings Shared = new Settings();
            private readonly UpdateApi _updates = new UpdateApi();

            private Settings()
            {
            }
        }

        internal class UpdateApi
        {
            private readonly HttpClient _http = {|HCG007:new HttpClient()|};

            public string Latest() => _http.GetStringAsync("https://example.com/latest").Result;
        }

        internal class Telemetry
        {
            private static readonly Lazy<Telemetry> s_instance = new Lazy<Telemetry>(() => new Telemetry());
            private readonly HttpClient _http = {|HCG007:new HttpClient()|};

            public static Telemetry Instance => s_instance.Value;

            public void Post(string body) => _http.PostAsync("https://example.com/t", new StringContent(body)).Wait();
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task OwnerAlsoMadeElsewhereOrBuildableByOtherAssemblies_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        internal class Uploader
        {
            public static readonly Uploader Default = new Uploader();
            private readonly HttpClient _http = new HttpClient();

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        internal class Exporter
        {
            public static readonly Exporter Default = new Exporter();
            private readonly HttpClient _http = new HttpClient();

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        internal static class Jobs
        {
            // Another instance per run: not one the static keeps (a per-call owner is HCG001's question).
            public static string Run(string url) => new Exporter().Get(url);
        }

        internal class Job
        {
            // Another instance, kept by an object whose lifetime is not known here.
            private readonly Uploader _uploader = new Uploader();
        }

        // A library's public type with a public constructor: its users make instances the static does not keep.
        public class Downloader
        {
            public static readonly Downloader Default = new Downloader();
            private readonly HttpClient _http = new HttpClient();

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }
        """);

    [Fact]
    // The worker builds CompletionService instances the analysis does not see, so the client its parameterless constructor
    // makes is per instance: quiet. The client MainThread's initializer hands the constructor that stores it is kept by that
    // one instance, which the static keeps: reported (HCG007StoredByConstructorTests).
    public Task OwnerAlsoBuiltByCodeHandedItsType_OnlyTheClientHandedToTheStaticInstanceReported() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        internal static class Worker
        {
            public static Task<T> CreateBackgroundServiceAsync<T>() where T : new() => Task.FromResult(new T());
        }

        internal class CompletionService
        {
            public static CompletionService MainThread = new CompletionService({|HCG007:new HttpClient|} { Timeout = TimeSpan.FromSeconds(5) });
            public static Task<CompletionService> InWorker = Worker.CreateBackgroundServiceAsync<CompletionService>();

            private readonly HttpClient _http;

            public CompletionService(HttpClient http)
            {
                _http = http;
            }

            // The worker builds instances through this constructor, without a 'new' the analysis sees.
            public CompletionService()
            {
                _http = new HttpClient();
            }
        }

        internal class Plugin
        {
            public static readonly Plugin Default = new Plugin();
            public static readonly object Activated = Activator.CreateInstance(typeof(Plugin));
            private readonly HttpClient _http = new HttpClient();
        }
        """);

    [Fact]
    public Task StaticSingletonWhoseClientRecyclesConnections_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class DefaultDelivery
        {
            private static DefaultDelivery instance;
            private readonly HttpClient _httpClient;

            private DefaultDelivery()
            {
                _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            }

            public static DefaultDelivery Instance => instance ?? (instance = new DefaultDelivery());
        }
        """);
}
