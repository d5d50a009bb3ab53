using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// System.Drawing's <c>new Bitmap(stream)</c> reads the stream for the bitmap's whole lifetime and never disposes it: a
/// bitmap disposed in the member leaves the stream undisposed (whether System.Drawing binds or not), a bitmap handed back
/// takes the stream with it. A wrapper of another name that the member disposes still disposes the stream.
/// </summary>
public sealed partial class HCG004UndisposedContentStreamTests
{
    private const string SystemDrawing = """
        namespace System.Drawing
        {
            public class Image : System.IDisposable
            {
                public static Image FromStream(System.IO.Stream stream) => new Bitmap(stream);
                public void Dispose() { }
            }

            public sealed class Bitmap : Image
            {
                public Bitmap(System.IO.Stream stream) { }
                public int Width => 0;
            }
        }
        """;

    // {0}: the markup around the stream's read; {1}: the image's type.
    private const string Colors = """
        class Colors
        {
            async Task<int> Width(HttpClient client, string url)
            {
                var stream = {0};
                var bitmap = new {1}(stream);
                var width = bitmap.Width;
                bitmap.Dispose();
                return width;
            }
        }
        """;

    private static string ColorsOf(string type, bool reported) => Colors
        .Replace("{0}", reported ? "{|HCG004:await client.GetStreamAsync(url)|}" : "await client.GetStreamAsync(url)")
        .Replace("{1}", type);

    [Fact]
    public Task StreamReadIntoABitmapDisposedInTheMember_Diagnostic() => VerifyAsync(
        "using System.Drawing;\n" + ColorsOf("Bitmap", reported: true), new TestOptions { LibrarySource = SystemDrawing });

    [Fact]
    public Task StreamReadIntoABitmapWhoseAssemblyIsMissing_Diagnostic() => VerifyAsync(
        "using System.Drawing;\n" + ColorsOf("Bitmap", reported: true), new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task StreamReadIntoAWrapperThatDisposesIt_NoDiagnostic() => VerifyAsync(ColorsOf("Frame", reported: false) + """
        sealed class Frame : IDisposable
        {
            private readonly Stream _stream;
            public Frame(Stream stream) { _stream = stream; }
            public int Width => 0;
            public void Dispose() => _stream.Dispose();
        }
        """);

    [Fact]
    public Task StreamReadIntoABitmapOfItsOwnThatDisposesIt_NoDiagnostic() => VerifyAsync("using Imaging;\n" + ColorsOf("Bitmap", reported: false) + """
        namespace Imaging
        {
            sealed class Bitmap : IDisposable
            {
                private readonly Stream _stream;
                public Bitmap(Stream stream) { _stream = stream; }
                public int Width => 0;
                public void Dispose() => _stream.Dispose();
            }
        }
        """);

    [Fact]
    public Task StreamReadIntoABitmapHandedBack_NoDiagnostic() => VerifyAsync("""
        using System.Drawing;

        class Avatars
        {
            async Task<Bitmap> Load(HttpClient client, string url)
            {
                var stream = await client.GetStreamAsync(url);
                return new Bitmap(stream);
            }

            async Task<Bitmap> Kept(HttpClient client, string url)
            {
                var stream = await client.GetStreamAsync(url);
                var bitmap = new Bitmap(stream);
                return bitmap;
            }
        }
        """, new TestOptions { LibrarySource = SystemDrawing });

    [Fact]
    public Task StreamReadIntoABitmapDisposedInTheMember_AddsUsing() => VerifyFixAsync("""
        using System.Drawing;

        class C
        {
            async Task<int> Width(HttpClient client, string url)
            {
                var stream = {|HCG004:await client.GetStreamAsync(url)|};
                var bitmap = new Bitmap(stream);
                var width = bitmap.Width;
                bitmap.Dispose();
                return width;
            }
        }
        """, """
        using System.Drawing;

        class C
        {
            async Task<int> Width(HttpClient client, string url)
            {
                using (var stream = await client.GetStreamAsync(url))
                {
                    var bitmap = new Bitmap(stream);
                    var width = bitmap.Width;
                    bitmap.Dispose();
                    return width;
                }
            }
        }
        """, new TestOptions { LibrarySource = SystemDrawing, MaximumLanguageVersion = LanguageVersion.CSharp7_3 });
}
