using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

[Trait("Rule", "HCG007")]
public class HCG007LongLivedClientDnsTests
{
    // SocketsHttpHandler exists on net8.0 only; the netstandard2.0 cases assert the rule stays quiet there.
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };
    private static readonly TestOptions Net80Latest = Net80 with { MinimumLanguageVersion = LanguageVersion.Latest };
    private static readonly TestOptions Net80WithDi = Net80 with { WithHttpClientFactory = true };

    private static Task VerifyAsync(string source, TestOptions options) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(source, options);

    // ---------------------------------------------------------------- fires: where the client lives

    [Fact]
    public Task StaticReadonlyFieldOverDefaultHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|};
        }
        """, Net80);

    [Fact]
    public Task StaticFieldThroughFluentCallsReturningTheClient_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|}.WithUserAgent().WithTimeout(TimeSpan.FromSeconds(5));
            private static readonly HttpClient s_arrow = {|HCG007:new HttpClient()|}.Configured();

            public static async Task<string> Fetch(string url) => await s_client.GetStringAsync(url) + await s_arrow.GetStringAsync(url);
        }

        static class ClientExtensions
        {
            public static HttpClient WithUserAgent(this HttpClient client)
            {
                client.DefaultRequestHeaders.Add("User-Agent", "api");
                return client;
            }

            public static HttpClient WithTimeout(this HttpClient client, TimeSpan timeout)
            {
                if (timeout <= TimeSpan.Zero)
                {
                    return client;
                }

                client.Timeout = timeout;
                return client;
            }

            public static HttpClient Configured(this HttpClient client) => client;
        }
        """, Net80);

    [Fact]
    public Task StaticFieldThroughCallsThatMayReturnAnotherClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static readonly HttpClient s_copy = new HttpClient().Copy();
            private static readonly HttpClient s_replaced = new HttpClient().Replaced();
            private static readonly HttpClient s_either = new HttpClient().Either(true);

            public static async Task<string> Fetch(string url) =>
                await s_copy.GetStringAsync(url) + await s_replaced.GetStringAsync(url) + await s_either.GetStringAsync(url);
        }

        static class ClientExtensions
        {
            private static readonly HttpClient s_shared = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(2) });

            public static HttpClient Copy(this HttpClient client)
            {
                client.Dispose();
                return s_shared;
            }

            public static HttpClient Replaced(this HttpClient client)
            {
                client = s_shared;
                return client;
            }

            public static HttpClient Either(this HttpClient client, bool shared) => shared ? s_shared : client;
        }
        """, Net80);

    [Fact]
    public Task StaticPropertyInitializerWithObjectInitializer_SquiggleExcludesInitializer_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        class Api
        {
            public static HttpClient Client { get; } = {|HCG007:new HttpClient()|} { BaseAddress = new Uri("https://example.com/") };
        }
        """, Net80);

    [Fact]
    public Task TargetTypedNewInStaticField_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new()|};
        }
        """, Net80Latest);

    [Fact]
    public Task AssignedInStaticConstructor_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        class Api
        {
            private static readonly HttpClient s_client;

            static Api()
            {
                s_client = {|HCG007:new HttpClient()|};
            }
        }
        """, Net80);

    [Fact]
    public Task LocalStoredInStaticFieldByStaticConstructor_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        class Api
        {
            private static readonly HttpClient s_client;

            static Api()
            {
                var client = {|HCG007:new HttpClient()|};
                client.Timeout = TimeSpan.FromSeconds(10);
                s_client = client;
            }
        }
        """, Net80);

    [Fact]
    public Task CoalesceAssignmentToStaticField_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static HttpClient s_client;

            public static HttpClient Client => s_client ??= {|HCG007:new HttpClient()|};
        }
        """, Net80Latest);

    [Fact]
    public Task CoalesceWithAssignmentToStaticField_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static HttpClient s_client;

            public static HttpClient Client
            {
                get { return s_client ?? (s_client = {|HCG007:new HttpClient()|}); }
            }
        }
        """, Net80);

    [Fact]
    public Task StaticLazyFactory_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() => {|HCG007:new HttpClient()|});
        }
        """, Net80);

    [Fact]
    public Task TargetTypedStaticLazyFactory_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly Lazy<HttpClient> s_client = new(() => {|HCG007:new HttpClient()|});
        }
        """, Net80Latest);

    [Fact]
    public Task InterlockedAndLazyInitializerIntoStaticField_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;

        static class Api
        {
            private static HttpClient s_first;
            private static HttpClient s_second;

            public static HttpClient First
            {
                get
                {
                    Interlocked.CompareExchange(ref s_first, {|HCG007:new HttpClient()|}, null);
                    return s_first;
                }
            }

            public static HttpClient Second => LazyInitializer.EnsureInitialized(ref s_second, () => {|HCG007:new HttpClient()|});
        }
        """, Net80);

    [Fact]
    public Task StaticLazyBlockFactoryOverLocalSocketsHandler_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() =>
            {
                var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 20 };
                return {|HCG007:new HttpClient(handler)|};
            });
        }
        """, Net80);

    [Fact]
    public Task SingletonFactoryRegistration_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton(sp => {|HCG007:new HttpClient()|});
            }
        }
        """, Net80WithDi);

    // A delegate registered as the singleton itself makes a client each time a consumer invokes it: none is long-lived
    // (HCG001 reports the per-call client).
    [Fact]
    public Task DelegateRegisteredAsTheSingletonItself_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton<Func<TimeSpan, HttpClient>>(ts => new HttpClient { Timeout = ts });
            }
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonInstanceRegistrationInTopLevelStatements_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        IServiceCollection services = default;
        services.AddSingleton({|HCG007:new HttpClient()|});
        """, Net80WithDi with { MinimumLanguageVersion = LanguageVersion.Latest, IsExecutable = true });

    // MihuBot's ConfigureServices: the client is built into a local, then registered as the container's singleton instance.
    private const string LocalRegisteredAsSingleton = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                var httpClient = {0};
                httpClient.DefaultRequestVersion = new Version(2, 0);
                services.{1}(httpClient);
            }
        }
        """;

    [Fact]
    public Task LocalRegisteredAsSingletonInstance_Diagnostic() => VerifyAsync(
        LocalRegisteredAsSingleton.Replace("{0}", "{|HCG007:new HttpClient(new HttpClientHandler { UseCookies = false })|}").Replace("{1}", "AddSingleton"),
        Net80WithDi);

    [Fact]
    public Task LocalRegisteredAsSingletonWithLifetimeOrNotRegistered_NoDiagnostic() => VerifyAsync(
        LocalRegisteredAsSingleton.Replace("{0}", "new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })").Replace("{1}", "AddSingleton") +
        LocalRegisteredAsSingleton.Replace("class Registration", "class Other").Replace("using System;\nusing System.Net.Http;\nusing Microsoft.Extensions.DependencyInjection;\n", "")
            .Replace("{0}", "new HttpClient(new HttpClientHandler { UseCookies = false })").Replace("{1}", "Keep") +
        "\nstatic class Keeping { public static void Keep(this IServiceCollection services, HttpClient client) => client.Dispose(); }\n",
        Net80WithDi);

    // ---------------------------------------------------------------- fires: which handler

    [Fact]
    public Task InlineSocketsHandlerWithoutLifetime_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })|};
        }
        """, Net80);

    [Fact]
    public Task InlineHttpClientHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new HttpClientHandler { UseCookies = false }, disposeHandler: true)|};
        }
        """, Net80);

    [Fact]
    public Task HandlerWrappedInDelegatingHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new LoggingHandler(new SocketsHttpHandler()))|};
        }
        """, Net80);

    // AccelByte's DefaultHttpClient: the static field keeps the delegating handler, which keeps its inner handler for its
    // own life; the client over the field is not judged (its handler is a field's), so the inner handler is reported.
    private const string WrappedHandlerField = """
        using System;
        using System.Net.Http;

        sealed class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        static class Api
        {
            public static readonly LoggingHandler Handler = new LoggingHandler({0});
            public static readonly HttpClient Http = new HttpClient(Handler);

            public static string Get(string url)
            {
                var perCall = new LoggingHandler({1});
                using (var client = new HttpClient(perCall))
                {
                    return client.GetStringAsync(url).Result + Http.GetStringAsync(url).Result;
                }
            }
        }
        """;

    [Fact]
    public Task InnerHandlerOfADelegatingHandlerInAStaticField_Diagnostic() => VerifyAsync(
        WrappedHandlerField.Replace("{0}", "{|HCG007:new HttpClientHandler()|} { AllowAutoRedirect = false }").Replace("{1}", "new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }"),
        Net80);

    [Fact]
    public Task InnerHandlerOfADelegatingHandlerInAStaticFieldWithLifetimeOrPerCall_NoDiagnostic() => VerifyAsync(
        WrappedHandlerField.Replace("{0}", "new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }").Replace("{1}", "new HttpClientHandler()"),
        Net80);

    [Fact]
    public Task StaticSocketsHandlerFieldWithoutLifetime_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly SocketsHttpHandler s_handler = {|HCG007:new SocketsHttpHandler()|} { MaxConnectionsPerServer = 10 };

            public static HttpClient Create() => new HttpClient(s_handler, disposeHandler: false);
        }
        """, Net80);

    [Fact]
    public Task MessageNamesTheHandler_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_default = {|#0:new HttpClient()|};
            private static readonly HttpClient s_sockets = {|#1:new HttpClient(new SocketsHttpHandler())|};
            private static readonly HttpClient s_classic = {|#2:new HttpClient(new HttpClientHandler())|};
            private static readonly SocketsHttpHandler s_handler = {|#3:new SocketsHttpHandler()|};
        }
        """,
        Net80,
        "'HttpClient' is kept for the life of the process over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool",
        "'HttpClient' is kept for the life of the process over a SocketsHttpHandler without PooledConnectionLifetime: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool",
        "'HttpClient' is kept for the life of the process over an HttpClientHandler, which has no PooledConnectionLifetime: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool",
        "'SocketsHttpHandler' is kept for the life of the process without PooledConnectionLifetime: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task TestProject_StillReported_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class TestServer
        {
            public static readonly HttpClient Client = {|HCG007:new HttpClient()|};
        }
        """, Net80 with { GlobalConfig = "build_property.IsTestProject = true" });

    [Fact]
    public Task BlazorPropertyFalseWithWebAssemblyTypePresent_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
        {
            public class WebAssemblyHostBuilder { }
        }

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|};
        }
        """, Net80 with { GlobalConfig = "build_property.UsingMicrosoftNETSdkBlazorWebAssembly = " });

    [Fact]
    public Task ServerProjectReferencingWebAssemblyClient_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
        {
            public class WebAssemblyHostBuilder { }
        }

        namespace Microsoft.AspNetCore.Builder
        {
            public class WebApplication { }
        }

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|};
        }
        """, Net80);

    [Fact]
    public Task AndroidTargetExplicitSocketsHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_native = new HttpClient();
            private static readonly HttpClient s_native2 = new HttpClient(new HttpClientHandler());
            private static readonly HttpClient s_sockets = {|HCG007:new HttpClient(new SocketsHttpHandler())|};
        }
        """, Net80 with { GlobalConfig = "build_property.TargetFramework = net8.0-android" });

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task NetStandard20HasNoSocketsHttpHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient();
            private static readonly HttpClient s_classic = new HttpClient(new HttpClientHandler());
        }
        """, new TestOptions { Targets = Targets.NetStandard20 });

    [Fact]
    public Task LifetimeInObjectInitializer_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly SocketsHttpHandler s_handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        }
        """, Net80);

    [Fact]
    public Task LifetimeSetByStatementOnLocal_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client;

            static Api()
            {
                var handler = new SocketsHttpHandler();
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
                s_client = new HttpClient(handler);
            }
        }
        """, Net80);

    [Fact]
    public Task LifetimeSetOnStaticHandlerFieldInStaticConstructor_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly SocketsHttpHandler s_handler = new SocketsHttpHandler();

            static Api()
            {
                s_handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
            }
        }
        """, Net80);

    [Fact]
    public Task ExplicitInfiniteLifetime_IsAChoice_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        }
        """, Net80);

    [Fact]
    public Task HandlerFromElsewhere_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly SocketsHttpHandler s_handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
            private static readonly HttpClient s_client = new HttpClient(s_handler, disposeHandler: false);
            private static readonly HttpClient s_other = new HttpClient(CreateHandler());

            private static HttpMessageHandler CreateHandler() => s_handler;
        }
        """, Net80);

    [Fact]
    public Task PerCallCreation_IsHcg001s_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static HttpClient s_client;

            public static async Task<string> GetAsync(string url)
            {
                var client = new HttpClient();
                s_client = client;
                using (var other = new HttpClient())
                {
                    return await other.GetStringAsync(url);
                }
            }
        }
        """, Net80);

    [Fact]
    public Task InstanceFieldAndInstanceLazy_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        class Api
        {
            private readonly HttpClient _client = new HttpClient();
            private readonly Lazy<HttpClient> _lazy = new Lazy<HttpClient>(() => new HttpClient());
            private HttpClient _cached;

            public HttpClient Cached => _cached ?? (_cached = new HttpClient());
        }
        """, Net80);

    [Fact]
    public Task ShortLivedClientInStaticConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Config
        {
            public static readonly string Settings;
            public static readonly int Length = new HttpClient().GetStringAsync("https://example.com/").Result.Length;

            static Config()
            {
                using (var client = new HttpClient())
                {
                    Settings = client.GetStringAsync("https://example.com/settings").Result;
                }
            }
        }
        """, Net80);

    [Fact]
    public Task InterlockedIntoInstanceField_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;

        class Api
        {
            private HttpClient _client;

            public HttpClient Client
            {
                get
                {
                    Interlocked.CompareExchange(ref _client, new HttpClient(), null);
                    return _client;
                }
            }
        }
        """, Net80);

    [Fact]
    public Task ClientPassedToAnotherObjectsConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class GitHubApi
        {
            public GitHubApi(HttpClient client) { }
        }

        static class Api
        {
            private static readonly GitHubApi s_api = new GitHubApi(new HttpClient());
        }
        """, Net80);

    [Fact]
    public Task TransientRegistrationAndSingletonWithLifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddTransient(sp => new HttpClient());
                services.AddSingleton(sp => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
                services.AddHttpClient("named");
            }
        }
        """, Net80WithDi);

    [Fact]
    public Task DerivedClientWithoutHandlerArgument_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        sealed class ApiClient : HttpClient
        {
            public ApiClient() : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { }
        }

        static class Api
        {
            private static readonly ApiClient s_client = new ApiClient();
        }
        """, Net80);

    // Unity's Mono and IL2CPP runtimes have no SocketsHttpHandler: a script Unity compiles (UNITY_EDITOR, UNITY_5_3_OR_NEWER
    // defined) has no lifetime to set, even where the scan's reference assemblies have one.
    [Theory]
    [InlineData("UNITY_EDITOR")]
    [InlineData("UNITY_5_3_OR_NEWER")]
    public Task UnityScript_NoDiagnostic(string symbol) => VerifyAsync("""
        using System.Net.Http;

        static class NanoApiManager
        {
            private static readonly HttpClient s_client = new HttpClient();
        }
        """, Net80 with { PreprocessorSymbols = new[] { symbol } });

    [Fact]
    public Task ScriptWithOtherSymbols_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class NanoApiManager
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|};
        }
        """, Net80 with { PreprocessorSymbols = new[] { "UNITY_BUILD_TOOLS", "GODOT" } });

    [Fact]
    public Task BlazorWebAssemblyByBuildProperty_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient();
        }
        """, Net80 with { GlobalConfig = "build_property.UsingMicrosoftNETSdkBlazorWebAssembly = true" });

    [Fact]
    public Task BlazorWebAssemblyByReferencedHostBuilder_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
        {
            public class WebAssemblyHostBuilder { }
        }

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient();
        }
        """, Net80);

    [Fact]
    public Task BrowserTargetFramework_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler());
        }
        """, Net80 with { GlobalConfig = "build_property.TargetFramework = net8.0-browser" });

    [Fact]
    public Task CompilationWithoutSystemNetHttp_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithoutHttpAsync("""
        class HttpClient { }

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient();
        }
        """);

    [Fact]
    public Task HalfTypedCode_NoCrash_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = 
            private static readonly HttpClient s_other = new HttpClient(new Unknown());
        }
        """, Net80 with { IgnoreCompilerDiagnostics = true, MinimumLanguageVersion = LanguageVersion.Latest });

    // A delegating handler from a package folder mode lacks (Microsoft.Extensions.Http.Resilience): its InnerHandler is
    // the handler the static client talks through.
    private const string UnboundWrapperOverInnerHandler = """
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = Build();

            private static HttpClient Build()
            {
                HttpMessageHandler handler = new {|CS0246:ResilienceHandler|}(null) { InnerHandler = INNER };
                return CLIENT;
            }
        }
        """;

    [Fact]
    public Task StaticClientOverTheInnerHandlerOfAnUnboundWrapper_Diagnostic() => VerifyAsync(UnboundWrapperOverInnerHandler
        .Replace("INNER", "new SocketsHttpHandler()", System.StringComparison.Ordinal)
        .Replace("CLIENT", "{|HCG007:new HttpClient(handler)|}", System.StringComparison.Ordinal), Net80);

    [Fact]
    public Task StaticClientOverTheInnerHandlerOfAnUnboundWrapper_WithALifetime_NoDiagnostic() => VerifyAsync(UnboundWrapperOverInnerHandler
        .Replace("INNER", "new SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(2) }", System.StringComparison.Ordinal)
        .Replace("CLIENT", "new HttpClient(handler)", System.StringComparison.Ordinal), Net80);

    // ---------------------------------------------------------------- factories whose every use keeps the client

    [Fact]
    public Task FactoryPassedAsMethodGroupToStaticLazy_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            static readonly Lazy<HttpClient> s_default = new Lazy<HttpClient>(BuildDefault);

            public static HttpClient BuildDefault()
            {
                return {|HCG007:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(80) };
            }
        }
        """, Net80);

    [Fact]
    public Task FactoryReturnsClientThroughLocal_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            static readonly Lazy<HttpClient> s_shared = new Lazy<HttpClient>(CreateHttpClient);

            internal static HttpClient CreateHttpClient()
            {
                var client = {|HCG007:new HttpClient()|};
                client.Timeout = TimeSpan.FromSeconds(30);
                return client;
            }
        }
        """, Net80);

    [Fact]
    public Task FactoryReturnsClientThroughLocalAlsoPerCallOrWithLifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            static readonly Lazy<HttpClient> s_shared = new Lazy<HttpClient>(CreateHttpClient);
            static readonly Lazy<HttpClient> s_recycled = new Lazy<HttpClient>(CreateRecycled);

            public string Get(string url)
            {
                using (var client = CreateHttpClient())
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            static HttpClient CreateHttpClient()
            {
                var client = new HttpClient();
                return client;
            }

            static HttpClient CreateRecycled()
            {
                var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
                return client;
            }
        }
        """, Net80);

    [Fact]
    public Task FactoryCalledFromStaticInitializer_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Api
        {
            static readonly HttpClient s_client = Create();

            static HttpClient Create() => {|HCG007:new HttpClient(new SocketsHttpHandler())|};
        }
        """, Net80);

    [Fact]
    public Task FactoryAlsoCalledPerCall_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            static readonly Lazy<HttpClient> s_default = new Lazy<HttpClient>(BuildDefault);

            public string Get(string url)
            {
                using (var client = BuildDefault())
                {
                    return client.GetStringAsync(url).Result;
                }
            }

            static HttpClient BuildDefault() => new HttpClient();
        }
        """, Net80);

    [Fact]
    public Task FactoryOfInstanceLazyOrWithLifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Api
        {
            readonly Lazy<HttpClient> _client = new Lazy<HttpClient>(Build);
            static readonly Lazy<HttpClient> s_pooled = new Lazy<HttpClient>(BuildPooled);

            static HttpClient Build() => new HttpClient();

            static HttpClient BuildPooled() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """, Net80);

    [Fact]
    public Task UncalledFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public static class Api
        {
            public static HttpClient Create() => new HttpClient();
        }
        """, Net80);

    // ---------------------------------------------------------------- the container builds the client itself

    [Fact]
    public Task SingletonRegistrationOfHttpClientItself_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.{|#0:AddSingleton<HttpClient>|}();
            }
        }
        """, Net80WithDi,
        "'HttpClient' is kept for the life of the process as a container singleton (AddSingleton<...>() in 'Registration.Add'), built over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task SingletonRegistrationWithServiceAndImplementation_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static IServiceCollection Add(IServiceCollection services) =>
                services.{|HCG007:AddSingleton<HttpClient, HttpClient>|}()
                        .AddSingleton<Worker>();
        }

        sealed class Worker
        {
            public Worker(HttpClient client) => Client = client;

            public HttpClient Client { get; }
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonRegistrationOfHttpClient_ContainerAlsoHasAHandler_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton<HttpMessageHandler>(sp => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                services.AddSingleton<HttpClient>();
            }
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonRegistrationWithAFactoryOrOfAnotherType_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton<HttpClient>(sp => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
                services.AddSingleton<Worker>();
                services.AddTransient<HttpClient>();
            }
        }

        sealed class Worker
        {
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonRegistrationOfHttpClient_NetStandard_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<HttpClient>();
        }
        """, new TestOptions { Targets = Targets.NetStandard20, WithHttpClientFactory = true });

    // ---------------------------------------------------------------- clients that only talk to this machine

    [Fact]
    public Task StaticClientWithALoopbackBaseAddress_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class LocalModel
        {
            private static readonly HttpClient s_client = new HttpClient { BaseAddress = new Uri("http://localhost:11434/") };

            public static string Tags() => s_client.GetStringAsync("api/tags").Result;
        }
        """, Net80);

    [Fact]
    public Task PrivateStaticClientOnlySentToLoopbackLiterals_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class LocalServer
        {
            private static readonly HttpClient Client = new HttpClient();

            public static string Status(int port) => Client.GetStringAsync($"http://127.0.0.1:{port}/status").Result;

            public static void Stop() => Client.PostAsync("http://127.0.0.1:5000/stop", null).Wait();
        }
        """, Net80);

    [Fact]
    public Task PrivateStaticClientAlsoSentElsewhere_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class LocalServer
        {
            private static readonly HttpClient Client = {|HCG007:new HttpClient()|};

            public static string Status(int port) => Client.GetStringAsync($"http://127.0.0.1:{port}/status").Result;

            public static string Latest() => Client.GetStringAsync("https://api.example.com/releases/latest").Result;
        }
        """, Net80);

    // A lazily made client behind a private static getter: the getter's uses are the field's. {0}: the speakers address.
    private const string LazyLocalBridge = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class VoiceBridge
        {
            private const string ServerUrl = "http://127.0.0.1:50021/";

            private static HttpClient Client
            {
                get
                {
                    if (s_body == null)
                    {
                        s_body = {1}new HttpClient(){2};
                    }

                    return s_body;
                }
            }

            private static HttpClient s_body;

            public static async Task<string> Query(int speaker)
            {
                var url = $"{ServerUrl}audio_query?speaker={speaker}";
                using (var request = new HttpRequestMessage(HttpMethod.Post, url))
                using (var response = await Client.SendAsync(request))
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public static Task<string> Speakers() => Client.GetStringAsync({0});
        }
        """;

    [Fact]
    public Task PrivateStaticGetterOverALazyFieldOnlySentToLoopback_NoDiagnostic() => VerifyAsync(
        LazyLocalBridge.Replace("{0}", "ServerUrl + \"speakers\"").Replace("{1}", "").Replace("{2}", ""), Net80);

    [Fact]
    public Task PrivateStaticGetterOverALazyFieldAlsoSentElsewhere_Diagnostic() => VerifyAsync(
        LazyLocalBridge.Replace("{0}", "\"https://voices.example.com/speakers\"").Replace("{1}", "{|HCG007:").Replace("{2}", "|}"), Net80);

    [Fact]
    public Task PublicStaticGetterOverALazyField_Diagnostic() => VerifyAsync(
        LazyLocalBridge.Replace("private static HttpClient Client", "public static HttpClient Client")
            .Replace("{0}", "ServerUrl + \"speakers\"").Replace("{1}", "{|HCG007:").Replace("{2}", "|}"), Net80);

    [Fact]
    public Task PublicStaticClientOrARemoteBaseAddress_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public static class Clients
        {
            public static readonly HttpClient Local = {|HCG007:new HttpClient()|};

            private static readonly HttpClient s_remote = {|HCG007:new HttpClient|} { BaseAddress = new Uri("https://api.example.com/") };

            public static string Ping() => Local.GetStringAsync("http://localhost:8080/ping").Result + s_remote.GetStringAsync("ping").Result;
        }
        """, Net80);

    [Fact]
    public Task ClientNamedLikeItsTypeSentToAMemberHoldingALoopbackAddress_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class LocalSpeechServer
        {
            private const string Health = "http://localhost:5002/health";
            private static readonly HttpClient HttpClient = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            private static int s_port;

            private static string ServerBaseUrl => $"http://127.0.0.1:{s_port}";

            public static string Speakers() => HttpClient.GetStringAsync($"{ServerBaseUrl}/v1/speakers").Result;

            public static bool Ready() => HttpClient.GetAsync(Health).Result.IsSuccessStatusCode;

            public static string Voices() => HttpClient.GetStringAsync(ServerBaseUrl + "/v1/voices").Result;
        }
        """, Net80);

    [Fact]
    public Task ClientSentToAMemberWhoseAddressIsRemoteOrSettable_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class SpeechServer
        {
            private static readonly HttpClient HttpClient = {|HCG007:new HttpClient|} { Timeout = TimeSpan.FromMinutes(5) };
            private static readonly HttpClient s_other = {|HCG007:new HttpClient()|};
            private static string s_host = "127.0.0.1";

            private static string ServerBaseUrl => $"https://{s_host}:5002";

            public static string Local { get; set; } = "http://localhost:5002";

            public static string Speakers() => HttpClient.GetStringAsync($"{ServerBaseUrl}/v1/speakers").Result;

            public static string Voices() => s_other.GetStringAsync(Local + "/v1/voices").Result;
        }
        """, Net80);

    // {0}: the probed address.
    private const string Prober = """
        using System.Net.Http;
        using System.Threading.Tasks;

        class HttpProber
        {
            private static HttpClient _httpClient;

            static HttpProber()
            {
                _httpClient = {1};
            }

            public async Task<bool> ProbeAsync(bool https, int port, string path)
            {
                var protocol = https ? "https" : "http";
                var address = {0};
                var req = new HttpRequestMessage(HttpMethod.Get, address);
                var res = await _httpClient.SendAsync(req);
                return res.IsSuccessStatusCode;
            }
        }
        """;

    [Fact]
    public Task PrivateStaticClientProbingLocalhostThroughARequestLocal_NoDiagnostic() =>
        VerifyAsync(Prober.Replace("{0}", "$\"{protocol}://localhost:{port}{path}\"").Replace("{1}", "new HttpClient()"), Net80);

    [Fact]
    public Task PrivateStaticClientProbingAHostThroughARequestLocal_Diagnostic() =>
        VerifyAsync(Prober.Replace("{0}", "$\"{protocol}://{path}:{port}\"").Replace("{1}", "{|HCG007:new HttpClient()|}"), Net80);

    private const string HandlerLibrary = """
        using System;
        using System.Net.Http;

        namespace Lib
        {
            public static class Handlers
            {
                public static HttpClientHandler CreateHandler() => new HttpClientHandler { UseCookies = false };

                public static SocketsHttpHandler CreateSocketsHandler() =>
                    new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
            }
        }
        """;

    [Fact]
    public Task StaticClientOverAnHttpClientHandlerFromAnotherAssembly_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Lens
        {
            private static readonly HttpClient s_client;

            static Lens()
            {
                var handler = Lib.Handlers.CreateHandler();
                handler.AutomaticDecompression = System.Net.DecompressionMethods.All;
                s_client = {|HCG007:new HttpClient(handler)|};
            }

            public static string Get(string url) => s_client.GetStringAsync(url).Result;
        }
        """, Net80 with { LibrarySource = HandlerLibrary });

    [Fact]
    public Task StaticClientOverASocketsHandlerFromAnotherAssembly_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Lens
        {
            private static readonly HttpClient s_client = new HttpClient(Lib.Handlers.CreateSocketsHandler());

            public static string Get(string url) => s_client.GetStringAsync(url).Result;
        }
        """, Net80 with { LibrarySource = HandlerLibrary });

    // ---------------------------------------------------------------- a client in a field of a container singleton

    [Fact]
    public Task ClientAssignedInConstructorOfRegisteredSingleton_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }

        sealed class Notifier
        {
            private readonly HttpClient _http;

            public Notifier()
            {
                _http = {|#0:new HttpClient()|};
                _http.Timeout = TimeSpan.FromSeconds(30);
            }

            public void Notify(string url) => _http.PostAsync(url, null).Result.Dispose();
        }
        """, Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'Notifier', a container singleton (AddSingleton<...>() in 'Registration.Add'), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task ClientAssignedInConstructorOfTransientService_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddTransient<Notifier>();
        }

        sealed class Notifier
        {
            private readonly HttpClient _http;

            public Notifier()
            {
                _http = new HttpClient();
                _http.Timeout = TimeSpan.FromSeconds(30);
            }

            public void Notify(string url) => _http.PostAsync(url, null).Result.Dispose();
        }
        """, Net80WithDi);

    [Fact]
    public Task FieldInitializerOfImplementationRegisteredWithTryAddSingleton_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        abstract class SignProvider
        {
            public abstract string Sign(string data);
        }

        sealed class HttpSigner : SignProvider
        {
            private readonly HttpClient _http = {|HCG007:new HttpClient(new HttpClientHandler { UseProxy = false })|};

            public override string Sign(string data) => _http.GetStringAsync("https://sign.example.com/?d=" + data).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.TryAddSingleton<SignProvider, HttpSigner>();
        }
        """, Net80WithDi);

    [Fact]
    public Task FieldInitializerOfSingletonWithLifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        abstract class SignProvider
        {
            public abstract string Sign(string data);
        }

        sealed class HttpSigner : SignProvider
        {
            private readonly HttpClient _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

            public override string Sign(string data) => _http.GetStringAsync("https://sign.example.com/?d=" + data).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.TryAddSingleton<SignProvider, HttpSigner>();
        }
        """, Net80WithDi);

    [Fact]
    public Task TargetTypedFieldInitializerOfHostedService_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        sealed class Poller : BackgroundService
        {
            private readonly HttpClient _http = {|HCG007:new()|};

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _http.GetStringAsync("https://status.example.com/", stoppingToken);
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHostedService<Poller>();
        }
        """, Net80Latest with { WithAspNetCore = true });

    // A hosted service's StartAsync opens its lifetime, which StopAsync closes: the client it stores lives until the stop,
    // for the process, as one its constructor stores does.
    [Fact]
    public Task ClientStoredInStartAsyncOfHostedService_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        sealed class Worker : BackgroundService
        {
            private HttpClient _http;

            public override Task StartAsync(CancellationToken cancellationToken)
            {
                _http = {|HCG007:new HttpClient()|};
                return base.StartAsync(cancellationToken);
            }

            public override Task StopAsync(CancellationToken cancellationToken)
            {
                _http.Dispose();
                return base.StopAsync(cancellationToken);
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    using (var response = await _http.GetAsync("https://status.example.com/", stoppingToken))
                    {
                    }

                    await Task.Delay(5000, stoppingToken);
                }
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHostedService<Worker>();
        }
        """, Net80 with { WithAspNetCore = true });

    // The same store in an ordinary method of the singleton may replace the client on every call (HCG001's question), and a
    // start method whose contract has no stop opens no lifetime; a handler given a lifetime in StartAsync is this rule's fix.
    [Fact]
    public Task ClientStoredInOtherMethodsOfASingletonOrWithALifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        sealed class Worker : BackgroundService
        {
            private HttpClient _http;

            public override Task StartAsync(CancellationToken cancellationToken)
            {
                _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
                return base.StartAsync(cancellationToken);
            }

            protected override Task ExecuteAsync(CancellationToken stoppingToken) => _http.GetStringAsync("https://status.example.com/", stoppingToken);
        }

        sealed class Refresher
        {
            private HttpClient _http;

            public void Start() => _http = new HttpClient();

            public Task<string> PollAsync() => _http.GetStringAsync("https://status.example.com/");
        }

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHostedService<Worker>();
                services.AddSingleton<Refresher>();
            }
        }
        """, Net80 with { WithAspNetCore = true });

    [Fact]
    public Task TargetTypedFieldInitializerOfHostedServiceThatTalksToLoopback_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        sealed class Poller : BackgroundService
        {
            private readonly HttpClient _http = new() { BaseAddress = new Uri("http://127.0.0.1:5000/") };

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _http.GetStringAsync("status", stoppingToken);
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddHostedService<Poller>();
        }
        """, Net80Latest with { WithAspNetCore = true });

    [Fact]
    public Task ConstructorLocalStoredInFieldOfSingletonBuiltByAFactory_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Tracker
        {
            private readonly HttpClient _http;

            public Tracker(string endpoint)
            {
                var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4 };
                var client = {|HCG007:new HttpClient(handler)|};
                _http = client;
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton(sp => new Tracker("https://events.example.com/"));
        }
        """, Net80WithDi);

    [Fact]
    public Task ConstructorLocalStoredInFieldOfScopedServiceBuiltByAFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Tracker
        {
            private readonly HttpClient _http;

            public Tracker(string endpoint)
            {
                var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4 };
                var client = new HttpClient(handler);
                _http = client;
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddScoped(sp => new Tracker("https://events.example.com/"));
        }
        """, Net80WithDi);

    [Fact]
    public Task LazyCoalesceAssignmentInSingletonMethod_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Downloader
        {
            private HttpClient _http;

            public string Get(string url) => (_http ??= {|HCG007:new HttpClient()|}).GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Downloader>();
        }
        """, Net80WithDi with { MinimumLanguageVersion = LanguageVersion.CSharp8 });

    [Fact]
    public Task PlainAssignmentInSingletonMethodMayReplaceTheClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Downloader
        {
            private HttpClient _http;

            public void Reconfigure() => _http = new HttpClient();

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Downloader>();
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonAlsoCreatedPerCall_LeftToHcg001_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Notifier
        {
            private readonly HttpClient _http = new HttpClient();

            public void Notify(string url) => _http.PostAsync(url, null).Result.Dispose();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }

        static class Alerts
        {
            public static void Raise(string url) => new Notifier().Notify(url);
        }
        """, Net80WithDi);

    [Fact]
    public Task ClientHandedToAnotherObjectInSingletonConstructor_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class GitHubApi
        {
            public GitHubApi(HttpClient client) { }
        }

        sealed class Notifier
        {
            private readonly GitHubApi _api;

            public Notifier() => _api = new GitHubApi(new HttpClient());
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }
        """, Net80WithDi);

    [Fact]
    public Task SingletonNamedMethodOfTheUsersOwnRegistry_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        sealed class Registry
        {
            public void AddSingleton<T>() { }
        }

        sealed class Notifier
        {
            private readonly HttpClient _http = new HttpClient();

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(Registry registry) => registry.AddSingleton<Notifier>();
        }
        """, Net80WithDi);

    // The container fills these parameters when the application calls AddHttpClient(): the new client is a fallback.
    [Fact]
    public Task SingletonFallbackForAnInjectedClientOrFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Scraper
        {
            private readonly HttpClient _http;

            public Scraper(HttpClient httpClient = null) => _http = httpClient ?? new HttpClient();
        }

        sealed class Generator
        {
            private readonly HttpClient _http;

            public Generator(IHttpClientFactory httpClientFactory = null)
            {
                if (httpClientFactory == null)
                {
                    _http = new HttpClient();
                }
                else
                {
                    _http = httpClientFactory.CreateClient();
                }
            }
        }

        sealed class Summarizer
        {
            private readonly HttpClient _http;

            public Summarizer(IHttpClientFactory httpClientFactory = null)
            {
                if (httpClientFactory != null)
                {
                    _http = httpClientFactory.CreateClient("summaries");
                }
                else
                {
                    _http = new HttpClient();
                }
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) =>
                services.AddSingleton<Scraper>().AddSingleton<Generator>().AddSingleton<Summarizer>();
        }
        """, Net80WithDi);

    // A fallback for something else than an injected value is the client the singleton keeps.
    [Fact]
    public Task SingletonFallbackForAConfigurationValue_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Settings
        {
            public HttpClient Client { get; set; }
        }

        sealed class Scraper
        {
            private readonly HttpClient _http;

            public Scraper(Settings settings) => _http = settings.Client ?? {|HCG007:new HttpClient()|};
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Scraper>();
        }
        """, Net80WithDi);

    [Fact]
    public Task HandlerKeptOnItsOwnByASingleton_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class ProxyService
        {
            private readonly SocketsHttpHandler _handler;
            private readonly HttpMessageInvoker _invoker;

            public ProxyService()
            {
                _handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
                _invoker = new HttpMessageInvoker(_handler);
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<ProxyService>();
        }
        """, Net80WithDi);

    // A bot's static client that only ever has a header added (its requests go through another client): it opens no
    // connection, so there is no DNS answer to go stale. One request through it, a library's public client other
    // assemblies may use, or a client nothing uses yet, and the rule speaks.
    private const string HeaderOnlyClient = """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;

        public static class MessageEvent
        {
            public static readonly HttpClient httpClient = {0};
        }

        static class PhishingApi
        {
            public static void Configure()
            {
                MessageEvent.httpClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                MessageEvent.httpClient.Timeout = System.TimeSpan.FromSeconds(10);
            }
        {1}
        }

        static class Program
        {
            static void Main() => PhishingApi.Configure();
        }
        """;

    private static string HeaderOnly(string creation, string more = "") => HeaderOnlyClient.Replace("{0}", creation).Replace("{1}", more);

    [Fact]
    public Task StaticClientOnlyConfiguredInAnApplication_NoDiagnostic() =>
        VerifyAsync(HeaderOnly("new HttpClient()"), Net80 with { IsExecutable = true });

    [Fact]
    public Task StaticClientOnlyConfiguredThenUsedOnce_Diagnostic() => VerifyAsync(HeaderOnly("{|HCG007:new HttpClient()|}", """

                public static Task<string> Check(string url) => MessageEvent.httpClient.GetStringAsync(url);
            """), Net80 with { IsExecutable = true });

    [Fact]
    public Task PublicStaticClientOnlyConfiguredInALibrary_Diagnostic() =>
        VerifyAsync(HeaderOnly("{|HCG007:new HttpClient()|}"), Net80);

    // A private static client is named only inside its own type, so only that type's files are read for its uses: all of its
    // partial declarations (a request sent from another part counts), and never a same-named private field of another type.
    [Fact]
    public Task PrivateStaticClientConfiguredInOnePartSentFromAnother_Diagnostic() =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(new[]
        {
            """
            using System.Net.Http;

            static partial class Feed
            {
                private static readonly HttpClient s_http = {|HCG007:new HttpClient()|};

                static void Main() => s_http.Timeout = System.TimeSpan.FromSeconds(5);
            }
            """,
            """
            using System.Threading.Tasks;

            static partial class Feed
            {
                public static Task<string> Read(string url) => s_http.GetStringAsync(url);
            }
            """,
        }, Net80 with { IsExecutable = true });

    [Fact]
    public Task PrivateStaticClientOnlyConfiguredBesideASendingNamesake_NoDiagnostic() =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(new[]
        {
            """
            using System.Net.Http;

            static class Feed
            {
                private static readonly HttpClient s_http = new HttpClient();

                static void Main() => s_http.Timeout = System.TimeSpan.FromSeconds(5);
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            static class Other
            {
                private static readonly HttpClient s_http = {|HCG007:new HttpClient()|};

                public static Task<string> Read(string url) => s_http.GetStringAsync(url);
            }
            """,
        }, Net80 with { IsExecutable = true });
}
