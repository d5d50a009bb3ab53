using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class OwnedResponseStreamTests
{
    private static readonly TimeSpan s_followUpBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StreamReturnedAfterUsingResponseEnded_ReadsTheWholeBody()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var client = pool.CreateClient(server.BaseAddress);

        await using var stream = await OpenLargeAsync(client);
        var body = new MemoryStream();
        await stream.CopyToAsync(body);

        Assert.Equal(LoopbackServer.LargeBodyLength, body.Length);
        var bytes = body.GetBuffer();
        for (var i = 0; i < body.Length; i++)
        {
            Assert.True(bytes[i] == (byte)(i % 4096), $"byte {i} differs");
        }
    }

    [Fact]
    public async Task ContentHeaders_StayReadableOnTheResponse()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var client = pool.CreateClient(server.BaseAddress);
        using var response = await client.GetAsync("large", HttpCompletionOption.ResponseHeadersRead);

        await using var stream = await response.ReadAsOwnedStreamAsync();

        Assert.Equal(LoopbackServer.LargeBodyLength, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DisposingTheStream_ReturnsTheConnection_FollowUpOnSingleConnectionPoolDoesNotHang(bool disposeAsync)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var client = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 1 }, server.BaseAddress);

        var stream = await OpenLargeAsync(client);
        Assert.Equal(256, await stream.ReadAsync(new byte[256]));
        if (disposeAsync)
        {
            await stream.DisposeAsync();
        }
        else
        {
            stream.Dispose();
        }

        using var bounded = new CancellationTokenSource(s_followUpBound);
        Assert.Equal("ok", await client.GetStringAsync(string.Empty, bounded.Token));
    }

    [Fact]
    public async Task StreamNotDisposed_FollowUpOnSingleConnectionPoolWaits()
    {
        // The control for the test above: it shows a follow-up really is stuck while the stream holds the connection.
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var client = pool.CreateClient(new PooledHandlerOptions { MaxConnectionsPerServer = 1 }, server.BaseAddress);

        await using var stream = await OpenLargeAsync(client);
        Assert.Equal(256, await stream.ReadAsync(new byte[256]));

        using var bounded = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStringAsync(string.Empty, bounded.Token));
    }

    [Fact]
    public async Task ReadingFails_ResponseIsDisposed()
    {
        using var response = new HttpResponseMessage { Content = new ThrowingContent() };

        await Assert.ThrowsAsync<IOException>(() => response.ReadAsOwnedStreamAsync());

        Assert.True(((ThrowingContent)response.Content).Disposed);
    }

    // The shape HCG006's fix produces: the using ends when the method returns, the stream still owns the connection.
    private static async Task<Stream> OpenLargeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("large", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return await response.ReadAsOwnedStreamAsync();
    }

    private sealed class ThrowingContent : HttpContent
    {
        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new IOException("broken");

        protected override Task<Stream> CreateContentReadStreamAsync() => throw new IOException("broken");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
