using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// Code the compiler proves never runs (CS0162: after a <c>return</c> of its block, in an <c>if (false)</c> branch) sends
/// nothing, so a response dropped there is no leak. The same dropped response in reachable code, or in a local function
/// declared after the <c>return</c> and called before it, is one.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task DroppedInUnreachableCode_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<bool> CheckAsync()
            {
                return true;
                var response = await _client.GetAsync("http://x/ping");
                return response.IsSuccessStatusCode;
            }

            public async Task<bool> DisabledAsync()
            {
                if (false)
                {
                    var response = await _client.GetAsync("http://x/ping");
                    return response.IsSuccessStatusCode;
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task DroppedInReachableCodeOrALocalFunctionAfterTheReturn_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<bool> CheckAsync(bool enabled)
            {
                if (!enabled)
                {
                    return true;
                }

                var response = {|HCG003:await _client.GetAsync("http://x/ping")|};
                return response.IsSuccessStatusCode;
            }

            public async Task<bool> ViaLocalFunctionAsync()
            {
                return await Ping();

                async Task<bool> Ping()
                {
                    var response = {|HCG003:await _client.GetAsync("http://x/ping")|};
                    return response.IsSuccessStatusCode;
                }
            }
        }
        """);
}
