using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.ConnectionOwner;

/// <summary>
/// HCG008 fix "Inject X as a singleton", offered where the container builds the creation's owner, the
/// creation reads only constants and statics, its one instance can be shared, and the project has one
/// composition root. Sources compile against the real SDKs and the ASP.NET Core 8 reference assemblies;
/// outputs are compiled, and the single fix and Fix All (document, project, solution) must agree.
/// </summary>
[Trait("Rule", "HCG008")]
public class HCG008InjectSingletonTests
{
    private static readonly TestOptions Sdks = new() { WithConnectionOwners = true, WithAspNetCore = true };
    private static readonly TestOptions SdksLatest = Sdks with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest };

    private static Task VerifyFixAsync(string[] sources, string[] fixedSources, TestOptions? options = null, int? codeActionIndex = null) =>
        Verify<ConnectionOwnerAnalyzer>.FixAsync<ConnectionOwnerFixer>(sources, fixedSources, options ?? Sdks, ConnectionOwnerFixer.InjectSingletonKey, codeActionIndex);

    private static Task VerifyNotOfferedAsync(params string[] sources) =>
        Verify<ConnectionOwnerAnalyzer>.FixAsync<ConnectionOwnerFixer>(sources, sources, Sdks, ConnectionOwnerFixer.InjectSingletonKey);

    /// <summary>A composition root registering one shared RestClient: what the fix writes, and the input where one already is.</summary>
    private const string StartupWithRestClient = """
        using Microsoft.Extensions.DependencyInjection;
        using RestSharp;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddSingleton(_ => new RestClient("https://api.example.com"));
            }
        }
        """;

    private const string Startup = """
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """;

    // ---------------------------------------------------------------- offered

    [Fact]
    public Task Controller_RestClientWithConstantUrl_ConstructorFieldAndSingletonRegistration() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get()
            {
                var client = {|HCG008:new RestClient("https://api.example.com")|};
                return client.Execute(new RestRequest("/orders"));
            }
        }
        """, Startup }, new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            private readonly RestClient _restClient;

            public OrdersController(RestClient restClient)
            {
                _restClient = restClient;
            }

            [HttpGet]
            public RestResponse Get()
            {
                var client = _restClient;
                return client.Execute(new RestRequest("/orders"));
            }
        }
        """, StartupWithRestClient }, codeActionIndex: 0);

    [Fact]
    public Task ScopedService_GrpcChannelFromStaticReadonly_ParameterAppendedRegistrationInBuilderServices() => VerifyFixAsync(new[] { """
        using Grpc.Net.Client;

        public interface IClock { }

        public static class Endpoints
        {
            public static readonly string Orders = "https://orders.internal";
        }

        public class OrderLookup
        {
            private readonly IClock _clock;

            public OrderLookup(IClock clock)
            {
                _clock = clock;
            }

            public string Target() => {|HCG008:GrpcChannel.ForAddress(Endpoints.Orders)|}.Target;
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddScoped<OrderLookup>();
                var app = builder.Build();
                app.Run();
            }
        }
        """ }, new[] { """
        using Grpc.Net.Client;

        public interface IClock { }

        public static class Endpoints
        {
            public static readonly string Orders = "https://orders.internal";
        }

        public class OrderLookup
        {
            private readonly IClock _clock;
            private readonly GrpcChannel _grpcChannel;

            public OrderLookup(IClock clock, GrpcChannel grpcChannel)
            {
                _clock = clock;
                _grpcChannel = grpcChannel;
            }

            public string Target() => _grpcChannel.Target;
        }
        """, """
        using Grpc.Net.Client;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddScoped<OrderLookup>();
                builder.Services.AddSingleton(_ => GrpcChannel.ForAddress(Endpoints.Orders));
                var app = builder.Build();
                app.Run();
            }
        }
        """ });

    [Fact]
    public Task CreatedInControllerConstructor_UsesTheConstructorParameter() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        public static class Settings
        {
            public const string Account = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;";
        }

        public class ItemsController : ControllerBase
        {
            private readonly Container _items;

            public ItemsController()
            {
                var cosmos = {|HCG008:new CosmosClientBuilder(Settings.Account).WithApplicationName("items").Build()|};
                _items = cosmos.GetContainer("db", "items");
            }

            [HttpGet]
            public string Id() => _items.Id;
        }
        """, Startup }, new[] { """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        public static class Settings
        {
            public const string Account = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;";
        }

        public class ItemsController : ControllerBase
        {
            private readonly Container _items;

            public ItemsController(CosmosClient cosmosClient)
            {
                var cosmos = cosmosClient;
                _items = cosmos.GetContainer("db", "items");
            }

            [HttpGet]
            public string Id() => _items.Id;
        }
        """, """
        using Microsoft.Azure.Cosmos.Fluent;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddSingleton(_ => new CosmosClientBuilder(Settings.Account).WithApplicationName("items").Build());
            }
        }
        """ });

    [Fact]
    public Task FixAll_SameClientInTwoControllers_OneRegistrationAndOneFieldPerController() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders"));

            [HttpDelete]
            public RestResponse Delete() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders", Method.Delete));
        }
        """, """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class InvoicesController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/invoices"));
        }
        """, Startup }, new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            private readonly RestClient _restClient;

            public OrdersController(RestClient restClient)
            {
                _restClient = restClient;
            }

            [HttpGet]
            public RestResponse Get() => _restClient.Execute(new RestRequest("/orders"));

            [HttpDelete]
            public RestResponse Delete() => _restClient.Execute(new RestRequest("/orders", Method.Delete));
        }
        """, """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class InvoicesController : ControllerBase
        {
            private readonly RestClient _restClient;

            public InvoicesController(RestClient restClient)
            {
                _restClient = restClient;
            }

            [HttpGet]
            public RestResponse Get() => _restClient.Execute(new RestRequest("/invoices"));
        }
        """, StartupWithRestClient });

    [Fact]
    public Task EqualSingletonAlreadyRegistered_FieldFilledFromConstructorReused_NothingWrittenInRoot() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            private readonly RestClient _api;

            public OrdersController(RestClient api)
            {
                _api = api;
            }

            [HttpGet]
            public RestResponse Get() => _api.Execute(new RestRequest("/orders"));

            [HttpGet("count")]
            public RestResponse Count() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders/count"));
        }
        """, StartupWithRestClient }, new[] { """
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            private readonly RestClient _api;

            public OrdersController(RestClient api)
            {
                _api = api;
            }

            [HttpGet]
            public RestResponse Get() => _api.Execute(new RestRequest("/orders"));

            [HttpGet("count")]
            public RestResponse Count() => _api.Execute(new RestRequest("/orders/count"));
        }
        """, StartupWithRestClient });

    [Fact]
    public Task PrimaryConstructor_GetsParameter() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Mvc;
        using StackExchange.Redis;

        public interface IClock { }

        public class CacheController(IClock clock) : ControllerBase
        {
            [HttpGet]
            public string Get(string key) => {|HCG008:ConnectionMultiplexer.Connect("localhost:6379")|}.GetDatabase().StringGet(key) + clock;
        }
        """, Startup }, new[] { """
        using Microsoft.AspNetCore.Mvc;
        using StackExchange.Redis;

        public interface IClock { }

        public class CacheController(IClock clock, ConnectionMultiplexer connectionMultiplexer) : ControllerBase
        {
            [HttpGet]
            public string Get(string key) => connectionMultiplexer.GetDatabase().StringGet(key) + clock;
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;
        using StackExchange.Redis;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddSingleton(_ => ConnectionMultiplexer.Connect("localhost:6379"));
            }
        }
        """ }, SdksLatest);

    [Fact]
    public Task MinimalApiHandler_GetsParameterAndRegistrationBeforeBuild() => VerifyFixAsync(new[] { """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using SendGrid;
        using SendGrid.Helpers.Mail;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapPost("/mail", async (string to) =>
        {
            var client = {|HCG008:new SendGridClient("SG.key")|};
            var response = await client.SendEmailAsync(MailHelper.CreateSingleEmail(new EmailAddress("app@example.com"), new EmailAddress(to), "Hi", "Hi", null));
            return (int)response.StatusCode;
        });
        app.Run();
        """ }, new[] { """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using SendGrid;
        using SendGrid.Helpers.Mail;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRouting();
        builder.Services.AddSingleton(_ => new SendGridClient("SG.key"));
        var app = builder.Build();
        app.MapPost("/mail", async (string to, SendGridClient sendGridClient) =>
        {
            var client = sendGridClient;
            var response = await client.SendEmailAsync(MailHelper.CreateSingleEmail(new EmailAddress("app@example.com"), new EmailAddress(to), "Hi", "Hi", null));
            return (int)response.StatusCode;
        });
        app.Run();
        """ }, SdksLatest with { IsExecutable = true });

    [Fact]
    public Task HostedService_HostBuilderLambdaWithDiscardNamedContext_LambdaParameterNotHidden() => VerifyFixAsync(new[] { """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;
        using StackExchange.Redis;

        public class Worker : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var redis = {|HCG008:ConnectionMultiplexer.Connect("localhost:6379")|};
                    await redis.GetDatabase().StringSetAsync("heartbeat", "1");
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args)
                    .ConfigureServices((_, services) =>
                    {
                        services.AddHostedService<Worker>();
                    })
                    .Build()
                    .Run();
            }
        }
        """ }, new[] { """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;
        using StackExchange.Redis;

        public class Worker : BackgroundService
        {
            private readonly ConnectionMultiplexer _connectionMultiplexer;

            public Worker(ConnectionMultiplexer connectionMultiplexer)
            {
                _connectionMultiplexer = connectionMultiplexer;
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var redis = _connectionMultiplexer;
                    await redis.GetDatabase().StringSetAsync("heartbeat", "1");
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using StackExchange.Redis;

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args)
                    .ConfigureServices((_, services) =>
                    {
                        services.AddHostedService<Worker>();
                        services.AddSingleton(serviceProvider => ConnectionMultiplexer.Connect("localhost:6379"));
                    })
                    .Build()
                    .Run();
            }
        }
        """ });

    // ---------------------------------------------------------------- not offered

    [Fact]
    public Task ArgumentFromParameter_NotOffered() => VerifyNotOfferedAsync("""
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class ProxyController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get(string url) => {|HCG008:new RestClient(url)|}.Execute(new RestRequest("/"));
        }
        """, Startup);

    [Fact]
    public Task DisposedPerCall_NotOffered() => VerifyNotOfferedAsync("""
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get()
            {
                using (var client = {|HCG008:new RestClient("https://api.example.com")|})
                {
                    return client.Execute(new RestRequest("/orders"));
                }
            }

            [HttpDelete]
            public RestResponse Delete()
            {
                var client = {|HCG008:new RestClient("https://api.example.com")|};
                var response = client.Execute(new RestRequest("/orders", Method.Delete));
                client.Dispose();
                return response;
            }
        }
        """, Startup);

    [Fact]
    public Task ChangedPerCall_CredentialsHeadersEvents_NotOffered() => VerifyNotOfferedAsync("""
        using System.Threading.Tasks;
        using Flurl.Http;
        using Microsoft.AspNetCore.Mvc;
        using Octokit;
        using StackExchange.Redis;

        public class ReposController : ControllerBase
        {
            [HttpGet]
            public Task<Repository> Get(string token)
            {
                var github = {|HCG008:new GitHubClient(new ProductHeaderValue("app"))|};
                github.Credentials = new Credentials(token);
                return github.Repository.Get("owner", "name");
            }

            [HttpGet("flurl")]
            public Task<string> Flurl(string token)
            {
                var client = {|HCG008:new FlurlClient("https://api.example.com")|};
                client.WithOAuthBearerToken(token);
                return client.Request("items").GetStringAsync();
            }

            [HttpGet("headers")]
            public Task<string> Headers(string token)
            {
                var client = {|HCG008:new FlurlClient("https://api.example.com")|};
                client.Headers.Add("Authorization", token);
                return client.Request("items").GetStringAsync();
            }

            [HttpGet("redis")]
            public string Redis()
            {
                var redis = {|HCG008:ConnectionMultiplexer.Connect("localhost:6379")|};
                redis.ConnectionFailed += (sender, args) => { };
                return redis.GetDatabase().StringGet("key");
            }
        }
        """, Startup);

    [Fact]
    public Task ReturnedToTheCaller_NotOffered() => VerifyNotOfferedAsync("""
        using RestSharp;

        public class Clients
        {
            public RestClient Create() => {|HCG008:new RestClient("https://api.example.com")|};
        }

        public class Consumer
        {
            private readonly Clients _clients;

            public Consumer(Clients clients)
            {
                _clients = clients;
            }

            public RestResponse Get()
            {
                using (var client = _clients.Create())
                {
                    return client.Execute(new RestRequest("/"));
                }
            }
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddTransient<Clients>();
                services.AddTransient<Consumer>();
            }
        }
        """);

    [Fact]
    public Task NoCompositionRoot_NotOffered() => VerifyNotOfferedAsync("""
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders"));
        }
        """);

    [Fact]
    public Task TwoCompositionRoots_NotOffered() => VerifyNotOfferedAsync("""
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders"));
        }
        """, Startup, """
        using Microsoft.Extensions.DependencyInjection;

        public class AdminStartup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task TypeRegisteredOrAskedForDifferently_NotOffered() => VerifyNotOfferedAsync("""
        using Grpc.Net.Client;
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;
        using StackExchange.Redis;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders"));

            [HttpGet("target")]
            public string Target() => {|HCG008:GrpcChannel.ForAddress("https://orders.internal")|}.Target;

            [HttpGet("cache")]
            public string Cache() => {|HCG008:ConnectionMultiplexer.Connect("localhost:6379")|}.GetDatabase().StringGet("key");
        }

        public class Reports
        {
            private readonly GrpcChannel _channel;

            public Reports(GrpcChannel channel = null)
            {
                _channel = channel;
            }
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;
        using RestSharp;
        using StackExchange.Redis;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddSingleton(_ => new RestClient("https://other.example.com"));
                services.Add(ServiceDescriptor.Singleton(typeof(ConnectionMultiplexer), _ => ConnectionMultiplexer.Connect("cache.internal:6379")));
            }
        }
        """);

    [Fact]
    public Task PrivateConstantOrOwnerNotBuiltByContainer_NotOffered() => VerifyNotOfferedAsync("""
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;

        public class OrdersController : ControllerBase
        {
            private const string BaseUrl = "https://api.example.com";

            [HttpGet]
            public RestResponse Get() => {|HCG008:new RestClient(BaseUrl)|}.Execute(new RestRequest("/orders"));
        }

        public class Api
        {
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/items"));
        }

        public class Caller
        {
            public RestResponse Call() => new Api().Get();
        }
        """, Startup);

    [Fact]
    public Task OwnerAlsoBuiltByCodeOrClientAwaited_NotOffered() => VerifyNotOfferedAsync("""
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using RestSharp;
        using StackExchange.Redis;

        public class OrderLookup
        {
            public RestResponse Get() => {|HCG008:new RestClient("https://api.example.com")|}.Execute(new RestRequest("/orders"));
        }

        public class CacheController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await (await {|HCG008:ConnectionMultiplexer.ConnectAsync("localhost:6379")|}).GetDatabase().StringGetAsync("key");

            [HttpGet("orders")]
            public RestResponse Orders() => new OrderLookup().Get();
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddScoped<OrderLookup>();
            }
        }
        """);
}
