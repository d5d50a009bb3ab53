using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A lambda handed to a method of this compilation that invokes it once and returns what it returns, as it is or inside an
/// object it builds (<c>CreateCore(url, u =&gt; new NetService(u))</c> with <c>var net = factory(url); return new ApiClient(net);</c>):
/// what the lambda makes goes where the call's result goes. Returned to the caller of a public factory, kept in a static, it
/// is not per call; dropped by a method each request runs, it is.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001DelegateResultReturnedTests
{
    private const string Types = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Holder
        {
            public Holder(HttpClient client)
            {
                Client = client;
            }

            public HttpClient Client { get; }
        }

        internal static class Factories
        {
            internal static Holder Wrap(string url, Func<string, HttpClient> make)
            {
                if (make == null)
                {
                    throw new ArgumentNullException(nameof(make));
                }

                var client = make(url);
                return new Holder(client);
            }

            internal static async Task<HttpClient> MakeAsync(string url, Func<string, HttpClient> make)
            {
                await Task.Yield();
                return make(url);
            }
        }

        """;

    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Types + source);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task ResultUsedAndDroppedPerCall_Reported() => VerifyAsync("""
        public sealed class Downloader
        {
            public async Task<string> Get(string url)
            {
                var holder = Factories.Wrap(url, u => {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) });
                return await holder.Client.GetStringAsync(url);
            }

            public async Task<string> GetDirect(string url)
            {
                var client = await Factories.MakeAsync(url, u => {|HCG001:new HttpClient()|});
                return await client.GetStringAsync(url);
            }
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task ResultReturnedByAPublicFactory_NoDiagnostic() => VerifyAsync("""
        public static class Clients
        {
            public static Holder Create(string url)
            {
                return Factories.Wrap(url, u => new HttpClient { BaseAddress = new Uri(u) });
            }

            public static async Task<HttpClient> CreateAsync(string url)
            {
                return await Factories.MakeAsync(url, u => new HttpClient()).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task ResultKeptInAStatic_NoDiagnostic() => VerifyAsync("""
        public static class Shared
        {
            private static Holder s_holder;

            public static Holder Get(string url)
            {
                if (s_holder == null)
                {
                    s_holder = Factories.Wrap(url, u => new HttpClient());
                }

                return s_holder;
            }
        }
        """);
}
