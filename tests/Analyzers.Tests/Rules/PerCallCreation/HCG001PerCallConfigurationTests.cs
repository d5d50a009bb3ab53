using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// HCG001 on a client configured after its creation (<c>DefaultRequestHeaders</c>, <c>BaseAddress</c>,
/// <c>Timeout</c>): the pool fix keeps the configuration per client; the static-field fix moves it into the
/// field only when it is the same on every call and comes before any request; otherwise no static field.
/// Every case runs under C# 7.3 and the latest version, net8.0 and netstandard2.0.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001PerCallConfigurationTests
{
    private static readonly TestOptions WithRuntime = new() { WithRuntime = true };

    private static Task VerifyHoistAsync(string source, string fixedSource) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, null, PerCallCreationFixer.MoveToStaticFieldKey);

    private static Task VerifyNoHoistAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, source, WithRuntime, PerCallCreationFixer.MoveToStaticFieldKey);

    [Fact]
    public Task ConstantSettingsAndHeaders_MovedIntoTheField() => VerifyHoistAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    client.BaseAddress = new Uri("http://localhost/");
                    client.Timeout = TimeSpan.FromSeconds(5);
                    client.DefaultRequestHeaders.Add("User-Agent", "hcg");
                    return client.GetStringAsync("users").Result;
                }
            }
        }
        """, """
        using System;
        using System.Net.Http;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(5), DefaultRequestHeaders = { { "User-Agent", "hcg" } } };

            string Get()
            {
                var client = s_client;
                return client.GetStringAsync("users").Result;
            }
        }
        """);

    [Fact]
    public Task ConstantHeaderCollections_MovedIntoTheField_AfterItsInitializer() => VerifyHoistAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;

        public class C
        {
            private const string Json = "application/json";

            string Get()
            {
                var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|} { Timeout = TimeSpan.FromSeconds(5) };
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
                client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
                var text = client.GetStringAsync("http://localhost/").Result;
                client.Dispose();
                return text;
            }
        }
        """, """
        using System;
        using System.Net.Http;
        using System.Net.Http.Headers;

        public class C
        {
            private const string Json = "application/json";
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5), DefaultRequestHeaders = { Accept = { new MediaTypeWithQualityHeaderValue(Json), new MediaTypeWithQualityHeaderValue("text/plain") }, AcceptLanguage = { new StringWithQualityHeaderValue("en") } } };

            string Get()
            {
                var client = s_client;
                var text = client.GetStringAsync("http://localhost/").Result;
                return text;
            }
        }
        """);

    [Fact]
    public Task IdenticalConfiguredClients_FixAllSharesOneField() => VerifyHoistAsync("""
        using System.Net.Http;

        public class C
        {
            string Users()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    client.DefaultRequestHeaders.Add("User-Agent", "hcg");
                    return client.GetStringAsync("http://localhost/users").Result;
                }
            }

            string Orders()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    client.DefaultRequestHeaders.Add("User-Agent", "hcg");
                    return client.GetStringAsync("http://localhost/orders").Result;
                }
            }
        }
        """, """
        using System.Net.Http;

        public class C
        {
            private static readonly HttpClient s_client = new HttpClient(new HttpClientHandler { UseCookies = false }) { DefaultRequestHeaders = { { "User-Agent", "hcg" } } };

            string Users()
            {
                var client = s_client;
                return client.GetStringAsync("http://localhost/users").Result;
            }

            string Orders()
            {
                var client = s_client;
                return client.GetStringAsync("http://localhost/orders").Result;
            }
        }
        """);

    [Fact]
    public Task ConfiguredPerCall_PoolKeepsItPerClient_NoStaticField()
    {
        const string source = """
            using System;
            using System.Net.Http;

            public class C
            {
                string Get(Uri api, string token)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        client.DefaultRequestHeaders.Add("Authorization", token);
                        client.BaseAddress = api;
                        client.Timeout = TimeSpan.FromSeconds(1);
                        return client.GetStringAsync("x").Result;
                    }
                }
            }
            """;
        return Task.WhenAll(
            VerifyNoHoistAsync(source),
            Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, """
                using System;
                using System.Net.Http;
                using HttpClientGuard;

                public class C
                {
                    string Get(Uri api, string token)
                    {
                        using (var client = HttpClientPool.CreateClient())
                        {
                            client.DefaultRequestHeaders.Add("Authorization", token);
                            client.BaseAddress = api;
                            client.Timeout = TimeSpan.FromSeconds(1);
                            return client.GetStringAsync("x").Result;
                        }
                    }
                }
                """, WithRuntime, PerCallCreationFixer.UsePoolKey));
    }

    [Fact]
    public Task OneValuePerCall_AmongConstants_NoStaticField() => VerifyNoHoistAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get(string agent)
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    client.Timeout = TimeSpan.FromSeconds(5);
                    client.DefaultRequestHeaders.Add("User-Agent", agent);
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);

    [Fact]
    public Task ConfiguredAfterARequest_NoStaticField() => VerifyNoHoistAsync("""
        using System.Net.Http;

        public class C
        {
            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    var first = client.GetStringAsync("http://localhost/a").Result;
                    client.DefaultRequestHeaders.Add("X-After", "1");
                    return first;
                }
            }
        }
        """);

    [Fact]
    public Task PlainAndNamedHeadersMixed_NoStaticField() => VerifyNoHoistAsync("""
        using System.Net.Http;
        using System.Net.Http.Headers;

        public class C
        {
            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                {
                    client.DefaultRequestHeaders.Add("X-Api", "1");
                    client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);

    [Fact]
    public Task SettingInInitializerAndStatement_NoStaticField() => VerifyNoHoistAsync("""
        using System;
        using System.Net.Http;

        public class C
        {
            string Get()
            {
                using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|} { Timeout = TimeSpan.FromSeconds(1) })
                {
                    client.Timeout = TimeSpan.FromSeconds(5);
                    return client.GetStringAsync("http://localhost/").Result;
                }
            }
        }
        """);
}
