using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// HCG007's reading of a per-resolution service as built once (<see cref="ContainerSingletons.BuiltOnceForSingletons"/>),
/// checked directly: the rule also asks HCG001's owner evidence, which would hide a wrong answer here. Bound against the
/// real Microsoft.Extensions packages.
/// </summary>
public class ContainerSingletonsTests
{
    [Theory]
    [InlineData("services.AddTransient<ITimesService, TimesService>(); services.AddSingleton<Scheduler>();", "AddTransient<...>() in 'Startup.Run', asked for only by container singletons")]
    [InlineData("services.AddScoped<ITimesService>(sp => new TimesService()); services.AddSingleton<Scheduler>();", "AddScoped<...>() in 'Startup.Run', asked for only by container singletons")]
    [InlineData("services.AddTransient<ITimesService, TimesService>(); services.AddTransient<Scheduler>(); services.AddSingleton<Board>();", "AddTransient<...>() in 'Startup.Run', asked for only by container singletons")]
    [InlineData("services.AddTransient<ITimesService, TimesService>(); services.AddTransient<Scheduler>();", null)]
    [InlineData("services.AddTransient<ITimesService, TimesService>(); services.AddSingleton<Scheduler>(); services.AddTransient<Page>();", null)]
    [InlineData("services.AddTransient<ITimesService, TimesService>(); services.AddSingleton<Scheduler>(); services.AddHttpClient<TimesService>();", null)]
    [InlineData("services.AddTransient(typeof(TimesService)); services.AddSingleton<Scheduler>();", null)]
    [InlineData("services.AddHttpClient<ITimesService, TimesService>(); services.AddSingleton<Scheduler>();", null)]
    [InlineData("services.AddSingleton<ITimesService, TimesService>(); services.AddSingleton<Scheduler>();", null)]
    [InlineData("services.AddSingleton<Scheduler>();", null)]
    public async Task BuiltOnceForSingletons(string registrations, string? expected)
    {
        var source = """
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public interface ITimesService { }

            public class TimesService : ITimesService
            {
                private readonly HttpClient _client = new HttpClient();
            }

            public class Scheduler
            {
                public Scheduler(ITimesService times) { }
            }

            MORE

            public class Board
            {
                public Board(Scheduler scheduler) { }
            }

            public static class Startup
            {
                public static void Run(IServiceCollection services)
                {
                    REGISTRATIONS
                }
            }
            """.Replace("REGISTRATIONS", registrations).Replace("MORE", registrations.Contains("Page") ? "public class Page { public Page(ITimesService times) { } }" : string.Empty);
        Assert.Equal(expected, await BuiltOnceAsync(source));
    }

    // A console program's container, built and resolved once in Main: a fixed handful of instances, whatever their lifetime.
    [Theory]
    [InlineData("var times = provider.GetRequiredService<TimesService>();", "AddTransient<...>() in 'Program.Main', resolved once at start-up")]
    [InlineData("for (var i = 0; i < 3; i++) { var times = provider.GetRequiredService<TimesService>(); }", null)]
    public async Task BuiltOnceForTheEntryPoint(string resolution, string? expected)
    {
        var source = """
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class TimesService
            {
                private readonly HttpClient _client = new HttpClient();
            }

            public static class Program
            {
                public static void Main()
                {
                    var provider = new ServiceCollection().AddTransient<TimesService>().BuildServiceProvider();
                    RESOLUTION
                }
            }
            """.Replace("RESOLUTION", resolution);
        Assert.Equal(expected, await BuiltOnceAsync(source));
    }

    private static async Task<string?> BuiltOnceAsync(string source)
    {
        await ReferenceSets.EnsureResolvedAsync();
        var references = await ReferenceSets.Net80WithHttpClientFactory.ResolveAsync(LanguageNames.CSharp, default);
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Singletons", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var singletons = new ContainerSingletons(compilation, WellKnownTypes.TryCreate(compilation)!);
        return singletons.BuiltOnceForSingletons(compilation.GetTypeByMetadataName("TimesService")!, default);
    }
}
