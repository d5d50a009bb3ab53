using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// A stream handed to a method of the project is disposed when that method's summary says so: it disposes the parameter,
/// wraps it in a stream kept in a local that it then disposes (<c>var decompressor = new GZipStream(input, ...); ...;
/// decompressor.Dispose();</c>), or hands it on to another method that does. A wrapper told to leave it open, or one never
/// disposed, leaves it to the caller.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004DisposingHelperTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.IO.Compression;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    // {0}: how DecompressToStream ends with its decompressor.
    private const string Compression = """
        static class Compression
        {
            public static byte[] DecompressToArray(Stream input)
            {
                using (var result = DecompressToStream(input))
                {
                    return result.ToArray();
                }
            }

            public static MemoryStream DecompressToStream(Stream input)
            {
                var decompressor = new GZipStream(input, CompressionMode.Decompress{1});
                var output = new MemoryStream();
                decompressor.CopyTo(output);
                {0}
                output.Position = 0;
                return output;
            }
        }

        class Index
        {
            async Task<byte[]> Download(HttpClient client, Uri uri)
            {
                var compressed = {2}await client.GetStreamAsync(uri){3};
                return Compression.DecompressToArray(compressed);
            }
        }
        """;

    private static Task VerifyAsync(string dispose, string leaveOpen, bool reported) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + Compression
            .Replace("{0}", dispose).Replace("{1}", leaveOpen)
            .Replace("{2}", reported ? "{|HCG004:" : "").Replace("{3}", reported ? "|}" : ""));

    [Fact]
    public Task HandedToAHelperWhoseHelperDisposesItsWrapper_NoDiagnostic() => VerifyAsync("decompressor.Dispose();", "", reported: false);

    [Fact]
    public Task HandedToAHelperWhoseHelperNeverDisposesItsWrapper_Diagnostic() => VerifyAsync("", "", reported: true);

    [Fact]
    public Task HandedToAHelperWhoseWrapperLeavesItOpen_Diagnostic() => VerifyAsync("decompressor.Dispose();", ", leaveOpen: true", reported: true);

    // A helper whose reader comes from an extension whose package is missing ({0}: how it holds the reader; {1}: the name
    // of the extension; {2}, {3}: the markup around the stream handed to it).
    private const string UnboundReader = """
        static class StreamExtensions
        {
            public static async Task<string> ReadToEndAsync1(this Stream stream)
            {
                {0} streamReader = stream.{1}(null);
                return await streamReader.ReadToEndAsync();
            }
        }

        class OAuth
        {
            async Task<string> Token(HttpClient client, HttpContent form)
            {
                var p = await client.PostAsync("https://example.org/token", form);
                return await ({2}await p.Content.ReadAsStreamAsync(){3}).ReadToEndAsync1();
            }
        }
        """;

    private static Task VerifyUnboundReaderAsync(string holds, string made, bool reported) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(
            Usings + UnboundReader.Replace("{0}", holds).Replace("{1}", made).Replace("{2}", reported ? "{|HCG004:" : "").Replace("{3}", reported ? "|}" : ""),
            TestOptions.LatestOnly with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task HandedToAHelperThatWrapsItInAnUnboundReaderInUsing_NoDiagnostic() => VerifyUnboundReaderAsync("using var", "CreateStreamReader", reported: false);

    [Fact]
    public Task HandedToAHelperThatWrapsItInAnUnboundReaderNeverDisposed_Diagnostic() => VerifyUnboundReaderAsync("var", "CreateStreamReader", reported: true);

    [Fact]
    public Task HandedToAHelperThatHandsItToAnUnboundCallOfAnotherName_Diagnostic() => VerifyUnboundReaderAsync("using var", "Describe", reported: true);
}
