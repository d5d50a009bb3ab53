using System;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

/// <summary>
/// Certificates and enum values that used to fail late (inside a request, or with a message about something else) are
/// rejected by CreateClient with an ArgumentException that names the property, says what is wrong and what to do.
/// </summary>
public sealed class OptionValueTests
{
    [Fact]
    internal void ClientCertificateWithoutPrivateKey_RejectedNamingItAndTheFix()
    {
        using var pool = TestPools.Create();
        var options = WithClientCertificate(TestCertificates.PublicCopy(TestCertificates.ClientA));

        var thrown = Assert.Throws<ArgumentException>(() => pool.CreateClient(options, null));

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificates), thrown.ParamName);
        Assert.Contains("ClientCertificates[0] (CN=client-a, thumbprint " + TestCertificates.ClientA.Thumbprint + ")", thrown.Message);
        Assert.Contains("has no private key", thrown.Message);
        Assert.Contains("without a client certificate", thrown.Message);
        Assert.Contains("Load it together with its private key", thrown.Message);
    }

    [Fact]
    internal void ClientCertificateRestrictedToServerAuthentication_RejectedNamingTheMissingUsage()
    {
        using var pool = TestPools.Create();

        // A server certificate with its key: its Enhanced Key Usage allows server authentication only.
        var thrown = Assert.Throws<ArgumentException>(() => pool.CreateClient(WithClientCertificate(TestCertificates.SelfSignedServer), null));

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificates), thrown.ParamName);
        Assert.Contains("Enhanced Key Usage extension that does not include client authentication (1.3.6.1.5.5.7.3.2)", thrown.Message);
        Assert.Contains("Use a certificate issued for client authentication", thrown.Message);
    }

    [Fact]
    internal void ClientCertificateWithoutDigitalSignatureUsage_Rejected()
    {
        using var pool = TestPools.Create();

        var thrown = Assert.Throws<ArgumentException>(() => pool.CreateClient(WithClientCertificate(TestCertificates.ClientWithoutDigitalSignature), null));

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificates), thrown.ParamName);
        Assert.Contains("Key Usage extension without digitalSignature", thrown.Message);
    }

    [Fact]
    internal void DisposedClientCertificate_RejectedInsteadOfAnInvalidHandleError()
    {
        using var pool = TestPools.Create();
        var disposed = TestCertificates.PrivateCopy(TestCertificates.ClientA);
        disposed.Dispose();

        var thrown = Assert.Throws<ArgumentException>(() => pool.CreateClient(WithClientCertificate(disposed), null));

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificates), thrown.ParamName);
        Assert.Contains("ClientCertificates[0] has been disposed", thrown.Message);
        Assert.Contains("Pass a certificate that is not disposed yet", thrown.Message);
    }

    [Fact]
    internal void DisposedTrustedRoot_Rejected()
    {
        using var pool = TestPools.Create();
        var options = new PooledHandlerOptions();
        var disposed = TestCertificates.PublicCopy(TestCertificates.Authority);
        options.TrustedRootCertificates.Add(disposed);
        disposed.Dispose();

        var thrown = Assert.Throws<ArgumentException>(() => pool.GetFingerprint(options));

        Assert.Equal(nameof(PooledHandlerOptions.TrustedRootCertificates), thrown.ParamName);
        Assert.Contains("TrustedRootCertificates[0] has been disposed", thrown.Message);
    }

    [Fact]
    internal void SeveralClientCertificatesNoneUsable_MessageSaysSo()
    {
        using var pool = TestPools.Create();
        var options = WithClientCertificate(TestCertificates.PublicCopy(TestCertificates.ClientA));
        options.ClientCertificates.Add(TestCertificates.SelfSignedServer);

        var thrown = Assert.Throws<ArgumentException>(() => pool.CreateClient(options, null));

        Assert.Contains("ClientCertificates[0]", thrown.Message);
        Assert.Contains("No other certificate in ClientCertificates can be used either", thrown.Message);
    }

    [Fact]
    internal async Task UnusableCertificateNextToAUsableOne_AcceptedAndTheUsableOneIsSent()
    {
        // HttpClientHandler's rule: the first usable certificate is sent, so an extra one (an intermediate, say) is no error.
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create();
        var options = WithClientCertificate(TestCertificates.PublicCopy(TestCertificates.ClientB));
        options.ClientCertificates.Add(TestCertificates.ClientA);
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        using var client = pool.CreateClient(options, server.BaseAddress);

        Assert.Equal(TestCertificates.ClientA.Thumbprint, await client.GetStringAsync("client-certificate"));
    }

    [Fact]
    internal async Task CertificateWithoutUsageExtensions_IsAcceptedAndSent()
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create();
        var options = WithClientCertificate(TestCertificates.ClientWithoutUsageExtensions);
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        using var client = pool.CreateClient(options, server.BaseAddress);

        Assert.Equal(TestCertificates.ClientWithoutUsageExtensions.Thumbprint, await client.GetStringAsync("client-certificate"));
    }

    [Fact]
    internal async Task PlainX509CertificateWithKey_IsAcceptedAndSent()
    {
        await using var server = await LoopbackServer.StartAsync(TestCertificates.IssuedServer);
        using var pool = TestPools.Create();
        using var plain = new X509Certificate(TestCertificates.ClientA);
        var options = new PooledHandlerOptions();
        options.ClientCertificates.Add(plain);
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        using var client = pool.CreateClient(options, server.BaseAddress);

        Assert.Equal(TestCertificates.ClientA.Thumbprint, await client.GetStringAsync("client-certificate"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3072 | 0x10000)]
    internal void UndefinedSslProtocolsBits_RejectedWithTheFix(int value)
    {
        using var pool = TestPools.Create();

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => pool.CreateClient(new PooledHandlerOptions { SslProtocols = (SslProtocols)value }, null));

        Assert.Equal(nameof(PooledHandlerOptions.SslProtocols), thrown.ParamName);
        Assert.Contains("has bits that name no SslProtocols value", thrown.Message);
        Assert.Contains("leave SslProtocols.None to let the operating system choose", thrown.Message);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(48)]
    [InlineData(240)]
    [InlineData(48 | 3072)]
    internal void Ssl2OrSsl3_RejectedBeforeAnyHandshake(int value)
    {
        using var pool = TestPools.Create();

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => pool.CreateClient(new PooledHandlerOptions { SslProtocols = (SslProtocols)value }, null));

        Assert.Equal(nameof(PooledHandlerOptions.SslProtocols), thrown.ParamName);
        Assert.Contains("SSL 2.0 and SSL 3.0", thrown.Message);
        Assert.Contains("SslProtocols.Tls12 | SslProtocols.Tls13", thrown.Message);
    }

    [Theory]
    [InlineData(SslProtocols.None)]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    [InlineData(SslProtocols.Tls12 | SslProtocols.Tls13)]
    internal void UsableSslProtocols_Accepted(SslProtocols protocols)
    {
        using var pool = TestPools.Create();

        using var client = pool.CreateClient(new PooledHandlerOptions { SslProtocols = protocols }, null);

        Assert.Equal(1, pool.Count);
    }

    [Fact]
    internal void UndefinedDecompressionMethod_RejectedWithTheFix()
    {
        using var pool = TestPools.Create();

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => pool.CreateClient(new PooledHandlerOptions { AutomaticDecompression = (DecompressionMethods)8 }, null));

        Assert.Equal(nameof(PooledHandlerOptions.AutomaticDecompression), thrown.ParamName);
        Assert.Contains("0x8 has bits that name no DecompressionMethods value", thrown.Message);
        Assert.Contains("Combine DecompressionMethods.GZip, Deflate and Brotli", thrown.Message);
    }

    [Theory]
    [InlineData(DecompressionMethods.All)]
    [InlineData(DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli)]
    internal void DefinedDecompressionMethods_Accepted(DecompressionMethods methods)
    {
        using var pool = TestPools.Create();

        using var client = pool.CreateClient(new PooledHandlerOptions { AutomaticDecompression = methods }, null);

        Assert.Equal(1, pool.Count);
    }

    [Fact]
    internal void UndefinedClientCertificateOption_MessageNamesTheChoices()
    {
        using var pool = TestPools.Create();

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => pool.CreateClient(new PooledHandlerOptions { ClientCertificateOptions = (System.Net.Http.ClientCertificateOption)7 }, null));

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificateOptions), thrown.ParamName);
        Assert.Contains("7 is not a defined ClientCertificateOption", thrown.Message);
        Assert.Contains("ClientCertificateOption.Manual", thrown.Message);
    }

    private static PooledHandlerOptions WithClientCertificate(X509Certificate certificate)
    {
        var options = new PooledHandlerOptions();
        options.ClientCertificates.Add(certificate);
        return options;
    }
}
