using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A client a constructor makes in its <c>this(...)</c> / <c>base(...)</c> call, for the constructor it chains to to store in
/// a field, is kept by the instance as one the constructor stores itself: a container singleton keeps it for the process.
/// Quiet when the chained constructor only reads it, the owner is not a singleton, or every request through the member it is
/// stored in goes to this machine (a private readonly field, as a private static one).
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007ChainedConstructorTests
{
    private static readonly TestOptions Net80WithDi = new() { Targets = Targets.Net80, WithHttpClientFactory = true };

    // A launcher's session service: the public constructor the container calls chains to the one tests call with a client.
    // {0}: the chained constructor's body; {1}: the registration; {2}, {3}: the markup.
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public interface ITokenStore { string Token { get; } }

        public interface ISessionService { Task<string> CreateAsync(); }

        internal sealed class SessionService : ISessionService
        {
            private readonly HttpClient httpClient;
            private readonly ITokenStore tokenStore;
            private readonly string host;

            public SessionService(ITokenStore tokenStore)
                : this({2}new HttpClient{3} { Timeout = TimeSpan.FromSeconds(15) }, tokenStore)
            {
            }

            internal SessionService(HttpClient httpClient, ITokenStore tokenStore)
            {
                {0}
                this.tokenStore = tokenStore;
            }

            public Task<string> CreateAsync() => httpClient.GetStringAsync("https://example.org/session?t=" + tokenStore.Token);
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                {1}
            }
        }
        """;

    private static Task VerifyAsync(string body, string registration, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", body).Replace("{1}", registration)
            .Replace("{2}", reported ? "{|HCG007:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
        Net80WithDi);

    [Fact]
    public Task ClientStoredByTheChainedConstructorOfASingleton_Diagnostic() =>
        VerifyAsync("this.httpClient = httpClient;", "services.AddSingleton<ISessionService, SessionService>();", reported: true);

    [Fact]
    public Task ClientStoredByTheChainedConstructorOfATransient_NoDiagnostic() =>
        VerifyAsync("this.httpClient = httpClient;", "services.AddTransient<ISessionService, SessionService>();", reported: false);

    [Fact]
    public Task ClientOnlyReadByTheChainedConstructor_NoDiagnostic() =>
        VerifyAsync("host = httpClient.BaseAddress?.Host;", "services.AddSingleton<ISessionService, SessionService>();", reported: false);

    // A base type's constructor stores the client the derived type's constructor makes for it.
    [Fact]
    public Task ClientStoredByTheBaseConstructorOfASingleton_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public abstract class ApiBase
        {
            protected ApiBase(HttpClient client)
            {
                Client = client;
            }

            protected HttpClient Client { get; }
        }

        public sealed class WeatherApi : ApiBase
        {
            public WeatherApi()
                : base({|HCG007:new HttpClient()|})
            {
            }

            public Task<string> Today() => Client.GetStringAsync("https://example.org/today");
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<WeatherApi>();
        }
        """, Net80WithDi);

    // A lobby service that drives a helper process on this machine: every request goes to a 127.0.0.1 URI its own helper
    // builds, through the private readonly field the chained constructor fills. {0}: the helper's address.
    private const string Lobby = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        internal sealed class LobbyService
        {
            private readonly HttpClient httpClient;

            public LobbyService()
                : this({1}new HttpClient(new SocketsHttpHandler { UseProxy = false }){2})
            {
            }

            internal LobbyService(HttpClient httpClient)
            {
                this.httpClient = httpClient;
            }

            public async Task<string> StateAsync(int port, CancellationToken cancellationToken)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, CreateUri(port, "/state"));
                using var response = await httpClient.SendAsync(request, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            private static Uri CreateUri(int port, string path) =>
                new({0}, UriKind.Absolute);
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<LobbyService>();
        }
        """;

    private static Task VerifyLobby(string address, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Lobby.Replace("{0}", address).Replace("{1}", reported ? "{|HCG007:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        TestOptions.LatestOnly with { Targets = Targets.Net80, WithHttpClientFactory = true });

    [Fact]
    public Task ChainedClientOnlySentToTheLoopbackUrisOfAHelper_NoDiagnostic() =>
        VerifyLobby("$\"http://127.0.0.1:{port}{path}\"", reported: false);

    [Fact]
    public Task ChainedClientSentToTheRemoteUrisOfAHelper_Diagnostic() =>
        VerifyLobby("$\"https://lobby.example.org:{port}{path}\"", reported: true);

    // A private readonly instance field, as a private static one, whose every use sends to a loopback literal.
    [Fact]
    public Task ReadonlyInstanceFieldOfASingletonOnlySentToLoopback_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class DaemonClient
        {
            private readonly HttpClient _http = new HttpClient();

            public Task<string> Status() => _http.GetStringAsync("http://127.0.0.1:5123/status");

            public Task<HttpResponseMessage> Stop() => _http.PostAsync("http://localhost:5123/stop", null);
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<DaemonClient>();
        }
        """, Net80WithDi);

    [Fact]
    public Task ReadonlyInstanceFieldOfASingletonAlsoSentElsewhere_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class DaemonClient
        {
            private readonly HttpClient _http = {|HCG007:new HttpClient()|};

            public Task<string> Status() => _http.GetStringAsync("http://127.0.0.1:5123/status");

            public Task<string> Update() => _http.GetStringAsync("https://updates.example.org/latest");
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<DaemonClient>();
        }
        """, Net80WithDi);
}
