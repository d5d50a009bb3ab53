using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A file of a netstandard2.0 + net8.0 project is two linked documents. The fix is computed in the net8.0
/// one (which has SocketsHttpHandler) and applied to both, so it must use what every target has: the
/// fixed text is compiled for both targets, under C# 7.3 and the latest version.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG007")]
public class HCG001HCG007MultiTargetFixTests
{
    private static readonly ReferenceAssemblies[] s_bothTargets = { ReferenceSets.Net80, ReferenceSets.NetStandard20 };

    private const string PerCallClient = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            public async Task<string> GetAsync(string url)
            {
                using (var client = new HttpClient())
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """;

    private const string StaticClientOverDefaultHandler = """
        using System.Net.Http;

        public static class Api
        {
            public static readonly HttpClient Client = new HttpClient();
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public async Task MoveToStaticField_NetStandardAndNet8_HttpClientHandlerWithoutCookies_CompilesForBoth(LanguageVersion language)
    {
        var (document, actions) = await LinkedDocumentFix.OffersAsync<PerCallCreationAnalyzer, PerCallCreationFixer>(PerCallClient, language, s_bothTargets);
        var hoist = Assert.Single(actions, a => a.EquivalenceKey == PerCallCreationFixer.MoveToStaticFieldKey);

        var fixedText = await LinkedDocumentFix.ApplyAsync(document, hoist);

        Assert.Contains("private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });", fixedText, System.StringComparison.Ordinal);
        Assert.DoesNotContain("SocketsHttpHandler", fixedText, System.StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, language, s_bothTargets));
    }

    [Fact]
    public async Task MoveToStaticField_Net8Only_SocketsHandler_Compiles()
    {
        var (document, actions) = await LinkedDocumentFix.OffersAsync<PerCallCreationAnalyzer, PerCallCreationFixer>(PerCallClient, LanguageVersion.CSharp7_3, ReferenceSets.Net80);
        var fixedText = await LinkedDocumentFix.ApplyAsync(document, Assert.Single(actions, a => a.EquivalenceKey == PerCallCreationFixer.MoveToStaticFieldKey));

        Assert.Contains("new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false }", fixedText, System.StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, LanguageVersion.CSharp7_3, ReferenceSets.Net80));
    }

    [Fact]
    public async Task SetPooledConnectionLifetime_NetStandardAndNet8_NotOffered()
    {
        var (_, actions) = await LinkedDocumentFix.OffersAsync<LongLivedClientDnsAnalyzer, LongLivedClientDnsFixer>(StaticClientOverDefaultHandler, LanguageVersion.CSharp7_3, s_bothTargets);

        Assert.Empty(actions);
    }

    [Fact]
    public async Task SetPooledConnectionLifetime_Net8Only_Offered_AndCompiles()
    {
        var (document, actions) = await LinkedDocumentFix.OffersAsync<LongLivedClientDnsAnalyzer, LongLivedClientDnsFixer>(StaticClientOverDefaultHandler, LanguageVersion.CSharp7_3, ReferenceSets.Net80);
        var fixedText = await LinkedDocumentFix.ApplyAsync(document, Assert.Single(actions));

        Assert.Contains("SocketsHttpHandler", fixedText, System.StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, LanguageVersion.CSharp7_3, ReferenceSets.Net80));
    }
}
