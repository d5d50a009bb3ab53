using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A field initializer's client that every constructor of its kind replaces before anything reads the field is never sent
/// through: no DNS answer of its can go stale. Its replacement is judged on its own. Reported when a constructor keeps it, reads
/// the field first, or another initializer reads it.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007ReplacedInitializerTests
{
    private static readonly TestOptions Net80WithDi = new() { Targets = Targets.Net80, WithHttpClientFactory = true };

    // A bot's HTTP service, a container singleton: its constructor replaces the initializer's client with one over its own
    // handler. {0}: the constructors; {1}, {2}: the markup around the initializer's client.
    private const string Bot = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public class HttpService
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            {0}

            public Task<string> Get(string url) => _client.GetStringAsync(url);
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<HttpService>();
        }
        """;

    private const string Replacement = "new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })";

    private static Task VerifyAsync(string constructors, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Bot.Replace("{0}", constructors).Replace("{1}", reported ? "{|HCG007:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        Net80WithDi);

    [Fact]
    public Task InitializerReplacedFirstByTheConstructor_NoDiagnostic() => VerifyAsync($$"""
        public HttpService()
            {
                var lifetime = TimeSpan.FromMinutes(2);
                _client = {{Replacement}};
            }
        """, reported: false);

    [Fact]
    public Task InitializerReplacedByEveryConstructorOrItsChain_NoDiagnostic() => VerifyAsync($$"""
        public HttpService()
            {
                this._client = {{Replacement}};
            }

            public HttpService(Uri baseAddress) : this()
            {
                _client.BaseAddress = baseAddress;
            }
        """, reported: false);

    [Fact]
    public Task InitializerReadBeforeTheConstructorReplacesIt_Diagnostic() => VerifyAsync($$"""
        public HttpService()
            {
                var timeout = _client.Timeout;
                _client = {{Replacement}};
            }
        """, reported: true);

    [Fact]
    public Task InitializerKeptByOneConstructor_Diagnostic() => VerifyAsync($$"""
        public HttpService()
            {
                _client = {{Replacement}};
            }

            public HttpService(string name)
            {
                Console.WriteLine(name);
            }
        """, reported: true);

    [Fact]
    public Task InitializerWithoutAConstructor_Diagnostic() => VerifyAsync(string.Empty, reported: true);

    [Fact]
    public Task StaticInitializerReplacedByTheStaticConstructor_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync($$"""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class ImdbSearch
        {
            private static HttpClient s_client = new HttpClient();

            static ImdbSearch()
            {
                s_client = {{Replacement}};
            }

            public static Task<string> Find(string title) => s_client.GetStringAsync("https://example.org/find?q=" + title);
        }
        """, Net80WithDi);

    [Fact]
    public Task StaticInitializerAnotherInitializerReads_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync($$"""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class ImdbSearch
        {
            private static HttpClient s_client = {|HCG007:new HttpClient()|};
            private static readonly Uri s_base = s_client.BaseAddress;

            static ImdbSearch()
            {
                s_client = {{Replacement}};
            }

            public static Task<string> Find(string title) => s_client.GetStringAsync("https://example.org/find?q=" + title);
        }
        """, Net80WithDi);
}
