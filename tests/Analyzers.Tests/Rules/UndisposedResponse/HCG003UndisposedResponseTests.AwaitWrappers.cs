using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A user-written <c>ConfigureAwait(false)</c> wrapper (<c>task.ForAwait()</c>, an extension taking a <c>Task&lt;T&gt;</c> and
/// returning its <c>ConfiguredTaskAwaitable&lt;T&gt;</c>) hands back the response as <c>ConfigureAwait</c> does: the response
/// is followed through it (MyCouch's redirect-following <c>SendAsync</c>).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string ForAwaitExtension = """
        static class TaskExtensions
        {
            public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T> task) => task.ConfigureAwait(false);

            public static Task<T> Logged<T>(this Task<T> task) => task;

            // Not a wrapper: it awaits into another type (the body), disposing the response itself.
            public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable<string> ReadText(this Task<HttpResponseMessage> task) =>
                ReadAndDispose(task).ConfigureAwait(false);

            private static async Task<string> ReadAndDispose(Task<HttpResponseMessage> task)
            {
                using (var response = await task)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }

        """;

    [Fact]
    public Task ThroughAConfigureAwaitWrapper_DroppedOnTheFollowPathOrNeverDisposed_Diagnostic() => VerifyAsync(ForAwaitExtension + """
        class Connection
        {
            private readonly HttpClient _client = new HttpClient();

            protected virtual bool ShouldFollow(HttpResponseMessage response) => (int)response.StatusCode == 301;

            public virtual async Task<HttpResponseMessage> SendAsync(string url)
            {
                var response = {|HCG003:await _client.GetAsync(url).ForAwait()|};
                if (ShouldFollow(response))
                {
                    return await _client.GetAsync(response.Headers.Location).ForAwait();
                }

                return response;
            }

            public async Task<bool> Ping(string url)
            {
                var response = {|HCG003:await _client.GetAsync(url).ForAwait()|};
                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task ThroughAConfigureAwaitWrapper_DisposedOrReturned_NoDiagnostic() => VerifyAsync(ForAwaitExtension + """
        class Connection
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<HttpResponseMessage> SendAsync(string url) => await _client.GetAsync(url).ForAwait();

            public async Task<bool> Ping(string url)
            {
                using (var response = await _client.GetAsync(url).ForAwait())
                {
                    return response.IsSuccessStatusCode;
                }
            }

            public async Task<HttpResponseMessage> Follow(string url)
            {
                var response = await _client.GetAsync(url).ForAwait();
                if ((int)response.StatusCode == 301)
                {
                    var location = response.Headers.Location;
                    response.Dispose();
                    return await _client.GetAsync(location).ForAwait();
                }

                return response;
            }
        }
        """);

    [Fact]
    public Task TaskHandedToAnotherExtensionOrOneThatAwaitsIntoAnotherType_NoDiagnostic() => VerifyAsync(ForAwaitExtension + """
        class Connection
        {
            private readonly HttpClient _client = new HttpClient();

            public Task<HttpResponseMessage> SendAsync(string url) => _client.GetAsync(url).Logged();

            public async Task<int> Length(string url)
            {
                var text = await _client.GetAsync(url).ReadText();
                return text.Length;
            }
        }
        """);

    [Fact]
    public Task ThroughAConfigureAwaitWrapper_FixAddsUsing() => VerifyFixAsync(
        ForAwaitExtension + """
        class C
        {
            async Task<bool> Ping(HttpClient client, string url)
            {
                var response = {|HCG003:await client.GetAsync(url).ForAwait()|};
                return response.IsSuccessStatusCode;
            }
        }
        """,
        ForAwaitExtension + """
        class C
        {
            async Task<bool> Ping(HttpClient client, string url)
            {
                using (var response = await client.GetAsync(url).ForAwait())
                {
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """,
        ForAwaitExtension + """
        class C
        {
            async Task<bool> Ping(HttpClient client, string url)
            {
                using var response = await client.GetAsync(url).ForAwait();
                return response.IsSuccessStatusCode;
            }
        }
        """);
}
