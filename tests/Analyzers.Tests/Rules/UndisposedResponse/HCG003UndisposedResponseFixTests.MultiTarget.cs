using System;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// HCG003's fix in a file compiled with two C# versions: a project targeting net6.0 and netstandard2.0 without a
/// LangVersion (twilio-csharp) compiles the net6.0 document as C# 10 and the netstandard2.0 one as C# 7.3.
/// `dotnet format` fixed each linked document with its own form and wrote merge-conflict markers (CS8300 in every
/// target); the fix now writes the form of the lowest version in every document.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string ReadAndReturn = FixUsings + """
        using System.IO;

        class C
        {
            async Task<string> M(HttpClient client, HttpRequestMessage request)
            {
                var response = await client.SendAsync(request).ConfigureAwait(false);
                var reader = new StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
                return await reader.ReadToEndAsync().ConfigureAwait(false);
            }
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Net80LatestAndNetStandard20CSharp73_UsingStatementInEveryTarget(bool net80First)
    {
        var targets = net80First
            ? new[] { (ReferenceSets.Net80, LanguageVersion.Latest), (ReferenceSets.NetStandard20, LanguageVersion.CSharp7_3) }
            : new[] { (ReferenceSets.NetStandard20, LanguageVersion.CSharp7_3), (ReferenceSets.Net80, LanguageVersion.Latest) };
        var (document, actions) = await LinkedDocumentFix.OffersAsync<UndisposedResponseAnalyzer, UndisposedResponseFixer>(ReadAndReturn, targets);

        var fixedText = await LinkedDocumentFix.ApplyAsync(document, Assert.Single(actions));

        Assert.Contains("using (var response = await client.SendAsync(request).ConfigureAwait(false))", fixedText, StringComparison.Ordinal);
        Assert.DoesNotContain("using var", fixedText, StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, targets));
    }

    [Fact]
    public async Task Net80AndNetStandard20BothLatest_UsingDeclaration()
    {
        // Both targets at C# 8 or later: the declaration form stays.
        var targets = new[] { (ReferenceSets.Net80, LanguageVersion.Latest), (ReferenceSets.NetStandard20, LanguageVersion.Latest) };
        var (document, actions) = await LinkedDocumentFix.OffersAsync<UndisposedResponseAnalyzer, UndisposedResponseFixer>(ReadAndReturn, targets);

        var fixedText = await LinkedDocumentFix.ApplyAsync(document, Assert.Single(actions));

        Assert.Contains("using var response = await client.SendAsync(request).ConfigureAwait(false);", fixedText, StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, targets));
    }
}
