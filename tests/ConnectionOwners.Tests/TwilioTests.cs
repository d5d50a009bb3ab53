using System.Net;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Twilio.Clients;
using Twilio.Http;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// Twilio's resource classes build their URLs from its own domains, so the tests send the client's
/// <see cref="TwilioRestClient.RequestAsync"/> an explicit local URL: the same client and transport the resources use.
/// </remarks>
public sealed class TwilioTests(ITestOutputHelper output)
{
    private const string FakeAccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string FakeAuthToken = "fake-auth-token";
    private const string Account = """{"sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","status":"active"}""";

    [Fact]
    public async Task NewTwilioRestClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync(Account);

        await ConnectionShape.RunCallsAsync(_ => FetchAsync(new TwilioRestClient(FakeAccountSid, FakeAuthToken), server));

        output.Report("new TwilioRestClient(sid, token) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedTwilioRestClient_ReusesItsConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(Account);
        var client = new TwilioRestClient(FakeAccountSid, FakeAuthToken);

        await ConnectionShape.RunCallsAsync(_ => FetchAsync(client, server));

        output.Report("one TwilioRestClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewTwilioRestClientOverSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(Account);
        using var shared = new System.Net.Http.HttpClient();

        await ConnectionShape.RunCallsAsync(_ =>
            FetchAsync(new TwilioRestClient(FakeAccountSid, FakeAuthToken, httpClient: new SystemNetHttpClient(shared)), server));

        output.Report("new TwilioRestClient(sid, token, httpClient: new SystemNetHttpClient(sharedHttpClient)) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static async Task FetchAsync(TwilioRestClient client, CountingServer server)
    {
        var response = await client.RequestAsync(new Request(HttpMethod.Get, server.Origin + "/2010-04-01/Accounts/" + FakeAccountSid + ".json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
