using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// Magick.NET's images read the whole stream in their constructor and keep no reference to it: a stream handed to
/// <c>new MagickImage(stream)</c> is read, not taken over, whether the package binds or not. A type of the code's own under
/// that name, or another wrapper that does not bind, still takes the stream over.
/// </summary>
public sealed partial class HCG004UndisposedContentStreamTests
{
    private const string MagickNet = """
        namespace ImageMagick
        {
            public sealed class MagickImage : System.IDisposable
            {
                public MagickImage(System.IO.Stream stream) { }
                public void Dispose() { }
            }
        }
        """;

    // {0}: the markup around the stream's read.
    private const string Avatars = """
        class Avatars
        {
            async Task<object> Avatar(HttpClient client, string url)
            {
                var imageStream = {0};
                try
                {
                    return new MagickImage(imageStream);
                }
                catch (Exception)
                {
                    return null;
                }
            }
        }
        """;

    [Fact]
    public Task StreamReadIntoAMagickImage_Diagnostic() => VerifyAsync(
        "using ImageMagick;\n" + Avatars.Replace("{0}", "{|HCG004:await client.GetStreamAsync(url)|}"),
        new TestOptions { LibrarySource = MagickNet });

    [Fact]
    public Task StreamReadIntoAMagickImageWhosePackageIsMissing_Diagnostic() => VerifyAsync(
        "using ImageMagick;\n" + Avatars.Replace("{0}", "{|HCG004:await client.GetStreamAsync(url)|}"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task StreamReadIntoAMagickImageWhosePackageIsMissing_AddsUsing() => VerifyFixAsync("""
        class C
        {
            async Task<object> Avatar(HttpClient client, string url)
            {
                var stream = {|HCG004:await client.GetStreamAsync(url)|};
                return new ImageMagick.MagickImage(stream);
            }
        }
        """, """
        class C
        {
            async Task<object> Avatar(HttpClient client, string url)
            {
                using (var stream = await client.GetStreamAsync(url))
                {
                    return new ImageMagick.MagickImage(stream);
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true, MaximumLanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task StreamReadIntoAMagickImageAndDisposed_NoDiagnostic() => VerifyAsync("""
        using ImageMagick;

        class C
        {
            async Task<object> Avatar(HttpClient client, string url)
            {
                using (var stream = await client.GetStreamAsync(url))
                {
                    return new MagickImage(stream);
                }
            }
        }
        """, new TestOptions { LibrarySource = MagickNet });

    [Fact]
    public Task StreamTakenOverByAMagickImageOfTheCodesOwnOrAnUnboundWrapper_NoDiagnostic() => VerifyAsync(
        Avatars.Replace("{0}", "await client.GetStreamAsync(url)") + """

        sealed class MagickImage : IDisposable
        {
            private readonly Stream _stream;
            public MagickImage(Stream stream) { _stream = stream; }
            public void Dispose() => _stream.Dispose();
        }

        class Decoders
        {
            async Task<object> Decoded(HttpClient client, string url)
            {
                var stream = await client.GetStreamAsync(url);
                return new Imaging.Missing.BitmapDecoder(stream);
            }
        }
        """,
        new TestOptions { IgnoreCompilerDiagnostics = true });
}
