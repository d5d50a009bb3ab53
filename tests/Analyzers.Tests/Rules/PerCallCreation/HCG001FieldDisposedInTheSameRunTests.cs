using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client stored into a field and disposed by a later statement of the same run (in the same block, or in the
/// <c>finally</c> of a <c>try</c> around it) lives only for that run, as a local would: a helper that builds, sends and
/// disposes on every call is per call, not kept by the field's owner. A dispose under a test or in a <c>catch</c> (the
/// client kept on the other path), one before the store (a rebuild), or a run that happens once stays quiet.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FieldDisposedInTheSameRunTests
{
    // {0}: what the helper does after it stores and uses the client.
    private const string Helper = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class HttpClientService
        {
            private HttpClient _client;

            public async Task<string> GetAsync(string baseUrl, string path)
            {
                {0}
            }
        }
        """;

    private static Task VerifyAsync(string body) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Helper.Replace("{0}", body));

    [Fact]
    public Task StoredSentAndDisposedInTheSameBlock_Diagnostic() => VerifyAsync("""
        _client = {|HCG001:new HttpClient()|};
                _client.BaseAddress = new Uri(baseUrl);
                var response = _client.GetAsync(path).Result;
                _client.Dispose();
                return await response.Content.ReadAsStringAsync();
        """);

    [Fact]
    public Task StoredOnThisAndDisposedInAFinally_Diagnostic() => VerifyAsync("""
        try
                {
                    this._client = {|HCG001:new HttpClient()|};
                    return await _client.GetStringAsync(baseUrl + path);
                }
                finally
                {
                    _client?.Dispose();
                }
        """);

    [Fact]
    public Task DisposedOnlyInACatch_NoDiagnostic() => VerifyAsync("""
        try
                {
                    _client = new HttpClient();
                    return await _client.GetStringAsync(baseUrl + path);
                }
                catch (HttpRequestException)
                {
                    _client.Dispose();
                    throw;
                }
        """);

    [Fact]
    public Task DisposedOnlyUnderATest_NoDiagnostic() => VerifyAsync("""
        _client = new HttpClient();
                var body = await _client.GetStringAsync(baseUrl + path);
                if (body.Length == 0)
                {
                    _client.Dispose();
                }

                return body;
        """);

    [Fact]
    public Task OldClientDisposedBeforeTheStore_NoDiagnostic() => VerifyAsync("""
        _client?.Dispose();
                _client = new HttpClient();
                return await _client.GetStringAsync(baseUrl + path);
        """);

    [Fact]
    public Task AnotherFieldDisposedAfterTheStore_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Downloader
        {
            private HttpClient _client;
            private HttpClient _previous;

            public async Task<string> SwitchAsync(string url)
            {
                _client = new HttpClient();
                _previous.Dispose();
                _previous = _client;
                return await _client.GetStringAsync(url);
            }
        }
        """);

    // previous._client is another object's client: this object keeps the one it stored.
    [Fact]
    public Task AnotherObjectsFieldOfTheSameNameDisposedAfterTheStore_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Downloader
        {
            private HttpClient _client;

            public async Task<string> TakeOverAsync(Downloader previous, string url)
            {
                _client = new HttpClient();
                previous._client.Dispose();
                return await _client.GetStringAsync(url);
            }
        }
        """);

    [Fact]
    public Task StoredAndDisposedByMainOnce_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        static class Program
        {
            private static HttpClient s_client;

            static void Main(string[] args)
            {
                s_client = new HttpClient();
                foreach (var url in args)
                {
                    Console.WriteLine(s_client.GetStringAsync(url).Result);
                }

                s_client.Dispose();
            }
        }
        """, new TestOptions { IsExecutable = true });
}
