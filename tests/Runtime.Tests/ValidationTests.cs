using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

[Collection(ProcessWidePoolCollection.Name)]
public sealed class ValidationTests
{
    public static TheoryData<string, Action<PooledHandlerOptions>> InvalidOptions => new()
    {
        { nameof(PooledHandlerOptions.MaxConnectionsPerServer), o => o.MaxConnectionsPerServer = 0 },
        { nameof(PooledHandlerOptions.MaxAutomaticRedirections), o => o.MaxAutomaticRedirections = 0 },
        { nameof(PooledHandlerOptions.MaxResponseHeadersLength), o => o.MaxResponseHeadersLength = -1 },
        { nameof(PooledHandlerOptions.PooledConnectionLifetime), o => o.PooledConnectionLifetime = TimeSpan.Zero },
        { nameof(PooledHandlerOptions.PooledConnectionLifetime), o => o.PooledConnectionLifetime = TimeSpan.FromSeconds(-3) },
        { nameof(PooledHandlerOptions.PooledConnectionIdleTimeout), o => o.PooledConnectionIdleTimeout = TimeSpan.Zero },
        { nameof(PooledHandlerOptions.ConnectTimeout), o => o.ConnectTimeout = TimeSpan.FromMilliseconds(-5) },
        { nameof(PooledHandlerOptions.ConnectTimeout), o => o.ConnectTimeout = TimeSpan.FromDays(30) },
        { nameof(PooledHandlerOptions.ClientCertificateOptions), o => o.ClientCertificateOptions = (ClientCertificateOption)7 },
        { nameof(PooledHandlerOptions.SslProtocols), o => o.SslProtocols = (SslProtocols)1 },
        { nameof(PooledHandlerOptions.SslProtocols), o => o.SslProtocols = (SslProtocols)(3072 | 0x10000) },
        { nameof(PooledHandlerOptions.SslProtocols), o => o.SslProtocols = (SslProtocols)12 /* Ssl2 */ },
        { nameof(PooledHandlerOptions.SslProtocols), o => o.SslProtocols = (SslProtocols)(48 | 3072) /* Ssl3 | Tls12 */ },
        { nameof(PooledHandlerOptions.SslProtocols), o => o.SslProtocols = (SslProtocols)240 /* Default */ },
        { nameof(PooledHandlerOptions.AutomaticDecompression), o => o.AutomaticDecompression = (DecompressionMethods)8 },
        { nameof(PooledHandlerOptions.AutomaticDecompression), o => o.AutomaticDecompression = (DecompressionMethods)(-2) },
    };

    public static TheoryData<string, Action<HttpClientPoolSettings>> InvalidSettings => new()
    {
        { nameof(HttpClientPoolSettings.MaxPooledHandlers), s => s.MaxPooledHandlers = 0 },
        { nameof(HttpClientPoolSettings.HardMaxPooledHandlers), s => (s.MaxPooledHandlers, s.HardMaxPooledHandlers) = (8, 7) },
        { nameof(HttpClientPoolSettings.HandlerIdleTimeout), s => s.HandlerIdleTimeout = TimeSpan.Zero },
        { nameof(HttpClientPoolSettings.DefaultPooledConnectionLifetime), s => s.DefaultPooledConnectionLifetime = TimeSpan.FromMinutes(-1) },
    };

    [Fact]
    public void CreateClient_NullOptions_ThrowsArgumentNull()
    {
        var thrown = Assert.Throws<ArgumentNullException>(() => HttpClientPool.CreateClient((PooledHandlerOptions)null!));
        Assert.Equal("options", thrown.ParamName);
    }

    [Fact]
    public void CreateClientWithBaseAddress_NullArguments_ThrowArgumentNull()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => HttpClientPool.CreateClient(null!, new Uri("http://127.0.0.1/"))).ParamName);
        Assert.Equal("baseAddress", Assert.Throws<ArgumentNullException>(() => HttpClientPool.CreateClient(new PooledHandlerOptions(), null!)).ParamName);
        Assert.Equal("baseAddress", Assert.Throws<ArgumentNullException>(() => HttpClientPool.CreateClient((Uri)null!)).ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void CreateClient_InvalidOption_ThrowsOutOfRangeNamingTheProperty(string property, Action<PooledHandlerOptions> makeInvalid)
    {
        var options = new PooledHandlerOptions();
        makeInvalid(options);

        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => HttpClientPool.CreateClient(options)).ParamName);
        Assert.Equal(property, Assert.Throws<ArgumentOutOfRangeException>(() => HttpClientPool.GetFingerprint(options)).ParamName);
    }

    [Fact]
    public void CreateClient_InfiniteTimeouts_AreAccepted()
    {
        var options = new PooledHandlerOptions
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
        };

        using var client = HttpClientPool.CreateClient(options);
        Assert.NotNull(client);
    }

    [Fact]
    public void CreateClient_ManualCertificatesWithAutomaticSelection_ThrowsNamingClientCertificates()
    {
        var options = new PooledHandlerOptions { ClientCertificateOptions = ClientCertificateOption.Automatic };
        options.ClientCertificates.Add(TestCertificates.ClientA);

        Assert.Equal(nameof(PooledHandlerOptions.ClientCertificates), Assert.Throws<ArgumentException>(() => HttpClientPool.CreateClient(options)).ParamName);
    }

    [Fact]
    public void CookieContainer_SetToNull_ThrowsArgumentNull()
    {
        var options = new PooledHandlerOptions();

        Assert.Throws<ArgumentNullException>(() => options.CookieContainer = null!);
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Configure_InvalidSetting_ThrowsOutOfRangeNamingTheSetting(string setting, Action<HttpClientPoolSettings> makeInvalid)
    {
        var settings = new HttpClientPoolSettings();
        makeInvalid(settings);

        Assert.Equal(setting, Assert.Throws<ArgumentOutOfRangeException>(() => HttpClientPool.Configure(settings)).ParamName);
    }

    [Fact]
    public void Configure_NullSettings_ThrowsArgumentNull()
        => Assert.Equal("settings", Assert.Throws<ArgumentNullException>(() => HttpClientPool.Configure(null!)).ParamName);

    [Fact]
    public void Configure_AfterThePoolWasUsed_Throws()
    {
        using var client = HttpClientPool.CreateClient();

        Assert.Throws<InvalidOperationException>(() => HttpClientPool.Configure(new HttpClientPoolSettings()));
    }

    [Fact]
    public void ReadAsOwnedStreamAsync_NullResponse_ThrowsBeforeReturningATask()
        => Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => { _ = HttpResponseMessageExtensions.ReadAsOwnedStreamAsync(null!); }).ParamName);
}
