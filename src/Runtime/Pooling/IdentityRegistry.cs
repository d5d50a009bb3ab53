using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using HttpClientGuard.Tls;

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
    private string? _clientAuthenticationProblem;
    private bool _clientAuthenticationChecked;

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
        if (certificate is X509Certificate2 certificate2)
        {
            return new CertificateDigest(Sha256.Hash(der), certificate2.HasPrivateKey);
        }

        // A plain X509Certificate says nothing about its key; a copy as X509Certificate2 does (and is what the pool sends).
        using var copy = new X509Certificate2(certificate);
        return new CertificateDigest(Sha256.Hash(der), copy.HasPrivateKey);
    }

    /// <summary>Why TLS client authentication cannot use <paramref name="certificate"/> (the instance this digest was
    /// computed for), or <see langword="null"/>. Worked out on first use: trusted roots never need it.</summary>
    public string? ClientAuthenticationProblem(X509Certificate certificate)
    {
        if (!Volatile.Read(ref _clientAuthenticationChecked))
        {
            // A benign race: two threads compute the same answer.
            if (certificate is X509Certificate2 certificate2)
            {
                _clientAuthenticationProblem = ClientCertificateSelector.WhyNotEligible(certificate2);
            }
            else
            {
                using var copy = new X509Certificate2(certificate);
                _clientAuthenticationProblem = ClientCertificateSelector.WhyNotEligible(copy);
            }

            Volatile.Write(ref _clientAuthenticationChecked, true);
        }

        return _clientAuthenticationProblem;
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
