using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Folder mode without ASP.NET's assemblies (an old Web API project whose <c>packages/</c> folder is not restored): a
/// controller whose base, <c>ApiController</c>, <c>Controller</c> or <c>ControllerBase</c>, does not bind is still a type the
/// framework creates per request, when its file imports the namespace that declares that base. A base of the same name from
/// any other namespace, or one the compilation declares, decides nothing.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001UnboundControllerTests
{
    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    [Fact]
    public Task ControllersOfUnboundFrameworkBases_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Web.Http;

        namespace Relay.Controllers
        {
            public class RelayController : ApiController
            {
                private readonly HttpClient _client;

                public RelayController()
                {
                    _client = {|HCG001:new HttpClient|} { Timeout = TimeSpan.FromMinutes(20) };
                }

                public RelayController(HttpClient client)
                {
                    _client = client;
                }
            }

            public class HomeController : System.Web.Mvc.Controller
            {
                private readonly HttpClient _client = {|HCG001:new HttpClient()|};
            }
        }
        """, HalfTyped);

    [Fact]
    public Task UnboundBaseOfTheSameNameFromAnotherNamespace_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Game.Input;

        public class PadController : Controller
        {
            private readonly HttpClient _client = new HttpClient();
        }

        public class RemoteController : Other.Web.ApiController
        {
            private readonly HttpClient _client = new HttpClient();
        }
        """, HalfTyped);

    // The file imports System.Web.Http (not restored), but its ApiController is the compilation's own, and binds.
    [Fact]
    public Task BaseOfTheSameNameTheCompilationDeclares_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Web.Http;

        namespace App
        {
            public abstract class ApiController { }

            public class StatusController : ApiController
            {
                private readonly HttpClient _client = new HttpClient();
            }
        }
        """, HalfTyped);
}
