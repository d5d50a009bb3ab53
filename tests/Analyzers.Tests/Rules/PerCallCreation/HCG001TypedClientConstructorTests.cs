using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A typed client (<c>AddHttpClient&lt;IApi, Api&gt;()</c>) is built by the factory with the client it made as a constructor
/// argument: a client made in a convenience constructor that takes none (<c>public Api() : this(new HttpClient())</c>) is
/// never made there; one made in the constructor the factory calls is, per resolution.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001TypedClientConstructorTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, WithDependencyInjection);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task ClientMadeInTheConstructorTheFactoryCalls_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface ISearch { }

        public class Search : ISearch
        {
            private readonly HttpClient _client;
            private readonly HttpClient _images;

            public Search() : this(new HttpClient())
            {
            }

            public Search(HttpClient client)
            {
                _client = client;
                _images = {|HCG001:new HttpClient()|};
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddHttpClient<ISearch, Search>();
        }
        """);

    [Fact]
    public Task ConvenienceConstructorOfATransientTheContainerBuilds_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Search
        {
            private readonly HttpClient _client;

            public Search() : this({|HCG001:new HttpClient()|})
            {
            }

            public Search(HttpClient client)
            {
                _client = client;
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddTransient<Search>();
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task ConvenienceConstructorOfATypedClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface ISearch { }

        public class Search : ISearch
        {
            private readonly HttpClient _client;

            public Search() : this(new HttpClient())
            {
            }

            public Search(HttpClient client)
            {
                _client = client;
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => services.AddHttpClient<ISearch, Search>();
        }
        """);

    [Fact]
    public Task ConvenienceConstructorWithAHandlerOfATypedClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Images
        {
            private readonly HttpClient _client;

            public Images() : this(new HttpClient(new HttpClientHandler { UseCookies = false }))
            {
            }

            public Images(HttpClient client)
            {
                _client = client;
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) =>
                services.AddHttpClient<Images>().ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        }
        """);

    // {0}: the second constructor's parameters; {1}, {2}: the markup around the client every instance makes.
    private const string EveryInstanceMakesOne = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class SteamApi
        {
            protected readonly HttpClient _client;

            public SteamApi(string key) : this(key, null)
            {
            }

            public SteamApi({0})
            {
                _client = {1}new HttpClient{2} { BaseAddress = new Uri("https://api.example.com") };
            }
        }

        public sealed class SteamApiBuilder
        {
            private readonly IServiceCollection _services;

            public SteamApiBuilder(IServiceCollection services) => _services = services;

            public SteamApiBuilder AddHttpClient(Action<HttpClient> configure)
            {
                _services.AddHttpClient<SteamApi>((provider, client) => configure(client));
                return this;
            }
        }
        """;

    [Fact]
    public Task TypedClientWithAConstructorTakingAClient_Reported() => VerifyAsync(EveryInstanceMakesOne
        .Replace("{0}", "string key, HttpClient images").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task TypedClientNoneOfWhoseConstructorsTakesAClient_NoDiagnostic() => VerifyAsync(EveryInstanceMakesOne
        .Replace("{0}", "string key, IFormatProvider cache").Replace("{1}", "").Replace("{2}", ""));

    // {0}: the registration; {1}, {2}: the markup around the convenience constructor's client.
    private const string FactoryRegistered = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface ISearch { }

        public class Search : ISearch
        {
            private readonly HttpClient _client;

            public Search() : this({1}new HttpClient(){2})
            {
            }

            public Search(HttpClient client)
            {
                _client = client;
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services) => {0};
        }
        """;

    private static string Registered(string registration, bool reported) => FactoryRegistered
        .Replace("{0}", registration)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task ConvenienceConstructorAFactoryLambdaCalls_Reported() =>
        VerifyAsync(Registered("services.AddTransient<ISearch>(sp => new Search())", reported: true));

    [Fact]
    public Task ConvenienceConstructorAFactoryLambdaBuildingWithAClientNeverCalls_NoDiagnostic() => VerifyAsync(Registered(
        "services.AddTransient<ISearch>(sp => new Search(sp.GetRequiredService<IHttpClientFactory>().CreateClient(\"search\")))",
        reported: false));

    [Fact]
    public Task ConvenienceConstructorOfTheRegisteredTypeItsFactoryLambdaNeverCalls_NoDiagnostic() => VerifyAsync(Registered(
        "services.AddScoped<Search>(sp => new Search(sp.GetRequiredService<HttpClient>()))", reported: false));

    // {0}: the descriptor's lifetime; {1}, {2}: the markup around the client the SDK's constructor makes.
    private const string Descriptor = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IFlags { }

        public sealed class Flags : IFlags
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};
        }

        public static class FlagsRegistration
        {
            public static void AddFlags(this IServiceCollection services)
            {
                var descriptor = new ServiceDescriptor(typeof(IFlags), provider =>
                {
                    var flags = new Flags();
                    return flags;
                }, ServiceLifetime.{0});
                services.Add(descriptor);
            }
        }
        """;

    [Fact]
    public Task OwnerBuiltByTheFactoryOfASingletonDescriptor_NoDiagnostic() => VerifyAsync(
        Descriptor.Replace("{0}", "Singleton").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task OwnerBuiltByTheFactoryOfATransientDescriptor_Reported() => VerifyAsync(
        Descriptor.Replace("{0}", "Transient").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));
}
