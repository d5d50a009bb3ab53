using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// Fake credentials and an explicit signing region, so the SDK never looks for either on the network
/// (instance metadata is off for the whole test process: see <see cref="DisableInstanceMetadata"/>).
/// </remarks>
public sealed class AwsS3Tests(ITestOutputHelper output)
{
    static AwsS3Tests() => DisableInstanceMetadata();

    [Fact]
    public async Task NewAmazonS3ClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var client = new AmazonS3Client(new BasicAWSCredentials("AKIAFAKEFAKEFAKEFAKE", "fake-secret"), Config(server));
            await HeadAsync(client);
        });

        output.Report("new AmazonS3Client(credentials, config) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewAmazonS3ClientWithoutHttpClientCachePerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            var config = Config(server);
            config.CacheHttpClient = false;
            using var client = new AmazonS3Client(new BasicAWSCredentials("AKIAFAKEFAKEFAKEFAKE", "fake-secret"), config);
            await HeadAsync(client);
        });

        output.Report("new AmazonS3Client(credentials, config { CacheHttpClient = false }) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    internal static void DisableInstanceMetadata() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    private static AmazonS3Config Config(CountingServer server) =>
        new() { ServiceURL = server.Origin, ForcePathStyle = true, AuthenticationRegion = "us-east-1" };

    private static Task<CountingServer> StartAsync() =>
        CountingServer.StartAsync(context =>
        {
            context.Response.Headers.ETag = "\"d41d8cd98f00b204e9800998ecf8427e\"";
            context.Response.Headers.LastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        });

    private static async Task HeadAsync(AmazonS3Client client)
    {
        var metadata = await client.GetObjectMetadataAsync("bucket", "key");
        Assert.Equal(System.Net.HttpStatusCode.OK, metadata.HttpStatusCode);
    }
}
