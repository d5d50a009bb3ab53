using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client or handler in code that never runs (after a <c>return</c> of its block, in an <c>if (false)</c> branch) is
/// never made: quiet. The same creation in reachable code, after a <c>return</c> only one configuration compiles
/// (<c>#if DEBUG</c>; here a symbol never defined, so that the return is compiled), or in a local function declared after the <c>return</c> and called before it, is made per call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002UnreachableCodeTests
{
    [Fact]
    public Task CreatedInUnreachableCode_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Connection
        {
            public async Task<bool> CheckConnectionStrengthAsync()
            {
                return true;
                using (var client = new HttpClient())
                {
                    return (await client.GetStringAsync("https://example.org/ping")).Length > 0;
                }
            }

            public async Task<string> DisabledAsync()
            {
                if (false)
                {
                    using (var client = new HttpClient(new HttpClientHandler { UseCookies = false }))
                    {
                        return await client.GetStringAsync("https://example.org/ping");
                    }
                }

                return string.Empty;
            }
        }
        """);

    [Fact]
    public Task CreatedInReachableCodeOrALocalFunctionAfterTheReturn_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Connection
        {
            public async Task<bool> CheckConnectionStrengthAsync(bool enabled)
            {
                if (!enabled)
                {
                    return true;
                }

                using (var client = {|HCG001:new HttpClient()|})
                {
                    return (await client.GetStringAsync("https://example.org/ping")).Length > 0;
                }
            }

            // A return only one configuration compiles: the code after it runs in the others.
            public async Task<bool> ReleaseOnlyAsync()
            {
        #if !HCG_TEST_SYMBOL_NEVER_DEFINED
                return false;
        #endif
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return (await client.GetStringAsync("https://example.org/settings")).Length > 0;
                }
            }

            public async Task<string> ViaLocalFunctionAsync()
            {
                return await Ping();

                async Task<string> Ping()
                {
                    using (var client = {|HCG001:new HttpClient(new HttpClientHandler { UseCookies = false })|})
                    {
                        return await client.GetStringAsync("https://example.org/ping");
                    }
                }
            }
        }
        """);
}
