using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A local function that hands out a received response (<c>async Task&lt;HttpResponseMessage&gt; WriteCommandAsync(...)</c>
/// inside a polling method) is a producer as a method is: a call that drops its response is reported; one that disposes,
/// returns or keeps it is not, and neither is one whose local function builds the response itself.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    [Fact]
    public Task ResponseOfALocalFunctionDropped_Diagnostic() => VerifyAsync("""
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                var response = {|HCG003:await WriteCommandAsync(new Uri(server, "/status"))|};
                var text = await response.Content.ReadAsStringAsync();
                return text.Length;

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri)
                {
                    var message = new HttpRequestMessage(HttpMethod.Get, uri);
                    return await _client.SendAsync(message);
                }
            }
        }
        """);

    [Fact]
    public Task ResponseOfALocalFunctionDisposedReturnedOrBuilt_NoDiagnostic() => VerifyAsync("""
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                using (var response = await WriteCommandAsync(new Uri(server, "/status")))
                {
                    var offline = Offline();
                    return (int)response.StatusCode + (int)offline.StatusCode;
                }

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                    await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));

                HttpResponseMessage Offline() => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
            }

            public Task<HttpResponseMessage> Forward(Uri server)
            {
                return WriteCommandAsync(new Uri(server, "/status"));

                Task<HttpResponseMessage> WriteCommandAsync(Uri uri) => _client.GetAsync(uri);
            }
        }
        """);
    private const string LocalFunctionPoll = """
        class MediaSource
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<int> Poll(Uri server)
            {
                var response = {|HCG003:await WriteCommandAsync(new Uri(server, "/status"))|};
                var text = await response.Content.ReadAsStringAsync();
                return text.Length;

                async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                    await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
            }
        }
        """;

    [Fact]
    public Task ResponseOfALocalFunctionDropped_AddsUsingDeclaration() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(Usings + LocalFunctionPoll, Usings + """
            class MediaSource
            {
                private readonly HttpClient _client = new HttpClient();

                public async Task<int> Poll(Uri server)
                {
                    using var response = await WriteCommandAsync(new Uri(server, "/status"));
                    var text = await response.Content.ReadAsStringAsync();
                    return text.Length;

                    async Task<HttpResponseMessage> WriteCommandAsync(Uri uri) =>
                        await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
                }
            }
            """, TestOptions.LatestOnly);

    [Fact]
    public Task ResponseOfALocalFunctionDroppedBeforeC8_NoFixThatWouldHideTheLocalFunction() =>
        // A using block would move the local function out of reach of the statements before it: no fix under C# 7.3.
        Verify<UndisposedResponseAnalyzer>.FixAsync<UndisposedResponseFixer>(Usings + LocalFunctionPoll, Usings + LocalFunctionPoll, TestOptions.CSharp73Only);
    // {0}: what the local function does with the captured response local; {1}, {2}: the markup around the first response.
    private const string DeviceRefresh = """
        class JellyfinSource
        {
            public List<string> Devices { get; } = new List<string>();

            public async Task Refresh(Uri server, HttpClient client, System.Threading.CancellationToken token)
            {
                var uri = new Uri(server, "/Devices");
                var response = {1}await client.GetAsync(uri, token){2};
                response.EnsureSuccessStatusCode();

                var content = await response.Content.ReadAsStringAsync();
                foreach (var id in content.Split(','))
                {
                    Devices.Add(await TryGetCustomName(id) ?? id);
                }

                async Task<string> TryGetCustomName(string id)
                {
                    {0}
                }
            }
        }
        """;

    private static string Refresh(string localFunction, bool reported) => DeviceRefresh
        .Replace("{0}", localFunction).Replace("{1}", reported ? "{|HCG003:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task CapturedResponseOverwrittenByALocalFunctionThatOnlyReadsIt_Diagnostic() => VerifyAsync(Refresh("""
                    uri = new Uri(server, "/Devices/Options?id=" + id);
                    response = {|HCG003:await client.GetAsync(uri, token)|};
                    response.EnsureSuccessStatusCode();
                    content = await response.Content.ReadAsStringAsync();
                    return content.Length > 0 ? content : null;
        """, reported: true));

    [Fact]
    public Task CapturedResponseOnlyReadByALocalFunction_Diagnostic() => VerifyAsync(Refresh("""
                    await Task.Yield();
                    return response.StatusCode + id;
        """, reported: true));

    [Fact]
    public Task CapturedResponseDisposedByALocalFunction_NoDiagnostic() => VerifyAsync(Refresh("""
                    await Task.Yield();
                    response.Dispose();
                    return id;
        """, reported: false));

    [Fact]
    public Task CapturedResponseReturnedThroughALocalFunctionHandedOut_NoDiagnostic() => VerifyAsync(Refresh("""
                    await Task.Yield();
                    Func<HttpResponseMessage> keep = Keep;
                    Kept.Add(keep);
                    return id;
                }

                HttpResponseMessage Keep()
                {
                    return response;
        """, reported: false).Replace("public List<string> Devices", "public List<Func<HttpResponseMessage>> Kept { get; } = new List<Func<HttpResponseMessage>>();\n    public List<string> Devices"));
    [Fact]
    public Task CapturedResponseOfALocalFunctionOverwrittenByItsOwnLocalFunction_Diagnostic() => VerifyAsync("""
        class JellyfinSource
        {
            public List<string> Devices { get; } = new List<string>();

            public async Task RefreshDevices(Uri server, HttpClient client, System.Threading.CancellationToken token)
            {
                try
                {
                    await DoRefreshDevices(token);
                }
                catch (Exception e)
                {
                    Console.WriteLine(e);
                }

                async Task DoRefreshDevices(System.Threading.CancellationToken cancel)
                {
                    var uri = new Uri(server, "/Devices");
                    var response = {|HCG003:await client.GetAsync(uri, cancel)|};
                    response.EnsureSuccessStatusCode();
                    var content = await response.Content.ReadAsStringAsync();
                    foreach (var id in content.Split(','))
                    {
                        Devices.Add(await TryGetCustomName(id) ?? id);
                    }

                    async Task<string> TryGetCustomName(string id)
                    {
                        uri = new Uri(server, "/Devices/Options?id=" + id);
                        response = {|HCG003:await client.GetAsync(uri, cancel)|};
                        response.EnsureSuccessStatusCode();
                        content = await response.Content.ReadAsStringAsync();
                        return content.Length > 0 ? content : null;
                    }
                }
            }
        }
        """);
    [Fact]
    public Task CapturedResponseOnlyReadByALocalFunctionCalledWithAnUnboundArgument_Diagnostic() => VerifyAsync(Refresh("""
                    await Task.Yield();
                    return response.StatusCode + id;
        """, reported: true).Replace("await TryGetCustomName(id)", "await TryGetCustomName(JObject.Parse(id))").Replace("async Task<string> TryGetCustomName(string id)", "async Task<string> TryGetCustomName(JObject id)"), s_halfTypedLocal);

    [Fact]
    public Task CapturedResponseOfALocalFunctionAlsoUsedAsADelegate_NoDiagnostic() => VerifyAsync(Refresh("""
                    await Task.Yield();
                    return response.StatusCode + id;
        """, reported: false).Replace("Devices.Add(await TryGetCustomName(id) ?? id);", "Func<string, Task<string>> lookup = TryGetCustomName; Devices.Add(await lookup(id) ?? id);"));

    private static readonly TestOptions s_halfTypedLocal = new() { IgnoreCompilerDiagnostics = true };
}
