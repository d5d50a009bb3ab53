using System;
using System.Net.Http;
using System.Threading.Tasks;
using Flurl.Http;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public sealed class FlurlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NewFlurlClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new FlurlClient(server.Origin);
            Assert.Contains("ok", await client.Request("ping").GetStringAsync());
        });

        output.Report("new FlurlClient(url) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedFlurlClient_ReusesItsConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var client = new FlurlClient(server.Origin);

        await ConnectionShape.RunCallsAsync(async _ => Assert.Contains("ok", await client.Request("ping").GetStringAsync()));

        output.Report("one FlurlClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewFlurlClientOverHttpClientOnSharedHandlerPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var shared = new SocketsHttpHandler();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            // FlurlClient sets HttpClient.Timeout, so it needs an HttpClient that has not sent anything yet (see below):
            // a new one per call, over the shared handler.
            using var client = new FlurlClient(new HttpClient(shared, disposeHandler: false), server.Origin);
            Assert.Contains("ok", await client.Request("ping").GetStringAsync());
        });

        output.Report("new FlurlClient(new HttpClient(sharedHandler, false), url) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewFlurlClientOverOneSharedHttpClientPerCall_ThrowsOnceTheHttpClientHasSent()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var shared = new HttpClient();
        var first = new FlurlClient(shared, server.Origin);
        Assert.Contains("ok", await first.Request("ping").GetStringAsync());

        // The constructor writes HttpClient.Timeout: "wrap one shared HttpClient per call" is not a shape that works.
        Assert.Throws<InvalidOperationException>(() => new FlurlClient(shared, server.Origin));
        Assert.Throws<InvalidOperationException>(() => new FlurlClient(shared));
    }

    [Fact]
    public async Task ClientlessUrlCallsPerCall_ReuseOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        // "url".GetStringAsync() goes through Flurl's process-wide client cache (FlurlHttp.Clients), one client per host.
        await ConnectionShape.RunCallsAsync(async _ => Assert.Contains("ok", await (server.Origin + "/ping").GetStringAsync()));

        output.Report("\"url\".GetStringAsync() per call", server);
        ConnectionShape.AssertShared(server);
    }
}
