using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A client <c>System.Net.Http.HttpClientFactory.Create(params DelegatingHandler[])</c> (Microsoft.AspNet.WebApi.Client)
/// makes over its own <c>HttpClientHandler</c>, kept for the process: reported as a static client over an
/// <c>HttpClientHandler</c> is, bound or with the package missing; per call (HCG001's), over a given inner handler, or never
/// sending, quiet. The package's licence keeps it out of the tests: its type is declared here.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007FrameworkClientFactoryTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private const string WebApiFactory = PackageStubs.WebApiHttpClientFactory + """
        class CompressionHandler : System.Net.Http.DelegatingHandler { }
        """;

    [Fact]
    public Task StaticClientFromTheFactory_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Scraper
        {
            private static readonly HttpClient s_client = {|#0:HttpClientFactory.Create(new CompressionHandler())|};

            public static Task<string> Fetch(string url) => s_client.GetStringAsync(url);
        }
        """ + WebApiFactory,
        Net80,
        "'HttpClient' is kept for the life of the process over the HttpClientHandler that HttpClientFactory.Create makes, which has no PooledConnectionLifetime: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task StaticClientFromTheFactoryPackageMissing_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Scraper
        {
            private static readonly HttpClient s_client = {|HCG007:HttpClientFactory.Create()|};

            public static Task<string> Fetch(string url) => s_client.GetStringAsync(url);
        }
        """, Net80 with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task StaticClientFromTheFactoryThroughAnExtensionReturningIt_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Scraper
        {
            private static readonly HttpClient s_client = {|HCG007:HttpClientFactory.Create(new CompressionHandler())|}.WithUserAgent();

            public static Task<string> Fetch(string url) => s_client.GetStringAsync(url);
        }

        static class ClientExtensions
        {
            public static HttpClient WithUserAgent(this HttpClient client)
            {
                client.DefaultRequestHeaders.Add("User-Agent", "scraper");
                return client;
            }
        }
        """ + WebApiFactory, Net80);

    [Fact]
    public Task PerCallOverAGivenHandlerOrIdle_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Scraper
        {
            private static readonly SocketsHttpHandler s_inner = new SocketsHttpHandler { PooledConnectionLifetime = System.TimeSpan.FromMinutes(2) };
            private static readonly HttpClient s_overInner = HttpClientFactory.Create(s_inner, new CompressionHandler());
            private static readonly HttpClient s_idle = HttpClientFactory.Create();

            static Scraper()
            {
                s_idle.DefaultRequestHeaders.Add("User-Agent", "scraper");
            }

            public static async Task<string> Fetch(string url)
            {
                using (var client = HttpClientFactory.Create())
                {
                    return await client.GetStringAsync(url) + await s_overInner.GetStringAsync(url);
                }
            }
        }
        """ + WebApiFactory, Net80);
}
