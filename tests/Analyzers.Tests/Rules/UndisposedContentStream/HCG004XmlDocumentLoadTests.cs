using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// <c>XmlDocument.Load(stream)</c> reads the whole document and leaves the stream open. An XmlDocument enumerates its
/// child nodes, so it is <c>IEnumerable</c>, but its Load keeps nothing: the stream is still the caller's to dispose.
/// A collection of the code's own whose method takes the stream still keeps it.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004XmlDocumentLoadTests
{
    private const string Usings = """
        using System.Collections;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using System.Xml;

        """;

    private static Task VerifyAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + body);

    [Fact]
    public Task StreamLoadedIntoAnXmlDocumentAndDropped_Diagnostic() => VerifyAsync("""
        class MediaServer
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string> Timeline(string url)
            {
                var document = new XmlDocument();
                document.Load({|HCG004:await Client.GetStreamAsync(url)|});
                return document.DocumentElement.Name;
            }

            public async Task<int> Devices(string url)
            {
                var response = await Client.GetAsync(url);
                var document = new XmlDocument();
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                document.Load(stream);
                return document.ChildNodes.Count;
            }
        }
        """);

    [Fact]
    public Task StreamLoadedIntoAnXmlDocumentAndDisposedOrItsResponseDisposed_NoDiagnostic() => VerifyAsync("""
        class MediaServer
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string> Timeline(string url)
            {
                var document = new XmlDocument();
                using (var stream = await Client.GetStreamAsync(url))
                {
                    document.Load(stream);
                }

                return document.DocumentElement.Name;
            }

            public async Task<int> Devices(string url)
            {
                using (var response = await Client.GetAsync(url))
                {
                    var document = new XmlDocument();
                    document.Load(await response.Content.ReadAsStreamAsync());
                    return document.ChildNodes.Count;
                }
            }
        }
        """);

    [Fact]
    public Task StreamHandedToACollectionOfTheCodesOwnNamedLoad_NoDiagnostic() => VerifyAsync("""
        sealed class StreamShelf : IEnumerable<Stream>
        {
            private readonly List<Stream> _streams = new List<Stream>();

            public void Load(Stream stream) => _streams.Add(stream);

            public IEnumerator<Stream> GetEnumerator() => _streams.GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        class Downloads
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly StreamShelf _shelf = new StreamShelf();

            public async Task Keep(string url)
            {
                _shelf.Load(await Client.GetStreamAsync(url));
            }
        }
        """);
    [Fact]
    public Task StreamLoadedIntoAnXmlDocumentAndDropped_AddsUsing() =>
        Verify<UndisposedContentStreamAnalyzer>.FixAsync<UndisposedContentStreamFixer>(Usings + """
            class MediaServer
            {
                private static readonly HttpClient Client = new HttpClient();

                public async Task<string> Timeline(string url)
                {
                    var stream = {|HCG004:await Client.GetStreamAsync(url)|};
                    var document = new XmlDocument();
                    document.Load(stream);
                    return document.DocumentElement.Name;
                }
            }
            """, Usings + """
            class MediaServer
            {
                private static readonly HttpClient Client = new HttpClient();

                public async Task<string> Timeline(string url)
                {
                    using (var stream = await Client.GetStreamAsync(url))
                    {
                        var document = new XmlDocument();
                        document.Load(stream);
                        return document.DocumentElement.Name;
                    }
                }
            }
            """, TestOptions.CSharp73Only);
}
