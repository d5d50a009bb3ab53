using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.ConnectionOwner;

/// <summary>
/// HCG008 against the real SDKs of the catalogue (docs/rules/HCG008-catalogue.tsv), at the versions of
/// Directory.Packages.props, under C# 7.3 and the latest version.
/// </summary>
[Trait("Rule", "HCG008")]
public class HCG008ConnectionOwnerTests
{
    private static readonly TestOptions Sdks = new() { WithConnectionOwners = true };

    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<ConnectionOwnerAnalyzer>.DiagnosticsAsync(source, options ?? Sdks);

    // ---------------------------------------------------------------- reported: one per catalogue type

    [Fact]
    public Task RestSharp_FallbackForAClientEveryConstructorSets_NoDiagnostic() => VerifyAsync(MemberFallbackSource.Replace("{0}", string.Empty).Replace("{1}", "new RestClient(url)"));

    [Fact]
    public Task RestSharp_FallbackForAClientSomeoneClears_Diagnostic() => VerifyAsync(MemberFallbackSource
        .Replace("{0}", "public void Reset() { _client = null; }")
        .Replace("{1}", "{|HCG008:new RestClient(url)|}"));

    // A client kept by the instance, with a fallback when it is null; {0}: more members; {1}: the fallback's markup.
    private const string MemberFallbackSource = """
        using System.Threading.Tasks;
        using RestSharp;

        public class Api
        {
            private RestClient _client;

            public Api(string url)
            {
                _client = new RestClient(url);
            }

            {0}

            public async Task<string> GetAsync(string url)
            {
                var client = _client ?? {1};
                var response = await client.ExecuteAsync(new RestRequest("/items"));
                return response.Content;
            }
        }
        """;

    [Fact]
    public Task RestSharp_NewRestClientPerCall_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using RestSharp;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
                using (var client = {|HCG008:new RestClient(url)|})
                {
                    var response = await client.ExecuteAsync(new RestRequest("/items"));
                    return response.Content;
                }
            }
        }
        """);

    // After a 'return' of its block the client is never made; a return under #if leaves the code after it as written.
    [Fact]
    public Task RestSharp_NewRestClientAfterAReturn_NoDiagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using RestSharp;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
                return string.Empty;
                using (var client = new RestClient(url))
                {
                    var response = await client.ExecuteAsync(new RestRequest("/items"));
                    return response.Content;
                }
            }
        }
        """);

    [Fact]
    public Task RestSharp_NewRestClientAfterAConditionalReturn_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using RestSharp;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
        #if !HCG_TEST_SYMBOL_NEVER_DEFINED
                return string.Empty;
        #endif
                using (var client = {|HCG008:new RestClient(url)|})
                {
                    var response = await client.ExecuteAsync(new RestRequest("/items"));
                    return response.Content;
                }
            }
        }
        """);

    [Fact]
    public Task RestSharp_NewRestClientWithOptionsPerCall_Diagnostic() => VerifyAsync("""
        using RestSharp;

        public class Api
        {
            public RestClient Create(string url) => Use({|HCG008:new RestClient(new RestClientOptions(url) { ThrowOnAnyError = true })|});

            public void Use() => Create("http://x").ToString();

            private static RestClient Use(RestClient client) => client;
        }
        """);

    [Fact]
    public Task Flurl_NewFlurlClientPerCall_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using Flurl.Http;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
                var client = {|HCG008:new FlurlClient(url)|};
                return await client.Request("items").GetStringAsync();
            }
        }
        """);

    [Fact]
    public Task Refit_RestServiceForUrlPerCall_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using Refit;

        public interface IItems
        {
            [Get("/items")]
            Task<string> GetAsync();
        }

        public class Api
        {
            public Task<string> GetAsync(string url) => {|HCG008:RestService.For<IItems>(url)|}.GetAsync();
        }
        """);

    [Fact]
    public Task Octokit_NewGitHubClientAndConnectionPerCall_Diagnostics() => VerifyAsync("""
        using System;
        using Octokit;

        public class Api
        {
            public GitHubClient ClientFor(string token)
            {
                var client = {|HCG008:new GitHubClient(new ProductHeaderValue("app"))|};
                client.Credentials = new Credentials(token);
                return Keep(client);
            }

            public void UseToken() => ClientFor("token").ToString();

            public GitHubClient OverNewConnection(Uri baseAddress) =>
                Keep(new GitHubClient({|HCG008:new Connection(new ProductHeaderValue("app"), baseAddress)|}));

            public void UseConnection() => OverNewConnection(null).ToString();

            private static GitHubClient Keep(GitHubClient client) => client;
        }
        """);

    [Fact]
    public Task SendGrid_NewSendGridClientPerCall_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using SendGrid;
        using SendGrid.Helpers.Mail;

        public class Mailer
        {
            public Task<Response> SendAsync(string apiKey, SendGridMessage message)
            {
                var client = {|HCG008:new SendGridClient(apiKey)|};
                return client.SendEmailAsync(message);
            }
        }
        """);

    [Fact]
    public Task Twilio_NewTwilioRestClientPerCall_Diagnostic() => VerifyAsync("""
        using Twilio.Clients;

        public class Sms
        {
            public string AccountOf(string sid, string token)
            {
                var client = {|HCG008:new TwilioRestClient(sid, token)|};
                return client.AccountSid;
            }

            public string WithNullHttpClient(string sid, string token) =>
                {|HCG008:new TwilioRestClient(sid, token, httpClient: null)|}.AccountSid;
        }
        """);

    [Fact]
    public Task Grpc_ForAddressPerCall_Diagnostic() => VerifyAsync("""
        using Grpc.Net.Client;

        public class Orders
        {
            public string Target(string address)
            {
                using (var channel = {|HCG008:GrpcChannel.ForAddress(address)|})
                {
                    return channel.Target;
                }
            }

            public string WithOptions(string address)
            {
                var channel = {|HCG008:GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 })|};
                return channel.Target;
            }
        }
        """);

    [Fact]
    public Task Elasticsearch_NewClientAndNewSettingsPerCall_Diagnostics() => VerifyAsync("""
        using System;
        using Elastic.Clients.Elasticsearch;

        public class Search
        {
            public object ClientFor(Uri uri) => {|HCG008:new ElasticsearchClient(uri)|};

            public void UseClient() => ClientFor(null).ToString();

            public object OverNewSettings(Uri uri) => new ElasticsearchClient({|HCG008:new ElasticsearchClientSettings(uri)|});

            public void UseSettings() => OverNewSettings(null).ToString();
        }
        """);

    [Fact]
    public Task Nest_NewElasticClientAndNewConnectionSettingsPerCall_Diagnostics() => VerifyAsync("""
        using System;
        using System.Threading.Tasks;
        using Nest;

        public class Search
        {
            public Task<PingResponse> PingAsync(Uri uri) => {|HCG008:new ElasticClient(uri)|}.PingAsync();

            public ElasticClient OverNewSettings(Uri uri) => new ElasticClient({|HCG008:new ConnectionSettings(uri)|});

            public void Use() => OverNewSettings(null).ToString();

            public void InLoop(Uri[] nodes)
            {
                foreach (var node in nodes)
                {
                    var client = {|HCG008:new ElasticClient(node)|};
                    client.Ping();
                }
            }
        }
        """);

    [Fact]
    public Task AzureCore_NewHttpClientTransportPerCall_Diagnostic() => VerifyAsync("""
        using Azure.Core.Pipeline;
        using Azure.Storage.Blobs;

        public class Storage
        {
            public BlobContainerClient Container(string connectionString, string name)
            {
                var options = new BlobClientOptions { Transport = {|HCG008:new HttpClientTransport()|} };
                return new BlobContainerClient(connectionString, name, options);
            }

            public void Use() => Container("UseDevelopmentStorage=true", "c").ToString();
        }
        """);

    [Fact]
    public Task Redis_ConnectAndConnectAsyncPerCall_Diagnostics() => VerifyAsync("""
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Cache
        {
            public string Get(string configuration, string key)
            {
                using (var redis = {|HCG008:ConnectionMultiplexer.Connect(configuration)|})
                {
                    return redis.GetDatabase().StringGet(key);
                }
            }

            public async Task<string> GetAsync(string configuration, string key)
            {
                var redis = await {|HCG008:ConnectionMultiplexer.ConnectAsync(configuration)|};
                return await redis.GetDatabase().StringGetAsync(key);
            }
        }
        """);

    [Fact]
    public Task Cosmos_VendorGuidance_ConstructorAndBuilderPerCall_Diagnostics() => VerifyAsync("""
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        public class Documents
        {
            public Container Items(string connectionString) =>
                {|HCG008:new CosmosClient(connectionString)|}.GetContainer("db", "items");

            public Container Built(string connectionString) =>
                {|HCG008:new CosmosClientBuilder(connectionString).Build()|}.GetContainer("db", "items");
        }
        """);

    [Fact]
    public Task ServiceBus_VendorGuidance_NewClientPerCall_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;
        using Azure.Messaging.ServiceBus;

        public class Publisher
        {
            public async Task SendAsync(string connectionString, string body)
            {
                await using (var client = {|HCG008:new ServiceBusClient(connectionString)|})
                {
                    await client.CreateSender("orders").SendMessageAsync(new ServiceBusMessage(body));
                }
            }
        }
        """, Sdks with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8 });

    // ---------------------------------------------------------------- reported: where it runs per call

    [Fact]
    public Task InLoop_InEntryPoint_Diagnostic() => VerifyAsync("""
        using RestSharp;

        public static class Program
        {
            public static void Main(string[] args)
            {
                foreach (var url in args)
                {
                    var client = {|HCG008:new RestClient(url)|};
                    client.Execute(new RestRequest("/"));
                }
            }
        }
        """, Sdks with { IsExecutable = true });

    [Fact]
    public Task InLambda_Diagnostic() => VerifyAsync("""
        using System;
        using System.Linq;
        using Grpc.Net.Client;

        public class Orders
        {
            public string[] Targets(string[] addresses) =>
                addresses.Select(a => {|HCG008:GrpcChannel.ForAddress(a)|}.Target).ToArray();
        }
        """);

    [Fact]
    public Task PerInstanceOfOwnerCreatedPerCall_Diagnostic() => VerifyAsync("""
        using RestSharp;

        public class Api
        {
            private readonly RestClient _client = {|HCG008:new RestClient("https://api.example")|};

            public RestResponse Get() => _client.Execute(new RestRequest("/"));
        }

        public class Caller
        {
            public RestResponse Handle() => new Api().Get();
        }
        """);

    [Fact]
    public Task PublicFactoryCalledPerCall_Diagnostic() => VerifyAsync("""
        using StackExchange.Redis;

        public static class Redis
        {
            public static ConnectionMultiplexer Create(string configuration) => {|HCG008:ConnectionMultiplexer.Connect(configuration)|};
        }

        public class Cache
        {
            public string Get(string key) => Redis.Create("localhost").GetDatabase().StringGet(key);
        }
        """);

    [Fact]
    public Task Message_NamesTypeAndMember() =>
        Verify<ConnectionOwnerAnalyzer>.DiagnosticsWithMessagesAsync("""
            using Grpc.Net.Client;
            using RestSharp;

            public class Orders
            {
                public string Target(string address) => {|#0:GrpcChannel.ForAddress(address)|}.Target;

                public RestClient Client(string url)
                {
                    for (var i = 0; i < 2; i++)
                    {
                        url += i;
                    }

                    return Keep({|#1:new RestClient(url)|});
                }

                private static RestClient Keep(RestClient client) => client;

                public void Use() => Client("http://x").ToString();
            }
            """,
            Sdks,
            "'GrpcChannel.ForAddress' is created each time 'Target' runs: each instance opens its own connections and leaves them in TIME_WAIT when dropped; create one for the process (a static readonly field, Lazy<T> or a singleton registration)",
            "'RestClient' is created each time 'Orders.Use' runs (returned by 'Client'): each instance opens its own connections and leaves them in TIME_WAIT when dropped; create one for the process (a static readonly field, Lazy<T> or a singleton registration)");

    // ---------------------------------------------------------------- quiet: measured sharing one pool

    [Fact]
    public Task AzureStorage_NewBlobServiceAndContainerClientPerCall_NoDiagnostic() => VerifyAsync("""
        using Azure.Storage.Blobs;

        public class Storage
        {
            public BlobServiceClient Service(string connectionString) => new BlobServiceClient(connectionString);

            public BlobContainerClient Container(string connectionString, string name) => new BlobContainerClient(connectionString, name);
        }
        """);

    [Fact]
    public Task AwsS3_NewAmazonS3ClientPerCall_NoDiagnostic() => VerifyAsync("""
        using Amazon.S3;

        public class Storage
        {
            public AmazonS3Client Client(AmazonS3Config config) => new AmazonS3Client(config);
        }
        """);

    [Fact]
    public Task Stripe_NewStripeClientPerCall_NoDiagnostic() => VerifyAsync("""
        using Stripe;

        public class Payments
        {
            public StripeClient Client(string apiKey) => new StripeClient(apiKey);
        }
        """);

    [Fact]
    public Task OpenAI_NewOpenAIClientAndModelClientPerCall_NoDiagnostic() => VerifyAsync("""
        using OpenAI;
        using OpenAI.Models;

        public class Models
        {
            public OpenAIClient Client(string apiKey) => new OpenAIClient(apiKey);

            public OpenAIModelClient ModelClient(string apiKey) => new OpenAIModelClient(apiKey);
        }
        """);

    [Fact]
    public Task MongoDB_NewMongoClientPerCall_NoDiagnostic() => VerifyAsync("""
        using MongoDB.Driver;

        public class Database
        {
            public IMongoDatabase Get(string connectionString) => new MongoClient(connectionString).GetDatabase("app");
        }
        """);

    // ---------------------------------------------------------------- quiet: a per-call client over a shared pool

    [Fact]
    public Task RestSharp_OverSharedHttpClientOrHandlerOrClientFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using RestSharp;

        public class Api
        {
            private static readonly HttpClient s_http = new HttpClient();
            private static readonly HttpMessageHandler s_handler = new HttpClientHandler();

            public RestClient OverClient() => new RestClient(s_http, disposeHttpClient: false);

            public RestClient OverHandler() => new RestClient(s_handler, disposeHandler: false);

            public RestClient WithFactory(string url) => new RestClient(new RestClientOptions(url), useClientFactory: true);
        }
        """);

    [Fact]
    public Task SharedArguments_FlurlRefitSendGridTwilioElasticOctokitTransport_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Azure.Core.Pipeline;
        using Elastic.Clients.Elasticsearch;
        using Flurl.Http;
        using Octokit;
        using Refit;
        using SendGrid;
        using Twilio.Clients;
        using Twilio.Http;

        public interface IItems { }

        public class Clients
        {
            private static readonly System.Net.Http.HttpClient s_http = new System.Net.Http.HttpClient();
            private static readonly ElasticsearchClientSettings s_settings = new ElasticsearchClientSettings(new System.Uri("http://localhost:9200"));
            private static readonly IConnection s_connection = new Octokit.Connection(new ProductHeaderValue("app"));

            public object Flurl() => new FlurlClient(s_http);

            public object Refit() => RestService.For<IItems>(s_http);

            public object SendGrid(string key) => new SendGridClient(s_http, key);

            public object Twilio(string sid, string token) => new TwilioRestClient(sid, token, httpClient: new SystemNetHttpClient(s_http));

            public object Elastic() => new ElasticsearchClient(s_settings);

            public object GitHub() => new GitHubClient(s_connection);

            public object Transport() => new HttpClientTransport(s_http);
        }
        """);

    [Fact]
    public Task Nest_SharedConnectionSettingsStaticClientOrLazy_NoDiagnostic() => VerifyAsync("""
        using System;
        using Nest;

        public class Search
        {
            private static readonly ConnectionSettings s_settings = new ConnectionSettings(new Uri("http://localhost:9200")).DefaultIndex("items");
            private static readonly ElasticClient s_client = new ElasticClient(new Uri("http://localhost:9200"));
            private static readonly Lazy<ElasticClient> s_lazy = new Lazy<ElasticClient>(() => new ElasticClient(new ConnectionSettings(new Uri("http://localhost:9200"))));

            public ElasticClient OverSharedSettings() => new ElasticClient(s_settings);

            public PingResponse Ping() => s_client.Ping();

            public PingResponse PingLazy() => s_lazy.Value.Ping();
        }
        """);

    [Fact]
    public Task Grpc_SharedHttpClientOrHandlerInOptions_NoDiagnostic_SharedSocketsHandler_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Grpc.Net.Client;

        public class Orders
        {
            private static readonly HttpClient s_http = new HttpClient();
            private static readonly HttpClientHandler s_handler = new HttpClientHandler();
            private static readonly SocketsHttpHandler s_sockets = new SocketsHttpHandler();

            public GrpcChannel OverClient(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = s_http });

            public GrpcChannel OverHandler(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = s_handler });

            public GrpcChannel OverOptionsFromCaller(string address, GrpcChannelOptions options) => GrpcChannel.ForAddress(address, options);

            public GrpcChannel OverSocketsHandler(string address) => {|HCG008:GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = s_sockets })|};

            public void Use() => OverSocketsHandler("http://x").ToString();
        }
        """);

    // ---------------------------------------------------------------- quiet: created once

    [Fact]
    public Task StaticReadonlyField_AndStaticConstructor_NoDiagnostic() => VerifyAsync("""
        using Grpc.Net.Client;
        using RestSharp;
        using StackExchange.Redis;

        public class Clients
        {
            private static readonly RestClient s_rest = new RestClient("https://api.example");
            private static readonly GrpcChannel s_channel;
            private static ConnectionMultiplexer s_redis;

            static Clients()
            {
                s_channel = GrpcChannel.ForAddress("https://orders.internal");
            }

            public static ConnectionMultiplexer Redis => s_redis ?? (s_redis = ConnectionMultiplexer.Connect("localhost"));
        }
        """);

    [Fact]
    public Task LazyOfT_NoDiagnostic() => VerifyAsync("""
        using System;
        using StackExchange.Redis;

        public class Cache
        {
            private static readonly Lazy<ConnectionMultiplexer> s_redis =
                new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect("localhost"));

            public string Get(string key) => s_redis.Value.GetDatabase().StringGet(key);
        }
        """);

    [Fact]
    public Task PrivateFactoryCalledOnce_NoDiagnostic() => VerifyAsync("""
        using Microsoft.Azure.Cosmos;

        public class Documents
        {
            private static readonly CosmosClient s_cosmos = Create();

            private static CosmosClient Create() => new CosmosClient("AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;");
        }
        """);

    [Fact]
    public Task EntryPoint_OutsideLoops_NoDiagnostic() => VerifyAsync("""
        using Azure.Messaging.ServiceBus;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var client = new ServiceBusClient(args[0]);
                System.Console.WriteLine(client.FullyQualifiedNamespace);
            }
        }
        """, Sdks with { IsExecutable = true });

    [Fact]
    public Task OwnerHeldOnce_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        public class Api
        {
            private readonly RestClient _client = new RestClient("https://api.example");

            public RestResponse Get() => _client.Execute(new RestRequest("/"));
        }

        public static class Holder
        {
            public static readonly Api Shared = new Api();
        }
        """);

    [Fact]
    public Task TestProject_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        public class Tests
        {
            public RestClient Create(string url) => new RestClient(url);
        }
        """, Sdks with { GlobalConfig = "build_property.IsTestProject = true" });

    [Fact]
    public Task WithoutThePackages_TypesOfTheSameNames_NoDiagnostic() => VerifyAsync("""
        namespace RestSharp
        {
            public class RestClient
            {
                public RestClient(string url) { }
            }
        }

        namespace StackExchange.Redis
        {
            public static class ConnectionMultiplexer
            {
                public static object Connect(string configuration) => new object();
            }
        }

        public class Api
        {
            public object Create(string url) => new RestSharp.RestClient(url);

            public object Connect(string configuration) => StackExchange.Redis.ConnectionMultiplexer.Connect(configuration);
        }
        """, TestOptions.Default);

    [Fact]
    public Task BrokenCode_NoCrash() => VerifyAsync("""
        using RestSharp;
        using StackExchange.Redis;

        public class Api
        {
            public object Create(string url) => new RestClient(url, );

            public object Connect() => ConnectionMultiplexer.Connect(;

            public object Missing() => new RestClient(undefined).Missing;
        }
        """, Sdks with { IgnoreCompilerDiagnostics = true });
}
