using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response <c>Func</c> invoked through its delegate method (<c>action.Invoke(client)</c>, <c>action?.Invoke(client)</c>)
/// hands out a response as <c>action(client)</c> does, and <c>task?.Result</c> reads the task's response as <c>task.Result</c>.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task ResponseFuncInvokedThroughInvokeAndOnlyRead_Diagnostic() => VerifyAsync("""
        class C
        {
            static System.Net.HttpStatusCode Use(Func<HttpClient, Task<HttpResponseMessage>> action)
            {
                using (var client = new HttpClient())
                {
                    return {|HCG003:action.Invoke(client).Result|}.StatusCode;
                }
            }

            static System.Net.HttpStatusCode UseIfAny(Func<HttpClient, Task<HttpResponseMessage>> action)
            {
                using (var client = new HttpClient())
                {
                    return {|HCG003:action?.Invoke(client)?.Result.StatusCode|} ?? System.Net.HttpStatusCode.PreconditionFailed;
                }
            }
        }
        """);

    [Fact]
    public Task ResponseFuncInvokedThroughInvokeAndDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            static System.Net.HttpStatusCode Use(Func<HttpClient, Task<HttpResponseMessage>> action)
            {
                using (var client = new HttpClient())
                using (var response = action.Invoke(client).Result)
                {
                    return response.StatusCode;
                }
            }

            static System.Net.HttpStatusCode UseIfAny(Func<HttpClient, Task<HttpResponseMessage>> action, HttpClient client)
            {
                var response = action?.Invoke(client)?.Result;
                try
                {
                    return response?.StatusCode ?? System.Net.HttpStatusCode.PreconditionFailed;
                }
                finally
                {
                    response?.Dispose();
                }
            }

            static Task<HttpResponseMessage> Forward(Func<HttpClient, Task<HttpResponseMessage>> action, HttpClient client) => action?.Invoke(client);

            // Other delegates' Invoke hands out no response.
            static string Name(Func<HttpClient, string> name, HttpClient client) => name.Invoke(client);
        }
        """);

    [Fact]
    public Task ResponseFuncInvokedThroughInvoke_MessageNamesTheDelegate() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        Usings + """
        class C
        {
            static System.Net.HttpStatusCode UseIfAny(Func<HttpClient, Task<HttpResponseMessage>> action, HttpClient client) =>
                {|#0:action?.Invoke(client)?.Result.StatusCode|} ?? System.Net.HttpStatusCode.PreconditionFailed;
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'action' is used without being kept; dispose it with 'using' so that its connection goes back to the pool");

    // A null-conditional call's value is the response task, or null: followed as the call's own.
    [Fact]
    public Task NullConditionalCallOnAClientReadOrDropped_Diagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient _client;

            async Task<System.Net.HttpStatusCode> Read(string u)
            {
                var r = {|HCG003:await _client?.GetAsync(u)|};
                return r.StatusCode;
            }

            void Fire(string u)
            {
                {|HCG003:_client?.PostAsync(u, null)|};
            }
        }
        """);

    [Fact]
    public Task NullConditionalCallOnAClientDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient _client;

            async Task<System.Net.HttpStatusCode> Disposed(string u)
            {
                using (var r = await _client?.GetAsync(u))
                {
                    return r.StatusCode;
                }
            }

            Task<HttpResponseMessage> Forward(string u) => _client?.GetAsync(u);
        }
        """);
}
