using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client or handler made only when a field or property is null (<c>Owner.HttpClient ?? new HttpClient()</c>) never runs
/// when the compilation never leaves that member null: every constructor gives it a new object (or what a method of the
/// compilation always returns non-null), and nothing gives it anything else. Otherwise the fallback stands.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002MemberFallbackTests
{
    // An SDK whose endpoints fall back to a new client when their owner's client is null; the owner sets it in every
    // constructor to the caller's client or a new one. {0}: more of the owner; {1}: the fallback's markup.
    private const string SdkSource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class SdkClient
        {
            public SdkClient(HttpClient client = null)
            {
                HttpClient = SetupClient(client);
                Messages = new Endpoint(this);
            }

            public SdkClient(string key) : this((HttpClient)null)
            {
            }

            internal HttpClient HttpClient { get; set; }

            public Endpoint Messages { get; }

            private static HttpClient SetupClient(HttpClient client)
            {
                if (client != null)
                {
                    return client;
                }

                return new HttpClient();
            }
        {0}
        }

        sealed class Endpoint
        {
            private readonly SdkClient _owner;

            public Endpoint(SdkClient owner)
            {
                _owner = owner;
            }

            private HttpClient GetClient()
            {
                var custom = _owner.HttpClient;
                var client = custom ?? {1};
                return client;
            }

            public Task<string> GetAsync(string url) => GetClient().GetStringAsync(url);
        }
        """;

    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static string Sdk(string more, string fallback) => SdkSource.Replace("{0}", more).Replace("{1}", fallback);

    [Fact]
    public Task OwnerClientSetByEveryConstructor_FallbackNeverRuns_NoDiagnostic() =>
        VerifyAsync(Sdk(string.Empty, "new HttpClient()"));

    [Fact]
    public Task OwnerClientClearedElsewhere_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Sdk("""

                internal void Reset()
                {
                    HttpClient = null;
                }
            """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task OwnerClientNotSetByOneConstructor_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Sdk("""

                public SdkClient(int retries)
                {
                    Messages = new Endpoint(this);
                }
            """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task OwnerClientClearedThroughAnObjectInitializer_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Sdk("""

                internal static readonly Endpoint Detached = new SdkClient { HttpClient = null }.Messages;
            """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task OwnerClientIsTheCallersArgument_FallbackRunsPerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class SdkClient
        {
            public SdkClient(HttpClient client)
            {
                HttpClient = client;
            }

            internal HttpClient HttpClient { get; }

            public Task<string> GetAsync(string url) => (HttpClient ?? {|HCG001:new HttpClient()|}).GetStringAsync(url);
        }
        """);

    [Fact]
    public Task FieldWithANewClientInitializer_FallbackNeverRuns_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public Task<string> GetAsync(string url)
            {
                var client = _client != null ? _client : new HttpClient();
                return client.GetStringAsync(url);
            }
        }
        """);

    [Fact]
    public Task FieldNeverGivenAValue_FallbackRunsPerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private HttpClient _client;

            public Task<string> GetAsync(string url)
            {
                var client = _client != null ? _client : {|HCG001:new HttpClient()|};
                return client.GetStringAsync(url);
            }
        }
        """);

    // A generated SDK client whose property getter falls back to a new client when its field is null; the field's one store
    // is the property's setter, and every constructor sets the property. {0}: more of the client; {1}: the fallback's markup;
    // {2}: the setter.
    private const string GetterFallback = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class ApiClient
        {
            private HttpClient httpClient;

            public ApiClient()
            {
                this.HttpClient = new HttpClient();
                this.HttpClient.BaseAddress = new Uri("https://api.example.com");
            }

            public ApiClient(string basePath) : this()
            {
                this.HttpClient.BaseAddress = new Uri(basePath);
            }

            internal HttpClient HttpClient
            {
                get => this.httpClient ?? {1};
                {2}
            }

            public Task<string> GetAsync(string path) => this.HttpClient.GetStringAsync(path);
        {0}
        }
        """;

    private static string Getter(string more, string fallback, string setter = "set => this.httpClient = value;") =>
        GetterFallback.Replace("{0}", more).Replace("{1}", fallback).Replace("{2}", setter);

    [Fact]
    public Task FieldStoredOnlyByAPropertyEveryConstructorSets_GetterFallbackNeverRuns_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(Getter(string.Empty, "new HttpClient()")),
        VerifyAsync(Getter(string.Empty, "new HttpClient()", "set { Console.WriteLine(value); httpClient = value; }")));

    [Fact]
    public Task ExpressionBodiedPropertyOverAFieldEveryConstructorSets_FallbackNeverRuns_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api() => _client = new HttpClient();

            private HttpClient Client => _client ?? new HttpClient();

            public Task<string> GetAsync(string url) => Client.GetStringAsync(url);
        }
        """);

    [Fact]
    public Task PropertyAlsoGivenAParameter_GetterFallbackRunsPerRead_Diagnostic() => VerifyAsync(Getter("""

            public void Use(HttpClient client) => this.HttpClient = client;
        """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task PropertyNotSetByOneConstructor_GetterFallbackRunsPerRead_Diagnostic() => VerifyAsync(Getter("""

            public ApiClient(int timeoutSeconds)
            {
                Console.WriteLine(timeoutSeconds);
            }
        """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task FieldAlsoClearedElsewhereOrByAnotherSetter_GetterFallbackRunsPerRead_Diagnostic() => Task.WhenAll(
        VerifyAsync(Getter("""

            public void Reset() => this.httpClient = null;
        """, "{|HCG001:new HttpClient()|}")),
        VerifyAsync(Getter("""

            internal HttpClient Replacement
            {
                set { Console.WriteLine(value); httpClient = value; }
            }

            public void Replace(HttpClient client) => Replacement = client;
        """, "{|HCG001:new HttpClient()|}")));

    // {0}: how the constructor's catch ends; {1}: the fallback's markup.
    private const string GuardedConstructor = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api()
            {
                try
                {
                    var handler = new HttpClientHandler { MaxConnectionsPerServer = 4 };
                    _client = new HttpClient(handler);
                }
                catch (Exception e)
                {
                    Console.WriteLine(e);
                    {0}
                }
            }

            public Task<string> GetAsync(string url) => (_client ?? {1}).GetStringAsync(url);
        }
        """;

    [Fact]
    public Task FieldSetInATryWhoseCatchRethrows_FallbackNeverRuns_NoDiagnostic() =>
        VerifyAsync(GuardedConstructor.Replace("{0}", "throw;").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task FieldSetInATryWhoseCatchSwallows_FallbackRunsPerCall_Diagnostic() =>
        VerifyAsync(GuardedConstructor.Replace("{0}", "return;").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    // A configuration whose throttling wrapper falls back to a handler of its own when the configured handler is null;
    // every constructor sets the configured handler to a new one. {0}: more of the configuration; {1}: the fallback's markup.
    private const string ThrottlingSource = """
        using System.Net.Http;

        sealed class Throttled : DelegatingHandler
        {
            public Throttled(HttpMessageHandler inner) : base(inner)
            {
            }

            public Throttled() : this({1})
            {
            }
        }

        sealed class Configuration
        {
            public Configuration()
            {
                this.ClientHandler = this.BuildDefaultHandler();
            }

            public HttpMessageHandler ClientHandler { get; set; }

            private HttpMessageHandler BuildDefaultHandler()
            {
                var handler = new HttpClientHandler { UseProxy = false };
                return handler;
            }

            private HttpMessageHandler Throttling() =>
                this.ClientHandler != null ? new Throttled(this.ClientHandler) : new Throttled();

            public string Describe()
            {
                var handler = Throttling();
                return handler.ToString();
            }
        {0}
        }
        """;

    private static string Throttling(string more, string fallback) => ThrottlingSource.Replace("{0}", more).Replace("{1}", fallback);

    [Fact]
    public Task WrapperMadeOnlyWhenConfiguredHandlerIsNull_NeverNull_NoDiagnostic() =>
        VerifyAsync(Throttling(string.Empty, "new HttpClientHandler { AllowAutoRedirect = false }"));

    [Fact]
    public Task WrapperMadeOnlyWhenConfiguredHandlerIsNull_ClearedByACaller_Diagnostic() => VerifyAsync(Throttling("""

                public void UseDefaults()
                {
                    this.ClientHandler = null;
                }
            """, "{|HCG002:new HttpClientHandler|} { AllowAutoRedirect = false }"));

    // The owner's client comes from a method whose body decides whether it can be null. {0}: that body; {1}: the fallback's markup.
    private const string SetupSource = """
        using System.Diagnostics;
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class SdkClient
        {
            public SdkClient(HttpClient client = null)
            {
                HttpClient = SetupClient(client);
            }

            internal HttpClient HttpClient { get; }

            private static HttpClient SetupClient(HttpClient client)
            {
        {0}
            }

            private static bool TryReplace(out HttpClient client)
            {
                client = null;
                return false;
            }

            public Task<string> GetAsync(string url) => (HttpClient ?? {1}).GetStringAsync(url);
        }
        """;

    private static string Setup(string body, string fallback) => SetupSource.Replace("{0}", body).Replace("{1}", fallback);

    [Fact]
    public Task ParameterReturnedAfterAnEarlierExitOnNull_FallbackNeverRuns_NoDiagnostic() => VerifyAsync(Setup("""
                if (client == null)
                {
                    return new HttpClient();
                }

                return client;
        """, "new HttpClient()"));

    [Fact]
    public Task ParameterReturnedAfterANullTestThatDoesNotExit_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Setup("""
                if (client == null)
                {
                    Trace.WriteLine("no client given");
                }

                return client;
        """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task LocalGivenOnlyNewClients_FallbackNeverRuns_NoDiagnostic() => VerifyAsync(Setup("""
                var made = new HttpClient();
                if (client == null)
                {
                    made = new HttpClient(new HttpClientHandler());
                }

                return made;
        """, "new HttpClient()"));

    [Fact]
    public Task LocalAlsoWrittenByAnOutArgument_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Setup("""
                var made = new HttpClient();
                TryReplace(out made);
                return made;
        """, "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task LocalAlsoWrittenByADeconstruction_FallbackRunsPerCall_Diagnostic() => VerifyAsync(Setup("""
                var made = new HttpClient();
                int retries;
                (made, retries) = (client, 3);
                return made;
        """, "{|HCG001:new HttpClient()|}"));

    private static readonly TestOptions WithFactory = new() { WithHttpClientFactory = true };

    // A service the container builds, falling back to a client of its own when its injected factory is null; the factory
    // comes from a required constructor parameter (the shorter constructor hands it on). {0}: more of the compilation;
    // {1}: the factory parameter; {2}: each fallback's markup.
    private const string FactoryServiceSource = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IIdentity
        {
            string Name { get; }
        }

        public class ModelService
        {
            private readonly IHttpClientFactory _httpClientFactory;
            private readonly IIdentity _identity;

            public ModelService({1}) : this(null, httpClientFactory)
            {
            }

            public ModelService(IIdentity identity, {1})
            {
                _httpClientFactory = httpClientFactory;
                _identity = identity;
            }

            public async Task<string> ListModels(string gateway)
            {
                HttpClient httpClient = _httpClientFactory?.CreateClient("models") ?? {2};
                return await httpClient.GetStringAsync(gateway + "/api/tags");
            }

            public Task<string> Embed(string gateway)
            {
                var httpClient = _httpClientFactory?.CreateClient() ?? {2};
                return httpClient.GetStringAsync(gateway + "/api/embed");
            }
        }
        {0}
        """;

    private static string FactoryService(string more, string parameter, string fallback) =>
        FactoryServiceSource.Replace("{0}", more).Replace("{1}", parameter).Replace("{2}", fallback);

    [Fact]
    public Task FactoryFromARequiredConstructorParameter_FallbackNeverRuns_NoDiagnostic() => VerifyAsync(FactoryService("""

        sealed class Host
        {
            private readonly ModelService _models;

            public Host(IHttpClientFactory factory)
            {
                _models = new ModelService(factory);
            }

            public Task<string> Run() => _models.ListModels("http://localhost:11434");
        }
        """, "IHttpClientFactory httpClientFactory", "new HttpClient()"), WithFactory);

    [Fact]
    public Task FactoryPassedAsNullByACreation_FallbackRunsPerCall_Diagnostic() => VerifyAsync(FactoryService("""

        sealed class Cli
        {
            public Task<string> Run(string gateway) => new ModelService(null).ListModels(gateway);
        }
        """, "IHttpClientFactory httpClientFactory", "{|HCG001:new HttpClient()|}"), WithFactory);

    [Fact]
    public Task FactoryParameterOptionalOrBaseOfADerivedType_FallbackRunsPerCall_Diagnostic() => Task.WhenAll(
        VerifyAsync(FactoryService(string.Empty, "IHttpClientFactory httpClientFactory = null", "{|HCG001:new HttpClient()|}"), WithFactory),
        VerifyAsync(FactoryService("""

            sealed class OfflineModelService : ModelService
            {
                public OfflineModelService() : base(null, null)
                {
                }
            }
            """, "IHttpClientFactory httpClientFactory", "{|HCG001:new HttpClient()|}"), WithFactory));

    [Fact]
    public Task FactoryParameterDeclaredNullable_FallbackRunsPerCall_Diagnostic() => VerifyAsync(
        "#nullable enable\n" + FactoryService(string.Empty, "IHttpClientFactory? httpClientFactory", "{|HCG001:new HttpClient()|}")
            .Replace("IIdentity identity,", "IIdentity? identity,").Replace("IIdentity _identity", "IIdentity? _identity"),
        WithFactory with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest });

    // A program's email service with two constructors, each taking an optional factory; the one registration builds it
    // through the second with the container's factory, and nothing names the type to the container. {0}: the registration;
    // {1}: the fallback's markup.
    private const string RelayServiceSource = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public interface IEmailService
        {
            Task<bool> Send(string to);
        }

        public class EmailService : IEmailService
        {
            private readonly string _relayUrl;
            private readonly IHttpClientFactory _httpClientFactory;

            public EmailService(string relayUrl, IHttpClientFactory httpClientFactory = null)
            {
                _relayUrl = relayUrl;
                _httpClientFactory = httpClientFactory;
            }

            public EmailService(string smtpHost, int smtpPort, string relayUrl = null, IHttpClientFactory httpClientFactory = null)
            {
                _relayUrl = relayUrl ?? smtpHost + ":" + smtpPort;
                _httpClientFactory = httpClientFactory;
            }

            public async Task<bool> Send(string to)
            {
                var client = _httpClientFactory?.CreateClient("relay") ?? {1};
                var response = await client.PostAsync(_relayUrl, new StringContent(to));
                return response.IsSuccessStatusCode;
            }
        }

        public static class Program
        {
            public static void Main()
            {
                var services = new ServiceCollection();
                services.AddHttpClient();
                {0}
            }
        }
        """;

    private static string RelayService(string registration, string fallback) =>
        RelayServiceSource.Replace("{0}", registration).Replace("{1}", fallback);

    private static readonly TestOptions ProgramWithFactory = WithFactory with { IsExecutable = true };

    [Fact]
    public Task OptionalFactoryOfAProgramsTypeBuiltOnlyWithTheContainersFactory_FallbackNeverRuns_NoDiagnostic() => VerifyAsync(RelayService(
        """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, relayUrl: "https://example.org/relay", httpClientFactory: sp.GetRequiredService<IHttpClientFactory>())); var sent = new System.Collections.Generic.List<EmailService>();""",
        "new HttpClient()"), ProgramWithFactory);

    // A library's internal type (no other assembly can build it), and a nullable factory parameter in a program's type.
    [Fact]
    public Task OptionalFactoryOfALibrarysInternalTypeOrANullableOne_FallbackNeverRuns_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(RelayService(
            """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>()));""",
            "new HttpClient()").Replace("public class EmailService", "internal class EmailService"), WithFactory),
        VerifyAsync("#nullable enable\n" + RelayService(
            """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>()));""",
            "new HttpClient()").Replace("IHttpClientFactory httpClientFactory = null", "IHttpClientFactory? httpClientFactory = null")
                .Replace("IHttpClientFactory _httpClientFactory", "IHttpClientFactory? _httpClientFactory").Replace("string relayUrl = null", "string? relayUrl = null"),
            ProgramWithFactory with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest }));

    [Fact]
    public Task OptionalFactoryOfAProgramsTypeNothingHereBuilds_FallbackRunsPerCall_Diagnostic() => VerifyAsync(RelayService(
        "services.AddSingleton<IEmailService>(sp => null);",
        "{|HCG001:new HttpClient()|}"), ProgramWithFactory);

    [Fact]
    public Task OptionalFactoryOfAProgramsTypeAlsoBuiltWithoutOne_FallbackRunsPerCall_Diagnostic() => VerifyAsync(RelayService(
        """services.AddSingleton<IEmailService>(sp => new EmailService("https://example.org/relay"));""",
        "{|HCG001:new HttpClient()|}"), ProgramWithFactory);

    [Fact]
    public Task OptionalFactoryOfAProgramsTypeNamedToTheContainer_FallbackRunsPerCall_Diagnostic() => Task.WhenAll(
        VerifyAsync(RelayService(
            """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>())); services.AddTransient<EmailService>();""",
            "{|HCG001:new HttpClient()|}"), ProgramWithFactory),
        VerifyAsync(RelayService(
            """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>())); services.AddSingleton(typeof(IEmailService), typeof(EmailService));""",
            "{|HCG001:new HttpClient()|}"), ProgramWithFactory));

    // A library's public type: another assembly may build it without a factory, whatever this one does.
    [Fact]
    public Task OptionalFactoryOfALibrarysPublicType_FallbackRunsPerCall_Diagnostic() => VerifyAsync(RelayService(
        """services.AddSingleton<IEmailService>(sp => new EmailService("smtp.example.org", 465, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>()));""",
        "{|HCG001:new HttpClient()|}"), WithFactory);
}
