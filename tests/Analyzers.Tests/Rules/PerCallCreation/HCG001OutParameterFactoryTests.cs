using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A private factory that hands its client out through an <c>out</c> parameter (<c>Initialize(out _endpoint, out _httpClient)</c>)
/// stores it where the argument lives: into a field, once per instance of the type, whose lifetime then decides; into a
/// local (<c>out var client</c>), per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001OutParameterFactoryTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // {0}: how Get initializes; {1}: the markup around the client Initialize makes; {2}: who holds a ChatClients.
    private const string Source = """
        using System;
        using System.Net.Http;

        public sealed class ChatClients
        {
            private readonly object _lock = new object();
            private bool _initialized;
            private Uri _endpoint;
            private HttpClient _httpClient;

            public string Get(string path)
            {
                {0}
            }

            private void Initialize(out Uri endpoint, out HttpClient httpClient)
            {
                endpoint = new Uri("http://localhost:5000/");
                httpClient = {1};
            }
        }

        public static class Api
        {
            {2}
        }
        """;

    private const string Guarded = """
        if (!_initialized)
                {
                    lock (_lock)
                    {
                        if (!_initialized)
                        {
                            Initialize(out _endpoint, out _httpClient);
                            _initialized = true;
                        }
                    }
                }

                return _httpClient.GetStringAsync(new Uri(_endpoint, path)).Result;
        """;

    private const string Local = """
        Initialize(out var endpoint, out var client);
                using (client)
                {
                    return client.GetStringAsync(new Uri(endpoint, path)).Result;
                }
        """;

    private const string Shared = "private static readonly ChatClients s_clients = new ChatClients(); public static string Models() => s_clients.Get(\"models\");";

    private const string PerCall = "public static string Models() => new ChatClients().Get(\"models\");";

    private const string Client = "new HttpClient(new HttpClientHandler()) { Timeout = TimeSpan.FromSeconds(30) }";

    private const string ReportedClient = "{|HCG001:new HttpClient(new HttpClientHandler())|} { Timeout = TimeSpan.FromSeconds(30) }";

    [Fact]
    public Task OutIntoAFieldOfASharedInstance_NoDiagnostic() =>
        VerifyAsync(Source.Replace("{0}", Guarded).Replace("{1}", Client).Replace("{2}", Shared), TestOptions.LatestOnly);

    [Fact]
    public Task OutIntoAFieldOfAnInstanceMadePerCall_Diagnostic() =>
        VerifyAsync(Source.Replace("{0}", Guarded).Replace("{1}", ReportedClient).Replace("{2}", PerCall), TestOptions.LatestOnly);

    [Fact]
    public Task OutIntoALocal_Diagnostic() =>
        VerifyAsync(Source.Replace("{0}", Local).Replace("{1}", ReportedClient).Replace("{2}", Shared), TestOptions.LatestOnly);

    // {0}: what the sender does with the client TryCreateHttpClient hands out; {1}: the markup around the creation.
    private const string Sender = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class TelemetrySender
        {
            public HttpClient Client { get; private set; }

            internal bool TryCreateHttpClient(out HttpClient client)
            {
                client = {1};
                return true;
            }

            public async Task<bool> StartSessionAsync()
            {
                if (!TryCreateHttpClient(out var client))
                {
                    return false;
                }

                {0}
                return true;
            }
        }

        public static class Telemetry
        {
            public static readonly TelemetrySender Sender = new TelemetrySender();
        }
        """;

    [Fact]
    public Task OutVariableTheCallerStoresInAProperty_NoDiagnostic() =>
        VerifyAsync(Sender.Replace("{0}", "Client = client;").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task OutVariableTheCallerUsesAndDrops_Diagnostic() =>
        VerifyAsync(Sender.Replace("{0}", "await client.GetStringAsync(\"http://localhost/session\");").Replace("{1}", "{|HCG001:new HttpClient()|}"));
}
