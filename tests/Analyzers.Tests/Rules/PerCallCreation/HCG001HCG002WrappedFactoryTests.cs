using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Factories that hand the client back inside something else: an object-typed wrapper, fluent configuration
/// (<c>CreateDefault().WithToken(...)</c>), a local function whose result a cache of the instance keeps. Each is
/// decided by its callers: quiet when nobody calls it here or every caller runs once, reported when a caller
/// runs per call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002WrappedFactoryTests
{
    private const string Wrapper = """
        using System;
        using System.Net.Http;

        public static class RestService
        {
            public static HttpClient CreateHttpClient(string hostUrl) => new HttpClient { BaseAddress = new Uri(hostUrl) };

            public static object For(Type api, HttpClient client) => Activator.CreateInstance(api, client);

            public static object For(Type api, string hostUrl)
            {
                var client = CreateHttpClient(hostUrl);
                return For(api, client);
            }
        }

        """;

    [Fact]
    public Task ClientHandedBackInsideAnObject_NoCallerHere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Wrapper);

    [Fact]
    public Task ClientHandedBackInsideAnObject_CalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Wrapper.Replace("=> new HttpClient {", "=> {|HCG001:new HttpClient|} {", StringComparison.Ordinal) + """
        public class Job
        {
            public void Run(Type api)
            {
                var service = RestService.For(api, "http://localhost/");
                Console.WriteLine(service);
            }
        }
        """);

    private const string FluentConfig = """
        using System.Net.Http;

        public class Connector
        {
            private readonly HttpClient _client;

            public Connector() => _client = new HttpClient();
        }

        public class Config
        {
            private readonly Connector _connector;
            private string _token;

            private Config(Connector connector) => _connector = connector;

            public static Config CreateDefault() => new Config(new Connector());

            public static Config CreateDefault(string token) => CreateDefault().WithToken(token);

            public Config WithToken(string token)
            {
                _token = token;
                return this;
            }
        }

        """;

    [Fact]
    public Task FluentConfigurationOfAFactoryResult_NoCallerHere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(FluentConfig);

    [Fact]
    public Task FluentConfigurationOfAFactoryResult_CalledOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(FluentConfig + """
        public static class App
        {
            public static readonly Config Default = Config.CreateDefault("token");
        }
        """);

    [Fact]
    public Task FluentConfigurationOfAFactoryResult_CalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        FluentConfig.Replace("_client = new HttpClient();", "_client = {|HCG001:new HttpClient()|};", System.StringComparison.Ordinal) + """
        public class Job
        {
            public void Run(string token)
            {
                var config = Config.CreateDefault(token);
                config.ToString();
            }
        }
        """);

    private const string LocalFunctionCache = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class ClientBuilder
        {
            public HttpClient Build() => new HttpClient();
        }

        public class ClientCache
        {
            private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new ConcurrentDictionary<string, Lazy<HttpClient>>();

            public HttpClient GetOrAdd(string name)
            {
                Lazy<HttpClient> Create()
                {
                    var builder = new ClientBuilder();
                    return new Lazy<HttpClient>(builder.Build);
                }

                return _clients.AddOrUpdate(name, _ => Create(), (_, existing) => existing.IsValueCreated ? existing : Create()).Value;
            }
        }

        """;

    [Fact]
    public Task LocalFunctionFeedingACacheOfAOneTimeOwner_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(LocalFunctionCache + """
        public static class Http
        {
            public static ClientCache Clients { get; } = new ClientCache();
        }
        """);

    [Fact]
    public Task LocalFunctionFeedingACacheOfAPerCallOwner_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        LocalFunctionCache.Replace("Build() => new HttpClient();", "Build() => {|HCG001:new HttpClient()|};", System.StringComparison.Ordinal) + """
        public class Job
        {
            public Uri Run() => new ClientCache().GetOrAdd("a").BaseAddress;
        }
        """);

    [Fact]
    public Task LocalFunctionCalledPerCall_Diagnostic_CalledFromACacheOnly_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class Api
        {
            private static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public HttpClient Cached(string name)
            {
                HttpClient Create() => new HttpClient();
                return s_clients.GetOrAdd(name, _ => Create());
            }

            public string Fresh(string url)
            {
                HttpClient Create() => {|HCG001:new HttpClient()|};
                using (var client = Create())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    // A private factory returned by a public one is decided by the public one's callers.
    [Fact]
    public Task PrivateFactoryReturnedByAPublicFactoryKeptInAStaticField_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Lib
        {
            public static HttpClient Create() => CreateCore();

            private static HttpClient CreateCore() => new HttpClient();
        }

        public static class App
        {
            public static readonly HttpClient Client = Lib.Create();
        }
        """);

    [Fact]
    public Task PrivateFactoryReturnedByAPublicFactoryCalledPerCall_ReportedWithTheCaller() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System.Net.Http;

        public class Handlers
        {
            protected virtual HttpMessageHandler CreateHandler() => CreateSocketsHandler();

            private static HttpMessageHandler CreateSocketsHandler() => {|#0:new HttpClientHandler()|};

            public void Probe()
            {
                using (var handler = CreateHandler())
                {
                }
            }
        }
        """, TestOptions.Default, "'HttpClientHandler' is created each time 'Handlers.Probe' runs (returned by 'CreateHandler'): each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    // A local function that configures a handler in a local and returns it: its calls decide.
    [Fact]
    public Task LocalFunctionReturningAConfiguredLocal_CalledOncePerInstance_NoDiagnostic_CalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net;
        using System.Net.Http;

        public static class Proxies
        {
            public static readonly Proxy Default = new Proxy();
        }

        public class Proxy
        {
            private HttpClient _client;

            public HttpClient Client()
            {
                if (_client == null)
                {
                    var handler = CreateHandler();
                    _client = new HttpClient(handler);
                }

                return _client;

                HttpClientHandler CreateHandler()
                {
                    var created = new HttpClientHandler();
                    created.AutomaticDecompression = DecompressionMethods.GZip;
                    return created;
                }
            }

            public string Fetch(string url)
            {
                using (var handler = CreateHandler())
                {
                    return url + handler.MaxConnectionsPerServer;
                }

                HttpClientHandler CreateHandler()
                {
                    var created = {|HCG002:new HttpClientHandler()|};
                    created.AutomaticDecompression = DecompressionMethods.GZip;
                    return created;
                }
            }
        }
        """);

    private const string SwitchWrapper = """
        using System;
        using System.Net.Http;

        public enum Signal { Traces, Metrics }

        public sealed class ExportClient
        {
            public ExportClient(HttpClient client, string path) { Client = client; Path = path; }

            public HttpClient Client { get; }

            public string Path { get; }
        }

        internal static class ExportClients
        {
            internal static ExportClient For(Signal signal, Uri endpoint)
            {
                var client = new HttpClient { BaseAddress = endpoint };
                return signal switch
                {
                    Signal.Traces => new ExportClient(client, "v1/traces"),
                    Signal.Metrics => new ExportClient(client, "v1/metrics"),
                    _ => throw new NotSupportedException(signal.ToString()),
                };
            }
        }

        """;

    [Fact]
    public Task ClientHandedBackThroughASwitchExpression_NoCallerHere_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(SwitchWrapper, TestOptions.LatestOnly);

    [Fact]
    public Task ClientHandedBackThroughASwitchExpression_KeptByASingleton_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(SwitchWrapper + """
        public sealed class TraceExporter
        {
            public static readonly TraceExporter Instance = new TraceExporter();

            private readonly ExportClient _client = ExportClients.For(Signal.Traces, new Uri("http://localhost:4318/"));

            public string Send() => _client.Client.GetStringAsync(_client.Path).Result;
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task ClientHandedBackThroughASwitchExpression_CalledPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        SwitchWrapper.Replace("var client = new HttpClient {", "var client = {|HCG001:new HttpClient|} {", StringComparison.Ordinal) + """
        public static class Sender
        {
            public static string Send(Uri endpoint)
            {
                var export = ExportClients.For(Signal.Metrics, endpoint);
                return export.Client.GetStringAsync(export.Path).Result;
            }
        }
        """, TestOptions.LatestOnly);

    // {0}: where the built event manager goes; {1}, {2}: the markup around the client.
    private const string BuilderChain = """
        using System.Net.Http;

        public class ApiManager
        {
            private readonly HttpClient _http;

            public ApiManager(HttpClient http = null)
            {
                _http = http ?? {1}new HttpClient(){2};
            }
        }

        public class EventManager
        {
            public ApiManager Api;

            public class Builder
            {
                private ApiManager _api;

                public Builder WithApi(ApiManager api)
                {
                    _api = api;
                    return this;
                }

                public EventManager Build() => new EventManager { Api = _api };
            }
        }

        public class Manager
        {
            public EventManager Events { get; set; }

            public class Builder
            {
                public Manager Build()
                {
                    var manager = new Manager();
                    var api = new ApiManager();
                    {0}
                }
            }
        }
        """;

    private static string Chain(string body, bool reported) => BuilderChain
        .Replace("{0}", body).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task OwnerGivenToABuilderWhoseProductTheFactoryReturns_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Chain("""
                    manager.Events = new EventManager.Builder().WithApi(api).Build();
                    return manager;
        """, reported: false));

    [Fact]
    public Task OwnerGivenToABuilderWhoseProductIsOnlyUsed_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Chain("""
                    var events = new EventManager.Builder().WithApi(api).Build();
                    System.Console.WriteLine(events);
                    return manager;
        """, reported: true));

    // {0}: what the caller does with the builder a factory returned; {1}, {2}: the markup around the connection's client.
    private const string SessionBuilders = """
        using System.Net.Http;

        public sealed class Connection
        {
            private readonly HttpClient _client;

            public Connection() { _client = {1}new HttpClient(){2}; }

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public sealed class Session
        {
            public Session(Connection connection) { Connection = connection; }

            public Connection Connection { get; }
        }

        public sealed class SessionBuilder
        {
            private Connection _connection;

            public SessionBuilder WithConnection(Connection connection)
            {
                _connection = connection;
                return this;
            }

            public Session Build() { return new Session(_connection); }
        }

        public sealed class Communicator
        {
            public Communicator(Session session) { Session = session; }

            public Session Session { get; }
        }

        public static class Factory
        {
            public static SessionBuilder CreateSessionBuilder() { return new SessionBuilder().WithConnection(new Connection()); }

            {0}
        }
        """;

    private static string Sessions(string body, bool reported) => SessionBuilders
        .Replace("{0}", body).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task OwnerInABuilderALocalHolds_ItsBuildReturned_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Sessions("""
            public static Communicator CreateCommunicator()
            {
                SessionBuilder sessionBuilder = CreateSessionBuilder();
                return new Communicator(sessionBuilder.Build());
            }
        """, reported: false));

    [Fact]
    public Task OwnerInABuilderALocalHolds_ItsBuildOnlyUsed_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Sessions("""
            public static string Fetch(string url)
            {
                SessionBuilder sessionBuilder = CreateSessionBuilder();
                Session session = sessionBuilder.Build();
                return session.Connection.Get(url);
            }
        """, reported: true));

    [Fact]
    public Task ClientLocalWhoseBuildCallMakesARequest_ReturnedRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public static class Requests
        {
            public static HttpRequestMessage BuildRequest(this HttpClient client, string url) => new HttpRequestMessage(HttpMethod.Get, url);

            public static HttpRequestMessage Make(string url)
            {
                var client = {|HCG001:new HttpClient()|};
                var request = client.BuildRequest(url);
                return request;
            }
        }
        """);
}
