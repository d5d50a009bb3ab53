using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Stripe;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public sealed class StripeTests(ITestOutputHelper output)
{
    private const string FakeApiKey = "sk_test_fake";
    private const string Customer = """{"id":"cus_1","object":"customer"}""";

    [Fact]
    public async Task NewStripeClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(Customer);

        await ConnectionShape.RunCallsAsync(_ => GetCustomerAsync(new StripeClient(FakeApiKey, apiBase: server.Origin)));

        output.Report("new StripeClient(apiKey, apiBase) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewStripeClientOverNewSystemNetHttpClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync(Customer);

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var httpClient = new HttpClient();
            await GetCustomerAsync(new StripeClient(FakeApiKey, httpClient: new SystemNetHttpClient(httpClient), apiBase: server.Origin));
        });

        output.Report("new StripeClient(apiKey, httpClient: new SystemNetHttpClient(new HttpClient())) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    private static async Task GetCustomerAsync(StripeClient client) =>
        Assert.Equal("cus_1", (await client.V1.Customers.GetAsync("cus_1")).Id);
}
