using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>A response handed out inside a tuple and deconstructed into a local.</summary>
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
}
