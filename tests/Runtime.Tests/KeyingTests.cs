using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

public sealed class KeyingTests
{
    private static readonly NetworkCredential s_credentials = new("svc-user", "Sup3r-Secret-Pa55word");
    private static readonly IWebProxy s_customProxy = new FixedProxy();
    private static readonly CookieContainer s_cookies = new();

    public static TheoryData<string> SettingChanges => new(s_settingChanges.Keys);

    private static readonly Dictionary<string, Action<PooledHandlerOptions>> s_settingChanges = new()
    {
        ["ClientCertificates"] = o => o.ClientCertificates.Add(TestCertificates.ClientA),
        ["ClientCertificates (other)"] = o => o.ClientCertificates.Add(TestCertificates.ClientB),
        ["ClientCertificates (both)"] = o => o.ClientCertificates.AddRange(new X509Certificate[] { TestCertificates.ClientA, TestCertificates.ClientB }),
        ["ClientCertificateOptions"] = o => o.ClientCertificateOptions = ClientCertificateOption.Automatic,
        ["ServerCertificateCustomValidationCallback"] = o => o.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        ["ServerCertificateCustomValidationCallback (other method)"] = o => o.ServerCertificateCustomValidationCallback = RejectAll,
        ["SslProtocols"] = o => o.SslProtocols = SslProtocols.Tls13,
        ["CheckCertificateRevocationList"] = o => o.CheckCertificateRevocationList = true,
        ["TrustedRootCertificates"] = o => o.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority)),
        ["TrustedRootCertificates (other)"] = o => o.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.OtherAuthority)),
        ["Proxy (WebProxy)"] = o => o.Proxy = new WebProxy("http://proxy.invalid:8080"),
        ["Proxy (other WebProxy)"] = o => o.Proxy = new WebProxy("http://proxy.invalid:8081"),
        ["Proxy (custom)"] = o => o.Proxy = s_customProxy,
        ["UseProxy"] = o => o.UseProxy = false,
        ["DefaultProxyCredentials"] = o => o.DefaultProxyCredentials = s_credentials,
        ["Credentials"] = o => o.Credentials = s_credentials,
        ["UseDefaultCredentials"] = o => o.UseDefaultCredentials = true,
        ["PreAuthenticate"] = o => o.PreAuthenticate = true,
        ["AllowAutoRedirect"] = o => o.AllowAutoRedirect = false,
        ["MaxAutomaticRedirections"] = o => o.MaxAutomaticRedirections = 3,
        ["AutomaticDecompression"] = o => o.AutomaticDecompression = DecompressionMethods.GZip,
        ["MaxConnectionsPerServer"] = o => o.MaxConnectionsPerServer = 10,
        ["MaxResponseHeadersLength"] = o => o.MaxResponseHeadersLength = 128,
        ["UseCookies"] = o => (o.UseCookies, o.CookieContainer) = (true, s_cookies),
        ["CookieContainer (other)"] = o => (o.UseCookies, o.CookieContainer) = (true, new CookieContainer()),
        ["PooledConnectionLifetime"] = o => o.PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ["PooledConnectionIdleTimeout"] = o => o.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ["ConnectTimeout"] = o => o.ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    internal void EqualSettingsOnDifferentInstances_SameFingerprint()
    {
        using var pool = TestPools.Create();

        Assert.Equal(pool.GetFingerprint(RichOptions()), pool.GetFingerprint(RichOptions()));
    }

    [Theory]
    [MemberData(nameof(SettingChanges))]
    internal void AnySettingChange_GivesADifferentFingerprint(string change)
    {
        using var pool = TestPools.Create();
        var changed = new PooledHandlerOptions();
        s_settingChanges[change](changed);
        var changedFingerprint = pool.GetFingerprint(changed);

        var othersAndDefault = s_settingChanges.Where(other => other.Key != change)
            .Select(other =>
            {
                var options = new PooledHandlerOptions();
                other.Value(options);
                return pool.GetFingerprint(options);
            })
            .Append(pool.GetFingerprint(new PooledHandlerOptions()));
        Assert.DoesNotContain(changedFingerprint, othersAndDefault);
    }

    [Fact]
    internal void Fingerprint_IsSha256InLowercaseHex()
    {
        using var pool = TestPools.Create();

        Assert.Matches("^[0-9a-f]{64}$", pool.GetFingerprint(RichOptions()));
    }

    [Fact]
    internal void ConnectionLifetimeLeftUnset_KeysAsTheConfiguredDefault()
    {
        using var pool = TestPools.Create(defaultConnectionLifetime: TimeSpan.FromMinutes(2));

        Assert.Equal(
            pool.GetFingerprint(new PooledHandlerOptions()),
            pool.GetFingerprint(new PooledHandlerOptions { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
    }

    [Fact]
    internal void StaticMethodGroup_FreshDelegateEachCall_Pools()
    {
        using var pool = TestPools.Create();
        var first = new PooledHandlerOptions { ServerCertificateCustomValidationCallback = new Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>(RejectAll) };
        var second = new PooledHandlerOptions { ServerCertificateCustomValidationCallback = new Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>(RejectAll) };

        Assert.NotSame(first.ServerCertificateCustomValidationCallback, second.ServerCertificateCustomValidationCallback);
        Assert.Equal(pool.GetFingerprint(first), pool.GetFingerprint(second));
    }

    [Fact]
    internal void LambdaCapturingALongLivedObject_Pools_AndDifferentObjectsDoNot()
    {
        using var pool = TestPools.Create();
        var pinA = new Pin("AA");
        var pinB = new Pin("BB");

        Assert.Equal(pool.GetFingerprint(pinA.Options()), pool.GetFingerprint(pinA.Options()));
        Assert.NotEqual(pool.GetFingerprint(pinA.Options()), pool.GetFingerprint(pinB.Options()));
    }

    [Fact]
    internal void CapturingLambdaBuiltPerCall_NeverPools()
    {
        using var pool = TestPools.Create();

        Assert.NotEqual(pool.GetFingerprint(PinnedPerCall("AA")), pool.GetFingerprint(PinnedPerCall("AA")));
    }

    [Fact]
    internal void KeyBytes_NeverContainPasswordsOrPrivateKeys()
    {
        var options = RichOptions();
        var keyBytes = SerializeKey(options);
        var clientKey = TestCertificates.ClientA.GetECDsaPrivateKey()!.ExportParameters(includePrivateParameters: true).D!;
        var password = s_credentials.Password;

        Assert.False(Contains(keyBytes, clientKey), "the client certificate's private key is in the key");
        Assert.False(Contains(keyBytes, Encoding.UTF8.GetBytes(password)), "the password (UTF-8) is in the key");
        Assert.False(Contains(keyBytes, Encoding.Unicode.GetBytes(password)), "the password (UTF-16) is in the key");
        Assert.False(Contains(keyBytes, Encoding.Unicode.GetBytes(s_credentials.UserName)), "the user name is in the key");
        Assert.True(Contains(keyBytes, SHA256.HashData(TestCertificates.ClientA.RawData)), "the certificate should be keyed by its DER hash");
    }

    private static PooledHandlerOptions RichOptions()
    {
        var options = new PooledHandlerOptions
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            Proxy = new WebProxy("http://proxy.invalid:8080") { Credentials = s_credentials },
            Credentials = s_credentials,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            MaxConnectionsPerServer = 20,
        };
        options.ClientCertificates.Add(TestCertificates.PrivateCopy(TestCertificates.ClientA));
        options.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority));
        return options;
    }

    private static byte[] SerializeKey(PooledHandlerOptions options)
    {
        var writer = new KeyWriter(256);
        try
        {
            KeySerializer.Write(ref writer, options, TimeSpan.FromMinutes(2), new IdentityRegistry());
            return writer.LookupKey.Bytes.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static bool RejectAll(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) => false;

    private static PooledHandlerOptions PinnedPerCall(string thumbprint)
        => new() { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };

    private sealed class Pin(string thumbprint)
    {
        private readonly Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> _validate = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint;

        public PooledHandlerOptions Options() => new() { ServerCertificateCustomValidationCallback = _validate };
    }

    private sealed class FixedProxy : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => new("http://proxy.invalid:3128");

        public bool IsBypassed(Uri host) => false;
    }
}
