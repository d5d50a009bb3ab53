using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// HCG001 fixes for a client created in a constructor initializer (<c>: this(new HttpClient(...))</c>,
/// <c>: base(...)</c>): the static field where the constructor it is handed to and the type that keeps it only
/// call it and its cookies are already off or shared; the pool where the runtime is referenced and cookies are off.
/// Output is the same under C# 7.3 and the latest version, net8.0 and netstandard2.0 (every case runs under each).
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ConstructorInitializerTests
{
    private static Task VerifyHoistAsync(string source, string fixedSource) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, fixedSource, null, PerCallCreationFixer.MoveToStaticFieldKey);

    private static Task VerifyNoHoistAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(source, source, options, PerCallCreationFixer.MoveToStaticFieldKey);

    private const string Caller = """


        public class Caller
        {
            public Task<string> Run(string url) => new Api().GetAsync(url);
        }
        """;

    [Fact]
    public Task ThisInitializer_CookiesOff_MovedToStaticField() => VerifyHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;

            public Api() : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """ + Caller, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;
            private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler { UseCookies = false });

            public Api() : this(s_httpClient)
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """ + Caller);

    [Fact]
    public Task BaseInitializer_CookiesOff_MovedToStaticField() => VerifyHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public abstract class ServiceBase
        {
            private readonly HttpClient _http;

            protected ServiceBase(HttpClient http)
            {
                this._http = http;
            }

            public Task<string> GetAsync(string url) => _http.GetStringAsync(url);
        }

        public class Api : ServiceBase
        {
            public Api() : base({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
            {
            }
        }
        """ + Caller, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public abstract class ServiceBase
        {
            private readonly HttpClient _http;

            protected ServiceBase(HttpClient http)
            {
                this._http = http;
            }

            public Task<string> GetAsync(string url) => _http.GetStringAsync(url);
        }

        public class Api : ServiceBase
        {
            private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler { UseCookies = false });

            public Api() : base(s_httpClient)
            {
            }
        }
        """ + Caller);

    [Fact]
    public Task ChainedInitializers_IdenticalClients_FixAllSharesOneField() => VerifyHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;
            private readonly string _name;

            public Api() : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|}, "default")
            {
            }

            public Api(string name) : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|}, name)
            {
            }

            private Api(HttpClient client, string name) : this(client)
            {
                _name = name;
            }

            private Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url + _name);
        }

        public class Caller
        {
            public Task<string> Run(string url) => new Api().GetAsync(url);

            public Task<string> RunNamed(string url) => new Api("x").GetAsync(url);
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;
            private readonly string _name;
            private static readonly HttpClient s_httpClient = new HttpClient(new HttpClientHandler { UseCookies = false });

            public Api() : this(s_httpClient, "default")
            {
            }

            public Api(string name) : this(s_httpClient, name)
            {
            }

            private Api(HttpClient client, string name) : this(client)
            {
                _name = name;
            }

            private Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url + _name);
        }

        public class Caller
        {
            public Task<string> Run(string url) => new Api().GetAsync(url);

            public Task<string> RunNamed(string url) => new Api("x").GetAsync(url);
        }
        """);

    [Fact]
    public Task DefaultHandler_CookiesPerInstance_NoHoist() => VerifyNoHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;

            public Api() : this({|HCG001:new HttpClient()|})
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """ + Caller);

    [Fact]
    public Task KeptClientDisposedByTheType_NoHoist() => VerifyNoHoistAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Api : IDisposable
        {
            private readonly HttpClient _client;

            public Api() : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);

            public void Dispose() => _client.Dispose();
        }

        public class Caller
        {
            public async Task<string> Run(string url)
            {
                using (var api = new Api())
                {
                    return await api.GetAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task ReceivingConstructorConfiguresTheClient_NoHoist() => VerifyNoHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;

            public Api(string token) : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|}, token)
            {
            }

            public Api(HttpClient client, string token)
            {
                client.DefaultRequestHeaders.Add("Authorization", token);
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }

        public class Caller
        {
            public Task<string> Run(string url, string token) => new Api(token).GetAsync(url);
        }
        """);

    [Fact]
    public Task KeptInPublicProperty_NoHoist() => VerifyNoHoistAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            public Api() : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
            {
            }

            public Api(HttpClient client)
            {
                Client = client;
            }

            public HttpClient Client { get; }

            public Task<string> GetAsync(string url) => Client.GetStringAsync(url);
        }
        """ + Caller);

    [Fact]
    public Task ThisInitializer_CookiesOff_UsesPool() => Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private readonly HttpClient _client;

            public Api() : this({|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """ + Caller, """
        using System.Net.Http;
        using System.Threading.Tasks;
        using HttpClientGuard;

        public class Api
        {
            private readonly HttpClient _client;

            public Api() : this(HttpClientPool.CreateClient(new PooledHandlerOptions { UseCookies = false }))
            {
            }

            public Api(HttpClient client)
            {
                _client = client;
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);
        }
        """ + Caller, new TestOptions { WithRuntime = true }, PerCallCreationFixer.UsePoolKey);
}
