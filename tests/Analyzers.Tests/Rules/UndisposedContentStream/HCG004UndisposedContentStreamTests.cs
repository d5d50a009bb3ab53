using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

[Trait("Rule", "HCG004")]
public sealed partial class HCG004UndisposedContentStreamTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string body, TestOptions? options = null) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + body, options);

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions options) =>
        Verify<UndisposedContentStreamAnalyzer>.FixAsync<UndisposedContentStreamFixer>(Usings + source, Usings + fixedSource, options);

    // A download result that holds its response; {0}: what its Dispose does; {1}: how the reader holds the result; {2}: the read's markup.
    private const string HeldResponseSource = """
        sealed class Download : IDisposable
        {
            public Download(HttpResponseMessage response)
            {
                Response = response;
            }

            public HttpResponseMessage Response { get; }

            public void Dispose() => {0};
        }

        class C
        {
            private readonly HttpClient _client = new HttpClient();

            private async Task<Download> SendAsync(string url) =>
                new Download(await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead));

            private static async Task<int> FirstByte(Stream stream)
            {
                var buffer = new byte[1];
                return await stream.ReadAsync(buffer, 0, 1) == 1 ? buffer[0] : -1;
            }

            public async Task<int> M(string url)
            {
                {1}
                {
                    return await FirstByte({2});
                }
            }
        }
        """;

    private static string HeldResponse(string dispose, string holder, string read) =>
        HeldResponseSource.Replace("{0}", dispose).Replace("{1}", holder).Replace("{2}", read);

    private const string TimeoutStream = """
        sealed class TimeoutStream : Stream
        {
            private readonly Stream _inner;
            public TimeoutStream(Stream inner) { _inner = inner; }
            public override bool CanRead => _inner.CanRead;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => _inner.Length;
            public override long Position { get => _inner.Position; set => _inner.Position = value; }
            public override void Flush() => _inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
            public override void SetLength(long value) => _inner.SetLength(value);
            public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
            protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); base.Dispose(disposing); }
        }

        """;

    [Fact]
    public Task StreamWrappedAndReturnedThroughTaskFromResult_NoDiagnostic() => VerifyAsync(TimeoutStream + """
        class Downloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Stream> Open(string url)
            {
                var stream = await _client.GetStreamAsync(url);
                return await Task.FromResult<Stream>(new TimeoutStream(stream));
            }
        }
        """);

    [Fact]
    public Task StreamWrappedThroughTaskFromResultThenOnlyRead_Diagnostic() => VerifyAsync(TimeoutStream + """
        class Downloads
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> FirstByte(string url)
            {
                var stream = {|HCG004:await _client.GetStreamAsync(url)|};
                var wrapped = await Task.FromResult<Stream>(new TimeoutStream(stream));
                return wrapped.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamOfAResponseHeldByADisposedResult_NoDiagnostic() => VerifyAsync(HeldResponse(
        "Response.Dispose()", "using (var result = await SendAsync(url))", "await result.Response.Content.ReadAsStreamAsync()"));

    [Fact]
    public Task StreamOfAResponseHeldByAResultThatDoesNotDisposeIt_Diagnostic() => VerifyAsync(HeldResponse(
        "GC.KeepAlive(Response)", "using (var result = await SendAsync(url))", "{|HCG004:await result.Response.Content.ReadAsStreamAsync()|}"));

    [Fact]
    public Task StreamOfAResponseHeldByAResultNobodyDisposes_Diagnostic() => VerifyAsync(HeldResponse(
        "Response.Dispose()", "var result = await SendAsync(url); checked", "{|HCG004:await result.Response.Content.ReadAsStreamAsync()|}"));

    // A reader engine made around the response it is given, which parses the body from the stream and is returned to the
    // caller; its Dispose disposes the response. {0}: what Dispose does; {1}: the markup around the read; {2}: what Create
    // does with the engine.
    private const string ReaderEngine = """
        using System.Xml;
        sealed class ItemsReaderEngine : IDisposable
        {
            private HttpResponseMessage _responseMessage;
            private XmlDocument _xml;

            private ItemsReaderEngine(HttpResponseMessage responseMessage) { _responseMessage = responseMessage; }

            public static async Task<ItemsReaderEngine> Create(HttpResponseMessage responseMessage)
            {
                var engine = new ItemsReaderEngine(responseMessage);
                var xml = new XmlDocument();
                xml.Load({1});
                engine._xml = xml;
                {2}
            }

            public void Dispose() { {0} }
        }
        """;

    private static string Engine(string dispose, string read, string then) =>
        ReaderEngine.Replace("{0}", dispose).Replace("{1}", read).Replace("{2}", then);

    [Fact]
    public Task StreamOfAResponseHeldByAnEngineThatIsReturnedAndDisposesIt_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(Engine("_responseMessage.Dispose();", "await engine._responseMessage.Content.ReadAsStreamAsync()", "return engine;")),
        VerifyAsync(Engine("_responseMessage.Dispose();", "await engine._responseMessage.Content.ReadAsStreamAsync()",
            "if (xml.DocumentElement == null) { engine.Dispose(); } return engine;")));

    [Fact]
    public Task StreamOfAResponseHeldByAnEngineThatIsDroppedOrDoesNotDisposeIt_Diagnostic() => Task.WhenAll(
        VerifyAsync(Engine("_responseMessage.Dispose();", "{|HCG004:await engine._responseMessage.Content.ReadAsStreamAsync()|}", "GC.KeepAlive(xml); return null;")),
        VerifyAsync(Engine("_xml = null;", "{|HCG004:await engine._responseMessage.Content.ReadAsStreamAsync()|}", "return engine;")));

    // One callback per member: reads in field-initializer lambdas, accessors, local functions
    // and nested types are found, each reported once.
    [Fact]
    public Task ReadsInInitializersAccessorsLocalFunctionsAndNestedTypes_ReportedOnce() => VerifyAsync("""
        class C
        {
            private readonly Func<HttpClient, Task<int>> _first = async client => ({|HCG004:await client.GetStreamAsync("http://x")|}).ReadByte();

            private HttpResponseMessage Response { get; set; }

            public int First
            {
                get { return {|HCG004:Response.Content.ReadAsStreamAsync().Result|}.ReadByte(); }
            }

            async Task<int> M(HttpResponseMessage response)
            {
                return await Read();

                async Task<int> Read() => ({|HCG004:await response.Content.ReadAsStreamAsync()|}).ReadByte();
            }

            class Nested
            {
                int M(HttpClient client) => {|HCG004:client.GetStreamAsync("http://x").Result|}.ReadByte();
            }
        }
        """);

    [Fact]
    public Task ReadsInInitializersAccessorsLocalFunctionsAndNestedTypesDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly Func<HttpClient, Task<int>> _first = async client =>
            {
                using (var stream = await client.GetStreamAsync("http://x"))
                {
                    return stream.ReadByte();
                }
            };

            private HttpResponseMessage Response { get; set; }

            public int First
            {
                get
                {
                    using (var stream = Response.Content.ReadAsStreamAsync().Result)
                    {
                        return stream.ReadByte();
                    }
                }
            }

            async Task<int> M(HttpResponseMessage response)
            {
                return await Read();

                async Task<int> Read()
                {
                    using (var stream = await response.Content.ReadAsStreamAsync())
                    {
                        return stream.ReadByte();
                    }
                }
            }

            class Nested
            {
                int M(HttpClient client)
                {
                    using (var stream = client.GetStreamAsync("http://x").Result)
                    {
                        return stream.ReadByte();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task StreamFromParameterResponseNeverDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpResponseMessage response)
            {
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task GetStreamAsyncNeverDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task ChainedStreamRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                return ({|HCG004:await client.GetStreamAsync("http://x")|}).ReadByte();
            }
        }
        """);

    [Fact]
    public Task DiscardedStream_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task M(HttpContent content)
            {
                {|HCG004:await content.ReadAsStreamAsync()|};
            }
        }
        """);

    [Fact]
    public Task WrapperNotDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var reader = new StreamReader({|HCG004:await client.GetStreamAsync("http://x")|});
                return reader.ReadLine();
            }
        }
        """);

    [Fact]
    public Task EarlyReturnSkipsDispose_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpContent content)
            {
                var stream = {|HCG004:await content.ReadAsStreamAsync()|};
                if (!stream.CanRead)
                {
                    return -1;
                }

                var first = stream.ReadByte();
                stream.Dispose();
                return first;
            }
        }
        """);

    [Fact]
    public Task SyncReadAsStreamOnNet8_Diagnostic() => VerifyAsync("""
        class C
        {
            int M(HttpContent content)
            {
                var stream = {|HCG004:content.ReadAsStream()|};
                return stream.ReadByte();
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task OwningResponseNotDisposed_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<long> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return stream.Length;
            }
        }
        """);

    [Fact]
    public Task UsingStatementStream_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpContent content)
            {
                using (var stream = await content.ReadAsStreamAsync())
                {
                    return stream.ReadByte();
                }
            }
        }
        """);

    [Fact]
    public Task AwaitUsingVarStream_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                await using var stream = await client.GetStreamAsync("http://x");
                return stream.ReadByte();
            }
        }
        """, TestOptions.LatestOnly with { Targets = Targets.Net80 });

    [Fact]
    public Task OwningWrapperDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> Inline(HttpClient client)
            {
                using (var reader = new StreamReader(await client.GetStreamAsync("http://x")))
                {
                    return await reader.ReadToEndAsync();
                }
            }

            async Task<string> ThroughLocal(HttpContent content)
            {
                var stream = await content.ReadAsStreamAsync();
                using (var reader = new StreamReader(stream))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task OwningResponseDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> Using(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var stream = await response.Content.ReadAsStreamAsync();
                    return stream.ReadByte();
                }
            }

            async Task<int> ThroughContentLocal(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                try
                {
                    var content = response.Content;
                    var stream = await content.ReadAsStreamAsync();
                    return stream.ReadByte();
                }
                finally
                {
                    response.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task StreamHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private Stream _body;

            Task<Stream> Returned(HttpResponseMessage response) => response.Content.ReadAsStreamAsync();

            async Task Stored(HttpResponseMessage response) => _body = await response.Content.ReadAsStreamAsync();

            async Task<HttpContent> Wrapped(HttpClient client) => new StreamContent(await client.GetStreamAsync("http://x"));
        }
        """);

    [Fact]
    public Task UserReadAsStreamAsyncOnOtherType_NoDiagnostic() => VerifyAsync("""
        class Blob
        {
            public Task<Stream> ReadAsStreamAsync() => Task.FromResult<Stream>(new MemoryStream());
            public Task<Stream> GetStreamAsync(string name) => Task.FromResult<Stream>(new MemoryStream());
        }
        class C
        {
            async Task<int> M(Blob blob)
            {
                var stream = await blob.ReadAsStreamAsync();
                var other = await blob.GetStreamAsync("a");
                return stream.ReadByte() + other.ReadByte();
            }
        }
        """);

    [Fact]
    public Task HalfTypedCode_OnlyCompilerErrors() => VerifyAsync("""
        class C
        {
            async Task M(HttpContent content)
            {
                using (var stream = await content.ReadAsStreamAsync())
                {
                    stream.{|CS1061:Nope|}();
                }
                var other = await content.{|CS1061:ReadAsStreamAsyncTypo|}();
                var pending = content.ReadAsStreamAsync({|CS1026:|}{|CS1002:|}
            }
        }
        """);

    [Fact]
    public Task LocalInAsyncMethod_Net8Latest_AwaitUsing() => VerifyFixAsync(
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                var stream = {|HCG004:await content.ReadAsStreamAsync()|};
                return stream.ReadByte();
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                await using var stream = await content.ReadAsStreamAsync();
                return stream.ReadByte();
            }
        }
        """,
        TestOptions.LatestOnly with { Targets = Targets.Net80 });

    [Fact]
    public Task LocalInAsyncMethod_NetStandardLatest_Using() => VerifyFixAsync(
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                var stream = {|HCG004:await content.ReadAsStreamAsync()|};
                return stream.ReadByte();
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                using var stream = await content.ReadAsStreamAsync();
                return stream.ReadByte();
            }
        }
        """,
        TestOptions.LatestOnly with { Targets = Targets.NetStandard20 });

    [Fact]
    public Task LocalInAsyncMethod_CSharp73_UsingStatement() => VerifyFixAsync(
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                var stream = {|HCG004:await content.ReadAsStreamAsync()|};
                return stream.ReadByte();
            }
        }
        """,
        """
        class C
        {
            async Task<int> M(HttpContent content)
            {
                using (var stream = await content.ReadAsStreamAsync())
                {
                    return stream.ReadByte();
                }
            }
        }
        """,
        TestOptions.CSharp73Only);

    [Fact]
    public Task LocalInSyncMethod_UsingDeclaration() => VerifyFixAsync(
        """
        class C
        {
            int M(HttpContent content)
            {
                var stream = {|HCG004:content.ReadAsStreamAsync().Result|};
                return stream.ReadByte();
            }
        }
        """,
        """
        class C
        {
            int M(HttpContent content)
            {
                using var stream = content.ReadAsStreamAsync().Result;
                return stream.ReadByte();
            }
        }
        """,
        TestOptions.LatestOnly);

    [Fact]
    public Task ChainedAndWrapped_FixAll_HoistsStreams() => VerifyFixAsync(
        """
        class C
        {
            int M(HttpClient client)
            {
                var reader = new StreamReader({|HCG004:client.GetStreamAsync("http://x/1").Result|});
                var first = ({|HCG004:client.GetStreamAsync("http://x/2").Result|}).ReadByte();
                return reader.Read() + first;
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client)
            {
                using (var stream = client.GetStreamAsync("http://x/1").Result)
                {
                    var reader = new StreamReader(stream);
                    using (var stream1 = client.GetStreamAsync("http://x/2").Result)
                    {
                        var first = stream1.ReadByte();
                        return reader.Read() + first;
                    }
                }
            }
        }
        """,
        TestOptions.CSharp73Only);

    [Fact]
    public Task ReadDoesNotBindEveryCandidateReadsAStream_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpResponseMessage response)
            {
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync(Unknown.Token)|};
                return stream.ReadByte();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // A response a resilience policy of responses hands back (Polly missing in folder mode, so the local does not bind): its
    // content stream, deserialized and left open, is the caller's as for any response.
    [Fact]
    public Task StreamOfAResponseFromAnUnboundPolicyOfResponses_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly AsyncPolicy<HttpResponseMessage> s_policy = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2);
            private readonly HttpClient _client = new HttpClient();

            async Task<int> M(CancellationToken cancellationToken)
            {
                var response = await s_policy.ExecuteAsync(async ct => await _client.GetAsync("http://x", ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)|};
                return stream.ReadByte();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task StreamOfAResponseFromAnUnboundPolicyDisposedOrOfAnotherResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly AsyncPolicy<HttpResponseMessage> s_policy = Policy.HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode).RetryAsync(2);
            private static readonly AsyncPolicy<Reply> s_replies = Policy.HandleResult<Reply>(r => r == null).RetryAsync(2);
            private readonly HttpClient _client = new HttpClient();

            async Task<int> ResponseDisposed(CancellationToken cancellationToken)
            {
                using (var response = await s_policy.ExecuteAsync(ct => _client.GetAsync("http://x", ct), cancellationToken))
                {
                    var stream = await response.Content.ReadAsStreamAsync();
                    return stream.ReadByte();
                }
            }

            async Task<int> OtherResult(CancellationToken cancellationToken)
            {
                var reply = await s_replies.ExecuteAsync(ct => Fetch(ct), cancellationToken);
                var stream = await reply.Content.ReadAsStreamAsync();
                return stream.ReadByte();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ReadDoesNotBindResponseDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var stream = await response.Content.ReadAsStreamAsync(Unknown.Token);
                    return stream.ReadByte();
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    private const string ContentWrapper = """
        sealed class EndDetectingStream : Stream
        {
            private readonly Stream _inner;
            public EndDetectingStream(Stream inner) { _inner = inner; }
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            protected override void Dispose(bool disposing) { if (disposing) _inner.Dispose(); base.Dispose(disposing); }
        }

        """;

    // The response is handed out of the member: whoever disposes it disposes its content, and the stream with it.
    [Fact]
    public Task StreamOfAResponseThatIsReturnedOrStored_NoDiagnostic() => VerifyAsync(ContentWrapper + """
        class TimingHandler : DelegatingHandler
        {
            private HttpResponseMessage _last;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                Stream oldStream = await response.Content.ReadAsStreamAsync();
                Wrap(response, oldStream);
                return response;
            }

            private static void Wrap(HttpResponseMessage response, Stream oldStream)
            {
                var newContent = new StreamContent(new EndDetectingStream(oldStream));
                response.Content = newContent;
            }

            async Task<int> Stored(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                _last = response;
                var stream = await response.Content.ReadAsStreamAsync();
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamOfAResponseThatIsOnlyReadHere_Diagnostic() => VerifyAsync(ContentWrapper + """
        class C
        {
            async Task<HttpResponseMessage> ReturnedOnlyBeforeTheRead(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var contentStream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                throw new InvalidOperationException("failed: " + contentStream.Length);
            }

            async Task<bool> M(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                Stream oldStream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                Wrap(response, oldStream);
                return response.IsSuccessStatusCode;
            }

            private static void Wrap(HttpResponseMessage response, Stream oldStream)
            {
                var copy = new EndDetectingStream(oldStream);
                System.Console.WriteLine(response.StatusCode + " " + copy.CanRead);
            }
        }
        """);

    private const string StreamResult = """
        sealed class QueryResult : IDisposable
        {
            private readonly Stream _stream;
            public QueryResult(Stream stream) { _stream = stream; }
            public System.Net.HttpStatusCode Status { get; set; }
            public Task InitializeAsync() => Task.CompletedTask;
            public void Dispose() => _stream.Dispose();
        }

        """;

    // A wrapper kept in a local that the member returns: the caller disposes the wrapper, and the stream with it.
    [Fact]
    public Task WrappedInAResultKeptInALocalAndReturned_NoDiagnostic() => VerifyAsync(StreamResult + """
        class C
        {
            async Task<QueryResult> Assigned(HttpClient client, bool streaming)
            {
                QueryResult result;
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                var stream = await response.Content.ReadAsStreamAsync();
                if (streaming)
                {
                    result = new QueryResult(stream) { Status = response.StatusCode };
                }
                else
                {
                    result = new QueryResult(stream);
                }

                await result.InitializeAsync();
                return result;
            }

            async Task<QueryResult> Declared(HttpClient client)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                var result = new QueryResult(await response.Content.ReadAsStreamAsync());
                result.Status = response.StatusCode;
                return result;
            }
        }
        """);

    [Fact]
    public Task WrappedInAResultKeptInALocalAndOnlyRead_Diagnostic() => VerifyAsync(StreamResult + """
        class C
        {
            async Task<System.Net.HttpStatusCode> Assigned(HttpClient client)
            {
                QueryResult result;
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                result = new QueryResult(stream);
                await result.InitializeAsync();
                return result.Status;
            }
        }
        """);

    // A response a cache of this type keeps (every return of its method is the cache's): its stream stays the cache's too.
    [Fact]
    public Task StreamOfACachedResponse_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        class PackageClient
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly Dictionary<Uri, HttpResponseMessage> _cache = new Dictionary<Uri, HttpResponseMessage>();

            public async Task<int> FirstByteAsync(Uri uri)
            {
                var response = await GetAndCacheAsync(uri);
                var stream = await response.Content.ReadAsStreamAsync();
                return stream.ReadByte();
            }

            private async Task<HttpResponseMessage> GetAndCacheAsync(Uri uri)
            {
                if (_cache.TryGetValue(uri, out var cached))
                {
                    return cached;
                }

                var response = await Client.GetAsync(uri);
                _cache[uri] = response;
                return response;
            }
        }
        """);

    [Fact]
    public Task StreamOfAResponseFromAHelperThatDoesNotCache_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        class PackageClient
        {
            private static readonly HttpClient Client = new HttpClient();
            private readonly Dictionary<Uri, HttpResponseMessage> _cache = new Dictionary<Uri, HttpResponseMessage>();

            public async Task<int> FirstByteAsync(Uri uri)
            {
                var response = await GetAsync(uri);
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return stream.ReadByte();
            }

            private async Task<HttpResponseMessage> GetAsync(Uri uri)
            {
                if (_cache.ContainsKey(uri))
                {
                    return _cache[uri];
                }

                return await Client.GetAsync(uri);
            }
        }
        """);

    // System.Text.Json is a package on netstandard2.0: without it the readers do not bind, and are known by name.
    [Fact]
    public Task ParsedByJsonReaderWhosePackageIsMissing_Diagnostic() => VerifyAsync("""
        using System.Text.Json;
        class C
        {
            async Task<int> Document(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")
                    .ConfigureAwait(false)|};
                var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
                return document.RootElement.GetArrayLength();
            }

            async Task<T> Deserialized<T>(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                return await JsonSerializer.DeserializeAsync<T>(stream);
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true, Targets = Targets.NetStandard20 });

    [Fact]
    public Task ParsedByJsonReaderWhosePackageIsMissing_AddsUsing() => VerifyFixAsync("""
        using System.Text.Json;
        class C
        {
            async Task<int> Document(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x").ConfigureAwait(false)|};
                var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
                return document.RootElement.GetArrayLength();
            }
        }
        """, """
        using System.Text.Json;
        class C
        {
            async Task<int> Document(HttpClient client)
            {
                using (var stream = await client.GetStreamAsync("http://x").ConfigureAwait(false))
                {
                    var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
                    return document.RootElement.GetArrayLength();
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true, Targets = Targets.NetStandard20, MaximumLanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task ParsedByJsonReaderWhosePackageIsMissingDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        using System.Text.Json;
        class C
        {
            async Task<int> Disposed(HttpClient client)
            {
                using (var stream = await client.GetStreamAsync("http://x").ConfigureAwait(false))
                {
                    var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
                    return document.RootElement.GetArrayLength();
                }
            }

            async Task<object> UnknownReader(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return await Unknown.LoadAsync(stream);
            }

            async Task<object> ReadAsItIsEnumerated<T>(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return JsonSerializer.DeserializeAsyncEnumerable<T>(stream);
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true, Targets = Targets.NetStandard20 });

    // ImageSharp and System.Drawing.Common are packages folder mode often lacks: their decoders are known by name and leave the stream open.
    [Fact]
    public Task DecodedByImageReaderWhosePackageIsMissing_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<object> Decoded(HttpClient client)
            {
                var image = SixLabors.ImageSharp.Image.Load({|HCG004:await client.GetStreamAsync("http://x")|});
                return image;
            }

            async Task<object> Identified(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                return await SixLabors.ImageSharp.Image.IdentifyAsync(stream);
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task DecodedByImageReaderWhosePackageIsMissing_AddsUsing() => VerifyFixAsync("""
        class C
        {
            async Task<object> Identified(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                return await SixLabors.ImageSharp.Image.IdentifyAsync(stream);
            }
        }
        """, """
        class C
        {
            async Task<object> Identified(HttpClient client)
            {
                using (var stream = await client.GetStreamAsync("http://x"))
                {
                    return await SixLabors.ImageSharp.Image.IdentifyAsync(stream);
                }
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true, MaximumLanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task DecodedByImageReaderDisposedOrOfTheCodesOwn_NoDiagnostic() => VerifyAsync("""
        class Image
        {
            public static object Load(Stream stream)
            {
                using (stream)
                {
                    return stream.ReadByte();
                }
            }
        }

        class C
        {
            async Task<object> Disposed(HttpClient client)
            {
                using (var stream = await client.GetStreamAsync("http://x"))
                {
                    return SixLabors.ImageSharp.Image.Load(stream);
                }
            }

            async Task<object> DisposedByTheCodesOwnImage(HttpClient client)
            {
                return Image.Load(await client.GetStreamAsync("http://x"));
            }

            async Task<object> UnknownDecoder(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return Picture.Decode(stream);
            }

            async Task<object> ImageKeepsReadingIt(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return System.Drawing.Image.FromStream(stream);
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // HtmlAgilityPack, a package folder mode often lacks: HtmlDocument.Load(stream) reads the page to its end and leaves the
    // stream open, on a document held in a local, a field or a parameter.
    [Fact]
    public Task LoadedIntoAnHtmlDocumentWhosePackageIsMissing_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly HtmlDocument _page = new HtmlDocument();

            async Task<object> Local(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                HtmlDocument document = new HtmlDocument();
                document.Load(stream);
                return document;
            }

            async Task Field(HttpClient client)
            {
                _page.Load({|HCG004:await client.GetStreamAsync("http://x")|});
            }

            async Task Parameter(HttpClient client, HtmlDocument document)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                document.Load(stream, System.Text.Encoding.UTF8);
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // Disposed around the load, a document type of the code's own that disposes what it loads, another method of the
    // missing type, or another missing type's Load: quiet.
    [Fact]
    public Task LoadedIntoAnHtmlDocumentDisposedOrOfTheCodesOwn_NoDiagnostic() => VerifyAsync("""
        class Page
        {
            public void Load(Stream stream)
            {
                using (stream)
                {
                    stream.ReadByte();
                }
            }
        }

        class C
        {
            async Task<object> Disposed(HttpClient client)
            {
                using (var stream = await client.GetStreamAsync("http://x"))
                {
                    var document = new HtmlDocument();
                    document.Load(stream);
                    return document;
                }
            }

            async Task<object> ResponseDisposed(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var document = new HtmlDocument();
                    document.Load(await response.Content.ReadAsStreamAsync());
                    return document;
                }
            }

            async Task OwnType(HttpClient client)
            {
                var page = new Page();
                page.Load(await client.GetStreamAsync("http://x"));
            }

            async Task OtherMethod(HttpClient client, HtmlDocument document)
            {
                document.Attach(await client.GetStreamAsync("http://x"));
            }

            async Task OtherType(HttpClient client, XDocumentReader reader)
            {
                reader.Load(await client.GetStreamAsync("http://x"));
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // Code the compiler proves never runs (after a 'return' of its block) reads no stream; the same read before it does.
    [Fact]
    public Task StreamInUnreachableCode_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                return 0;
                var stream = await client.GetStreamAsync("http://x");
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamBeforeTheReturn_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client, bool enabled)
            {
                if (!enabled)
                {
                    return 0;
                }

                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task AwaitUsingConfigureAwaitOverStream_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                await using (stream.ConfigureAwait(false))
                {
                    return stream.ReadByte();
                }
            }

            async Task<int> Declaration(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                await using var _ = stream.ConfigureAwait(false);
                return stream.ReadByte();
            }
        }
        """, new TestOptions { MinimumLanguageVersion = LanguageVersion.Latest, Targets = Targets.Net80 });

    [Fact]
    public Task StreamWrappedInReturnedObject_NoDiagnostic() => VerifyAsync("""
        sealed class StreamedResponse
        {
            public StreamedResponse(Stream body) { Body = body; }
            public Stream Body { get; }
        }
        class C
        {
            async Task<StreamedResponse> M(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return new StreamedResponse(stream);
            }
        }
        """);

    [Fact]
    public Task StreamWrappedOnlyOnOneBranch_Diagnostic() => VerifyAsync("""
        sealed class StreamedResponse
        {
            public StreamedResponse(Stream body) { Body = body; }
            public Stream Body { get; }
        }
        class C
        {
            async Task<StreamedResponse> M(HttpClient client, bool wrap)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                if (wrap)
                {
                    return new StreamedResponse(stream);
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatWrapsItUnderUsing_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpResponseMessage response)
            {
                return Parse(await response.Content.ReadAsStreamAsync());
            }

            string Parse(Stream stream)
            {
                using (var reader = new StreamReader(stream))
                {
                    return reader.ReadToEnd();
                }
            }
        }
        """);

    [Fact]
    public Task HandedToHelperThatWrapsItAndLeavesItOpen_Diagnostic() => VerifyAsync("""
        using System.Text;
        class C
        {
            async Task<string> M(HttpResponseMessage response)
            {
                return Parse({|HCG004:await response.Content.ReadAsStreamAsync()|});
            }

            string Parse(Stream stream)
            {
                using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, true, 1024, true))
                {
                    return reader.ReadToEnd();
                }
            }
        }
        """);

    [Fact]
    public Task WrappedInReaderThatLeavesItOpen_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, true, 1024, leaveOpen: true))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task WrappedInReaderThatClosesIt_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, true, 1024, leaveOpen: false))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task StreamOfResponseParameterEveryCallerDisposes_NoDiagnostic() => VerifyAsync("""
        class C
        {
            public async Task<long> Get(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await Process(response);
                }
            }

            public async Task<long> Post(HttpClient client)
            {
                using (var response = await client.PostAsync("http://x", null))
                {
                    return await Process(response);
                }
            }

            private static async Task<long> Process(HttpResponseMessage response)
            {
                var stream = await response.Content.ReadAsStreamAsync();
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.Length;
            }
        }
        """);

    [Fact]
    public Task StreamOfResponseParameterOneCallerLeaks_Diagnostic() => VerifyAsync("""
        class C
        {
            public async Task<long> Get(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await Process(response);
                }
            }

            public async Task<long> Post(HttpClient client)
            {
                var response = await client.PostAsync("http://x", null);
                return await Process(response);
            }

            private static async Task<long> Process(HttpResponseMessage response)
            {
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.Length;
            }
        }
        """);

    [Fact]
    public Task StreamOfResponseParameterOfPublicMethod_TheCallersResponse_NoDiagnostic() => VerifyAsync("""
        class C
        {
            public async Task<long> Get(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await Process(response);
                }
            }

            public async Task<long> Process(HttpResponseMessage response)
            {
                var stream = await response.Content.ReadAsStreamAsync();
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.Length;
            }
        }
        """);

    // A public reader hands the response it is given to private helpers; {0}: what the middle helper passes on; {1}: the read's markup.
    private const string BorrowedChain = """
        class ResponseBodyReader
        {
            public Task<long> ReadAsync(HttpResponseMessage response) => ReadWithLimitAsync(response, 4096);

            private static async Task<long> ReadWithLimitAsync(HttpResponseMessage response, int limit)
            {
                {0}
            }

            private static async Task<long> ReadFromStreamAsync(HttpResponseMessage response, int limit)
            {
                var stream = {1};
                var buffer = new byte[limit];
                var read = await stream.ReadAsync(buffer, 0, limit);
                if (stream.CanSeek)
                {
                    stream.Seek(0, SeekOrigin.Begin);
                }

                return read;
            }
        }
        """;

    [Fact]
    public Task StreamOfAResponseEveryCallerHandsOnFromItsOwnCaller_NoDiagnostic() => VerifyAsync(BorrowedChain
        .Replace("{0}", "return await ReadFromStreamAsync(response, limit);")
        .Replace("{1}", "await response.Content.ReadAsStreamAsync()"));

    [Fact]
    public Task StreamOfAResponseACallerMakesAndDrops_Diagnostic() => VerifyAsync(BorrowedChain
        .Replace("{0}", "var fresh = await new HttpClient().GetAsync(\"http://localhost/\");\n            return await ReadFromStreamAsync(fresh, limit) + await ReadFromStreamAsync(response, limit);")
        .Replace("{1}", "{|HCG004:await response.Content.ReadAsStreamAsync()|}"));

    // A stream task held by a using declaration; {0}: how its result is read.
    private const string UsingTask = """
        class Downloads
        {
            void DownloadData(HttpClient client, Uri uri, string filePath)
            {
                using var dataStream = {1}client.GetStreamAsync(uri){2};
                using var fileStream = new FileStream(filePath, FileMode.Create);
                {0}
            }
        }
        """;

    [Fact]
    public Task StreamReadFromATaskThatUsingDisposes_Diagnostic() => VerifyAsync(UsingTask
        .Replace("{0}", "dataStream.Result.CopyTo(fileStream);").Replace("{1}", "{|HCG004:").Replace("{2}", "|}"), TestOptions.LatestOnly);

    [Fact]
    public Task StreamReadFromATaskThatUsingDisposesIntoAUsing_NoDiagnostic() => VerifyAsync(UsingTask
        .Replace("{0}", "using var stream = dataStream.Result;\n        stream.CopyTo(fileStream);").Replace("{1}", "").Replace("{2}", ""), TestOptions.LatestOnly);

    [Fact]
    public Task HandedToHelperThatReturnsItInsideResult_NoDiagnostic() => VerifyAsync("""
        sealed class Download
        {
            public Download(Stream body) { Body = body; }
            public Stream Body { get; }
        }
        class C
        {
            async Task<Download> M(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return Wrap(stream);
            }

            private static Download Wrap(Stream body) => new Download(body);
        }
        """);

    // {0}: what the helper does with the data it is given (through a local of the result's type).
    private const string GenericResultHelper = """
        sealed class ApiResponse<T>
        {
            public ApiResponse(System.Net.HttpStatusCode status, T data) { Status = status; Data = data; }
            public System.Net.HttpStatusCode Status { get; }
            public T Data { get; }
        }

        class ApiClient
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<ApiResponse<T>> ExecAsync<T>(HttpRequestMessage request)
            {
                var response = await _client.SendAsync(request).ConfigureAwait(false);
                object responseData = null;
                if (typeof(T).Name == "Stream")
                {
                    responseData = {|#0:(T)(object)await response.Content.ReadAsStreamAsync()|};
                }

                return ToApiResponse<T>(response, responseData);
            }

            private static ApiResponse<T> ToApiResponse<T>(HttpResponseMessage response, object responseData)
            {
                T result = (T)responseData;
                {0}
            }
        }
        """;

    // A binary body handed, as 'object', to a helper that casts it into a local and returns it inside the generic result.
    [Fact]
    public Task HandedToHelperThatReturnsItsCastLocalInsideResult_NoDiagnostic() => VerifyAsync(GenericResultHelper
        .Replace("{|#0:", "").Replace("|}", "")
        .Replace("{0}", """
            var transformed = new ApiResponse<T>(response.StatusCode, result);
                    return transformed;
            """));

    [Fact]
    public Task HandedToHelperThatOnlyLogsItsCastLocal_Diagnostic() => VerifyAsync(GenericResultHelper
        .Replace("{|#0:", "{|HCG004:")
        .Replace("{0}", """
            Console.WriteLine(result);
                    return new ApiResponse<T>(response.StatusCode, default(T));
            """));

    [Fact]
    public Task ReturnedThroughControllerFile_NoDiagnostic() => VerifyAsync("""
        public class DownloadController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            private readonly HttpClient _client;
            public DownloadController(HttpClient client) { _client = client; }

            public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Get()
            {
                var stream = await _client.GetStreamAsync("http://x");
                return File(stream, "application/octet-stream");
            }
        }
        """, new TestOptions { WithAspNetCore = true });

    [Fact]
    public Task ReturnedThroughResultsStream_NoDiagnostic() => VerifyAsync("""
        static class Endpoints
        {
            public static async Task<Microsoft.AspNetCore.Http.IResult> Proxy(HttpClient client)
            {
                var stream = await client.GetStreamAsync("http://x");
                return Microsoft.AspNetCore.Http.Results.Stream(stream, "application/octet-stream");
            }
        }
        """, new TestOptions { WithAspNetCore = true });

    [Fact]
    public Task PassedToControllerHelperThatOnlyReads_Diagnostic() => VerifyAsync("""
        public class UploadController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            private readonly HttpClient _client;
            public UploadController(HttpClient client) { _client = client; }

            public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Get()
            {
                var stream = {|HCG004:await _client.GetStreamAsync("http://x")|};
                var length = await Measure(stream);
                return Ok(length);
            }

            private static async Task<long> Measure(Stream body)
            {
                var copy = new MemoryStream();
                await body.CopyToAsync(copy);
                return copy.Length;
            }
        }
        """, new TestOptions { WithAspNetCore = true });

    private const string StreamInEarlierLocal = """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                Stream stream;
                try
                {
                    stream = {|HCG004:await client.GetStreamAsync("http://x")|};
                }
                catch (HttpRequestException)
                {
                    return -1;
                }

                return stream.ReadByte();
            }
        }
        """;

    [Fact]
    public Task EarlierLocal_CSharp73_UsingStatementAroundUses() => VerifyFixAsync(
        StreamInEarlierLocal,
        StreamInEarlierLocal.Replace("{|HCG004:", string.Empty).Replace("|}", string.Empty).Replace(
            "        return stream.ReadByte();\n",
            "        using (stream)\n        {\n            return stream.ReadByte();\n        }\n"),
        TestOptions.CSharp73Only);

    [Fact]
    public Task EarlierLocal_Net8Latest_AwaitUsingStatement() => VerifyFixAsync(
        StreamInEarlierLocal,
        StreamInEarlierLocal.Replace("{|HCG004:", string.Empty).Replace("|}", string.Empty).Replace(
            "        return stream.ReadByte();\n",
            "        await using (stream)\n        {\n            return stream.ReadByte();\n        }\n"),
        TestOptions.LatestOnly with { Targets = Targets.Net80 });

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public async Task NetStandardAndNet8_NoAwaitUsing_CompilesForBoth(LanguageVersion language)
    {
        // The file is a net8.0 document and a netstandard2.0 one, where Stream has no DisposeAsync.
        var source = Usings + """
            class C
            {
                async Task<int> M(HttpContent content)
                {
                    var stream = await content.ReadAsStreamAsync();
                    return stream.ReadByte();
                }
            }
            """;
        var targets = new[] { ReferenceSets.Net80, ReferenceSets.NetStandard20 };
        var (document, actions) = await LinkedDocumentFix.OffersAsync<UndisposedContentStreamAnalyzer, UndisposedContentStreamFixer>(source, language, targets);

        var fixedText = await LinkedDocumentFix.ApplyAsync(document, Assert.Single(actions));

        Assert.Contains(language == LanguageVersion.Latest ? "using var stream = await" : "using (var stream = await", fixedText, System.StringComparison.Ordinal);
        Assert.DoesNotContain("await using", fixedText, System.StringComparison.Ordinal);
        Assert.Empty(await LinkedDocumentFix.ErrorsAsync(fixedText, language, targets));
    }

    [Fact]
    public Task StreamOfTheReceiverOfAPublicExtension_NoDiagnostic() => VerifyAsync("""
        static class ResponseExtensions
        {
            public static async Task<string> ReadFirstLineAsync(this HttpResponseMessage response)
            {
                var stream = await response.Content.ReadAsStreamAsync();
                var reader = new StreamReader(stream);
                return await reader.ReadLineAsync();
            }
        }
        """);

    [Fact]
    public Task StreamOfAResponseThePublicMethodGetsItself_Diagnostic() => VerifyAsync("""
        static class ResponseExtensions
        {
            public static async Task<string> ReadFirstLineAsync(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                var reader = new StreamReader(stream);
                return await reader.ReadLineAsync();
            }
        }
        """);

    private const string BodyReader = """
        sealed class ApiResponse
        {
            public ApiResponse(object body) { Body = body; }
            public object Body { get; }
        }

        class C
        {
            public async Task<ApiResponse> Read(HttpClient http, string url, Func<object, object> preprocess, Func<Stream, long> measure)
            {
                var stream = STREAM;
                object body = USE(stream);
                return new ApiResponse(body);
            }
        }
        """;

    [Fact]
    public Task StreamHandedToADelegateThatMayHandItBack_NoDiagnostic() => VerifyAsync(BodyReader
        .Replace("STREAM", "await http.GetStreamAsync(url)", System.StringComparison.Ordinal)
        .Replace("USE", "preprocess", System.StringComparison.Ordinal));

    [Fact]
    public Task StreamHandedToADelegateThatReturnsSomethingElse_Diagnostic() => VerifyAsync(BodyReader
        .Replace("STREAM", "{|HCG004:await http.GetStreamAsync(url)|}", System.StringComparison.Ordinal)
        .Replace("USE", "measure", System.StringComparison.Ordinal));

    private const string ContentExtractor = """
        static class ContentExtractor
        {
            VISIBILITY static async Task<string> ExtractAsync(HttpContent content)
            {
                if (content == null)
                {
                    return null;
                }

                await content.LoadIntoBufferAsync().ConfigureAwait(false);
                var stream = READ;
                using (var reader = new StreamReader(stream, System.Text.Encoding.UTF8, true, 1024, true))
                {
                    var text = await reader.ReadToEndAsync().ConfigureAwait(false);
                    stream.Position = 0;
                    return text;
                }
            }

            public static Task<string> Describe(HttpResponseMessage response) => ExtractAsync(response.Content);
        }
        """;

    [Fact]
    public Task StreamOfAContentAPublicMethodWasGiven_NoDiagnostic() => VerifyAsync(ContentExtractor
        .Replace("VISIBILITY", "public", System.StringComparison.Ordinal)
        .Replace("READ", "await content.ReadAsStreamAsync().ConfigureAwait(false)", System.StringComparison.Ordinal));

    [Fact]
    public Task StreamOfAContentAPrivateMethodWasGivenByACallerThatDoesNotDispose_Diagnostic() => VerifyAsync(ContentExtractor
        .Replace("VISIBILITY", "private", System.StringComparison.Ordinal)
        .Replace("READ", "{|HCG004:await content.ReadAsStreamAsync().ConfigureAwait(false)|}", System.StringComparison.Ordinal));

    [Fact]
    public Task StreamOfAContentTheMethodMakesItself_Diagnostic() => VerifyAsync(ContentExtractor
        .Replace("VISIBILITY", "private", System.StringComparison.Ordinal)
        .Replace("READ", "{|HCG004:await (await new HttpClient().GetAsync(\"http://x\")).Content.ReadAsStreamAsync().ConfigureAwait(false)|}", System.StringComparison.Ordinal));

    // A pattern that only looks at the stream borrows it; the stream is still the member's to dispose.
    [Fact]
    public Task StreamTestedIsNotNull_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<long> M(HttpResponseMessage response)
            {
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return stream is not null ? stream.Length : 0;
            }
        }
        """, new TestOptions { MinimumLanguageVersion = LanguageVersion.CSharp9 });

    [Fact]
    public Task StreamTestedIsNotNullThenDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<long> M(HttpResponseMessage response)
            {
                var stream = await response.Content.ReadAsStreamAsync();
                if (stream is not null)
                {
                    var length = stream.Length;
                    stream.Dispose();
                    return length;
                }

                return 0;
            }
        }
        """, new TestOptions { MinimumLanguageVersion = LanguageVersion.CSharp9 });

    // A content of its own reading itself (gRPC's push content waits for its writer this way): no response, no connection.
    // A response's content read in the same class is still the member's to dispose.
    [Fact]
    public Task ContentReadingItself_NoDiagnostic_ResponseContentInTheSameClass_Diagnostic() => VerifyAsync("""
        using System.Net;

        sealed class PushContent : HttpContent
        {
            internal Task PushComplete => ReadAsStreamAsync();

            internal Task Again() => this.ReadAsStreamAsync();

            internal async Task<long> Peek(HttpClient client)
            {
                var response = await client.GetAsync("http://x");
                var stream = {|HCG004:await response.Content.ReadAsStreamAsync()|};
                return stream.Length;
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext context) => Task.CompletedTask;

            protected override bool TryComputeLength(out long length)
            {
                length = -1;
                return false;
            }
        }
        """);

    // A feed client's callback: the response is the delegate's invoker's, which disposes it (and the stream with it) when the
    // callback returns. A response the lambda gets for itself is still its own.
    private const string CallbackSource = """
        sealed class FeedSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<T> ProcessResponseAsync<T>(string url, Func<HttpResponseMessage, Task<T>> processAsync)
            {
                using (var response = await _client.GetAsync(url))
                {
                    return await processAsync(response);
                }
            }

            public Task<long> LengthAsync(string url) => ProcessResponseAsync(url, async response =>
            {
                response.EnsureSuccessStatusCode();
                var networkStream = {0};
                return networkStream.Length;
            });
        }
        """;

    [Fact]
    public Task StreamOfTheResponseACallbackIsGiven_NoDiagnostic() =>
        VerifyAsync(CallbackSource.Replace("{0}", "await response.Content.ReadAsStreamAsync()"));

    [Fact]
    public Task StreamOfAResponseTheCallbackGetsItself_Diagnostic() =>
        VerifyAsync(CallbackSource.Replace("{0}", "{|HCG004:await (await _client.GetAsync(url)).Content.ReadAsStreamAsync()|}"));

    // {0}: whose content the logging helper reads.
    private const string BodyLogger = """
        static class BodyReader
        {
            public static async Task<string> LogAsync(HttpClient client, HttpRequestMessage request)
            {
                {0}
                var buffer = new byte[Math.Min(1024, (int)stream.Length)];
                var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                return read.ToString();
            }
        }
        """;

    [Fact]
    public Task OutgoingRequestsOwnContentStream_NoDiagnostic() =>
        VerifyAsync(BodyLogger.Replace("{0}", "var stream = await request.Content.ReadAsStreamAsync();"));

    [Fact]
    public Task ResponseContentStreamInTheSameHelper_Diagnostic() =>
        VerifyAsync(BodyLogger.Replace("{0}", "var stream = {|HCG004:await (await client.SendAsync(request)).Content.ReadAsStreamAsync()|};"));

    // A Web API controller's 'HttpContent content = Request.Content;': the incoming request's body, kept in a local first.
    [Fact]
    public Task RequestContentKeptInALocalFirst_NoDiagnostic() =>
        VerifyAsync(BodyLogger.Replace("{0}", "HttpContent content = request.Content;\n        var stream = await content.ReadAsStreamAsync();"));

    // System.Web.Http missing (folder mode): ApiController's 'Request' does not bind, and is known by name.
    [Fact]
    public Task UnboundControllerRequestContentKeptInALocalFirst_NoDiagnostic() => VerifyAsync("""
        class JobsController : System.Web.Http.ApiController
        {
            public async Task<int> Upload()
            {
                HttpContent content = Request.Content;
                Stream fileStream = await content.ReadAsStreamAsync();
                return fileStream.ReadByte();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task UnboundResponseContentKeptInALocalFirst_Diagnostic() => VerifyAsync("""
        class JobsController : System.Web.Http.ApiController
        {
            public async Task<int> Upload(HttpClient client)
            {
                HttpContent content = Response.Content;
                Stream fileStream = {|HCG004:await content.ReadAsStreamAsync()|};
                return fileStream.ReadByte();
            }
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ResponseContentKeptInALocalFirst_Diagnostic() =>
        VerifyAsync(BodyLogger.Replace("{0}", "HttpContent content = (await client.SendAsync(request)).Content;\n        var stream = {|HCG004:await content.ReadAsStreamAsync()|};"));

    [Fact]
    public Task RequestContentLocalAssignedAResponsesContentLater_Diagnostic() =>
        VerifyAsync(BodyLogger.Replace("{0}", "HttpContent content = request.Content;\n        content = (await client.SendAsync(request)).Content;\n        var stream = {|HCG004:await content.ReadAsStreamAsync()|};"));

    // A stream stored into a by-value parameter is the function's own variable from the store on (see HCG003's parameter tests).
    [Fact]
    public Task StreamStoredIntoParameterAndOnlyRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client, Stream body)
            {
                if (body == null)
                {
                    body = {|HCG004:await client.GetStreamAsync("http://x")|};
                }

                return body.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamStoredIntoParameterAndReturned_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<Stream> M(HttpClient client, Stream body)
            {
                if (body == null)
                {
                    body = await client.GetStreamAsync("http://x");
                }

                return body;
            }
        }
        """);

    [Fact]
    public Task StreamStoredIntoParameter_NoFixOffered()
    {
        const string source = """
            class C
            {
                async Task<int> M(HttpClient client, Stream body)
                {
                    body = {|HCG004:await client.GetStreamAsync("http://x")|};
                    return body.ReadByte();
                }
            }
            """;
        return VerifyFixAsync(source, source, TestOptions.Default);
    }

    // A stream matched and named by a pattern is followed in the pattern's local.
    [Fact]
    public Task StreamNamedByPatternAndRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                if ({|HCG004:await client.GetStreamAsync("http://x")|} is Stream stream)
                {
                    return stream.ReadByte();
                }

                return -1;
            }
        }
        """);

    [Fact]
    public Task StreamNamedByPatternAndDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                if (await client.GetStreamAsync("http://x") is Stream stream)
                {
                    using (stream)
                    {
                        return stream.ReadByte();
                    }
                }

                return -1;
            }
        }
        """);

    // An SDK's stream readers: ReadString disposes the stream it reads, ReadObject leaves it open. {0}: how the task is read.
    private const string StreamTaskReaders = """
        static class StreamReading
        {
            public static string ReadString(this Stream stream)
            {
                using (var reader = new StreamReader(stream))
                {
                    return reader.ReadToEnd();
                }
            }

            public static T ReadObject<T>(this Stream stream) where T : class => stream.ReadByte() > 0 ? default(T) : null;
        }

        class Manager
        {
            T Get<T>(HttpClient client, string url, bool isString) where T : class
            {
                var response = client.GetStreamAsync(url);
                response.Wait();
                {0}
            }
        }
        """;

    [Fact]
    public Task StreamTaskDisposedByTheReaderOfOneBranchDroppedByTheOther_Diagnostic() => VerifyAsync(StreamTaskReaders.Replace(
        "{0}", "return isString ? response.Result.ReadString() as T : response.Result.ReadObject<T>();").Replace(
        "var response = client.GetStreamAsync(url);", "var response = {|HCG004:client.GetStreamAsync(url)|};"));

    [Fact]
    public Task StreamTaskKeptAndReadInALaterStatement_Diagnostic() => VerifyAsync("""
        class Manager
        {
            int Waited(HttpClient client, string url)
            {
                var response = {|HCG004:client.GetStreamAsync(url)|};
                response.Wait();
                return response.Result.ReadByte();
            }

            int Kept(HttpClient client, string url)
            {
                var response = {|HCG004:client.GetStreamAsync(url)|};
                var stream = response.Result;
                return stream.ReadByte();
            }
        }
        """);

    [Fact]
    public Task StreamTaskDisposedByTheReaderOfEveryBranch_NoDiagnostic() => VerifyAsync(StreamTaskReaders.Replace("{0}", """
        var result = isString ? response.Result.ReadString() as T : response.Result.ReadObject<T>();
                response.Result.Dispose();
                return result;
        """) + StreamTaskReaders.Substring(StreamTaskReaders.IndexOf("class Manager", System.StringComparison.Ordinal)).Replace("class Manager", "class Other").Replace("{0}", """
        return isString ? response.Result.ReadString() as T : response.Result.ReadString() as T;
        """));
}
