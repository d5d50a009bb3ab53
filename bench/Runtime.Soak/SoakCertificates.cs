using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>Certificates made at start-up: a private CA, a server certificate it issued for 127.0.0.1, and a self-signed
/// server certificate that no client trusts.</summary>
internal sealed class SoakCertificates
{
    private SoakCertificates(X509Certificate2 authority, X509Certificate2 issuedServer, X509Certificate2 selfSignedServer)
    {
        Authority = authority;
        IssuedServer = issuedServer;
        SelfSignedServer = selfSignedServer;
    }

    /// <summary>The CA's public part, for trust stores.</summary>
    public X509Certificate2 Authority { get; }

    public X509Certificate2 IssuedServer { get; }

    public X509Certificate2 SelfSignedServer { get; }

    public static SoakCertificates Create()
    {
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=HttpClientGuard Soak CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new SoakCertificates(
            X509CertificateLoader.LoadCertificate(authority.RawData),
            CreateServer(authority),
            CreateServer(issuer: null));
    }

    private static X509Certificate2 CreateServer(X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(7);
        using var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notAfter)
            : request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8)).CopyWithPrivateKey(key);

        // Kestrel on Linux wants a certificate whose key came from a PKCS#12 import.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
