using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Net.Client;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// The server is Kestrel speaking HTTP/2 over cleartext and answering every call with an empty gRPC message and
/// <c>grpc-status: 0</c>; the client calls it through the channel's <see cref="CallInvoker"/>, which is what generated
/// clients (<c>new Greeter.GreeterClient(channel)</c>) do. No code generation is needed for either side.
/// </remarks>
public sealed class GrpcChannelTests(ITestOutputHelper output)
{
    private static readonly Marshaller<byte[]> s_bytes = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly Method<byte[], byte[]> s_ping = new(MethodType.Unary, "hcg.Probe", "Ping", s_bytes, s_bytes);

    [Fact]
    public async Task ForAddressPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var channel = GrpcChannel.ForAddress(server.BaseAddress);
            await PingAsync(channel);
        });

        output.Report("GrpcChannel.ForAddress(url) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task ForAddressPerCallWithoutDispose_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => PingAsync(GrpcChannel.ForAddress(server.Origin)));

        output.Report("GrpcChannel.ForAddress(string) per call, never disposed", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedChannel_ReusesItsConnection()
    {
        await using var server = await StartAsync();
        using var channel = GrpcChannel.ForAddress(server.BaseAddress);

        await ConnectionShape.RunCallsAsync(_ => PingAsync(channel));

        output.Report("one GrpcChannel", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task ForAddressWithSharedSocketsHttpHandlerPerCall_StillOpensAConnectionPerCall()
    {
        await using var server = await StartAsync();
        using var shared = new SocketsHttpHandler();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = shared, DisposeHttpClient = false });
            await PingAsync(channel);
        });

        // A SocketsHttpHandler handed to a channel does not share its pool across channels: each channel connects anew.
        output.Report("GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = sharedSocketsHttpHandler }) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task ForAddressWithSharedHttpClientHandlerPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        using var shared = new HttpClientHandler();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = shared, DisposeHttpClient = false });
            await PingAsync(channel);
        });

        output.Report("GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = sharedHttpClientHandler }) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task ForAddressWithSharedHttpClientPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        using var shared = new HttpClient();

        await ConnectionShape.RunCallsAsync(async _ =>
        {
            using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpClient = shared });
            await PingAsync(channel);
        });

        output.Report("GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpClient = shared }) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static Task<CountingServer> StartAsync() =>
        CountingServer.StartAsync(
            async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/grpc";
                // One length-prefixed message: not compressed, zero bytes long.
                await context.Response.Body.WriteAsync(new byte[5]);
                context.Response.AppendTrailer("grpc-status", "0");
            },
            HttpProtocols.Http2);

    private static async Task PingAsync(GrpcChannel channel)
    {
        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(s_ping, null, default, Array.Empty<byte>());
        Assert.Empty(reply);
    }
}
