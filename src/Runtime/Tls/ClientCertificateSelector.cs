using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Tls;

/// <summary>Picks the client certificate the way HttpClientHandler does: the first one with a private key whose usages
/// allow client authentication, whatever issuers the server asks for.</summary>
internal static class ClientCertificateSelector
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2? SelectEligible(X509CertificateCollection candidates)
    {
        foreach (X509Certificate candidate in candidates)
        {
            if (candidate is X509Certificate2 certificate && IsEligible(certificate))
            {
                return certificate;
            }
        }

        return null;
    }

    /// <summary>For <c>ClientCertificateOption.Automatic</c>: an eligible certificate from the current user's personal store.</summary>
    public static X509Certificate2? SelectFromUserStore()
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        return SelectEligible(store.Certificates);
    }

    private static bool IsEligible(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return false;
        }

        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usages && !Contains(usages.EnhancedKeyUsages, ClientAuthenticationOid))
            {
                return false;
            }

            if (extension is X509KeyUsageExtension keyUsage && (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(System.Security.Cryptography.OidCollection oids, string value)
    {
        foreach (var oid in oids)
        {
            if (oid.Value == value)
            {
                return true;
            }
        }

        return false;
    }
}
