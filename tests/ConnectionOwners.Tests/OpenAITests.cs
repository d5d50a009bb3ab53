using System.ClientModel;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using OpenAI;
using OpenAI.Models;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>System.ClientModel-based clients send through one process-wide transport unless their options name another.</remarks>
public sealed class OpenAITests(ITestOutputHelper output)
{
    private const string Model = """{"id":"test-model","object":"model","created":0,"owned_by":"tests"}""";

    [Fact]
    public async Task NewOpenAIModelClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(Model);

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var client = new OpenAIModelClient(new ApiKeyCredential("sk-fake"), new OpenAIClientOptions { Endpoint = server.BaseAddress });
            Assert.Equal("test-model", (await client.GetModelAsync("test-model")).Value.Id);
        });

        output.Report("new OpenAIModelClient(credential, options) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewOpenAIClientPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(Model);

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var client = new OpenAIClient(new ApiKeyCredential("sk-fake"), new OpenAIClientOptions { Endpoint = server.BaseAddress });
            Assert.Equal("test-model", (await client.GetOpenAIModelClient().GetModelAsync("test-model")).Value.Id);
        });

        output.Report("new OpenAIClient(credential, options) per call", server);
        ConnectionShape.AssertShared(server);
    }
}
