using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using SendGrid;
using SendGrid.Helpers.Mail;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public sealed class SendGridTests(ITestOutputHelper output)
{
    private const string FakeApiKey = "SG.fake-key-for-tests";

    [Fact]
    public async Task NewSendGridClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => SendAsync(new SendGridClient(FakeApiKey, host: server.Origin)));

        output.Report("new SendGridClient(apiKey, host) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewSendGridClientWithOptionsPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => SendAsync(new SendGridClient(new SendGridClientOptions { ApiKey = FakeApiKey, Host = server.Origin })));

        output.Report("new SendGridClient(options) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedSendGridClient_ReusesItsConnection()
    {
        await using var server = await StartAsync();
        var client = new SendGridClient(FakeApiKey, host: server.Origin);

        await ConnectionShape.RunCallsAsync(_ => SendAsync(client));

        output.Report("one SendGridClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewSendGridClientOverSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        using var shared = new HttpClient();

        await ConnectionShape.RunCallsAsync(_ => SendAsync(new SendGridClient(shared, FakeApiKey, host: server.Origin)));

        output.Report("new SendGridClient(sharedHttpClient, apiKey, host) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static Task<CountingServer> StartAsync() =>
        CountingServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });

    private static async Task SendAsync(SendGridClient client)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress("from@example.invalid"), new EmailAddress("to@example.invalid"), "subject", "text", "<p>html</p>");
        var response = await client.SendEmailAsync(message);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
