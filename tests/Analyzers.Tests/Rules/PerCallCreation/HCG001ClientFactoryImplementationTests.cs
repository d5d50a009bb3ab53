using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// An implementation of <c>System.Net.Http.IHttpClientFactory</c> whose <c>CreateClient(name)</c> returns a new client on
/// each call opens a pool per use: the interface's users ask for a client per operation and leave it undisposed, whoever
/// they are. Recognised with Microsoft.Extensions.Http bound, and with it missing by the name in the base list. A factory
/// that keeps its clients per name, or that implements an interface of the compilation's own, stays quiet.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ClientFactoryImplementationTests
{
    private static readonly TestOptions WithFactory = new() { WithHttpClientFactory = true };
    private static readonly TestOptions PackageMissing = new() { IgnoreCompilerDiagnostics = true };

    // {0}, {1}: the markup around the client.
    private const string SdkFactory = """
        using System;
        using System.Net.Http;

        namespace Sdk.Api
        {
            public class SdkHttpClientFactory : IHttpClientFactory
            {
                private readonly int _timeoutSeconds;

                public SdkHttpClientFactory(int timeoutSeconds = 60) => _timeoutSeconds = timeoutSeconds;

                public HttpClient CreateClient(string name)
                {
                    switch (name)
                    {
                        case "default": return CreateClient(Json);
                        default: throw new ArgumentOutOfRangeException(nameof(name));
                    }
                }

                private static HttpClient Json(HttpClient client)
                {
                    client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                    return client;
                }

                protected internal virtual HttpClient CreateClient(Func<HttpClient, HttpClient> configure)
                {
                    var client = {0}new HttpClient{1} { Timeout = TimeSpan.FromSeconds(_timeoutSeconds) };
                    return configure(client);
                }
            }
        }
        """;

    private static string Factory(bool reported) =>
        SdkFactory.Replace("{0}", reported ? "{|#0:" : "").Replace("{1}", reported ? "|}" : "");

    [Fact]
    public Task NewClientOnEveryCreateClient_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        Factory(reported: true),
        WithFactory,
        "'HttpClient' is created each time 'SdkHttpClientFactory.CreateClient' is called, as IHttpClientFactory's users do on every use without disposing the client (returned by 'CreateClient'): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task NewClientOnEveryCreateClientPackageMissing_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Factory(reported: true).Replace("{|#0:", "{|HCG001:"), PackageMissing);

    // The client is what the factory hands out: pooling it or moving it to a static field would change what every caller
    // gets, so the fixes that rewrite a creation are not offered here.
    [Theory]
    [InlineData(PerCallCreationFixer.UsePoolKey)]
    [InlineData(PerCallCreationFixer.MoveToStaticFieldKey)]
    [InlineData(PerCallCreationFixer.InjectFactoryKey)]
    public Task NewClientOnEveryCreateClient_FixNotOffered(string key) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            Factory(reported: true).Replace("{|#0:", "{|HCG001:"), Factory(reported: true).Replace("{|#0:", "{|HCG001:"), WithFactory, key);

    [Fact]
    public Task ClientsKeptPerName_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;

        public class NamedClients : IHttpClientFactory
        {
            private static readonly ConcurrentDictionary<string, HttpClient> s_clients = new ConcurrentDictionary<string, HttpClient>();

            public HttpClient CreateClient(string name) => s_clients.GetOrAdd(name, _ => new HttpClient());
        }
        """, WithFactory);

    [Fact]
    public Task CreateClientOfATypeThatDoesNotImplementTheInterface_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class Clients
        {
            public HttpClient CreateClient(string name) => new HttpClient();
        }
        """, WithFactory);

    [Fact]
    public Task InterfaceOfTheCompilationsOwn_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        namespace Sdk
        {
            public interface IHttpClientFactory
            {
                HttpClient CreateClient(string name);
            }

            public class DefaultFactory : IHttpClientFactory
            {
                public HttpClient CreateClient(string name) => new HttpClient();
            }
        }
        """, PackageMissing);
}
