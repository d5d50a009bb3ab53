using System;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class TlsIsolationTests
{
    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task StrictAndAcceptAnyValidation_InterleavedOnSeveralTasks_NeverShareAHandler(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.SelfSignedServer);
        using var pool = TestPools.Create(flavor);
        var strictSucceeded = 0;
        var strictFailedOnTls = 0;
        var acceptAnyFailed = 0;
        var acceptAnySucceeded = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(task => Task.Run(async () =>
        {
            for (var i = 0; i < 16; i++)
            {
                if ((i + task) % 2 == 0)
                {
                    using var strict = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);
                    try
                    {
                        await strict.GetStringAsync(string.Empty);
                        Interlocked.Increment(ref strictSucceeded);
                    }
                    catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
                    {
                        Interlocked.Increment(ref strictFailedOnTls);
                    }
                }
                else
                {
                    var options = new PooledHandlerOptions { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
                    using var acceptAny = pool.CreateClient(options, server.BaseAddress);
                    try
                    {
                        Assert.Equal("ok", await acceptAny.GetStringAsync(string.Empty));
                        Interlocked.Increment(ref acceptAnySucceeded);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref acceptAnyFailed);
                    }
                }
            }
        })));

        Assert.Equal(0, strictSucceeded);
        Assert.Equal(48, strictFailedOnTls);
        Assert.Equal(0, acceptAnyFailed);
        Assert.Equal(48, acceptAnySucceeded);
        Assert.Equal(2, pool.Count);
    }

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task TrustedRootBundle_ServerIssuedByThatCa_SucceedsWithoutCallback(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create(flavor);
        var options = new PooledHandlerOptions();
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        using var client = pool.CreateClient(options, server.BaseAddress);

        Assert.Equal("ok", await client.GetStringAsync(string.Empty));
    }

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task TrustedRootBundle_ServerFromAnotherCaOrSelfSigned_Fails(HandlerFlavor flavor)
    {
        await using var issuedServer = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        await using var selfSignedServer = await LoopbackServer.StartAsync(TestCertificates.SelfSignedServer);
        using var pool = TestPools.Create(flavor);
        var options = new PooledHandlerOptions();
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.OtherAuthority));
        using var client = pool.CreateClient(options, baseAddress: null);

        await AssertTlsFailureAsync(client.GetStringAsync(issuedServer.BaseAddress));
        await AssertTlsFailureAsync(client.GetStringAsync(selfSignedServer.BaseAddress));
    }

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task NoTrustedRootBundle_PrivateCaServer_FailsAgainstSystemTrust(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create(flavor);
        using var client = pool.CreateClient(new PooledHandlerOptions(), server.BaseAddress);

        await AssertTlsFailureAsync(client.GetStringAsync(string.Empty));
    }

    [Theory]
    [InlineData(HandlerFlavor.SocketsHttpHandler)]
    [InlineData(HandlerFlavor.RotatingHttpClientHandler)]
    internal async Task CallbackWithTrustedRootBundle_SeesErrorsJudgedAgainstTheBundleAndTheHost(HandlerFlavor flavor)
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create(flavor);
        var seen = new CallbackRecorder();
        var options = new PooledHandlerOptions { ServerCertificateCustomValidationCallback = seen.Validate };
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        using var client = pool.CreateClient(options, server.BaseAddress);

        Assert.Equal("ok", await client.GetStringAsync(string.Empty));
        Assert.Equal(SslPolicyErrors.None, seen.Errors);
        Assert.Equal(TestCertificates.IssuedServer.Thumbprint, seen.Thumbprint);
        Assert.Equal("127.0.0.1", seen.Host);
    }

    private static async Task AssertTlsFailureAsync(Task<string> request)
    {
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => request);
        Assert.IsType<AuthenticationException>(failure.InnerException);
    }

    private sealed class CallbackRecorder
    {
        public SslPolicyErrors? Errors { get; private set; }

        public string? Thumbprint { get; private set; }

        public string? Host { get; private set; }

        public bool Validate(HttpRequestMessage request, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors)
        {
            Errors = errors;
            Thumbprint = certificate?.Thumbprint;
            Host = request.RequestUri?.Host;
            return errors == SslPolicyErrors.None;
        }
    }
}
