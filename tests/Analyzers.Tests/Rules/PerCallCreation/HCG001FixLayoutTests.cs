using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// The HCG001 static-field fix edits only what it must, in the document's own layout: its line endings
/// (CRLF stays CRLF on every line, Fix All included), its indentation (tabs stay tabs), the spacing of
/// code it moves (<c>"/"+id</c> stays), and no using directive a global using already provides.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FixLayoutTests
{
    private static readonly TestOptions NetStandard = new() { Targets = Targets.NetStandard20 };

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions options) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, options, PerCallCreationFixer.MoveToStaticFieldKey);

    private static string Crlf(string text) => text.Replace("\r\n", "\n").Replace("\n", "\r\n");

    [Fact]
    public Task CrlfFile_FixAll_EveryLineStillEndsInCrlf()
    {
        var fixedSource = Crlf("""
            using System;
            using System.Net.Http;

            public class Api
            {
                private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });
                private static readonly HttpClient s_client2 = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(1) };

                string User(string id)
                {
                    var client = s_client;
                    return client.GetStringAsync("http://localhost/users"+"/"+id).Result;
                }

                string Order(string id)
                {
                    var client = s_client2;
                    return client.GetStringAsync("http://localhost/orders/" + id).Result;
                }
            }
            """);
        Assert.DoesNotContain("\n", fixedSource.Replace("\r\n", string.Empty));
        return VerifyFixAsync(Crlf("""
            using System;
            using System.Net.Http;

            public class Api
            {
                string User(string id)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        return client.GetStringAsync("http://localhost/users"+"/"+id).Result;
                    }
                }

                string Order(string id)
                {
                    using (var client = {|HCG001:new HttpClient()|} { Timeout = TimeSpan.FromSeconds(1) })
                    {
                        return client.GetStringAsync("http://localhost/orders/" + id).Result;
                    }
                }
            }
            """), fixedSource, NetStandard);
    }

    [Fact]
    public Task CrlfFile_NewUsingAndField_EndInCrlf() => VerifyFixAsync(Crlf("""
        using System.Net.Http;

        public class Api
        {
            string User(string id)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return client.GetStringAsync("http://localhost/users/"+id).Result;
                }
            }
        }
        """), Crlf("""
        using System;
        using System.Net.Http;

        public class Api
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false });

            string User(string id)
            {
                var client = s_client;
                return client.GetStringAsync("http://localhost/users/"+id).Result;
            }
        }
        """), new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task TabIndentedFile_StaysTabIndented() => VerifyFixAsync(
        "using System.Net.Http;\n\npublic class Api\n{\n\tstatic readonly string s_root = \"http://localhost/\";\n\n\tstring User(string id)\n\t{\n\t\tusing (var client = {|HCG001:new HttpClient()|})\n\t\t{\n\t\t\treturn client.GetStringAsync(s_root+id).Result;\n\t\t}\n\t}\n}\n",
        "using System.Net.Http;\n\npublic class Api\n{\n\tstatic readonly string s_root = \"http://localhost/\";\n\tprivate static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });\n\n\tstring User(string id)\n\t{\n\t\tvar client = s_client;\n\t\treturn client.GetStringAsync(s_root+id).Result;\n\t}\n}\n",
        NetStandard);

    [Fact]
    public Task TwoSpaceIndentedFile_StaysTwoSpaceIndented() => VerifyFixAsync(
        "using System.Net.Http;\n\npublic class Api\n{\n  string User(string id)\n  {\n    using (var client = {|HCG001:new HttpClient()|})\n    {\n      return client.GetStringAsync(\"http://localhost/\"+id).Result;\n    }\n  }\n}\n",
        "using System.Net.Http;\n\npublic class Api\n{\n  private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });\n\n  string User(string id)\n  {\n    var client = s_client;\n    return client.GetStringAsync(\"http://localhost/\"+id).Result;\n  }\n}\n",
        NetStandard);

    [Fact]
    public Task GlobalUsings_NoNewUsingDirective() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            new[]
            {
                """
                public class Api
                {
                    string User(string id)
                    {
                        using (var client = {|HCG001:new HttpClient()|})
                        {
                            return client.GetStringAsync("http://localhost/users/" + id).Result;
                        }
                    }
                }
                """,
                """
                global using global::System;
                global using global::System.Net.Http;
                """,
            },
            new[]
            {
                """
                public class Api
                {
                    private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false });

                    string User(string id)
                    {
                        var client = s_client;
                        return client.GetStringAsync("http://localhost/users/" + id).Result;
                    }
                }
                """,
                """
                global using global::System;
                global using global::System.Net.Http;
                """,
            },
            new TestOptions { Targets = Targets.Net80, MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest },
            PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task ExistingUsingInNamespace_NotAddedAgain() => VerifyFixAsync("""
        namespace App
        {
            using System;
            using System.Net.Http;

            public class Api
            {
                string User(string id)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        return client.GetStringAsync("http://localhost/users/" + id).Result;
                    }
                }
            }
        }
        """, """
        namespace App
        {
            using System;
            using System.Net.Http;

            public class Api
            {
                private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false });

                string User(string id)
                {
                    var client = s_client;
                    return client.GetStringAsync("http://localhost/users/" + id).Result;
                }
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });
}
