using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A primary-constructor parameter that a member's body writes (<c>httpClient ??= new HttpClient();</c> in a request
/// method) is a field of the instance the compiler makes for it: the client is made once per instance, as with
/// <c>_client ??= new HttpClient()</c>, and the instances' creations decide. A method's own parameter is not kept.
/// Primary constructors need C# 12, so these run at the latest language version only.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001PrimaryConstructorParameterTests
{
    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, TestOptions.LatestOnly);

    // {0}: what the request method writes the client into; {1}, {2}: the markup around the client; {3}: more members.
    private const string TuyaClient = """
        #nullable enable
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Client(string region, HttpClient? httpClient = null)
        {
            public Task<string> GetDevice(string id) => RequestAsync("v1.0/devices/" + id);

            private async Task<string> RequestAsync(string path)
            {
                {0} ??= {1}new HttpClient(){2};
                return await {0}.GetStringAsync("https://" + region + "/" + path);
            }
            {3}
        }
        """;

    private static string Tuya(string target, bool reported, string members = "") => TuyaClient
        .Replace("{0}", target).Replace("{3}", members)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task ParameterWrittenInARequestMethod_OncePerInstance_NoDiagnostic() =>
        VerifyAsync(Tuya("httpClient", reported: false));

    [Fact]
    public Task ParameterWrittenInARequestMethodOfAClientMadePerCall_Diagnostic() =>
        VerifyAsync(Tuya("httpClient", reported: true) + """

            public static class Devices
            {
                public static Task<string> Lookup(string id) => new Client("openapi.tuyaeu.com").GetDevice(id);
            }
            """);

    [Fact]
    public Task ParameterWrittenInAnExpressionBodiedProperty_NoDiagnostic() => VerifyAsync("""
        #nullable enable
        using System.Net.Http;

        public class Client(HttpClient? httpClient = null)
        {
            private HttpClient Http => httpClient ??= new HttpClient();

            public string Get(string url) => Http.GetStringAsync(url).Result;
        }
        """);

    [Fact]
    public Task LocalWrittenInAMethodOfATypeWithAPrimaryConstructor_Diagnostic() => VerifyAsync("""
        #nullable enable
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Client(string region)
        {
            public async Task<string> GetDevice(string id)
            {
                HttpClient? httpClient = null;
                httpClient ??= {|HCG001:new HttpClient()|};
                return await httpClient.GetStringAsync("https://" + region + "/v1.0/devices/" + id);
            }
        }
        """);

    [Fact]
    public Task MethodParameterWrittenInItsOwnMethod_Diagnostic() => VerifyAsync("""
        #nullable enable
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Client(string region)
        {
            public async Task<string> GetDevice(string id, HttpClient? httpClient)
            {
                httpClient ??= {|HCG001:new HttpClient()|};
                return await httpClient.GetStringAsync("https://" + region + "/v1.0/devices/" + id);
            }

            public Task<string> Probe(string id) => GetDevice(id, null);
        }
        """);
}
