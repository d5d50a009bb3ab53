using System;
using System.Net.Http;
using HttpClientGuard.Tls;
#if NET
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
#endif

namespace HttpClientGuard.Pooling;

/// <summary>Builds the platform handler a recipe describes.</summary>
internal static class HandlerFactory
{
    public static HttpMessageHandler Create(HandlerRecipe recipe, HandlerFlavor flavor)
    {
#if NET
        if (flavor == HandlerFlavor.SocketsHttpHandler)
        {
            return CreateSocketsHandler(recipe);
        }
#endif
        _ = flavor;
        return CreateClientHandler(recipe);
    }

    private static HttpClientHandler CreateClientHandler(HandlerRecipe recipe)
    {
        // Only values that differ from the handler's defaults are set: on .NET Framework some setters throw
        // PlatformNotSupportedException even for settings the caller never asked for.
        // HCG002 is this pool's own business: Create runs once per settings key, and the pool keeps the
        // handler (HandlerPool stores it in its process-wide table and disposes it on eviction).
        // The analyzer does not follow a factory into an instance cache of a singleton yet (issue 14).
#pragma warning disable HCG002
        var handler = new HttpClientHandler { UseCookies = recipe.UseCookies };
#pragma warning restore HCG002
        if (recipe.CookieContainer is not null)
        {
            handler.CookieContainer = recipe.CookieContainer;
        }

        if (recipe.ClientCertificateOptions != handler.ClientCertificateOptions)
        {
            handler.ClientCertificateOptions = recipe.ClientCertificateOptions;
        }

        if (recipe.ClientCertificates.Count > 0)
        {
            handler.ClientCertificates.AddRange(recipe.ClientCertificates);
        }

        if (recipe.TrustedRootCertificates.Count > 0)
        {
            handler.ServerCertificateCustomValidationCallback = new CustomRootValidator(
                recipe.TrustedRootCertificates, recipe.CheckCertificateRevocationList, recipe.ServerCertificateCustomValidationCallback).Validate;
        }
        else if (recipe.ServerCertificateCustomValidationCallback is not null)
        {
            handler.ServerCertificateCustomValidationCallback = recipe.ServerCertificateCustomValidationCallback;
        }

        if (recipe.SslProtocols != handler.SslProtocols)
        {
            handler.SslProtocols = recipe.SslProtocols;
        }

        if (recipe.CheckCertificateRevocationList)
        {
            handler.CheckCertificateRevocationList = true;
        }

        if (!recipe.UseProxy)
        {
            handler.UseProxy = false;
        }

        if (recipe.Proxy is not null)
        {
            handler.Proxy = recipe.Proxy;
        }

        if (recipe.DefaultProxyCredentials is not null)
        {
            handler.DefaultProxyCredentials = recipe.DefaultProxyCredentials;
        }

        if (recipe.UseDefaultCredentials)
        {
            handler.UseDefaultCredentials = true;
        }
        else if (recipe.Credentials is not null)
        {
            handler.Credentials = recipe.Credentials;
        }

        if (recipe.PreAuthenticate)
        {
            handler.PreAuthenticate = true;
        }

        if (!recipe.AllowAutoRedirect)
        {
            handler.AllowAutoRedirect = false;
        }

        if (recipe.MaxAutomaticRedirections != handler.MaxAutomaticRedirections)
        {
            handler.MaxAutomaticRedirections = recipe.MaxAutomaticRedirections;
        }

        if (recipe.AutomaticDecompression != handler.AutomaticDecompression)
        {
            handler.AutomaticDecompression = recipe.AutomaticDecompression;
        }

        if (recipe.MaxConnectionsPerServer != handler.MaxConnectionsPerServer)
        {
            handler.MaxConnectionsPerServer = recipe.MaxConnectionsPerServer;
        }

        if (recipe.MaxResponseHeadersLength != handler.MaxResponseHeadersLength)
        {
            handler.MaxResponseHeadersLength = recipe.MaxResponseHeadersLength;
        }

        return handler;
    }

#if NET
    private static SocketsHttpHandler CreateSocketsHandler(HandlerRecipe recipe)
    {
        // HCG002 is this pool's own business: Create runs once per settings key, and the pool keeps the
        // handler (HandlerPool stores it in its process-wide table and disposes it on eviction).
        // The analyzer does not follow a factory into an instance cache of a singleton yet (issue 14).
#pragma warning disable HCG002
        var handler = new SocketsHttpHandler
#pragma warning restore HCG002
        {
            UseCookies = recipe.UseCookies,
            UseProxy = recipe.UseProxy,
            Proxy = recipe.Proxy,
            DefaultProxyCredentials = recipe.DefaultProxyCredentials,
            Credentials = recipe.EffectiveCredentials,
            PreAuthenticate = recipe.PreAuthenticate,
            AllowAutoRedirect = recipe.AllowAutoRedirect,
            MaxAutomaticRedirections = recipe.MaxAutomaticRedirections,
            AutomaticDecompression = recipe.AutomaticDecompression,
            MaxConnectionsPerServer = recipe.MaxConnectionsPerServer,
            MaxResponseHeadersLength = recipe.MaxResponseHeadersLength,
            PooledConnectionLifetime = recipe.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = recipe.PooledConnectionIdleTimeout,
            ConnectTimeout = recipe.ConnectTimeout,
            SslOptions = CreateSslOptions(recipe),
        };
        if (recipe.CookieContainer is not null)
        {
            handler.CookieContainer = recipe.CookieContainer;
        }

        return handler;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(HandlerRecipe recipe)
    {
        var revocationMode = recipe.CheckCertificateRevocationList ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        var ssl = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = recipe.SslProtocols,
            CertificateRevocationCheckMode = revocationMode,
        };

        if (recipe.ClientCertificateOptions == ClientCertificateOption.Automatic)
        {
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => ClientCertificateSelector.SelectFromUserStore()!;
        }
        else if (recipe.ClientCertificates.Count > 0)
        {
            var candidates = recipe.ClientCertificates;
            ssl.ClientCertificates = candidates;
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => ClientCertificateSelector.SelectEligible(candidates)!;
        }

        if (recipe.TrustedRootCertificates.Count > 0)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = revocationMode };
            policy.CustomTrustStore.AddRange(recipe.TrustedRootCertificates);
            ssl.CertificateChainPolicy = policy;
        }

        if (recipe.ServerCertificateCustomValidationCallback is { } callback)
        {
            ssl.RemoteCertificateValidationCallback = (sender, certificate, chain, errors)
                => callback(RequestFor(sender), certificate as X509Certificate2, chain, errors);
        }

        return ssl;
    }

    // SocketsHttpHandler hands the initiating request only to callbacks that HttpClientHandler itself installed; others
    // get the SslStream. The stand-in request carries the host being validated, which is what callbacks look at.
    private static HttpRequestMessage RequestFor(object sender) => sender switch
    {
        HttpRequestMessage request => request,
        SslStream stream => new HttpRequestMessage(HttpMethod.Get, new UriBuilder(Uri.UriSchemeHttps, stream.TargetHostName).Uri),
        _ => new HttpRequestMessage(),
    };
#endif
}
