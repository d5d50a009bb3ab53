using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A scoped or transient registration after links of a fluent chain that do not bind (a Discord library's
/// <c>AddDiscordGateway()</c> missing in folder mode) is the container's when the chain starts at a service collection and no
/// link binds: the owner is built per resolution, and the client its constructor makes is per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001UnboundRegistrationChainTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true, IgnoreCompilerDiagnostics = true };

    private const string Source = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class ExecutableService
        {
            private readonly HttpClient _httpClient;

            public ExecutableService()
            {
                _httpClient = {1}new HttpClient(){2};
            }

            public HttpClient Client
            {
                get { return _httpClient; }
            }
        }

        public sealed class GatewayBuilder
        {
        }

        public static class Registrations
        {
            public static GatewayBuilder AddGatewayBuilder(this IServiceCollection services)
            {
                return new GatewayBuilder();
            }

            public static void Register(IServiceCollection services)
            {
                {0}
            }
        }
        """;

    private static Task VerifyAsync(string registration, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", registration).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        WithDependencyInjection);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task ScopedAfterUnboundLinksFromAServiceCollection_Reported() =>
        VerifyAsync("services.AddDiscordGateway().AddApplicationCommands().AddScoped<ExecutableService>();", reported: true);

    [Fact]
    public Task TransientTypeofAfterAnUnboundLink_Reported() =>
        VerifyAsync("services.AddDiscordGateway().AddTransient(typeof(ExecutableService));", reported: true);

    [Fact]
    public Task ScopedAfterBoundThenUnboundLinks_Reported() =>
        VerifyAsync("services.AddSingleton<GatewayBuilder>().AddDiscordGateway().AddScoped<ExecutableService>();", reported: true);

    [Fact]
    public Task ScopedAfterAnUnboundLinkOnAnotherBuilder_NoDiagnostic() =>
        VerifyAsync("services.AddGatewayBuilder().AddDiscordGateway().AddScoped<ExecutableService>();", reported: false);

    // A host builder's chain through a package folder mode lacks: ConfigureServices does not bind; its lambda's last
    // parameter is the service collection.
    [Fact]
    public Task ScopedOnTheServicesOfAnUnboundConfigureServices_Reported() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((context, collection) => { collection.AddScoped<ExecutableService>(); });", reported: true);

    [Fact]
    public Task TransientFactoryWhoseLambdaWritesAMissingType_Reported() =>
        VerifyAsync("services.AddTransient<ExecutableService>(sp => { var gateway = sp.GetRequiredService<DiscordSocketClient>(); return new ExecutableService(); });", reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task SingletonOnTheServicesOfAnUnboundConfigureServices_NoDiagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((context, collection) => { collection.AddSingleton<ExecutableService>(); });", reported: false);

    [Fact]
    public Task ScopedOnTheFirstOfTwoParametersOfAnUnboundConfigureServices_NoDiagnostic() =>
        VerifyAsync("Host.CreateDefaultBuilder().UseWindowsService().ConfigureServices((collection, context) => collection.AddScoped<ExecutableService>());", reported: false);

    [Fact]
    public Task SingletonFactoryWhoseLambdaWritesAMissingType_NoDiagnostic() =>
        VerifyAsync("services.AddSingleton<ExecutableService>(sp => { var gateway = sp.GetRequiredService<DiscordSocketClient>(); return new ExecutableService(); });", reported: false);

    [Fact]
    public Task SingletonAfterUnboundLinks_NoDiagnostic() =>
        VerifyAsync("services.AddDiscordGateway().AddApplicationCommands().AddSingleton<ExecutableService>();", reported: false);

    [Fact]
    public Task ScopedAfterALinkThatBindsToAnotherBuilder_NoDiagnostic() =>
        VerifyAsync("services.AddGatewayBuilder().AddScoped<ExecutableService>();", reported: false);

    [Fact]
    public Task ScopedOnAChainThatDoesNotStartAtAServiceCollection_NoDiagnostic() =>
        VerifyAsync("Gateway.Create().AddScoped<ExecutableService>();", reported: false);

    // A MAUI app's builder, whose package folder mode lacks: 'builder.Services' of a local given only MauiApp.CreateBuilder()
    // is the application's service collection.
    [Fact]
    public Task TransientOnTheServicesOfAnUnboundMauiBuilder_Reported() =>
        VerifyAsync("var builder = MauiApp.CreateBuilder(); builder.Services.AddTransient<ExecutableService>(); builder.Build();", reported: true);

    [Fact]
    public Task SingletonOnTheServicesOfAnUnboundMauiBuilder_NoDiagnostic() =>
        VerifyAsync("var builder = MauiApp.CreateBuilder(); builder.Services.AddSingleton<ExecutableService>(); builder.Build();", reported: false);

    [Fact]
    public Task TransientOnTheServicesOfAnotherUnboundBuilder_NoDiagnostic() =>
        VerifyAsync("var builder = GameApp.CreateBuilder(); builder.Services.AddTransient<ExecutableService>(); builder.Build();", reported: false);

    [Fact]
    public Task TransientOnTheServicesOfAnUnboundMauiBuilderAssignedAgain_NoDiagnostic() =>
        VerifyAsync("var builder = MauiApp.CreateBuilder(); builder = Plugins.Wrap(builder); builder.Services.AddTransient<ExecutableService>(); builder.Build();", reported: false);
}

