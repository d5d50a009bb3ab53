using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client made per instance of a type Ninject binds: per resolution (per web request with <c>InRequestScope</c>, per
/// resolution by default), once with <c>InSingletonScope</c>. A binding that does not bind (folder mode without the
/// package) counts only when its chain names a Ninject scope; a <c>To&lt;T&gt;()</c> made on anything but a
/// <c>Bind&lt;...&gt;()</c> call is not Ninject's.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001NinjectBindingTests
{
    private static readonly TestOptions WithNinject = new() { LibrarySource = PackageStubs.Ninject };

    private static readonly TestOptions Unbound = TestOptions.Default with { IgnoreCompilerDiagnostics = true };

    // {0}: the binding; {1}: the client's creation.
    private const string Source = """
        using System.Net.Http;
        using Ninject;
        using Ninject.Web.Common;

        public interface IApiService { string Rate(string currency); }

        public class ApiService : IApiService
        {
            private readonly HttpClient _client;

            public ApiService()
            {
                _client = {1};
            }

            public string Rate(string currency) => _client.GetStringAsync("https://rates.example/" + currency).Result;
        }

        public static class NinjectWebCommon
        {
            public static void RegisterServices(IKernel kernel)
            {
                {0};
            }
        }
        """;

    private static string Bound(string binding, bool reported) =>
        Source.Replace("{0}", binding).Replace("{1}", reported ? "{|HCG001:new HttpClient()|}" : "new HttpClient()");

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task InRequestScope_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG001",
        Source.Replace("{0}", "kernel.Bind<IApiService>().To<ApiService>().InRequestScope()").Replace("{1}", "{|#0:new HttpClient()|}"),
        WithNinject,
        "'HttpClient' is created per instance of 'ApiService', which is registered as scoped with Ninject in 'NinjectWebCommon.RegisterServices': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task NoScope_NinjectDefaultIsTransient_Reported() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<IApiService>().To<ApiService>()", reported: true), WithNinject);

    [Fact]
    public Task ToSelf_Reported() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<ApiService>().ToSelf().InTransientScope()", reported: true), WithNinject);

    [Fact]
    public Task Unbound_InRequestScope_Reported() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<IApiService>().To<ApiService>().InRequestScope()", reported: true).Replace("using Ninject;", "using Ninject.Missing;"), Unbound);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task InSingletonScope_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<IApiService>().To<ApiService>().InSingletonScope()", reported: false), WithNinject);

    [Fact]
    public Task ToSelfInSingletonScope_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<ApiService>().ToSelf().InSingletonScope()", reported: false), WithNinject);

    [Fact]
    public Task Unbound_NoScopeNamed_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Bound("kernel.Bind<IApiService>().To<ApiService>()", reported: false).Replace("using Ninject;", "using Ninject.Missing;"), Unbound);

    [Fact]
    public Task ToOfAnotherLibrary_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;

        public class ApiService
        {
            private readonly HttpClient _client = new HttpClient();

            public string Rate(string currency) => _client.GetStringAsync("https://rates.example/" + currency).Result;
        }

        public class Mapping
        {
            public Mapping Bind<T>() => this;
            public Mapping To<T>() => this;
            public Mapping InRequestScope() => this;
        }

        public static class Mappings
        {
            public static void Load(Mapping mapping) => mapping.Bind<string>().To<ApiService>().InRequestScope();
        }
        """);

    [Fact]
    public Task Unbound_ToOnACallOtherThanBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Bound("kernel.Map<IApiService>().To<ApiService>().InRequestScope()", reported: false).Replace("using Ninject;", "using Ninject.Missing;"), Unbound);
}
