using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

[Trait("Rule", "HCG001")]
public class HCG001PerCallClientTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task MethodBody_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task UsingVarInAsyncMethod_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using var client = {|HCG001:new HttpClient()|};
                return await client.GetStringAsync(url);
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task ObjectInitializer_SquiggleExcludesInitializer_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            public HttpClient Create(Uri baseAddress)
            {
                return {|HCG001:new HttpClient()|} { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
            }

            public void Use() => Create(null).ToString();
        }
        """);

    [Fact]
    public Task TargetTypedNew_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Send()
            {
                HttpClient client = {|HCG001:new()|};
                client.Dispose();
            }
        }
        """, TestOptions.LatestOnly);

    // Target-typed new() is decided from the declared target type where syntax shows it (return
    // types, property types), and bound only where it does not (arguments, assignments, lambdas).

    [Fact]
    public Task TargetTypedNewReturnedFromExpressionBodiedFactory_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private HttpClient Create() => {|HCG001:new()|};

            public Task<string> FetchAsync(string url) => Create().GetStringAsync(url);
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task TargetTypedNewReturnedFromAsyncFactory_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private async Task<HttpClient?> CreateAsync()
            {
                await Task.Yield();
                return {|HCG001:new()|};
            }

            public async Task<string> FetchAsync(string url) => await (await CreateAsync())!.GetStringAsync(url);
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task TargetTypedNewInExpressionBodiedProperty_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private HttpClient Client => {|HCG001:new()|};

            public string Fetch(string url) => Client.GetStringAsync(url).Result;
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task TargetTypedNewPassedAsArgument_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Send()
            {
                Use({|HCG001:new()|});
            }

            static void Use(HttpClient client) => client.Dispose();
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task TargetTypedNewOfOtherTypes_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public readonly struct Money
        {
            public Money(decimal amount, string currency) => (Amount, Currency) = (amount, currency);

            public decimal Amount { get; }

            public string Currency { get; }

            public static Money Zero => new();

            public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, left.Currency);
        }

        public class C
        {
            private readonly object _gate = new();
            private readonly List<HttpClient> _clients = new();

            public Money Price(decimal amount) => new(amount, "EUR");

            private (int, int) Pair() => new();
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task FullyQualifiedType_Diagnostic() => VerifyAsync("""
        public class C
        {
            void Send()
            {
                var client = {|HCG001:new System.Net.Http.HttpClient()|};
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task InlineHandler_ReportsClientOnly_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            public HttpClient Create()
            {
                return {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|};
            }

            public void Use() => Create().ToString();
        }
        """);

    [Fact]
    public Task HandlerLocalConfiguredByStatements_ReportsClientOnly_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Security.Cryptography.X509Certificates;

        public class C
        {
            public HttpClient Create(X509Certificate2 certificate)
            {
                var handler = new HttpClientHandler();
                handler.ClientCertificates.Add(certificate);
                return {|HCG001:new HttpClient(handler, disposeHandler: true)|};
            }

            public void Use() => Create(null).ToString();
        }
        """);

    [Fact]
    public Task HandlerAssignedLater_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            public HttpClient Create(bool insecure)
            {
                HttpMessageHandler handler;
                if (insecure)
                {
                    handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (m, c, ch, e) => true };
                }
                else
                {
                    handler = new HttpClientHandler();
                }

                return {|HCG001:new HttpClient(handler)|};
            }

            public void Use() => Create(false).ToString();
        }
        """);

    [Fact]
    public Task SocketsHttpHandlerInline_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            public HttpClient Create()
            {
                return {|HCG001:new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })|};
            }

            public void Use() => Create().ToString();
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task DelegatingHandlerOverNewPrimary_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        public class C
        {
            public HttpClient Create()
            {
                return {|HCG001:new HttpClient(new LoggingHandler(new HttpClientHandler()))|};
            }

            public void Use() => Create().ToString();
        }
        """);

    [Fact]
    public Task DelegatingHandlerInnerHandlerInitializer_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class LoggingHandler : DelegatingHandler { }

        public class C
        {
            public HttpClient Create()
            {
                var logging = new LoggingHandler();
                logging.InnerHandler = new HttpClientHandler();
                return {|HCG001:new HttpClient(logging)|};
            }

            public void Use() => Create().ToString();
        }
        """);

    [Fact]
    public Task DerivedClientWithDefaultConstructor_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class GitHubClient : HttpClient { }

        public class C
        {
            void Send()
            {
                var client = {|HCG001:new GitHubClient()|};
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task DerivedClientForwardingNewHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class ApiClient : HttpClient
        {
            public ApiClient(HttpMessageHandler handler) : base(handler) { }
        }

        public class C
        {
            void Send()
            {
                var client = {|HCG001:new ApiClient(new HttpClientHandler())|};
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task ForLoop_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Poll()
            {
                for (var i = 0; i < 10; i++)
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task LoopMessage_NamesTheLoop() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class C
        {
            void Poll()
            {
                while (true)
                {
                    var client = {|#0:new HttpClient()|};
                    client.Dispose();
                }
            }
        }
        """, "'HttpClient' is created inside a loop in 'Poll': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task MethodMessage_NamesTheMember() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class C
        {
            public string Fetch(string url)
            {
                using (var client = {|#0:new HttpClient()|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """, "'HttpClient' is created each time 'Fetch' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task ForEachBody_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public class C
        {
            void Fetch(IEnumerable<string> urls)
            {
                foreach (var url in urls)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        client.GetStringAsync(url).Wait();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task DoWhileLoop_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Retry()
            {
                var attempts = 0;
                do
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.Dispose();
                }
                while (++attempts < 3);
            }
        }
        """);

    [Fact]
    public Task AwaitForEach_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task Fetch(IAsyncEnumerable<string> urls)
            {
                await foreach (var url in urls)
                {
                    using var client = {|HCG001:new HttpClient()|};
                    await client.GetStringAsync(url);
                }
            }
        }
        """, TestOptions.LatestOnly with { Targets = Targets.Net80 });

    [Fact]
    public Task LoopInsideEntryPoint_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Program
        {
            static void Main()
            {
                for (var i = 0; i < 100; i++)
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.Dispose();
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task LoopInTopLevelStatements_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        for (var i = 0; i < 100; i++)
        {
            using var client = {|HCG001:new HttpClient()|};
        }
        """, TestOptions.LatestOnly with { IsExecutable = true });

    // JellyfinAnilistSync: one owner per configured user, made in a foreach of the entry point and kept in its dictionary.
    [Fact]
    public Task OwnerPerElementKeptInACollectionOfTheEntryPoint_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        var tokens = new Dictionary<string, string> { ["ann"] = "a", ["bob"] = "b" };
        var clients = new Dictionary<string, UserClient>();
        foreach (var token in tokens)
        {
            var client = new UserClient(token.Value);
            clients[token.Key] = client;
        }

        var plain = new List<HttpClient>();
        foreach (var token in tokens)
        {
            plain.Add(new HttpClient());
        }

        public class UserClient
        {
            private readonly HttpClient _http;

            public UserClient(string token)
            {
                _http = new HttpClient();
                _http.DefaultRequestHeaders.Add("Authorization", token);
            }

            public string Fetch(string url) => _http.GetStringAsync(url).Result;
        }
        """, TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task ClientPerArgumentKeptInADictionaryOfMain_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        class Program
        {
            static void Main(string[] args)
            {
                var clients = new Dictionary<string, HttpClient>();
                foreach (var host in args)
                {
                    clients.Add(host, new HttpClient());
                }

                foreach (var pair in clients)
                {
                    System.Console.WriteLine(pair.Value.GetStringAsync(pair.Key).Result);
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task OwnerPerPassNotKeptByTheEntryPointOrMadeInAWhileLoop_Diagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;

        var urls = new[] { "http://a/", "http://b/" };
        var names = new List<string>();
        foreach (var url in urls)
        {
            var client = {|HCG001:new HttpClient()|};
            names.Add(client.GetStringAsync(url).Result);
        }

        foreach (var url in urls)
        {
            var perPass = new List<HttpClient>();
            perPass.Add({|HCG001:new HttpClient()|});
        }

        var kept = new List<HttpClient>();
        foreach (var url in urls)
        {
            while (Console.ReadLine() is { } line)
            {
                kept.Add({|HCG001:new HttpClient()|});
            }
        }
        """, TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task LambdaInALocalTheEntryPointInvokesInALoop_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Program
        {
            static void Main(string[] args)
            {
                Func<Task<string>> fetch = () => {|HCG001:new HttpClient()|}.GetStringAsync("http://localhost/");
                foreach (var arg in args)
                {
                    fetch().Wait();
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task LambdaInALocalTheEntryPointInvokesOnce_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Program
        {
            static void Main()
            {
                // Runs where Main invokes the local, once per run, as a method group held so would.
                Func<Task<string>> fetch = () => new HttpClient().GetStringAsync("http://localhost/");
                fetch().Wait();
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task LambdaStoredInInstanceField_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            Func<HttpClient> factory = () => {|HCG001:new HttpClient()|};

            // The lambda runs when the field is invoked (HCG001HCG002StoredDelegateTests): here, per call.
            public void Use() => factory().Dispose();
        }
        """);

    [Fact]
    public Task AnonymousMethod_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            static readonly Func<int> s_unrelated = () => 1;

            void Register(Action<Action> subscribe)
            {
                subscribe(delegate { {|HCG001:new HttpClient()|}.Dispose(); });
            }
        }
        """);

    [Fact]
    public Task LocalFunction_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Run()
            {
                Send();

                void Send()
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task PropertyGetter_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            public HttpClient Client
            {
                get { return {|HCG001:new HttpClient()|}; }
            }
        }
        """);

    [Fact]
    public Task StaticExpressionBodiedProperty_IsAGetterNotAnInitializer_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Http
        {
            public static HttpClient Client => {|HCG001:new HttpClient()|};
        }
        """);

    [Fact]
    public Task IndexerAndEventAccessorAndOperator_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            public HttpClient this[int i] => {|HCG001:new HttpClient()|};

            public event EventHandler Changed
            {
                add { {|HCG001:new HttpClient()|}.Dispose(); }
                remove { }
            }

            public static C operator +(C left, C right)
            {
                {|HCG001:new HttpClient()|}.Dispose();
                return left;
            }
        }
        """);

    [Fact]
    public Task LinqSelect_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;

        public class C
        {
            List<HttpClient> Create(int[] ids)
            {
                return ids.Select(id => {|HCG001:new HttpClient()|}).ToList();
            }
        }
        """);

    [Fact]
    public Task QuerySyntaxSelect_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;

        public class C
        {
            IEnumerable<HttpClient> Create(int[] ids)
            {
                return from id in ids select {|HCG001:new HttpClient()|};
            }
        }
        """);

    [Fact]
    public Task TransientRegistrationFactory_RunsPerResolution_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.AddTransient(sp => {|HCG001:new HttpClient()|});
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task GetOrAddValueOverload_BuildsAClientEveryCall_Diagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class C
        {
            static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            HttpClient For(string host) => s_clients.GetOrAdd(host, {|HCG001:new HttpClient()|});
        }
        """);

    [Fact]
    public Task ValueStoredIntoOtherObjectsProperty_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Request { public HttpClient Client { get; set; } }

        public class C
        {
            // The request (and the client in it) is the caller's: built on every Send.
            public string Send() => Build().Client.GetStringAsync("http://localhost/").Result;

            Request Build()
            {
                var request = new Request();
                request.Client = {|HCG001:new HttpClient()|};
                return request;
            }
        }
        """);

    [Fact]
    public Task LocalInitializedFromStaticField_ThenNewClient_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            static HttpClient s_client;

            void Send()
            {
                var client = s_client ?? {|HCG001:new HttpClient()|};
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task UsingAliasForHttpClient_Diagnostic() => VerifyAsync("""
        using Http = System.Net.Http.HttpClient;

        public class C
        {
            string Get(string url)
            {
                using (var client = {|HCG001:new Http()|})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """);

    [Fact]
    public Task ObjectInitializerOfAnotherObject_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Holder { public HttpClient Client { get; set; } }

        public class C
        {
            Holder Build() => new Holder { Client = {|HCG001:new HttpClient()|} };
        }
        """);

    // ---------------------------------------------------------------- stays quiet

    [Fact]
    public Task StaticFieldInitializer_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient();
        }
        """);

    [Fact]
    public Task StaticPropertyInitializer_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            public static HttpClient Client { get; } = new HttpClient(new HttpClientHandler { UseCookies = false });
        }
        """);

    [Fact]
    public Task StaticConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private static readonly HttpClient s_client;

            static C()
            {
                var handler = new HttpClientHandler();
                s_client = new HttpClient(handler);
            }
        }
        """);

    [Fact]
    public Task StaticLazyLambda_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() => new HttpClient());
        }
        """);

    [Fact]
    public Task LazyAssignedToStaticInMethod_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            private static Lazy<HttpClient> s_client;

            public static void Initialize()
            {
                s_client = new Lazy<HttpClient>(() => new HttpClient());
            }
        }
        """);

    [Fact]
    public Task AssignedToStaticField_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private static HttpClient s_client;

            public static void Initialize()
            {
                s_client = new HttpClient();
            }
        }
        """);

    [Fact]
    public Task CoalesceAssignToStaticInGetter_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private static HttpClient s_client;

            public static HttpClient Client => s_client ??= new HttpClient();
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task GetterCachingIntoStatic_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private static HttpClient s_client;

            public static HttpClient Client
            {
                get
                {
                    if (s_client == null)
                    {
                        s_client = new HttpClient();
                    }

                    return s_client;
                }
            }

            public static HttpClient Other => s_client ?? (s_client = new HttpClient());
        }
        """);

    [Fact]
    public Task InterlockedCompareExchangeIntoStatic_OnlyTheLocalCopyFires() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;

        public class C
        {
            private static HttpClient s_client;

            public static HttpClient Client
            {
                get
                {
                    if (s_client == null)
                    {
                        var created = {|HCG001:new HttpClient()|};
                        created.Dispose();
                        Interlocked.CompareExchange(ref s_client, new HttpClient(), null);
                    }

                    return s_client;
                }
            }
        }
        """);

    [Fact]
    public Task LazyInitializerEnsureInitialized_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;

        public class C
        {
            private static HttpClient s_client;

            public static HttpClient Client => LazyInitializer.EnsureInitialized(ref s_client, () => new HttpClient());
        }
        """);

    [Fact]
    public Task EntryPointOutsideLoops_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Program
        {
            static async Task Main(string[] args)
            {
                using (var client = new HttpClient())
                {
                    await client.GetStringAsync(args[0]);
                }
            }
        }
        """, new TestOptions { IsExecutable = true });

    [Fact]
    public Task TopLevelStatements_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        using var client = new HttpClient();
        await client.GetStringAsync("http://localhost/");
        """, TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task SingletonRegistrationFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.AddSingleton(sp => new HttpClient(new HttpClientHandler()));
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    // The delegate is the singleton itself (AddSingleton<TService>(TService implementationInstance)): every consumer invokes it,
    // once per health check here, and each invocation builds a client.
    [Fact]
    public Task DelegateRegisteredAsTheSingletonItself_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        static class Registrations
        {
            public static void RegisterHttpClient(this IServiceCollection services)
            {
                services.AddSingleton<Func<TimeSpan, HttpClient>>(ts => {|HCG001:new HttpClient()|} { Timeout = ts });
                services.AddSingleton<Func<HttpClient>>(() => {|HCG001:new HttpClient()|});
            }
        }

        sealed class ResourceChecker
        {
            private readonly Func<TimeSpan, HttpClient> _clients;

            public ResourceChecker(Func<TimeSpan, HttpClient> clients) => _clients = clients;

            public async Task<bool> Check(string url)
            {
                using (var client = _clients(TimeSpan.FromSeconds(5)))
                {
                    return (await client.GetAsync(url)).IsSuccessStatusCode;
                }
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    // The container's factory delegates (Func<IServiceProvider, T>) run once per container for a singleton, whether the
    // service is a client or a delegate the factory returns.
    [Fact]
    public Task SingletonFactoryReturningAClientOrAClientMakingDelegate_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registrations
        {
            public static void RegisterHttpClient(this IServiceCollection services)
            {
                services.AddSingleton<HttpClient>(sp => new HttpClient { Timeout = TimeSpan.FromSeconds(5) });
                services.AddSingleton(typeof(HttpClient), sp => new HttpClient());
                services.AddSingleton<Func<HttpClient>>(sp => { var shared = new HttpClient(); return () => shared; });
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task SingletonInstanceRegistration_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.AddSingleton(new HttpClient(new HttpClientHandler { UseCookies = false }));
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task HttpClientBuilderConfiguration_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class Startup
        {
            void Configure(IServiceCollection services)
            {
                services.AddHttpClient("github")
                    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task StaticCacheGetOrAddLambda_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class C
        {
            private static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public HttpClient For(string host) =>
                s_clients.GetOrAdd(host, _ => new HttpClient(new HttpClientHandler { UseCookies = false }));
        }
        """);

    [Fact]
    public Task StaticCacheTryAddAndIndexer_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;

        public class C
        {
            private static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();
            private static readonly Dictionary<string, HttpClient> s_byHost = new Dictionary<string, HttpClient>();

            public void Register(string host)
            {
                s_clients.TryAdd(host, new HttpClient());
                s_byHost[host] = new HttpClient();
            }
        }
        """);

    [Fact]
    public Task SharedHandlerFromField_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();

            public async Task<string> GetAsync(string url)
            {
                using (var client = new HttpClient(s_handler, disposeHandler: false))
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task HandlerFromParameterOrMethod_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class TestServer { public HttpMessageHandler CreateHandler() => null; }

        public class C
        {
            HttpClient FromParameter(HttpMessageHandler handler) => new HttpClient(handler, false);

            HttpClient FromTestServer(TestServer server) => new HttpClient(server.CreateHandler());

            HttpClient FromLocalCopy(HttpMessageHandler handler)
            {
                var local = handler;
                return new HttpClient(local);
            }
        }
        """);

    [Fact]
    public Task StubHandlerWithoutConnections_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class StubHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        class Tests
        {
            void Run()
            {
                var client = new HttpClient(new StubHandler());
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task DelegatingHandlerOverSharedHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        public class C
        {
            private static readonly HttpClientHandler s_primary = new HttpClientHandler();

            HttpClient Create() => new HttpClient(new LoggingHandler(s_primary), disposeHandler: false);
        }
        """);

    [Fact]
    public Task DerivedClientOverSharedHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        class ApiClient : HttpClient
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();

            public ApiClient() : base(s_handler, disposeHandler: false) { }
        }

        public class C
        {
            void Send()
            {
                var client = new ApiClient();
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task InstanceFieldInitializerAndConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private readonly HttpClient _first = new HttpClient();
            private readonly HttpClient _second;

            public C()
            {
                _second = new HttpClient(new HttpClientHandler());
            }
        }
        """);

    [Fact]
    public Task InstanceFieldCachedOnFirstUse_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            private HttpClient _client;

            public HttpClient Client
            {
                get
                {
                    if (_client == null)
                    {
                        this._client = new HttpClient();
                    }

                    return _client;
                }
            }
        }
        """);

    [Fact]
    public Task UnrelatedTypesNamedLikeHttp_NoDiagnostic() => VerifyAsync("""
        namespace MyCompany
        {
            class HttpClient { }
            class HttpClientHandler { }

            public class C
            {
                void Run()
                {
                    var client = new HttpClient();
                    var handler = new HttpClientHandler();
                    var list = new System.Collections.Generic.List<int>();
                }
            }
        }
        """);

    [Fact]
    public Task CompilationWithoutSystemNetHttp_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithoutHttpAsync("""
        class HttpClient { }

        public class C
        {
            void Run() { var client = new HttpClient(); }
        }
        """);

    [Fact]
    public Task BrokenCode_NoCrash_HalfTypedCreationStillReported() => VerifyAsync("""
        using System.Net.Http;

        public class C
        {
            void Run()
            {
                var client = new HttpClient(undefinedHandler);
                var other = new UnknownClient();
                HttpClient implicitBroken = new(undefinedHandler, 42, "x");
                var partial = {|HCG001:new HttpClient(new HttpClientHandler|}
            }

            void Half() { var x = {|HCG001:new HttpClient(|}
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });
}
