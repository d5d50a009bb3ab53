using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.EndToEnd.Tests.Infrastructure;
using HttpClientGuard.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HttpClientGuard.EndToEnd.Tests;

/// <summary>
/// The ASP.NET Core user's path: a web application whose controller, registered service and minimal API
/// handler each create an HttpClient per request fails CI; <c>dotnet format</c> applies the first fix
/// offered, "Inject IHttpClientFactory"; the fixed application builds clean, 200 requests to it reach
/// a second local server over at most 2 connections, where the leaky one opened one per request, and a
/// cookie set during one request is not sent with the next, before the fix or after it.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class AspNetCoreFactoryFixTests(PackedPackage package, ITestOutputHelper log)
{
    private const int Requests = 200;
    private static readonly string[] s_routes = ["orders", "orders/price", "minimal"];

    private const string Program = """
        using System;
        using System.Linq;
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Hosting.Server;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddControllers();
        builder.Services.AddScoped<PricingService>();
        builder.Services.AddSingleton(new Upstream(new Uri(args[0])));
        var app = builder.Build();
        app.MapControllers();
        app.MapGet("/minimal", async (Upstream upstream) =>
        {
            using var client = new HttpClient();
            return await client.GetStringAsync(upstream.Address);
        });
        app.MapGet("/login", async (Upstream upstream) =>
        {
            using var client = new HttpClient();
            return await client.GetStringAsync(new Uri(upstream.Address, "set-cookie"));
        });
        app.MapGet("/probe", async (Upstream upstream) =>
        {
            using var client = new HttpClient();
            return "cookie:" + await client.GetStringAsync(new Uri(upstream.Address, "cookie"));
        });
        app.MapGet("/stop", (IHostApplicationLifetime lifetime) =>
        {
            lifetime.StopApplication();
            return "stopping";
        });

        await app.StartAsync();
        Console.WriteLine("listening: " + app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        await app.WaitForShutdownAsync();

        public sealed class Upstream
        {
            public Upstream(Uri address) => Address = address;

            public Uri Address { get; }
        }
        """;

    private const string OrdersController = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("orders")]
        public class OrdersController : ControllerBase
        {
            private readonly Upstream _upstream;
            private readonly PricingService _pricing;

            public OrdersController(Upstream upstream, PricingService pricing)
            {
                _upstream = upstream;
                _pricing = pricing;
            }

            [HttpGet]
            public async Task<string> Get()
            {
                using (var client = new HttpClient())
                {
                    return await client.GetStringAsync(_upstream.Address);
                }
            }

            [HttpGet("price")]
            public Task<string> Price() => _pricing.QuoteAsync();
        }
        """;

    private const string PricingService = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class PricingService
        {
            private readonly Upstream _upstream;

            public PricingService(Upstream upstream) => _upstream = upstream;

            public async Task<string> QuoteAsync()
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                return await client.GetStringAsync(_upstream.Address);
            }
        }
        """;

    [Fact]
    public async Task LeakyWebApp_FailsCi_IsFixedByDotnetFormatWithTheFactory_ThenReusesConnections()
    {
        var project = ConsumerProject.Create(package.WorkDirectory, package.FeedDirectory, package.Version, Program, sdk: "Microsoft.NET.Sdk.Web");
        project.WriteSource("OrdersController.cs", OrdersController);
        project.WriteSource("PricingService.cs", PricingService);

        // 1. CI with warnings as errors fails on each of the three per-request clients.
        var ciBuild = await project.BuildAsync("-warnaserror");
        Assert.True(ciBuild.ExitCode != 0, ciBuild.Describe());
        foreach (var file in new[] { "Program.cs", "OrdersController.cs", "PricingService.cs" })
        {
            Assert.True(ciBuild.Output.Split('\n').Any(line => line.Contains(file, StringComparison.Ordinal) && line.Contains("error HCG001", StringComparison.Ordinal)), $"no HCG001 in {file}:{Environment.NewLine}{ciBuild.Describe()}");
        }

        // 2. The leaky application opens a connection to the upstream server per request.
        var leakyBuild = await project.BuildAsync();
        Assert.True(leakyBuild.ExitCode == 0, leakyBuild.Describe());
        var (leakyConnections, leakyProbe) = await ServeRequestsAsync(project);
        Assert.True(leakyConnections >= 150, $"the leaky application opened {leakyConnections} upstream connections for {Requests} requests");
        Assert.Equal("cookie:", leakyProbe);

        // 3. dotnet format applies the first fix offered: the factory, injected where the container builds each owner.
        var format = await project.FormatAnalyzersAsync("HCG001");
        Assert.True(format.ExitCode == 0, format.Describe());
        var program = project.ReadSource("Program.cs");
        var controller = project.ReadSource("OrdersController.cs");
        var service = project.ReadSource("PricingService.cs");
        log.WriteLine(program + Environment.NewLine + controller + Environment.NewLine + service);
        // One registration for every client without settings of its own, its handler never sharing cookies.
        Assert.Single(program.Split('\n'), line => line.Contains("AddHttpClient(", StringComparison.Ordinal));
        Assert.Contains("builder.Services.AddHttpClient(\"NoCookies\").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });", program, StringComparison.Ordinal);
        Assert.Contains("async (Upstream upstream, IHttpClientFactory httpClientFactory) =>", program, StringComparison.Ordinal);
        Assert.Contains("using var client = httpClientFactory.CreateClient(\"NoCookies\");", program, StringComparison.Ordinal);
        Assert.Contains("public OrdersController(Upstream upstream, PricingService pricing, IHttpClientFactory httpClientFactory)", controller, StringComparison.Ordinal);
        Assert.Contains("using (var client = _httpClientFactory.CreateClient(\"NoCookies\"))", controller, StringComparison.Ordinal);
        Assert.Contains("using var client = _httpClientFactory.CreateClient(\"NoCookies\");", service, StringComparison.Ordinal);
        Assert.Contains("client.Timeout = TimeSpan.FromSeconds(30);", service, StringComparison.Ordinal);
        foreach (var source in new[] { program, controller, service })
        {
            Assert.DoesNotMatch(@"\bnew HttpClient\b", source);
            Assert.DoesNotContain("HttpClientPool", source, StringComparison.Ordinal);
        }

        // 4. The fixed application passes CI and shares the factory's connection pool.
        var fixedBuild = await project.BuildAsync("-warnaserror");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.Describe());
        Assert.DoesNotContain("HCG0", fixedBuild.Output, StringComparison.Ordinal);
        var (fixedConnections, fixedProbe) = await ServeRequestsAsync(project);
        Assert.True(fixedConnections <= 2, $"the fixed application opened {fixedConnections} upstream connections for {Requests} requests");
        log.WriteLine($"upstream TCP connections for {Requests} requests: leaky {leakyConnections}, fixed {fixedConnections}");

        // 5. Behaviour kept: a cookie the upstream set during one request (/login) is not sent with another's (/probe),
        // as with a client per request; the factory's default handler, shared and with cookies on, would send it.
        Assert.Equal("cookie:", fixedProbe);
    }

    /// <summary>
    /// Starts the application on Kestrel (127.0.0.1, a port of its choosing), sends it the requests one after another,
    /// then /login (the upstream sets a cookie) and /probe (what cookie the upstream then receives), stops it.
    /// </summary>
    private static async Task<(int Connections, string Probe)> ServeRequestsAsync(ConsumerProject project)
    {
        await using var upstream = await LoopbackServer.StartAsync();
        await using var application = await project.StartAsync(upstream.BaseAddress.ToString());
        using var client = new HttpClient { BaseAddress = application.BaseAddress };
        for (var i = 0; i < Requests; i++)
        {
            using var response = await client.GetAsync(s_routes[i % s_routes.Length]);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && body == "ok", $"request {i} to /{s_routes[i % s_routes.Length]}: {(int)response.StatusCode} {body}{Environment.NewLine}{application.Output}");
        }

        Assert.Equal("set", await client.GetStringAsync("login"));
        var probe = await client.GetStringAsync("probe");

        using (var stop = await client.GetAsync("stop"))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        Assert.True(await application.WaitForExitAsync(), "the application did not stop:" + Environment.NewLine + application.Output);
        return (upstream.ConnectionCount, probe);
    }
}
