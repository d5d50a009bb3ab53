using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// A project reference (the IDE's, and the scanner's folder mode) hands the analyzers symbols whose declarations are
/// source in another compilation: a constructor that stores its client, a factory, a base type, a helper that reads the
/// response. Following them must neither throw (a semantic model is asked for a tree of the referenced compilation, not
/// this one) nor decide differently from the same code in one project: the crawler demo's shape
/// (<c>var client = new HttpClient(); new Crawler(client).RunAsync()</c> with <c>Crawler</c> in the library) threw
/// <c>ArgumentException: SyntaxTree is not part of the compilation</c> in HCG007.
/// </summary>
public class ReferencedProjectSourceTests
{
    // The library project: constructors that keep or chain their client, a factory, a base type, response helpers.
    private const string Library = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Crawling
        {
            public class Crawler
            {
                private readonly HttpClient _http;

                public Crawler(HttpClient http) { _http = http; }

                public Crawler(HttpClient http, Uri start) : this(http) { Start = start; }

                public Uri Start { get; }

                public Task<string> RunAsync() => _http.GetStringAsync(Start);
            }

            public class RobotsReader : Crawler
            {
                public RobotsReader(HttpClient http, Uri start) : base(http, start) { }
            }

            public static class Clients
            {
                public static HttpClient Create() => new HttpClient();
            }

            public abstract class ApiBase
            {
                private HttpClient _client;

                protected HttpClient Client
                {
                    get
                    {
                        if (_client == null) _client = new HttpClient();
                        return _client;
                    }
                }
            }

            public static class Responses
            {
                public static async Task<string> ReadAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

                public static async Task<string> ReadAndDisposeAsync(HttpResponseMessage response)
                {
                    using (response)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }
                }

                public static Stream Keep(Stream stream) => stream;

                public static async Task SendAsync(Func<Task<HttpResponseMessage>> send)
                {
                    using (await send())
                    {
                    }
                }
            }
        }
        """;

    private static readonly TestOptions WithLibrary = new() { LibrarySource = Library, IsExecutable = true };

    private const string Program = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Crawling;

        static class Program
        {
            static async Task Main()
            {
                var client = new HttpClient();
                var crawler = new Crawler(client, new Uri("https://example.com/"));
                var robots = new RobotsReader(client, new Uri("https://example.com/robots.txt"));
                Console.WriteLine(await crawler.RunAsync() + await robots.RunAsync());
                Console.WriteLine(await Clients.Create().GetStringAsync("https://example.com/"));
                Console.WriteLine(await Responses.ReadAndDisposeAsync(await client.GetAsync("https://example.com/a")));
                Console.WriteLine(await Responses.ReadAsync(MARK1));
                await Responses.SendAsync(() => client.GetAsync("https://example.com/c"));
                using (var stream = await client.GetStreamAsync("https://example.com/d"))
                {
                    Console.WriteLine(Responses.Keep(stream).Length);
                }
                new Api().Run();
            }
        }

        class Api : ApiBase
        {
            public void Run() => Console.WriteLine(Client.GetStringAsync("https://example.com/e").Result);
        }
        """;

    private static string Source(bool reported) => Program.Replace(
        "MARK1", reported ? "{|HCG003:await client.GetAsync(\"https://example.com/b\")|}" : "await client.GetAsync(\"https://example.com/b\")");

    [Fact]
    public Task LongLivedClientDns_FollowsConstructorsInTheLibraryWithoutThrowing() =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);

    [Fact]
    public Task PerCallCreation_FollowsTheLibraryWithoutThrowing() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);

    [Fact]
    public Task UndisposedResponse_ReadsTheLibrarysHelpers() =>
        Verify<UndisposedResponseAnalyzer>.DiagnosticsAsync(Source(reported: true), WithLibrary);

    [Fact]
    public Task UndisposedContentStream_FollowsTheLibraryWithoutThrowing() =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);

    [Fact]
    public Task StreamOutlivesResponse_FollowsTheLibraryWithoutThrowing() =>
        Verify<StreamOutlivesResponseAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);

    [Fact]
    public Task DisposedSharedHandler_FollowsTheLibraryWithoutThrowing() =>
        Verify<DisposedSharedHandlerAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);

    [Fact]
    public Task ConnectionOwner_FollowsTheLibraryWithoutThrowing() =>
        Verify<ConnectionOwnerAnalyzer>.DiagnosticsAsync(Source(reported: false), WithLibrary);
}
