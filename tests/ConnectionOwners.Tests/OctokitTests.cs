using System;
using System.Net.Http;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Octokit;
using Octokit.Internal;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

public sealed class OctokitTests(ITestOutputHelper output)
{
    private const string User = """{"login":"octocat","id":1}""";
    private static readonly ProductHeaderValue s_product = new("HttpClientGuard-Tests");

    [Fact]
    public async Task NewGitHubClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync(User);

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var client = new GitHubClient(s_product, server.BaseAddress);
            Assert.Equal("octocat", (await client.User.Get("octocat")).Login);
        });

        output.Report("new GitHubClient(product, baseAddress) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewGitHubClientOverNewConnectionPerCall_OpensAConnectionPerCall()
    {
        await using var server = await CountingServer.StartJsonAsync(User);

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var client = new GitHubClient(new Connection(s_product, server.BaseAddress));
            Assert.Equal("octocat", (await client.User.Get("octocat")).Login);
        });

        output.Report("new GitHubClient(new Connection(product, baseAddress)) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedGitHubClient_ReusesItsConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(User);
        var client = new GitHubClient(s_product, server.BaseAddress);

        await ConnectionShape.RunCallsAsync(async _ => Assert.Equal("octocat", (await client.User.Get("octocat")).Login));

        output.Report("one GitHubClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewGitHubClientOverSharedConnectionPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(User);
        var connection = new Connection(s_product, server.BaseAddress);

        await ConnectionShape.RunCallsAsync(async _ => Assert.Equal("octocat", (await new GitHubClient(connection).User.Get("octocat")).Login));

        output.Report("new GitHubClient(sharedConnection) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewGitHubClientOverConnectionWithSharedHandlerPerCall_ReusesOneConnection()
    {
        await using var server = await CountingServer.StartJsonAsync(User);
        using var shared = new SocketsHttpHandler();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            // HttpClientAdapter wraps the handler its delegate returns; returning a shared one shares the pool.
            var connection = new Connection(s_product, server.BaseAddress, new InMemoryCredentialStore(Credentials.Anonymous),
                new HttpClientAdapter(() => shared), new SimpleJsonSerializer());
            var client = new GitHubClient(connection);
            Assert.Equal("octocat", (await client.User.Get("octocat")).Login);
        });

        output.Report("new GitHubClient(new Connection(..., new HttpClientAdapter(() => sharedHandler), ...)) per call", server);
        ConnectionShape.AssertShared(server);
    }
}
