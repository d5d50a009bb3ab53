using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.StreamOutlivesResponse;

[Trait("Rule", "HCG006")]
public sealed class HCG006StreamOutlivesResponseTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string body, TestOptions? options = null) =>
        Verify<StreamOutlivesResponseAnalyzer>.DiagnosticsAsync(Usings + body, options);

    [Fact]
    public Task UsingVarResponseStreamReturned_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                return await {|HCG006:response.Content.ReadAsStreamAsync()|};
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task UsingStatementResponseStreamReturned_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await {|HCG006:response.Content.ReadAsStreamAsync()|};
                }
            }
        }
        """);

    [Fact]
    public Task TaskOfStreamReturnedFromSyncMethod_Diagnostic() => VerifyAsync("""
        class C
        {
            Task<Stream> M(HttpClient client)
            {
                using (var response = client.GetAsync("http://x").Result)
                {
                    return {|HCG006:response.Content.ReadAsStreamAsync()|};
                }
            }
        }
        """);

    // One callback per member: reads in accessors and indexers are found, each reported once.
    [Fact]
    public Task ReadsInAccessorsAndIndexers_ReportedOnce() => VerifyAsync("""
        class C
        {
            private HttpClient Client { get; } = new HttpClient();

            public Stream Body
            {
                get
                {
                    using (var response = Client.GetAsync("http://x").Result)
                    {
                        return {|HCG006:response.Content.ReadAsStreamAsync()|}.Result;
                    }
                }
            }

            public Stream this[string url]
            {
                get
                {
                    using (var response = Client.GetAsync(url).Result)
                    {
                        return {|HCG006:response.Content.ReadAsStreamAsync()|}.Result;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ReadsInAccessorsIndexersAndLocalFunctionsConsumedInside_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private HttpClient Client { get; } = new HttpClient();

            public int First
            {
                get
                {
                    using (var response = Client.GetAsync("http://x").Result)
                    {
                        return response.Content.ReadAsStreamAsync().Result.ReadByte();
                    }
                }
            }

            async Task<int> M(HttpClient client)
            {
                return await Read();

                async Task<int> Read()
                {
                    using (var response = await client.GetAsync("http://x"))
                    {
                        return (await response.Content.ReadAsStreamAsync()).ReadByte();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task StreamStoredInFieldThroughLocal_Diagnostic() => VerifyAsync("""
        class C
        {
            private Stream _body;

            async Task M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var stream = await {|HCG006:response.Content.ReadAsStreamAsync()|};
                    _body = stream;
                }
            }
        }
        """);

    [Fact]
    public Task StreamStoredInFieldTheMemberNeverDisposes_Diagnostic() => VerifyAsync("""
        class C
        {
            private Stream _stream;
            private Stream _other;

            async Task Connect(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead))
                {
                    _stream = await {|HCG006:response.Content.ReadAsStreamAsync()|};
                    try
                    {
                        await _stream.ReadAsync(new byte[16], 0, 16);
                    }
                    finally
                    {
                        _other.Dispose();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task StreamStoredInFieldTheMemberDisposes_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private Stream _ongoingStream;
            private static Stream s_stream;

            async Task Connect(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead))
                {
                    if (!response.IsSuccessStatusCode) return;
                    try
                    {
                        _ongoingStream = await response.Content.ReadAsStreamAsync();
                        await _ongoingStream.ReadAsync(new byte[16], 0, 16);
                    }
                    finally
                    {
                        _ongoingStream.Dispose();
                    }
                }
            }

            async Task Static(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead))
                {
                    s_stream = await response.Content.ReadAsStreamAsync();
                    await s_stream.ReadAsync(new byte[16], 0, 16);
                    s_stream.Close();
                }
            }
        }
        """);

    [Fact]
    public Task DisposedInFinally_StreamToOutParameter_Diagnostic() => VerifyAsync("""
        class C
        {
            bool M(HttpClient client, out Stream body)
            {
                var response = client.GetAsync("http://x").Result;
                try
                {
                    body = {|HCG006:response.Content.ReadAsStreamAsync()|}.Result;
                    return true;
                }
                finally
                {
                    response.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task SyncReadAsStreamReturned_Diagnostic() => VerifyAsync("""
        class C
        {
            Stream M(HttpClient client, HttpRequestMessage request)
            {
                using (var response = client.Send(request))
                {
                    return {|HCG006:response.Content.ReadAsStream()|};
                }
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    [Fact]
    public Task StreamConsumedInsideUsing_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                using (var stream = await response.Content.ReadAsStreamAsync())
                using (var reader = new StreamReader(stream))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task StreamCopiedBeforeDisposal_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var copy = new MemoryStream();
                    await response.Content.CopyToAsync(copy);
                    copy.Position = 0;
                    return copy;
                }
            }
        }
        """);

    [Fact]
    public Task ResponseNotDisposedHere_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<Stream> Owned(HttpClient client)
            {
                var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.ReadAsStreamAsync();
            }

            Task<Stream> FromParameter(HttpResponseMessage response) => response.Content.ReadAsStreamAsync();

            Task<Stream> Direct(HttpClient client) => client.GetStreamAsync("http://x");
        }
        """);

    [Fact]
    public Task StreamReturnedFromLambdaOnly_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<long> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    Func<Task<Stream>> open = () => response.Content.ReadAsStreamAsync();
                    using (var stream = await open())
                    {
                        return stream.Length;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HalfTypedCode_OnlyCompilerErrors() => VerifyAsync("""
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using (var response = await client.GetAsync({|CS0103:url|}))
                {
                    return await response.Contnet.ReadAsStreamAsync();
                }
            }

            Stream N(HttpResponseMessage response)
            {
                return response.Content.ReadAsStreamAsync({|CS1026:|}{|CS1002:|}
            }
        }
        """);
    /// <summary>
    /// The runtime's signature, declared in source: the fixer keys on the type by its metadata name,
    /// so these tests run without the runtime assembly (the WithRuntime tests use the real one).
    /// </summary>
    private const string RuntimeStub = """
        namespace HttpClientGuard
        {
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public static class HttpResponseMessageExtensions
            {
                public static Task<Stream> ReadAsOwnedStreamAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default(CancellationToken)) =>
                    response.Content.ReadAsStreamAsync();
            }
        }
        """;

    private static Task VerifyFixWithStubAsync(string source, string fixedSource, TestOptions? options = null) =>
        Verify<StreamOutlivesResponseAnalyzer>.FixAsync<StreamOutlivesResponseFixer>(
            new[] { source, RuntimeStub },
            new[] { fixedSource, RuntimeStub },
            options);

    [Fact]
    public Task UsingStatementRead_FixUsesOwnedStreamAndAddsImport() => VerifyFixWithStubAsync(
        Usings + """
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead))
                {
                    response.EnsureSuccessStatusCode();
                    return await {|HCG006:response.Content.ReadAsStreamAsync()|};
                }
            }
        }
        """,
        """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;
        class C
        {
            async Task<Stream> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead))
                {
                    response.EnsureSuccessStatusCode();
                    return await response.ReadAsOwnedStreamAsync();
                }
            }
        }
        """);

    [Fact]
    public Task ContentLocalWithTokenAndConfigureAwait_FixAll() => VerifyFixWithStubAsync(
        Usings + """
        using System.Threading;
        using HttpClientGuard;

        class C
        {
            private Stream _body;

            async Task<Stream> Open(HttpClient client, CancellationToken cancellationToken)
            {
                using var response = await client.GetAsync("http://x", cancellationToken);
                var content = response.Content;
                return await {|HCG006:content.ReadAsStreamAsync(cancellationToken)|}.ConfigureAwait(false);
            }

            async Task Keep(HttpClient client)
            {
                using var reply = await client.GetAsync("http://y");
                _body = await {|HCG006:reply.Content.ReadAsStreamAsync()|};
            }
        }
        """,
        Usings + """
        using System.Threading;
        using HttpClientGuard;

        class C
        {
            private Stream _body;

            async Task<Stream> Open(HttpClient client, CancellationToken cancellationToken)
            {
                using var response = await client.GetAsync("http://x", cancellationToken);
                var content = response.Content;
                return await response.ReadAsOwnedStreamAsync(cancellationToken).ConfigureAwait(false);
            }

            async Task Keep(HttpClient client)
            {
                using var reply = await client.GetAsync("http://y");
                _body = await reply.ReadAsOwnedStreamAsync();
            }
        }
        """,
        new TestOptions { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, Targets = Targets.Net80 });

    [Fact]
    public Task WithoutRuntime_NoFixOffered()
    {
        var source = Usings + """
            class C
            {
                async Task<Stream> M(HttpClient client)
                {
                    using (var response = await client.GetAsync("http://x"))
                    {
                        return await {|HCG006:response.Content.ReadAsStreamAsync()|};
                    }
                }
            }
            """;
        return Verify<StreamOutlivesResponseAnalyzer>.FixAsync<StreamOutlivesResponseFixer>(source, source);
    }

    [Fact]
    public Task SyncReadAsStream_NoFixOffered()
    {
        var source = Usings + """
            class C
            {
                Stream M(HttpClient client, HttpRequestMessage request)
                {
                    using (var response = client.Send(request))
                    {
                        return {|HCG006:response.Content.ReadAsStream()|};
                    }
                }
            }
            """;
        return Verify<StreamOutlivesResponseAnalyzer>.FixAsync<StreamOutlivesResponseFixer>(new[] { source, RuntimeStub }, new[] { source, RuntimeStub }, new TestOptions { Targets = Targets.Net80 });
    }
    [Fact]
    public Task UsingVarRead_WithRuntime_FixUsesOwnedStream() =>
        Verify<StreamOutlivesResponseAnalyzer>.FixAsync<StreamOutlivesResponseFixer>(
            Usings + """
            using System.Threading;
            class C
            {
                async Task<Stream> M(HttpClient client, CancellationToken cancellationToken)
                {
                    using var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return await {|HCG006:response.Content.ReadAsStreamAsync()|};
                }
            }
            """,
            """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using System.Threading;
            using HttpClientGuard;
            class C
            {
                async Task<Stream> M(HttpClient client, CancellationToken cancellationToken)
                {
                    using var response = await client.GetAsync("http://x", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return await response.ReadAsOwnedStreamAsync();
                }
            }
            """,
            TestOptions.LatestOnly with { WithRuntime = true });

    private const string ForAwaitExtension = """
        static class TaskExtensions
        {
            public static System.Runtime.CompilerServices.ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T> task) => task.ConfigureAwait(false);
        }

        """;

    [Fact]
    public Task StreamReturnedThroughAConfigureAwaitWrapperAfterItsResponseIsDisposed_Diagnostic() => VerifyAsync(ForAwaitExtension + """
        class C
        {
            async Task<Stream> Open(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return await {|HCG006:response.Content.ReadAsStreamAsync()|}.ForAwait();
                }
            }
        }
        """);

    [Fact]
    public Task StreamReadThroughAConfigureAwaitWrapperInsideTheResponsesUsing_NoDiagnostic() => VerifyAsync(ForAwaitExtension + """
        class C
        {
            async Task<long> Length(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var stream = await response.Content.ReadAsStreamAsync().ForAwait();
                    return stream.Length;
                }
            }
        }
        """);
}
