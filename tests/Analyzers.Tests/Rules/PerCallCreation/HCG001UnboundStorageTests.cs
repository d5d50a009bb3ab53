using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client stored into a member of a type the compilation lacks (<c>HttpGet.HttpClient = client;</c>, the host
/// application's static holder, another assembly in folder mode) is kept at least as long as the storing instance: once
/// per instance of that owner, not per call. A store that does not name such a type (a call's result, a lowercase name)
/// decides nothing.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001UnboundStorageTests
{
    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, HalfTyped);

    [Fact]
    public Task ClientStoredIntoAStaticOfAnUnboundType_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class ProxyNotification
        {
            public void OnSettingsSaved(Uri proxy)
            {
                var handler = new HttpClientHandler { Proxy = new System.Net.WebProxy(proxy), UseProxy = true };
                var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
                HttpGet.HttpClient = client;
            }
        }
        """);

    [Fact]
    public Task ClientStoredIntoAnUnboundCallsResultOrALowercaseName_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class ProxyNotification
        {
            public void OnSettingsSaved(Uri proxy)
            {
                var client = {|HCG001:new HttpClient()|};
                HttpGet.Current().HttpClient = client;
            }

            public void OnProxyChanged(Uri proxy)
            {
                var client = {|HCG001:new HttpClient()|};
                httpGet.HttpClient = client;
            }
        }
        """);
}
