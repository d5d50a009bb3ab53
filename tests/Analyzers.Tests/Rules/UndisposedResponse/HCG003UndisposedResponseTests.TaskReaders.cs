using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task of a response handed to a method of the project (extension methods on <c>Task&lt;HttpResponseMessage&gt;</c> that
/// an SDK chains after its request helper): a method that awaits it and only reads the response leaves it undisposed; one
/// that hands the same response back passes the question to its caller; one that disposes, stores or may be overridden decides
/// nothing here. The readers are public: a private or internal one that every call hands a fresh task owns the response and is
/// reported where it reads it (HCG003UndisposedResponseTests.TaskParameters).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: the readers' bodies; {1}: the calls.
    private const string TaskReaders = """
        public static class ResponseTasks
        {
            public static async Task<T> ReadContentAsAsync<T>(this Task<HttpResponseMessage> response) where T : class
            {
                var unwrapped = await response;
                if (unwrapped == null)
                {
                    return null;
                }

                var text = await unwrapped.Content.ReadAsStringAsync();
                return text.Length > 0 ? default(T) : null;
            }

            public static async Task<HttpResponseMessage> ThrowIfUnsuccessful(this Task<HttpResponseMessage> response, string link)
            {
                var unwrapped = await response.ConfigureAwait(false);
                if (unwrapped == null)
                {
                    return null;
                }

                if (!unwrapped.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(link);
                }

                return unwrapped;
            }

            {0}
        }

        public abstract class Resource
        {
            private readonly HttpClient _client = new HttpClient();

            protected async Task<HttpResponseMessage> ExecuteRequest(Func<HttpClient, Task<HttpResponseMessage>> body)
            {
                return await body(_client);
            }

            {1}
        }
        """;

    [Fact]
    public Task TaskHandedToAMethodThatOnlyReadsTheResponse_Diagnostic() => VerifyAsync(TaskReaders
        .Replace("{0}", "")
        .Replace("{1}", """
            protected Task<string> Read(string url) => {|HCG003:_client.GetAsync(url)|}.ReadContentAsAsync<string>();

                protected async Task<string> Chained(string url)
                {
                    return await {|HCG003:ExecuteRequest(client => client.GetAsync(url))
                        .ThrowIfUnsuccessful("docs")|}
                        .ReadContentAsAsync<string>();
                }

                protected async Task<string> Static(string url)
                {
                    return await ResponseTasks.ReadContentAsAsync<string>({|HCG003:_client.GetAsync(url)|});
                }
            """));

    [Fact]
    public Task TaskHandedToAMethodThatDisposesKeepsOrMayBeOverridden_NoDiagnostic() => VerifyAsync(TaskReaders
        .Replace("{0}", """
            public static async Task<string> ReadAndDispose(this Task<HttpResponseMessage> response)
                {
                    using (var unwrapped = await response)
                    {
                        return await unwrapped.Content.ReadAsStringAsync();
                    }
                }

                public static async Task Keep(this Task<HttpResponseMessage> response, List<HttpResponseMessage> kept)
                {
                    var unwrapped = await response;
                    kept.Add(unwrapped);
                }
            """)
        .Replace("{1}", """
            private readonly List<HttpResponseMessage> _kept = new List<HttpResponseMessage>();

                protected Task<string> Read(string url) => _client.GetAsync(url).ReadAndDispose();

                protected Task Kept(string url) => _client.GetAsync(url).Keep(_kept);

                protected async Task<bool> Checked(string url)
                {
                    using (var response = await _client.GetAsync(url).ThrowIfUnsuccessful("docs"))
                    {
                        return response.IsSuccessStatusCode;
                    }
                }

                protected virtual async Task<string> Overridable(Task<HttpResponseMessage> response)
                {
                    var unwrapped = await response;
                    return unwrapped.ReasonPhrase;
                }

                protected Task<string> ReadVirtually(string url) => Overridable(_client.GetAsync(url));
            """));

    [Fact]
    public Task TaskHandedToAMethodThatAwaitsItIntoAUsingDeclaration_NoDiagnostic() => VerifyAsync(TaskReaders
        .Replace("{0}", """
            public static async Task<string> ReadAsync(this Task<HttpResponseMessage> responseTask)
                {
                    using var response = await responseTask;
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            """)
        .Replace("{1}", "protected Task<string> Read(string url) => _client.GetAsync(url).ReadAsync();"), TestOptions.LatestOnly);
}
