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
}
