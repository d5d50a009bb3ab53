using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>HCG001 / HCG002 in Blazor WebAssembly and test projects.</summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002ProjectKindGatingTests
{
    private const string PerCallSource = """
        using System.Net.Http;

        public class Api
        {
            public string Get(string url) => new HttpClient().GetStringAsync(url).Result;

            public HttpMessageInvoker Invoker() => new HttpMessageInvoker(new HttpClientHandler());
        }
        """;

    [Fact]
    public Task BlazorWebAssemblyProject_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        PerCallSource,
        new TestOptions { GlobalConfig = "build_property.UsingMicrosoftNETSdkBlazorWebAssembly = true" });

    [Fact]
    public Task TestProject_QuietByDefault_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        PerCallSource,
        new TestOptions { GlobalConfig = "build_property.IsTestProject = true" });

    [Fact]
    public Task TestProject_OptedIn_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        """
        using System.Net.Http;

        public class Api
        {
            public string Get(string url) => {|HCG001:new HttpClient()|}.GetStringAsync(url).Result;

            public HttpMessageInvoker Invoker() => new HttpMessageInvoker({|HCG002:new HttpClientHandler()|});

            public void Use() => Invoker().ToString();
        }
        """,
        new TestOptions { GlobalConfig = "build_property.IsTestProject = true\nhttpclientguard.report_in_test_projects = true" });

    [Fact]
    public Task OrdinaryProjectWithFalseProperties_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        """
        using System.Net.Http;

        public class Api
        {
            public string Get(string url) => {|HCG001:new HttpClient()|}.GetStringAsync(url).Result;
        }
        """,
        new TestOptions { GlobalConfig = "build_property.IsTestProject = false\nbuild_property.UsingMicrosoftNETSdkBlazorWebAssembly = false" });
}
