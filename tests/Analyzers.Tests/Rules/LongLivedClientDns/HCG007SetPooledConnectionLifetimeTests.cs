using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>HCG007 fix "Set PooledConnectionLifetime" (C# 7.3 and latest, net8.0: the rule needs SocketsHttpHandler).</summary>
[Trait("Rule", "HCG007")]
public class HCG007SetPooledConnectionLifetimeTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions? options = null) =>
        Verify<LongLivedClientDnsAnalyzer>.FixAsync<LongLivedClientDnsFixer>(source, fixedSource, options ?? Net80, LongLivedClientDnsFixer.SetLifetimeKey);

    [Fact]
    public Task DefaultHandler_GetsSocketsHandlerWithLifetimeAndUsingSystem() => VerifyFixAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    // The inner handler of a delegating handler a static field keeps: the lifetime goes on the inner handler, in place.
    [Fact]
    public Task InnerSocketsHandlerOfAStaticDelegatingHandler_GetsLifetime() => VerifyFixAsync("""
        using System.Net.Http;

        sealed class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        static class Api
        {
            private static readonly LoggingHandler s_handler = new LoggingHandler({|HCG007:new SocketsHttpHandler()|});
            private static readonly HttpClient s_client = new HttpClient(s_handler);
        }
        """, """
        using System;
        using System.Net.Http;

        sealed class LoggingHandler : DelegatingHandler
        {
            public LoggingHandler(HttpMessageHandler inner) : base(inner) { }
        }

        static class Api
        {
            private static readonly LoggingHandler s_handler = new LoggingHandler(new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient s_client = new HttpClient(s_handler);
        }
        """);

    [Fact]
    public Task DefaultHandlerUnderAFluentExtension_HandlerReplacedCallKept() => VerifyFixAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient()|}.WithUserAgent();

            private static HttpClient WithUserAgent(this HttpClient client)
            {
                client.DefaultRequestHeaders.Add("User-Agent", "api");
                return client;
            }
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }).WithUserAgent();

            private static HttpClient WithUserAgent(this HttpClient client)
            {
                client.DefaultRequestHeaders.Add("User-Agent", "api");
                return client;
            }
        }
        """);

    // The wrapper does not bind (a package folder mode lacks): the lifetime goes on the handler it delegates to.
    [Fact]
    public Task InnerHandlerOfAnUnboundWrapper_GetsTheLifetime() => VerifyFixAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = Build();

            private static HttpClient Build()
            {
                HttpMessageHandler handler = new {|CS0246:ResilienceHandler|}(null) { InnerHandler = new SocketsHttpHandler() };
                return {|HCG007:new HttpClient(handler)|};
            }
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = Build();

            private static HttpClient Build()
            {
                HttpMessageHandler handler = new {|CS0246:ResilienceHandler|}(null) { InnerHandler = new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) } };
                return new HttpClient(handler);
            }
        }
        """);

    [Fact]
    public Task DefaultHandlerWithObjectInitializerAndNoParentheses_InitializerKept() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            public static HttpClient Client { get; } = {|HCG007:new HttpClient|}
            {
                BaseAddress = new Uri("https://example.com/"),
            };
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            public static HttpClient Client { get; } = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                BaseAddress = new Uri("https://example.com/"),
            };
        }
        """);

    [Fact]
    public Task TargetTypedNew_GetsHandlerArgument() => VerifyFixAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new()|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """, Net80 with { MinimumLanguageVersion = LanguageVersion.Latest });

    [Fact]
    public Task FullyQualifiedWithoutUsings_ImportsAdded() => VerifyFixAsync("""
        static class Api
        {
            private static readonly System.Net.Http.HttpClient s_client = {|HCG007:new System.Net.Http.HttpClient()|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly System.Net.Http.HttpClient s_client = new System.Net.Http.HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    [Fact]
    public Task InlineSocketsHandlerWithoutInitializer_InitializerAdded() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new SocketsHttpHandler(), disposeHandler: true)|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: true);
        }
        """);

    [Fact]
    public Task InlineSocketsHandlerSingleLineInitializer_LifetimeAppended() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10 })|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 10, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        }
        """);

    [Fact]
    public Task MultiLineInitializerWithTrailingComma_NewLineInSameStyle() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 10,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            })|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 10,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        }
        """);

    [Fact]
    public Task MultiLineInitializerWithoutTrailingComma_NewLineInSameStyle() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly SocketsHttpHandler s_handler = {|HCG007:new SocketsHttpHandler()|}
            {
                MaxConnectionsPerServer = 10
            };
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly SocketsHttpHandler s_handler = new SocketsHttpHandler()
            {
                MaxConnectionsPerServer = 10,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2)
            };
        }
        """);

    [Fact]
    public Task LocalHandlerInLazyFactory_LocalCreationFixed() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
                return {|HCG007:new HttpClient(handler)|};
            });
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly Lazy<HttpClient> s_client = new Lazy<HttpClient>(() =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
                return new HttpClient(handler);
            });
        }
        """);

    [Fact]
    public Task TwoClientsSharingOneHandlerLocal_HandlerFixedOnce() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_first;
            private static readonly HttpClient s_second;

            static Api()
            {
                var handler = new SocketsHttpHandler();
                s_first = {|HCG007:new HttpClient(handler, disposeHandler: false)|};
                s_second = {|HCG007:new HttpClient(handler, disposeHandler: false)|};
            }
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_first;
            private static readonly HttpClient s_second;

            static Api()
            {
                var handler = new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
                s_first = new HttpClient(handler, disposeHandler: false);
                s_second = new HttpClient(handler, disposeHandler: false);
            }
        }
        """);

    [Fact]
    public Task SeveralDiagnosticsInOneDocument_FixAll() => VerifyFixAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Api
        {
            private static readonly HttpClient s_default = {|HCG007:new HttpClient()|};
            private static readonly HttpClient s_sockets = {|HCG007:new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 })|};
            private static HttpClient s_fallback;

            public static HttpClient Fallback
            {
                get { return s_fallback ?? (s_fallback = {|HCG007:new HttpClient()|}); }
            }

            public static void Register(IServiceCollection services)
            {
                services.AddSingleton(sp => {|HCG007:new HttpClient()|});
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Api
        {
            private static readonly HttpClient s_default = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static readonly HttpClient s_sockets = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
            private static HttpClient s_fallback;

            public static HttpClient Fallback
            {
                get { return s_fallback ?? (s_fallback = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })); }
            }

            public static void Register(IServiceCollection services)
            {
                services.AddSingleton(sp => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
            }
        }
        """, Net80 with { WithHttpClientFactory = true });

    [Fact]
    public Task DiagnosticsInTwoDocuments_FixAllInProject() =>
        Verify<LongLivedClientDnsAnalyzer>.FixAsync<LongLivedClientDnsFixer>(
            new[]
            {
                """
                using System.Net.Http;

                static class First
                {
                    public static readonly HttpClient Client = {|HCG007:new HttpClient()|};
                }
                """,
                """
                using System;
                using System.Net.Http;

                static class Second
                {
                    public static readonly SocketsHttpHandler Handler = {|HCG007:new SocketsHttpHandler()|};
                }
                """,
            },
            new[]
            {
                """
                using System;
                using System.Net.Http;

                static class First
                {
                    public static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                }
                """,
                """
                using System;
                using System.Net.Http;

                static class Second
                {
                    public static readonly SocketsHttpHandler Handler = new SocketsHttpHandler() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
                }
                """,
            },
            Net80,
            LongLivedClientDnsFixer.SetLifetimeKey);

    [Fact]
    public Task HttpClientHandler_NoFixOffered() => VerifyFixAsync("""
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new HttpClientHandler { UseCookies = false })|};
        }
        """, """
        using System.Net.Http;

        static class Api
        {
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(new HttpClientHandler { UseCookies = false })|};
        }
        """);

    [Fact]
    public Task MixedSocketsAndClientHandlerBranches_NoFixOffered() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly bool s_classic = Environment.GetEnvironmentVariable("CLASSIC") != null;
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(s_classic ? (HttpMessageHandler)new HttpClientHandler() : new SocketsHttpHandler())|};
        }
        """, """
        using System;
        using System.Net.Http;

        static class Api
        {
            private static readonly bool s_classic = Environment.GetEnvironmentVariable("CLASSIC") != null;
            private static readonly HttpClient s_client = {|HCG007:new HttpClient(s_classic ? (HttpMessageHandler)new HttpClientHandler() : new SocketsHttpHandler())|};
        }
        """);

    [Fact]
    public Task ClientOfAContainerSingleton_GetsSocketsHandlerWithLifetime() => VerifyFixAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Notifier
        {
            private readonly HttpClient _http;

            public Notifier() => _http = {|HCG007:new HttpClient()|};

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }
        """, """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Notifier
        {
            private readonly HttpClient _http;

            public Notifier() => _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }
        """, Net80 with { WithHttpClientFactory = true });

    [Fact]
    public Task TargetTypedFieldOfAContainerSingleton_GetsSocketsHandlerWithLifetime() => VerifyFixAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Notifier
        {
            private readonly HttpClient _http = {|HCG007:new()|};

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }
        """, """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Notifier
        {
            private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public string Get(string url) => _http.GetStringAsync(url).Result;
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<Notifier>();
        }
        """, Net80 with { WithHttpClientFactory = true, MinimumLanguageVersion = LanguageVersion.Latest });
}
