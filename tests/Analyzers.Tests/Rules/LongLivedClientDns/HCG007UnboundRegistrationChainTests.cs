using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A singleton registration after links of a fluent chain that do not bind (a Discord library's <c>AddDiscordGateway()</c>
/// missing in folder mode) is the container's when the links that do not bind are called on a service collection (the
/// collection, or links that bind and hand it back): its owner's client lives for the process. A nearest link that binds, a
/// chain whose links that bind hand back another builder, or a chain that starts elsewhere, decides nothing. So is a
/// registration on the service collection an unbound <c>ConfigureServices</c> hands its lambda (a host builder's chain through
/// a missing package), and a factory registration whose lambda writes a type of a missing package (overload resolution fails
/// only on that).
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007UnboundRegistrationChainTests
{
    private static readonly TestOptions Net80WithDi = new() { Targets = Targets.Net80, WithHttpClientFactory = true, IgnoreCompilerDiagnostics = true };

    private const string Source = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class DownloadService
        {
            private readonly HttpClient _httpClient;

            public DownloadService()
            {
                _httpClient = {1}new HttpClient(){2};
            }

            public HttpClient Client => _httpClient;
        }

        public sealed class GatewayBuilder
        {
        }

        public static class Registrations
        {
            public static GatewayBuilder AddGatewayBuilder(this IServiceCollection services) => new GatewayBuilder();

            public static void Register(IServiceCollection services)
            {
                {0}
            }
        }
        """;

    private static Task VerifyAsync(string registration, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", registration).Replace("{1}", reported ? "{|HCG007:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        Net80WithDi);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task SingletonAfterUnboundLinksFromAServiceCollection_Diagnostic() =>
        VerifyAsync("services.AddDiscordGateway().AddApplicationCommands().AddSingleton<DownloadService>();", reported: true);

    [Fact]
    public Task SingletonInstanceAfterAnUnboundLink_Diagnostic() =>
        VerifyAsync("services.AddDiscordGateway().AddSingleton(new DownloadService());", reported: true);

    // Links that bind and hand the collection back, then one that does not (a Lavalink library missing): still the container's.
    [Fact]
    public Task SingletonAfterBoundThenUnboundLinks_Diagnostic() =>
        VerifyAsync("services.AddSingleton<GatewayBuilder>().AddLavaNode(x => x.Port = 2333).AddSingleton<DownloadService>(sp => new DownloadService());", reported: true);

    // A Windows-service host whose UseWindowsService() comes from a package folder mode lacks: ConfigureServices does not
    // bind, and its lambda's last parameter is the service collection.
    [Fact]
    public Task SingletonOnTheServicesOfAnUnboundConfigureServices_Diagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((context, collection) => { collection.AddSingleton<DownloadService>(); });", reported: true);

    [Fact]
    public Task SingletonOnTheOneParameterOfAnUnboundConfigureServices_Diagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices(collection => { collection.AddSingleton<DownloadService>(); });", reported: true);

    // A bot's registration whose factory asks the container for a type of the missing Discord package.
    [Fact]
    public Task SingletonFactoryWhoseLambdaWritesAMissingType_Diagnostic() =>
        VerifyAsync("services.AddSingleton<DownloadService>(sp => { var gateway = sp.GetRequiredService<DiscordSocketClient>(); return new DownloadService(); });", reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task TransientOnTheServicesOfAnUnboundConfigureServices_NoDiagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((context, collection) => collection.AddTransient<DownloadService>());", reported: false);

    [Fact]
    public Task SingletonOnTheFirstOfTwoParametersOfAnUnboundConfigureServices_NoDiagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((collection, context) => collection.AddSingleton<DownloadService>());", reported: false);

    [Fact]
    public Task SingletonInAnUnboundCallOfAnotherName_NoDiagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureContainer((context, collection) => collection.AddSingleton<DownloadService>());", reported: false);

    [Fact]
    public Task TransientFactoryWhoseLambdaWritesAMissingType_NoDiagnostic() =>
        VerifyAsync("services.AddTransient<DownloadService>(sp => { var gateway = sp.GetRequiredService<DiscordSocketClient>(); return new DownloadService(); });", reported: false);

    // The lambda fails on something written that binds (no constructor takes an int): not read as any candidate.
    [Fact]
    public Task SingletonFactoryWhoseLambdaFailsOnBoundCode_NoDiagnostic() =>
        VerifyAsync("services.AddSingleton<DownloadService>(sp => new DownloadService(42));", reported: false);

    [Fact]
    public Task SingletonAfterAnUnboundLinkOnAnotherBuilder_NoDiagnostic() =>
        VerifyAsync("services.AddGatewayBuilder().AddLavaNode().AddSingleton<DownloadService>();", reported: false);

    [Fact]
    public Task TransientAfterUnboundLinks_NoDiagnostic() =>
        VerifyAsync("services.AddDiscordGateway().AddApplicationCommands().AddTransient<DownloadService>();", reported: false);

    [Fact]
    public Task SingletonAfterALinkThatBindsToAnotherBuilder_NoDiagnostic() =>
        VerifyAsync("services.AddGatewayBuilder().AddSingleton<DownloadService>();", reported: false);

    [Fact]
    public Task SingletonOnAChainThatDoesNotStartAtAServiceCollection_NoDiagnostic() =>
        VerifyAsync("Gateway.Create().AddSingleton<DownloadService>();", reported: false);

    [Fact]
    public Task SingletonFactoryAfterAnUnboundLink_TypeNotWritten_NoDiagnostic() =>
        VerifyAsync("services.AddDiscordGateway().AddSingleton(sp => new DownloadService());", reported: false);
}
