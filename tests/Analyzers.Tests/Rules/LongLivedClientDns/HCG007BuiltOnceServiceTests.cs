using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// HCG007 for a client in a field of a transient or scoped service that only types built once ask for (a hosted service,
/// a container singleton, directly or through services built once in turn): the container builds it once for the process,
/// as HCG001 reads it. Any other way the service is asked for or registered keeps it per resolution, and quiet here.
/// C# 7.3 and latest, net8.0 with the container's and the host's packages.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007BuiltOnceServiceTests
{
    private static readonly TestOptions Net80WithHost = new() { Targets = Targets.Net80, WithHttpClientFactory = true, WithAspNetCore = true };

    // {0}: the registrations; {1}: more code; {2}, {3}: the markup around the service's client.
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public interface ITimesService { Task<string> TodayAsync(); }

        public class TimesService : ITimesService
        {
            private readonly HttpClient _client = {2}new HttpClient(){3};

            public Task<string> TodayAsync() => _client.GetStringAsync("https://api.example.org/timings/today");
        }

        public class ReminderScheduler
        {
            private readonly ITimesService _times;

            public ReminderScheduler(ITimesService times)
            {
                _times = times;
            }

            public Task<string> NextAsync() => _times.TodayAsync();
        }

        public sealed class ReminderWorker : BackgroundService
        {
            private readonly ReminderScheduler _scheduler;

            public ReminderWorker(ReminderScheduler scheduler)
            {
                _scheduler = scheduler;
            }

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _scheduler.NextAsync();
                    await Task.Delay(60000, stoppingToken);
                }
            }
        }

        public static class Registration
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHostedService<ReminderWorker>();
                {0}
            }

            {1}
        }
        """;

    private static Task VerifyAsync(string registrations, string more, bool reported) => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", registrations).Replace("{1}", more)
            .Replace("{2}", reported ? "{|HCG007:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
        Net80WithHost);

    // ---------------------------------------------------------------- fires

    // prayertime (fiftieth held-out set): the transient service's consumer chain ends in the hosted service.
    [Fact]
    public Task TransientServiceWhoseConsumerChainEndsInAHostedService_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG007",
        Source.Replace("{0}", "services.AddTransient<ITimesService, TimesService>(); services.AddTransient<ReminderScheduler>();").Replace("{1}", string.Empty)
            .Replace("{2}", "{|#0:").Replace("{3}", "|}"),
        Net80WithHost,
        "'HttpClient' is kept for the life of the process by 'TimesService', a service built once (AddTransient<...>() in 'Registration.Add', asked for only by container singletons), over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task ScopedServiceAskedForOnlyThroughASingleton_Diagnostic() => VerifyAsync(
        "services.AddScoped<ITimesService, TimesService>(); services.AddSingleton<ReminderScheduler>();", string.Empty, reported: true);

    [Fact]
    public Task TransientFactoryLambdaAskedForOnlyThroughASingleton_Diagnostic() => VerifyAsync(
        "services.AddTransient<ITimesService>(sp => new TimesService()); services.AddSingleton<ReminderScheduler>();", string.Empty, reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task ServiceAlsoAskedForByATransientConsumerOfARequest_NoDiagnostic() => VerifyAsync(
        "services.AddTransient<ITimesService, TimesService>(); services.AddTransient<ReminderScheduler>(); services.AddTransient<TimesPage>();",
        "public class TimesPage { public TimesPage(ITimesService times) { } }",
        reported: false);

    [Fact]
    public Task ServiceAlsoResolvedDirectly_NoDiagnostic() => VerifyAsync(
        "services.AddTransient<ITimesService, TimesService>(); services.AddSingleton<ReminderScheduler>();",
        "public static Task<string> Now(IServiceProvider provider) => provider.GetRequiredService<ITimesService>().TodayAsync();",
        reported: false);

    [Fact]
    public Task ServiceNobodyHereAsksFor_NoDiagnostic() => VerifyAsync(
        "services.AddTransient<TimesService>(); services.AddSingleton<ReminderScheduler>(sp => new ReminderScheduler(null));",
        string.Empty,
        reported: false);

    [Fact]
    public Task ServiceAlsoRegisteredAsATypedClient_NoDiagnostic() => VerifyAsync(
        "services.AddTransient<ITimesService, TimesService>(); services.AddSingleton<ReminderScheduler>(); services.AddHttpClient<TimesService>();",
        string.Empty,
        reported: false);
}
