using System.Net;
using System.Threading.Tasks;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class CookieTests
{
    [Fact]
    public async Task DefaultOptions_CookieSetByServer_IsNotSentBack()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var client = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
        using var otherCaller = pool.CreateClient(server.BaseAddress);

        Assert.Equal("set", await client.GetStringAsync("set-cookie"));

        Assert.Equal(string.Empty, await client.GetStringAsync("cookie"));
        Assert.Equal(string.Empty, await otherCaller.GetStringAsync("cookie"));
    }

    [Fact]
    public async Task CallerSuppliedContainers_CookiesStayWithTheirOwnContainer()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        var mine = new CookieContainer();
        var theirs = new CookieContainer();
        using var myClient = pool.CreateClient(new PooledHandlerOptions { UseCookies = true, CookieContainer = mine }, server.BaseAddress);
        using var theirClient = pool.CreateClient(new PooledHandlerOptions { UseCookies = true, CookieContainer = theirs }, server.BaseAddress);

        await myClient.GetStringAsync("set-cookie");

        Assert.Equal("session=secret-session", await myClient.GetStringAsync("cookie"));
        Assert.Equal(string.Empty, await theirClient.GetStringAsync("cookie"));
        Assert.Single(mine.GetCookies(server.BaseAddress));
        Assert.Empty(theirs.GetCookies(server.BaseAddress));
    }

    [Fact]
    public async Task UseCookiesWithoutContainer_FreshOptionsPerCall_NeverSeeEachOthersCookies()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var pool = TestPools.Create();
        using var first = pool.CreateClient(new PooledHandlerOptions { UseCookies = true }, server.BaseAddress);
        await first.GetStringAsync("set-cookie");

        using var second = pool.CreateClient(new PooledHandlerOptions { UseCookies = true }, server.BaseAddress);

        Assert.Equal(string.Empty, await second.GetStringAsync("cookie"));
        Assert.Equal("session=secret-session", await first.GetStringAsync("cookie"));
    }
}
