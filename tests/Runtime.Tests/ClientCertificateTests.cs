using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class ClientCertificateTests
{
    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task TwoClientCertificates_InterleavedConcurrently_EachRequestArrivesWithItsOwn(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create(flavor);

        var mismatches = await Task.WhenAll(Enumerable.Range(0, 6).Select(task => Task.Run(async () =>
        {
            var wrong = 0;
            for (var i = 0; i < 16; i++)
            {
                var certificate = (i + task) % 2 == 0 ? TestCertificates.ClientA : TestCertificates.ClientB;
                using var client = pool.CreateClient(OptionsWith(certificate), server.BaseAddress);
                if (await client.GetStringAsync("client-certificate") != certificate.Thumbprint)
                {
                    wrong++;
                }
            }

            return wrong;
        })));

        Assert.All(mismatches, count => Assert.Equal(0, count));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    internal async Task CallerDisposesItsCertificate_PooledHandlerStillAuthenticates()
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create();
        var callerCopy = TestCertificates.PrivateCopy(TestCertificates.ClientA);
        var options = OptionsWith(callerCopy);
        using var first = pool.CreateClient(options, server.BaseAddress);
        callerCopy.Dispose();

        using var second = pool.CreateClient(OptionsWith(TestCertificates.ClientA), server.BaseAddress);
        Assert.Equal(TestCertificates.ClientA.Thumbprint, await second.GetStringAsync("client-certificate"));
        Assert.Equal(1, pool.HandlersCreated);
    }

    private static PooledHandlerOptions OptionsWith(X509Certificate2 clientCertificate)
    {
        var options = new PooledHandlerOptions();
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        options.ClientCertificates.Add(clientCertificate);
        return options;
    }
}
