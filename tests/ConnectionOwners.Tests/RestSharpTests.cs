using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using RestSharp;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public sealed class RestSharpTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NewRestClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new RestClient(server.Origin);
            await GetAsync(client);
        });

        output.Report("new RestClient(url) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewRestClientWithOptionsPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new RestClient(new RestClientOptions(server.BaseAddress));
            await GetAsync(client);
        });

        output.Report("new RestClient(options) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedRestClient_ReusesItsConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var client = new RestClient(server.Origin);

        await ConnectionShape.RunCallsAsync(_ => GetAsync(client));

        output.Report("one RestClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewRestClientOverSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var shared = new HttpClient { BaseAddress = server.BaseAddress };

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new RestClient(shared, disposeHttpClient: false);
            await GetAsync(client);
        });

        output.Report("new RestClient(sharedHttpClient) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewRestClientOverSharedHandlerPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");
        using var shared = new SocketsHttpHandler();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new RestClient(shared, disposeHandler: false, options => options.BaseUrl = server.BaseAddress);
            await GetAsync(client);
        });

        output.Report("new RestClient(sharedHandler, disposeHandler: false) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewRestClientWithClientFactoryPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync("""{"ok":true}""");

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            // RestSharp caches one HttpClient per base URL when asked to.
            using var client = new RestClient(new RestClientOptions(server.BaseAddress), useClientFactory: true);
            await GetAsync(client);
        });

        output.Report("new RestClient(options, useClientFactory: true) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static async Task GetAsync(RestClient client)
    {
        var response = await client.ExecuteGetAsync(new RestRequest("ping"));
        Assert.True(response.IsSuccessful, response.ErrorMessage ?? response.StatusCode.ToString());
    }
}
