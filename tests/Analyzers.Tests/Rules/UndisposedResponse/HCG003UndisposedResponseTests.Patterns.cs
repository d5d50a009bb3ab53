using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A pattern that only looks at the response (<c>is null</c>, <c>is not null</c>, <c>is { StatusCode: ... }</c>) borrows it;
/// one that names it (<c>is var r</c>, <c>is { } r</c>) keeps it under another name.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private static readonly TestOptions CSharp9 = new() { MinimumLanguageVersion = LanguageVersion.CSharp9 };

    [Fact]
    public Task TestedIsNullOnly_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                if (response is null)
                {
                    return 0;
                }

                return (int)response.StatusCode;
            }
        }
        """);

    // A webhook job: the response is kept in a local declared before the try, looked at in the finally, never disposed.
    [Fact]
    public Task TestedIsNotNullInFinally_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, HttpContent body)
            {
                var successful = true;
                HttpResponseMessage response = null;
                try
                {
                    response = {|HCG003:await client.PostAsync("http://x", body)|};
                    successful = response.IsSuccessStatusCode;
                }
                catch (OperationCanceledException)
                {
                    successful = false;
                }
                finally
                {
                    if (!successful && response is not null && response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                    {
                        Console.WriteLine("disable the webhook");
                    }
                }

                return successful;
            }
        }
        """, CSharp9);

    [Fact]
    public Task TestedIsNotNullThenDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client, HttpContent body)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = await client.PostAsync("http://x", body);
                    return response.IsSuccessStatusCode;
                }
                finally
                {
                    if (response is not null)
                    {
                        response.Dispose();
                    }
                }
            }
        }
        """, CSharp9);

    [Fact]
    public Task PropertyPatternOnly_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                return response is { StatusCode: System.Net.HttpStatusCode.OK, IsSuccessStatusCode: true };
            }
        }
        """, CSharp9);

    [Fact]
    public Task PropertyPatternUnderUsing_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<bool> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return response is { StatusCode: System.Net.HttpStatusCode.OK, IsSuccessStatusCode: true };
                }
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByAPatternAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                return response is { } kept ? kept : throw new InvalidOperationException();
            }
        }
        """, CSharp9);

    // A response matched and named by the pattern it is tested with (a library connector checking the status of each call):
    // the pattern's local is followed like any other; read, never disposed, it is reported, and no fix is offered (there is
    // no declaration to put 'using' on).
    private const string NamedByNegatedPatternAndRead = """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                if ({|HCG003:await client.GetAsync("http://x")|} is not { IsSuccessStatusCode: true } res)
                {
                    return 0;
                }

                return (await res.Content.ReadAsStringAsync()).Length;
            }
        }
        """;

    [Fact]
    public Task NamedByNegatedPatternAndRead_Diagnostic() => VerifyAsync(NamedByNegatedPatternAndRead, CSharp9);

    [Fact]
    public Task NamedByNegatedPatternAndRead_NoFixOffered() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(FixUsings + NamedByNegatedPatternAndRead, FixUsings + NamedByNegatedPatternAndRead, CSharp9);

    [Fact]
    public Task NamedByPropertyPatternAndLogged_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpClient client, IEnumerable<string> libraries)
            {
                foreach (var library in libraries)
                {
                    if ({|HCG003:await client.PostAsync("http://x/" + library, null)|} is { IsSuccessStatusCode: false } res)
                    {
                        Console.WriteLine(res.StatusCode);
                    }
                }
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByPatternFromBlockingResult_Diagnostic() => VerifyAsync("""
        class C
        {
            string M(HttpClient client)
            {
                if ({|HCG003:client.GetAsync("http://x").Result|} is not { IsSuccessStatusCode: true } res)
                {
                    return "";
                }

                return res.Content.ReadAsStringAsync().Result;
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByPatternAndDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                if (await client.GetAsync("http://x") is HttpResponseMessage res)
                {
                    using (res)
                    {
                        return (int)res.StatusCode;
                    }
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task NamedByPatternAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpResponseMessage> M(HttpClient client)
            {
                if (await client.GetAsync("http://x") is { IsSuccessStatusCode: true } res)
                {
                    return res;
                }

                throw new InvalidOperationException();
            }
        }
        """, CSharp9);

    [Fact]
    public Task PartNamedByPatternAndHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<HttpContent> M(HttpClient client)
            {
                return await client.GetAsync("http://x") is { Content: var content } ? content : null;
            }
        }
        """, CSharp9);

    // The pattern acquires the response into its local only where it matches: a pattern that can fail on a response
    // (a property test) drops it on the other path.
    [Fact]
    public Task NamedByPropertyPatternDisposedWhereItMatches_DroppedWhereNot_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                if ({|HCG003:await client.GetAsync("http://x")|} is { IsSuccessStatusCode: true } res)
                {
                    using (res)
                    {
                        return await res.Content.ReadAsStringAsync();
                    }
                }

                return null;
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByNegatedPatternReturnedEarly_DisposedAfter_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                if ({|HCG003:await client.GetAsync("http://x")|} is not { IsSuccessStatusCode: true } res)
                {
                    return null;
                }

                using (res)
                {
                    return await res.Content.ReadAsStringAsync();
                }
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByPatternThatFailsOnlyOnNull_DisposedWhereItMatches_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Typed(HttpClient client)
            {
                if (await client.GetAsync("http://x") is HttpResponseMessage res)
                {
                    using (res)
                    {
                        return await res.Content.ReadAsStringAsync();
                    }
                }

                return null;
            }

            async Task<string> Empty(HttpClient client)
            {
                if (!(await client.GetAsync("http://x") is { } res))
                {
                    return null;
                }

                using (res)
                {
                    return await res.Content.ReadAsStringAsync();
                }
            }
        }
        """, CSharp9);

    [Fact]
    public Task NamedByNegatedPatternThrownWhereItFails_DisposedAfter_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                if (await client.GetAsync("http://x") is not { IsSuccessStatusCode: true } res)
                {
                    throw new InvalidOperationException("failed");
                }

                using (res)
                {
                    return await res.Content.ReadAsStringAsync();
                }
            }
        }
        """, CSharp9);

    // sfsmods (fifty-first held-out set): a switch statement over the response whose cases only look at it. {0}: the cases;
    // {1}: after the switch; {2}, {3}: the markup around the send. Property patterns need C# 8.
    private const string SwitchedResponse = """
        class C
        {
            async Task<string> M(HttpClient client, string url)
            {
                string content = null;
                HttpResponseMessage response = null;
                try { response = {2}await client.GetAsync(url){3}; }
                catch (HttpRequestException) { }

                switch (response)
                {
                    {0}
                    case null:
                        return null;
                    default:
                        content = await response.Content.ReadAsStringAsync();
                        break;
                }

                {1}
                return content;
            }
        }
        """;

    private static string Switched(string cases, string after, bool reported) => SwitchedResponse
        .Replace("{0}", cases).Replace("{1}", after).Replace("{2}", reported ? "{|HCG003:" : "").Replace("{3}", reported ? "|}" : "");

    private static readonly TestOptions CSharp8 = new() { MinimumLanguageVersion = LanguageVersion.CSharp8 };

    [Fact]
    public Task SwitchStatementOnlyLookingAtTheResponse_Diagnostic() => VerifyAsync(
        Switched("case { IsSuccessStatusCode: false }: content = \"[]\"; break;", string.Empty, reported: true), CSharp8);

    [Fact]
    public Task SwitchStatementOnlyLookingAtTheResponseDisposedAfter_NoDiagnostic() => VerifyAsync(
        Switched("case { IsSuccessStatusCode: false }: content = \"[]\"; break;", "response?.Dispose();", reported: false), CSharp8);

    [Fact]
    public Task SwitchStatementKeepingTheResponseUnderANewName_NoDiagnostic() => VerifyAsync(
        Switched("case { IsSuccessStatusCode: false } failed: Keep(failed); break;", string.Empty, reported: false)
            .Replace("    async Task<string> M(", "    static void Keep(object value) { }\n\n    async Task<string> M("), CSharp8);

    [Fact]
    public Task SwitchStatementWithConstantCasesOnly_Diagnostic() => VerifyAsync(
        Switched(string.Empty, string.Empty, reported: true));
}
