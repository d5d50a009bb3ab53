using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A factory of this compilation called with an argument whose type does not bind (an Azure client from a package folder mode
/// lacks) fails overload resolution with that factory as its one candidate: the call is that factory's, and its callers decide
/// (the Let's Encrypt site extension's Kudu client). Two candidates decide nothing.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001UnboundFactoryArgumentTests
{
    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    private const string Factory = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class KuduRestClient
        {
            private readonly HttpClient _client;

            public KuduRestClient(Uri scmUri)
            {
                _client = {1}new HttpClient(){2};
                _client.BaseAddress = scmUri;
            }

            public Task<string> Get(string path)
            {
                return _client.GetStringAsync(path);
            }
        }

        public static class KuduHelper
        {
            public static KuduRestClient GetKuduClient(this WebSiteManagementClient client, string name)
            {
                return new KuduRestClient(new Uri("https://" + client.Site(name)));
            }
            {3}
        }

        public class Provider
        {
            private readonly string _name;

            public Provider(string name)
            {
                _name = name;
            }

            {0}
        }
        """;

    private static Task VerifyAsync(string caller, bool reported, string overload = "") => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Factory.Replace("{0}", caller).Replace("{3}", overload)
            .Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        HalfTyped);

    private const string PerCall = """
        public async Task<string> Read(string path)
        {
            var website = Arm.Connect(_name);
            var kudu = KuduHelper.GetKuduClient(website, _name);
            return await kudu.Get(path);
        }
        """;

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task FactoryCalledPerCallWithAnArgumentThatDoesNotBind_Reported() => VerifyAsync(PerCall, reported: true);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task TwoCandidates_NoDiagnostic() => VerifyAsync(PerCall, reported: false, overload: """
        public static KuduRestClient GetKuduClient(this WebAppsClient client, string name)
        {
            return new KuduRestClient(new Uri("https://" + name));
        }
        """);

    [Fact]
    public Task FactoryResultKeptInAStatic_NoDiagnostic() => VerifyAsync("""
        private static KuduRestClient s_kudu;

        public async Task<string> Read(string path)
        {
            if (s_kudu == null)
            {
                s_kudu = KuduHelper.GetKuduClient(Arm.Connect(_name), _name);
            }

            return await s_kudu.Get(path);
        }
        """, reported: false);
}
