using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// HCG007 for clients a container singleton keeps in ways other than its own plain field initializer: one branch of a
/// conditional initializer, an instance registered through a local, and one level below (a field of an object that
/// every instance of which a singleton keeps in a field). C# 7.3 and latest, net8.0 with the container's package.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007SingletonKeepersTests
{
    private static readonly TestOptions Net80WithDi = new() { Targets = Targets.Net80, WithHttpClientFactory = true };

    private static Task VerifyAsync(string source) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(source, Net80WithDi);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task BranchesOfAConditionalFieldInitializerOfASingleton_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            public static bool Insecure;
        }

        class RecordingHandler
        {
            public HttpClient Redirectable = Startup.Insecure
                ? {|HCG007:new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b, c, d) => true })|}
                : {|HCG007:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(600) };
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<RecordingHandler>();
        }
        """);

    [Fact]
    public Task SingletonFactoryLambdaWithABlockReturningTheOwner_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class OmdbApi
        {
            private readonly HttpClient _httpClient;

            public OmdbApi(string key)
            {
                _httpClient = {|HCG007:new HttpClient()|};
                _httpClient.Timeout = TimeSpan.FromSeconds(5);
            }
        }

        public class ServiceRegistrator
        {
            public void RegisterServices(IServiceCollection services)
            {
                services.AddSingleton((ctx) =>
                {
                    return new OmdbApi("key");
                });
            }
        }
        """);

    // MihuBot's GithubGraphQLClient: the factory reads its options into locals, then returns the owner it builds.
    private const string FactoryBlockWithStatements = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class GraphQLClient
        {
            private readonly HttpClient _http = {0};

            public GraphQLClient(string productName) { }
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton(sp =>
                {
                    var options = sp.GetRequiredService<IServiceProvider>();
                    var productName = options.ToString();
                    {1}
                });
            }

            private static GraphQLClient Build(Func<GraphQLClient> make) => make();
        }
        """;

    [Fact]
    public Task SingletonFactoryLambdaWithStatementsBeforeReturningTheOwner_Diagnostic() => VerifyAsync(
        FactoryBlockWithStatements.Replace("{0}", "{|HCG007:new HttpClient()|}").Replace("{1}", "return new GraphQLClient(productName);"));

    [Fact]
    public Task SingletonFactoryLambdaReturningWhatANestedFactoryBuilds_NoDiagnostic() => VerifyAsync(
        FactoryBlockWithStatements.Replace("{0}", "new HttpClient()").Replace("{1}", "return Build(() => { return new GraphQLClient(productName); });"));

    [Fact]
    public Task ScopedFactoryLambdaWithABlockReturningTheOwner_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class OmdbApi
        {
            private readonly HttpClient _httpClient = new HttpClient();
        }

        public class ServiceRegistrator
        {
            public void RegisterServices(IServiceCollection services)
            {
                services.AddScoped((ctx) =>
                {
                    return new OmdbApi();
                });
            }
        }
        """);

    [Fact]
    public Task SingletonFactoryLambdaWithABlockThatMayReturnAnother_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class OmdbApi
        {
            private readonly HttpClient _httpClient = new HttpClient();
        }

        public class ServiceRegistrator
        {
            public static bool Offline;

            public void RegisterServices(IServiceCollection services)
            {
                services.AddSingleton((ctx) =>
                {
                    var api = Offline ? null : new OmdbApi();
                    return api;
                });
            }
        }
        """);

    [Fact]
    public Task SingletonTypeParameterConstrainedToTheOwner_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class LavaTrack { }

        public class LavaNode<TTrack> where TTrack : LavaTrack
        {
            private readonly HttpClient _httpClient;

            public LavaNode(string endpoint)
            {
                _httpClient = {|#0:new HttpClient()|};
                _httpClient.BaseAddress = new Uri(endpoint);
            }
        }

        public static class Extensions
        {
            public static IServiceCollection AddLavaNode<TLavaNode, TLavaTrack>(this IServiceCollection services)
                where TLavaNode : LavaNode<TLavaTrack>
                where TLavaTrack : LavaTrack
            {
                return services.AddSingleton<TLavaNode>();
            }
        }
        """, Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'LavaNode', a container singleton (AddSingleton<...>() in 'Extensions.AddLavaNode'), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    // A generic helper of the code's own that registers its type parameter: the call's type argument is the singleton.
    private const string FeatureHelper = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IWeather { }

        public class Weather : IWeather
        {
            private readonly HttpClient _client = {|#0:new HttpClient()|};
        }

        public static class Features
        {
            public static void AddFeature<TInterface, TService>(this IServiceCollection services, string key)
                where TInterface : class
                where TService : class, TInterface
            {
                services.{0}<TService>();
                services.AddSingleton<TInterface>(sp => sp.GetRequiredService<TService>());
            }

            public static void AddAll(IServiceCollection services)
            {
                services.AddFeature<IWeather, Weather>("weather");
            }
        }
        """;

    [Fact]
    public Task SingletonRegisteredByAGenericHelperOfTheCode_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007",
        FeatureHelper.Replace("{0}", "AddSingleton"), Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'Weather', a container singleton (AddSingleton<...>() in 'Features.AddFeature', called as AddFeature<...>() in 'Features.AddAll'), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task SingletonRegisteredByAGenericHelperUnderItsQualifiedName_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007",
        FeatureHelper.Replace("{0}", "AddSingleton").Replace("public class Weather : IWeather", "namespace Bot.Commands { public class Weather : IWeather")
                     .Replace("""
            private readonly HttpClient _client = {|#0:new HttpClient()|};
        }
        """, """
            private readonly HttpClient _client = {|#0:new HttpClient()|};
        } }
        """).Replace("services.AddFeature<IWeather, Weather>(", "services.AddFeature<IWeather, Bot.Commands.Weather>("), Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'Weather', a container singleton (AddSingleton<...>() in 'Features.AddFeature', called as AddFeature<...>() in 'Features.AddAll'), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task ScopedTypeParameterRegisteredByAGenericHelper_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        FeatureHelper.Replace("{0}", "AddScoped").Replace("{|#0:new HttpClient()|}", "new HttpClient()"), Net80WithDi);

    [Fact]
    public Task GenericHelperRegisteringTheOtherTypeParameter_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        FeatureHelper.Replace("services.{0}<TService>();", "services.AddSingleton<TInterface>();")
                     .Replace("{|#0:new HttpClient()|}", "new HttpClient()"), Net80WithDi);

    [Fact]
    public Task GenericHelperRegisteringAnotherTypeOfTheSameName_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        FeatureHelper.Replace("{0}", "AddSingleton")
                     .Replace("{|#0:new HttpClient()|}", "new HttpClient()")
                     .Replace("services.AddFeature<IWeather, Weather>(\"weather\");", "")
                     + """

        namespace Legacy
        {
            public class Weather : IWeather { }

            public static class LegacyFeatures
            {
                public static void AddAll(IServiceCollection services) => services.AddFeature<IWeather, Weather>("weather");
            }
        }
        """, Net80WithDi);

    [Fact]
    public Task GenericHelperCallingANonGenericSingletonNamedMethod_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        FeatureHelper.Replace("services.{0}<TService>();", "services.AddSingletonDefaults();")
                     .Replace("{|#0:new HttpClient()|}", "new HttpClient()")
                     + """

        public static class Defaults
        {
            public static IServiceCollection AddSingletonDefaults(this IServiceCollection services) => services;
        }
        """, Net80WithDi);

    [Fact]
    public Task GenericHelperRegisteringAFactory_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        FeatureHelper.Replace("services.{0}<TService>();", "services.AddSingleton<TService>(sp => null);")
                     .Replace("{|#0:new HttpClient()|}", "new HttpClient()"), Net80WithDi);

    [Fact]
    public Task ScopedTypeParameterConstrainedToTheOwner_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class LavaNode
        {
            private readonly HttpClient _httpClient = new HttpClient();
        }

        public static class Extensions
        {
            public static IServiceCollection AddLavaNode<TLavaNode>(this IServiceCollection services)
                where TLavaNode : LavaNode
            {
                return services.AddScoped<TLavaNode>();
            }
        }
        """);

    [Fact]
    public Task SingletonInstanceRegisteredThroughALocal_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class RecordingHandler
        {
            private readonly HttpClient _client = {|#0:new HttpClient()|};

            public RecordingHandler(string directory)
            {
            }
        }

        static class Registration
        {
            public static void Add(IServiceCollection services, string directory)
            {
                var handler = new RecordingHandler(directory);
                services.AddSingleton<RecordingHandler>(handler);
            }
        }
        """, Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'RecordingHandler', a container singleton (AddSingleton<...>() in 'Registration.Add'), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task ClientOfAnObjectEverySingletonInstanceKeeps_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("HCG007", """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class PatreonClient
        {
            private readonly HttpClient _http = {|#0:new HttpClient(new HttpClientHandler())|};
        }

        class SubscriptionHandler
        {
            private readonly PatreonClient _client;

            public SubscriptionHandler()
            {
                _client = new PatreonClient();
            }
        }

        class RewardHandler
        {
            private readonly PatreonClient _client = new PatreonClient();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton<SubscriptionHandler>();
                services.AddSingleton<RewardHandler>();
            }
        }
        """, Net80WithDi,
        "'HttpClient' is kept for the life of the process by 'PatreonClient', kept by 'RewardHandler', a container singleton (AddSingleton<...>() in 'Registration.Add'), over an HttpClientHandler, which has no PooledConnectionLifetime: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task ConditionalFieldInitializerOfATransientService_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Startup
        {
            public static bool Insecure;
        }

        class RecordingHandler
        {
            public HttpClient Redirectable = Startup.Insecure ? new HttpClient(new HttpClientHandler()) : new HttpClient();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddTransient<RecordingHandler>();
        }
        """);

    [Fact]
    public Task InstanceThroughALocalAlsoMadePerCallOrReassigned_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class RecordingHandler
        {
            private readonly HttpClient _client = new HttpClient();

            public RecordingHandler(string directory)
            {
            }
        }

        class Exporter
        {
            private readonly HttpClient _client = new HttpClient();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services, string directory)
            {
                var handler = new RecordingHandler(directory);
                services.AddSingleton<RecordingHandler>(handler);
                var exporter = new Exporter();
                exporter = Replace(exporter);
                services.AddSingleton<Exporter>(exporter);
            }

            static Exporter Replace(Exporter exporter) => exporter;

            public static void PerRequest(string directory)
            {
                var perCall = new RecordingHandler(directory);
            }
        }
        """);

    [Fact]
    public Task ObjectAlsoMadeElsewhereOrKeptByATransientOrDerived_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class PatreonClient
        {
            private readonly HttpClient _http = new HttpClient();
        }

        class SubscriptionHandler
        {
            private readonly PatreonClient _client = new PatreonClient();

            public void Check()
            {
                var once = new PatreonClient();
            }
        }

        class GitHubClient
        {
            private readonly HttpClient _http = new HttpClient();
        }

        class Syncer
        {
            private readonly GitHubClient _client = new GitHubClient();
        }

        class BaseApi
        {
            private readonly HttpClient _http = new HttpClient();
        }

        class DerivedApi : BaseApi
        {
        }

        class ApiHolder
        {
            private readonly BaseApi _api = new BaseApi();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddSingleton<SubscriptionHandler>();
                services.AddTransient<Syncer>();
                services.AddSingleton<ApiHolder>();
            }
        }
        """);

    [Fact]
    public Task ObjectAlsoBuiltByCodeHandedItsType_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        class PatreonClient
        {
            private readonly HttpClient _http = new HttpClient();
        }

        class SubscriptionHandler
        {
            private readonly PatreonClient _client = new PatreonClient();
        }

        class Plugins
        {
            // Another instance, built by the activator without a 'new' here.
            public object Load() => Activator.CreateInstance<PatreonClient>();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<SubscriptionHandler>();
        }
        """);

    [Fact]
    public Task PublicObjectOfALibraryOthersMayBuild_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class PatreonClient
        {
            private readonly HttpClient _http = new HttpClient();

            public PatreonClient()
            {
            }
        }

        class SubscriptionHandler
        {
            private readonly PatreonClient _client = new PatreonClient();
        }

        static class Registration
        {
            public static void Add(IServiceCollection services) => services.AddSingleton<SubscriptionHandler>();
        }
        """);

    // A singleton registered under an interface another project declares, which folder mode does not load: the registration
    // does not bind, but its one candidate of that shape says what it is. {0}: the registration.
    private const string UnboundServiceInterface = """
        using System.Net;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        internal sealed class DalamudServices : IDalamudServices
        {
            public DalamudServices()
            {
                this.HttpClient = {1}new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }){2};
            }

            public HttpClient HttpClient { get; }
        }

        public static class DependencyInjection
        {
            public static IServiceCollection AddCommon(this IServiceCollection services)
            {
                {0}
                return services;
            }
        }
        """;

    [Fact]
    public Task SingletonRegisteredUnderAnInterfaceThatDoesNotBind_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        UnboundServiceInterface.Replace("{0}", "services.AddSingleton<IDalamudServices, DalamudServices>().AddSingleton<IOther, Other>();")
            .Replace("{1}", "{|HCG007:").Replace("{2}", "|}"),
        Net80WithDi with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task TransientOrFactoryRegisteredUnderAnInterfaceThatDoesNotBind_NoDiagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        UnboundServiceInterface.Replace("{0}", "services.AddTransient<IDalamudServices, DalamudServices>().AddSingleton<IDalamudServices>(sp => Make(sp));")
            .Replace("{1}", string.Empty).Replace("{2}", string.Empty),
        Net80WithDi with { IgnoreCompilerDiagnostics = true });
}
