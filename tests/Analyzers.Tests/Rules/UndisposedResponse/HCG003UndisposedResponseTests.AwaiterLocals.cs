using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// The awaiter of a response's task kept in a local (<c>var post = client.PostAsync(...).ConfigureAwait(false).GetAwaiter();</c>)
/// and read later with <c>post.GetResult()</c>: the response is where <c>GetResult</c> reads it.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task AwaiterKeptInALocal_ResultReadAndNeverDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            string Token(string url, HttpContent content)
            {
                HttpResponseMessage response;
                using (var client = new HttpClient())
                {
                    var post = {|HCG003:client.PostAsync(url, content)|}.ConfigureAwait(false).GetAwaiter();
                    response = post.GetResult();
                }

                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException(response.ReasonPhrase);
                }

                return response.Content.ReadAsStringAsync().Result;
            }

            int Plain(HttpClient client)
            {
                var awaiter = {|HCG003:client.GetAsync("http://x")|}.GetAwaiter();
                return (int)awaiter.GetResult().StatusCode;
            }
        }
        """);

    [Fact]
    public Task AwaiterKeptInALocal_ResultDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            string Token(string url, HttpContent content)
            {
                HttpResponseMessage response;
                using (var client = new HttpClient())
                {
                    var post = client.PostAsync(url, content).ConfigureAwait(false).GetAwaiter();
                    response = post.GetResult();
                }

                using (response)
                {
                    return response.Content.ReadAsStringAsync().Result;
                }
            }

            int Plain(HttpClient client)
            {
                var awaiter = client.GetAsync("http://x").GetAwaiter();
                using (var response = awaiter.GetResult())
                {
                    return (int)response.StatusCode;
                }
            }

            HttpResponseMessage Returned(HttpClient client)
            {
                var awaiter = client.GetAsync("http://x").GetAwaiter();
                return awaiter.GetResult();
            }

            int Polled(HttpClient client)
            {
                // Looking at the awaiter's state is not a read; the one read is disposed.
                var awaiter = client.GetAsync("http://x").GetAwaiter();
                while (!awaiter.IsCompleted)
                {
                    System.Threading.Thread.Sleep(10);
                }

                using (var response = awaiter.GetResult())
                {
                    return (int)response.StatusCode;
                }
            }

            HttpResponseMessage HandedOn(HttpClient client)
            {
                var awaiter = client.GetAsync("http://x").ConfigureAwait(false).GetAwaiter();
                return Finish(awaiter);
            }

            static HttpResponseMessage Finish(System.Runtime.CompilerServices.ConfiguredTaskAwaitable<HttpResponseMessage>.ConfiguredTaskAwaiter awaiter) => awaiter.GetResult();

            string Body(HttpResponseMessage response)
            {
                // The awaiter of a string's task: no response is made here.
                var read = response.Content.ReadAsStringAsync().ConfigureAwait(false).GetAwaiter();
                return read.GetResult();
            }
        }
        """);

    // The fix puts 'using' around the read through the awaiter, as it does for a task's read.
    [Fact]
    public Task AwaiterKeptInALocal_FixAddsUsingAtTheRead() => VerifyFixAsync(
        """
        class C
        {
            int M(HttpClient client)
            {
                var awaiter = {|HCG003:client.GetAsync("http://x")|}.ConfigureAwait(false).GetAwaiter();
                var response = awaiter.GetResult();
                return (int)response.StatusCode;
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client)
            {
                var awaiter = client.GetAsync("http://x").ConfigureAwait(false).GetAwaiter();
                using (var response = awaiter.GetResult())
                {
                    return (int)response.StatusCode;
                }
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client)
            {
                var awaiter = client.GetAsync("http://x").ConfigureAwait(false).GetAwaiter();
                using var response = awaiter.GetResult();
                return (int)response.StatusCode;
            }
        }
        """);
}
