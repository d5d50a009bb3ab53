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
            private static readonly HttpClient s_client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            async Task<string> GetAsync(string url)
            {
                var client = s_client;
                return await client.GetStringAsync(url);
            }
        }
        """, Net80);

    [Fact]
    public Task NetStandard_NoSocketsHttpHandler_KeepsDefaultHandler() => VerifyFixAsync("""
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
            private static readonly HttpClient s_client = new HttpClient();

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
            private static readonly HttpClient _http = new HttpClient(new HttpClientHandler());

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
            private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler());

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
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler()) { BaseAddress = new Uri(Api), Timeout = TimeSpan.FromSeconds(5) };

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
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler());

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
    public Task FixAll_TwoClientsInOneTypeAndAnotherDocument_UniqueNames() =>
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
                    private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler());
                    private static readonly HttpClient s_client2 = new HttpClient(new HttpClientHandler());

                    string One() { var client = s_client; return client.GetStringAsync("http://a/").Result; }

                    string Two() { var client = s_client2; return client.GetStringAsync("http://b/").Result; }
                }
                """,
                """
                using System.Net.Http;

                public class B
                {
                    private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler());

                    string Get() => s_httpClient.GetStringAsync("http://c/").Result;
                }
                """,
            },
            TestOptions.Default,
            PerCallCreationFixer.MoveToStaticFieldKey);

    // ---------------------------------------------------------------- not offered

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
