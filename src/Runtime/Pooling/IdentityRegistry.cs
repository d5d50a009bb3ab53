using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace HttpClientGuard.Pooling;

/// <summary>
/// Gives objects that are compared by identity (delegate targets, credentials, cookie containers) a number that is never
/// reused in this pool, and remembers each certificate instance's DER hash. Both tables are weak: an entry lives as long as
/// its object, and a pooled handler keeps the objects it uses alive, so a key never outlives the numbers in it.
/// </summary>
internal sealed class IdentityRegistry
{
    private readonly ConditionalWeakTable<object, Identity> _identities = new();
    private readonly ConditionalWeakTable<X509Certificate, CertificateDigest> _digests = new();
    private readonly ConditionalWeakTable<object, Identity>.CreateValueCallback _newIdentity;
    private readonly ConditionalWeakTable<X509Certificate, CertificateDigest>.CreateValueCallback _newDigest;
    private long _lastIdentity;

    public IdentityRegistry()
    {
        _newIdentity = _ => new Identity(Interlocked.Increment(ref _lastIdentity));
        _newDigest = certificate => CertificateDigest.Compute(certificate);
    }

    public long IdentityOf(object value) => _identities.GetValue(value, _newIdentity).Value;

    public CertificateDigest DigestOf(X509Certificate certificate) => _digests.GetValue(certificate, _newDigest);

    private sealed class Identity
    {
        public Identity(long value) => Value = value;

        public long Value { get; }
    }
}

/// <summary>The SHA-256 hash of a certificate's DER encoding and whether the instance carries a private key.
/// Never the key itself.</summary>
internal sealed class CertificateDigest
{
    private CertificateDigest(byte[] derSha256, bool hasPrivateKey)
    {
        DerSha256 = derSha256;
        HasPrivateKey = hasPrivateKey;
    }

    public byte[] DerSha256 { get; }

    public bool HasPrivateKey { get; }

    public static CertificateDigest Compute(X509Certificate certificate)
    {
        var der = certificate.GetRawCertData();
        return new CertificateDigest(Sha256.Hash(der), certificate is X509Certificate2 { HasPrivateKey: true });
    }
}

internal static class Sha256
{
    public static byte[] Hash(byte[] data)
    {
#if NET
        return SHA256.HashData(data);
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
#endif
    }
}
