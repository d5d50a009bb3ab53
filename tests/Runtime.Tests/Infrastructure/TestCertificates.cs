using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Runtime.Tests.Infrastructure;

/// <summary>Certificates made once per test run: a private CA, a server certificate it issued for 127.0.0.1, a
/// self-signed server certificate, and two client certificates.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> s_authority = new(() => CreateAuthority("CN=HttpClientGuard Test CA"));
    private static readonly Lazy<X509Certificate2> s_otherAuthority = new(() => CreateAuthority("CN=HttpClientGuard Other CA"));
    private static readonly Lazy<X509Certificate2> s_issuedServer = new(() => CreateServer(s_authority.Value));
    private static readonly Lazy<X509Certificate2> s_selfSignedServer = new(() => CreateServer(issuer: null));
    private static readonly Lazy<X509Certificate2> s_clientA = new(() => CreateClient("CN=client-a"));
    private static readonly Lazy<X509Certificate2> s_clientB = new(() => CreateClient("CN=client-b"));
    private static readonly Lazy<X509Certificate2> s_clientWithoutUsageExtensions = new(() => CreateClient("CN=client-any-usage", keyUsage: null, clientAuthentication: false));
    private static readonly Lazy<X509Certificate2> s_clientWithoutDigitalSignature = new(() => CreateClient("CN=client-no-signature", X509KeyUsageFlags.KeyEncipherment, clientAuthentication: true));

    /// <summary>The private CA (with its key; tests add only the public part to trust stores).</summary>
    public static X509Certificate2 Authority => s_authority.Value;

    /// <summary>A CA that issued nothing the servers use.</summary>
    public static X509Certificate2 OtherAuthority => s_otherAuthority.Value;

    public static X509Certificate2 IssuedServer => s_issuedServer.Value;

    public static X509Certificate2 SelfSignedServer => s_selfSignedServer.Value;

    public static X509Certificate2 ClientA => s_clientA.Value;

    public static X509Certificate2 ClientB => s_clientB.Value;

    /// <summary>A client certificate with neither a Key Usage nor an Enhanced Key Usage extension: usable for anything.</summary>
    public static X509Certificate2 ClientWithoutUsageExtensions => s_clientWithoutUsageExtensions.Value;

    /// <summary>A client-authentication certificate whose Key Usage lacks digitalSignature, so it cannot sign a handshake.</summary>
    public static X509Certificate2 ClientWithoutDigitalSignature => s_clientWithoutDigitalSignature.Value;

    /// <summary>A fresh instance of the public part of a certificate, as code that loads a PEM bundle per call would have.</summary>
    public static X509Certificate2 PublicCopy(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>A fresh instance with the private key, as code that loads a PFX per call would have.</summary>
    public static X509Certificate2 PrivateCopy(X509Certificate2 certificate)
        => X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return PrivateCopy(authority);
    }

    private static X509Certificate2 CreateServer(X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(7);
        if (issuer is null)
        {
            using var selfSigned = request.CreateSelfSigned(notBefore, notAfter);
            return PrivateCopy(selfSigned);
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(issuer, notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return PrivateCopy(withKey);
    }

    private static X509Certificate2 CreateClient(string subject, X509KeyUsageFlags? keyUsage = X509KeyUsageFlags.DigitalSignature, bool clientAuthentication = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (keyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, false));
        }

        if (clientAuthentication)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return PrivateCopy(certificate);
    }
}
