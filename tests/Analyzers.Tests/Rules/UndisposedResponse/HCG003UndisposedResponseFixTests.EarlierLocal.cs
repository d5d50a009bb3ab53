using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// HCG003's fix for a response assigned to a local declared earlier: <c>using (response) { ... }</c> around
/// the statements from the assignment to its last use (the same in C# 7.3 and later), or no fix where
/// that would not dispose it on every path or would change what the code does.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private static Task VerifyEarlierLocalFixAsync(string source, string fixedSource) =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + source, FixUsings + fixedSource);

    private static Task VerifyNoFixAsync(string source) =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + source, FixUsings + source);

    [Fact]
    public Task EarlierLocalAssignedInUsingBlock_WrapsUsesAfterIt() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = {|HCG003:await client.PostAsync("http://x", content)|};
                }

                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine("ok"+"!");
                }

                Console.WriteLine("done");
                return true;
            }
        }
        """,
        """
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = await client.PostAsync("http://x", content);
                }

                using (response)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        Console.WriteLine("ok"+"!");
                    }
                }

                Console.WriteLine("done");
                return true;
            }
        }
        """);

    [Fact]
    public Task EarlierLocalAssignedInTryBlock_WrapsUsesAfterTheTry() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response;
                try
                {
                    response = {|HCG003:await client.GetAsync("http://x")|};
                }
                catch (HttpRequestException)
                {
                    return null;
                }

                var text = await response.Content.ReadAsStringAsync();
                return text.Trim();
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response;
                try
                {
                    response = await client.GetAsync("http://x");
                }
                catch (HttpRequestException)
                {
                    return null;
                }

                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    return text.Trim();
                }
            }
        }
        """);

    [Fact]
    public Task EarlierLocalUsedOnlyInTheTryBlock_WrapsThere() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = {|HCG003:await client.GetAsync("http://x")|};
                    return await response.Content.ReadAsStringAsync();
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await client.GetAsync("http://x");
                    using (response)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }
        }
        """);

    [Fact]
    public Task EarlierLocal_ValueTakenFromItReadLater_WrapExtendsOverThatRead() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = {|HCG003:await client.PostAsync("http://x", content).ConfigureAwait(false)|};
                }

                var body = await response.Content.ReadAsStreamAsync();
                Console.WriteLine("read");
                var first = body.ReadByte();
                Console.WriteLine(first);
                return 1;
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = await client.PostAsync("http://x", content).ConfigureAwait(false);
                }

                using (response)
                {
                    var body = await response.Content.ReadAsStreamAsync();
                    Console.WriteLine("read");
                    var first = body.ReadByte();
                    Console.WriteLine(first);
                }
                return 1;
            }
        }
        """);

    [Fact]
    public Task EarlierLocalInSyncCode_MultiLineStatementsIndented() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            int M(HttpClient client, bool post)
            {
                HttpResponseMessage response;
                response = {|HCG003:client.GetAsync("http://x").Result|};
                // the status
                var code = (int)response
                    .StatusCode;

                return code;
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client, bool post)
            {
                HttpResponseMessage response;
                response = client.GetAsync("http://x").Result;
                // the status
                using (response)
                {
                    var code = (int)response
                        .StatusCode;

                    return code;
                }
            }
        }
        """);

    [Fact]
    public Task EarlierLocalsInOneMethod_FixAllNests() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage first;
                HttpResponseMessage second;
                first = {|HCG003:await client.GetAsync("http://x/1")|};
                second = {|HCG003:await client.GetAsync("http://x/2")|};
                Console.WriteLine(first.StatusCode);
                Console.WriteLine(second.StatusCode);
                return "ok";
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage first;
                HttpResponseMessage second;
                first = await client.GetAsync("http://x/1");
                using (first)
                {
                    second = await client.GetAsync("http://x/2");
                    using (second)
                    {
                        Console.WriteLine(first.StatusCode);
                        Console.WriteLine(second.StatusCode);
                    }
                }
                return "ok";
            }
        }
        """);

    [Fact]
    public Task EarlierLocalAssignedOnTwoPaths_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, bool post)
            {
                HttpResponseMessage response;
                if (post)
                {
                    response = {|HCG003:await client.PostAsync("http://x", null)|};
                }
                else
                {
                    response = {|HCG003:await client.GetAsync("http://x")|};
                }

                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task EarlierLocal_PathLeavesBeforeTheUses_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, bool quit)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = {|HCG003:await client.PostAsync("http://x", content)|};
                    if (quit)
                    {
                        return false;
                    }
                }

                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task EarlierLocal_ReadBeforeTheAssignment_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                HttpResponseMessage response = null;
                Console.WriteLine(response == null);
                using (var content = new StringContent("a"))
                {
                    response = {|HCG003:await client.PostAsync("http://x", content)|};
                }

                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task EarlierLocal_ThrowBeforeTheUses_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var content = new StringContent("a"))
                {
                    response = {|HCG003:await client.PostAsync("http://x", content)|};
                    if (response.StatusCode == System.Net.HttpStatusCode.Gone)
                    {
                        throw new InvalidOperationException("gone");
                    }
                }

                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task EarlierLocalAssignedInLoop_UsedAfterIt_NoFixOffered() => VerifyNoFixAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, string[] urls)
            {
                HttpResponseMessage response = null;
                foreach (var url in urls)
                {
                    using (var content = new StringContent(url))
                    {
                        response = {|HCG003:await client.PostAsync(url, content)|};
                    }
                }

                return response != null && response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task CrlfFile_FixAll_EveryLineStillEndsInCrlf()
    {
        static string Crlf(string text) => text.Replace("\r\n", "\n").Replace("\n", "\r\n");
        var source = Crlf(FixUsings + """
            class C
            {
                async Task<string> M(HttpClient client)
                {
                    var first = {|HCG003:await client.GetAsync("http://x/1")|};
                    {|HCG003:await client.DeleteAsync("http://x/2")|};
                    HttpResponseMessage third;
                    third = {|HCG003:await client.GetAsync("http://x/3")|};
                    return first.StatusCode+" "+third.StatusCode;
                }
            }
            """);
        var fixedCSharp73 = Crlf(FixUsings + """
            class C
            {
                async Task<string> M(HttpClient client)
                {
                    using (var first = await client.GetAsync("http://x/1"))
                    {
                        using (var response = await client.DeleteAsync("http://x/2"))
                        {
                            HttpResponseMessage third;
                            third = await client.GetAsync("http://x/3");
                            using (third)
                            {
                                return first.StatusCode+" "+third.StatusCode;
                            }
                        }
                    }
                }
            }
            """);
        var fixedLatest = Crlf(FixUsings + """
            class C
            {
                async Task<string> M(HttpClient client)
                {
                    using var first = await client.GetAsync("http://x/1");
                    using var response = await client.DeleteAsync("http://x/2");
                    HttpResponseMessage third;
                    third = await client.GetAsync("http://x/3");
                    using (third)
                    {
                        return first.StatusCode+" "+third.StatusCode;
                    }
                }
            }
            """);
        Assert.DoesNotContain("\n", fixedCSharp73.Replace("\r\n", string.Empty));
        Assert.DoesNotContain("\n", fixedLatest.Replace("\r\n", string.Empty));
        return Task.WhenAll(
            Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, fixedCSharp73, TestOptions.CSharp73Only),
            Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, fixedLatest, TestOptions.LatestOnly));
    }

    [Fact]
    public Task TabIndentedFile_UsingStatementStaysTabIndented() => Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(
        FixUsings + "class C\n{\n\tasync Task<int> M(HttpClient client)\n\t{\n\t\tvar response = {|HCG003:await client.GetAsync(\"http://x\")|};\n\t\treturn (int)response.StatusCode;\n\t}\n}\n",
        FixUsings + "class C\n{\n\tasync Task<int> M(HttpClient client)\n\t{\n\t\tusing (var response = await client.GetAsync(\"http://x\"))\n\t\t{\n\t\t\treturn (int)response.StatusCode;\n\t\t}\n\t}\n}\n",
        TestOptions.CSharp73Only);

    [Fact]
    public Task ContentHandedOn_NoFixOffered() => VerifyNoFixAsync("""
        class Result
        {
            public Result(System.Net.HttpStatusCode code, HttpContent content) { }
        }

        class C
        {
            async Task<Result> Declared(HttpClient client)
            {
                // The content handed to the returned object is owned by it (ownership summaries): not reported at all.
                var response = await client.GetAsync("http://x");
                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine("failed");
                }

                return new Result(response.StatusCode, response.Content);
            }

            async Task<Result> DeclaredEarlier(HttpClient client)
            {
                HttpResponseMessage response;
                using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x"))
                {
                    response = {|HCG003:await client.SendAsync(request)|};
                }

                Console.WriteLine(response.StatusCode);
                return new Result(response.StatusCode, response?.Content);
            }
        }
        """);

    [Fact]
    public Task ContentReadNotHandedOn_FixOffered() => VerifyEarlierLocalFixAsync(
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x"))
                {
                    response = {|HCG003:await client.SendAsync(request)|};
                }

                var type = response.Content?.Headers.ContentType;
                return await response.Content.ReadAsStringAsync() + type;
            }
        }
        """,
        """
        class C
        {
            async Task<string> M(HttpClient client)
            {
                HttpResponseMessage response;
                using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x"))
                {
                    response = await client.SendAsync(request);
                }

                using (response)
                {
                    var type = response.Content?.Headers.ContentType;
                    return await response.Content.ReadAsStringAsync() + type;
                }
            }
        }
        """);
}
