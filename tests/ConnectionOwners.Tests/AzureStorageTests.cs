using System;
using System.Net.Http;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// Azure.Core-based clients send through <c>HttpClientTransport.Shared</c> unless their options name another transport:
/// creating the client per call is cheap and shares one pool. A transport created per call is the leak.
/// </remarks>
public sealed class AzureStorageTests(ITestOutputHelper output)
{
    private const string Container = "measurements";

    [Fact]
    public async Task NewBlobServiceClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => ExistsAsync(new BlobServiceClient(ConnectionString(server)).GetBlobContainerClient(Container)));

        output.Report("new BlobServiceClient(connectionString) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewBlobContainerClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => ExistsAsync(new BlobContainerClient(ConnectionString(server), Container)));

        output.Report("new BlobContainerClient(connectionString, name) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewBlobContainerClientWithNewTransportPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var transport = new HttpClientTransport();
            await ExistsAsync(new BlobContainerClient(ConnectionString(server), Container, new BlobClientOptions { Transport = transport }));
        });

        output.Report("new BlobContainerClient(..., new BlobClientOptions { Transport = new HttpClientTransport() }) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewBlobContainerClientWithNewTransportOverSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        using var shared = new HttpClient();

        await ConnectionShape.RunCallsAsync(_ =>
            ExistsAsync(new BlobContainerClient(ConnectionString(server), Container, new BlobClientOptions { Transport = new HttpClientTransport(shared) })));

        output.Report("new BlobContainerClient(..., new BlobClientOptions { Transport = new HttpClientTransport(sharedHttpClient) }) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewBlobContainerClientWithNewTransportOverSharedHandlerPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        using var shared = new SocketsHttpHandler();

        await ConnectionShape.RunCallsAsync(_ =>
            ExistsAsync(new BlobContainerClient(ConnectionString(server), Container, new BlobClientOptions { Transport = new HttpClientTransport(shared) })));

        output.Report("new BlobContainerClient(..., new BlobClientOptions { Transport = new HttpClientTransport(sharedHandler) }) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static string ConnectionString(CountingServer server) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint={server.Origin}/devstoreaccount1;";

    private static Task<CountingServer> StartAsync() =>
        CountingServer.StartAsync(context =>
        {
            // Container properties: what ExistsAsync reads.
            context.Response.Headers.ETag = "\"0x8D000000000000\"";
            context.Response.Headers.LastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
            context.Response.Headers["x-ms-version"] = "2025-01-05";
            return Task.CompletedTask;
        });

    private static async Task ExistsAsync(BlobContainerClient container) => Assert.True((await container.ExistsAsync()).Value);
}
