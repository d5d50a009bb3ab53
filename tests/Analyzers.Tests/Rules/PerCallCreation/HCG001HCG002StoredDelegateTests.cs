using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Lambdas and method groups kept in fields and properties of delegate type (a library's
/// <c>Func&lt;HttpClient&gt; HttpClientFactory</c> option, a static default factory): the client is made when the
/// member is invoked, so the invocations decide. Reported where an invocation runs per call; quiet where every
/// invocation runs once (a constructor of a type not created per call, a static initializer) and where nothing
/// in the compilation invokes the member (its users do, outside it).
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002StoredDelegateTests
{
    private const string ExporterOptions = """
        using System;
        using System.Net.Http;

        public sealed class ExporterOptions
        {
            internal static readonly Func<HttpClient> DefaultHttpClientFactory = () => new HttpClient();

            public Func<HttpClient> HttpClientFactory { get; set; } = DefaultHttpClientFactory;

            public Uri Endpoint { get; set; } = new Uri("http://localhost:9411/");
        }

        """;

    [Fact]
    public Task OptionInvokedOnlyInTheExportersConstructor_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(ExporterOptions + """
        public sealed class Exporter
        {
            private readonly HttpClient _client;

            public Exporter(ExporterOptions options)
            {
                _client = options.HttpClientFactory?.Invoke() ?? throw new InvalidOperationException("no client");
            }

            public string Export(string body) => _client.PostAsync("spans", new StringContent(body)).Result.StatusCode.ToString();
        }

        public static class ExporterBuilder
        {
            public static Exporter Build(Action<ExporterOptions> configure)
            {
                var options = new ExporterOptions();
                configure(options);
                return new Exporter(options);
            }
        }
        """);

    [Fact]
    public Task OptionInvokedOnEveryExport_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        ExporterOptions.Replace("() => new HttpClient();", "() => {|#0:new HttpClient()|};", System.StringComparison.Ordinal) + """
        public sealed class Exporter
        {
            private readonly ExporterOptions _options;

            public Exporter(ExporterOptions options) => _options = options;

            public string Export(string body)
            {
                using (var client = _options.HttpClientFactory())
                {
                    return client.PostAsync(_options.Endpoint, new StringContent(body)).Result.StatusCode.ToString();
                }
            }
        }
        """,
        "'HttpClient' is created each time 'Exporter.Export' runs (through the delegate 'DefaultHttpClientFactory'): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task OptionNobodyHereInvokes_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(ExporterOptions + """
        public static class Defaults
        {
            public static bool IsDefault(ExporterOptions options) => ReferenceEquals(options.HttpClientFactory, ExporterOptions.DefaultHttpClientFactory);
        }
        """);

    private const string TraceExporter = """
        using System;
        using System.Net.Http;

        public sealed class TraceOptions
        {
            public Func<HttpClient> HttpClientFactory { get; set; }
        }

        public sealed class TraceExporter
        {
            private readonly HttpClient _client;

            public TraceExporter(TraceOptions options) => _client = options.HttpClientFactory.Invoke();

            public void Send(string body) => _client.PostAsync("v1/traces", new StringContent(body)).Wait();
        }

        """;

    [Fact]
    public Task LambdaAssignedWhileConfiguring_InvokedOncePerExporter_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TraceExporter + """

        public static class TracingSetup
        {
            public static TraceExporter AddExporter(TraceOptions options, TimeSpan timeout)
            {
                options.HttpClientFactory = () => new HttpClient { Timeout = timeout };
                return new TraceExporter(options);
            }
        }
        """);

    [Fact]
    public Task LambdaAssignedWhileConfiguring_ExporterBuiltPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TraceExporter + """

        public class Requests
        {
            public void Handle(string body)
            {
                var options = new TraceOptions { HttpClientFactory = () => {|HCG001:new HttpClient()|} };
                new TraceExporter(options).Send(body);
            }
        }
        """);

    [Fact]
    public Task LocalFunctionAssignedWhileConfiguring_InvokedOncePerExporter_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TraceExporter + """

        public static class TracingSetup
        {
            public static TraceExporter AddExporter(TraceOptions options, TimeSpan timeout)
            {
                options.HttpClientFactory = CreateDefaultClient;
                return new TraceExporter(options);

                HttpClient CreateDefaultClient()
                {
                    var client = new HttpClient();
                    client.Timeout = timeout;
                    return client;
                }
            }
        }
        """);

    [Fact]
    public Task LocalFunctionAssignedWhileConfiguring_ExporterBuiltPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TraceExporter + """

        public class Requests
        {
            public void Handle(string body)
            {
                var options = new TraceOptions();
                options.HttpClientFactory = CreateDefaultClient;
                new TraceExporter(options).Send(body);

                HttpClient CreateDefaultClient()
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.Timeout = TimeSpan.FromSeconds(30);
                    return client;
                }
            }
        }
        """);

    [Fact]
    public Task StaticFieldInvokedThroughConditionalAccessPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            private static Func<HttpMessageHandler> s_handlers = () => {|HCG002:new HttpClientHandler()|};

            public string Get(string url)
            {
                var handler = s_handlers?.Invoke();
                return handler?.ToString() ?? url;
            }
        }
        """);

    [Fact]
    public Task StaticFieldInvokedFromStaticInitializer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            private static readonly Func<HttpClient> s_create = () => new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            private static readonly HttpClient s_client = s_create();

            public string Get(string url) => s_client.GetStringAsync(url).Result;
        }
        """);

    [Fact]
    public Task ForwardedThroughAPropertyGetter_InvokedPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Settings
        {
            private static readonly Func<HttpClient> s_default = () => {|HCG001:new HttpClient()|};
            private Func<HttpClient> _custom;

            public Func<HttpClient> ClientFactory
            {
                get { return _custom ?? s_default; }
                set { _custom = value; }
            }
        }

        public class Worker
        {
            private readonly Settings _settings = new Settings();

            public string Poll(string url)
            {
                using (var client = _settings.ClientFactory())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task ForwardedThroughAPropertyGetter_InvokedOncePerWorker_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Settings
        {
            private static readonly Func<HttpClient> s_default = () => new HttpClient();
            private Func<HttpClient> _custom;

            public Func<HttpClient> ClientFactory
            {
                get { return _custom ?? s_default; }
                set { _custom = value; }
            }
        }

        public class Worker
        {
            private readonly HttpClient _client;

            public Worker(Settings settings) => _client = settings.ClientFactory();

            public string Poll(string url) => _client.GetStringAsync(url).Result;
        }
        """);

    // App Center: the override is set by a static constructor and invoked by the lazy client getter, once per adapter; the
    // adapter is made once by the channel group its configuration builds once.
    [Fact]
    public Task SetByAStaticConstructorInvokedByALazyGetter_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed partial class Adapter
        {
            private readonly object _lock = new object();
            private HttpClient _httpClient;
            internal static readonly Func<HttpMessageHandler> HandlerOverride;

            private HttpClient Client
            {
                get
                {
                    lock (_lock)
                    {
                        if (_httpClient != null)
                        {
                            return _httpClient;
                        }

                        _httpClient = HandlerOverride != null ? new HttpClient(HandlerOverride()) : new HttpClient();
                        return _httpClient;
                    }
                }
            }

            public Task<string> SendAsync(string uri) => Client.GetStringAsync(uri);
        }

        public sealed partial class Adapter
        {
            static Adapter()
            {
                HandlerOverride = () => new HttpClientHandler { UseCookies = false };
            }
        }

        public class Channels
        {
            private readonly Adapter _adapter;

            public Channels() { _adapter = DefaultAdapter(); }

            private static Adapter DefaultAdapter() => new Adapter();
        }

        public class App
        {
            private static readonly App s_instance = new App();
            private bool _configured;
            private Channels _channels;

            public static void Configure() => s_instance.InstanceConfigure();

            private void InstanceConfigure()
            {
                if (_configured)
                {
                    return;
                }

                _channels = new Channels();
                _configured = true;
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryAsStoredDelegate_InvokedPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private static readonly Func<HttpClient> s_factory = Create;

            private static HttpClient Create() => {|HCG001:new HttpClient()|};

            public string Get(string url)
            {
                using (var client = s_factory())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryAsStoredDelegate_InvokedOnceByLazy_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private static readonly Func<HttpClient> s_factory = Create;
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() => s_factory());

            private static HttpClient Create() => new HttpClient();

            public string Get(string url) => s_client.Value.GetStringAsync(url).Result;
        }
        """);

    [Fact]
    public Task StoredLambdaWithALoopInside_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Probe
        {
            private readonly Action<string[]> _check = urls =>
            {
                foreach (var url in urls)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        client.GetAsync(url).Wait();
                    }
                }
            };

            public void Start(string[] urls) => _check(urls);
        }
        """);

    [Fact]
    public Task LambdaAssignedToAnOptionOfAPackageThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class TelemetrySetup
        {
            internal static void Configure(ExporterOptions options, Uri endpoint)
            {
                options.Endpoint = endpoint;
                options.HttpClientFactory = () =>
                {
                    var client = new HttpClient();
                    client.DefaultRequestHeaders.Add("X-Auth", "key");
                    return client;
                };
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // The part of the class that declares the field is in a shared folder this compilation lacks.
    [Fact]
    public Task LambdaAssignedToAFieldThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public sealed partial class HttpNetworkAdapter
        {
            static HttpNetworkAdapter()
            {
                HttpMessageHandlerOverride = () => new HttpClientHandler { UseCookies = false };
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task LambdaAssignedToALocalOrPassedWhereNothingBinds_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public class Adapter
        {
            public string Fetch(string url)
            {
                Func<HttpClient> create = () => {|HCG001:new HttpClient()|};
                using (var client = create())
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task LambdaHandedToAMethodOfAPackageThatDoesNotBind_StillPerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Jobs;

        public class Poller
        {
            public void Poll(JobRunner runner, Uri endpoint)
            {
                runner.Run(() =>
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        client.GetAsync(endpoint).Wait();
                    }
                });
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    private const string LazyExportClient = """
        using System;
        using System.Net.Http;

        public interface IExportClient
        {
            string Send(string body);
        }

        public sealed class HttpExportClient : IExportClient
        {
            private readonly HttpClient _client;

            public HttpExportClient(HttpClient client) => _client = client;

            public string Send(string body) => _client.PostAsync("v1/traces", new StringContent(body)).Result.StatusCode.ToString();
        }

        public sealed class LazyExportClient : IExportClient
        {
            private readonly Lazy<IExportClient> _client;

            public LazyExportClient(Func<IExportClient> factory)
            {
                _client = new Lazy<IExportClient>(factory ?? throw new ArgumentNullException(nameof(factory)));
            }

            public string Send(string body) => _client.Value.Send(body);
        }

        public sealed class TransmissionHandler
        {
            public TransmissionHandler(IExportClient client) => Client = client;

            public IExportClient Client { get; }
        }

        """;

    [Fact]
    public Task DelegateKeptInALazyByTheConstructor_ObjectReturnedToAConstructorTimeCaller_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(LazyExportClient + """
        public static class Transmission
        {
            public static TransmissionHandler Create(Uri endpoint)
            {
                IExportClient client = new LazyExportClient(() => new HttpExportClient(new HttpClient { BaseAddress = endpoint }));
                return new TransmissionHandler(client);
            }
        }

        public sealed class Exporter
        {
            private readonly TransmissionHandler _handler;

            public Exporter(Uri endpoint) => _handler = Transmission.Create(endpoint);

            public string Export(string body) => _handler.Client.Send(body);
        }

        public static class Exporters
        {
            public static readonly Exporter Default = new Exporter(new Uri("http://localhost:4318/"));
        }
        """);

    [Fact]
    public Task DelegateKeptInALazyByTheConstructor_ObjectMadeOnEveryExport_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(LazyExportClient + """
        public sealed class Exporter
        {
            private readonly Uri _endpoint;

            public Exporter(Uri endpoint) => _endpoint = endpoint;

            public string Export(string body)
            {
                IExportClient client = new LazyExportClient(() => new HttpExportClient({|HCG001:new HttpClient|} { BaseAddress = _endpoint }));
                return client.Send(body);
            }
        }
        """);

    private const string DerivedAsyncLazy = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class AsyncLazy<T> : Lazy<Task<T>>
        {
            public AsyncLazy(Func<Task<T>> taskFactory)
                : base(() => Task.Factory.StartNew(() => taskFactory()).Unwrap())
            {
            }
        }

        public class RetryingLazy<T> : Lazy<Task<T>>
        {
            private readonly Func<Task<T>> _again;

            public RetryingLazy(Func<Task<T>> taskFactory)
                : base(() => taskFactory())
            {
                _again = taskFactory;
            }

            public Task<T> Again() => _again();
        }

        """;

    [Fact]
    public Task MethodGroupGivenToATypeDerivedFromLazy_RunsOncePerInstance_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DerivedAsyncLazy + """
        public static class PdfTool
        {
            private static readonly AsyncLazy<string> s_name = new AsyncLazy<string>(GetNameAsync);

            public static Task<string> Name => s_name.Value;

            private static async Task<string> GetNameAsync()
            {
                using (var client = new HttpClient())
                {
                    return await client.GetStringAsync("https://example.com/tool");
                }
            }
        }
        """);

    [Fact]
    public Task MethodGroupGivenToALazyThatAlsoKeepsItForRetries_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DerivedAsyncLazy + """
        public static class PdfTool
        {
            private static readonly RetryingLazy<string> s_name = new RetryingLazy<string>(GetNameAsync);

            public static Task<string> Retry() => s_name.Again();

            private static async Task<string> GetNameAsync()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://example.com/tool");
                }
            }
        }
        """);

    [Fact]
    public Task MethodGroupGivenToALazyMadeAnewOnEveryRefresh_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DerivedAsyncLazy + """
        public sealed class DiscoveryCache
        {
            private AsyncLazy<string> _document;

            public Task<string> GetAsync()
            {
                Refresh();
                return _document.Value;
            }

            public void Refresh() => _document = new AsyncLazy<string>(LoadAsync);

            private async Task<string> LoadAsync()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://example.com/.well-known/openid-configuration");
                }
            }
        }
        """);

    [Fact]
    public Task MethodGroupGivenToALazyMadeOncePerInstance_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DerivedAsyncLazy + """
        public sealed class DiscoveryCache
        {
            private AsyncLazy<string> _document;
            private readonly AsyncLazy<string> _keys;

            public DiscoveryCache() => _keys = new AsyncLazy<string>(LoadKeysAsync);

            public Task<string> GetAsync()
            {
                if (_document == null)
                {
                    _document = new AsyncLazy<string>(LoadAsync);
                }

                return _document.Value;
            }

            public Task<string> Keys => _keys.Value;

            private async Task<string> LoadAsync()
            {
                using (var client = new HttpClient())
                {
                    return await client.GetStringAsync("https://example.com/.well-known/openid-configuration");
                }
            }

            private async Task<string> LoadKeysAsync()
            {
                using (var client = new HttpClient(new HttpClientHandler { UseCookies = false }))
                {
                    return await client.GetStringAsync("https://example.com/jwks");
                }
            }
        }

        public static class Discovery
        {
            public static readonly DiscoveryCache Default = new DiscoveryCache();
        }
        """);

    private const string HandlerCache = """
        using System;
        using System.Collections.Concurrent;
        using System.Net.Http;

        public sealed class HandlerCache
        {
            private readonly Func<string, HttpMessageHandler> _create;
            private readonly ConcurrentDictionary<string, HttpMessageHandler> _handlers = new ConcurrentDictionary<string, HttpMessageHandler>();

            public HandlerCache(Func<string, HttpMessageHandler> create)
            {
                _create = create;
            }

        """;

    [Fact]
    public Task MethodGroupKeptByAConstructor_InvokedOncePerKeyOfItsCache_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(HandlerCache + """
            public HttpClient Client(string key) => new HttpClient(_handlers.GetOrAdd(key, k => _create(k)), disposeHandler: false);
        }

        public sealed class Transport
        {
            private static readonly HandlerCache s_handlers = new HandlerCache(CreateHandler);

            public string Get(string key, string url) => s_handlers.Client(key).GetStringAsync(url).Result;

            private static HttpMessageHandler CreateHandler(string key) => new HttpClientHandler { UseCookies = false };
        }
        """);

    [Fact]
    public Task MethodGroupKeptByAConstructor_InvokedOnEveryRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(HandlerCache + """
            public HttpClient Client(string key) => new HttpClient(_create(key));
        }

        public sealed class Transport
        {
            private static readonly HandlerCache s_handlers = new HandlerCache(CreateHandler);

            public string Get(string key, string url)
            {
                using (var client = s_handlers.Client(key))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            private static HttpMessageHandler CreateHandler(string key) => {|HCG002:new HttpClientHandler|} { UseCookies = false };
        }
        """);

    // A public factory kept as a method group in a field of the request handler (OpenBullet's HttpFactory.GetHttpClient, given
    // to a constructor chained to the one that keeps it): the client is made where the field is invoked. {0}: how the
    // default constructor stores the group; {1}: the handler creation's markup.
    private const string RequestHandler = """
        using System;
        using System.Net.Http;

        public static class HttpFactory
        {
            public static HttpClient GetHttpClient(string proxy) => new HttpClient(CreateHandler(proxy));

            private static HttpMessageHandler CreateHandler(string proxy) => {1};
        }

        public class RequestHandler
        {
            private readonly Func<string, HttpClient> _clientFactory;

            {0}

            protected RequestHandler(Func<string, HttpClient> clientFactory)
            {
                _clientFactory = clientFactory ?? throw new ArgumentNullException(nameof(clientFactory));
            }

            public string Send(string url)
            {
                using (var client = _clientFactory(null))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """;

    private static string Requests(string store, string handler) => RequestHandler.Replace("{0}", store).Replace("{1}", handler);

    [Fact]
    public Task PublicFactoryGivenToAChainedConstructor_InvokedOnEveryRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002",
        Requests("public RequestHandler() : this(HttpFactory.GetHttpClient) { }", "{|#0:new HttpClientHandler()|}"),
        "'HttpClientHandler' is created each time 'RequestHandler.Send' runs (returned by 'GetHttpClient'): each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task PublicFactoryAssignedToTheField_InvokedOnEveryRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Requests("public RequestHandler() { _clientFactory = HttpFactory.GetHttpClient; }", "{|HCG002:new HttpClientHandler()|}"));

    [Fact]
    public Task PublicFactoryGivenToAChainedConstructor_NeverInvoked_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Requests("public RequestHandler() : this(HttpFactory.GetHttpClient) { }", "new HttpClientHandler()")
            .Replace("using (var client = _clientFactory(null))", "using (var client = new HttpClient(Shared, disposeHandler: false))", System.StringComparison.Ordinal)
            .Replace("public string Send(string url)", "private static readonly HttpMessageHandler Shared = new HttpClientHandler();\n\n    public string Send(string url)", System.StringComparison.Ordinal));

    [Fact]
    public Task PublicFactoryAssignedToTheField_InvokedOnceInTheConstructor_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public static class HttpFactory
        {
            public static HttpClient GetHttpClient(string proxy) => new HttpClient(new HttpClientHandler());
        }

        public sealed class Worker
        {
            private static readonly Worker Instance = new Worker();
            private readonly Func<string, HttpClient> _clientFactory = HttpFactory.GetHttpClient;
            private readonly HttpClient _client;

            private Worker() { _client = _clientFactory(null); }

            public static string Send(string url) => Instance._client.GetStringAsync(url).Result;
        }
        """);

    // {0}: who makes the processor; {1}, {2}: the markup around the default factory's client.
    private const string LocalFactory = """
        using System;
        using System.Net.Http;

        public sealed class Processor
        {
            private readonly HttpClient _client;

            public Processor(Func<HttpClient> clientFactory = null)
            {
                var create = clientFactory ?? CreateClient;
                _client = create();
            }

            public string Get(string url) => _client.GetStringAsync(url).Result;

            private static HttpClient CreateClient() => {1}new HttpClient(){2};
        }

        public static class Sdk
        {
            {0}
        }
        """;

    private static string Local(string users, bool reported) => LocalFactory
        .Replace("{0}", users).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task MethodGroupALocalHoldsInvokedOnceInTheConstructorOfASingleOwner_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Local("public static readonly Processor Default = new Processor();", reported: false));

    [Fact]
    public Task MethodGroupALocalHoldsInvokedOnceInTheConstructorOfAnOwnerMadePerCall_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Local("public static string Get(string url) => new Processor().Get(url);", reported: true));

    // {0}: where the thread is made and started; {1}, {2}: the markup around the client its method makes.
    private const string ThreadRunner = """
        using System.Net.Http;
        using System.Threading;

        public sealed class Updater
        {
            private readonly Thread _main;

            public Updater()
            {
                _main = new Thread(Run);
            }

            public void Start() => _main.Start();

            {0}

            private void Run()
            {
                using (var client = {1}new HttpClient(){2})
                {
                    client.GetStringAsync("http://localhost/manifest").Wait();
                }
            }
        }
        """;

    private static string Threaded(string more, bool reported) => ThreadRunner
        .Replace("{0}", more).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task MethodGroupOfAThreadTheConstructorMakes_RunsOncePerOwner_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Threaded("public static readonly Updater Default = new Updater();", reported: false));

    [Fact]
    public Task MethodGroupOfAThreadMadeOnEveryCall_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Threaded("public void Again() => new Thread(Run).Start();", reported: true));

    // The same owner with its default factory written as a lambda in the local ({1}, {2}: the markup around its client; {0}:
    // who makes the processor), and one whose lambda uses its client and drops it ({3}, {4}: that client's markup).
    private const string LocalLambdaFactory = """
        using System;
        using System.Net.Http;

        public sealed class Processor
        {
            private readonly HttpClient _client;
            private readonly string _version;

            public Processor(Func<HttpClient> clientFactory = null)
            {
                var create = clientFactory ?? (() => {1}new HttpClient{2} { Timeout = TimeSpan.FromSeconds(5) });
                _client = create();
                Func<string> probe = () =>
                {
                    using (var client = {3}new HttpClient(){4})
                    {
                        return client.GetStringAsync("http://localhost/version").Result;
                    }
                };
                _version = probe();
            }

            public string Get(string url) => _client.GetStringAsync(url).Result + _version;
        }

        public static class Sdk
        {
            {0}
        }
        """;

    private static string LocalLambda(string users, bool reported) => LocalLambdaFactory
        .Replace("{0}", users)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "")
        .Replace("{3}", reported ? "{|HCG001:" : "").Replace("{4}", reported ? "|}" : "");

    [Fact]
    public Task LambdaALocalHoldsInvokedOnceInTheConstructorOfASingleOwner_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(LocalLambda("public static readonly Processor Default = new Processor();", reported: false));

    [Fact]
    public Task LambdaALocalHoldsInvokedOnceInTheConstructorOfAnOwnerMadePerCall_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(LocalLambda("public static string Get(string url) => new Processor().Get(url);", reported: true));

    // The default of a '??' stored into the field when no factory is given: as often as the field is invoked.
    // {0}: where the handler is made from the field; {1}, {2}: the markup around the default handler.
    private const string DefaultHandlerFactory = """
        using System;
        using System.Net.Http;

        public interface IDocumentFetcher { string Fetch(string url); }

        public class HttpDocumentFetcher : IDocumentFetcher
        {
            private readonly Func<HttpClientHandler> _handlerFactory;
            private readonly HttpClient _shared;

            public HttpDocumentFetcher() : this(null)
            {
            }

            public HttpDocumentFetcher(Func<HttpClientHandler> handlerFactory)
            {
                _handlerFactory = handlerFactory ?? (() => {1}new HttpClientHandler(){2});
                {0}
            }

            public string Fetch(string url)
            {
                {3}
            }
        }

        public static class Registry
        {
            public static readonly IDocumentFetcher Fetcher = new HttpDocumentFetcher();
        }
        """;

    [Fact]
    public Task DefaultOfACoalesceStoredInAFieldInvokedOnEveryFetch_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DefaultHandlerFactory
        .Replace("{0}", "_shared = null;")
        .Replace("{3}", "using (var handler = _handlerFactory()) using (var client = new HttpClient(handler)) { return client.GetStringAsync(url).Result; }")
        .Replace("{1}", "{|HCG002:").Replace("{2}", "|}"));

    [Fact]
    public Task DefaultOfACoalesceStoredInAFieldInvokedOnceInTheConstructorOfASingleOwner_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(DefaultHandlerFactory
        .Replace("{0}", "_shared = new HttpClient(_handlerFactory());")
        .Replace("{3}", "return _shared.GetStringAsync(url).Result;")
        .Replace("{1}", "").Replace("{2}", ""));
}

