using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// Which types the container constructs itself (the question the "Inject IHttpClientFactory" fix asks
/// before it adds a constructor parameter), and which delegates are minimal API handlers. Checked
/// directly against the ASP.NET Core 8 reference assemblies: as many "no" cases as "yes" cases.
/// </summary>
public class ContainerActivationTests
{
    private const string Types = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.AspNetCore.SignalR;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public class OrdersController : ControllerBase { }
        [ApiController] public class Poco { }
        public class IndexModel : PageModel { }
        public class ChatHub : Hub { }
        public class Scoped { }
        public interface IService { }
        public class Implementation : IService { }
        public class ByType { }
        public class Keyed { }
        public class Worker : BackgroundService { protected override Task ExecuteAsync(CancellationToken token) => Task.CompletedTask; }
        public class Middleware { public Middleware(RequestDelegate next) { } public Task InvokeAsync(HttpContext context) => Task.CompletedTask; }
        public class Generic<T> { }

        public class Component : ComponentBase { }
        public abstract class AbstractController : ControllerBase { }
        public class FromLambda { }
        public class Instance { }
        public class Unregistered { }
        public record Recorded(string Name);
        public class NotMiddleware { }
        public class Configured { }
        public class OtherUseMiddleware { }

        namespace Elsewhere
        {
            public static class Other
            {
                public static void UseMiddleware<T>(this object o) { }
            }
        }

        public static class Startup
        {
            public static void ConfigureServices(IServiceCollection services, WebApplication app)
            {
                services.AddScoped<Scoped>();
                services.AddTransient<IService, Implementation>();
                services.AddSingleton(typeof(ByType));
                services.AddKeyedScoped<Keyed>("key");
                services.AddHostedService<Worker>();
                services.AddScoped(typeof(Generic<>));
                services.AddScoped<Recorded>();
                services.AddScoped(sp => new FromLambda());
                services.AddSingleton(new Instance());
                services.Configure<Configured>(c => { });
                app.UseMiddleware<Middleware>();
                Elsewhere.Other.UseMiddleware<OtherUseMiddleware>(new object());
            }
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app, RouteGroupBuilder group, Func<int> notAnEndpoint)
            {
                app.MapGet("/a", () => 1);
                group.MapPost("/b", (int x) => x);
                app.Run(context => Task.CompletedTask);
                Task.Run(() => 1);
            }
        }
        """;

    [Theory]
    [InlineData("OrdersController", "an ASP.NET Core controller, created per request")]
    [InlineData("Poco", "an ASP.NET Core API controller, created per request")]
    [InlineData("IndexModel", "a Razor Pages model, created per request")]
    [InlineData("ChatHub", "a SignalR hub, created per hub method call")]
    [InlineData("Scoped", "registered by 'AddScoped' in 'Startup.ConfigureServices'")]
    [InlineData("Implementation", "registered by 'AddTransient' in 'Startup.ConfigureServices'")]
    [InlineData("ByType", "registered by 'AddSingleton' in 'Startup.ConfigureServices'")]
    [InlineData("Keyed", "registered by 'AddKeyedScoped' in 'Startup.ConfigureServices'")]
    [InlineData("Worker", "registered by 'AddHostedService' in 'Startup.ConfigureServices'")]
    [InlineData("Middleware", "middleware added by 'UseMiddleware' in 'Startup.ConfigureServices'")]
    [InlineData("Generic`1", "registered by 'AddScoped' in 'Startup.ConfigureServices'")]
    public async Task ConstructedByTheContainer(string metadataName, string why)
    {
        var (compilation, activation) = await CreateAsync();
        Assert.Equal(why, activation.WhyConstructed(compilation.GetTypeByMetadataName(metadataName)!, default));
    }

    [Theory]
    [InlineData("Component")] // Blazor components receive services through [Inject] properties
    [InlineData("AbstractController")]
    [InlineData("FromLambda")] // the factory lambda calls the constructor, not the container
    [InlineData("Instance")]
    [InlineData("Unregistered")]
    [InlineData("Recorded")] // records are not offered a new constructor parameter
    [InlineData("NotMiddleware")]
    [InlineData("Configured")] // options, not a service
    [InlineData("OtherUseMiddleware")] // a user method named UseMiddleware, not on IApplicationBuilder
    [InlineData("IService")]
    [InlineData("Startup")]
    public async Task NotConstructedByTheContainer(string metadataName)
    {
        var (compilation, activation) = await CreateAsync();
        Assert.Null(activation.WhyConstructed(compilation.GetTypeByMetadataName(metadataName)!, default));
    }

    [Theory]
    [InlineData("() => 1", true)]
    [InlineData("(int x) => x", true)]
    [InlineData("context => Task.CompletedTask", false)] // a RequestDelegate: nothing is filled from the container
    [InlineData("Task.Run(() => 1)", false)]
    public async Task EndpointHandlerArguments(string lambdaOrCall, bool expected)
    {
        var (compilation, activation) = await CreateAsync();
        var tree = compilation.SyntaxTrees.Single();
        var lambda = tree.GetRoot().DescendantNodes().OfType<LambdaExpressionSyntax>()
            .First(l => l.ToString() == lambdaOrCall || l.Parent?.Parent?.Parent?.ToString() == lambdaOrCall);
        Assert.Equal(expected, activation.IsEndpointHandlerArgument((ArgumentSyntax)lambda.Parent!, compilation.GetSemanticModel(tree), default));
    }

    private static async Task<(Compilation Compilation, ContainerActivation Activation)> CreateAsync(string source = Types)
    {
        await ReferenceSets.EnsureResolvedAsync();
        var references = await ReferenceSets.Net80WithAspNetCore.ResolveAsync(LanguageNames.CSharp, default);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Activation", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (compilation, ContainerActivation.Create(compilation, WellKnownTypes.TryCreate(compilation)!));
    }
}
