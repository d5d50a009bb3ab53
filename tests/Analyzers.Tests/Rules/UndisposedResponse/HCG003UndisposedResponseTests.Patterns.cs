using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
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
}
