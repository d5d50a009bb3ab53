using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client made per instance of a type Autofac registers: per resolution (per request with <c>InstancePerRequest</c> or
/// <c>InstancePerLifetimeScope</c> in a web app, per dependency by default), once with <c>SingleInstance</c>. A
/// registration that does not bind counts only when it names an Autofac lifetime; a method called <c>RegisterType</c> of
/// anything else is not Autofac's.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001AutofacRegistrationTests
{
    private static readonly TestOptions WithAutofac = new() { LibrarySource = PackageStubs.Autofac };

    // {0}: the registration's lifetime calls.
    private const string Source = """
        using System.Net.Http;
        using Autofac;

        public interface IStatusService { string Status(); }

        public class StatusService : IStatusService
        {
            private readonly HttpClient _client = {1};

            public string Status() => _client.GetStringAsync("http://status").Result;
        }

        public static class Dependencies
        {
            public static void Load(ContainerBuilder builder)
            {
                builder.RegisterType<StatusService>().AsSelf().As<IStatusService>(){0};
            }
        }
        """;

    [Fact]
    public Task InstancePerLifetimeScope_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG001",
        Source.Replace("{0}", ".InstancePerLifetimeScope()").Replace("{1}", "{|#0:new HttpClient()|}"),
        WithAutofac,
        "'HttpClient' is created per instance of 'StatusService', which is registered as scoped with Autofac in 'Dependencies.Load': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task NoLifetime_AutofacDefaultIsPerDependency_Reported() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source.Replace("{0}", string.Empty).Replace("{1}", "{|HCG001:new HttpClient()|}"), WithAutofac);

    [Fact]
    public Task SingleInstance_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source.Replace("{0}", ".InstancePerLifetimeScope().SingleInstance()").Replace("{1}", "new HttpClient()"), WithAutofac);

    [Fact]
    public Task RegisterTypeOfAnotherLibrary_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class StatusService
        {
            private readonly HttpClient _client = new HttpClient();

            public string Status() => _client.GetStringAsync("http://status").Result;
        }

        public class Registry
        {
            public Registry RegisterType<T>() => this;
        }

        public static class Dependencies
        {
            public static void Load(Registry registry) => registry.RegisterType<StatusService>();
        }
        """);

    [Fact]
    public Task Unbound_InstancePerRequest_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Autofac;

        public class StatusService
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            public string Status() => _client.GetStringAsync("http://status").Result;
        }

        public class DependenciesModule : Module
        {
            protected override void Load(ContainerBuilder builder)
            {
                builder.RegisterType<StatusService>().AsSelf().InstancePerRequest();
            }
        }
        """, TestOptions.Default with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task Unbound_NoLifetimeNamed_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Autofac;

        public class StatusService
        {
            private readonly HttpClient _client = new HttpClient();

            public string Status() => _client.GetStringAsync("http://status").Result;
        }

        public class DependenciesModule : Module
        {
            protected override void Load(ContainerBuilder builder)
            {
                builder.RegisterType<StatusService>().AsSelf();
            }
        }
        """, TestOptions.Default with { IgnoreCompilerDiagnostics = true });

    // A client Autofac makes with a registration delegate: once per container with SingleInstance, per dependency otherwise.
    [Fact]
    public Task ClientMadeByARegistrationDelegate_OncePerContainerOrPerDependency_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
            using System;
            using System.Net.Http;
            using Autofac;

            public static class Modules
            {
                public static void Load(ContainerBuilder builder)
                {
                    builder.Register(c => new HttpClient() { Timeout = TimeSpan.FromSeconds(5) }).AsSelf().SingleInstance();
                    builder.Register(c => {|HCG001:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(5) }).AsSelf().InstancePerDependency();
                }
            }
            """, WithAutofac);

    // A client handed to Autofac as its one instance is kept for the container, wherever the registering method runs from.
    [Fact]
    public Task ClientHandedToRegisterInstance_OncePerContainer_NoDiagnosticButPerDependencyDelegateIs() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
            using System.Net.Http;
            using Autofac;

            public sealed class Settings { public string Url = "http://x"; }

            public static class Registrations
            {
                public static void AddClients(Settings settings, ContainerBuilder builder)
                {
                    builder.RegisterInstance(new HttpClient());
                    builder.Register(c => {|HCG001:new HttpClient()|}).AsSelf().InstancePerDependency();
                }
            }
            """, WithAutofac);
}
