using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// HCG007 for clients Autofac keeps for the container's life: a field of a type registered <c>SingleInstance()</c>, and a
/// client a <c>SingleInstance()</c> registration lambda makes. Per-scope and per-dependency registrations are HCG001's
/// question, not this rule's; a handler with a connection lifetime is quiet. C# 7.3 and latest, net8.0.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007AutofacSingletonTests
{
    private static readonly TestOptions Net80WithAutofac = new() { Targets = Targets.Net80, LibrarySource = PackageStubs.Autofac };

    private static Task VerifyAsync(string source) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(source, Net80WithAutofac);

    // {0}: the avatar service's lifetime calls; {1}: the registered client's lifetime calls; {2}, {3}: the markup around the
    // service's client; {4}, {5}: the markup around the registered client.
    private const string Source = """
        using System;
        using System.Net.Http;
        using Autofac;

        public class AvatarService
        {
            private readonly HttpClient _client;

            public AvatarService()
            {
                _client = {2}new HttpClient{3} { Timeout = TimeSpan.FromSeconds(10) };
            }

            public string Verify(string url) => _client.GetStringAsync(url).Result;
        }

        public static class Modules
        {
            public static void Load(ContainerBuilder builder)
            {
                builder.RegisterType<AvatarService>().AsSelf(){0};
                builder.Register(c => {4}new HttpClient{5} { Timeout = TimeSpan.FromSeconds(5) }).AsSelf(){1};
            }
        }
        """;

    private static string Registered(string avatarLifetime, string clientLifetime, bool avatarReported, bool clientReported) => Source
        .Replace("{0}", avatarLifetime).Replace("{1}", clientLifetime)
        .Replace("{2}", avatarReported ? "{|HCG007:" : "").Replace("{3}", avatarReported ? "()|}" : "()")
        .Replace("{4}", clientReported ? "{|HCG007:" : "").Replace("{5}", clientReported ? "()|}" : "()");

    [Fact]
    public Task RegisteredSingleInstance_Diagnostic() =>
        VerifyAsync(Registered(".SingleInstance()", ".SingleInstance()", avatarReported: true, clientReported: true));

    [Fact]
    public Task RegisteredPerScopeOrPerDependency_NoDiagnostic() =>
        VerifyAsync(Registered(".InstancePerLifetimeScope()", ".InstancePerDependency()", avatarReported: false, clientReported: false));

    [Fact]
    public Task RegisteredInstance_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Autofac;

        public static class Modules
        {
            public static void Load(ContainerBuilder builder)
            {
                builder.RegisterInstance({|HCG007:new HttpClient()|});
            }
        }
        """);

    [Fact]
    public Task SingleInstanceOverAHandlerWithALifetime_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using Autofac;

        public class DispatchService
        {
            private readonly HttpClient _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

            public string Send(string url) => _client.GetStringAsync(url).Result;
        }

        public static class Modules
        {
            public static void Load(ContainerBuilder builder)
            {
                builder.RegisterType<DispatchService>().AsSelf().SingleInstance();
                builder.RegisterInstance(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));
            }
        }
        """);
}
