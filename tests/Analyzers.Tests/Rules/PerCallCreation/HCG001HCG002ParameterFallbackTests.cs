using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client or handler made only when the caller passes none (<c>client ?? new HttpClient()</c>, a <c>handler == null</c>
/// branch) runs as often as the calls and <c>new Owner(...)</c> that may pass null for that parameter, not as often as every call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002ParameterFallbackTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    [Fact]
    public Task ConstructorFallback_OwnerPerCallAlwaysGivenASharedClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client = null)
            {
                _client = client ?? new HttpClient();
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }

        sealed class Controller
        {
            private static readonly HttpClient s_shared = new HttpClient();

            public Task<string> Handle(string url) => new Api(s_shared).GetAsync(url);
        }
        """);

    [Fact]
    public Task ConstructorFallback_OwnerPerCallWithoutAClient_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client = null)
            {
                _client = client ?? {|#0:new HttpClient()|};
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }

        sealed class Controller
        {
            private static readonly HttpClient s_shared = new HttpClient();

            public Task<string> Shared(string url) => new Api(s_shared).GetAsync(url);

            public Task<string> Handle(string url) => new Api().GetAsync(url);
        }
        """,
        "'HttpClient' is created per instance of 'Api', which is created each time 'Controller.Handle' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // A request builder made per call by a static factory that hands on its own optional client; the API client that calls
    // the factory holds a client every constructor sets. {0}: what the API client hands the factory; {1}: the fallback's markup.
    private const string ForwardingFactory = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class RestClient
        {
            private RestClient(HttpClient client = null)
            {
                Client = client ?? {1};
            }

            private HttpClient Client { get; }

            public static RestClient Create(HttpClient client = null)
            {
                return new RestClient(client);
            }

            public Task<string> GetAsync(string url) => Client.GetStringAsync(url);
        }

        public sealed class ReaperApiClient
        {
            public ReaperApiClient(Uri baseUri, HttpClient client = null)
            {
                Client = client ?? new HttpClient { BaseAddress = baseUri };
            }

            private HttpClient Client { get; }

            public Task<string> GetTransportAsync() => RestClient.Create({0}).GetAsync("TRANSPORT");
        }
        """;

    [Fact]
    public Task FactoryHandingOnItsParameter_EveryCallerPassesAClientItsOwnerSets_NoDiagnostic() =>
        VerifyAsync(ForwardingFactory.Replace("{0}", "Client").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task FactoryHandingOnItsParameter_ACallerPassesNone_Diagnostic() =>
        VerifyAsync(ForwardingFactory.Replace("{0}", "").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task FactoryPassingAnotherValue_CalledPerCall_Diagnostic() =>
        VerifyAsync(ForwardingFactory.Replace("{0}", "Client").Replace("return new RestClient(client);", "return new RestClient(null);").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task ConstructorFallback_NullPassed_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client)
            {
                _client = client == null ? {|HCG001:new HttpClient()|} : client;
            }
        }

        sealed class Controller
        {
            public void Handle()
            {
                var owner = new Api(null);
                owner.ToString();
            }
        }
        """);

    [Fact]
    public Task ConstructorFallback_ArgumentNotKnownToBeSet_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client)
            {
                if (client == null)
                {
                    client = {|HCG001:new HttpClient()|};
                }

                _client = client;
            }
        }

        sealed class Controller
        {
            // Without nullable annotations nothing says the caller's client is set.
            public void Handle(HttpClient given)
            {
                var owner = new Api(given);
                owner.ToString();
            }
        }
        """);

    [Fact]
    public Task ConstructorFallback_ParameterAssignedBeforeTheTest_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client, bool fresh)
            {
                if (fresh)
                {
                    client = null;
                }

                _client = client ?? {|HCG001:new HttpClient()|};
            }
        }

        sealed class Controller
        {
            private static readonly HttpClient s_shared = new HttpClient();

            public void Handle()
            {
                var owner = new Api(s_shared, true);
                owner.ToString();
            }
        }
        """);

    // Api() passes null down the chain; Api(string key) passes the shared client. CALLS are the Controller's.
    private const string ChainedApi = """
        using System.Net.Http;

        sealed class Api
        {
            private static readonly HttpClient s_shared = new HttpClient();
            private readonly HttpClient _client;

            public Api() : this((HttpClient)null) { }

            public Api(string key) : this(key, s_shared) { }

            public Api(string key, HttpClient client) : this(client) { }

            public Api(HttpClient client)
            {
                _client = client ?? FALLBACK;
            }
        }

        sealed class Controller
        {
            public void Handle(string key)
            {
                var owner = new Api(key);
                owner.ToString();
            }
        CALLS}
        """;

    [Fact]
    public Task ChainedConstructors_OnlyTheChainThatPassesASharedClientIsUsed_NoDiagnostic() => VerifyAsync(ChainedApi
        .Replace("FALLBACK", "new HttpClient()")
        .Replace("CALLS", ""));

    [Fact]
    public Task ChainedConstructors_TheChainThatPassesNullIsUsed_Diagnostic() => VerifyAsync(ChainedApi
        .Replace("FALLBACK", "{|HCG001:new HttpClient()|}")
        .Replace("CALLS", """

            public void Default()
            {
                var owner = new Api();
                owner.ToString();
            }

        """));

    [Fact]
    public Task ProtectedFactoryDefaultBranch_EveryCallerPassesItsNewHandler_ReportsOnlyTheHandler() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Downloader
        {
            public async Task<string> DownloadAsync(string url)
            {
                var handler = {|HCG002:new HttpClientHandler()|};
                handler.AllowAutoRedirect = false;
                var client = CreateHttpClient(handler);
                return await client.GetStringAsync(url);
            }

            protected virtual HttpClient CreateHttpClient(HttpClientHandler handler)
            {
                return handler != null ? new HttpClient(handler) : new HttpClient();
            }
        }
        """);

    [Fact]
    public Task ProtectedFactoryDefaultBranch_CallerPassesNull_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ReleaseNotes
        {
            public Task<string> DownloadAsync(string url) => CreateHttpClient().GetStringAsync(url);

            protected virtual HttpClient CreateHttpClient() => CreateHttpClient(null);

            protected virtual HttpClient CreateHttpClient(HttpClientHandler handler)
            {
                if (handler != null)
                {
                    return new HttpClient(handler);
                }

                return {|HCG001:new HttpClient()|};
            }
        }
        """);

    [Fact]
    public Task PrivateFactoryDefaultBranch_CalledWithASharedHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Service
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();

            public Task<string> GetAsync(string url) => Make(s_handler).GetStringAsync(url);

            private static HttpClient Make(HttpClientHandler handler) =>
                handler == null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        }
        """);

    [Fact]
    public Task PrivateFactoryDefaultBranch_CalledWithNull_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Service
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();

            public Task<string> GetAsync(string url) => Make(s_handler).GetStringAsync(url);

            public Task<string> GetPlainAsync(string url) => Make(null).GetStringAsync(url);

            private static HttpClient Make(HttpClientHandler handler) =>
                handler == null ? {|HCG001:new HttpClient()|} : new HttpClient(handler, disposeHandler: false);
        }
        """);

    [Fact]
    public Task HandlerFallback_OwnerAlwaysGivenAHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Transport
        {
            private readonly HttpMessageHandler _handler;

            public Transport(HttpMessageHandler handler)
            {
                _handler = handler ?? new HttpClientHandler();
            }
        }

        sealed class Controller
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();

            public void Handle()
            {
                var owner = new Transport(s_handler);
                owner.ToString();
            }
        }
        """);

    [Fact]
    public Task HandlerFallback_OwnerPerCallWithoutAHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Transport
        {
            private readonly HttpMessageHandler _handler;

            public Transport(HttpMessageHandler handler)
            {
                _handler = handler ?? {|HCG002:new HttpClientHandler()|};
            }
        }

        sealed class Controller
        {
            public void Handle()
            {
                var owner = new Transport(null);
                owner.ToString();
            }
        }
        """);

    // A delegating handler whose base gets a new inner handler only when it is given none; the transport builds one per send
    // over a handler it made or over its logger, read only where a test says the logger is not null. {0}: how the logger is
    // chosen; {1}: the fallback's markup.
    private const string DelegatingFallbackSource = """
        using System.Net.Http;

        sealed class ModifyRequestHandler : DelegatingHandler
        {
            public ModifyRequestHandler(string header, HttpMessageHandler innerHandler = null)
                : base(innerHandler ?? {1})
            {
            }
        }

        sealed class Transport
        {
            private HttpMessageHandler _logger;

            public void EnableLogging() => _logger = new LoggingHandler();

            public void Send(bool useLogger)
            {
                HttpMessageHandler handler = {|HCG002:new HttpClientHandler()|};
                {0}
                handler = new ModifyRequestHandler("x-request", handler);
                using (var invoker = new HttpMessageInvoker(handler))
                {
                    invoker.ToString();
                }
            }
        }

        sealed class LoggingHandler : DelegatingHandler
        {
        }
        """;

    private static string DelegatingFallback(string chooseLogger, string fallback) =>
        DelegatingFallbackSource.Replace("{0}", chooseLogger).Replace("{1}", fallback);

    [Fact]
    public Task BaseInitializerFallback_HandlerLocalGivenNewHandlersOrAFieldTestedNotNull_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(DelegatingFallback("if (useLogger && _logger != null) handler = _logger;", "new HttpClientHandler()")),
        VerifyAsync(DelegatingFallback("if (!(_logger == null || !useLogger)) { handler = _logger; }", "new HttpClientHandler()")),
        VerifyAsync(DelegatingFallback("if (_logger is null) { } else { handler = _logger; }", "new HttpClientHandler()")));

    [Fact]
    public Task BaseInitializerFallback_FieldNotShownToBeSet_Diagnostic() => Task.WhenAll(
        VerifyAsync(DelegatingFallback("if (useLogger) handler = _logger;", "{|HCG002:new HttpClientHandler()|}")),
        VerifyAsync(DelegatingFallback("if (useLogger || _logger != null) handler = _logger;", "{|HCG002:new HttpClientHandler()|}")),
        VerifyAsync(DelegatingFallback("if (useLogger && _logger == null) { } else { handler = _logger; }", "{|HCG002:new HttpClientHandler()|}")));

    [Fact]
    public Task NullableContext_NonNullableArgument_NoDiagnostic() => VerifyAsync("""
        #nullable enable
        using System.Net.Http;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient? client = null)
            {
                if (client is not null)
                {
                    _client = client;
                    return;
                }

                _client = new HttpClient();
            }
        }

        sealed class Controller
        {
            private readonly HttpClient _given;

            public Controller(HttpClient given) => _given = given;

            public void Handle()
            {
                var owner = new Api(_given);
                owner.ToString();
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task NullableContext_MaybeNullArgument_Diagnostic() => VerifyAsync("""
        #nullable enable
        using System.Net.Http;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient? client = null)
            {
                client ??= {|HCG001:new HttpClient()|};
                _client = client;
            }
        }

        sealed class Controller
        {
            private readonly HttpClient? _given;

            public Controller(HttpClient? given) => _given = given;

            public void Handle()
            {
                var owner = new Api(_given);
                owner.ToString();
            }
        }
        """, TestOptions.LatestOnly);

    // A scoped service whose constructor takes an optional client: any AddHttpClient call registers HttpClient itself, so
    // the container always passes one and never reaches the fallback. {0}: the registrations.
    private const string ContainerBuiltRunner = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IRunner { }

        public class Runner : IRunner
        {
            private readonly HttpClient _httpClient;

            public Runner(HttpClient httpClient = null)
            {
                _httpClient = httpClient ?? {1}new HttpClient(){2};
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                {0}
            }
        }
        """;

    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    [Fact]
    public Task ConstructorFallback_ContainerBuiltWithHttpClientRegistered_NoDiagnostic() => VerifyAsync(ContainerBuiltRunner
        .Replace("{0}", "services.AddHttpClient();\n        services.AddScoped<IRunner, Runner>();")
        .Replace("{1}", "").Replace("{2}", ""), WithDependencyInjection);

    [Fact]
    public Task ConstructorFallback_ContainerBuiltWithoutHttpClientRegistered_Diagnostic() => VerifyAsync(ContainerBuiltRunner
        .Replace("{0}", "services.AddScoped<IRunner, Runner>();")
        .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), WithDependencyInjection);

    // A provider's client, given in every constructor, handed to a per-refresh owner; the scanner that holds that owner falls
    // back to one without a client only when it is given none. {0}: the field's writes; {1}: how the refresh builds the scanner.
    private const string ProviderScanner = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        interface IDefinitions { Task<string> GetAsync(); }

        sealed class Definitions : IDefinitions
        {
            private readonly HttpClient _http;

            public Definitions(HttpClient http, string path)
            {
                _http = http ?? {|#0:new HttpClient|} { Timeout = TimeSpan.FromSeconds(30) };
            }

            public Task<string> GetAsync() => _http.GetStringAsync("http://x");
        }

        sealed class Scanner
        {
            private readonly IDefinitions _definitions;

            public Scanner(string path, IDefinitions definitions = null)
            {
                _definitions = definitions ?? new Definitions(null, path);
            }

            public Task<string> RefreshAsync() => _definitions.GetAsync();
        }

        sealed class Provider
        {
            private HttpClient _http;
            private readonly string _path;

            public Provider(string path)
            {
                _path = path;
                _http = new HttpClient();
            }

            {0}

            public Task<string> RefreshAsync() => {1}.RefreshAsync();
        }
        """;

    [Fact]
    public Task FieldEveryConstructorFillsAndAHolderGivenAValue_NoDiagnostic() => VerifyAsync(ProviderScanner
        .Replace("{|#0:", "").Replace("HttpClient|}", "HttpClient")
        .Replace("{0}", "")
        .Replace("{1}", "new Scanner(_path, new Definitions(_http, _path))"));

    [Fact]
    public Task FieldThatMayBeNull_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        ProviderScanner
            .Replace("{0}", "public void Reset() => _http = null;")
            .Replace("{1}", "new Scanner(_path, new Definitions(_http, _path))"),
        TestOptions.Default,
        "'HttpClient' is created per instance of 'Definitions', which is created each time 'Provider.RefreshAsync' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task HolderGivenNoValue_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        ProviderScanner
            .Replace("{0}", "")
            .Replace("{1}", "new Scanner(_path)"),
        TestOptions.Default,
        "'HttpClient' is created per instance of 'Definitions', which is created per instance of 'Scanner', which is created each time 'Provider.RefreshAsync' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");
}
