using System.Linq;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// The syntax-only gates that decide what is never bound. A wrong "not HTTP" here is a missed
/// diagnostic, and a wrong owner or holder name is binding for nothing; the rule tests cannot tell
/// the second from a correct answer, so the gates are checked directly.
/// </summary>
public class SyntaxGateTests
{
    [Theory]
    [InlineData("class C { System.Net.Http.HttpClient M() => new System.Net.Http.HttpClient(); }", "HttpClient", true)]
    [InlineData("class C { HttpClient M() => new(); }", "HttpClient", true)]
    [InlineData("class C { HttpClient P => new(); }", "HttpClient", true)]
    [InlineData("class C { HttpClient P { get { return new(); } } }", "HttpClient", true)]
    [InlineData("class C { HttpClient? _client = new(); }", "HttpClient", true)]
    [InlineData("class C { async Task<HttpClient> M() { await Task.Yield(); return (new()); } }", "HttpClient", true)]
    [InlineData("class C { static C operator +(C a, C b) => new(); }", "C", true)]
    [InlineData("class C { void M() { HttpClient Local() => new(); } }", "HttpClient", true)]
    [InlineData("class C { object _gate = new(); }", null, false)]
    [InlineData("class C { (int, int) Pair() => new(); }", null, false)]
    [InlineData("class C { int[] M() => new int[0]; object O() => new object(); }", null, false)]
    [InlineData("class C { void M() { Use(new()); } }", null, true)]
    [InlineData("class C { System.Func<HttpClient> F = () => new(); }", null, true)]
    [InlineData("class C { async Task M() { await Task.Yield(); } async Task<HttpClient> N() { return new(); } void Unused() { } }", "HttpClient", true)]
    [InlineData("class C { async CustomTask<HttpClient> M() { return new(); } }", null, true)]
    public void FirstCreation_WrittenTypeAndGate(string source, string? expectedName, bool mayName)
    {
        var creation = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>().First();

        Assert.Equal(expectedName, SyntaxGates.WrittenTypeName(creation));
        Assert.Equal(mayName, SyntaxGates.WrittenTypeMayBeClass(creation));
    }

    [Fact]
    public void TreeIndex_FindsIdentifiersFromTextButNotInCommentsStringsOrLongerWords()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using System.Net.Http;

            public class Api
            {
                private readonly HttpClient _http=new();
            }

            public class Commented
            {
                // private readonly Api _old = new Api();
                public string Describe() => "new Api()";
                private readonly ApiClient _client = null!;
                private readonly @Api _verbatim = new Ns.Api();
            }
            """);
        var index = SyntaxTreeIndex.For(tree, default);

        var found = index.Identifiers("Api", default);

        // The declaration, the verbatim field type and the qualified creation; not the comment, the string or ApiClient.
        Assert.Equal(3, found.Length);
        Assert.All(found, token => Assert.Equal("Api", token.ValueText));
        Assert.True(index.MayMention("Api"));
        Assert.True(index.MayMention("ApiClient"));
        Assert.Empty(index.Identifiers("Missing", default));
        Assert.Empty(index.Identifiers("Describ", default));
    }

    [Fact]
    public void TreeIndex_IsKeptPerTree_AnEditedTreeGetsItsOwn()
    {
        var tree = CSharpSyntaxTree.ParseText("public class Fetcher { }");
        var edited = tree.WithChangedText(tree.GetText().Replace(0, 0, " "));

        Assert.Same(SyntaxTreeIndex.For(tree, default), SyntaxTreeIndex.For(tree, default));
        Assert.NotSame(SyntaxTreeIndex.For(tree, default), SyntaxTreeIndex.For(edited, default));
        Assert.Single(SyntaxTreeIndex.For(edited, default).Identifiers("Fetcher", default));
    }

    [Fact]
    public void TreeIndex_HttpAliasesFromUsingListsOnly()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using Http = System.Net.Http.HttpClient;
            using Sb = System.Text.StringBuilder;
            namespace N
            {
                using Handler = System.Net.Http.SocketsHttpHandler;
            }
            """);

        Assert.Equal(new[] { "Handler", "Http" }, SyntaxTreeIndex.For(tree, default).HttpAliases(default).OrderBy(n => n, System.StringComparer.Ordinal));
    }
}
