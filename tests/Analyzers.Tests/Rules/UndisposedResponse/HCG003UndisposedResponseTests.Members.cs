using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// HCG003 analyses each member's calls in one callback per member: calls outside method bodies (field
/// initializers, accessors) are found too, and calls in nested types are their own members' (reported once).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task CallsInInitializersAccessorsAndNestedTypes_ReportedOnce() => VerifyAsync("""
        class C
        {
            private readonly Func<HttpClient, Task<int>> _status = async client => (int)({|HCG003:await client.GetAsync("http://x")|}).StatusCode;

            private HttpClient Client { get; } = new HttpClient();

            public int Status
            {
                get { return (int){|HCG003:Client.GetAsync("http://x").Result|}.StatusCode; }
            }

            class Nested
            {
                int M(HttpClient client) => (int){|HCG003:client.GetAsync("http://x").Result|}.StatusCode;
            }
        }
        """);

    [Fact]
    public Task CallsInInitializersAccessorsAndNestedTypesDisposed_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly Func<HttpClient, Task<int>> _status = async client =>
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    return (int)response.StatusCode;
                }
            };

            private HttpClient Client { get; } = new HttpClient();

            public int Status
            {
                get
                {
                    using (var response = Client.GetAsync("http://x").Result)
                    {
                        return (int)response.StatusCode;
                    }
                }
            }

            class Nested
            {
                int M(HttpClient client)
                {
                    using (var response = client.GetAsync("http://x").Result)
                    {
                        return (int)response.StatusCode;
                    }
                }
            }
        }
        """);
}
