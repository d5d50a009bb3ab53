using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

[Trait("Rule", "HCG002")]
public class HCG002PerCallHandlerTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task HandlerForMessageInvoker_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            HttpMessageInvoker Create()
            {
                return new HttpMessageInvoker({|HCG002:new HttpClientHandler()|});
            }
        }
        """);

    [Fact]
    public Task HandlerReturnedFromMethod_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            public HttpMessageHandler CreateHandler() => {|HCG002:new HttpClientHandler()|} { UseCookies = false };

            public void Use() => CreateHandler().ToString();
        }
        """);

    [Fact]
    public Task SocketsHttpHandlerPassedElsewhere_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        class ChannelOptions { public HttpMessageHandler HttpHandler { get; set; } }

        public class C
        {
            ChannelOptions Options() => new ChannelOptions { HttpHandler = {|HCG002:new SocketsHttpHandler()|} { PooledConnectionLifetime = TimeSpan.FromMinutes(1) } };
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task HandlerInLoop_MessageSaysLoop() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG002", """
        using System.Collections.Generic;
        using System.Net.Http;

        public class C
        {
            List<HttpMessageInvoker> Create(int count)
            {
                var invokers = new List<HttpMessageInvoker>();
                for (var i = 0; i < count; i++)
                {
                    invokers.Add(new HttpMessageInvoker({|#0:new HttpClientHandler()|}));
                }

                return invokers;
            }
        }
        """, "'HttpClientHandler' is created inside a loop in 'Create': each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    [Fact]
    public Task DerivedPrimaryHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class PinningHandler : HttpClientHandler { }

        public class C
        {
            public HttpMessageHandler Create() => {|HCG002:new PinningHandler()|};

            public void Use() => Create().ToString();
        }
        """);

    [Fact]
    public Task HandlerInLambda_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            Func<HttpMessageHandler> Factory() => () => {|HCG002:new HttpClientHandler()|};
        }
        """);

    [Fact]
    public Task HandlerLocalUnusedByAnyClient_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Configure()
            {
                var handler = {|HCG002:new HttpClientHandler()|};
                handler.Dispose();
            }
        }
        """);

    [Fact]
    public Task HandlerForClientOverSharedHandlerInSameMember_StillDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            static readonly HttpMessageHandler s_shared = new HttpClientHandler();

            HttpMessageInvoker Run()
            {
                var unused = {|HCG002:new HttpClientHandler()|};
                var client = new HttpClient(s_shared, false);
                return new HttpMessageInvoker(unused);
            }
        }
        """);

    // ---------------------------------------------------------------- stays quiet

    [Fact]
    public Task HandlerFlowsIntoReportedClient_LeftToHCG001_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            HttpClient Inline() => new HttpClient(new HttpClientHandler());

            HttpClient ThroughLocal()
            {
                var handler = new HttpClientHandler { AllowAutoRedirect = false };
                return new HttpClient(handler);
            }

            HttpClient ThroughDelegatingHandler()
            {
                var primary = new HttpClientHandler();
                return new HttpClient(new Retry(primary));
            }
        }

        class Retry : DelegatingHandler
        {
            public Retry(HttpMessageHandler inner) : base(inner) { }
        }
        """);

    [Fact]
    public Task HandlerFlowsIntoTargetTypedClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                HttpClient client = new(handler);
                return client;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task HandlerForStaticClientBuiltInMethod_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            static HttpClient s_client;

            public static void Initialize()
            {
                var handler = new HttpClientHandler();
                s_client = new HttpClient(handler);
            }
        }
        """);

    [Fact]
    public Task StaticFieldAndStaticConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            static readonly HttpClientHandler s_handler = new HttpClientHandler();
            static readonly HttpMessageInvoker s_invoker;

            static C()
            {
                s_invoker = new HttpMessageInvoker(new HttpClientHandler());
            }
        }
        """);

    [Fact]
    public Task ConfigurePrimaryHttpMessageHandler_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("api")
                    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
                services.AddHttpClient("legacy")
                    .ConfigurePrimaryHttpMessageHandler(sp => new HttpClientHandler());
            }
        }
        """, new TestOptions { WithHttpClientFactory = true, Targets = Targets.Net80 });

    [Fact]
    public Task NestedConfigureLambda_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.Configure<HttpClientFactoryOptions>("api", options =>
                    options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = new HttpClientHandler()));
            }
        }
        """, new TestOptions { WithHttpClientFactory = true, Targets = Targets.Net80 });

    [Fact]
    public Task EntryPoint_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Program
        {
            static int Main()
            {
                var invoker = new HttpMessageInvoker(new HttpClientHandler());
                invoker.Dispose();
                return 0;
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task DelegatingAndCustomHandlers_OwnNoConnections_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Logging : DelegatingHandler { }

        class Stub : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage());
        }

        public class C
        {
            HttpMessageHandler A() => new Logging();

            HttpMessageHandler B() => new Stub();
        }
        """);

    [Fact]
    public Task InstanceFieldAndConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private readonly HttpClientHandler _handler = new HttpClientHandler();
            private readonly HttpMessageInvoker _invoker;

            public C()
            {
                _invoker = new HttpMessageInvoker(new HttpClientHandler());
            }
        }
        """);

    [Fact]
    public Task StaticCacheOfHandlers_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class C
        {
            static readonly ConcurrentDictionary<string, HttpMessageHandler> s_handlers = new ConcurrentDictionary<string, HttpMessageHandler>();

            HttpMessageHandler For(string thumbprint) => s_handlers.GetOrAdd(thumbprint, _ => new HttpClientHandler());
        }
        """);

    [Fact]
    public Task BrokenCode_NoCrash() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Run()
            {
                var handler = new HttpClientHandler(unknown);
                var client = {|HCG001:new HttpClient(handler|}
            }

            HttpMessageHandler M() => new
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // A wrapper type that does not bind (a package folder mode lacks) is taken to delegate to the handler it is
    // given: the client over it reports the per-call pool once (HCG001), the handler is not reported again.
    [Fact]
    public Task HandlerInsideAnUnboundWrapper_ReportedOnceAtTheClient() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class C
        {
            public string Fetch(string url)
            {
                var handler = new HttpClientHandler();
                HttpMessageHandler progress = new {|CS0246:ProgressMessageHandler|}(handler);
                using (var client = {|HCG001:new HttpClient(progress)|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task HandlerAsTheInnerHandlerOfAnUnboundWrapper_ReportedOnceAtTheClient() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class C
        {
            public string Fetch(string url, object pipeline)
            {
                HttpMessageHandler resilient = new {|CS0246:ResilienceHandler|}(pipeline) { InnerHandler = new SocketsHttpHandler() };
                using (var client = {|HCG001:new HttpClient(resilient)|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    // A handler type that does not bind, made from nothing for the client (a library folder mode lacks, as Technitium's
    // HttpClientNetworkHandler): a client takes only handlers, and one made from no argument owns its connections.
    [Fact]
    public Task UnboundHandlerMadeFromNothing_ReportedAtTheClient() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Updater
        {
            private readonly IWebProxy _proxy;

            public Updater(IWebProxy proxy)
            {
                _proxy = proxy;
            }

            public async Task<string> CheckAsync(string url)
            {
                {|CS0246:NetworkHandler|} handler = new {|CS0246:NetworkHandler|}();
                handler.Proxy = _proxy;
                using (HttpClient http = {|HCG001:new HttpClient(handler)|})
                {
                    return await http.GetStringAsync(url);
                }
            }

            public Task<string> DirectAsync(string url) => {|HCG001:new HttpClient(new {|CS0246:NetworkHandler|}() { Timeout = 5 })|}.GetStringAsync(url);
        }
        """);

    [Fact]
    public Task UnboundHandlerGivenSomethingOrAnInnerHandlerOrKeptOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Updater
        {
            private static readonly HttpMessageHandler s_shared = new SocketsHttpHandler();
            private static readonly HttpClient s_client = new HttpClient(new {|CS0246:NetworkHandler|}());

            public Task<string> WrapsTheSharedOne(string url) => new HttpClient(new {|CS0246:NetworkHandler|}(s_shared), false).GetStringAsync(url);

            public Task<string> GivenTheSharedOneAsInnerHandler(string url)
            {
                var handler = new {|CS0246:NetworkHandler|}();
                handler.InnerHandler = s_shared;
                return new HttpClient(handler, false).GetStringAsync(url);
            }

            public Task<string> Static(string url) => s_client.GetStringAsync(url);

            public Task<string> Either(string url, HttpMessageHandler given)
            {
                HttpMessageHandler handler = new {|CS0246:NetworkHandler|}();
                if (given != null)
                {
                    handler = given;
                }

                return new HttpClient(handler, false).GetStringAsync(url);
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    // Fusillade over ModernHttpClient in folder mode (Bisner's services): an unbound wrapper given one handler made from
    // nothing and a priority, or a handler class of this compilation over an unbound base, made from a token getter and
    // strings, own their connections as a bare unbound handler does.
    [Fact]
    public Task UnboundWrapperOverAHandlerMadeFromNothing_ReportedAtTheClient() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class TokenHandler : {|CS0246:NativeMessageHandler|}
        {
            private readonly Func<Task<string>> _getToken;
            private readonly string _agent;

            public TokenHandler(Func<Task<string>> getToken, string agent)
            {
                _getToken = getToken;
                _agent = agent;
            }
        }

        public class ApiService
        {
            private readonly Func<Task<string>> _getToken;

            public ApiService(Func<Task<string>> getToken)
            {
                _getToken = getToken;
            }

            public Task<string> Background(string url) =>
                {|HCG001:new HttpClient(new {|CS0246:RateLimitedHttpMessageHandler|}(new {|CS0246:NativeMessageHandler|} { Timeout = 5 }, {|CS0103:Priority|}.Background))|}.GetStringAsync(url);

            public Task<string> Prioritized(string url, {|CS0246:Priority|} priority)
            {
                var handler = new {|CS0246:RateLimitedHttpMessageHandler|}(new TokenHandler(_getToken, "agent"), priority);
                return {|HCG001:new HttpClient(handler)|}.GetStringAsync(url);
            }

            public Task<string> OwnTypeAlone(string url) => {|HCG001:new HttpClient({|CS1503:new TokenHandler(_getToken, url)|})|}.GetStringAsync(url);

            public Task<string> GivenALambdaAndNull(string url) =>
                {|HCG001:new HttpClient(new {|CS0246:RetryHandler|}(new {|CS0246:NativeMessageHandler|}(), attempt => attempt * 2, null))|}.GetStringAsync(url);
        }
        """);

    [Fact]
    public Task UnboundWrapperGivenMoreThanOneFreshHandlerOrSomethingThatMayBeAHandler_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Wrapping : {|CS0246:NativeMessageHandler|}
        {
            public Wrapping(HttpMessageHandler inner)
            {
            }
        }

        public class Chained : {|CS0246:NativeMessageHandler|}
        {
            public Chained(string name) : {|CS1729:base|}(name)
            {
            }
        }

        public class Inner : {|CS0246:NativeMessageHandler|}
        {
            public Inner(string name)
            {
                {|CS0103:InnerHandler|} = {|CS0103:Handlers|}.Shared;
            }
        }

        public class ApiService
        {
            private static readonly HttpMessageHandler s_shared = new SocketsHttpHandler();
            private readonly object _state;

            public ApiService(object state)
            {
                _state = state;
            }

            public Task<string> SharedNamed(string url) =>
                new HttpClient(new {|CS0246:RateLimitedHttpMessageHandler|}(new {|CS0246:NativeMessageHandler|}(), {|CS0103:Handlers|}.Shared)).GetStringAsync(url);

            public Task<string> BoundShared(string url) =>
                new HttpClient(new {|CS0246:RateLimitedHttpMessageHandler|}(new {|CS0246:NativeMessageHandler|}(), s_shared)).GetStringAsync(url);

            public Task<string> AnObject(string url) =>
                new HttpClient(new {|CS0246:RateLimitedHttpMessageHandler|}(new {|CS0246:NativeMessageHandler|}(), _state)).GetStringAsync(url);

            public Task<string> TwoFresh(string url) =>
                new HttpClient(new {|CS0246:RateLimitedHttpMessageHandler|}(new {|CS0246:NativeMessageHandler|}(), new {|CS0246:NativeMessageHandler|}())).GetStringAsync(url);

            public Task<string> TakesAHandler(string url) => new HttpClient({|CS1503:new Wrapping(s_shared)|}).GetStringAsync(url);

            public Task<string> PassesToItsBase(string url) => new HttpClient({|CS1503:new Chained(url)|}).GetStringAsync(url);

            public Task<string> SetsInnerHandler(string url) => new HttpClient({|CS1503:new Inner(url)|}).GetStringAsync(url);
        }
        """, new TestOptions { Targets = Targets.Net80 });

    // Quiet twin: the unbound wrapper's InnerHandler is a shared static handler, so the client opens no pool of its own.
    [Fact]
    public Task SharedHandlerAsTheInnerHandlerOfAnUnboundWrapper_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class C
        {
            private static readonly SocketsHttpHandler s_shared = new SocketsHttpHandler();

            public string Fetch(string url, object pipeline)
            {
                HttpMessageHandler resilient = new {|CS0246:ResilienceHandler|}(pipeline) { InnerHandler = s_shared };
                using (var client = new HttpClient(resilient, disposeHandler: false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task HandlerNotInsideTheUnboundWrapper_StillReported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class C
        {
            public string Fetch(string url)
            {
                var handler = {|HCG002:new HttpClientHandler()|};
                var progress = new {|CS0246:ProgressMessageHandler|}();
                using (var invoker = new HttpMessageInvoker(handler))
                {
                    return url + progress;
                }
            }
        }
        """);

    [Fact]
    public Task HandlerFromAnOptionalArgumentOrNew_IntoTheClientHere_ReportedOnceAtTheClient() => VerifyAsync("""
        using System.Net.Http;

        public interface IQueryHandler { }

        public class QueryHandler : HttpClientHandler, IQueryHandler
        {
            public string Query { get; set; }
        }

        public class WebHelper
        {
            public string Get(string url, IQueryHandler custom = null)
            {
                using (var client = Create(url, custom))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public HttpClient Create(string query, IQueryHandler custom = null)
            {
                var handler = (custom as QueryHandler) ?? new QueryHandler();
                handler.Query = query;
                var client = {|HCG001:new HttpClient(handler)|};
                return client;
            }
        }
        """);

    [Fact]
    public Task HandlerParameterReplacedByANewOne_IntoTheClientHere_ReportedOnceAtTheClient() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Publisher
        {
            public string Fetch(Uri site)
            {
                using (var client = GetClient(site))
                {
                    return client.GetStringAsync("api/zip").Result;
                }
            }

            private HttpClient GetClient(Uri site, HttpMessageHandler handler = null)
            {
                handler = handler ?? new HttpClientHandler();
                return {|HCG001:new HttpClient(handler)|} { BaseAddress = site };
            }
        }
        """);

    [Fact]
    public Task HandlerParameterUsedAsGiven_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Publisher
        {
            private static readonly HttpMessageHandler s_shared = new HttpClientHandler();

            public string Fetch(Uri site)
            {
                using (var client = GetClient(site, s_shared))
                {
                    return client.GetStringAsync("api/zip").Result;
                }
            }

            private static HttpClient GetClient(Uri site, HttpMessageHandler handler)
            {
                handler = handler ?? throw new ArgumentNullException(nameof(handler));
                return new HttpClient(handler, disposeHandler: false) { BaseAddress = site };
            }
        }
        """);

    [Fact]
    public Task HandlerOfATypeThatDoesNotBindOrNew_IntoTheClientHere_ReportedOnceAtTheClient() => VerifyAsync("""
        using System.Net.Http;
        using Vendor.Web;

        public class QueryHandler : HttpClientHandler, IVendorHandler
        {
        }

        public class WebHelper
        {
            public string Get(string url, IVendorHandler custom = null)
            {
                using (var client = Create(custom))
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            public HttpClient Create(IVendorHandler custom = null)
            {
                var handler = (custom as QueryHandler) ?? new QueryHandler();
                return {|HCG001:new HttpClient(handler)|};
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientOverAnArgumentThatDoesNotBind_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Vendor.Web;

        public class WebHelper
        {
            public string Get(string url, VendorPool pool)
            {
                using (var client = new HttpClient(pool.Handler, false))
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    private const string ProxyWithDefaultHandler = """
        using System;
        using System.Net;
        using System.Net.Http;

        public class DataPortalProxy
        {
            private HttpClient _client;

            protected virtual HttpClientHandler GetHandler() => null;

            protected HttpClient GetClient()
            {
                if (_client == null)
                {
                    var handler = GetHandler() ?? CreateDefaultHandler();
                    _client = CLIENT;
                }

                return _client;

                HttpClientHandler CreateDefaultHandler()
                {
                    var created = new HttpClientHandler();
                    created.AutomaticDecompression = DecompressionMethods.GZip;
                    return created;
                }
            }

            public string Fetch(string url) => GetClient().GetStringAsync(url).Result;
        }

        """;

    [Fact]
    public Task HandlerFromALocalFunctionOfTheMember_IntoTheClientOfAnOwnerMadePerCall_ReportedOnceAtTheClient() => VerifyAsync(
        ProxyWithDefaultHandler.Replace("CLIENT", "{|HCG001:new HttpClient(handler)|}", System.StringComparison.Ordinal) + """
        public static class Portal
        {
            public static string Fetch(string url) => new DataPortalProxy().Fetch(url);
        }
        """);

    [Fact]
    public Task HandlerFromALocalFunctionOfTheMember_IntoTheClientOfAnOwnerKeptStatically_NoDiagnostic() => VerifyAsync(
        ProxyWithDefaultHandler.Replace("CLIENT", "new HttpClient(handler)", System.StringComparison.Ordinal) + """
        public static class Portal
        {
            private static readonly DataPortalProxy s_proxy = new DataPortalProxy();

            public static string Fetch(string url) => s_proxy.Fetch(url);
        }
        """);

    [Fact]
    public Task PrimaryHandlerOfAnHttpClientFactoryBuilderAction_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http;

        public static class Registration
        {
            public static void AddGitHub(IServiceCollection services)
            {
                services.AddHttpClient("github");
                services.Configure<HttpClientFactoryOptions>("github", options =>
                    options.HttpMessageHandlerBuilderActions.Add(builder =>
                        builder.PrimaryHandler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }));
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task PrimaryHandlerOfAnotherTypeSetPerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class Pipeline
        {
            public HttpMessageHandler PrimaryHandler { get; set; }
        }

        public static class Requests
        {
            public static string Get(string url)
            {
                var pipeline = new Pipeline();
                pipeline.PrimaryHandler = {|HCG002:new HttpClientHandler()|};
                using (var invoker = new HttpMessageInvoker(pipeline.PrimaryHandler))
                {
                    return invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), default).Result.StatusCode.ToString();
                }
            }
        }
        """);

    [Fact]
    public Task PrimaryHandlerLocalSetInAHelperOfAnHttpClientFactoryBuilderAction_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Http;
        using Microsoft.Extensions.Options;

        public sealed class DynamicClients : IConfigureNamedOptions<HttpClientFactoryOptions>
        {
            public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

            public void Configure(string name, HttpClientFactoryOptions options) =>
                options.HttpMessageHandlerBuilderActions.Add(builder => ConfigureHandler(builder, name));

            private static void ConfigureHandler(HttpMessageHandlerBuilder builder, string name)
            {
                var handler = new HttpClientHandler { UseCookies = false };
                if (name == "legacy")
                {
                    handler.AllowAutoRedirect = false;
                }

                builder.PrimaryHandler = handler;
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task PrimaryHandlerLocalOfAnotherTypeSetPerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class Pipeline
        {
            public HttpMessageHandler PrimaryHandler { get; set; }
        }

        public static class Requests
        {
            public static string Get(string url)
            {
                var handler = {|HCG002:new HttpClientHandler()|};
                var pipeline = new Pipeline();
                pipeline.PrimaryHandler = handler;
                using (var invoker = new HttpMessageInvoker(pipeline.PrimaryHandler))
                {
                    return invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), default).Result.StatusCode.ToString();
                }
            }
        }
        """);

    private const string HandlerFieldThenClient = """
        using System.Net.Http;

        sealed class Adapter
        {
            private HttpClientHandler _handler;
            private HttpClient _client;

            public void Initialize(string host)
            {
                _handler = new HttpClientHandler();
                _client = {|HCG001:new HttpClient(_handler)|};
            }

            public void UseGuest() => _handler.UseDefaultCredentials = false;
        }

        sealed class Settings
        {
            public void Check(string host)
            {
                var adapter = new Adapter();
                adapter.Initialize(host);
            }
        }
        """;

    // One leak, reported once, at the client: the handler is this member's, kept in a field only to be configured later.
    [Fact]
    public Task HandlerFieldAssignedJustBeforeTheClientOverIt_ReportedAtTheClient() => VerifyAsync(HandlerFieldThenClient);

    // The field is configured elsewhere: no fix folds it into a pooled client or a static field.
    [Fact]
    public Task HandlerFieldAssignedJustBeforeTheClientOverIt_NoFixOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(HandlerFieldThenClient, HandlerFieldThenClient);

    [Fact]
    public Task HandlerFieldAssignedOnTwoBranches_ReportedAtTheHandlers() => VerifyAsync("""
        using System.Net.Http;

        sealed class Adapter
        {
            private HttpClientHandler _handler;
            private HttpClient _client;

            public void Initialize(string host, bool guest)
            {
                if (guest)
                {
                    _handler = {|HCG002:new HttpClientHandler()|};
                }
                else
                {
                    _handler = {|HCG002:new HttpClientHandler|} { UseDefaultCredentials = true };
                }

                _client = new HttpClient(_handler);
            }
        }

        sealed class Settings
        {
            public void Check(string host)
            {
                var adapter = new Adapter();
                adapter.Initialize(host, true);
            }
        }
        """);
}
