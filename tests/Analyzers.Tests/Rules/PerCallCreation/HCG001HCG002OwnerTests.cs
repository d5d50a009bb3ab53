using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Clients and handlers created once per instance (constructors, instance initializers, fields of
/// this) are reported only when the owning type is per call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002OwnerTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private const string AspNetCoreStubs = """
        namespace Microsoft.AspNetCore.Mvc
        {
            public abstract class ControllerBase { }
            public abstract class Controller : ControllerBase { }
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ApiControllerAttribute : System.Attribute { }
        }

        namespace Microsoft.AspNetCore.Mvc.RazorPages
        {
            public abstract class PageModel { }
        }

        namespace Microsoft.AspNetCore.SignalR
        {
            public abstract class Hub { }
        }
        """;

    [Fact]
    public Task ReconcileLoopCreatesOwnerPerCycle_ReportsWithEvidence() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ExternalApiClient
        {
            private readonly HttpClient _http = {|#0:new HttpClient()|};

            public Task<string> StatusAsync() => _http.GetStringAsync("http://localhost/status");
        }

        public class Reconciler
        {
            public async Task ReconcileAsync()
            {
                var api = new ExternalApiClient();
                await api.StatusAsync();
            }
        }
        """, "'HttpClient' is created per instance of 'ExternalApiClient', which is created each time 'Reconciler.ReconcileAsync' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // The owner scan finds creations from the text ("new" as a word); spacing and comments must not matter.
    [Fact]
    public Task OwnerFieldWrittenWithoutSpacesAfterCommentedOutCreation_Reported() => VerifyAsync("""
        using System.Net.Http;

        public class Api
        {
            // was: private readonly HttpClient _old = new HttpClient();
            private readonly HttpClient _http={|HCG001:new()|};
            private readonly string _renewed = "renew";

            public string Get(string url) => _http.GetStringAsync(url).Result + _renewed;
        }

        public class Worker
        {
            public string Run() => new Api().Get("http://localhost/");
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task OwnerCreatedInLoop_ConstructorClientReported() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        class Worker
        {
            private readonly HttpClient _client;

            public Worker() { _client = {|HCG001:new HttpClient(new HttpClientHandler())|}; }
        }

        class Pool
        {
            public List<Worker> Start(int count)
            {
                var workers = new List<Worker>();
                for (var i = 0; i < count; i++)
                {
                    workers.Add(new Worker());
                }

                return workers;
            }
        }
        """);

    [Fact]
    public Task OwnerHandlerNotFeedingAClient_ReportedAsHCG002() => VerifyAsync("""
        using System.Net.Http;

        class Invoker
        {
            private readonly HttpMessageInvoker _invoker = new HttpMessageInvoker({|HCG002:new HttpClientHandler()|});
        }

        class Caller
        {
            public void Run() { var invoker = new Invoker(); }
        }
        """);

    [Fact]
    public Task OwnerClientFromPrivateFactoryInConstructor_Reported() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private readonly HttpClient _client;

            public Api() { _client = Create(); }

            private static HttpClient Create() => {|HCG001:new HttpClient()|};
        }

        class Caller
        {
            public void Run() { new Api(); }
        }
        """);

    [Fact]
    public Task OwnerCachesClientOnFirstUse_PerCallOwner_Reported() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private HttpClient _client;

            public HttpClient Client => _client ?? (_client = {|HCG001:new HttpClient()|});
        }

        class Caller
        {
            public string Run() => new Api().Client.GetStringAsync("http://localhost/").Result;
        }
        """);

    [Fact]
    public Task TransientRegistration_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IWeather { }

        public class WeatherService : IWeather
        {
            private readonly HttpClient _client = {|#0:new HttpClient()|};
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddTransient<IWeather, WeatherService>();
            }
        }
        """, WithDependencyInjection, "'HttpClient' is created per instance of 'WeatherService', which is registered as transient in 'Startup.ConfigureServices': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ScopedTypeofAndFactoryRegistrations_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class A { private readonly HttpClient _c = {|HCG001:new HttpClient()|}; }
        public class B { private readonly HttpClient _c = {|HCG001:new HttpClient()|}; }
        public class D { private readonly HttpClient _c = {|HCG001:new HttpClient()|}; }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddScoped<A>();
                services.AddTransient(typeof(B));
                services.AddScoped(sp => new D());
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task TypedClientCreatingItsOwnClient_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class GitHubApi
        {
            private readonly HttpClient _extra = {|HCG001:new HttpClient()|};

            public GitHubApi(HttpClient injected) { }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddHttpClient<GitHubApi>();
        }
        """, WithDependencyInjection);

    [Fact]
    public Task SingletonRegistration_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IWeather { }

        public class WeatherService : IWeather
        {
            private readonly HttpClient _client = new HttpClient();
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton<IWeather, WeatherService>();
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task InstancePatternAndEntryPoint_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class Api
        {
            public static readonly Api Instance = new Api();

            private readonly HttpClient _client = new HttpClient();
        }

        public sealed class Other
        {
            private readonly HttpClient _client = new HttpClient();
        }

        static class Program
        {
            static void Main()
            {
                var other = new Other();
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task LibraryTypeNeverCreatedHere_UnknownLifetime_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class PublicApiClient
        {
            private readonly HttpClient _client;

            public PublicApiClient() { _client = new HttpClient(new HttpClientHandler { UseCookies = false }); }
        }
        """);

    [Fact]
    public Task OwnerPerCallButClientOverSharedHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();
            private readonly HttpClient _client = new HttpClient(s_handler, disposeHandler: false);
        }

        class Caller
        {
            public void Run() { new Api(); }
        }
        """);

    [Fact]
    public Task OwnerStoredInStatic_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private readonly HttpClient _client = new HttpClient();
        }

        class Holder
        {
            private static Api s_api;

            public static Api Get() => s_api ?? (s_api = new Api());
        }
        """);

    // Holders: an owner created per instance of another type lives as long as that type.

    [Fact]
    public Task OwnerHeldByServiceCreatedPerCall_ReportsTheChain() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class Api
        {
            private readonly HttpClient _http = {|#0:new HttpClient()|};

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        public class Service
        {
            private readonly Api _api;

            public Service() => _api = new Api();

            public string Status() => _api.Get("http://localhost/status");
        }

        public class Worker
        {
            public string Run() => new Service().Status();
        }
        """, "'HttpClient' is created per instance of 'Api', which is created per instance of 'Service', which is created each time 'Worker.Run' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task OwnerHeldByController_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public class Api
        {
            private readonly HttpClient _http = {|#0:new HttpClient()|};
        }

        public class OrdersController : ControllerBase
        {
            private readonly Api _api = new();
        }
        """ + AspNetCoreStubs, TestOptions.LatestOnly, "'HttpClient' is created per instance of 'Api', which is created per instance of 'OrdersController' (an ASP.NET Core controller, created per request): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task OwnerHeldTwoLevelsDeepByTransientService_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Api { private readonly HttpClient _http = {|HCG001:new HttpClient()|}; }
        public class Inner { private readonly Api _api = new Api(); }
        public class Outer { private readonly Inner _inner = new Inner(); }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddTransient<Outer>();
        }
        """, WithDependencyInjection);

    [Fact]
    public Task OwnerHeldBySingletonOrStatic_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Api { private readonly HttpClient _http = new HttpClient(); }
        public class Service { private readonly Api _api = new Api(); }
        public class Cache { private readonly Api _api = new Api(); }

        public static class Startup
        {
            private static readonly Cache s_cache = new Cache();

            public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<Service>();
        }
        """, WithDependencyInjection);

    [Fact]
    public Task HoldersThatCreateEachOther_NoDiagnosticAndNoHang() => VerifyAsync("""
        using System.Net.Http;

        public class A
        {
            private readonly HttpClient _http = new HttpClient();
            private readonly B _b;

            public A(bool nested) => _b = nested ? null! : new B();
        }

        public class B
        {
            private readonly A _a = new A(nested: true);
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task ControllerField_ReportedAtOnce() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private readonly HttpClient _client = {|#0:new HttpClient()|};
        }
        """ + AspNetCoreStubs, "'HttpClient' is created per instance of 'OrdersController' (an ASP.NET Core controller, created per request): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ApiControllerAttributePageModelAndHub_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.SignalR;

        [ApiController]
        public class PlainApi
        {
            private readonly HttpClient _client;

            public PlainApi() { _client = {|HCG001:new HttpClient()|}; }
        }

        public class IndexModel : PageModel
        {
            private readonly HttpClientHandler _handler = {|HCG002:new HttpClientHandler()|};
        }

        public class ChatHub : Hub
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};
        }
        """ + AspNetCoreStubs);

    [Fact]
    public Task ControllerUsingFactoryOrStaticClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private static readonly HttpClient s_client = new HttpClient();
            private readonly HttpClient _fromFactory;

            public OrdersController(HttpClient fromFactory) { _fromFactory = fromFactory; }
        }
        """ + AspNetCoreStubs);

    [Fact]
    public Task AtomicInitializationOfInstanceFieldInController_Reported() => VerifyAsync(AspNetCoreStubs + """

        namespace App
        {
            using System.Net.Http;
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                private HttpClient _client;
                private HttpClient _other;

                // Once per instance, and a controller is created per request.
                private HttpClient Client => LazyInitializer.EnsureInitialized(ref _client, () => {|HCG001:new HttpClient()|});

                private HttpClient Other
                {
                    get
                    {
                        Interlocked.CompareExchange(ref _other, {|HCG001:new HttpClient()|}, null);
                        return _other;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task AtomicInitializationOfInstanceFieldInSingleton_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;
        using Microsoft.Extensions.DependencyInjection;

        public class Gateway
        {
            private HttpClient _client;

            public HttpClient Client => LazyInitializer.EnsureInitialized(ref _client, () => new HttpClient());
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<Gateway>();
        }
        """, WithDependencyInjection);

    [Fact]
    public Task ServiceDescriptorRegistrations_ClassifiedLikeAddMethods() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class PerResolution { private readonly HttpClient _c = {|HCG001:new HttpClient()|}; }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                // Singleton factories run once per container; transient ones per resolution.
                services.Add(ServiceDescriptor.Singleton(sp => new HttpClient()));
                services.Add(ServiceDescriptor.Transient(sp => {|HCG001:new HttpClient()|}));
                services.Add(ServiceDescriptor.Transient<PerResolution, PerResolution>());
            }
        }
        """, WithDependencyInjection);

    private const string ApiClientOwner = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class ApiClient
        {
            private readonly HttpClient _client;

            public ApiClient(Uri endpoint)
            {
                _client = CLIENT;
            }

            public string Status() => _client.GetStringAsync("status").Result;
        }

        public static class ApiClientRegistration
        {
            public static IServiceCollection AddApiClient(this IServiceCollection services, Uri endpoint)
            {
                var client = new ApiClient(endpoint);
                return services.AddSingleton(client);
            }
        }

        """;

    [Fact]
    public Task OwnerCreatedByAServiceCollectionExtension_NoDiagnostic() => VerifyAsync(
        ApiClientOwner.Replace("CLIENT", "new HttpClient { BaseAddress = endpoint }", System.StringComparison.Ordinal), WithDependencyInjection);

    [Fact]
    public Task OwnerCreatedByAServiceCollectionExtensionAndPerRequestElsewhere_Diagnostic() => VerifyAsync(
        ApiClientOwner.Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }", System.StringComparison.Ordinal) + """
        public static class Probe
        {
            public static string Check(Uri endpoint) => new ApiClient(endpoint).Status();
        }
        """, WithDependencyInjection);

    [Fact]
    public Task ClientsMadeInALoopOfAStartupConfigureServices_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                foreach (var name in new[] { "orders", "billing" })
                {
                    var client = new HttpClient { BaseAddress = new Uri("https://" + name + ".example.com/") };
                    services.AddKeyedSingleton(name, client);
                }
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task ClientMadeInAMiddlewareLambdaOfAStartupMethod_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public static class Pipeline
        {
            public static IServiceCollection AddProbe(this IServiceCollection services, Func<Func<string, Task<string>>, IServiceCollection> use)
            {
                return use(async url =>
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        return await client.GetStringAsync(url);
                    }
                });
            }
        }
        """, WithDependencyInjection);

    private const string LogSink = """
        using System;
        using System.Net.Http;

        public sealed class LoggerSinkConfiguration
        {
            public LoggerSinkConfiguration Sink(object sink) => this;
        }

        public sealed class SeqSink
        {
            private readonly HttpClient _client;

            public SeqSink(Uri server) => _client = CLIENT;

            public void Emit(string line) => _client.PostAsync("api/events/raw", new StringContent(line)).Wait();
        }

        public static class SeqLoggerConfigurationExtensions
        {
            public static LoggerSinkConfiguration Seq(this LoggerSinkConfiguration sinks, string serverUrl)
            {
                var sink = new SeqSink(new Uri(serverUrl));
                sinks.Sink(sink);
                return sinks;
            }
        }

        """;

    [Fact]
    public Task OwnerCreatedByAnExtensionOfAConfigurationObject_NoDiagnostic() => VerifyAsync(
        LogSink.Replace("CLIENT", "new HttpClient { BaseAddress = server }", System.StringComparison.Ordinal));

    [Fact]
    public Task OwnerCreatedByAnExtensionOfAConfigurationObjectAndPerCallElsewhere_Diagnostic() => VerifyAsync(
        LogSink.Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = server }", System.StringComparison.Ordinal) + """
        public static class OneOff
        {
            public static void Log(string serverUrl, string line) => new SeqSink(new Uri(serverUrl)).Emit(line);
        }
        """);

    // FuseDrill's KernelBuilderExtensions: a client handed to Semantic Kernel's builder, which the application builds once.
    private const string KernelBuilder = """
        using System;
        using System.Net.Http;

        public interface BUILDER
        {
        }

        public static class ChatExtensions
        {
            public static BUILDER AddChatCompletion(this BUILDER builder, string model, HttpClient httpClient) => builder;
        }

        public static class LocalChatExtensions
        {
            public static BUILDER AddLocalChat(this BUILDER builder)
            {
                var client = CLIENT;
                client.Timeout = TimeSpan.FromMinutes(5);
                builder.AddChatCompletion("local-model", httpClient: client);
                return builder;
            }
        }
        """;

    [Fact]
    public Task ClientHandedToAKernelBuilder_NoDiagnostic() => VerifyAsync(KernelBuilder
        .Replace("BUILDER", "IKernelBuilder", System.StringComparison.Ordinal)
        .Replace("CLIENT", "new HttpClient(new HttpClientHandler())", System.StringComparison.Ordinal));

    [Fact]
    public Task ClientHandedToAnotherBuilder_Diagnostic() => VerifyAsync(KernelBuilder
        .Replace("BUILDER", "IRequestBuilder", System.StringComparison.Ordinal)
        .Replace("CLIENT", "{|HCG001:new HttpClient(new HttpClientHandler())|}", System.StringComparison.Ordinal));

    private const string ProviderBuilder = """
        using System;
        using System.Net.Http;

        public abstract class BUILDER
        {
            public abstract BUILDER AddProcessor(Func<IServiceProvider, object> factory);
        }

        public sealed class ExportProcessor
        {
            public ExportProcessor(HttpClient client) => Client = client;

            public HttpClient Client { get; }
        }

        public static class HttpExporterExtensions
        {
            public static BUILDER AddHttpExporter(this BUILDER builder, Uri endpoint) =>
                builder.AddProcessor(sp => new ExportProcessor(CLIENT));
        }
        """;

    [Fact]
    public Task LambdaHandedToATelemetryProviderBuilder_NoDiagnostic() => VerifyAsync(ProviderBuilder
        .Replace("BUILDER", "TracerProviderBuilder", System.StringComparison.Ordinal)
        .Replace("CLIENT", "new HttpClient { BaseAddress = endpoint }", System.StringComparison.Ordinal));

    [Fact]
    public Task LambdaHandedToAnotherBuildersMethod_Diagnostic() => VerifyAsync(ProviderBuilder
        .Replace("BUILDER", "RequestPipeline", System.StringComparison.Ordinal)
        .Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }", System.StringComparison.Ordinal));

    [Fact]
    public Task ClientMadeByAnExtensionOfALibrarysOwnConfigurationObject_PerCall_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public sealed class ClientConfiguration
        {
            public Uri WebApiBaseAddress { get; set; } = new Uri("https://api.example.com/");
        }

        public static class ClientConfigurationWebApiExtensions
        {
            public static string GetInterface(this ClientConfiguration config, string name)
            {
                using (var client = {|HCG001:new HttpClient|} { BaseAddress = config.WebApiBaseAddress })
                {
                    return client.GetStringAsync(name).Result;
                }
            }
        }
        """);

    private const string ProviderConfiguration = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class ExportProcessor
        {
            public ExportProcessor(HttpClient client) => Client = client;

            public HttpClient Client { get; }
        }

        public static class ExporterRegistration
        {
            public static void Register(IServiceCollection services, Uri endpoint) =>
                services.CONFIGURE((sp, logging) =>
                {
                    var processor = Build(endpoint);
                    logging.AddProcessor(processor);
                });

            internal static ExportProcessor Build(Uri endpoint) => new ExportProcessor(CLIENT);
        }
        """;

    // The OpenTelemetry package is missing (folder mode): the call does not bind, its name says what it is.
    [Fact]
    public Task LambdaHandedToAnUnboundTelemetryProviderConfigurationOfTheServices_NoDiagnostic() => VerifyAsync(ProviderConfiguration
        .Replace("CONFIGURE", "ConfigureOpenTelemetryLoggerProvider", System.StringComparison.Ordinal)
        .Replace("CLIENT", "new HttpClient { BaseAddress = endpoint }", System.StringComparison.Ordinal),
        WithDependencyInjection with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task LambdaHandedToAnotherUnboundCallOnTheServices_Diagnostic() => VerifyAsync(ProviderConfiguration
        .Replace("CONFIGURE", "OnEachRequest", System.StringComparison.Ordinal)
        .Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }", System.StringComparison.Ordinal),
        WithDependencyInjection with { IgnoreCompilerDiagnostics = true });

    private const string GrpcClientRegistration = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public static class GreeterRegistration
        {
            public static void Register(IServiceCollection services, Uri address) =>
                services.REGISTER<Greeter.GreeterClient>(o => o.Address = address)
                        .CONFIGURE(channel => channel.HttpHandler = HANDLER);
        }
        """;

    // Grpc.Net.ClientFactory is missing (folder mode): the calls do not bind, their names say what they are.
    [Fact]
    public Task HandlerInAnUnboundGrpcChannelConfiguration_NoDiagnostic() => VerifyAsync(GrpcClientRegistration
        .Replace("REGISTER", "AddGrpcClient", System.StringComparison.Ordinal)
        .Replace("CONFIGURE", "ConfigureChannel", System.StringComparison.Ordinal)
        .Replace("HANDLER", "new HttpClientHandler { UseProxy = false }", System.StringComparison.Ordinal),
        WithDependencyInjection with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task HandlerInAnotherUnboundCallbackOfTheServices_Diagnostic() => VerifyAsync(GrpcClientRegistration
        .Replace("REGISTER", "AddRequestPipeline", System.StringComparison.Ordinal)
        .Replace("CONFIGURE", "OnEachCall", System.StringComparison.Ordinal)
        .Replace("HANDLER", "{|HCG002:new HttpClientHandler|} { UseProxy = false }", System.StringComparison.Ordinal),
        WithDependencyInjection with { IgnoreCompilerDiagnostics = true });
    // An owner with a constructor that makes its client and one that is given a client (an SDK's "default" and
    // "injected" constructors): only instances built through the first make a client.
    private const string TwoConstructorOwner = """
        using System.Net.Http;

        public class ApiClient
        {
            private readonly HttpClient _http;
            private readonly string _token;

            public ApiClient(string token) : this(CLIENT, token) { }

            public ApiClient(string token, int retries) : this(token) { }

            public ApiClient(HttpClient http, string token)
            {
                _http = http;
                _token = token;
            }

            public string Fetch(string token, string url) => new ApiClient(PER_CALL).Get(url);

            public string Get(string url) => _http.GetStringAsync(url + _token).Result;
        }

        public static class Clients
        {
            public static HttpClient Create() => new HttpClient();
        }

        public static class Program
        {
            private static readonly ApiClient s_default = new ApiClient("token");
        }
        """;

    [Fact]
    public Task ClientMadeInOneConstructor_OwnerMadePerCallThroughTheOtherConstructor_NoDiagnostic() => VerifyAsync(TwoConstructorOwner
        .Replace("CLIENT", "new HttpClient()", System.StringComparison.Ordinal)
        .Replace("PER_CALL", "_http, token", System.StringComparison.Ordinal));

    [Fact]
    public Task ClientMadeInOneConstructor_OwnerMadePerCallThroughAConstructorChainingToIt_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", TwoConstructorOwner
        .Replace("CLIENT", "{|#0:new HttpClient()|}", System.StringComparison.Ordinal)
        .Replace("PER_CALL", "token, 3", System.StringComparison.Ordinal),
        "'HttpClient' is created per instance of 'ApiClient', which is created each time 'ApiClient.Fetch' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ClientFromAPublicFactoryInOneConstructor_OwnerMadePerCallThroughTheOtherConstructor_NoDiagnostic() => VerifyAsync(TwoConstructorOwner
        .Replace("CLIENT", "Clients.Create()", System.StringComparison.Ordinal)
        .Replace("PER_CALL", "_http, token", System.StringComparison.Ordinal));

    [Fact]
    public Task ClientFromAPublicFactoryInOneConstructor_OwnerMadePerCallThroughThatConstructor_Diagnostic() => VerifyAsync(TwoConstructorOwner
        .Replace("CLIENT", "Clients.Create()", System.StringComparison.Ordinal)
        .Replace("PER_CALL", "token", System.StringComparison.Ordinal)
        .Replace("public static HttpClient Create() => new HttpClient();", "public static HttpClient Create() => {|HCG001:new HttpClient()|};", System.StringComparison.Ordinal));

    private const string PrivateFactoryOwner = """
        using System.Net.Http;

        public class Downloader
        {
            private readonly HttpClient _http;

            public Downloader() { _http = CreateClient(); }

            public Downloader(int timeoutSeconds) { _http = SECOND; }

            public Downloader(HttpClient http) { _http = http; }

            private static HttpClient CreateClient() => {|MARK:new HttpClient()|};

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        public class Jobs
        {
            public string Run(HttpClient shared, string url) => new Downloader(ARGUMENT).Get(url);
        }
        """;

    [Fact]
    public Task PrivateFactoryCalledInOneConstructor_OwnerMadePerCallThroughAnother_NoDiagnostic() => VerifyAsync(PrivateFactoryOwner
        .Replace("{|MARK:new HttpClient()|}", "new HttpClient()", System.StringComparison.Ordinal)
        .Replace("{ _http = SECOND; }", ": this() { _http.Timeout = System.TimeSpan.FromSeconds(timeoutSeconds); }", System.StringComparison.Ordinal)
        .Replace("ARGUMENT", "shared", System.StringComparison.Ordinal));

    [Fact]
    public Task PrivateFactoryCalledInTwoConstructors_OwnerMadePerCallThroughEither_Diagnostic() => VerifyAsync(PrivateFactoryOwner
        .Replace("MARK", "HCG001", System.StringComparison.Ordinal)
        .Replace("SECOND", "CreateClient()", System.StringComparison.Ordinal)
        .Replace("ARGUMENT", "30", System.StringComparison.Ordinal));

    private const string CompositionStubs = """
        namespace System.ComponentModel.Composition
        {
            public enum CreationPolicy { Any, Shared, NonShared }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class PartCreationPolicyAttribute : Attribute
            {
                public PartCreationPolicyAttribute(CreationPolicy creationPolicy) { }
            }

            [AttributeUsage(AttributeTargets.Class)]
            public class ExportAttribute : Attribute
            {
                public ExportAttribute(Type contractType) { }
            }
        }
        """;

    [Fact]
    public Task NonSharedMefPart_ClientMadeInItsInitializeMethod_ReportsWithEvidence() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.ComponentModel.Composition;
        using System.Net.Http;

        public interface IBuildServerAdapter { void Initialize(string url); }

        [Export(typeof(IBuildServerAdapter))]
        [PartCreationPolicy(CreationPolicy.NonShared)]
        internal sealed class JenkinsAdapter : IBuildServerAdapter
        {
            private HttpClient _httpClient;

            public void Initialize(string url)
            {
                _httpClient = {|#0:new HttpClient(new HttpClientHandler { UseDefaultCredentials = true })|};
            }
        }
        """ + CompositionStubs, TestOptions.Default,
        "'HttpClient' is created per instance of 'JenkinsAdapter' (a non-shared MEF part, created anew for every import): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task SharedMefPart_ClientMadeInItsInitializeMethod_NoDiagnostic() => VerifyAsync("""
        using System.ComponentModel.Composition;
        using System.Net.Http;

        public interface IBuildServerAdapter { void Initialize(string url); }

        [Export(typeof(IBuildServerAdapter))]
        [PartCreationPolicy(CreationPolicy.Shared)]
        internal sealed class JenkinsAdapter : IBuildServerAdapter
        {
            private HttpClient _httpClient;

            public void Initialize(string url)
            {
                _httpClient = new HttpClient(new HttpClientHandler { UseDefaultCredentials = true });
            }
        }
        """ + CompositionStubs);

    [Fact]
    public Task NonSharedMefPartWhoseAttributeDoesNotBind_Diagnostic() => VerifyAsync("""
        using System.ComponentModel.Composition;
        using System.Net.Http;

        [PartCreationPolicy(CreationPolicy.NonShared)]
        internal sealed class AppVeyorAdapter
        {
            private HttpClient _httpClient;

            public void Initialize(string url) => _httpClient = {|HCG001:new HttpClient()|};
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task AnyPolicyMefPartWhoseAttributeDoesNotBind_NoDiagnostic() => VerifyAsync("""
        using System.ComponentModel.Composition;
        using System.Net.Http;

        [PartCreationPolicy(CreationPolicy.Any)]
        internal sealed class AppVeyorAdapter
        {
            private HttpClient _httpClient;

            public void Initialize(string url) => _httpClient = new HttpClient();
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task PostConfigureOptionsBuildsTheBackchannelOncePerName_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Options;

        public sealed class OAuthOptions
        {
            public HttpClient Backchannel { get; set; }
            public HttpMessageHandler BackchannelHttpHandler { get; set; }
        }

        public sealed class OAuthPostConfigureOptions : IPostConfigureOptions<OAuthOptions>
        {
            public void PostConfigure(string name, OAuthOptions options)
            {
                if (options.Backchannel == null)
                {
                    options.Backchannel = new HttpClient(options.BackchannelHttpHandler ?? new HttpClientHandler());
                }
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task PostConfigureNamedLikeTheOptionsCallbackOfAnOrdinaryType_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class OAuthOptions
        {
            public HttpClient Backchannel { get; set; }
        }

        public sealed class Settings
        {
            public void PostConfigure(string name, OAuthOptions options)
            {
                options.Backchannel = {|HCG001:new HttpClient()|};
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task PostConfigureOptionsWhoseInterfaceDoesNotBind_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Options;

        public sealed class OAuthOptions
        {
            public HttpClient Backchannel { get; set; }
        }

        public sealed class OAuthPostConfigureOptions : IPostConfigureOptions<OAuthOptions>
        {
            public void PostConfigure(string name, OAuthOptions options)
            {
                options.Backchannel = new HttpClient();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // Each type is read at the shallowest depth it is reached: Device, first reached as the derived type of Base at the end of
    // the chain through Alpha (where the holder depth cuts it), is read again as Beta's holder, whose chain is one shorter and
    // reaches the per-call Host. {0}: how Entry makes the host; {1}, {2}: the markup around the client.
    private const string ReachedTwice = """
        using System.Net.Http;

        public class Utility
        {
            private readonly HttpClient _client;

            public Utility()
            {
                _client = {1}new HttpClient(){2};
            }

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class Alpha { private readonly Utility _utility = new Utility(); }

        public class Beta { private readonly Utility _utility = new Utility(); }

        public abstract class Base { private readonly Alpha _alpha = new Alpha(); }

        public class Device : Base { private readonly Beta _beta = new Beta(); }

        public class Host { private readonly Device _device = new Device(); }

        public static class Entry
        {
            {0}
        }
        """;

    [Fact]
    public Task OwnerReachedDeepFirstAndShallowLater_Diagnostic() => VerifyAsync(ReachedTwice
        .Replace("{0}", "public static object Handle() { var host = new Host(); return host.ToString(); }")
        .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task OwnerReachedDeepFirstAndShallowLater_HostMadeOnce_NoDiagnostic() => VerifyAsync(ReachedTwice
        .Replace("{0}", "private static readonly Host s_host = new Host();")
        .Replace("{1}", "").Replace("{2}", ""));
}

