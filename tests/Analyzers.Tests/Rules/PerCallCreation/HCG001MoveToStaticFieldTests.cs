using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>HCG001 fix 2: "Move HttpClient to a static readonly field" (needs no runtime library).</summary>
[Trait("Rule", "HCG001")]
public class HCG001MoveToStaticFieldTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };
    private static readonly TestOptions NetStandard = new() { Targets = Targets.NetStandard20 };

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions options) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, options, PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task UsingStatement_BecomesStaticFieldWithConnectionLifetime() => VerifyFixAsync("""
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
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false });

            async Task<string> GetAsync(string url)
            {
                var client = s_client;
                return await client.GetStringAsync(url);
            }
        }
        """, Net80);

    [Fact]
    public Task NetStandard_NoSocketsHttpHandler_HttpClientHandlerWithoutCookies() => VerifyFixAsync("""
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

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });

            async Task<string> GetAsync(string url)
            {
                var client = s_client;
                return await client.GetStringAsync(url);
            }
        }
        """, NetStandard);

    [Fact]
    public Task UsingDeclaration_UsingRemoved() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            async Task<string> GetAsync(string url)
            {
                using var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|};
                return await client.GetStringAsync(url);
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false });

            async Task<string> GetAsync(string url)
            {
                var client = s_client;
                return await client.GetStringAsync(url);
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task ExplicitDisposeCall_Removed_AndExistingFieldStyleFollowed() => VerifyFixAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            private static readonly Uri _api = new Uri("http://localhost/");

            string Get()
            {
                var http = {|HCG001:new HttpClient(new HttpClientHandler())|};
                var text = http.GetStringAsync(_api).Result;
                http.Dispose();
                return text;
            }
        }
        """, """
        using System;
        using System.Net.Http;

        public class C
        {
            private static readonly Uri _api = new Uri("http://localhost/");
            private static readonly HttpClient _http = new HttpClient(new HttpClientHandler() { UseCookies = false });

            string Get()
            {
                var http = _http;
                var text = http.GetStringAsync(_api).Result;
                return text;
            }
        }
        """, TestOptions.Default);

    [Fact]
    public Task InlineReceiver_ReplacedByField() => VerifyFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            Task<string> GetAsync(string url) => {|HCG001:new HttpClient(new HttpClientHandler())|}.GetStringAsync(url);
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler() { UseCookies = false });

            Task<string> GetAsync(string url) => s_httpClient.GetStringAsync(url);
        }
        """, TestOptions.Default);

    [Fact]
    public Task ClientSettingsFromConstants_KeptInFieldInitializer() => VerifyFixAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            const string Api = "https://api.example.com/";

            async Task<string> GetAsync(string path)
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|} { BaseAddress = new Uri(Api), Timeout = TimeSpan.FromSeconds(5) })
                {
                    return await client.GetStringAsync(path);
                }
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            const string Api = "https://api.example.com/";
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler() { UseCookies = false }) { BaseAddress = new Uri(Api), Timeout = TimeSpan.FromSeconds(5) };

            async Task<string> GetAsync(string path)
            {
                var client = s_client;
                return await client.GetStringAsync(path);
            }
        }
        """, TestOptions.Default);

    [Fact]
    public Task NameClashInEnclosingBlock_KeepsOwnBlock() => VerifyFixAsync("""
        using System.Net.Http;

        public class C
        {
            void Run(bool again)
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|})
                {
                    var text = client.GetStringAsync("http://localhost/").Result;
                }

                if (again)
                {
                    var text = "done";
                }
            }
        }
        """, """
        using System.Net.Http;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler() { UseCookies = false });

            void Run(bool again)
            {
                {
                    var client = s_client;
                    var text = client.GetStringAsync("http://localhost/").Result;
                }

                if (again)
                {
                    var text = "done";
                }
            }
        }
        """, TestOptions.Default);

    [Fact]
    public Task FixAll_IdenticalClientsInOneType_ShareOneField_AnotherDocumentGetsItsOwn() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            new[]
            {
                """
                using System.Net.Http;

                public class A
                {
                    string One() { using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|}) { return client.GetStringAsync("http://a/").Result; } }

                    string Two() { using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|}) { return client.GetStringAsync("http://b/").Result; } }
                }
                """,
                """
                using System.Net.Http;

                public class B
                {
                    string Get() => {|HCG001:new HttpClient(new HttpClientHandler())|}.GetStringAsync("http://c/").Result;
                }
                """,
            },
            new[]
            {
                """
                using System.Net.Http;

                public class A
                {
                    private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler() { UseCookies = false });

                    string One() { var client = s_client; return client.GetStringAsync("http://a/").Result; }

                    string Two() { var client = s_client; return client.GetStringAsync("http://b/").Result; }
                }
                """,
                """
                using System.Net.Http;

                public class B
                {
                    private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler() { UseCookies = false });

                    string Get() => s_httpClient.GetStringAsync("http://c/").Result;
                }
                """,
            },
            TestOptions.Default,
            PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task FixAll_DifferentSettingsInOneType_TwoFields() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            """
            using System;
            using System.Net.Http;

            public class A
            {
                string One() { using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|}) { return client.GetStringAsync("http://a/").Result; } }

                string Two() { using (var client = {|HCG001:new HttpClient(new HttpClientHandler())|} { Timeout = TimeSpan.FromSeconds(1) }) { return client.GetStringAsync("http://b/").Result; } }
            }
            """,
            """
            using System;
            using System.Net.Http;

            public class A
            {
                private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler() { UseCookies = false });
                private static readonly HttpClient s_client2 = new HttpClient(new HttpClientHandler() { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(1) };

                string One() { var client = s_client; return client.GetStringAsync("http://a/").Result; }

                string Two() { var client = s_client2; return client.GetStringAsync("http://b/").Result; }
            }
            """,
            TestOptions.Default,
            PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task FixAll_DefaultHandlerTwice_OneSocketsHandlerFieldWithoutCookies() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Api
            {
                private static readonly string _root = "http://localhost/";

                Task<string> UsersAsync() => {|HCG001:new HttpClient()|}.GetStringAsync(_root + "users");

                Task<string> OrdersAsync() => {|HCG001:new HttpClient()|}.GetStringAsync(_root + "orders");
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Api
            {
                private static readonly string _root = "http://localhost/";
                private static readonly HttpClient _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseCookies = false });

                Task<string> UsersAsync() => _httpClient.GetStringAsync(_root + "users");

                Task<string> OrdersAsync() => _httpClient.GetStringAsync(_root + "orders");
            }
            """,
            Net80,
            PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task SharedCookieContainer_KeptAsTheCodeSharedIt() => VerifyFixAsync("""
        using System.Net;
        using System.Net.Http;

        public class C
        {
            private static readonly CookieContainer s_cookies = new CookieContainer();

            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { CookieContainer = s_cookies })|})
                {
                    client.GetStringAsync("http://localhost/login").Wait();
                    return client.GetStringAsync("http://localhost/me").Result;
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http;

        public class C
        {
            private static readonly CookieContainer s_cookies = new CookieContainer();
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { CookieContainer = s_cookies });

            string Get()
            {
                var client = s_client;
                client.GetStringAsync("http://localhost/login").Wait();
                return client.GetStringAsync("http://localhost/me").Result;
            }
        }
        """, TestOptions.Default);

    // ---------------------------------------------------------------- not offered

    [Fact]
    public Task SeveralRequestsOverOwnCookies_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            string LoginThenRead()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    client.GetStringAsync("http://localhost/login").Wait();
                    return client.GetStringAsync("http://localhost/me").Result;
                }
            }
        }
        """);

    [Fact]
    public Task CookiesSwitchedByConfiguration_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        public class C
        {
            static bool s_cookies;

            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = s_cookies })|})
                {
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);

    [Fact]
    public Task DependsOnParameter_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get(Uri api)
            {
                using (var client = {|HCG001:new HttpClient()|} { BaseAddress = api })
                {
                    return client.GetStringAsync("x").Result;
                }
            }
        }
        """);

    [Fact]
    public Task DependsOnInstanceMember_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            private readonly TimeSpan _timeout = TimeSpan.FromSeconds(3);

            string Get()
            {
                using (var client = {|HCG001:new HttpClient()|} { Timeout = _timeout })
                {
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);

    [Fact]
    public Task ClientReconfiguredAfterCreation_NotOffered() => VerifyNotOfferedAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get(string token)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    client.DefaultRequestHeaders.Add("Authorization", token);
                    client.Timeout = TimeSpan.FromSeconds(1);
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);

    [Fact]
    public Task ClientReturnedOrPassedOn_NotOffered() => VerifyNotOfferedAsync("""
        using System.Net.Http;

        class Api { public Api(HttpClient client) { } }

        public class C
        {
            public HttpClient Create() => {|HCG001:new HttpClient()|};

            public void Use() => Create().ToString();

            Api Wrap()
            {
                var client = {|HCG001:new HttpClient()|};
                return new Api(client);
            }
        }
        """);

    private static Task VerifyNotOfferedAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, source, TestOptions.Default, PerCallCreationFixer.MoveToStaticFieldKey);
}
