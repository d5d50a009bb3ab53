using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// The HCG001 fixes on shapes newly reported: a fallback client kept by its owner, a client a non-shared MEF part keeps, and
/// a client a method that runs again stores into its owner's field (replacing the last one). All are stored in a field; no
/// fix moves or pools a client its owner keeps (the owner's lifetime is the code's design), so none is offered and nothing
/// is rewritten.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001NewShapesFixTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private const string Fallback = """
        using System.Net.Http;
        using System.Threading.Tasks;

        sealed class Api
        {
            private readonly HttpClient _client;

            public Api(HttpClient client = null)
            {
                _client = client ?? {|HCG001:new HttpClient()|};
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }

        sealed class Controller
        {
            public Task<string> Handle(string url) => new Api().GetAsync(url);
        }
        """;

    [Fact]
    public Task Fallback_MoveToStaticField_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(Fallback, Fallback, Net80, PerCallCreationFixer.MoveToStaticFieldKey);

    private const string NonSharedPart = """
        using System.ComponentModel.Composition;
        using System.Net.Http;

        [PartCreationPolicy(CreationPolicy.NonShared)]
        internal sealed class JenkinsAdapter
        {
            private HttpClient _httpClient;

            public void Initialize(string url)
            {
                _httpClient = {|HCG001:new HttpClient(new HttpClientHandler { UseDefaultCredentials = true })|};
            }
        }

        namespace System.ComponentModel.Composition
        {
            public enum CreationPolicy { Any, Shared, NonShared }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class PartCreationPolicyAttribute : Attribute
            {
                public PartCreationPolicyAttribute(CreationPolicy creationPolicy) { }
            }
        }
        """;

    [Fact]
    public Task NonSharedPart_MoveToStaticField_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(NonSharedPart, NonSharedPart, Net80, PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task NonSharedPart_UsePool_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(NonSharedPart, NonSharedPart, Net80 with { WithRuntime = true }, PerCallCreationFixer.UsePoolKey);

    [Fact]
    public Task Fallback_UsePool_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(Fallback, Fallback, Net80 with { WithRuntime = true }, PerCallCreationFixer.UsePoolKey);

    private const string Replaced = """
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class DownloadService
        {
            private HttpClient _httpClient;

            public DownloadService()
            {
                RecreateHttpClient();
            }

            private void RecreateHttpClient()
            {
                _httpClient = {|HCG001:new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip })|};
            }

            public async Task<string> StartInstallAsync(string url)
            {
                RecreateHttpClient();
                return await _httpClient.GetStringAsync(url);
            }
        }
        """;

    [Fact]
    public Task ReplacedByARerun_UsePool_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(Replaced, Replaced, Net80 with { WithRuntime = true }, PerCallCreationFixer.UsePoolKey);

    [Fact]
    public Task ReplacedByARerun_MoveToStaticField_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(Replaced, Replaced, Net80, PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task ReplacedByARerun_InjectFactory_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(Replaced, Replaced, Net80, PerCallCreationFixer.InjectFactoryKey);
}
