using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// HCG001 fix "Inject IHttpClientFactory", offered where the container builds the creation's owner.
/// Every source compiles against the ASP.NET Core 8 reference assemblies; outputs are compiled and must
/// have no HCG001 left.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001InjectHttpClientFactoryTests
{
    private static readonly TestOptions AspNetCore = new() { WithAspNetCore = true };
    private static readonly TestOptions AspNetCoreLatest = TestOptions.LatestOnly with { WithAspNetCore = true };

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, options ?? AspNetCore, PerCallCreationFixer.InjectFactoryKey);

    private static Task VerifyFixAsync(string[] sources, string[] fixedSources, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(sources, fixedSources, options ?? AspNetCore, PerCallCreationFixer.InjectFactoryKey);

    private static Task VerifyNotOfferedAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, source, options ?? AspNetCore, PerCallCreationFixer.InjectFactoryKey);

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

    [Fact]
    public Task Controller_NoConstructor_AddsConstructorFieldAndRegistration() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://api.example.com/orders");
                }
            }
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://api.example.com/orders");
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task HandlerSettings_BecomeNamedRegistrationInBuilderServices() => VerifyFixAsync(new[] { """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class ReportsController : ControllerBase
        {
            private readonly ILoggerStub _logger;

            public ReportsController(ILoggerStub logger)
            {
                _logger = logger;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip, MaxConnectionsPerServer = 4 })|} { Timeout = System.TimeSpan.FromSeconds(5) })
                {
                    return await client.GetStringAsync("https://reports.example.com/");
                }
            }
        }

        public interface ILoggerStub { }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = builder.Build();
                app.MapControllers();
                app.Run();
            }
        }
        """ }, new[] { """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class ReportsController : ControllerBase
        {
            private readonly ILoggerStub _logger;
            private readonly IHttpClientFactory _httpClientFactory;

            public ReportsController(ILoggerStub logger, IHttpClientFactory httpClientFactory)
            {
                _logger = logger;
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = _httpClientFactory.CreateClient("ReportsController"))
                {
                    client.Timeout = System.TimeSpan.FromSeconds(5);
                    return await client.GetStringAsync("https://reports.example.com/");
                }
            }
        }

        public interface ILoggerStub { }
        """, """
        using System.Net;
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddHttpClient("ReportsController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip, MaxConnectionsPerServer = 4, UseCookies = false });
                var app = builder.Build();
                app.MapControllers();
                app.Run();
            }
        }
        """ });

    [Fact]
    public Task MinimalApiLambda_GetsFactoryParameter() => VerifyFixAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/weather", async (string city) =>
        {
            using var client = {|HCG001:new HttpClient()|};
            return await client.GetStringAsync("https://weather.example.com/" + city);
        });
        app.Run();
        """, """
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        var app = builder.Build();
        app.MapGet("/weather", async (string city, IHttpClientFactory httpClientFactory) =>
        {
            using var client = httpClientFactory.CreateClient("NoCookies");
            return await client.GetStringAsync("https://weather.example.com/" + city);
        });
        app.Run();
        """, AspNetCoreLatest with { IsExecutable = true });

    [Fact]
    public Task RegisteredService_HungarianFieldsAndInitializerSettings_FactoryAlreadyRegistered() => VerifyFixAsync(new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IWeather
        {
            Task<string> ForecastAsync(string city);
        }

        public class WeatherService : IWeather
        {
            private readonly Uri m_baseAddress;

            public WeatherService(Uri baseAddress) => m_baseAddress = baseAddress;

            public async Task<string> ForecastAsync(string city)
            {
                var client = {|HCG001:new HttpClient()|} { BaseAddress = m_baseAddress, DefaultRequestHeaders = { { "Accept", "application/json" } } };
                return await client.GetStringAsync("forecast/" + city);
            }
        }
        """, """
        using System;
        using Microsoft.Extensions.DependencyInjection;

        public static class Composition
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton(new Uri("https://weather.example.com/"));
                services.AddScoped<IWeather, WeatherService>();
                services.AddHttpClient("other");
            }
        }
        """ }, new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IWeather
        {
            Task<string> ForecastAsync(string city);
        }

        public class WeatherService : IWeather
        {
            private readonly Uri m_baseAddress;
            private readonly IHttpClientFactory m_httpClientFactory;

            public WeatherService(Uri baseAddress, IHttpClientFactory httpClientFactory)
            {
                m_baseAddress = baseAddress;
                m_httpClientFactory = httpClientFactory;
            }

            public async Task<string> ForecastAsync(string city)
            {
                var client = m_httpClientFactory.CreateClient("NoCookies");
                client.BaseAddress = m_baseAddress;
                client.DefaultRequestHeaders.Add("Accept", "application/json");
                return await client.GetStringAsync("forecast/" + city);
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public static class Composition
        {
            public static void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton(new Uri("https://weather.example.com/"));
                services.AddScoped<IWeather, WeatherService>();
                services.AddHttpClient("other");
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task ThisQualifiedStyle_FieldWithoutPrefix() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class StatusController : ControllerBase
        {
            private readonly string prefix;

            public StatusController()
            {
                this.prefix = "status: ";
            }

            [HttpGet]
            public async Task<string> Get() => this.prefix + await {|HCG001:new HttpClient()|}.GetStringAsync("https://status.example.com/");
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class StatusController : ControllerBase
        {
            private readonly string prefix;
            private readonly IHttpClientFactory httpClientFactory;

            public StatusController(IHttpClientFactory httpClientFactory)
            {
                this.httpClientFactory = httpClientFactory;
                this.prefix = "status: ";
            }

            [HttpGet]
            public async Task<string> Get() => this.prefix + await this.httpClientFactory.CreateClient("NoCookies").GetStringAsync("https://status.example.com/");
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task ExistingFactoryField_Reused() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class PagesController : Controller
        {
            private readonly IHttpClientFactory _clients;

            public PagesController(IHttpClientFactory clients) => _clients = clients;

            public async Task<string> Index()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://pages.example.com/");
                }
            }
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class PagesController : Controller
        {
            private readonly IHttpClientFactory _clients;

            public PagesController(IHttpClientFactory clients) => _clients = clients;

            public async Task<string> Index()
            {
                using (var client = _clients.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://pages.example.com/");
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task PrimaryConstructor_GetsParameter() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        public class InventoryService(ILogger<InventoryService> logger)
        {
            public async Task<string> CountAsync(string sku)
            {
                logger.LogInformation("count {Sku}", sku);
                using var client = {|HCG001:new HttpClient()|};
                return await client.GetStringAsync("https://inventory.example.com/" + sku);
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddTransient<InventoryService>();
                builder.Build().Run();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        public class InventoryService(ILogger<InventoryService> logger, IHttpClientFactory httpClientFactory)
        {
            public async Task<string> CountAsync(string sku)
            {
                logger.LogInformation("count {Sku}", sku);
                using var client = httpClientFactory.CreateClient("NoCookies");
                return await client.GetStringAsync("https://inventory.example.com/" + sku);
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddTransient<InventoryService>();
                builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                builder.Build().Run();
            }
        }
        """, AspNetCoreLatest);

    [Fact]
    public Task SeveralPublicConstructors_EachGetsParameter() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        public class Notifier
        {
            private readonly ILogger _logger;

            public Notifier()
            {
            }

            public Notifier(ILogger<Notifier> logger)
            {
                _logger = logger;
            }

            public async Task NotifyAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.PostAsync(url, null);
                }
            }
        }
        """, """
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton<Notifier>();
                services.AddHttpClient();
            }
        }
        """ }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        public class Notifier
        {
            private readonly ILogger _logger;
            private readonly IHttpClientFactory _httpClientFactory;

            public Notifier(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            public Notifier(ILogger<Notifier> logger, IHttpClientFactory httpClientFactory)
            {
                _logger = logger;
                _httpClientFactory = httpClientFactory;
            }

            public async Task NotifyAsync(string url)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    await client.PostAsync(url, null);
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton<Notifier>();
                services.AddHttpClient();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task PartialClass_ParameterGoesWhereTheConstructorIs() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public partial class SearchController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Find(string q)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://search.example.com/?q=" + q);
                }
            }
        }
        """, """
        using Microsoft.Extensions.Logging;

        public partial class SearchController
        {
            private readonly ILogger _logger;

            public SearchController(ILogger<SearchController> logger)
            {
                _logger = logger;
            }
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public partial class SearchController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Find(string q)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://search.example.com/?q=" + q);
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.Logging;

        public partial class SearchController
        {
            private readonly ILogger _logger;
            private readonly IHttpClientFactory _httpClientFactory;

            public SearchController(ILogger<SearchController> logger, IHttpClientFactory httpClientFactory)
            {
                _logger = logger;
                _httpClientFactory = httpClientFactory;
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task OpenGenericRegistration_GenericTypeGetsConstructor() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public interface IRepository<T>
        {
            Task<string> LoadAsync(string id);
        }

        public class HttpRepository<T> : IRepository<T>
        {
            public async Task<string> LoadAsync(string id)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://store.example.com/" + typeof(T).Name + "/" + id);
                }
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args)
                    .ConfigureServices((context, services) => services.AddScoped(typeof(IRepository<>), typeof(HttpRepository<>)))
                    .Build()
                    .Run();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public interface IRepository<T>
        {
            Task<string> LoadAsync(string id);
        }

        public class HttpRepository<T> : IRepository<T>
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public HttpRepository(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            public async Task<string> LoadAsync(string id)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://store.example.com/" + typeof(T).Name + "/" + id);
                }
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args)
                    .ConfigureServices((context, services) =>
                    {
                        services.AddScoped(typeof(IRepository<>), typeof(HttpRepository<>));
                        services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                    })
                    .Build()
                    .Run();
            }
        }
        """);

    [Fact]
    public Task HostedService_CreationInLoop() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public class Poller : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        await client.GetStringAsync("https://feed.example.com/", stoppingToken);
                    }
                }
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args).ConfigureServices(services =>
                {
                    services.AddHostedService<Poller>();
                }).Build().Run();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public class Poller : BackgroundService
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public Poller(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    using (var client = _httpClientFactory.CreateClient("NoCookies"))
                    {
                        await client.GetStringAsync("https://feed.example.com/", stoppingToken);
                    }
                }
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                Host.CreateDefaultBuilder(args).ConfigureServices(services =>
                {
                    services.AddHostedService<Poller>();
                    services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                }).Build().Run();
            }
        }
        """);

    [Fact]
    public Task ControllerConstructorCreation_UsesTheParameterAndKeepsSettings() => VerifyFixAsync(new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class FeedController : ControllerBase
        {
            private readonly HttpClient _client;

            public FeedController()
            {
                _client = {|HCG001:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(3) };
            }

            [HttpGet]
            public Task<string> Get() => _client.GetStringAsync("https://feed.example.com/");
        }
        """, Startup }, new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class FeedController : ControllerBase
        {
            private readonly HttpClient _client;

            public FeedController(IHttpClientFactory httpClientFactory)
            {
                _client = httpClientFactory.CreateClient("NoCookies");
                _client.Timeout = TimeSpan.FromSeconds(3);
            }

            [HttpGet]
            public Task<string> Get() => _client.GetStringAsync("https://feed.example.com/");
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task Middleware_FromUseMiddleware() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class GeoMiddleware
        {
            private readonly RequestDelegate _next;

            public GeoMiddleware(RequestDelegate next)
            {
                _next = next;
            }

            public async Task InvokeAsync(HttpContext context)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    context.Items["country"] = await client.GetStringAsync("https://geo.example.com/");
                }

                await _next(context);
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHttpClient();
                var app = builder.Build();
                app.UseMiddleware<GeoMiddleware>();
                app.Run();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class GeoMiddleware
        {
            private readonly RequestDelegate _next;
            private readonly IHttpClientFactory _httpClientFactory;

            public GeoMiddleware(RequestDelegate next, IHttpClientFactory httpClientFactory)
            {
                _next = next;
                _httpClientFactory = httpClientFactory;
            }

            public async Task InvokeAsync(HttpContext context)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    context.Items["country"] = await client.GetStringAsync("https://geo.example.com/");
                }

                await _next(context);
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHttpClient();
                builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                var app = builder.Build();
                app.UseMiddleware<GeoMiddleware>();
                app.Run();
            }
        }
        """);

    /// <summary>The isolated worker's attribute, declared here: the Functions packages are not in the test's reference set.</summary>
    private const string FunctionsWorkerAttribute = """
        namespace Microsoft.Azure.Functions.Worker
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionAttribute : System.Attribute
            {
                public FunctionAttribute(string name) { }
            }
        }
        """;

    [Fact]
    public Task AzureFunctionsWorkerClass_GetsConstructor() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;

        public class Relay
        {
            [Function("Relay")]
            public async Task<string> Run(string input)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://relay.example.com/" + input);
                }
            }
        }
        """, FunctionsWorkerAttribute, """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public static class Program
        {
            public static void Main()
            {
                new HostBuilder().ConfigureServices(services => services.AddLogging()).Build().Run();
            }
        }
        """ }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;

        public class Relay
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public Relay(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [Function("Relay")]
            public async Task<string> Run(string input)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://relay.example.com/" + input);
                }
            }
        }
        """, FunctionsWorkerAttribute, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public static class Program
        {
            public static void Main()
            {
                new HostBuilder().ConfigureServices(services =>
                {
                    services.AddLogging();
                    services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                }).Build().Run();
            }
        }
        """ });

    [Fact]
    public Task MinimalApiLocalFunction_GetsFactoryParameter() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.MapGet("/quote", GetQuote);
        app.Run();

        static async Task<string> GetQuote(string symbol)
        {
            using var client = {|HCG001:new HttpClient()|};
            return await client.GetStringAsync("https://quotes.example.com/" + symbol);
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient();
        builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        var app = builder.Build();
        app.MapGet("/quote", GetQuote);
        app.Run();

        static async Task<string> GetQuote(string symbol, IHttpClientFactory httpClientFactory)
        {
            using var client = httpClientFactory.CreateClient("NoCookies");
            return await client.GetStringAsync("https://quotes.example.com/" + symbol);
        }
        """, AspNetCoreLatest with { IsExecutable = true });

    [Fact]
    public Task FixAll_SeveralControllersAndAService_OneRegistrationPerNamedClient() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpGet("a")]
            public async Task<string> A()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    return await client.GetStringAsync("https://orders.example.com/a");
                }
            }

            [HttpGet("b")]
            public async Task<string> B()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    return await client.GetStringAsync("https://orders.example.com/b");
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class CustomersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    return await client.GetStringAsync("https://customers.example.com/");
                }
            }

            [HttpPost]
            public async Task Post()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.PostAsync("https://customers.example.com/", null);
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Billing
        {
            public async Task ChargeAsync()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.PostAsync("https://billing.example.com/", null);
                }
            }
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddScoped<Billing>();
                var app = builder.Build();
                app.MapControllers();
                app.Run();
            }
        }
        """ }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet("a")]
            public async Task<string> A()
            {
                using (var client = _httpClientFactory.CreateClient("OrdersController"))
                {
                    return await client.GetStringAsync("https://orders.example.com/a");
                }
            }

            [HttpGet("b")]
            public async Task<string> B()
            {
                using (var client = _httpClientFactory.CreateClient("OrdersController"))
                {
                    return await client.GetStringAsync("https://orders.example.com/b");
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class CustomersController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public CustomersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = _httpClientFactory.CreateClient("CustomersController"))
                {
                    return await client.GetStringAsync("https://customers.example.com/");
                }
            }

            [HttpPost]
            public async Task Post()
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    await client.PostAsync("https://customers.example.com/", null);
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Billing
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public Billing(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            public async Task ChargeAsync()
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    await client.PostAsync("https://billing.example.com/", null);
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddScoped<Billing>();
                builder.Services.AddHttpClient("OrdersController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                builder.Services.AddHttpClient("CustomersController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
                var app = builder.Build();
                app.MapControllers();
                app.Run();
            }
        }
        """ });

    [Fact]
    public Task DifferentHandlersInOneType_GetTheirOwnNames() => VerifyFixAsync(new[] { """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class MirrorController : ControllerBase
        {
            [HttpGet("plain")]
            public async Task<string> Plain()
            {
                var handler = new HttpClientHandler { AllowAutoRedirect = false };
                using (var client = {|HCG001:new HttpClient(handler)|})
                {
                    return await client.GetStringAsync("https://mirror.example.com/");
                }
            }

            [HttpGet("gzip")]
            public async Task<string> Gzip()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }, disposeHandler: true)|})
                {
                    return await client.GetStringAsync("https://mirror.example.com/");
                }
            }
        }
        """, Startup }, new[] { """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class MirrorController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public MirrorController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet("plain")]
            public async Task<string> Plain()
            {
                using (var client = _httpClientFactory.CreateClient("MirrorController"))
                {
                    return await client.GetStringAsync("https://mirror.example.com/");
                }
            }

            [HttpGet("gzip")]
            public async Task<string> Gzip()
            {
                using (var client = _httpClientFactory.CreateClient("MirrorController2"))
                {
                    return await client.GetStringAsync("https://mirror.example.com/");
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("MirrorController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
                services.AddHttpClient("MirrorController2").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip, UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task ContainerBuiltOwner_FactoryFixComesFirst() => Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient()|}.GetStringAsync("https://orders.example.com/");
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get() => await _httpClientFactory.CreateClient("NoCookies").GetStringAsync("https://orders.example.com/");
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ }, AspNetCore with { WithRuntime = true }, PerCallCreationFixer.InjectFactoryKey, codeActionIndex: 0);

    [Fact]
    public Task NotBuiltByContainer_PoolFixStaysFirst() => Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Reporter
        {
            public async Task<string> Get() => await {|HCG001:new HttpClient()|}.GetStringAsync("https://orders.example.com/");
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class Reporter
        {
            public async Task<string> Get() => await HttpClientPool.CreateClient().GetStringAsync("https://orders.example.com/");
        }
        """, AspNetCore with { WithRuntime = true }, PerCallCreationFixer.UsePoolKey, codeActionIndex: 0);

    [Fact]
    public Task RegisteredThroughFactoryLambda_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public class Api
        {
            public Api(string name) { }

            public async Task<string> GetAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddScoped(sp => new Api("orders"));
            }
        }
        """);

    [Fact]
    public Task ControllerAlsoBuiltByCode_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient()|}.GetStringAsync("https://orders.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }

        public static class Smoke
        {
            public static Task<string> Run() => new OrdersController().Get();
        }
        """);

    [Fact]
    public Task AbstractBaseController_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public abstract class ApiControllerBase : ControllerBase
        {
            protected async Task<string> FetchAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }

        public class OrdersController : ApiControllerBase
        {
            [HttpGet]
            public Task<string> Get() => FetchAsync("https://orders.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task TypedClient_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public class GitHubService
        {
            private readonly HttpClient _client;

            public GitHubService(HttpClient client) => _client = client;

            public async Task<string> RawAsync(string url)
            {
                using (var raw = {|HCG001:new HttpClient()|})
                {
                    return await raw.GetStringAsync(url) + await _client.GetStringAsync(url);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddHttpClient<GitHubService>();
            }
        }
        """);

    [Fact]
    public Task HandlerReadsInstanceState_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class ProxyController : ControllerBase
        {
            private readonly int _connections = 4;

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { MaxConnectionsPerServer = _connections })|})
                {
                    return await client.GetStringAsync("https://proxy.example.com/");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task HandlerWithCookieState_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class LoginController : ControllerBase
        {
            [HttpPost]
            public async Task<string> Post()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })|})
                {
                    await client.PostAsync("https://sso.example.com/login", null);
                    return await client.GetStringAsync("https://sso.example.com/me");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task NoCompositionRootAndNothingRegistersTheFactory_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient()|}.GetStringAsync("https://orders.example.com/");
        }
        """);

    [Fact]
    public Task HandlerSettingsWithTwoCompositionRoots_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|}.GetStringAsync("https://orders.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                new Startup().ConfigureServices(builder.Services);
                builder.Build().Run();
            }
        }
        """);

    [Fact]
    public Task Record_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public record Lookup(string BaseUrl)
        {
            public async Task<string> FindAsync(string id)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(BaseUrl + id);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddHttpClient();
                services.AddScoped<Lookup>();
            }
        }
        """, AspNetCoreLatest);

    [Fact]
    public Task StaticMethodOfController_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public Task<string> Get() => FetchAsync("https://orders.example.com/");

            private static async Task<string> FetchAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }
        """);

    [Fact]
    public Task ConstructorChainingWithThis_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            private readonly string _area;

            public OrdersController() : this("eu") { }

            public OrdersController(string area) => _area = area;

            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient()|}.GetStringAsync("https://orders.example.com/" + _area);
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }
        """);

    [Fact]
    public Task NonPublicConstructor_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public class Exporter
        {
            internal Exporter() { }

            public async Task ExportAsync()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.PostAsync("https://export.example.com/", null);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddHttpClient();
                services.AddTransient<Exporter>();
            }
        }
        """);

    [Fact]
    public Task StaticLambdaInsideHandler_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.MapGet("/", async () =>
        {
            Func<Task<string>> fetch = static async () =>
            {
                using var client = {|HCG001:new HttpClient()|};
                return await client.GetStringAsync("https://example.com/");
            };
            return await fetch();
        });
        app.Run();
        """, AspNetCoreLatest with { IsExecutable = true });

    [Fact]
    public Task DerivedClientType_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class ApiClient : HttpClient { }

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new ApiClient()|}.GetStringAsync("https://orders.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }
        """);

    [Fact]
    public Task SettingsOnAClientPassedAlong_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            [HttpGet]
            public Task<string> Get() => Send({|HCG001:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(2) });

            private static async Task<string> Send(HttpClient client)
            {
                using (client)
                {
                    return await client.GetStringAsync("https://orders.example.com/");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }
        """);

    [Fact]
    public Task FieldInitializerOfController_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class OrdersController : ControllerBase
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [HttpGet]
            public Task<string> Get() => _client.GetStringAsync("https://orders.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient();
            }
        }
        """);

    [Fact]
    public Task BlazorComponent_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.Extensions.DependencyInjection;

        public class Weather : ComponentBase
        {
            protected override async Task OnInitializedAsync()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.GetStringAsync("https://weather.example.com/");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddHttpClient();
            }
        }
        """);

    // The before/after of docs/rules/HCG001.md, as written there.
    [Fact]
    public Task DocumentedExample_ControllerWithLogger() => VerifyFixAsync(new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;

        public class OrdersController : ControllerBase
        {
            private readonly ILogger<OrdersController> _logger;

            public OrdersController(ILogger<OrdersController> logger)
            {
                _logger = logger;
            }

            [HttpGet("{id}")]
            public async Task<string> Get(string id)
            {
                using var client = {|HCG001:new HttpClient()|} { BaseAddress = new Uri("https://orders.example.com/") };
                return await client.GetStringAsync("orders/" + id);
            }
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllers();
        app.Run();
        """ }, new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;

        public class OrdersController : ControllerBase
        {
            private readonly ILogger<OrdersController> _logger;
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(ILogger<OrdersController> logger, IHttpClientFactory httpClientFactory)
            {
                _logger = logger;
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet("{id}")]
            public async Task<string> Get(string id)
            {
                using var client = _httpClientFactory.CreateClient("NoCookies");
                client.BaseAddress = new Uri("https://orders.example.com/");
                return await client.GetStringAsync("orders/" + id);
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        var app = builder.Build();
        app.MapControllers();
        app.Run();
        """ }, AspNetCoreLatest with { IsExecutable = true });

    // The before/after of the README, as written there (its "// HCG001" marker aside).
    [Fact]
    public Task DocumentedExample_ControllerWithoutConstructor() => VerifyFixAsync(new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpGet("{id}")]
            public async Task<string> Get(string id)
            {
                using var client = {|HCG001:new HttpClient()|} { BaseAddress = new Uri("https://orders.example.com/") };
                return await client.GetStringAsync("orders/" + id);
            }
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Build().Run();
        """ }, new[] { """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public OrdersController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet("{id}")]
            public async Task<string> Get(string id)
            {
                using var client = _httpClientFactory.CreateClient("NoCookies");
                client.BaseAddress = new Uri("https://orders.example.com/");
                return await client.GetStringAsync("orders/" + id);
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
        builder.Build().Run();
        """ }, AspNetCoreLatest with { IsExecutable = true });

    [Fact]
    public Task HandlerNamingAnInternalConstant_QualifiedInTheRegistration() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Web
        {
            public class ExportController : ControllerBase
            {
                internal const int Connections = 8;

                [HttpPost]
                public async Task Post()
                {
                    using (var client = {|HCG001:new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections })|})
                    {
                        await client.PostAsync("https://export.example.com/", null);
                    }
                }
            }
        }
        """, Startup }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        namespace Shop.Web
        {
            public class ExportController : ControllerBase
            {
                internal const int Connections = 8;
                private readonly IHttpClientFactory _httpClientFactory;

                public ExportController(IHttpClientFactory httpClientFactory)
                {
                    _httpClientFactory = httpClientFactory;
                }

                [HttpPost]
                public async Task Post()
                {
                    using (var client = _httpClientFactory.CreateClient("ExportController"))
                    {
                        await client.PostAsync("https://export.example.com/", null);
                    }
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Shop.Web;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("ExportController").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = ExportController.Connections, UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task HandlerNamingAPrivateConstant_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class ExportController : ControllerBase
        {
            private const int Connections = 8;

            [HttpPost]
            public async Task Post()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { MaxConnectionsPerServer = Connections })|})
                {
                    await client.PostAsync("https://export.example.com/", null);
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task RootWithoutTheContainerNamespace_UsingAddedOnce() => VerifyFixAsync(new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class AController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient(new HttpClientHandler { UseProxy = false })|}.GetStringAsync("https://a.example.com/");
        }

        public class BController : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get() => await {|HCG001:new HttpClient(new HttpClientHandler { UseProxy = false })|}.GetStringAsync("https://b.example.com/");
        }
        """, """
        using System;

        public class Startup
        {
            public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            {
                Console.WriteLine("configuring");
            }
        }
        """ }, new[] { """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        public class AController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public AController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get() => await _httpClientFactory.CreateClient("AController").GetStringAsync("https://a.example.com/");
        }

        public class BController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public BController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpGet]
            public async Task<string> Get() => await _httpClientFactory.CreateClient("BController").GetStringAsync("https://b.example.com/");
        }
        """, """
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            {
                Console.WriteLine("configuring");
                services.AddHttpClient("AController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseProxy = false, UseCookies = false });
                services.AddHttpClient("BController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseProxy = false, UseCookies = false });
            }
        }
        """ });

    [Fact]
    public Task PlainClassNewedByCaller_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    // Cookies: the factory shares its handler, so the fix turns cookies off and is offered only where that loses nothing.

    [Fact]
    public Task LocalClientSendingTwoRequests_NotOfferedSinceItsCookiesWouldBeLost() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class LoginController : ControllerBase
        {
            [HttpPost]
            public async Task<string> Post()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.PostAsync("https://sso.example.com/login", null);
                    return await client.GetStringAsync("https://sso.example.com/me");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task LocalClientRequestsInLoop_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class FeedController : ControllerBase
        {
            [HttpGet]
            public async Task<int> Get(string[] pages)
            {
                var client = {|HCG001:new HttpClient()|};
                var total = 0;
                foreach (var page in pages)
                {
                    total += (await client.GetStringAsync("https://feed.example.com/" + page)).Length;
                }

                return total;
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task FieldClientOfRegisteredServiceUsedByTwoMethods_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class Catalog
        {
            private readonly HttpClient _client;

            public Catalog()
            {
                _client = {|HCG001:new HttpClient()|};
            }

            public Task<string> ListAsync() => _client.GetStringAsync("https://catalog.example.com/items");

            public Task<string> FindAsync(string id) => _client.GetStringAsync("https://catalog.example.com/items/" + id);
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services) => services.AddTransient<Catalog>();
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task FieldClientOfControllerUsedByActionAndItsHelper_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class AccountController : ControllerBase
        {
            private readonly HttpClient _client;

            public AccountController()
            {
                _client = {|HCG001:new HttpClient()|};
            }

            [HttpPost]
            public async Task<string> Post()
            {
                await LoginAsync();
                return await _client.GetStringAsync("https://sso.example.com/me");
            }

            private Task LoginAsync() => _client.PostAsync("https://sso.example.com/login", null);
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """);

    [Fact]
    public Task LocalClientSendingTwoRequestsWithCookiesOff_OfferedWithItsHandler() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class LoginController : ControllerBase
        {
            [HttpPost]
            public async Task<string> Post()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    await client.PostAsync("https://sso.example.com/login", null);
                    return await client.GetStringAsync("https://sso.example.com/me");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class LoginController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public LoginController(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            [HttpPost]
            public async Task<string> Post()
            {
                using (var client = _httpClientFactory.CreateClient("LoginController"))
                {
                    await client.PostAsync("https://sso.example.com/login", null);
                    return await client.GetStringAsync("https://sso.example.com/me");
                }
            }
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("LoginController").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """);

    [Fact]
    public Task FieldClientOfControllerUsedOncePerAction_Offered() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StockController : ControllerBase
        {
            private readonly HttpClient _client;

            public StockController()
            {
                _client = {|HCG001:new HttpClient()|};
            }

            [HttpGet]
            public Task<string> Get() => _client.GetStringAsync("https://stock.example.com/");

            [HttpPost]
            public async Task Post() => await _client.PostAsync("https://stock.example.com/", null);
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StockController : ControllerBase
        {
            private readonly HttpClient _client;

            public StockController(IHttpClientFactory httpClientFactory)
            {
                _client = httpClientFactory.CreateClient("NoCookies");
            }

            [HttpGet]
            public Task<string> Get() => _client.GetStringAsync("https://stock.example.com/");

            [HttpPost]
            public async Task Post() => await _client.PostAsync("https://stock.example.com/", null);
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """);

    [Fact]
    public Task SharedNoCookiesRegistrationAlreadyThere_Reused() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StatusController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public StatusController(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

            [HttpGet]
            public Task<string> Get() => {|HCG001:new HttpClient()|}.GetStringAsync("https://status.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StatusController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public StatusController(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

            [HttpGet]
            public Task<string> Get() => _httpClientFactory.CreateClient("NoCookies").GetStringAsync("https://status.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """);

    [Fact]
    public Task NoCookiesNameTakenByAnotherRegistration_NextName() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StatusController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public StatusController(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

            [HttpGet]
            public Task<string> Get() => {|HCG001:new HttpClient()|}.GetStringAsync("https://status.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies");
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public class StatusController : ControllerBase
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public StatusController(IHttpClientFactory httpClientFactory) => _httpClientFactory = httpClientFactory;

            [HttpGet]
            public Task<string> Get() => _httpClientFactory.CreateClient("NoCookies2").GetStringAsync("https://status.example.com/");
        }

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies");
                services.AddHttpClient("NoCookies2").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """);
}
