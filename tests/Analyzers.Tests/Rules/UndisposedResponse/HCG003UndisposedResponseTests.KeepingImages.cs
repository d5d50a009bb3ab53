using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// System.Drawing's <c>Image.FromStream(stream)</c> makes an image that reads the stream for its lifetime: a response whose
/// content stream becomes the image handed back goes with it (disposing the response would break the image), whether
/// System.Drawing binds or not. A factory of another name handed the stream, or an image kept in the member, leaves the
/// response undisposed as before.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string DrawingImages = """
        namespace System.Drawing
        {
            public class Image : System.IDisposable
            {
                public static Image FromStream(System.IO.Stream stream) => null;
                public int Width => 0;
                public void Dispose() { }
            }

            public static class Picture
            {
                public static Image FromStream(System.IO.Stream stream) => null;
            }
        }

        namespace Other
        {
            public static class Image
            {
                public static System.Drawing.Image FromStream(System.IO.Stream stream) => null;
            }
        }
        """;

    // {0}: the factory; {1}: the markup around the send.
    private const string ImageFetcher = """
        class Images
        {
            private static readonly HttpClient Client = new HttpClient();

            async Task<System.Drawing.Image> Fetch(string url)
            {
                var response = {1};
                var stream = await response.Content.ReadAsStreamAsync();
                return {0}(stream);
            }
        }
        """;

    private static string Fetcher(string factory, bool reported) => ImageFetcher
        .Replace("{0}", factory)
        .Replace("{1}", reported ? "{|HCG003:await Client.GetAsync(url)|}" : "await Client.GetAsync(url)");

    [Fact]
    public Task ContentStreamReturnedAsAnImage_NoDiagnostic() => VerifyAsync(
        Fetcher("System.Drawing.Image.FromStream", reported: false), new TestOptions { LibrarySource = DrawingImages });

    [Fact]
    public Task ContentStreamReturnedAsAnImageWhoseAssemblyIsMissing_NoDiagnostic() => VerifyAsync(
        "using System.Drawing;\n" + Fetcher("Image.FromStream", reported: false).Replace("System.Drawing.Image", "object"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ContentStreamReturnedThroughAnotherFactory_Diagnostic() => VerifyAsync(
        Fetcher("System.Drawing.Picture.FromStream", reported: true), new TestOptions { LibrarySource = DrawingImages });

    [Fact]
    public Task ContentStreamReturnedThroughAnotherFactoryWhoseAssemblyIsMissing_Diagnostic() => VerifyAsync(
        "using System.Drawing;\n" + Fetcher("Picture.FromStream", reported: true).Replace("System.Drawing.Image", "object"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ContentStreamReturnedThroughAnImageFactoryOfAnotherNamespace_Diagnostic() => VerifyAsync(
        Fetcher("Other.Image.FromStream", reported: true), new TestOptions { LibrarySource = DrawingImages });

    [Fact]
    public Task ContentStreamReturnedThroughAnotherMethodOfAnImageWhoseAssemblyIsMissing_Diagnostic() => VerifyAsync(
        "using System.Drawing;\n" + Fetcher("Image.Decode", reported: true).Replace("System.Drawing.Image", "object"),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ContentStreamReadIntoAnImageKeptInTheMember_Diagnostic() => VerifyAsync("""
        class Images
        {
            private static readonly HttpClient Client = new HttpClient();

            async Task<int> Width(string url)
            {
                var response = {|HCG003:await Client.GetAsync(url)|};
                var stream = await response.Content.ReadAsStreamAsync();
                using (var image = System.Drawing.Image.FromStream(stream))
                {
                    return image.Width;
                }
            }
        }
        """, new TestOptions { LibrarySource = DrawingImages });
}
