using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>HCG001 fix 1: "Use HttpClientPool.CreateClient", offered when the runtime library is referenced.</summary>
[Trait("Rule", "HCG001")]
public class HCG001UseHttpClientPoolTests
{
    private static readonly TestOptions WithRuntime = new() { WithRuntime = true };
    private static readonly TestOptions WithRuntimeLatest = TestOptions.LatestOnly with { WithRuntime = true };

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, options ?? WithRuntime, PerCallCreationFixer.UsePoolKey);

    private static Task VerifyNotOfferedAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, source, options ?? WithRuntime, PerCallCreationFixer.UsePoolKey);

    [Fact]
    public Task DefaultClient_OneRequest_UsesPoolAndAddsImport() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using (var client = HttpClientPool.CreateClient())
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task UsingDeclaration_KeepsUsing() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using var client = {|HCG001:new HttpClient()|};
                return await client.GetStringAsync(url);
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using var client = HttpClientPool.CreateClient();
                return await client.GetStringAsync(url);
            }
        }
        """, WithRuntimeLatest);

    [Fact]
    public Task InlineHandlerSettings_BecomeOptions() => VerifyFixAsync("""
        using System.Net;
        using System.Net.Http;

        public class C
        {
            public HttpClient Create() => {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip }, disposeHandler: true)|};

            public void Use() => Create().ToString();
        }
        """, """
        using System.Net;
        using System.Net.Http;
        using HttpClientGuard;

        public class C
        {
            public HttpClient Create() => HttpClientPool.CreateClient(new PooledHandlerOptions { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip });

            public void Use() => Create().ToString();
        }
        """);

    [Fact]
    public Task HandlerLocalConfiguredByStatements_BecomesOptionsLocal() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Security.Cryptography.X509Certificates;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url, X509Certificate2 certificate, bool insecure)
            {
                var handler = new HttpClientHandler { MaxConnectionsPerServer = 4 };
                handler.ClientCertificates.Add(certificate);
                if (insecure)
                {
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
                }

                using (var client = {|HCG001:new HttpClient(handler, true)|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """, """
        using System.Net.Http;
        using System.Security.Cryptography.X509Certificates;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class C
        {
            async Task<string> GetAsync(string url, X509Certificate2 certificate, bool insecure)
            {
                var handler = new PooledHandlerOptions { MaxConnectionsPerServer = 4 };
                handler.ClientCertificates.Add(certificate);
                if (insecure)
                {
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
                }

                using (var client = HttpClientPool.CreateClient(handler))
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task ExplicitlyTypedHandlerLocal_Retyped() => VerifyFixAsync("""
        using System.Net.Http;

        public class C
        {
            string Get(string url)
            {
                HttpClientHandler handler = new HttpClientHandler();
                handler.UseCookies = false;
                var client = {|HCG001:new HttpClient(handler)|};
                var first = client.GetStringAsync(url).Result;
                return first + client.GetStringAsync(url).Result;
            }
        }
        """, """
        using System.Net.Http;
        using HttpClientGuard;

        public class C
        {
            string Get(string url)
            {
                PooledHandlerOptions handler = new PooledHandlerOptions();
                handler.UseCookies = false;
                var client = HttpClientPool.CreateClient(handler);
                var first = client.GetStringAsync(url).Result;
                return first + client.GetStringAsync(url).Result;
            }
        }
        """);

    [Fact]
    public Task ClientSettings_BecomeStatementsOnTheLocal() => VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(Uri api, string token)
            {
                using var client = {|HCG001:new HttpClient()|}
                {
                    BaseAddress = api,
                    Timeout = TimeSpan.FromSeconds(10),
                    DefaultRequestHeaders = { { "X-Token", token } },
                };
                return await client.GetStringAsync("status");
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class C
        {
            async Task<string> GetAsync(Uri api, string token)
            {
                using var client = HttpClientPool.CreateClient();
                client.BaseAddress = api;
                client.Timeout = TimeSpan.FromSeconds(10);
                client.DefaultRequestHeaders.Add("X-Token", token);
                return await client.GetStringAsync("status");
            }
        }
        """, WithRuntimeLatest);

    [Fact]
    public Task UsingStatementWithClientSettings_StatementsOpenTheBody() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get(Uri api)
            {
                using (var client = {|HCG001:new HttpClient()|} { BaseAddress = api })
                {
                    return client.GetStringAsync("status").Result;
                }
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using HttpClientGuard;

        public class C
        {
            string Get(Uri api)
            {
                using (var client = HttpClientPool.CreateClient())
                {
                    client.BaseAddress = api;
                    return client.GetStringAsync("status").Result;
                }
            }
        }
        """);

    [Fact]
    public Task SocketsHttpHandlerSslOptions_MapToOptions() => VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography.X509Certificates;

        public class C
        {
            public HttpClient Create(X509Certificate2 certificate) => {|HCG001:new HttpClient(new SocketsHttpHandler
            {
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                SslOptions = new SslClientAuthenticationOptions
                {
                    ClientCertificates = new X509CertificateCollection { certificate },
                    EnabledSslProtocols = SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.Online,
                },
            })|};

            public void Use() => Create(null).ToString();
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography.X509Certificates;
        using HttpClientGuard;

        public class C
        {
            public HttpClient Create(X509Certificate2 certificate) => HttpClientPool.CreateClient(new PooledHandlerOptions { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ClientCertificates = { certificate }, SslProtocols = SslProtocols.Tls13, CheckCertificateRevocationList = true });

            public void Use() => Create(null).ToString();
        }
        """, WithRuntime with { Targets = Targets.Net80 });

    [Fact]
    public Task InlineReceiver_UsesPool() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            Task<string> GetAsync(string url) => {|HCG001:new HttpClient()|}.GetStringAsync(url);
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class C
        {
            Task<string> GetAsync(string url) => HttpClientPool.CreateClient().GetStringAsync(url);
        }
        """);

    [Fact]
    public Task FixAll_AcrossDocuments() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            new[]
            {
                """
                using System.Net.Http;

                public class A
                {
                    string One(string u) { using (var c = {|HCG001:new HttpClient()|}) { return c.GetStringAsync(u).Result; } }

                    public HttpClient Two() => {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|};

                    public void Use() => Two().ToString();
                }
                """,
                """
                using System.Net.Http;

                public class B
                {
                    string Get(string u) => {|HCG001:new HttpClient()|}.GetStringAsync(u).Result;
                }
                """,
            },
            new[]
            {
                """
                using System.Net.Http;
                using HttpClientGuard;

                public class A
                {
                    string One(string u) { using (var c = HttpClientPool.CreateClient()) { return c.GetStringAsync(u).Result; } }

                    public HttpClient Two() => HttpClientPool.CreateClient(new PooledHandlerOptions { UseCookies = false });

                    public void Use() => Two().ToString();
                }
                """,
                """
                using System.Net.Http;
                using HttpClientGuard;

                public class B
                {
                    string Get(string u) => HttpClientPool.CreateClient().GetStringAsync(u).Result;
                }
                """,
            },
            WithRuntime,
            PerCallCreationFixer.UsePoolKey);

    // ---------------------------------------------------------------- not offered

    [Fact]
    public Task RuntimeNotReferenced_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            string Get(string url) => {|HCG001:new HttpClient()|}.GetStringAsync(url).Result;
        }
        """, TestOptions.Default);

    [Fact]
    public Task CookiesOnAndSeveralRequests_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            string LoginThenFetch()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    client.PostAsync("http://localhost/login", null).Wait();
                    return client.GetStringAsync("http://localhost/data").Result;
                }
            }

            public HttpClient Factory() => {|HCG001:new HttpClient()|};

            public void Use() => Factory().ToString();
        }
        """);

    [Fact]
    public Task CookieContainer_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net;
        using System.Net.Http;

        public class C
        {
            string Get(CookieContainer cookies) => {|HCG001:new HttpClient(new HttpClientHandler { CookieContainer = cookies })|}.GetStringAsync("http://localhost/").Result;
        }
        """);

    [Fact]
    public Task HandlerUsedAfterClient_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            string Get()
            {
                var handler = new HttpClientHandler { UseCookies = false };
                var client = {|HCG001:new HttpClient(handler, false)|};
                var text = client.GetStringAsync("http://localhost/").Result;
                handler.Dispose();
                return text;
            }
        }
        """);

    [Fact]
    public Task SettingWithoutCounterpart_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            string Get() => {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false, MaxRequestContentBufferSize = 1024 })|}.GetStringAsync("http://localhost/").Result;
        }
        """);

    [Fact]
    public Task ValidationCallbackInSslOptions_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;
        using System.Net.Security;

        public class C
        {
            public HttpClient Create() => {|HCG001:new HttpClient(new SocketsHttpHandler
            {
                UseCookies = false,
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true },
            })|};

            public void Use() => Create().ToString();
        }
        """, WithRuntime with { Targets = Targets.Net80 });

    [Fact]
    public Task DerivedClient_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        class GitHubClient : HttpClient { }

        public class C
        {
            string Get() => {|HCG001:new GitHubClient()|}.GetStringAsync("http://localhost/").Result;
        }
        """);

    [Fact]
    public Task ClientSettingsOutsideALocal_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            public HttpClient Create() => {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|} { Timeout = TimeSpan.FromSeconds(1) };

            public void Use() => Create().ToString();
        }
        """);
}
