using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client stored into a field by a method that a caller runs again (not the constructor) replaces the kept client on
/// each run and leaves the old pool undisposed: per call, wherever the owner lives, also in a branch on what the call
/// brings. A rebuild under a test of a stored field, after an early return, in a catch, after disposing the old one, run
/// once (from Main) or only through a public method nobody here calls stays quiet.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HCG002ReplacedFieldTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static readonly TestOptions Program = new() { IsExecutable = true };

    [Fact]
    public Task RecreatedByTheConstructorAndByEveryInstallRun_Diagnostic() => VerifyAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class DownloadService
        {
            protected HttpClient _httpClient;

            public DownloadService()
            {
                RecreateHttpClient();
            }

            protected void RecreateHttpClient()
            {
                _httpClient = {|HCG001:new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip })|};
                _httpClient.DefaultRequestHeaders.Add("User-Agent", "setup");
            }
        }

        public class InstallService : DownloadService
        {
            public async Task StartInstallAsync(string folder)
            {
                try
                {
                    RecreateHttpClient();
                    await _httpClient.GetStringAsync(folder);
                }
                finally
                {
                }
            }
        }
        """);

    [Fact]
    public Task SingletonClientRebuiltOnEveryClearCookies_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net;
        using System.Net.Http;

        static class Program
        {
            static void Main()
            {
                WebApi.Instance.Init();
            }
        }

        public class WebApi
        {
            public static WebApi Instance = new WebApi();

            public CookieContainer CookieContainer = new CookieContainer();
            private HttpClient _httpClient;
            private HttpClientHandler _httpHandler;

            public void Init()
            {
                InitializeHttpClient();
            }

            private void InitializeHttpClient()
            {
                _httpHandler = new HttpClientHandler { CookieContainer = CookieContainer };
                _httpClient = {|HCG001:new HttpClient(_httpHandler)|};
            }

            public void ClearCookies()
            {
                CookieContainer = new CookieContainer();
                InitializeHttpClient();
            }
        }
        """, Program);

    [Fact]
    public Task ReplacedFromAnEventHandlerAndInAnArrowMethod_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Settings
        {
            public event EventHandler Changed;
        }

        public class Uploader
        {
            private static HttpClient s_client = new HttpClient();
            private HttpClient _client = new HttpClient();

            public Uploader(Settings settings)
            {
                settings.Changed += (sender, e) => Reconnect();
                settings.Changed += (sender, e) => { ResetShared(); };
            }

            private void Reconnect() => _client = {|HCG001:new HttpClient()|};

            private static void ResetShared()
            {
                s_client = {|HCG001:new HttpClient()|};
            }
        }
        """);

    // Emby Douban's HttpClientEx: GetClient() stores a new client and returns it, and every wrapper sends on what it returns
    // (GetClient().GetAsync(uri)): the receiver runs whenever the wrapper does, so each request replaces the client.
    [Theory]
    [InlineData("public Task<string> GetStringAsync(string uri) => GetClient().GetStringAsync(uri);")]
    [InlineData("public Task<HttpResponseMessage> GetAsync(string uri) => GetClient()?.GetAsync(uri);")]
    [InlineData("public Uri BaseAddress => GetClient().BaseAddress;")]
    public Task GetterThatStoresANewClientSentOnByEveryWrapper_Diagnostic(string wrapper) => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class HttpClientEx
        {
            private readonly Action<HttpClient> _configure;
            private HttpClient _client;

            public HttpClientEx(Action<HttpClient> configure)
            {
                _configure = configure;
            }

            public HttpClient GetClient()
            {
                _client = {|HCG001:new HttpClient()|};
                _configure?.Invoke(_client);
                return _client;
            }

            WRAPPER
        }
        """.Replace("WRAPPER", wrapper));

    [Fact]
    public Task GetterSentOnOnlyByTheConstructorOrCachingItsClient_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Configured
        {
            private HttpClient _client;

            public Configured(Uri address)
            {
                GetClient().BaseAddress = address;
            }

            private HttpClient GetClient()
            {
                _client = new HttpClient();
                return _client;
            }

            public Task<string> GetStringAsync(string uri) => _client.GetStringAsync(uri);
        }

        public class Cached
        {
            private HttpClient _client;

            private HttpClient GetClient()
            {
                if (_client == null)
                {
                    _client = new HttpClient();
                }

                return _client;
            }

            public Task<string> GetStringAsync(string uri) => GetClient().GetStringAsync(uri);
        }
        """);

    [Fact]
    public Task MessageNamesTheRunAndTheField() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public class Api
        {
            private HttpClient _client;

            public Api()
            {
                Build();
            }

            private void Build()
            {
                _client = {|#0:new HttpClient()|};
            }

            public void Login(string user)
            {
                Build();
            }
        }
        """,
        "'HttpClient' is created each time 'Login' runs, replacing the one in '_client' without disposing it: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task RebuiltOnlyAfterATestOrAfterDisposingTheOldOne_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net;
        using System.Net.Http;

        public class WebClient
        {
            private IWebProxy _proxy;
            private HttpClientHandler _handler;
            private HttpClient _client;
            private HttpClient _other;
            private HttpClient _third;

            public WebClient()
            {
                CreateClient();
            }

            private void CreateClient()
            {
                _handler = new HttpClientHandler { Proxy = _proxy };
                _client = new HttpClient(_handler);
            }

            // Called every time the configuration changes: rebuilt only when the proxy did.
            public void OnNext(IWebProxy proxy)
            {
                _proxy = proxy;
                if (!ReferenceEquals(_handler.Proxy, _proxy))
                {
                    CreateClient();
                }
            }

            private void CreateOther()
            {
                _other?.Dispose();
                _other = new HttpClient();
            }

            public void Refresh() => CreateOther();

            private void CreateThird()
            {
                _third = new HttpClient();
            }

            public void Reset()
            {
                _third.Dispose();
                CreateThird();
            }
        }
        """);

    [Fact]
    public Task RebuiltOnlyLazilyInACatchOrAfterAnEarlyReturn_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Api
        {
            private HttpClient _client;
            private HttpClient _lazy;
            private HttpClient _guarded;
            private bool _ready;

            private void Build()
            {
                _client = new HttpClient();
            }

            public async Task<string> Get(string url)
            {
                try
                {
                    return await _client.GetStringAsync(url);
                }
                catch (HttpRequestException)
                {
                    Build();
                    throw;
                }
            }

            private void BuildLazy()
            {
                if (_lazy == null)
                {
                    _lazy = new HttpClient();
                }
            }

            public void UseLazy() => BuildLazy();

            private void BuildGuarded()
            {
                _guarded = new HttpClient();
                _ready = true;
            }

            public void UseGuarded()
            {
                if (_ready)
                {
                    return;
                }

                BuildGuarded();
            }
        }
        """);

    [Fact]
    public Task ReplacedOnEachPassOfALoopOverHosts_InAnInitializerValue_Diagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class PingResult
        {
            public string Host { get; set; }
            public bool Success { get; set; }
        }

        public class Pinger
        {
            public static readonly List<string> Hosts = new List<string> { "a.example", "b.example" };

            public HttpClient Client { get; set; }

            public async Task<bool> CheckAsync(string host)
            {
                try
                {
                    this.Client = {|HCG001:new HttpClient()|};
                    var text = await Client.GetStringAsync("https://" + host + "/health");
                    return text.Length > 0;
                }
                catch (Exception)
                {
                    return false;
                }
            }

            public async Task<List<PingResult>> PingAllAsync()
            {
                var results = new List<PingResult>();
                foreach (var host in Hosts)
                {
                    results.Add(new PingResult { Host = host, Success = await CheckAsync(host) });
                }

                return results;
            }
        }
        """);

    [Fact]
    public Task RunInALoopOverOtherObjectsARetryLoopOrUnderATest_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Account
        {
            private HttpClient _client;

            public void Connect()
            {
                _client = new HttpClient();
            }
        }

        public class Accounts
        {
            private readonly List<Account> _all = new List<Account>();

            public void ConnectAll()
            {
                foreach (var account in _all)
                {
                    account.Connect();
                }
            }
        }

        public class Link
        {
            private HttpClient _client;
            private bool _enabled;

            private bool Open()
            {
                _client = new HttpClient();
                return true;
            }

            public void OpenUntilConnected()
            {
                var connected = false;
                while (!connected)
                {
                    connected = Open();
                }
            }

            public void OpenEach(string[] hosts)
            {
                foreach (var host in hosts)
                {
                    var opened = _enabled && Open();
                }
            }
        }
        """);

    [Fact]
    public Task RebuiltByAPublicMethodNobodyHereCallsOrOnceFromMain_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Program
        {
            static void Main()
            {
                Service.Instance.Init();
            }
        }

        public class Service
        {
            public static readonly Service Instance = new Service();
            private HttpClient _client = new HttpClient();
            private HttpClient _configured = new HttpClient();

            public void Init()
            {
                Build();
            }

            private void Build()
            {
                _client = new HttpClient();
            }

            public void Configure(string proxy)
            {
                _configured = new HttpClient();
            }
        }
        """, Program);

    [Fact]
    public Task OneCallThatRunsPerCallStoresTheField_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Settings
        {
            public event EventHandler Changed;
        }

        public class LyricsApi
        {
            private HttpClient _client;
            private HttpClient _events;

            public LyricsApi(Settings settings)
            {
                settings.Changed += (sender, e) => Reconnect();
            }

            private async Task<string> ParseTrackIdAsync(string title)
            {
                _client = {|HCG001:new HttpClient(new HttpClientHandler())|};
                return await _client.GetStringAsync(title);
            }

            public async Task<string> GetLyricsAsync(string title)
            {
                var id = await ParseTrackIdAsync(title);
                return await _client.GetStringAsync(id);
            }

            private void Reconnect() => _events = {|HCG001:new HttpClient()|};
        }
        """);

    [Fact]
    public Task ReplacedInBranchesOnWhatTheCallBrings_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class Options
        {
            public bool Redirect { get; set; }
        }

        public class RecordingHandler
        {
            public HttpClient BaseClient = new HttpClient();
            public HttpClient RedirectableClient;
            public HttpClient RedirectlessClient;

            public void SetRecordingOptions(Options options, string transport)
            {
                if (transport != null)
                {
                    try
                    {
                        SetTransportOptions(options, null);
                    }
                    catch (FormatException)
                    {
                        throw;
                    }
                }
            }

            public void SetTransportOptions(Options options, string sessionId)
            {
                if (!string.IsNullOrWhiteSpace(sessionId))
                {
                    Console.WriteLine(sessionId);
                }
                else
                {
                    RedirectableClient = {|HCG001:new HttpClient(new HttpClientHandler { AllowAutoRedirect = true })|};
                    RedirectlessClient = {|HCG001:new HttpClient(new HttpClientHandler { AllowAutoRedirect = options.Redirect })|};
                }
            }

            public void Restore()
            {
                RedirectableClient = BaseClient;
                RedirectlessClient = BaseClient;
            }
        }
        """);

    [Fact]
    public Task CallerTestsAFlagItStores_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class Api
        {
            private HttpClient _client = new HttpClient();
            private string _version;

            private void Build()
            {
                _client = new HttpClient();
            }

            public void Configure(string version)
            {
                switch (_version == version)
                {
                    case false:
                        Build();
                        _version = version;
                        break;
                }
            }

            public void Refresh(string version)
            {
                if (_version != version)
                {
                    Build();
                    _version = version;
                }
            }
        }
        """);

    // The owner of a client replaced on each run (a request dispatcher's case: the other cases' returns do not guard it) (TeslaLogger's web server makes a new TeslaAuth, whose constructor builds a
    // handler and client, on every login-URL request, over the last one). {0}: how the handler stores the owner.
    private const string LoginServer = """
        using System.Net.Http;

        public sealed class Auth
        {
            private readonly HttpClient _client;

            public Auth()
            {
                _client = {1};
            }

            public string LoginUrl() => _client.GetStringAsync("/authorize").Result;
        }

        public static class WebServer
        {
            private static Auth s_auth;

            public static string Handle(string path)
            {
                switch (path)
                {
                    case "/health":
                        return "ok";
                    case "/login":
                        return LoginUrl();
                    default:
                        return string.Empty;
                }
            }

            private static string LoginUrl()
            {
                {0}
                return s_auth.LoginUrl();
            }
        }
        """;

    private static string Login(string store, string creation) => LoginServer.Replace("{0}", store).Replace("{1}", creation);

    [Fact]
    public Task OwnerReplacedInAStaticOnEveryRequest_DiagnosticNamesTheRunAndTheField() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        Login("s_auth = new Auth();", "{|#0:new HttpClient(new HttpClientHandler { UseCookies = true })|}"),
        "'HttpClient' is created per instance of 'Auth', which is created each time 'Handle' runs, replacing the one in 's_auth' without disposing it: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task OwnerStoredInAStaticOnlyWhenMissing_NoDiagnostic() => VerifyAsync(
        Login("if (s_auth == null) { s_auth = new Auth(); }", "new HttpClient(new HttpClientHandler { UseCookies = true })"));

    [Fact]
    public Task OwnerReplacedOnlyFromMain_NoDiagnostic() => VerifyAsync(
        Login("s_auth = new Auth();", "new HttpClient(new HttpClientHandler { UseCookies = true })")
            .Replace("public static string Handle(string path)", "private static string Handle(string path)", System.StringComparison.Ordinal)
            .Replace("private static Auth s_auth;", "private static Auth s_auth;\n\n    public static void Main() => System.Console.WriteLine(Handle(\"/login\"));", System.StringComparison.Ordinal),
        Program);

    // A site library: the base's public LogIn (called by the application, not here) runs the site's _Login, which builds the
    // session's handler and client; {0}: the site's _Disconnect.
    private const string SiteSession = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public abstract class BaseSite
        {
            protected abstract Task<bool> _Login(string user);

            protected abstract void _Disconnect();

            public Task<bool> LogIn(string user) => _Login(user);

            public void Disconnect() => _Disconnect();
        }

        public sealed class DiceSite : BaseSite
        {
            private HttpClientHandler ClientHandlr;
            private HttpClient Client;

            protected override async Task<bool> _Login(string user)
            {
                ClientHandlr = new HttpClientHandler { UseCookies = true };
                Client = {1}new HttpClient(ClientHandlr){2};
                return (await Client.GetStringAsync("https://dice.example/login?u=" + user)).Length > 0;
            }

            protected override void _Disconnect()
            {
                {0}
            }

            public void Dispose()
            {
                Client = null;
            }
        }
        """;

    [Fact]
    public Task LoginAfterADisconnectThatDropsTheClient_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        SiteSession.Replace("{0}", "Client = null;\n        ClientHandlr = null;").Replace("{1}", "{|#0:").Replace("{2}", "|}"),
        TestOptions.Default,
        "'HttpClient' is created each time 'DiceSite._Login' runs again after 'DiceSite._Disconnect' has dropped the one in 'Client' without disposing it: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Theory]
    [InlineData("Client?.Dispose();\n        Client = null;")]
    [InlineData("ClientHandlr.Dispose();\n        Client = null;\n        ClientHandlr = null;")]
    [InlineData("ClientHandlr = null;")]
    [InlineData("Client = Client;")]
    public Task LoginAfterADisconnectThatDisposesOrKeepsTheClient_NoDiagnostic(string disconnect) => VerifyAsync(
        SiteSession.Replace("{0}", disconnect).Replace("{1}", string.Empty).Replace("{2}", string.Empty));

    // A hosted service's start runs once per process: its stop letting go of the client ends the service, not a session.
    [Fact]
    public Task StartAfterAStopThatDropsTheClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IWorker
        {
            Task StartWorkAsync(CancellationToken token);
        }

        public sealed class Poller : IWorker
        {
            private HttpClient _client;

            public Task StartWorkAsync(CancellationToken token)
            {
                _client = new HttpClient();
                return _client.GetStringAsync("https://example.org/poll");
            }

            public Task StopAsync(CancellationToken token)
            {
                _client = null;
                return Task.CompletedTask;
            }
        }
        """);

    // A static is one for every instance: each instance constructor that runs the method replaces the one the last instance
    // made. {0}: how the command objects are made; {1}: the constructor's call; {2}, {3}: the markup around the client.
    private const string StaticReplacedByConstructors = """
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Threading.Tasks;

        public class ApiHelper
        {
            public static HttpClient ApiClient { get; set; }

            public static void InitialiseClient()
            {
                ApiClient = {2}new HttpClient(){3};
                ApiClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }
        }

        public class Command
        {
            public Command()
            {
                {1}
            }

            public Task<string> RunAsync(string url) => ApiHelper.ApiClient.GetStringAsync(url);
        }

        public class Dispatcher
        {
            {0}
        }
        """;

    private static string StaticReplaced(string made, string call, bool reported) => StaticReplacedByConstructors
        .Replace("{0}", made).Replace("{1}", call)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    private const string PerMessage = "public Task<string> HandleAsync(string url) => new Command().RunAsync(url);";

    [Fact]
    public Task StaticReplacedByTheConstructorOfAnObjectMadePerCall_Diagnostic() =>
        VerifyAsync(StaticReplaced(PerMessage, "ApiHelper.InitialiseClient();", reported: true));

    [Fact]
    public Task StaticReplacedByTheConstructorOfAnObjectMadePerCall_MessageNamesTheCallAndTheStatic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
            "HCG001",
            StaticReplaced(PerMessage, "ApiHelper.InitialiseClient();", reported: false).Replace("= new HttpClient();", "= {|#0:new HttpClient()|};"),
            "'HttpClient' is created per instance of 'Command', which is created each time 'Dispatcher.HandleAsync' runs, replacing the one in 'ApiClient' without disposing it: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task StaticSetByTheConstructorOfAnObjectMadeOnce_NoDiagnostic() => VerifyAsync(StaticReplaced(
        "private static readonly Command s_command = new Command(); public Task<string> HandleAsync(string url) => s_command.RunAsync(url);",
        "ApiHelper.InitialiseClient();", reported: false));

    [Fact]
    public Task StaticSetByAConstructorOnlyWhileItIsNull_NoDiagnostic() =>
        VerifyAsync(StaticReplaced(PerMessage, "if (ApiHelper.ApiClient == null) ApiHelper.InitialiseClient();", reported: false));

    [Fact]
    public Task StaticSetByAStaticConstructor_NoDiagnostic() => VerifyAsync(StaticReplaced(PerMessage, "", reported: false)
        .Replace("public static void InitialiseClient()", "static ApiHelper() { InitialiseClient(); }\n\n    private static void InitialiseClient()"));

    // A reconnect run by a settings event (Tesla Powerwall's HomeSeer plug-in): its early returns turn away a run that
    // overlaps one under way (a re-entrancy flag raised after the test and lowered after the store) or a run whose freshly
    // read address is not valid; every later run with a valid address replaces the client. {0}: the early returns;
    // {1}: the markup around the client; {2}: what ends the run.
    private const string Reconnecting = """
        using System;
        using System.Net.Http;
        using System.Text.RegularExpressions;

        public class Settings
        {
            public event EventHandler Changed;

            public bool Ready { get; set; }

            public string Read(string key) => key;
        }

        public class Plugin
        {
            private const int Retries = 3;
            private static readonly Regex s_pattern = new Regex("^[0-9.]+$");
            private readonly Settings _settings;
            private HttpClient _client;
            private string _address = "";
            private bool _connecting;
            private bool _started;

            public Plugin(Settings settings)
            {
                _settings = settings;
                settings.Changed += (sender, e) => Reconnect(sender?.ToString() ?? "");
            }

            private async void Reconnect(string reason)
            {
                _address = _settings.Read("ip");
                var timeout = Retries * 10;
                {0}
                try
                {
                    _client = {1}new HttpClient{2} { BaseAddress = new Uri("https://" + _address), Timeout = TimeSpan.FromSeconds(timeout) };
                    await _client.GetStringAsync("/api/status");
                    {3}
                }
                catch (HttpRequestException)
                {
                    {3}
                }
            }

            public bool Ready { get; set; }

            private bool IsUp() => Ready;
        }
        """;

    private static string Reconnect(string earlyReturns, bool reported, string end = "_connecting = false;") => Reconnecting
        .Replace("{0}", earlyReturns).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "").Replace("{3}", end);

    [Theory]
    [InlineData("if (_connecting) { return; }\n        _connecting = true;")]
    [InlineData("if (this._connecting)\n            return;\n        _connecting = true;")]
    [InlineData("if (!s_pattern.IsMatch(_address)) { return; }")]
    [InlineData("if (string.IsNullOrEmpty(_address) || timeout < Retries) return;")]
    [InlineData("if (_connecting) return;\n        _connecting = true;\n        if (!s_pattern.IsMatch(_address)) { _connecting = false; return; }")]
    public Task ReconnectAfterEarlyReturnsThatStopOnlyThisRun_Diagnostic(string earlyReturns) =>
        VerifyAsync(Reconnect(earlyReturns, reported: true));

    [Theory]
    // A flag never lowered again is a once-guard; one raised before the test is not this run's.
    [InlineData("if (_connecting) return;\n        _connecting = true;", "")]
    [InlineData("_connecting = true;\n        if (_connecting) return;", "_connecting = false;")]
    // A test on what another run or the caller left: a field or property this run did not store, a parameter, a
    // local copy of the client.
    [InlineData("if (_started) return;", "_connecting = false;")]
    [InlineData("if (reason.Length == 0) return;", "_connecting = false;")]
    [InlineData("if (!Ready) return;", "_connecting = false;")]
    [InlineData("if (!IsUp()) return;", "_connecting = false;")]
    [InlineData("var old = _client;\n        if (old != null) return;", "_connecting = false;")]
    [InlineData("if (this._client != null) return;", "_connecting = false;")]
    [InlineData("if (this._started || timeout < 0) return;", "_connecting = false;")]
    [InlineData("if (_settings.Ready && timeout > 0) return;", "_settings.Ready = true;")]
    public Task ReconnectAfterAnEarlyReturnThatMayStopLaterRuns_NoDiagnostic(string earlyReturns, string end) =>
        VerifyAsync(Reconnect(earlyReturns, reported: false, end));
}
