using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// <c>System.Net.Http.HttpClientFactory.Create(params DelegatingHandler[])</c> (Microsoft.AspNet.WebApi.Client) makes a new
/// client over a new <c>HttpClientHandler</c> on every call: a call per call is reported as a <c>new HttpClient()</c> there
/// would be, bound or, with the package missing, by its written shape. The overload over a given inner handler, a type of
/// the compilation's own of that name, and calls whose arguments may be an inner handler stay quiet. The package's licence
/// keeps it out of the tests: its type is declared here with the package's signatures.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FrameworkClientFactoryTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static readonly TestOptions s_halfTyped = new() { IgnoreCompilerDiagnostics = true };

    private const string WebApiFactory = PackageStubs.WebApiHttpClientFactory + """
        class LoggingHandler : System.Net.Http.DelegatingHandler { }
        """;

    [Fact]
    public Task CreatePerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Commands
        {
            public async Task<string> Fetch(string url)
            {
                using (var client = {|HCG001:HttpClientFactory.Create()|})
                {
                    return await client.GetStringAsync(url);
                }
            }

            public async Task<string> Compressed(string url)
            {
                using (var client = {|HCG001:System.Net.Http.HttpClientFactory.Create(new LoggingHandler())|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """ + WebApiFactory);

    [Fact]
    public Task CreateOnceOrOverAGivenHandler_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class Commands
        {
            private static readonly HttpClient s_client = HttpClientFactory.Create(new LoggingHandler());
            private static readonly HttpClientHandler s_inner = new HttpClientHandler();

            public Task<string> Fetch(string url) => s_client.GetStringAsync(url);

            public async Task<string> OverTheSharedHandler(string url)
            {
                var client = HttpClientFactory.Create(s_inner, new LoggingHandler());
                return await client.GetStringAsync(url);
            }
        }
        """ + WebApiFactory);

    [Fact]
    public Task PackageMissingCreatePerCall_Diagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class LoggingHandler : DelegatingHandler { }

        class Commands
        {
            public async Task<string> Fetch(string url)
            {
                using (var client = {|HCG001:HttpClientFactory.Create()|})
                {
                    return await client.GetStringAsync(url);
                }
            }

            public async Task<string> Compressed(string url)
            {
                using (var client = {|HCG001:HttpClientFactory.Create(new LoggingHandler(), new LoggingHandler())|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task PackageMissingArgumentsMayBeTheInnerHandlerOrOtherFactory_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using Contoso.Http;

        namespace Contoso.Http
        {
            public static class HttpClientFactory
            {
                private static readonly HttpClient s_shared = new HttpClient();
                public static HttpClient Create() => s_shared;
            }
        }

        class Commands
        {
            private static readonly HttpClientHandler s_inner = new HttpClientHandler();

            public async Task<string> OverTheSharedHandler(string url)
            {
                var client = System.Net.Http.HttpClientFactory.Create(s_inner);
                return await client.GetStringAsync(url);
            }

            public async Task<string> UnknownArgument(string url)
            {
                var client = System.Net.Http.HttpClientFactory.Create(Missing.Handler);
                return await client.GetStringAsync(url);
            }

            public Task<string> OwnFactory(string url) => HttpClientFactory.Create().GetStringAsync(url);
        }
        """, s_halfTyped);

    [Fact]
    public Task PackageMissingWithoutTheNamespace_NoDiagnostic() => VerifyAsync("""
        using System.Threading.Tasks;

        class Commands
        {
            public async Task<string> Fetch(string url)
            {
                System.Net.Http.HttpClient client = HttpClientFactory.Create();
                return await client.GetStringAsync(url);
            }
        }

        namespace System.Net
        {
            class Outer
            {
                public async Task<string> Fetch(string url)
                {
                    System.Net.Http.HttpClient client = HttpClientFactory.Create();
                    return await client.GetStringAsync(url);
                }
            }
        }
        """, s_halfTyped);

    [Fact]
    public Task PackageMissingInsideTheFactorysNamespace_Diagnostic() => VerifyAsync("""
        using System.Threading.Tasks;

        namespace System.Net.Http.Clients
        {
            class Commands
            {
                public async Task<string> Fetch(string url)
                {
                    using (var client = {|HCG001:HttpClientFactory.Create()|})
                    {
                        return await client.GetStringAsync(url);
                    }
                }
            }
        }
        """, s_halfTyped);

    private const string ForFix = """
        using System.Net.Http;
        using System.Threading.Tasks;

        class Wrapper
        {
            public Wrapper(HttpClient client) { }
        }

        class Commands
        {
            public async Task<string> Fetch(string url)
            {
                using (var client = {|HCG001:HttpClientFactory.Create()|})
                {
                    return await client.GetStringAsync(url);
                }
            }

            public void Wrap()
            {
                var wrapper = new Wrapper({|HCG001:HttpClientFactory.Create()|});
            }
        }
        """ + WebApiFactory;

    [Fact]
    public Task FactoryCall_UsePool_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(ForFix, ForFix, new TestOptions { Targets = Targets.Net80, WithRuntime = true }, PerCallCreationFixer.UsePoolKey);

    [Fact]
    public Task FactoryCall_MoveToStaticField_NotOffered() =>
        Verify<PerCallCreationAnalyzer>.FixAsync<PerCallCreationFixer>(ForFix, ForFix, new TestOptions { Targets = Targets.Net80 }, PerCallCreationFixer.MoveToStaticFieldKey);
}
