using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>A response handed out inside a tuple and deconstructed into a local; its stream handed out through a switch arm.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string Sender = """
        class Sender
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage response, int retries)> SendWithRetries(string url)
            {
                var response = await _client.GetAsync(url).ConfigureAwait(false);
                return (response, 0);
            }
        }

        """;

    [Fact]
    public Task ContentStreamReturnedInsideATuple_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.IO;
        class C
        {
            async Task<(Stream Body, DateTime Modified)> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                return (await response.Content.ReadAsStreamAsync(), response.Content.Headers.LastModified?.UtcDateTime ?? DateTime.UtcNow);
            }
        }
        """);

    [Fact]
    public Task ContentStreamInsideATupleKeptOnlyHere_Diagnostic() => VerifyAsync("""
        using System.IO;
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead)|};
                var pair = (await response.Content.ReadAsStreamAsync(), 1);
                return pair.Item2;
            }
        }
        """);

    [Fact]
    public Task DeconstructedAndOnlyRead_Diagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<string> M(Sender sender)
            {
                var (response, retries) = {|HCG003:await sender.SendWithRetries("http://x").ConfigureAwait(false)|};
                return retries + ": " + await response.Content.ReadAsStringAsync();
            }
        }
        """);

    [Fact]
    public Task DeconstructedIntoDeclarationsNeverDisposed_Diagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<int> M(Sender sender)
            {
                (var response, _) = {|HCG003:await sender.SendWithRetries("http://x")|};
                return (int)response.StatusCode;
            }
        }
        """);

    [Fact]
    public Task ResponseElementDiscarded_Diagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<int> M(Sender sender)
            {
                var (_, retries) = {|HCG003:await sender.SendWithRetries("http://x")|};
                return retries;
            }
        }
        """);

    [Fact]
    public Task DeconstructedAndDisposed_NoDiagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<string> M(Sender sender)
            {
                var (response, retries) = await sender.SendWithRetries("http://x");
                using (response)
                {
                    return retries + ": " + await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task DeconstructedAndReturned_NoDiagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<HttpResponseMessage> M(Sender sender)
            {
                var (response, retries) = await sender.SendWithRetries("http://x");
                Console.WriteLine(retries);
                return response;
            }
        }
        """);

    [Fact]
    public Task DeconstructedWithErrorAndHandedOnWhenThereIsNone_NoDiagnostic() => VerifyAsync("""
        sealed class Outcome
        {
            public Outcome(HttpResponseMessage response, Exception error) { Response = response; Error = error; }
            public HttpResponseMessage Response { get; }
            public Exception Error { get; }
        }
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            async Task<(HttpResponseMessage response, Exception error)> TrySend(string url)
            {
                try
                {
                    return (await _client.GetAsync(url), null);
                }
                catch (Exception ex)
                {
                    return (null, ex);
                }
            }

            async Task<Outcome> M(string url)
            {
                var (response, error) = await TrySend(url);
                if (error != null)
                {
                    return new Outcome(null, error);
                }

                return new Outcome(response, null);
            }
        }
        """);

    [Fact]
    public Task TupleKeptWhole_NoDiagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<(HttpResponseMessage, int)> M(Sender sender)
            {
                var result = await sender.SendWithRetries("http://x");
                Console.WriteLine(result.retries);
                return result;
            }
        }
        """);

    [Fact]
    public Task DeconstructedResponse_NoFixOffered()
    {
        const string source = FixUsings + Sender + """
            class C
            {
                async Task<int> M(Sender sender)
                {
                    var (response, retries) = {|HCG003:await sender.SendWithRetries("http://x")|};
                    return (int)response.StatusCode + retries;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task TupleThrownAwayWhole_NoFixOffered()
    {
        const string source = FixUsings + Sender + """
            class C
            {
                async Task M(Sender sender)
                {
                    {|HCG003:await sender.SendWithRetries("http://x")|};
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task TupleWithResponseThrownAwayWhole_Diagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task Statement(Sender sender)
            {
                {|HCG003:await sender.SendWithRetries("http://x").ConfigureAwait(false)|};
            }

            async Task Discard(Sender sender)
            {
                _ = {|HCG003:await sender.SendWithRetries("http://x")|};
            }
        }
        """);

    // WordPressPCL's CreateAsync: '(await HttpHelper.PostRequestAsync<T>(path, body).ConfigureAwait(false)).Item1' reads the
    // entity and drops the response beside it; the response element read on the spot goes where that read goes.
    [Fact]
    public Task TupleReadForAnotherElementOnTheSpot_Diagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<int> Unnamed(Sender sender)
            {
                return ({|HCG003:await sender.SendWithRetries("http://x").ConfigureAwait(false)|}).Item2;
            }

            async Task<int> Named(Sender sender) => ({|HCG003:await sender.SendWithRetries("http://x")|}).retries;

            async Task<int> Status(Sender sender) => (int){|HCG003:(await sender.SendWithRetries("http://x")).response|}.StatusCode;
        }
        """);

    [Fact]
    public Task TupleReadForAnotherElementOnTheSpot_NoFixOffered()
    {
        const string source = FixUsings + Sender + """
            class C
            {
                async Task<int> M(Sender sender) => ({|HCG003:await sender.SendWithRetries("http://x")|}).retries;
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task TupleReadForItsResponseOnTheSpot_FixWrapsTheReadInUsing() => Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(
        FixUsings + Sender + """
            class C
            {
                async Task<int> M(Sender sender)
                {
                    return (int){|HCG003:(await sender.SendWithRetries("http://x")).response|}.StatusCode;
                }
            }
            """,
        FixUsings + Sender + """
            class C
            {
                async Task<int> M(Sender sender)
                {
                    using (var response1 = (await sender.SendWithRetries("http://x")).response)
                    {
                        return (int)response1.StatusCode;
                    }
                }
            }
            """,
        TestOptions.CSharp73Only);

    [Fact]
    public Task TupleReadForItsResponseOnTheSpotAndKept_NoDiagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<HttpResponseMessage> Returned(Sender sender) => (await sender.SendWithRetries("http://x")).response;

            async Task<string> Disposed(Sender sender)
            {
                using (var response = (await sender.SendWithRetries("http://x").ConfigureAwait(false)).Item1)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }

            async Task<int> Whole(Sender sender)
            {
                var pair = (await sender.SendWithRetries("http://x"));
                using (pair.response)
                {
                    return pair.retries;
                }
            }
        }
        """);

    [Fact]
    public Task TupleWithResponseKeptWhole_NoDiagnostic() => VerifyAsync(Sender + """
        class C
        {
            async Task<(HttpResponseMessage response, int retries)> Returned(Sender sender) => await sender.SendWithRetries("http://x");

            async Task<int> Kept(Sender sender)
            {
                var result = await sender.SendWithRetries("http://x");
                using (result.response)
                {
                    return result.retries;
                }
            }
        }
        """);

    private const string JournalSender = """
        class JournalSender
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(System.Net.HttpStatusCode code, HttpResponseMessage message)> GetJournalAsync(string url, bool complete)
            {
                if (complete)
                {
                    return (System.Net.HttpStatusCode.OK, null);
                }

                var response = await _client.GetAsync(url);
                return (response.StatusCode, response);
            }
        }

        """;

    [Fact]
    public Task TupleKeptWholeAndItsResponseOnlyRead_Diagnostic() => VerifyAsync(JournalSender + """
        class C
        {
            async Task<bool> M(JournalSender sender)
            {
                var res = {|HCG003:await sender.GetJournalAsync("http://x", false)|};
                var attempts = 0;
                while (res.code != System.Net.HttpStatusCode.OK)
                {
                    var content = await res.message.Content.ReadAsStringAsync();
                    if (content.Contains("purchase") || res.message == null || attempts++ > 10)
                    {
                        return false;
                    }

                    res = {|HCG003:await sender.GetJournalAsync("http://x", false)|};
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task TupleKeptWholeItsResponseStatusRead_Diagnostic() => VerifyAsync(JournalSender + """
        class C
        {
            async Task<int> M(JournalSender sender)
            {
                var res = {|HCG003:await sender.GetJournalAsync("http://x", false)|};
                if (res.message is null)
                {
                    return 0;
                }

                res.message.EnsureSuccessStatusCode();
                return (int)res.message.StatusCode + res.Item1.GetHashCode();
            }
        }
        """);

    [Fact]
    public Task TupleKeptWhole_NoFixOffered()
    {
        const string source = FixUsings + JournalSender + """
            class C
            {
                async Task<int> M(JournalSender sender)
                {
                    var res = {|HCG003:await sender.GetJournalAsync("http://x", false)|};
                    return (int)res.message.StatusCode;
                }
            }
            """;
        return Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(source, source);
    }

    [Fact]
    public Task TupleKeptWholeAndItsResponseDisposed_NoDiagnostic() => VerifyAsync(JournalSender + """
        class C
        {
            async Task<int> Disposed(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                var code = (int)res.message.StatusCode;
                res.message.Dispose();
                return code;
            }

            async Task<int> DisposedIfThere(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                res.message?.Dispose();
                return (int)res.code;
            }

            async Task<string> UsingDeclared(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                using (var message = res.message)
                {
                    return await message.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task TupleKeptWholeAndHandedOn_NoDiagnostic() => VerifyAsync(JournalSender + """
        class C
        {
            private readonly System.Collections.Generic.List<HttpResponseMessage> _kept = new System.Collections.Generic.List<HttpResponseMessage>();

            async Task<HttpResponseMessage> ResponseReturned(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                return res.message;
            }

            async Task ResponseStored(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                _kept.Add(res.message);
            }

            async Task<int> Deconstructed(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                var (code, message) = res;
                using (message)
                {
                    return (int)code;
                }
            }

            async Task<Func<HttpResponseMessage>> Captured(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                return () => res.message;
            }

            async Task<HttpResponseMessage> ReturnedByEnsure(JournalSender sender)
            {
                var res = await sender.GetJournalAsync("http://x", false);
                var ensured = res.message.EnsureSuccessStatusCode();
                return ensured;
            }
        }
        """);

    // The helper sends through a retry policy whose package folder mode did not restore: its send does not bind, so its
    // returns tell: a local of its own, a response it builds, or null. {0}: what the busy return hands back.
    private const string UnboundPolicySender = """
        class JournalSender
        {
            private readonly HttpClient _client = new HttpClient();
            private HttpResponseMessage _last;

            public async Task<(System.Net.HttpStatusCode code, HttpResponseMessage message)> GetJournalAsync(string url, int state)
            {
                if (state == 0)
                {
                    return (System.Net.HttpStatusCode.OK, null);
                }

                if (state == 1)
                {
                    return (System.Net.HttpStatusCode.InternalServerError, new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError));
                }

                if (state == 2)
                {
                    return (System.Net.HttpStatusCode.Conflict, {0});
                }

                var policy = Policy<HttpResponseMessage>.Handle<HttpRequestException>().WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(5));
                var journalRequest = await policy.ExecuteAsync(() => _client.GetAsync(url));
                return (journalRequest.StatusCode, journalRequest);
            }
        }

        class C
        {
            async Task<string> M(JournalSender sender)
            {
                var res = {1}await sender.GetJournalAsync("http://x", 3){2};
                return await res.message.Content.ReadAsStringAsync();
            }
        }
        """;

    [Fact]
    public Task TupleKeptWholeFromAHelperWhoseSendDoesNotBind_Diagnostic() => VerifyAsync(
        UnboundPolicySender.Replace("{0}", "new HttpResponseMessage(System.Net.HttpStatusCode.Conflict)").Replace("{1}", "{|HCG003:").Replace("{2}", "|}"),
        s_halfTyped);

    [Fact]
    public Task TupleKeptWholeFromAHelperWhoseSendDoesNotBindReturningAKeptResponse_NoDiagnostic() => VerifyAsync(
        UnboundPolicySender.Replace("{0}", "_last").Replace("{1}", "").Replace("{2}", ""),
        s_halfTyped);

    [Fact]
    public Task TupleKeptWholeFromAHelperThatDoesNotMakeTheResponse_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpResponseMessage _last;

            (System.Net.HttpStatusCode code, HttpResponseMessage message) Last() => (_last.StatusCode, _last);

            int M()
            {
                var res = Last();
                return (int)res.message.StatusCode;
            }
        }
        """);

    [Fact]
    public Task HelperReturnsResponseItsUsingDisposed_NoDiagnostic() => VerifyAsync("""
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage, string)> PostAsync(string url, HttpContent payload)
            {
                using var response = await _client.PostAsync(url, payload).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return (response, text);
            }

            public async Task<HttpResponseMessage> HeadAsync(string url)
            {
                using (var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        return null;
                    }

                    return response;
                }
            }
        }
        class C
        {
            async Task<string> Deconstructed(Api api, HttpContent payload)
            {
                var (response, text) = await api.PostAsync("http://x", payload);
                return response.StatusCode + text;
            }

            async Task Discarded(Api api, HttpContent payload)
            {
                await api.PostAsync("http://x", payload);
            }

            async Task<bool> Plain(Api api)
            {
                var response = await api.HeadAsync("http://x");
                return response != null && response.Content.Headers.ContentLength > 0;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task HelperReturnsUndisposedResponseOnSomePath_Diagnostic() => VerifyAsync("""
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage, string)> PostAsync(string url, HttpContent payload, bool keep)
            {
                if (keep)
                {
                    var kept = await _client.PostAsync(url, payload);
                    return (kept, null);
                }

                using var response = await _client.PostAsync(url, payload).ConfigureAwait(false);
                return (response, await response.Content.ReadAsStringAsync());
            }

            public async Task<HttpResponseMessage> GetAsync(string url)
            {
                using var probe = await _client.GetAsync(url + "/probe");
                var response = {|HCG003:await _client.GetAsync(url)|};
                return probe.IsSuccessStatusCode ? response : null;
            }
        }
        class C
        {
            async Task<string> Deconstructed(Api api, HttpContent payload)
            {
                var (response, text) = {|HCG003:await api.PostAsync("http://x", payload, true)|};
                return response.StatusCode + text;
            }

            async Task<bool> Plain(Api api)
            {
                var response = {|HCG003:await api.GetAsync("http://x")|};
                return response.IsSuccessStatusCode;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task HelperReturnsResponseItsUsingStatementDisposed_NoDiagnostic() => VerifyAsync("""
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage response, string text)> PostAsync(string url, HttpContent payload)
            {
                using (var response = await _client.PostAsync(url, payload).ConfigureAwait(false))
                {
                    return (response, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                }
            }
        }
        class C
        {
            async Task<string> Deconstructed(Api api, HttpContent payload)
            {
                var (response, text) = await api.PostAsync("http://x", payload);
                return response.StatusCode + text;
            }

            async Task Discarded(Api api, HttpContent payload)
            {
                await api.PostAsync("http://x", payload);
            }
        }
        """);

    // A bot adapter's resolver: the stream of a response made in one arm of a switch expression is what the method returns.
    [Fact]
    public Task StreamOfAChainedResponseReturnedFromASwitchArm_NoDiagnostic() => VerifyAsync("""
        static class Resolver
        {
            private static readonly HttpClient Client = new HttpClient();

            public static async Task<System.IO.Stream> ResolveStreamAsync(Uri uri)
            {
                return uri.Scheme switch
                {
                    "http" or "https" => await (await Client.GetAsync(uri)).Content.ReadAsStreamAsync(),
                    _ => null,
                };
            }

            public static async Task<System.IO.Stream> ThroughALocal(Uri uri)
            {
                var stream = uri.Scheme switch
                {
                    "http" => await (await Client.GetAsync(uri)).Content.ReadAsStreamAsync(),
                    _ => System.IO.Stream.Null,
                };
                return stream;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task StreamOfAChainedResponseFromASwitchArmOnlyRead_Diagnostic() => VerifyAsync("""
        static class Resolver
        {
            private static readonly HttpClient Client = new HttpClient();

            public static async Task<long> LengthAsync(Uri uri)
            {
                var stream = uri.Scheme switch
                {
                    "http" => await ({|HCG003:await Client.GetAsync(uri)|}).Content.ReadAsStreamAsync(),
                    _ => System.IO.Stream.Null,
                };
                return stream.Length;
            }
        }
        """, TestOptions.LatestOnly);

    // A download helper whose 'using' disposes the real response before handing it back, and whose catch blocks hand back
    // a response they build (no connection behind it): its callers have nothing to dispose.
    [Fact]
    public Task HelperReturnsItsDisposedResponseOrOneItBuilds_NoDiagnostic() => VerifyAsync("""
        class Downloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage Response, string Path)> DownloadAsync(string url, string path)
            {
                try
                {
                    using HttpResponseMessage response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        return (response, path);
                    }

                    using var file = System.IO.File.Create(path);
                    await response.Content.CopyToAsync(file);
                    return (response, path);
                }
                catch (HttpRequestException ex)
                {
                    return (new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { ReasonPhrase = ex.Message }, path);
                }
                catch (TaskCanceledException)
                {
                    return (new(System.Net.HttpStatusCode.RequestTimeout), path);
                }
            }
        }
        class C
        {
            async Task<bool> Fetch(Downloads downloads)
            {
                var (response, path) = await downloads.DownloadAsync("http://x", "/tmp/x");
                return response.IsSuccessStatusCode && path.Length > 0;
            }
        }
        """, TestOptions.LatestOnly);

    // The same helper with a path that hands back a response nobody disposed: its callers own that one.
    [Fact]
    public Task HelperReturnsOneItBuildsOrAnUndisposedResponse_Diagnostic() => VerifyAsync("""
        class Downloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage Response, string Path)> DownloadAsync(string url, string path)
            {
                try
                {
                    var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    return (response, path);
                }
                catch (HttpRequestException ex)
                {
                    return (new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { ReasonPhrase = ex.Message }, path);
                }
            }
        }
        class C
        {
            async Task<bool> Fetch(Downloads downloads)
            {
                var (response, path) = {|HCG003:await downloads.DownloadAsync("http://x", "/tmp/x")|};
                return response.IsSuccessStatusCode && path.Length > 0;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task HelperReturnsItsUsingStatementResponseOrOneItBuilds_NoDiagnostic() => VerifyAsync("""
        class Downloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<(HttpResponseMessage Response, string Path)> DownloadAsync(string url, string path)
            {
                try
                {
                    using (var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
                    {
                        return (response, path);
                    }
                }
                catch (HttpRequestException ex)
                {
                    return (new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { ReasonPhrase = ex.Message }, path);
                }
            }
        }
        class C
        {
            async Task<bool> Fetch(Downloads downloads)
            {
                var (response, path) = await downloads.DownloadAsync("http://x", "/tmp/x");
                return response.IsSuccessStatusCode && path.Length > 0;
            }
        }
        """);
}

