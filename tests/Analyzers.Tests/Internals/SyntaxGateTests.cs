using System.Linq;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
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
    public void OwnerScan_FindsCreationsFromTextButNotInCommentsOrStrings()
    {
        var index = Index("""
            using System.Net.Http;

            public class Api
            {
                private readonly HttpClient _http=new();
            }

            public class Commented
            {
                // private readonly HttpClient _old = new HttpClient();
                public string Describe() => "new HttpClient()";
            }

            public class Renewed
            {
                private readonly HttpClient renewHttpClient = null!;
            }
            """);

        Assert.Contains("Api", index.OwnerNames);
        Assert.DoesNotContain("Commented", index.OwnerNames);
        Assert.DoesNotContain("Renewed", index.OwnerNames);
    }

    [Fact]
    public void OwnerScan_FollowsHoldersThreeLevelsInFilesWithoutHttp()
    {
        var index = Index(
            """
            using System.Net.Http;

            public class Api { private readonly HttpClient _http = new HttpClient(); }
            """,
            """
            public class Service { private readonly Api _api; public Service() => _api = new Api(); }
            public class Outer { private readonly Service _service = new(); }
            public class Top { private readonly Outer _outer = new global::Outer(); }
            public class TooDeep { private readonly Top _top = new Top(); }
            public class Caller { public void Run() { var list = new System.Collections.Generic.List<int>(); } }
            """);

        Assert.Equal(new[] { "Api", "Outer", "Service", "Top" }, index.OwnerNames.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void FactoryScan_OnlyMethodsThatMayReturnTheCreation()
    {
        var index = Index("""
            using System.Net.Http;

            public static class Clients
            {
                public static HttpClient Create() => new HttpClient();

                public static HttpClient Configured()
                {
                    var client = new HttpClient();
                    client.DefaultRequestHeaders.Add("a", "b");
                    return client;
                }

                public static void Run() { new HttpClient().Dispose(); }
            }
            """);

        Assert.True(index.MayBeFactory("Create"));
        Assert.True(index.MayBeFactory("Configured"));
        Assert.False(index.MayBeFactory("Run"));
    }

    private static OwnerIndex Index(params string[] sources) =>
        new(CSharpCompilation.Create("Scan", sources.Select(source => CSharpSyntaxTree.ParseText(source))), default);
}
