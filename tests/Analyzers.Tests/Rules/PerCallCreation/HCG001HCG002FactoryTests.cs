using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>Creations returned by a method are decided by the method's callers (private factories).</summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002FactoryTests
{
    [Fact]
    public Task PrivateFactoryCalledOnlyFromStaticInitializer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private static readonly HttpClient s_client = CreateClient();

            private static HttpClient CreateClient()
            {
                return new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryReturningADelegateOverItsClient_CalledFromStaticInitializer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private static readonly Func<HttpClient> s_getClient = ClientFactory();

            private static Func<HttpClient> ClientFactory()
            {
                var client = new HttpClient();
                return () => client;
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryReturningADelegateOverItsClient_CalledPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            public string Get(string url) => ClientFactory()().GetStringAsync(url).Result;

            private static Func<HttpClient> ClientFactory()
            {
                var client = {|HCG001:new HttpClient()|};
                return () => client;
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryUsedAsLazyMethodGroup_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(Create);

            static HttpClient Create() => new HttpClient();
        }
        """);

    [Fact]
    public Task PrivateHandlerFactoryForHttpClientBuilder_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("a").ConfigurePrimaryHttpMessageHandler(CreateHandler);
                services.AddHttpClient("b").ConfigurePrimaryHttpMessageHandler(() => CreateHandler());
            }

            private static HttpMessageHandler CreateHandler() => new HttpClientHandler { UseCookies = false };
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task PrivateFactoryChain_OneTimeThroughTwoLevels_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            private static readonly HttpClient s_client = Outer();

            private static HttpClient Outer() => Inner();

            private static HttpClient Inner() => new HttpClient();
        }
        """);

    [Fact]
    public Task PrivateFactoryCalledPerCall_ReportedWithCaller() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            public async Task<string> FetchAsync(string url)
            {
                using (var client = CreateClient())
                {
                    return await client.GetStringAsync(url);
                }
            }

            private static HttpClient CreateClient() => {|#0:new HttpClient()|};
        }
        """, "'HttpClient' is created each time 'FetchAsync' runs (returned by 'CreateClient'): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task PrivateFactoryOneCallerOnceOnePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            private static readonly HttpClient s_client = Create();

            public string Get(string url)
            {
                using (var client = Create())
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            private static HttpClient Create()
            {
                if (s_client != null)
                {
                    return {|HCG001:new HttpClient()|};
                }

                return {|HCG001:new HttpClient(new HttpClientHandler())|};
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryInLoopCaller_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System.Collections.Generic;
        using System.Net.Http;

        class C
        {
            public List<HttpMessageInvoker> All(int n)
            {
                var list = new List<HttpMessageInvoker>();
                for (var i = 0; i < n; i++)
                {
                    list.Add(new HttpMessageInvoker(Handler()));
                }

                return list;
            }

            private HttpMessageHandler Handler() => {|#0:new HttpClientHandler()|};
        }
        """, "'HttpClientHandler' is created inside a loop in 'All' (returned by 'Handler'): each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task PrivateFactoryAsStoredDelegate_NeverInvoked_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            // Runs as often as s_factory is invoked (HCG001HCG002StoredDelegateTests): nothing here invokes it.
            private static readonly Func<HttpClient> s_factory = Create;

            private static HttpClient Create() => new HttpClient();
        }
        """);

    [Fact]
    public Task PublicFactoryCalledOnlyFromStaticInitializer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class Clients
        {
            private static readonly HttpClient s_client = Create();

            public static HttpClient Create() => new HttpClient();
        }
        """);

    [Fact]
    public Task PublicFactoryWithoutCallers_DecidedByItsCallersElsewhere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();

            public static HttpMessageHandler CreateHandler()
            {
                var handler = new HttpClientHandler();
                handler.AllowAutoRedirect = false;
                return handler;
            }
        }
        """);

    [Fact]
    public Task PublicFactoryWithoutCallersNextToAPerCallMethod_OnlyThePerCallMethodReported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();

            public static async Task<string> Fetch(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task InternalFactoryCalledPerCallFromAnotherType_ReportedWithCaller() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        static class Clients
        {
            internal static HttpClient Create() => {|#0:new HttpClient()|};
        }

        public class Reporter
        {
            public string Fetch(string url) => Clients.Create().GetStringAsync(url).Result;
        }
        """, "'HttpClient' is created each time 'Reporter.Fetch' runs (returned by 'Create'): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // Method groups: the delegate runs where the argument's site says, as a lambda would.

    [Fact]
    public Task PublicFactoryUsedOnlyAsMethodGroupOfStaticLazy_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();
        }

        public static class Shared
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(Clients.Create);

            public static HttpClient Client => s_client.Value;
        }
        """);

    [Fact]
    public Task PublicFactoryUsedAsMethodGroupOfStaticCache_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class Clients
        {
            private static readonly ConcurrentDictionary<string, HttpClient> s_byName = new ConcurrentDictionary<string, HttpClient>();

            public static HttpClient For(string name) => s_byName.GetOrAdd(name, Create);

            public static HttpClient Create(string name) => new HttpClient();
        }
        """);

    [Fact]
    public Task InternalFactoryPassedAsMethodGroupPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Clients
        {
            internal static HttpClient Create() => {|#0:new HttpClient()|};
        }

        public class Reporter
        {
            public Task<HttpClient> Fetch() => Task.Run(new Func<HttpClient>(Clients.Create));
        }
        """, "'HttpClient' is created each time the delegate passed in 'Reporter.Fetch' runs (returned by 'Create'): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task InternalFactoryCalledOnlyOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        static class Clients
        {
            internal static HttpClient Create() => new HttpClient();

            internal static HttpMessageHandler Unused() => new HttpClientHandler();
        }

        static class Shared
        {
            public static readonly HttpClient Client = Clients.Create();
        }
        """);

    [Fact]
    public Task LocalReturnedFromFactoryCalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            public string Get(string url) => Create().GetStringAsync(url).Result;

            private static HttpClient Create()
            {
                var client = {|HCG001:new HttpClient()|};
                client.DefaultRequestHeaders.Add("User-Agent", "x");
                return client;
            }
        }
        """);

    [Fact]
    public Task UncalledPrivateFactory_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            private HttpClient Unused() => new HttpClient();
        }
        """);

    [Fact]
    public Task PrivateFactoryCalledFromConstructor_LeftToOwnerAnalysis_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            private readonly HttpClient _client;

            public C() { _client = Create(); }

            private static HttpClient Create() => new HttpClient();
        }
        """);

    [Fact]
    public Task FactoryConfiguringALocalBeforeReturningIt_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        class C
        {
            private static readonly HttpClient s_client = Create();

            private static HttpClient Create()
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Add("User-Agent", "x");
                return client;
            }
        }
        """);

    private const string Tail = ": each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory";

    [Fact]
    public Task PublicFactoryCalledThroughItsInterfaceOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public interface IHandlerFactory { HttpMessageHandler CreateHandler(); }

        public class DefaultHandlerFactory : IHandlerFactory
        {
            public virtual HttpMessageHandler CreateHandler() => new HttpClientHandler();
        }

        public static class Clients
        {
            private static readonly IHandlerFactory s_factory = new DefaultHandlerFactory();
            public static readonly HttpClient Shared = new HttpClient(s_factory.CreateHandler());
        }
        """);

    [Fact]
    public Task PublicFactoryCalledThroughItsInterfacePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System.Net.Http;

        public interface IHandlerFactory { HttpMessageHandler CreateHandler(); }

        public class DefaultHandlerFactory : IHandlerFactory
        {
            public virtual HttpMessageHandler CreateHandler() => {|#0:new HttpClientHandler()|};
        }

        public class Sender
        {
            private readonly IHandlerFactory _factory = new DefaultHandlerFactory();

            public void Send()
            {
                using (var client = new HttpClient(_factory.CreateHandler()))
                {
                }
            }
        }
        """, TestOptions.Default, "'HttpClientHandler' is created each time 'Sender.Send' runs (returned by 'CreateHandler'): each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task PublicFactoryReturnedByAnotherPublicFactoryCalledOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();

            public static HttpClient CreateDefault() => Create();
        }

        public static class Program
        {
            private static readonly HttpClient s_client = Clients.CreateDefault();
        }
        """);

    [Fact]
    public Task PublicFactoryReturnedByAnotherPublicFactoryCalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => {|#0:new HttpClient()|};

            public static HttpClient CreateDefault() => Create();
        }

        public class Reporter
        {
            public void Fetch()
            {
                using (var client = Clients.CreateDefault())
                {
                }
            }
        }
        """, TestOptions.Default, "'HttpClient' is created each time 'Reporter.Fetch' runs (returned by 'Create')" + Tail);

    [Fact]
    public Task PublicFactoryReturnedByAnUncalledVisibleFactory_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();

            public static HttpClient CreateDefault() => Create();
        }

        public class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public static Api CreateDefault() => new Api();
        }
        """);

    [Fact]
    public Task PublicFactoryCalledInTheConstructorOfAPerCallOwner_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => {|#0:new HttpClient()|};
        }

        public class Api
        {
            private readonly HttpClient _client;

            public Api() => _client = Clients.Create();
        }

        public class Job
        {
            public void Run()
            {
                var api = new Api();
            }
        }
        """, TestOptions.Default, "'HttpClient' is created per instance of 'Api', which is created each time 'Job.Run' runs (returned by 'Create')" + Tail);

    [Fact]
    public Task PublicFactoryCalledInTheConstructorOfASingleton_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();
        }

        public class Api
        {
            public static readonly Api Instance = new Api();

            private readonly HttpClient _client;

            private Api() => _client = Clients.Create();
        }
        """);

    [Fact]
    public Task MutuallyRecursivePublicFactories_NoCrashNoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Clients
        {
            private static readonly HttpClient s_client = First(0);

            public static HttpClient First(int depth) => depth > 3 ? new HttpClient() : Second(depth + 1);

            public static HttpClient Second(int depth) => First(depth + 1);
        }
        """);

    [Fact]
    public Task PublicStaticFactoryCalledThroughAnAliasPerCall_Diagnostic_OtherTypesSameNameQuiet() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using Factories = Clients;

        public static class Clients
        {
            public static System.Net.Http.HttpClient Create() => {|#0:new System.Net.Http.HttpClient()|};
        }

        public static class Other
        {
            public static object Create() => new object();
        }

        public class Reporter
        {
            private static readonly System.Net.Http.HttpClient s_client = Clients.Create();

            public void Fetch()
            {
                var other = Other.Create();
                using (var client = Factories.Create())
                {
                }
            }
        }
        """, TestOptions.Default, "'HttpClient' is created each time 'Reporter.Fetch' runs (returned by 'Create')" + Tail);

    [Fact]
    public Task PrivateHelperThatUsesAClientRunOnlyWhileInitializing_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        static class Feed
        {
            private static readonly string s_index = LoadIndex("https://example.com/index.json");
            private static readonly Lazy<string> s_mirror = new Lazy<string>(LoadMirror);

            public static string Index => s_index + s_mirror.Value;

            private static string LoadIndex(string url)
            {
                using (var client = new HttpClient())
                {
                    return Normalize(client.GetStringAsync(url).Result);
                }
            }

            private static string LoadMirror()
            {
                using (var client = new HttpClient(new HttpClientHandler { UseProxy = false }))
                {
                    return client.GetStringAsync("https://mirror.example.com/index.json").Result;
                }
            }

            private static string Normalize(string text) => text.Trim();
        }
        """);

    [Fact]
    public Task PrivateHelperThatUsesAClientAlsoRunPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System;
        using System.Net.Http;

        static class Feed
        {
            private static readonly string s_index = LoadIndex("https://example.com/index.json");

            public static string Refresh(string url) => LoadIndex(url);

            private static string LoadIndex(string url)
            {
                using (var client = {|#0:new HttpClient()|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, "'HttpClient' is created each time 'LoadIndex' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    private const string HandlerLibrary = """
        using System.Net.Http;

        namespace Lib
        {
            public static class Handlers
            {
                private static readonly HttpClientHandler s_shared = new HttpClientHandler();

                public static HttpClientHandler CreateHandler() => new HttpClientHandler { UseCookies = false };

                public static HttpMessageHandler CreateMessageHandler() => new HttpClientHandler();

                public static HttpClientHandler Shared() => s_shared;
            }
        }
        """;

    [Fact]
    public Task ClientOverAHandlerFromAnotherAssemblysCreatingMethod_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class Ocr
        {
            public string Read(string url)
            {
                using (var client = {|#0:new HttpClient(Lib.Handlers.CreateHandler())|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string ReadWithProxy(string url)
            {
                var handler = Lib.Handlers.CreateHandler();
                handler.UseProxy = true;
                using (var client = {|#1:new HttpClient(handler)|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { LibrarySource = HandlerLibrary },
            "'HttpClient' is created each time 'Read' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory",
            "'HttpClient' is created each time 'ReadWithProxy' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ClientOverAHandlerFromAnotherAssemblyNotMadeForIt_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class Ocr
        {
            public string NotDisposed(string url)
            {
                using (var client = new HttpClient(Lib.Handlers.CreateHandler(), false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string NotACreatingMethod(string url)
            {
                using (var client = new HttpClient(Lib.Handlers.Shared()))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string NotAPrimaryHandlerType(string url)
            {
                using (var client = new HttpClient(Lib.Handlers.CreateMessageHandler()))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { LibrarySource = HandlerLibrary });

    private const string DelegatingHandlerFactory = """
        using System.Net;
        using System.Net.Http;

        public interface IHandlerFactory
        {
            HttpClientHandler CreateClientHandler(IWebProxy proxy);
        }

        public interface IHost
        {
            IHandlerFactory Factory { get; }
            IWebProxy Proxy { get; }
        }

        public static class HostExtensions
        {
            private static readonly HttpClientHandler s_shared = new HttpClientHandler();

            public static HttpClientHandler CreateHttpClientHandler(this IHost host)
            {
                var factory = host.Factory;
                return factory.CreateClientHandler(host.Proxy);
            }

            public static HttpClientHandler CreateViaArrow(this IHost host) => host.Factory.CreateClientHandler(host.Proxy);

            public static HttpClientHandler CreateShared(this IHost host) => s_shared;

            public static HttpClientHandler HandlerFor(this IHost host) => host.Factory.CreateClientHandler(host.Proxy);
        }

        """;

    [Fact]
    public Task ClientOverAHandlerFromACreatingMethodThatOnlyDelegates_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DelegatingHandlerFactory + """
        public class JobServer
        {
            private readonly IHost _host;

            public JobServer(IHost host) => _host = host;

            public string Check(string url)
            {
                using (var handler = _host.CreateHttpClientHandler())
                using (var client = {|HCG001:new HttpClient(handler)|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string CheckArrow(string url)
            {
                using (var client = {|HCG001:new HttpClient(_host.CreateViaArrow())|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task ClientOverAHandlerFromAMethodThatDoesNotOnlyDelegate_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DelegatingHandlerFactory + """
        public class JobServer
        {
            private readonly IHost _host;

            public JobServer(IHost host) => _host = host;

            public string Shared(string url)
            {
                using (var client = new HttpClient(_host.CreateShared()))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string NotOwned(string url)
            {
                using (var client = new HttpClient(_host.CreateHttpClientHandler(), disposeHandler: false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public string NotACreatingName(string url)
            {
                using (var client = new HttpClient(_host.HandlerFor()))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryOfAPartialTypeRegisteredAsASingletonInAnotherPart_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(new[]
    {
        """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public static partial class Registration
        {
            public static IServiceCollection AddFeed(this IServiceCollection services)
            {
                services.TryAddSingleton(HttpClientFactory);
                return services;
            }
        }
        """,
        """
        using System;
        using System.Net;
        using System.Net.Http;

        public static partial class Registration
        {
            private static HttpClient HttpClientFactory(IServiceProvider provider)
            {
                var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip });
                client.Timeout = TimeSpan.FromSeconds(600);
                return client;
            }
        }
        """,
    }, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task PrivateFactoryOfAPartialTypeCalledPerCallInAnotherPart_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(new[]
    {
        """
        public static partial class Feed
        {
            public static string Index(string url)
            {
                using (var client = HttpClientFactory())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """,
        """
        using System;
        using System.Net.Http;

        public static partial class Feed
        {
            private static HttpClient HttpClientFactory()
            {
                var client = {|HCG001:new HttpClient()|};
                client.Timeout = TimeSpan.FromSeconds(600);
                return client;
            }
        }
        """,
    }, TestOptions.Default);

    private const string MetadataProbe = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        internal sealed class FeatureHelper
        {
            private static readonly ConcurrentDictionary<string, FeatureHelper> s_registry = new ConcurrentDictionary<string, FeatureHelper>();
            private readonly string _provider;

            private FeatureHelper(string key) { _provider = GetResourceProvider(); }

            internal static FeatureHelper GetOrCreate(string key) => s_registry.GetOrAdd(key, k => new FeatureHelper(k));

            internal static string Probe(string key) => new FeatureHelper(key)._provider;

            private string GetResourceProvider() => Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME") ?? GetVmMetadata() ?? "unknown";

            private static string GetVmMetadata()
            {
                using (var client = CLIENT)
                {
                    return client.GetStringAsync("http://169.254.169.254/metadata/instance/compute").Result;
                }
            }
        }
        """;

    [Fact]
    public Task PrivateMethodRunFromTheConstructorOfAnObjectKeptPerKey_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        MetadataProbe.Replace("CLIENT", "new HttpClient()", System.StringComparison.Ordinal)
                     .Replace("internal static string Probe(string key) => new FeatureHelper(key)._provider;", "", System.StringComparison.Ordinal));

    [Fact]
    public Task PrivateMethodRunFromTheConstructorOfAnObjectAlsoMadePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        MetadataProbe.Replace("CLIENT", "{|#0:new HttpClient()|}", System.StringComparison.Ordinal),
        "'HttpClient' is created per instance of 'FeatureHelper', which is created each time 'FeatureHelper.Probe' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");
    // A private method hands out a delegate that returns the client it made: the client lives as long as the delegate.
    private const string DelegateOverCapturedClient = """
        using System;
        using System.Net.Http;

        public static class Defaults
        {
            public static Func<HttpClient> ClientProvider(Func<HttpClient> custom = null) => custom ?? SharedClient();

            private static Func<HttpClient> SharedClient()
            {
                var client = CREATION;
                return () => client;
            }
        }

        public class Api
        {
            private readonly Func<HttpClient> _client;

            public Api(Func<HttpClient> client) { _client = client; }

            public string Get(string url) => _client().GetStringAsync(url).Result;
        }

        public static class Program
        {
            USE
        }
        """;

    [Fact]
    public Task DelegateOverCapturedClient_KeptOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DelegateOverCapturedClient
        .Replace("CREATION", "new HttpClient()", StringComparison.Ordinal)
        .Replace("USE", "private static readonly Api s_api = new Api(Defaults.ClientProvider());", StringComparison.Ordinal));

    [Fact]
    public Task DelegateOverCapturedClient_KeptInAStaticDelegate_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DelegateOverCapturedClient
        .Replace("CREATION", "new HttpClient()", StringComparison.Ordinal)
        .Replace("USE", "private static readonly Func<HttpClient> s_client = Defaults.ClientProvider();\n    public static string Run(string url) => new Api(s_client).Get(url);", StringComparison.Ordinal));

    [Fact]
    public Task DelegateOverCapturedClient_MadePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DelegateOverCapturedClient
        .Replace("CREATION", "{|HCG001:new HttpClient()|}", StringComparison.Ordinal)
        .Replace("USE", "public static string Run(string url) => new Api(Defaults.ClientProvider()).Get(url);", StringComparison.Ordinal));

    [Fact]
    public Task ClientCapturedByALambdaCalledInTheSameMethod_StaysPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public static class Fetcher
        {
            public static string Fetch(string url)
            {
                var client = {|HCG001:new HttpClient()|};
                Func<HttpClient> get = () => client;
                return get().GetStringAsync(url).Result;
            }
        }
        """);

    private const string ClusterFactory = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface ICluster { }

        public sealed class GrpcCluster : ICluster
        {
            private readonly HttpClientHandler _handler;

            public GrpcCluster() { _handler = HANDLER; }

            public static Task<ICluster> ConnectAsync()
            {
                var cluster = new GrpcCluster();
                return Task.FromResult<ICluster>(cluster);
            }
        }
        """;

    [Fact]
    public Task OwnerAwaitedWithConfigureAwaitAndReturnedByAnotherPublicFactory_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(ClusterFactory.Replace("HANDLER", "new HttpClientHandler()") + """

        public static class Cluster
        {
            public static async Task<ICluster> ConnectAsync() => await GrpcCluster.ConnectAsync().ConfigureAwait(false);
        }
        """);

    [Fact]
    public Task OwnerAwaitedWithConfigureAwaitAndUsedPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(ClusterFactory.Replace("HANDLER", "{|HCG002:new HttpClientHandler()|}") + """

        public static class Reports
        {
            public static async Task<string> RunAsync()
            {
                var cluster = await GrpcCluster.ConnectAsync().ConfigureAwait(false);
                return cluster.ToString();
            }
        }
        """);

    // {0}: how the public factory's result is kept.
    private const string TuplePipeline = """
        using System.Collections.Generic;
        using System.Net.Http;

        public static class GraphClients
        {
            public static HttpClient Create(HttpMessageHandler finalHandler = null)
            {
                if (finalHandler == null)
                {
                    finalHandler = NativeHandler();
                }

                var built = CreatePipeline(new List<DelegatingHandler>(), finalHandler);
                HttpClient client = new HttpClient(built.Pipeline);
                return client;
            }

            internal static (HttpMessageHandler Pipeline, int Flags) CreatePipeline(IEnumerable<DelegatingHandler> handlers, HttpMessageHandler finalHandler)
            {
                HttpMessageHandler pipeline = finalHandler;
                foreach (var handler in handlers)
                {
                    handler.InnerHandler = pipeline;
                    pipeline = handler;
                }

                return (Pipeline: pipeline, Flags: 0);
            }

            internal static HttpMessageHandler NativeHandler() => {1};
        }

        public class Graph
        {
            {0}
        }
        """;

    [Fact]
    public Task HandlerHandedThroughATupleIntoAClientTheFactoryReturns_KeptStatically_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        TuplePipeline.Replace("{0}", "private static readonly HttpClient Client = GraphClients.Create();").Replace("{1}", "new HttpClientHandler()"));

    [Fact]
    public Task HandlerHandedThroughATupleIntoAClientTheFactoryReturns_MadePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        TuplePipeline.Replace("{0}", "public string Me() => GraphClients.Create().GetStringAsync(\"http://graph/me\").Result;").Replace("{1}", "{|HCG002:new HttpClientHandler()|}"));

    // An SDK root object built by its builder, also through an implicit conversion to its task (Weaviate's
    // 'WeaviateClient client = await builder;'). {0}: the builder's operator; {1}, {2}: the markup around the root's client.
    private const string RootBuilder = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class ApiClient
        {
            private readonly HttpClient _client;

            internal ApiClient(Uri endpoint) { _client = {1}new HttpClient{2} { BaseAddress = endpoint }; }

            internal static Task<ApiClient> CreateAsync(Uri endpoint) => Task.FromResult(new ApiClient(endpoint));

            public Task<string> Get(string path) => _client.GetStringAsync(path);

            public string Describe() => _client.BaseAddress?.ToString() ?? "";
        }

        public sealed class ApiClientBuilder
        {
            private Uri _endpoint = new Uri("http://localhost:8080");

            public ApiClientBuilder WithEndpoint(Uri endpoint) { _endpoint = endpoint; return this; }

            public async Task<ApiClient> BuildAsync() => await ApiClient.CreateAsync(_endpoint);

            {0}
        }
        """;

    [Fact]
    public Task RootObjectReturnedByAConversionOperatorOfItsBuilder_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(RootBuilder
        .Replace("{0}", "public static implicit operator Task<ApiClient>(ApiClientBuilder builder) => builder.BuildAsync();")
        .Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task RootObjectMadeAndDroppedByAConversionOperatorOfItsBuilder_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(RootBuilder
        .Replace("{0}", "public static explicit operator string(ApiClientBuilder builder) => builder.BuildAsync().Result.Describe();")
        .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    // A local function (or method) returning a handler out of a switch expression's arms is a factory: its calls decide.
    // {0}: how the update check is run; {1}, {2}: the markup around each arm's handler.
    private const string SwitchedHandlerFactory = """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class UpdateWindow
        {
            public UpdateWindow()
            {
                {0}
            }

            private static async Task<string> GetLatestVersionAsync(int proxyType)
            {
                using var client = new HttpClient(GetHttpHandler(proxyType));
                return await client.GetStringAsync("https://api.github.com/repos/o/r/releases/latest");

                HttpMessageHandler GetHttpHandler(int type)
                {
                    return type switch
                    {
                        0 => {1}new HttpClientHandler(){2},
                        _ => {1}new HttpClientHandler{2} { Proxy = new WebProxy("http://127.0.0.1:1080"), UseProxy = true },
                    };
                }
            }

            public Task<string> Refresh(int proxyType) => {3};
        }

        public static class App
        {
            public static readonly UpdateWindow Main = new UpdateWindow();
        }
        """;

    [Fact]
    public Task HandlerOutOfASwitchExpressionOfALocalFunctionRunOncePerWindow_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(SwitchedHandlerFactory
        .Replace("{0}", "_ = GetLatestVersionAsync(0);").Replace("{3}", "Task.FromResult(string.Empty)").Replace("{1}", string.Empty).Replace("{2}", string.Empty),
        TestOptions.LatestOnly);

    [Fact]
    public Task HandlerOutOfASwitchExpressionOfALocalFunctionRunOnEveryRefresh_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(SwitchedHandlerFactory
        .Replace("{0}", "_ = GetLatestVersionAsync(0);").Replace("{3}", "GetLatestVersionAsync(proxyType)").Replace("{1}", "{|HCG002:").Replace("{2}", "|}"),
        TestOptions.LatestOnly);
}

