using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Refit;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public interface IPingApi
{
    [Get("/ping")]
    Task<string> PingAsync();
}

public sealed class RefitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RestServiceForUrlPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var api = RestService.For<IPingApi>(server.Origin);
            Assert.Contains("ok", await api.PingAsync());
        });

        output.Report("RestService.For<T>(url) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task RestServiceForGeneratedUrlPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var api = RestService.ForGenerated<IPingApi>(server.Origin);
            Assert.Contains("ok", await api.PingAsync());
        });

        output.Report("RestService.ForGenerated<T>(url) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedRefitClient_ReusesItsConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        var api = RestService.For<IPingApi>(server.Origin);

        await ConnectionShape.RunCallsAsync(async _ => Assert.Contains("ok", await api.PingAsync()));

        output.Report("one RestService.For<T>(url)", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task RestServiceForSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var shared = new HttpClient { BaseAddress = server.BaseAddress };

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var api = RestService.For<IPingApi>(shared);
            Assert.Contains("ok", await api.PingAsync());
        });

        output.Report("RestService.For<T>(sharedHttpClient) per call", server);
        ConnectionShape.AssertShared(server);
    }
}
