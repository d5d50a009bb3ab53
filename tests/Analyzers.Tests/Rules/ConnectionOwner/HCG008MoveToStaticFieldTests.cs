using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.ConnectionOwner;

/// <summary>HCG008 fix: "Move to a static readonly field", offered only when the arguments are constants or static readonly state.</summary>
[Trait("Rule", "HCG008")]
public class HCG008MoveToStaticFieldTests
{
    private static readonly TestOptions Sdks = new() { WithConnectionOwners = true };

    private static Task VerifyFixAsync(string source, string fixedSource) =>
        Verify<ConnectionOwnerAnalyzer>.FixAsync<ConnectionOwnerFixer>(source, fixedSource, Sdks, ConnectionOwnerFixer.MoveToStaticFieldKey);

    /// <summary>The fix is not offered: the document stays as it is (its diagnostics still checked).</summary>
    private static Task VerifyNoFixAsync(string source) => VerifyFixAsync(source, source);

    [Fact]
    public Task ConstantArgument_RestClient_BecomesStaticField() => VerifyFixAsync("""
        using RestSharp;

        public class Api
        {
            public RestResponse Get()
            {
                var client = {|HCG008:new RestClient("https://api.example")|};
                return client.Execute(new RestRequest("/items"));
            }
        }
        """, """
        using RestSharp;

        public class Api
        {
            private static readonly RestClient s_restClient = new RestClient("https://api.example");

            public RestResponse Get()
            {
                var client = s_restClient;
                return client.Execute(new RestRequest("/items"));
            }
        }
        """);

    [Fact]
    public Task StaticReadonlyArgument_GrpcChannel_PlacedAfterTheFieldItReads() => VerifyFixAsync("""
        using Grpc.Net.Client;

        public class Orders
        {
            private static readonly string _address = "https://orders.internal";

            public string Target() => {|HCG008:GrpcChannel.ForAddress(_address)|}.Target;
        }
        """, """
        using Grpc.Net.Client;

        public class Orders
        {
            private static readonly string _address = "https://orders.internal";
            private static readonly GrpcChannel _grpcChannel = GrpcChannel.ForAddress(_address);

            public string Target() => _grpcChannel.Target;
        }
        """);

    [Fact]
    public Task BuilderWithConstants_CosmosClient_FixAllMakesUniqueFields() => VerifyFixAsync("""
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        public class Documents
        {
            private const string Account = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;";

            public Container Items() => {|HCG008:new CosmosClientBuilder(Account).WithApplicationName("app").Build()|}.GetContainer("db", "items");

            public Container Orders() => {|HCG008:new CosmosClientBuilder(Account).Build()|}.GetContainer("db", "orders");
        }
        """, """
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        public class Documents
        {
            private const string Account = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;";
            private static readonly CosmosClient s_cosmosClient = new CosmosClientBuilder(Account).WithApplicationName("app").Build();
            private static readonly CosmosClient s_cosmosClient2 = new CosmosClientBuilder(Account).Build();

            public Container Items() => s_cosmosClient.GetContainer("db", "items");

            public Container Orders() => s_cosmosClient2.GetContainer("db", "orders");
        }
        """);

    [Fact]
    public Task ArgumentFromParameter_NoFix() => VerifyNoFixAsync("""
        using RestSharp;

        public class Api
        {
            public RestResponse Get(string url) => {|HCG008:new RestClient(url)|}.Execute(new RestRequest("/"));
        }
        """);

    [Fact]
    public Task DisposedWhereCreated_NoFix() => VerifyNoFixAsync("""
        using StackExchange.Redis;

        public class Cache
        {
            public string Get(string key)
            {
                using (var redis = {|HCG008:ConnectionMultiplexer.Connect("localhost")|})
                {
                    return redis.GetDatabase().StringGet(key);
                }
            }

            public string GetAndClose(string key)
            {
                var redis = {|HCG008:ConnectionMultiplexer.Connect("localhost")|};
                var value = redis.GetDatabase().StringGet(key);
                redis.Close();
                return value;
            }
        }
        """);

    [Fact]
    public Task AwaitedOrMutableStaticOrStaticConstructorState_NoFix() => VerifyNoFixAsync("""
        using System.Threading.Tasks;
        using StackExchange.Redis;

        public class Cache
        {
            private static string s_mutable = "localhost";
            private static readonly string s_fromConstructor;

            static Cache()
            {
                s_fromConstructor = "localhost";
            }

            public async Task<string> GetAsync(string key) => await (await {|HCG008:ConnectionMultiplexer.ConnectAsync("localhost")|}).GetDatabase().StringGetAsync(key);

            public string Mutable(string key) => {|HCG008:ConnectionMultiplexer.Connect(s_mutable)|}.GetDatabase().StringGet(key);

            public string FromConstructor(string key) => {|HCG008:ConnectionMultiplexer.Connect(s_fromConstructor)|}.GetDatabase().StringGet(key);
        }
        """);

    [Fact]
    public Task ChangedPerCallOrReturned_NoFix() => VerifyNoFixAsync("""
        using System.Threading.Tasks;
        using Flurl.Http;
        using Octokit;
        using RestSharp;

        public class Clients
        {
            public Task<Repository> Repository(string token)
            {
                var github = {|HCG008:new GitHubClient(new ProductHeaderValue("app"))|};
                github.Credentials = new Credentials(token);
                return github.Repository.Get("owner", "name");
            }

            public Task<string> Items(string token)
            {
                var client = {|HCG008:new FlurlClient("https://api.example.com")|};
                client.Headers.Add("Authorization", token);
                return client.Request("items").GetStringAsync();
            }

            public RestClient Create() => {|HCG008:new RestClient("https://api.example.com")|};
        }

        public class Caller
        {
            public RestResponse Get(Clients clients) => clients.Create().Execute(new RestRequest("/"));
        }
        """);

    [Fact]
    public Task UsedThroughCallsAndArguments_GrpcChannelForGeneratedStyleClient_BecomesStaticField() => VerifyFixAsync("""
        using Grpc.Core;
        using Grpc.Net.Client;

        public class Orders
        {
            public CallInvoker Invoker()
            {
                var channel = {|HCG008:GrpcChannel.ForAddress("https://orders.internal")|};
                return Wrap(channel).CreateCallInvoker();
            }

            private static GrpcChannel Wrap(GrpcChannel channel) => channel;
        }
        """, """
        using Grpc.Core;
        using Grpc.Net.Client;

        public class Orders
        {
            private static readonly GrpcChannel s_grpcChannel = GrpcChannel.ForAddress("https://orders.internal");

            public CallInvoker Invoker()
            {
                var channel = s_grpcChannel;
                return Wrap(channel).CreateCallInvoker();
            }

            private static GrpcChannel Wrap(GrpcChannel channel) => channel;
        }
        """);
}
