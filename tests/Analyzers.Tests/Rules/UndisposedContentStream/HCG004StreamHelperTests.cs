using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// A method of the project that hands out a response's content stream as HttpClient.GetStreamAsync does (it returns
/// <c>response.Content.ReadAsStreamAsync()</c> of a response it neither puts in <c>using</c> nor disposes in a finally, or
/// HttpClient's own GetStreamAsync, or another such method) makes the stream its caller's: a caller that drops it is
/// reported where it calls the method. A helper that disposes the response first, or returns a copy, hands out nothing
/// that holds a connection.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004StreamHelperTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    // A launcher's download helper: a headers-read response, disposed only when it failed; its stream is returned.
    private const string Helper = """
        static class Http
        {
            private static readonly HttpClient s_client = new HttpClient();

            public static Task<Stream> GetStreamAsync(string url)
            {
                return GetStreamAsync(url, CancellationToken.None);
            }

            public static async Task<Stream> GetStreamAsync(string url, CancellationToken token)
            {
                var res = await s_client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
                if (res.StatusCode != HttpStatusCode.OK)
                {
                    res.Dispose();
                    return null;
                }

                return await res.Content.ReadAsStreamAsync();
            }

            public static Task<Stream> OpenDownloadAsync(string url) => s_client.GetStreamAsync(url);
        }

        """;

    private static Task VerifyAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + Helper + body);

    [Fact]
    public Task StreamFromAHelperCopiedAndDropped_Diagnostic() => VerifyAsync("""
        class Installer
        {
            async Task<byte[]> Download(string url)
            {
                var stream = {|HCG004:await Http.GetStreamAsync(url, CancellationToken.None)|};
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.ToArray();
            }
        }
        """);

    [Fact]
    public Task StreamFromAHelpersForwardingOverloadDropped_Diagnostic() => VerifyAsync("""
        class Installer
        {
            async Task<int> FirstByte(string url)
            {
                var stream = {|HCG004:await Http.GetStreamAsync(url)|};
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamFromAHelperOfAnotherNameDropped_Diagnostic() => VerifyAsync("""
        class Installer
        {
            async Task<int> FirstByte(string url)
            {
                var stream = {|HCG004:await Http.OpenDownloadAsync(url)|};
                return stream.ReadByte();
            }
        }
        """);

    // A plugin's API client: a private instance helper, called on the implicit 'this', hands out the stream of a response
    // that its own GetAsync returns.
    private const string InstanceHelper = """
        class ApiClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<HttpResponseMessage> GetAsync(string url, CancellationToken token)
            {
                var response = await _client.GetAsync(url, token).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                return response;
            }

            private async Task<Stream> GetStream(string url, CancellationToken token)
            {
                var response = await GetAsync(url, token);
                return await response.Content.ReadAsStreamAsync();
            }

            BODY
        }
        """;

    [Fact]
    public Task StreamFromAnInstanceHelperOnThisDropped_Diagnostic() => VerifyAsync(InstanceHelper.Replace("BODY", """
        public async Task<int> FirstByte(string url, CancellationToken token)
            {
                var contentStream = {|HCG004:await GetStream(url, token)|};
                return contentStream.ReadByte();
            }

            public async Task<string> Text(string url, CancellationToken token)
            {
                try
                {
                    var contentStream = {|HCG004:await this.GetStream(url, token)|};
                    return new StreamReader(contentStream).ReadToEnd();
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }
        """, System.StringComparison.Ordinal));

    [Fact]
    public Task StreamFromAnInstanceHelperOnThisDisposedOrReturned_NoDiagnostic() => VerifyAsync(InstanceHelper.Replace("BODY", """
        public async Task<int> FirstByte(string url, CancellationToken token)
            {
                using (var contentStream = await GetStream(url, token))
                {
                    return contentStream.ReadByte();
                }
            }

            public Task<Stream> Open(string url, CancellationToken token) => GetStream(url, token);
        """, System.StringComparison.Ordinal));

    [Fact]
    public Task StreamFromAHelperDisposed_NoDiagnostic() => VerifyAsync("""
        class Installer
        {
            async Task<byte[]> Download(string url)
            {
                using (var stream = await Http.GetStreamAsync(url))
                {
                    var copy = new MemoryStream();
                    await stream.CopyToAsync(copy);
                    return copy.ToArray();
                }
            }
        }
        """);

    [Fact]
    public Task StreamFromAHelperReturnedToTheCaller_NoDiagnostic() => VerifyAsync("""
        class Installer
        {
            Task<Stream> Open(string url) => Http.GetStreamAsync(url);
        }
        """);

    [Fact]
    public Task HelperThatDisposesTheResponseOrReturnsACopy_NoDiagnostic() => VerifyAsync("""
        static class Disposing
        {
            private static readonly HttpClient s_client = new HttpClient();

            public static async Task<Stream> OpenDisposed(string url)
            {
                using (var res = await s_client.GetAsync(url))
                {
                    return await res.Content.ReadAsStreamAsync();
                }
            }

            public static async Task<Stream> OpenDisposedInFinally(string url)
            {
                var res = await s_client.GetAsync(url);
                try
                {
                    return await res.Content.ReadAsStreamAsync();
                }
                finally
                {
                    res.Dispose();
                }
            }

            public static async Task<Stream> Copy(string url)
            {
                var copy = new MemoryStream();
                using (var res = await s_client.GetAsync(url))
                {
                    await res.Content.CopyToAsync(copy);
                }

                copy.Position = 0;
                return copy;
            }

            public static Task<Stream> Recurse(string url) => Recurse(url + "/");
        }

        class Installer
        {
            async Task<int> FirstBytes(string url)
            {
                var a = await Disposing.OpenDisposed(url);
                var b = await Disposing.OpenDisposedInFinally(url);
                var c = await Disposing.Copy(url);
                var d = await Disposing.Recurse(url);
                return a.ReadByte() + b.ReadByte() + c.ReadByte() + d.ReadByte();
            }
        }
        """);

    // Weather.NET's RestApi: the helper reads the stream of a response it makes inline, '(await GetAsync(url)).Content', over a
    // send or over a method of the project that hands out a new response; nothing can dispose that response, so the stream is
    // what the caller must dispose.
    private const string InlineHelper = """
        static class Inline
        {
            private static readonly HttpClient s_client = new HttpClient();
            private static HttpResponseMessage s_last;

            public static async Task<HttpResponseMessage> GetAsync(string url)
            {
                var response = await s_client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                return response;
            }

            private static readonly System.Collections.Generic.Dictionary<string, HttpResponseMessage> s_cache =
                new System.Collections.Generic.Dictionary<string, HttpResponseMessage>();

            public static HttpResponseMessage Cached(string url)
            {
                if (s_cache.TryGetValue(url, out var cached))
                {
                    return cached;
                }

                return null;
            }

            public static HttpResponseMessage Built(string text) => new HttpResponseMessage { Content = new StringContent(text) };

            public static async Task<HttpResponseMessage> Disposed(string url)
            {
                using (var response = await s_client.GetAsync(url))
                {
                    return response;
                }
            }

            public static async Task<Stream> OverADisposedOne(string url) => await (await Disposed(url)).Content.ReadAsStreamAsync();

            public static async Task<Stream> OverASend(string url) => await (await s_client.GetAsync(url)).Content.ReadAsStreamAsync();

            public static async Task<Stream> OverAHelper(string url) => await (await GetAsync(url)).Content.ReadAsStreamAsync();

            public static Task<Stream> OverACachedOne(string url) => Cached(url).Content.ReadAsStreamAsync();

            public static Task<Stream> OverABuiltOne(string text) => Built(text).Content.ReadAsStreamAsync();

            public static Task<Stream> OverAField() => s_last.Content.ReadAsStreamAsync();
        }

        """;

    [Fact]
    public Task StreamFromAHelperOverAResponseMadeInlineDropped_Diagnostic() => VerifyAsync(InlineHelper + """
        class Maps
        {
            async Task Download(string file, string url)
            {
                Stream stream = {|HCG004:await Inline.OverAHelper(url)|};
                using (var target = new FileStream(file, FileMode.CreateNew))
                {
                    await stream.CopyToAsync(target);
                }
            }

            async Task<int> First(string url) => ({|HCG004:await Inline.OverASend(url)|}).ReadByte();
        }
        """);

    [Fact]
    public Task StreamFromAHelperOverAKeptBuiltOrStoredResponse_NoDiagnostic() => VerifyAsync(InlineHelper + """
        class Maps
        {
            async Task<int> First(string url)
            {
                var cached = await Inline.OverACachedOne(url);
                var built = await Inline.OverABuiltOne(url);
                var stored = await Inline.OverAField();
                var disposed = await Inline.OverADisposedOne(url);
                return cached.ReadByte() + built.ReadByte() + stored.ReadByte() + disposed.ReadByte();
            }
        }
        """);

    // A translator plugin's helper that blocks on its calls: the stream it returns is read from a task with '.Result' or
    // '.GetAwaiter().GetResult()', and is the response's content stream all the same.
    private const string BlockingHelper = """
        static class Blocking
        {
            private static readonly HttpClient s_client = new HttpClient();

            public static Stream Open(string url, CancellationToken token)
            {
                var response = s_client.GetAsync(url, token).Result;
                return response.Content.ReadAsStreamAsync().Result;
            }

            public static Stream OpenAwaited(string url)
            {
                var response = s_client.GetAsync(url).GetAwaiter().GetResult();
                return response.Content.ReadAsStreamAsync().ConfigureAwait(false).GetAwaiter().GetResult();
            }

            public static Task<Stream> OpenTask(string url) => Task.FromResult(Open(url, CancellationToken.None));
        }

        """;

    [Fact]
    public Task StreamFromAHelperThatBlocksOnItsTasksDropped_Diagnostic() => VerifyAsync(BlockingHelper + """
        class Translator
        {
            string Translate(string url)
            {
                var stream = {|HCG004:Blocking.Open(url, CancellationToken.None)|};
                return new StreamReader(stream).ReadToEnd();
            }

            int FirstByte(string url)
            {
                var stream = {|HCG004:Blocking.OpenAwaited(url)|};
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamFromAHelperThatBlocksOnItsTasksDisposedOrReturned_NoDiagnostic() => VerifyAsync(BlockingHelper + """
        class Translator
        {
            string Translate(string url)
            {
                using (var stream = Blocking.Open(url, CancellationToken.None))
                {
                    return new StreamReader(stream).ReadToEnd();
                }
            }

            Stream Open(string url) => Blocking.OpenAwaited(url);
        }
        """);

    [Fact]
    public Task HelperThatBlocksOnItsTasksAndDisposesTheResponseOrReturnsACopy_NoDiagnostic() => VerifyAsync("""
        static class Blocking
        {
            private static readonly HttpClient s_client = new HttpClient();

            public static Stream OpenDisposed(string url)
            {
                using (var response = s_client.GetAsync(url).Result)
                {
                    return response.Content.ReadAsStreamAsync().Result;
                }
            }

            public static Stream Copy(string url)
            {
                using (var response = s_client.GetAsync(url).GetAwaiter().GetResult())
                {
                    return new MemoryStream(response.Content.ReadAsByteArrayAsync().Result);
                }
            }

            public static Stream Buffered(string url) => new MemoryStream(s_client.GetByteArrayAsync(url).Result);
        }

        class Translator
        {
            int FirstBytes(string url)
            {
                var a = Blocking.OpenDisposed(url);
                var b = Blocking.Copy(url);
                var c = Blocking.Buffered(url);
                return a.ReadByte() + b.ReadByte() + c.ReadByte();
            }
        }
        """);

    // A bot's HTTP service behind its interface: the implementation keeps the read stream in a local and returns that.
    private const string ServiceHelper = """
        interface IHttpHelper
        {
            Task<Stream> GetFileHeader(string path, int length);
        }

        class HttpHelper : IHttpHelper
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<Stream> SendRequestToStream(HttpRequestMessage request)
            {
                try
                {
                    var response = await _client.SendAsync(request).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    var contentStream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    return contentStream;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }

            public async Task<Stream> GetFileHeader(string path, int length)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Range", "bytes=0-" + length);
                var rawStream = await SendRequestToStream(request).ConfigureAwait(false);
                return rawStream;
            }
        }

        """;

    [Fact]
    public Task StreamFromAnInterfaceWhoseImplementationReturnsItThroughALocalDropped_Diagnostic() => VerifyAsync(ServiceHelper + """
        class ImageHelper
        {
            private readonly IHttpHelper _http;

            public ImageHelper(IHttpHelper http) => _http = http;

            async Task<int> Width(string path)
            {
                var stream = {|HCG004:await _http.GetFileHeader(path, 512).ConfigureAwait(false)|};
                if (stream == null)
                {
                    return 0;
                }

                var reader = new BinaryReader(stream);
                return reader.ReadInt32();
            }
        }
        """);

    [Fact]
    public Task StreamFromAnInterfaceWhoseImplementationReturnsItThroughALocalDisposedOrReturned_NoDiagnostic() => VerifyAsync(ServiceHelper + """
        class ImageHelper
        {
            private readonly IHttpHelper _http;

            public ImageHelper(IHttpHelper http) => _http = http;

            async Task<int> Width(string path)
            {
                using (var reader = new BinaryReader(await _http.GetFileHeader(path, 512)))
                {
                    return reader.ReadInt32();
                }
            }

            async Task<int> Height(string path)
            {
                using (var stream = await _http.GetFileHeader(path, 512))
                {
                    return stream.ReadByte();
                }
            }

            Task<Stream> Open(string path) => _http.GetFileHeader(path, 512);
        }
        """);

    // The interface's other implementation hands out a copy; one that returns a local read inside 'using' over its response
    // hands out a stream of a disposed response, and one that returns the 'using' variable itself a disposed stream: none
    // holds a connection its caller must release.
    [Fact]
    public Task StreamFromAnInterfaceNotEveryImplementationOfWhichReturnsAContentStream_NoDiagnostic() => VerifyAsync(ServiceHelper + """
        class CachedHttpHelper : IHttpHelper
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Stream> GetFileHeader(string path, int length)
            {
                var bytes = await _client.GetByteArrayAsync(path);
                var copy = new MemoryStream(bytes, 0, Math.Min(length, bytes.Length));
                return copy;
            }
        }

        interface IDownloads
        {
            Task<Stream> Open(string url);

            Task<Stream> OpenClosed(string url);
        }

        class Downloads : IDownloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Stream> Open(string url)
            {
                using (var response = await _client.GetAsync(url))
                {
                    var stream = await response.Content.ReadAsStreamAsync();
                    return stream;
                }
            }

            public async Task<Stream> OpenClosed(string url)
            {
                var response = await _client.GetAsync(url);
                using (var stream = await response.Content.ReadAsStreamAsync())
                {
                    return stream;
                }
            }
        }

        class ImageHelper
        {
            private readonly IHttpHelper _http;
            private readonly IDownloads _downloads;

            public ImageHelper(IHttpHelper http, IDownloads downloads)
            {
                _http = http;
                _downloads = downloads;
            }

            async Task<int> Width(string path)
            {
                var stream = await _http.GetFileHeader(path, 512);
                var other = await _downloads.Open(path);
                var closed = await _downloads.OpenClosed(path);
                return stream.ReadByte() + other.ReadByte() + closed.ReadByte();
            }
        }
        """);

    // An interface with no implementation in the compilation: what it returns is not known here.
    [Fact]
    public Task StreamFromAnInterfaceWithNoImplementationHere_NoDiagnostic() => VerifyAsync("""
        interface IRemoteFiles
        {
            Task<Stream> Open(string url);
        }

        class Reader
        {
            private readonly IRemoteFiles _files;

            public Reader(IRemoteFiles files) => _files = files;

            async Task<int> First(string url)
            {
                var stream = await _files.Open(url);
                return stream.ReadByte();
            }
        }
        """);

    // Folder mode without the bot's package: the helper's parameter and the file argument name a type that does not bind, so
    // the call's one candidate decides, and the stream local's type is an error type.
    private static readonly string ServiceHelperOfAMissingPackage =
        ServiceHelper.Replace("string path, int length", "Telegram.Bot.Types.File file, int length").Replace("HttpMethod.Get, path", "HttpMethod.Get, file.FilePath");

    private static Task VerifyWithAMissingPackageAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + "using System.Text;\n" + ServiceHelperOfAMissingPackage + body, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task StreamFromAnInterfaceCalledWithAnArgumentOfAMissingPackageDropped_Diagnostic() => VerifyWithAMissingPackageAsync("""
        class ImageHelper
        {
            private readonly IHttpHelper _http;
            private readonly Telegram.Bot.ITelegramBotClient _bot;

            async Task<int> Width(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = {|HCG004:await _http.GetFileHeader(file, 512)|};
                return stream.ReadByte();
            }
        }
        """);

    // The stream local's type does not bind, so neither does the reader's constructor: the reader still takes it over, and
    // nobody disposes the reader; a reader told by name to leave it open leaves it to a 'using' that never comes.
    [Fact]
    public Task StreamOfAnUnboundTypeInAReaderNobodyDisposesOrThatLeavesItOpen_Diagnostic() => VerifyWithAMissingPackageAsync("""
        class ImageHelper
        {
            private readonly IHttpHelper _http;
            private readonly Telegram.Bot.ITelegramBotClient _bot;

            async Task<int> Width(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = {|HCG004:await _http.GetFileHeader(file, 512).ConfigureAwait(false)|};
                if (stream == null)
                {
                    return 0;
                }

                var reader = new BinaryReader(stream);
                return reader.ReadInt32();
            }

            async Task<string> Text(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = {|HCG004:await _http.GetFileHeader(file, 512)|};
                using (var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task StreamOfAnUnboundTypeInAReaderThatIsDisposed_NoDiagnostic() => VerifyWithAMissingPackageAsync("""
        class ImageHelper
        {
            private readonly IHttpHelper _http;
            private readonly Telegram.Bot.ITelegramBotClient _bot;

            async Task<int> Width(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = await _http.GetFileHeader(file, 512).ConfigureAwait(false);
                using (var reader = new BinaryReader(stream))
                {
                    return reader.ReadInt32();
                }
            }

            async Task<string> Text(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = await _http.GetFileHeader(file, 512);
                using (var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: false))
                {
                    return await reader.ReadToEndAsync();
                }
            }

            async Task<string> Detected(string path)
            {
                var file = await _bot.GetFileAsync(path).ConfigureAwait(false);
                var stream = await _http.GetFileHeader(file, 512);
                using (var reader = new StreamReader(stream, Encoding.UTF8, true))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    // The interface lives in a referenced project and both projects lack the bot's package: the two error types are not one
    // symbol, so Roslyn finds no implementation; the written signature finds it.
    private const string InterfaceOfAMissingPackage = """
        using System.IO;
        using System.Threading.Tasks;

        public interface IHttpHelper
        {
            Task<Stream> GetFileHeader(Telegram.Bot.Types.File file, int length);
        }
        """;

    private static Task VerifyWithTheInterfaceInALibraryAsync(string source) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + source, new TestOptions { IgnoreCompilerDiagnostics = true, LibrarySource = InterfaceOfAMissingPackage });

    private const string ImplementationOfTheLibrarysInterface = """
        class HttpHelper : IHttpHelper
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Stream> GetFileHeader(Telegram.Bot.Types.File file, int length)
            {
                var response = await _client.GetAsync("/file/" + length, HttpCompletionOption.ResponseHeadersRead);
                var stream = await response.Content.ReadAsStreamAsync();
                return stream;
            }
        }

        """;

    [Fact]
    public Task StreamFromAnInterfaceOfAReferencedProjectWhoseSignatureDoesNotBindDropped_Diagnostic() => VerifyWithTheInterfaceInALibraryAsync(ImplementationOfTheLibrarysInterface + """
        class ImageHelper
        {
            private readonly IHttpHelper _http;

            public ImageHelper(IHttpHelper http) => _http = http;

            async Task<int> Width(Telegram.Bot.Types.File file)
            {
                var stream = {|HCG004:await _http.GetFileHeader(file, 512)|};
                return stream.ReadByte();
            }
        }
        """);

    // A method of the same name whose written parameter type differs does not implement it: nothing here does.
    [Fact]
    public Task StreamFromAnInterfaceOfAReferencedProjectImplementedByNoMethodOfItsWrittenSignature_NoDiagnostic() => VerifyWithTheInterfaceInALibraryAsync(
        ImplementationOfTheLibrarysInterface.Replace("Telegram.Bot.Types.File file, int length", "Telegram.Bot.Types.Document file, int length") + """
        class ImageHelper
        {
            private readonly IHttpHelper _http;

            public ImageHelper(IHttpHelper http) => _http = http;

            async Task<int> Width(Telegram.Bot.Types.File file)
            {
                var stream = await _http.GetFileHeader(file, 512);
                return stream.ReadByte();
            }
        }
        """);

    // A helper over a helper, each in its own file, and a caller in a third that spells no stream method: the names of
    // stream-returning methods are gathered file by file, through the files that call one already found.
    [Fact]
    public Task StreamFromAHelperOverAHelperInAnotherFile_Diagnostic() =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(new[]
        {
            Usings + """
            public sealed class BotClient
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<Stream> StreamDownloader(string fileUrl)
                {
                    return await _http.GetStreamAsync(fileUrl);
                }
            }
            """,
            Usings + """
            public static class Files
            {
                public static async Task<Stream> Download(this BotClient bot, string fileId) =>
                    await bot.StreamDownloader("https://example.com/file/" + fileId);
            }
            """,
            Usings + """
            public static class Saves
            {
                public static async Task<bool> Save(this BotClient bot, string fileId, FileStream target)
                {
                    if ({|HCG004:await bot.Download(fileId)|} is Stream stream)
                    {
                        await stream.CopyToAsync(target);
                        return true;
                    }

                    return false;
                }

                public static async Task<bool> SaveAndClose(this BotClient bot, string fileId, FileStream target)
                {
                    using (var stream = await bot.Download(fileId))
                    {
                        await stream.CopyToAsync(target);
                    }

                    return true;
                }
            }
            """,
        });

    // The fix is the one HttpClient's own GetStreamAsync gets: the caller's local put in 'await using'.
    [Fact]
    public Task StreamFromAHelperDropped_FixAddsAwaitUsing() =>
        Verify<UndisposedContentStreamAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.UndisposedContentStreamFixer>(
            Usings + Helper + """
            class Installer
            {
                async Task<int> FirstByte(string url)
                {
                    var stream = {|HCG004:await Http.GetStreamAsync(url)|};
                    return stream.ReadByte();
                }
            }
            """,
            Usings + Helper + """
            class Installer
            {
                async Task<int> FirstByte(string url)
                {
                    await using var stream = await Http.GetStreamAsync(url);
                    return stream.ReadByte();
                }
            }
            """,
            TestOptions.LatestOnly with { Targets = Targets.Net80 });
}
