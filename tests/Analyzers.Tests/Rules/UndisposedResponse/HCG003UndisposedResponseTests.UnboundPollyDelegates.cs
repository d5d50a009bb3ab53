using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A non-generic Polly policy (<c>Policy.Handle&lt;WebException&gt;().WaitAndRetryAsync(...)</c>) whose package is
/// missing: its <c>ExecuteAsync&lt;TResult&gt;</c> hands back what its delegate returns, so when the delegate returns a
/// response (or a task of one, a task local the lambda awaits included), so does the execution, and a dropped result is
/// reported. Quiet when the caller disposes or returns it, when the delegate returns something else, and for an unbound
/// <c>ExecuteAsync</c> whose chain does not start at Polly's <c>Policy</c>. The same for a non-generic pipeline or policy in a
/// field (<c>private readonly ResiliencePipeline _resilience;</c>) in a file that imports Polly.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // A mobile app's API base: each request is retried on network errors, its response read and dropped.
    [Fact]
    public Task TaskLocalAwaitedThroughAnUnboundNonGenericPolicy_Diagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Get(string route)
            {
                var t = {|HCG003:_client.GetAsync(route)|};
                var message = await Policy
                    .Handle<System.Net.WebException>().Or<System.IO.IOException>()
                    .WaitAndRetryAsync(retryCount: 2, sleepDurationProvider: attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)))
                    .ExecuteAsync(async () => await t);
                var content = await message.Content.ReadAsStringAsync();
                return message.IsSuccessStatusCode ? content : null;
            }
        }
        """, s_halfTyped);

    // The JSON extensions' package is missing too: the task local is made by an unbound content extension on the client.
    [Fact]
    public Task UnboundJsonTaskLocalAwaitedThroughAnUnboundNonGenericPolicy_Diagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Post(string route, object body)
            {
                var t = {|HCG003:_client.PostAsJsonAsync(route, body)|};
                var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () => await t);
                return await message.Content.ReadAsStringAsync();
            }

            public async Task<string> Disposed(string route, object body)
            {
                var t = _client.PutAsJsonAsync(route, body);
                using (var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () => await t))
                {
                    return await message.Content.ReadAsStringAsync();
                }
            }

            public async Task<string> NotAClient(Uploader uploader, string route, object body)
            {
                var t = uploader.PostAsJsonAsync(route, body);
                var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () => await t);
                return await message.Content.ReadAsStringAsync();
            }
        }
        """, s_halfTyped);

    // The same task locals returned from a block lambda that logs first.
    [Fact]
    public Task TaskLocalReturnedFromABlockLambdaOfAnUnboundNonGenericPolicy_Diagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Get(string route)
            {
                var t = {|HCG003:_client.GetAsync(route)|};
                var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    Console.WriteLine(route);
                    return await t;
                });
                return await message.Content.ReadAsStringAsync();
            }

            public async Task<string> Post(string route, object body)
            {
                var t = {|HCG003:_client.PostAsJsonAsync(route, body)|};
                var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    Console.WriteLine(route);
                    return await t;
                });
                return await message.Content.ReadAsStringAsync();
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task TaskLocalReturnedFromABlockLambdaDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<string> Disposed(string route)
            {
                var t = _client.GetAsync(route);
                using (var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    Console.WriteLine(route);
                    return await t;
                }))
                {
                    return await message.Content.ReadAsStringAsync();
                }
            }

            public async Task<HttpResponseMessage> Returned(string route, object body)
            {
                var t = _client.PostAsJsonAsync(route, body);
                return await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    Console.WriteLine(route);
                    return await t;
                });
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task LambdaResponseThroughAnUnboundNonGenericPolicy_Diagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Delete(string route)
            {
                var message = {|HCG003:await Policy
                    .Handle<System.Net.WebException>()
                    .RetryAsync(2)
                    .ExecuteAsync(() => _client.DeleteAsync(route))|};
                return (int)message.StatusCode;
            }

            public async Task<int> Post(string route, HttpContent body)
            {
                var message = {|HCG003:await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    var response = await _client.PostAsync(route, body);
                    return response;
                })|};
                return (int)message.StatusCode;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task UnboundNonGenericPolicyResponseDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Disposed(string route)
            {
                var t = _client.GetAsync(route);
                using (var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () => await t))
                {
                    return (int)message.StatusCode;
                }
            }

            public async Task<HttpResponseMessage> Returned(string route)
            {
                var message = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(() => _client.GetAsync(route));
                return message;
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task UnboundNonGenericPolicyOfAnotherResultOrNotPolly_NoDiagnostic() => VerifyAsync("""
        class ServiceApiBase
        {
            private readonly HttpClient _client = new HttpClient();
            private readonly UnitOfWork _work = null;

            public async Task<int> Text(string route)
            {
                var text = await Policy.Handle<System.Net.WebException>().RetryAsync(2).ExecuteAsync(async () =>
                {
                    using (var response = await _client.GetAsync(route))
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                });
                return text.Length;
            }

            // Not Polly's chain: what an unknown ExecuteAsync does with the delegate's response is not known.
            public async Task<int> OtherExecutor(string route)
            {
                var message = await _work.Begin().ExecuteAsync(() => _client.GetAsync(route));
                return (int)message.StatusCode;
            }

            public async Task<int> OtherUnboundRoot(string route)
            {
                var message = await Transaction.Begin().ExecuteAsync(() => _client.GetAsync(route));
                return (int)message.StatusCode;
            }
        }
        """, s_halfTyped);

    // mangacrawler (fifty-first held-out set): a Polly 8 pipeline in a field, its package missing; the page's response is
    // dropped on the failure return and after its body is read. {0}: the field's type; {1}: after the read;
    // {2}, {3}: the markup around the execution, where the response is reported.
    private const string PipelineField = """
        using Polly;

        class Site
        {
            private readonly HttpClient _httpClient = new HttpClient();
            private readonly {0} _resilience;

            public async Task<bool> LoadPage(Uri page, CancellationToken cancellationToken = default)
            {
                var response = {2}await _resilience.ExecuteAsync(async token => await _httpClient.GetAsync(page, token).ConfigureAwait(false)).ConfigureAwait(false){3};
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                var html = await response.Content.ReadAsStringAsync();
                {1}
                return html.Length > 0;
            }
        }
        """;

    private static string Pipelined(string type, string after, bool reported) => PipelineField
        .Replace("{0}", type).Replace("{1}", after).Replace("{2}", reported ? "{|HCG003:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task ResponseThroughAnUnboundPipelineField_Diagnostic() => VerifyAsync(Pipelined("ResiliencePipeline", string.Empty, reported: true), s_halfTyped);

    [Fact]
    public Task ResponseThroughAnUnboundPipelineFieldDisposed_NoDiagnostic() => VerifyAsync(
        Pipelined("ResiliencePipeline", "response.Dispose();", reported: false).Replace("return false;", "response.Dispose(); return false;"), s_halfTyped);

    [Fact]
    public Task ResponseThroughAnUnboundPolicyOfAnotherResult_NoDiagnostic() => VerifyAsync(Pipelined("AsyncRetryPolicy<string>", string.Empty, reported: false), s_halfTyped);

    [Fact]
    public Task ResponseThroughAnUnboundExecutorOfAnotherName_NoDiagnostic() => VerifyAsync(Pipelined("RequestExecutor", string.Empty, reported: false), s_halfTyped);

    [Fact]
    public Task ResponseThroughAnUnboundPipelineFieldInAFileNotImportingPolly_NoDiagnostic() => VerifyAsync(
        Pipelined("ResiliencePipeline", string.Empty, reported: false).Replace("using Polly;", string.Empty), s_halfTyped);
}
