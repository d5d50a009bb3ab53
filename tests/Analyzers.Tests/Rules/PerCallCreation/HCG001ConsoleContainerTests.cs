using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A console program whose <c>Main</c> builds its container (<c>new ServiceCollection().AddTransient&lt;Helper&gt;()...
/// .BuildServiceProvider()</c>) and only resolves a few services from it, once, at start-up: the transient owners it builds
/// are a fixed handful, not one per request. A resolution in a loop or a lambda, the provider handed on, a registration with a
/// factory lambda, or another file that names <c>IServiceProvider</c> (a service that resolves more later) keeps the report.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ConsoleContainerTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    // {0}: how Main uses its provider; {1}, {2}: the markup around the creation.
    private const string Monitor = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public class IncapsulaHelper
        {
            private readonly HttpClient _client;

            public IncapsulaHelper()
            {
                _client = {1}new HttpClient(){2};
            }

            public Task<string> Solve(string url) => _client.GetStringAsync(url);
        }

        public class HttpClientService
        {
            private readonly IncapsulaHelper _helper;

            public HttpClientService(IncapsulaHelper helper) => _helper = helper;

            public Task<string> Init(string url) => _helper.Solve(url);
        }

        public static class Program
        {
            public static async Task Main(string[] args)
            {
                var serviceProvider = new ServiceCollection()
                    .AddTransient<HttpClientService>()
                    .AddTransient<IncapsulaHelper>()
                    .BuildServiceProvider();

                {0}
            }
        }
        """;

    private static string Source(string main, bool reported) =>
        Monitor.Replace("{0}", main).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task ResolvedOnceInMain_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source(
        "var service = serviceProvider.GetRequiredService<HttpClientService>(); await service.Init(\"https://example.org/\");", reported: false),
        WithDependencyInjection);

    [Fact]
    public Task ResolvedInALoop_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source(
        "foreach (var url in args) { await serviceProvider.GetRequiredService<HttpClientService>().Init(url); }", reported: true),
        WithDependencyInjection);

    [Fact]
    public Task ProviderHandedOn_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source(
        "await Run(serviceProvider); } static async Task Run(ServiceProvider provider) { foreach (var url in new[] { \"a\", \"b\" }) await provider.GetRequiredService<HttpClientService>().Init(url);", reported: true),
        WithDependencyInjection);

    [Fact]
    public Task AnotherFileResolvesLater_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(new[]
        {
            Source("var service = serviceProvider.GetRequiredService<HttpClientService>(); await service.Init(\"https://example.org/\");", reported: true),
            """
            using System;

            public class Jobs
            {
                private readonly IServiceProvider _services;

                public Jobs(IServiceProvider services) => _services = services;
            }
            """,
        },
        WithDependencyInjection);
}
