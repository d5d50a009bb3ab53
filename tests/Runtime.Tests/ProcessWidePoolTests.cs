using System;
using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

[Collection(ProcessWidePoolCollection.Name)]
public sealed class ProcessWidePoolTests
{
    [Fact]
    public void CreateClient_EachCallReturnsANewClientWhoseSettingsStayPrivate()
    {
        using var first = HttpClientPool.CreateClient(new Uri("http://127.0.0.1:1/"));
        using var second = HttpClientPool.CreateClient();

        first.Timeout = TimeSpan.FromSeconds(3);
        first.DefaultRequestHeaders.Add("X-Caller", "first");

        Assert.NotSame(first, second);
        Assert.Null(second.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(100), second.Timeout);
        Assert.False(second.DefaultRequestHeaders.Contains("X-Caller"));
    }

    [Fact]
    public async Task DisposingAClient_LeavesThePooledHandlerWorkingForOthers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var disposed = HttpClientPool.CreateClient(server.BaseAddress);
        Assert.Equal("ok", await disposed.GetStringAsync(string.Empty));
        disposed.Dispose();

        using var other = HttpClientPool.CreateClient(server.BaseAddress);

        Assert.Equal("ok", await other.GetStringAsync(string.Empty));
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task SynchronousSend_GoesThroughThePool()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = HttpClientPool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Empty);

        using var response = await Task.Run(() => client.Send(request));

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void GetFingerprint_EqualOptions_Equal()
        => Assert.Equal(
            HttpClientPool.GetFingerprint(new PooledHandlerOptions { MaxConnectionsPerServer = 4 }),
            HttpClientPool.GetFingerprint(new PooledHandlerOptions { MaxConnectionsPerServer = 4 }));
}
