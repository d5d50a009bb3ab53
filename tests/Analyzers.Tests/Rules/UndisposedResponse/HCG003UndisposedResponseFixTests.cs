using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>HCG003's fix: C# 7.3 gets using statements, C# 8 and later using declarations.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string FixUsings = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private static async Task VerifyFixAsync(string source, string fixedCSharp73, string fixedLatest, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        await Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + source, FixUsings + fixedCSharp73, options with { MaximumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3 });
        await Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + source, FixUsings + fixedLatest, options with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest });
    }

    [Fact]
    public Task LocalNeverDisposed_AddsUsing() => VerifyFixAsync(
        """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                var code = (int)response.StatusCode;
                return code;
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var code = (int)response.StatusCode;
                    return code;
                }
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x");
                var code = (int)response.StatusCode;
                return code;
            }
        }
        """);

    // A response from a tuple element's Func ('await attempt.Call()'): the same using, around the uses in the loop's body.
    [Fact]
    public Task ResponseFromATupleElementFunc_AddsUsing() => VerifyFixAsync(
        """
        class C
        {
            async Task<bool> M((string Name, Func<Task<HttpResponseMessage>> Call)[] attempts)
            {
                foreach (var attempt in attempts)
                {
                    var response = {|HCG003:await attempt.Call()|};
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
        """,
        """
        class C
        {
            async Task<bool> M((string Name, Func<Task<HttpResponseMessage>> Call)[] attempts)
            {
                foreach (var attempt in attempts)
                {
                    using (var response = await attempt.Call())
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }
        }
        """,
        """
        class C
        {
            async Task<bool> M((string Name, Func<Task<HttpResponseMessage>> Call)[] attempts)
            {
                foreach (var attempt in attempts)
                {
                    using var response = await attempt.Call();
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
        """);

    [Fact]
    public Task DiscardedResult_IntroducesUsingLocal() => VerifyFixAsync(
        """
        class C
        {
            async Task M(HttpClient client)
            {
                {|HCG003:await client.PostAsync("http://x", new StringContent("a"))|};
                Console.WriteLine("sent");
            }
        }
        """,
        """
        class C
        {
            async Task M(HttpClient client)
            {
                using (var response = await client.PostAsync("http://x", new StringContent("a")))
                {
                    Console.WriteLine("sent");
                }
            }
        }
        """,
        """
        class C
        {
            async Task M(HttpClient client)
            {
                using var response = await client.PostAsync("http://x", new StringContent("a"));
                Console.WriteLine("sent");
            }
        }
        """);

    [Fact]
    public Task ChainedRead_HoistsResponseIntoUsingLocal() => VerifyFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var text = await ({|HCG003:await client.GetAsync("http://x")|}).Content.ReadAsStringAsync();
                return text.Trim();
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var text = await response.Content.ReadAsStringAsync();
                    return text.Trim();
                }
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x");
                var text = await response.Content.ReadAsStringAsync();
                return text.Trim();
            }
        }
        """);

    [Fact]
    public Task ResultInSyncCode_AddsUsing() => VerifyFixAsync(
        """
        class C
        {
            bool M(HttpClient client)
            {
                var response = {|HCG003:client.GetAsync("http://x").Result|};
                return response.IsSuccessStatusCode;
            }
        }
        """,
        """
        class C
        {
            bool M(HttpClient client)
            {
                using (var response = client.GetAsync("http://x").Result)
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """,
        """
        class C
        {
            bool M(HttpClient client)
            {
                using var response = client.GetAsync("http://x").Result;
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task FixAllInOneMethod_NestsAndNamesUniquely() => VerifyFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x/1")|};
                {|HCG003:await client.DeleteAsync("http://x/2")|};
                return await ({|HCG003:await client.GetAsync("http://x/3")|}).Content.ReadAsStringAsync() + response.StatusCode;
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x/1"))
                {
                    using (var response1 = await client.DeleteAsync("http://x/2"))
                    {
                        using (var response2 = await client.GetAsync("http://x/3"))
                        {
                            return await response2.Content.ReadAsStringAsync() + response.StatusCode;
                        }
                    }
                }
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x/1");
                using var response1 = await client.DeleteAsync("http://x/2");
                using var response2 = await client.GetAsync("http://x/3");
                return await response2.Content.ReadAsStringAsync() + response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task FixAllAcrossDocuments_FixesEach() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(
            new[]
            {
                FixUsings + "class A { async Task M(HttpClient c) { var r = {|HCG003:await c.GetAsync(\"http://a\")|}; Console.WriteLine(r.StatusCode); } }",
                FixUsings + "class B { async Task M(HttpClient c) { var r = {|HCG003:await c.GetAsync(\"http://b\")|}; Console.WriteLine(r.StatusCode); } }",
            },
            new[]
            {
                FixUsings + "class A { async Task M(HttpClient c) { using var r = await c.GetAsync(\"http://a\"); Console.WriteLine(r.StatusCode); } }",
                FixUsings + "class B { async Task M(HttpClient c) { using var r = await c.GetAsync(\"http://b\"); Console.WriteLine(r.StatusCode); } }",
            },
            TestOptions.LatestOnly,
            equivalenceKey: "HCG003.AddUsing");

    [Fact]
    public Task DisposedOnSomePaths_AddsUsingAndKeepsDispose() => VerifyFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                response.Dispose();
                return "ok";
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    response.Dispose();
                    return "ok";
                }
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x");
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                response.Dispose();
                return "ok";
            }
        }
        """);

    [Fact]
    public Task DiscardedTaskOrPathDrop_NoFixOffered()
    {
        // 'using' over the task would dispose the task, not the response; a response handed on along
        // another path cannot be put under 'using' without breaking that path.
        const string source = FixUsings + """
            class C
            {
                void M(HttpClient client)
                {
                    {|HCG003:client.PostAsync("http://x", null)|};
                    var task = {|HCG003:client.GetAsync("http://x")|};
                    task.Wait();
                }

                async Task<HttpResponseMessage> N(HttpClient client, bool keep)
                {
                    var response = {|HCG003:await client.GetAsync("http://x")|};
                    if (keep)
                    {
                        return response;
                    }

                    return null;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    // The task of a response only turned into text: 'using' over the task would dispose the task, not the response.
    [Fact]
    public Task TaskOnlyTurnedIntoText_NoFixOffered()
    {
        const string source = FixUsings + """
            class C
            {
                void M(HttpClient client)
                {
                    Console.WriteLine({|HCG003:client.GetAsync("http://x")|}.ToString());
                    var task = {|HCG003:client.GetAsync("http://y")|};
                    Console.WriteLine(task.GetHashCode());
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task ReadInsideCallbackLambda_NoFixOffered()
    {
        // The callback may run after the block ends: a 'using' would dispose the response under it.
        const string source = FixUsings + """
            class C
            {
                async Task M(HttpClient client, Func<Func<Task<string>>, Task> later)
                {
                    var response = {|HCG003:await client.GetAsync("http://x")|};
                    await later(() => response.Content.ReadAsStringAsync());
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task AssignedToOuterLocalInsideRetryLambda_NoFixOffered()
    {
        // The lambda stores into a local declared outside it: 'using' on that declaration does not compile (CS1656), and
        // one inside the lambda would dispose the response before the member reads it.
        const string source = FixUsings + """
            static class Retry
            {
                public static Task Run(Func<Task> action) => action();
            }
            class C
            {
                async Task<System.Net.HttpStatusCode?> M(HttpClient client)
                {
                    HttpResponseMessage response = null;
                    await Retry.Run(async () =>
                    {
                        response = {|HCG003:await client.GetAsync("http://x")|};
                        response.EnsureSuccessStatusCode();
                    });
                    return response?.StatusCode;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task AssignedInsideUsingBlock_NoFixOffered()
    {
        const string source = FixUsings + """
            class C
            {
                async Task<string> M(HttpClient client)
                {
                    HttpResponseMessage res;
                    using (var tokenSource = new System.Threading.CancellationTokenSource(30000))
                    {
                        res = {|HCG003:await client.GetAsync("http://x", tokenSource.Token)|};
                    }

                    return await Task.Run(() => res.Content.ReadAsStringAsync());
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task ReassignedLocal_NoFixOffered()
    {
        const string source = FixUsings + """
            class C
            {
                async Task M(HttpClient client)
                {
                    var response = {|HCG003:await client.GetAsync("http://x")|};
                    Console.WriteLine(response.StatusCode);
                    response = null;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task ChainNotEvaluatedFirst_NoFixOffered()
    {
        const string source = FixUsings + """
            class C
            {
                static string Log(string a, object b) => a + b;
                static string Before() => "x";

                async Task<string> M(HttpClient client)
                {
                    return Log(Before(), ({|HCG003:await client.GetAsync("http://x")|}).StatusCode);
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task InSwitchSection_NoFixOffered()
    {
        const string source = FixUsings + """
            class C
            {
                async Task M(HttpClient client, int kind)
                {
                    switch (kind)
                    {
                        case 1:
                            {|HCG003:await client.DeleteAsync("http://x")|};
                            break;
                    }
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task DiscardedJsonExtensionResult_IntroducesUsingLocal() => VerifyFixAsync(
        """
        using System.Net.Http.Json;

        class C
        {
            async Task M(HttpClient client)
            {
                {|HCG003:await client.PostAsJsonAsync("http://x", new { A = 1 })|};
                Console.WriteLine("sent");
            }
        }
        """,
        """
        using System.Net.Http.Json;

        class C
        {
            async Task M(HttpClient client)
            {
                using (var response = await client.PostAsJsonAsync("http://x", new { A = 1 }))
                {
                    Console.WriteLine("sent");
                }
            }
        }
        """,
        """
        using System.Net.Http.Json;

        class C
        {
            async Task M(HttpClient client)
            {
                using var response = await client.PostAsJsonAsync("http://x", new { A = 1 });
                Console.WriteLine("sent");
            }
        }
        """, new TestOptions { Targets = Targets.Net80, WithAspNetCore = true });

    // The local does not bind (Newtonsoft.Json is missing): reported, but no using is offered over a local whose type is an
    // error (the build that has the package binds it and gets the ordinary fix).
    [Fact]
    public Task ResponseOfACallWithAnUnboundArgument_NoFixOffered() => Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(
        FixUsings + UnboundArgumentSource, FixUsings + UnboundArgumentSource, new TestOptions { Targets = Targets.Net80 });

    // IHttpClientFactory does not bind (Microsoft.Extensions.Http is missing): the response is reported, its local's type is
    // an error, so no using is offered (with the package the call binds and gets the ordinary fix).
    [Fact]
    public Task ResponseOfAnUnboundFactoryClient_NoFixOffered() => Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(
        FixUsings + UnboundFactorySource, FixUsings + UnboundFactorySource, new TestOptions { Targets = Targets.Net80, IgnoreCompilerDiagnostics = true });

    private const string UnboundFactorySource = """
        class Transport
        {
            private readonly IHttpClientFactory _factory;

            public Transport(IHttpClientFactory factory) => _factory = factory;

            public async Task<bool> Push(string address, HttpContent content)
            {
                var response = {|HCG003:await _factory.CreateClient("reports").PostAsync(address, content)|};
                return response.IsSuccessStatusCode;
            }
        }
        """;

    private const string UnboundArgumentSource = """
        static class ResponseExtensions
        {
            public static void ThrowIfNotSuccessful(this HttpResponseMessage response, string message)
            {
                if (!response.IsSuccessStatusCode) throw new Exception(message);
            }
        }

        class OmbiClient
        {
            private HttpClient _client;

            public async Task Request(int id)
            {
                var response = {|HCG003:await HttpPostAsync("http://ombi/api", {|CS0103:JsonConvert|}.SerializeObject(id))|};
                response.ThrowIfNotSuccessful("request failed");
            }

            private Task<HttpResponseMessage> HttpPostAsync(string url, string content) => _client.PostAsync(url, new StringContent(content));
        }
        """;
}
