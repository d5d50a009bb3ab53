using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client made per instance of a type MvvmCross's container registers: <c>RegisterType</c> builds one on every
/// resolution, its singletons once. A registration that does not bind (folder mode without the package) counts only when
/// it is made on <c>Mvx</c> or <c>Mvx.IoCProvider</c>; a <c>RegisterType</c> of another container, or of a type of the
/// code's own that happens to be called <c>Mvx</c>, is not MvvmCross's.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001MvvmCrossRegistrationTests
{
    // MvvmCross 6's container as the app sees it (the package is not referenced by the tests).
    private const string MvvmCross = """
        using System;

        namespace MvvmCross.IoC
        {
            public interface IMvxIoCProvider
            {
                void RegisterType<TFrom, TTo>() where TFrom : class where TTo : class, TFrom;
                void RegisterType<TInterface>(Func<TInterface> constructor) where TInterface : class;
                void RegisterType(Type tFrom, Type tTo);
                void ConstructAndRegisterSingleton<TInterface, TType>() where TInterface : class where TType : class, TInterface;
                void LazyConstructAndRegisterSingleton<TInterface, TType>() where TInterface : class where TType : class, TInterface;
                T Resolve<T>() where T : class;
            }
        }

        namespace MvvmCross
        {
            public static class Mvx
            {
                public static MvvmCross.IoC.IMvxIoCProvider IoCProvider { get; set; }
            }
        }
        """;

    private static readonly TestOptions WithMvvmCross = new() { LibrarySource = MvvmCross };

    private static readonly TestOptions Unbound = TestOptions.Default with { IgnoreCompilerDiagnostics = true };

    // {0}: the registration; {1}: the client's creation.
    private const string Source = """
        using System.Net.Http;
        using MvvmCross;

        public interface IApiService { string Feed(string id); }

        public class ApiService : IApiService
        {
            private readonly HttpClient _client;

            public ApiService()
            {
                _client = {1};
            }

            public string Feed(string id) => _client.GetStringAsync("https://feed.example/" + id).Result;
        }

        public class App
        {
            public void Initialize()
            {
                {0};
            }
        }
        """;

    private static string Registered(string registration, bool reported) =>
        Source.Replace("{0}", registration).Replace("{1}", reported ? "{|HCG001:new HttpClient()|}" : "new HttpClient()");

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task RegisterType_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG001",
        Source.Replace("{0}", "Mvx.IoCProvider.RegisterType<IApiService, ApiService>()").Replace("{1}", "{|#0:new HttpClient()|}"),
        WithMvvmCross,
        "'HttpClient' is created per instance of 'ApiService', which is registered as transient with MvvmCross in 'App.Initialize': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task RegisterTypeWithAFactory_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("Mvx.IoCProvider.RegisterType<IApiService>(() => new ApiService())", reported: true), WithMvvmCross);

    [Fact]
    public Task RegisterTypeByTypeOf_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("Mvx.IoCProvider.RegisterType(typeof(IApiService), typeof(ApiService))", reported: true), WithMvvmCross);

    [Fact]
    public Task Unbound_RegisterTypeOnMvx_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("Mvx.RegisterType<IApiService, ApiService>()", reported: true).Replace("using MvvmCross;", "using MvvmCross.Platform;"), Unbound);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task Singletons_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("Mvx.IoCProvider.ConstructAndRegisterSingleton<IApiService, ApiService>()", reported: false) +
        Registered("Mvx.IoCProvider.LazyConstructAndRegisterSingleton<IApiService, ApiService>()", reported: false)
            .Replace("using System.Net.Http;", "").Replace("using MvvmCross;", "")
            .Replace("IApiService", "IOtherService").Replace("ApiService", "OtherService").Replace("class App", "class OtherApp"),
        WithMvvmCross);

    [Fact]
    public Task Unbound_RegisterTypeOnAnotherContainer_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("container.RegisterType<IApiService, ApiService>()", reported: false).Replace("using MvvmCross;", "using Unity.Missing;"), Unbound);

    [Fact]
    public Task RegisterTypeOfTheCodesOwnMvx_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Registered("Mvx.RegisterType<IApiService, ApiService>()", reported: false).Replace("using MvvmCross;", """
            public static class Mvx
            {
                public static void RegisterType<TFrom, TTo>() { }
            }
            """));
}
