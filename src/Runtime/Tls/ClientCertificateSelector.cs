using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Tls;

/// <summary>Picks the client certificate the way HttpClientHandler does: the first one with a private key whose usages
/// allow client authentication, whatever issuers the server asks for. The same rule tells the options validator why a
/// certificate would never be sent.</summary>
internal static class ClientCertificateSelector
{
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2? SelectEligible(X509CertificateCollection candidates)
    {
        foreach (X509Certificate candidate in candidates)
        {
            if (candidate is X509Certificate2 certificate && WhyNotEligible(certificate) is null)
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

    /// <summary>Why TLS client authentication cannot use the certificate (the end of a sentence that starts with the
    /// certificate's name), or <see langword="null"/> when it can.</summary>
    public static string? WhyNotEligible(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return "has no private key, so TLS client authentication cannot use it and requests would go out without a "
                + "client certificate. Load it together with its private key (a PFX / PKCS#12 file, "
                + "X509Certificate2.CreateFromPemFile(certificatePath, keyPath), or a store certificate whose key is accessible)";
        }

        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usages && !Contains(usages.EnhancedKeyUsages, ClientAuthenticationOid))
            {
                return "restricts its usage with an Enhanced Key Usage extension that does not include client authentication ("
                    + ClientAuthenticationOid + "), so TLS client authentication cannot use it and requests would go out without a "
                    + "client certificate. Use a certificate issued for client authentication";
            }

            if (extension is X509KeyUsageExtension keyUsage && (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
            {
                return "has a Key Usage extension without digitalSignature, so it cannot sign the TLS handshake and requests would "
                    + "go out without a client certificate. Use a certificate issued for client authentication";
            }
        }

        return null;
    }

    /// <summary>Whether the instance was disposed (or never held a certificate): reading it would throw.</summary>
    public static bool IsDisposed(X509Certificate certificate)
    {
        try
        {
            return certificate.Handle == IntPtr.Zero;
        }
        catch (CryptographicException)
        {
            return true;
        }
    }

    private static bool Contains(OidCollection oids, string value)
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
