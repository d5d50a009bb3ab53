using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class ConnectionReuseTests
{
    private const int Calls = 30;

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task FreshEqualOptionsPerCall_ReachServerOverOneConnection(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create(flavor);

        for (var i = 0; i < Calls; i++)
        {
            // What per-call code looks like: new options, certificates loaded again every call.
            var options = new PooledHandlerOptions();
            options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
            options.ClientCertificates.Add(TestCertificates.PrivateCopy(TestCertificates.ClientA));
            using var client = pool.CreateClient(options, server.BaseAddress);

            Assert.Equal(TestCertificates.ClientA.Thumbprint, await client.GetStringAsync("client-certificate"));
        }

        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, pool.HandlersCreated);
    }

    [Fact]
    public async Task PerCallHttpClientBaseline_OpensOneConnectionPerCall()
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);

        for (var i = 0; i < Calls; i++)
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
            using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
            Assert.Equal("ok", await client.GetStringAsync(string.Empty));
        }

        Assert.Equal(Calls, server.ConnectionCount);
    }
}
