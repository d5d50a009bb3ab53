using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HttpClientGuard.Tls;

/// <summary>
/// Validates server certificates against <see cref="PooledHandlerOptions.TrustedRootCertificates"/> for handlers that
/// offer only a validation callback (HttpClientHandler). It applies custom root trust (the given roots replace the system
/// store) and keeps the platform's host-name verdict; a user callback then receives the adjusted errors. On .NET 8 and
/// later SocketsHttpHandler gets the same semantics from <c>X509ChainPolicy.CustomTrustStore</c> instead.
/// </summary>
internal sealed class CustomRootValidator
{
    private readonly X509Certificate2Collection _roots;
    private readonly bool _checkRevocation;
    private readonly Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>? _userCallback;

    public CustomRootValidator(
        X509Certificate2Collection roots,
        bool checkRevocation,
        Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>? userCallback)
    {
        _roots = roots;
        _checkRevocation = checkRevocation;
        _userCallback = userCallback;
    }

    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        // The platform judged the chain against the system store; that verdict is replaced, the host-name one kept.
        var adjusted = errors & ~SslPolicyErrors.RemoteCertificateChainErrors;
        if (certificate is null)
        {
            adjusted |= SslPolicyErrors.RemoteCertificateNotAvailable;
        }
        else if (!ChainsToTrustedRoot(certificate, presentedChain))
        {
            adjusted |= SslPolicyErrors.RemoteCertificateChainErrors;
        }

        return _userCallback is null ? adjusted == SslPolicyErrors.None : _userCallback(request, certificate, presentedChain, adjusted);
    }

    private bool ChainsToTrustedRoot(X509Certificate2 certificate, X509Chain? presentedChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.ExtraStore.AddRange(_roots);
        if (presentedChain is not null)
        {
            // Intermediates the server sent are candidates for the path, never anchors.
            for (var i = 1; i < presentedChain.ChainElements.Count; i++)
            {
                chain.ChainPolicy.ExtraStore.Add(presentedChain.ChainElements[i].Certificate);
            }
        }

        chain.Build(certificate);
        var elements = chain.ChainElements;
        if (elements.Count == 0 || !IsTrustedRoot(elements[elements.Count - 1].Certificate))
        {
            return false;
        }

        foreach (var status in chain.ChainStatus)
        {
            // The anchor is ours, so "untrusted root" is expected; anything else (expiry, bad signature, usage,
            // revocation when asked for) fails the chain.
            if (status.Status != X509ChainStatusFlags.NoError && status.Status != X509ChainStatusFlags.UntrustedRoot)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsTrustedRoot(X509Certificate2 candidate)
    {
        var candidateDer = candidate.RawData;
        foreach (var root in _roots)
        {
            if (((ReadOnlySpan<byte>)root.RawData).SequenceEqual(candidateDer))
            {
                return true;
            }
        }

        return false;
    }
}
