using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client type derived from <c>HttpClient</c> whose constructor makes its handler in <c>base(...)</c>
/// (<c>base(handler ?? new HttpClientHandler())</c>, <c>base(new LoggingHandler(new HttpClientHandler()))</c>): the
/// handler is the client's own, so the leak is HCG001 at each <c>new ApiClient(...)</c> that reaches it, never HCG002 at
/// the handler as well. A caller that always passes a handler of its own does not reach the fallback.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002DerivedClientHandlerTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    [Fact]
    public Task FallbackHandlerInBase_ParameterlessConstructorPerCall_ClientReportedOnce() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class CollectorClient : HttpClient
        {
            public CollectorClient() : this(handler: null) { }

            public CollectorClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler()) { }
        }

        public class Collector
        {
            public string Run(string url)
            {
                using (var client = {|#0:new CollectorClient()|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, "'CollectorClient' is created each time 'Run' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task FallbackHandlerInBase_CallerPassesASharedHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class CollectorClient : HttpClient
        {
            public CollectorClient() : this(handler: null) { }

            public CollectorClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler(), disposeHandler: false) { }
        }

        public class Collector
        {
            private static readonly HttpMessageHandler Shared = new HttpClientHandler();

            public string Run(string url)
            {
                using (var client = new CollectorClient(Shared))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task FallbackHandlerInBase_LocalLeftNullWhenNoFactory_ClientReported() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class CollectorClient : HttpClient
        {
            public CollectorClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler()) { }
        }

        public class Collector
        {
            private readonly Func<HttpMessageHandler> _handlerFunc;

            public Collector(Func<HttpMessageHandler> handlerFunc) { _handlerFunc = handlerFunc; }

            public string Run(string url)
            {
                HttpMessageHandler handler = null;
                if (_handlerFunc != null)
                {
                    handler = _handlerFunc();
                }

                using (var client = {|HCG001:new CollectorClient(handler)|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task FallbackHandlerInBase_DerivedClientHeldStatically_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class CollectorClient : HttpClient
        {
            public CollectorClient() : this(handler: null) { }

            public CollectorClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler()) { }
        }

        public static class Clients
        {
            public static readonly CollectorClient Collector = new CollectorClient();
        }
        """);

    // {0}: the portal's members and types after it.
    private const string WrappedHandlerInBase = """
        using System.Net.Http;

        public class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        public class ApiClient : HttpClient
        {
            public ApiClient() : base(new LoggingHandler(new HttpClientHandler())) { }
        }

        public class Portal
        {
            {0}
        """;

    [Fact]
    public Task WrappedHandlerInBase_PerCall_ClientReportedOnce() => VerifyAsync(WrappedHandlerInBase.Replace("{0}", """
            public string Fetch(string url) => {|HCG001:new ApiClient()|}.GetStringAsync(url).Result;
        }
        """));

    [Fact]
    public Task HandlerInBase_DerivedClientNeverCreatedPerCall_NoDiagnostic() => VerifyAsync(WrappedHandlerInBase.Replace("{0}", """
            private readonly ApiClient _client = new ApiClient();

            public string Fetch(string url) => _client.GetStringAsync(url).Result;
        }

        public static class Portals
        {
            public static readonly Portal Default = new Portal();
        }
        """));

    [Fact]
    public Task FallbackHandlerInBase_DerivedClientOfAReferencedProject_NoDiagnosticAndNoCrash() => VerifyAsync("""
        using System.Net.Http;
        using Library;

        public class Collector
        {
            public string Run(string url)
            {
                using (var client = new CollectorClient())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions
    {
        LibrarySource = """
            using System.Net.Http;

            namespace Library
            {
                public class CollectorClient : HttpClient
                {
                    public CollectorClient() : this(handler: null) { }

                    public CollectorClient(HttpMessageHandler handler) : base(handler ?? new HttpClientHandler()) { }
                }
            }
            """,
    });

    // {0}: the rest of Updater. The handler comes from a private factory of the client type, called only in base(...).
    private const string FactoryHandlerInBase = """
        using System;
        using System.Net.Http;

        public class GameClient : HttpClient
        {
            private static HttpClientHandler GetHandler()
            {
                return new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => request.RequestUri.IsLoopback,
                };
            }

            public GameClient(string server) : base(GetHandler())
            {
                BaseAddress = new Uri(server);
            }

            public GameClient() : this("http://localhost")
            {
            }
        }

        public class Updater
        {
            {0}
        """;

    [Fact]
    public Task HandlerFromAPrivateFactoryInBase_PerCall_ClientReportedOnce() => VerifyAsync(FactoryHandlerInBase.Replace("{0}", """
            public string Manifest(string server)
            {
                using (var client = {|HCG001:new GameClient(server)|})
                {
                    return client.GetStringAsync("manifest.json").Result;
                }
            }

            public string Local() => {|HCG001:new GameClient()|}.GetStringAsync("status").Result;
        }
        """));

    [Fact]
    public Task HandlerFromAPrivateFactoryInBase_DerivedClientHeldStatically_NoDiagnostic() => VerifyAsync(FactoryHandlerInBase.Replace("{0}", """
            private static readonly GameClient Client = new GameClient("http://game.example");
            private static readonly GameClient Local = new GameClient();

            public string Manifest() => Client.GetStringAsync("manifest.json").Result;
        }
        """));
}
