using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A transient or scoped service is built once per resolution; when every type whose constructor asks for it is a container
/// singleton, it is built once per singleton, and the client its constructor makes is not per call. Any other way the
/// service is asked for (a transient consumer, <c>GetRequiredService&lt;T&gt;()</c>, nobody here at all) keeps it per resolution.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001SingletonConsumerTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    // {0}: the registrations; {1}: more code; {2}, {3}: the markup around the service's client.
    private const string Source = """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface ILoginService { bool Login(string user); }

        public class LoginService : ILoginService
        {
            private readonly HttpClient _client;

            public LoginService()
            {
                _client = {2}new HttpClient(){3};
            }

            public bool Login(string user) => _client.GetAsync("https://example.org/login/" + user).Result.IsSuccessStatusCode;
        }

        public class LoginViewModel
        {
            private readonly ILoginService _loginService;

            public LoginViewModel(ILoginService loginService)
            {
                _loginService = loginService;
            }
        }

        public class ProfileViewModel
        {
            private readonly ILoginService _loginService;

            public ProfileViewModel(ILoginService loginService)
            {
                _loginService = loginService;
            }
        }

        public static class AppServices
        {
            public static void Add(IServiceCollection services)
            {
                services.AddTransient<ILoginService, LoginService>();
                {0}
            }

            {1}
        }
        """;

    private static Task VerifyAsync(string registrations, string more, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", registrations).Replace("{1}", more)
            .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
        WithDependencyInjection);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task OneConsumerTransient_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();", string.Empty, reported: true);

    [Fact]
    public Task SingletonConsumersButResolvedDirectlyToo_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddSingleton<ProfileViewModel>();",
        "public static bool Check(IServiceProvider provider) => provider.GetRequiredService<ILoginService>().Login(\"me\");",
        reported: true);

    [Fact]
    public Task NoConsumerHere_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class TokenService
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            public string Token() => _client.GetStringAsync("https://example.org/token").Result;
        }

        public static class AppServices
        {
            public static void Add(IServiceCollection services) => services.AddScoped<TokenService>();
        }
        """, WithDependencyInjection);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task EveryConsumerASingleton_NoDiagnostic() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddSingleton<ProfileViewModel>();", string.Empty, reported: false);

    [Fact]
    public Task ConcreteScopedServiceKeptInAPropertyOfItsOnlySingletonConsumer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class TokenService
        {
            private readonly HttpClient _client = new HttpClient();

            public string Token() => _client.GetStringAsync("https://example.org/token").Result;
        }

        public class Dashboard
        {
            public Dashboard(TokenService tokens)
            {
                Tokens = tokens;
            }

            public TokenService Tokens { get; }
        }

        public static class AppServices
        {
            public static void Add(IServiceCollection services)
            {
                services.AddScoped<TokenService>();
                services.AddSingleton<Dashboard>();
            }
        }
        """, WithDependencyInjection);

    [Fact]
    public Task SingletonConsumerButAskedForByAMethodToo_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddSingleton<ProfileViewModel>();",
        "public static bool Handle(ILoginService loginService) => loginService.Login(\"me\");",
        reported: true);

    // A transient HttpClient registered with a factory lambda: made once per consumer, so once when every consumer is a
    // singleton. {0}: the detector's registration; {1}, {2}: the markup around the lambda's client.
    private const string TransientClientFactory = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface IAvailabilityDetector { bool IsUp(string url); }

        public class AvailabilityDetector : IAvailabilityDetector
        {
            private readonly HttpClient _httpClient;

            public AvailabilityDetector(HttpClient httpClient)
            {
                _httpClient = httpClient;
            }

            public bool IsUp(string url) => _httpClient.GetAsync(url).Result.IsSuccessStatusCode;
        }

        public static class Program
        {
            public static void RegisterServices(IServiceCollection services)
            {
                services.AddTransient(ctx => {1}new HttpClient(){2});
                {0}
            }
        }
        """;

    [Fact]
    public Task TransientClientFactoryAskedForOnlyByASingleton_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TransientClientFactory
        .Replace("{0}", "services.AddSingleton<IAvailabilityDetector, AvailabilityDetector>();").Replace("{1}", string.Empty).Replace("{2}", string.Empty),
        WithDependencyInjection);

    [Fact]
    public Task TransientClientFactoryAskedForByATransient_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TransientClientFactory
        .Replace("{0}", "services.AddTransient<IAvailabilityDetector, AvailabilityDetector>();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"),
        WithDependencyInjection);

    // A lambda handed to any other generic method is no registration, whoever consumes the type it makes.
    [Fact]
    public Task ClientLambdaHandedToAnOrdinaryGenericMethod_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(TransientClientFactory
        .Replace("services.AddTransient(ctx => {1}new HttpClient(){2});", "services.AddSingleton<IAvailabilityDetector, AvailabilityDetector>();")
        .Replace("{0}", string.Empty)
        + """

        public static class Helpers
        {
            public static T Make<T>(System.Func<object, T> create) => create(new object());

            public static bool Check(string url)
            {
                using (var client = Helpers.Make<HttpClient>(ctx => {|HCG001:new HttpClient()|}))
                {
                    return client.GetAsync(url).Result.IsSuccessStatusCode;
                }
            }
        }
        """,
        WithDependencyInjection);

    // The program's entry point resolving a consumer (or the service) once: the one instance the program runs.
    private const string RunOnce = """
        public static void Main()
            {
                var services = new ServiceCollection();
                Add(services);
                var provider = services.BuildServiceProvider();
                {0}
            }
        """;

    private static string Entry(string body) => RunOnce.Replace("{0}", body);

    [Fact]
    public Task TransientConsumerResolvedOnceByMain_NoDiagnostic() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        Entry("Console.WriteLine(provider.GetRequiredService<ProfileViewModel>());"), reported: false);

    [Fact]
    public Task ServiceResolvedOnceByMain_NoDiagnostic() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddSingleton<ProfileViewModel>();",
        Entry("Console.WriteLine(provider.GetService<ILoginService>().Login(\"me\"));"), reported: false);

    [Fact]
    public Task TransientConsumerResolvedByMainInALoop_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        Entry("for (var i = 0; i < 3; i++) Console.WriteLine(provider.GetRequiredService<ProfileViewModel>());"), reported: true);

    [Fact]
    public Task TransientConsumerResolvedTwiceByMain_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        Entry("Console.WriteLine(provider.GetRequiredService<ProfileViewModel>()); Console.WriteLine(provider.GetRequiredService<ProfileViewModel>());"),
        reported: true);

    [Fact]
    public Task TransientConsumerResolvedByMainInALambda_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        Entry("Func<object> open = () => provider.GetRequiredService<ProfileViewModel>(); Console.WriteLine(open());"), reported: true);

    [Fact]
    public Task TransientConsumerResolvedOnceByAnotherMethod_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        "public static object Open(IServiceProvider provider) => provider.GetRequiredService<ProfileViewModel>();", reported: true);

    [Fact]
    public Task TransientConsumerResolvedByMainInALocalFunction_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>();",
        Entry("object Open() => provider.GetRequiredService<ProfileViewModel>(); Console.WriteLine(Open());"), reported: true);

    // Consumers that ask for each other: followed a few types deep, then per resolution.
    [Fact]
    public Task TransientConsumersInACycle_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>(); services.AddTransient<Shell>(); services.AddTransient<Pane>();",
        """
        public class Shell { public Shell(ProfileViewModel profile, Pane pane) { } }

            public class Pane { public Pane(Shell shell) { } }
        """.Replace("public class Shell", "}\n\npublic class Shell").Replace("public class Pane { public Pane(Shell shell) { } }", "public class Pane { public Pane(Shell shell) { } }\n\npublic static class Tail {"),
        reported: true);

    // A logger whose category is a type in the chain resolves a logger, not the type.
    private const string LoggedChain = """
        public class Pane
        {
            public Pane(ProfileViewModel profile, Microsoft.Extensions.Logging.ILogger<ProfileViewModel> logger) { }
        }

        public class Shell
        {
            public Shell(Pane pane, Microsoft.Extensions.Logging.ILogger<Pane> logger) { }
        }
        """;

    private static string Chained(string more) =>
        "}\n\n" + LoggedChain + "\n\npublic static class Tail {" + more;

    [Fact]
    public Task TransientChainEndingInASingletonWithLoggersNamingItsTypes_NoDiagnostic() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>(); services.AddTransient<Pane>(); services.AddSingleton<Shell>();",
        Chained(string.Empty), reported: false);

    [Fact]
    public Task TransientChainWithLoggersEndingInATransient_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>(); services.AddTransient<Pane>(); services.AddTransient<Shell>();",
        Chained(string.Empty), reported: true);

    [Fact]
    public Task TransientChainEndingInASingletonButAnotherGenericNamesAType_Reported() => VerifyAsync(
        "services.AddSingleton<LoginViewModel>(); services.AddTransient<ProfileViewModel>(); services.AddTransient<Pane>(); services.AddSingleton<Shell>();",
        Chained("public static Lazy<Pane> Later(Func<Pane> make) => new Lazy<Pane>(make);"), reported: true);

    // An owner whose transient factory lambda makes it, asked for only by container singletons: made once per singleton,
    // as the owner the container activates itself. {0}: the consumers' registrations; {1}, {2}: the markup.
    private const string OwnerFactory = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface ITimesService { string Today(); }

        public class TimesService : ITimesService
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public string Today() => _client.GetStringAsync("https://api.example.org/timings/today").Result;
        }

        public class Scheduler
        {
            public Scheduler(ITimesService times) { }
        }

        public static class AppServices
        {
            public static void Add(IServiceCollection services)
            {
                services.AddTransient<ITimesService>(sp => new TimesService());
                {0}
            }
        }
        """;

    [Fact]
    public Task OwnerOfATransientFactoryLambdaAskedForOnlyByASingleton_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(OwnerFactory
        .Replace("{0}", "services.AddSingleton<Scheduler>();").Replace("{1}", string.Empty).Replace("{2}", string.Empty),
        WithDependencyInjection);

    [Fact]
    public Task OwnerOfATransientFactoryLambdaAskedForByATransient_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(OwnerFactory
        .Replace("{0}", "services.AddTransient<Scheduler>();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"),
        WithDependencyInjection);

    // ---------------------------------------------------------------- Startup.Configure and derived consumers

    // {0}: Configure's parameters after the builder; {1}: the singleton initiator's base list; {2}, {3}: the markup around
    // the negotiator's client; {4}: more registrations. The negotiator is transient; its one consumer, the match creator, is
    // transient and asked for by the initiator, whose constructor runs for the singleton initiator deriving from it.
    private const string Matchmaker = """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        namespace Microsoft.AspNetCore.Builder
        {
            public interface IApplicationBuilder { }
        }

        namespace Matchmaker
        {
            using Microsoft.AspNetCore.Builder;

            public interface IGameServerNegotiator { string Negotiate(int matchId); }

            public class GameServerNegotiator : IGameServerNegotiator
            {
                private readonly HttpClient _client = {2}new HttpClient(){3};

                public string Negotiate(int matchId) => _client.GetStringAsync("https://example.org/servers/" + matchId).Result;
            }

            public class MatchCreator
            {
                private readonly IGameServerNegotiator _negotiator;

                public MatchCreator(IGameServerNegotiator negotiator) => _negotiator = negotiator;
            }

            public class MatchCreationInitiator
            {
                private readonly MatchCreator _creator;

                public MatchCreationInitiator(MatchCreator creator) => _creator = creator;

                public void StartThread() { }
            }

            public class SingletonInitiator {1}
            {
                public SingletonInitiator(MatchCreator creator) : base(creator) { }
            }

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddTransient<IGameServerNegotiator, GameServerNegotiator>();
                    services.AddTransient<MatchCreator>();
                    services.AddTransient<SingletonInitiator>();
                    {4}
                }

                public void Configure(IApplicationBuilder app{0})
                {
                }
            }
        }
        """;

    private static Task Matchmaking(string parameters, bool reported) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
            Matchmaker.Replace("{0}", parameters).Replace("{1}", ": MatchCreationInitiator").Replace("{4}", string.Empty)
                .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
            WithDependencyInjection);

    [Fact]
    public Task ChainResolvedOnceByStartupConfigure_NoDiagnostic() =>
        Matchmaking(", SingletonInitiator initiator", reported: false);

    [Fact]
    public Task ChainResolvedTwiceByStartupConfigure_Reported() =>
        Matchmaking(", SingletonInitiator initiator, SingletonInitiator again", reported: true);

    [Fact]
    public Task ChainNobodyResolves_Reported() =>
        Matchmaking(string.Empty, reported: true);

    [Fact]
    public Task ConfigureWithoutTheApplicationBuilderFirst_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Matchmaker.Replace("IApplicationBuilder app{0}", "SingletonInitiator initiator, IApplicationBuilder app").Replace("{1}", ": MatchCreationInitiator").Replace("{4}", string.Empty)
            .Replace("{2}", "{|HCG001:").Replace("{3}", "|}"),
        WithDependencyInjection);

    // Another class deriving from the initiator, resolved on every call of a method: the base constructor runs per call.
    [Fact]
    public Task BaseOfAConsumerAlsoBuiltPerCallThroughAnotherDerivedClass_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Matchmaker.Replace("{0}", ", SingletonInitiator initiator").Replace("{1}", ": MatchCreationInitiator")
            .Replace("{4}", "services.AddTransient<Rematch>();")
            .Replace("{2}", "{|HCG001:").Replace("{3}", "|}")
            .Replace("    public class Startup\n", "    public class Rematch : MatchCreationInitiator\n    {\n        public Rematch() : base(null) { }\n\n" +
                     "        public static object Open(System.IServiceProvider provider) => provider.GetRequiredService<Rematch>();\n    }\n\n    public class Startup\n"),
        WithDependencyInjection);
}
