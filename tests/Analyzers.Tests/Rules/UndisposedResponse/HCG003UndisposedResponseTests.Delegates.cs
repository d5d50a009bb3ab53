using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// Responses handed out by invoking a delegate: a local of a response <c>Func</c>, and a parameter, field or local of a
/// delegate type the compilation declares to return one (<c>delegate Task&lt;HttpResponseMessage&gt; Handler(...)</c>, a
/// logging target's middleware chain). The invoker owns what comes back.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string EventSender = """
        public delegate Task<HttpResponseMessage> EventHandlerChain(string token, byte[] events);

        class EventSender
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> PostAsync(string token, byte[] events, Func<string, byte[], EventHandlerChain, Task<HttpResponseMessage>> middleware)
            {
                EventHandlerChain next = (t, e) => _client.PostAsync("http://collector/events", new ByteArrayContent(e));
                EventHandlerChain postEvents = (t, e) => middleware == null ? next(t, e) : middleware(t, e, next);
                BODY
            }

            public async Task<int> ResendAsync(string token, byte[] events, EventHandlerChain chain)
            {
                RESEND
            }

            public async Task<int> ViaFuncAsync(string url)
            {
                Func<Task<HttpResponseMessage>> send = () => _client.GetAsync(url);
                FUNC
            }
        }
        """;

    private static string Events(string body, string resend, string func) => EventSender
        .Replace("BODY", body, System.StringComparison.Ordinal)
        .Replace("RESEND", resend, System.StringComparison.Ordinal)
        .Replace("FUNC", func, System.StringComparison.Ordinal);

    [Fact]
    public Task ResponsesFromDelegateLocalsAndParametersDropped_Diagnostic() => VerifyAsync(Events(
        """
        var response = {|HCG003:await postEvents(token, events)|};
                        return (int)response.StatusCode;
        """,
        """
        var response = {|HCG003:await chain(token, events)|};
                        return (int)response.StatusCode;
        """,
        """
        var response = {|HCG003:await send()|};
                        return (int)response.StatusCode;
        """));

    [Fact]
    public Task ResponsesFromDelegateLocalsAndParametersDisposedOrReturned_NoDiagnostic() => VerifyAsync(Events(
        """
        using (var response = await postEvents(token, events))
                        {
                            return (int)response.StatusCode;
                        }
        """,
        """
        var response = await chain(token, events);
                        response.Dispose();
                        return 0;
        """,
        """
        using (var response = await send())
                        {
                            return (int)response.StatusCode;
                        }
        """));

    // A list of attempts, each a tuple whose element is a response Func, tried in turn ('await attempt.call()').
    private const string SceneActivator = """
        class SceneActivator
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<bool> ActivateAsync(int scene)
            {
                var attempts = new List<(string Name, Func<Task<HttpResponseMessage>> Call)>
                {
                    ("PUT empty", () => _client.PutAsync("http://hub/scenes/" + scene, null)),
                    ("POST json", () => _client.PostAsync("http://hub/scenes/" + scene, new StringContent("{}"))),
                };

                foreach (var attempt in attempts)
                {
                    BODY
                }

                return false;
            }

            public async Task<string> NameAsync((string Name, Func<Task<string>> Read) attempt) => await attempt.Read();
        }
        """;

    private static string Attempts(string body) => SceneActivator.Replace("BODY", body, System.StringComparison.Ordinal);

    [Fact]
    public Task ResponseFromATupleElementFuncDropped_Diagnostic() => VerifyAsync(Attempts("""
        var response = {|HCG003:await attempt.Call()|};
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
        """));

    [Fact]
    public Task ResponseFromATupleElementFuncInvokedAndDropped_Diagnostic() => VerifyAsync(Attempts("""
        var response = {|HCG003:await attempt.Call.Invoke()|};
                    Console.WriteLine(response.StatusCode);
        """));

    [Fact]
    public Task ResponseFromATupleElementFuncDisposed_NoDiagnostic() => VerifyAsync(Attempts("""
        using (var response = await attempt.Call())
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            return true;
                        }
                    }
        """));

    [Fact]
    public Task ResponseFromATupleElementFuncReturned_NoDiagnostic() => VerifyAsync("""
        class Attempts
        {
            private readonly HttpClient _client = new HttpClient();

            public Task<HttpResponseMessage> FirstAsync()
            {
                (string Name, Func<Task<HttpResponseMessage>> Call) attempt = ("GET", () => _client.GetAsync("http://hub/home"));
                return attempt.Call();
            }
        }
        """);
}
