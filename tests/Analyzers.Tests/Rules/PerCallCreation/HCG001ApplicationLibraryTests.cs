using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Avalonia and MAUI templates build the application's code as a library that per-platform heads start. A library that
/// declares the application's start-up type (Avalonia's <c>App.OnFrameworkInitializationCompleted</c>, WPF's
/// <c>OnStartup</c>) is that application, so its public methods are called by nobody else, as a program's are: a loader
/// whose every call is in the start-up hook runs once. A library without one keeps its public methods per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ApplicationLibraryTests
{
    // The UI frameworks' application types, in another assembly, as the start-up hook tests declare them.
    private static readonly TestOptions s_library = new() { LibrarySource = HCG001ApplicationStartupTests.UiFrameworks };

    private const string Message =
        ": each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory";

    // {0}: who calls the two loaders. Both make a client on every run and drop it after one download.
    private const string Loaders = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class MobsService
        {
            public string Data { get; private set; }

            public async Task InitializeAsync()
            {
                using (var client = {|#0:new HttpClient()|})
                {
                    Data = await client.GetStringAsync("https://example.org/mobs.json");
                }
            }
        }

        public static class Locations
        {
            public static string Data { get; private set; }

            public static async Task InitializeAsync()
            {
                using (var client = {|#1:new HttpClient()|})
                {
                    Data = await client.GetStringAsync("https://example.org/locations.json");
                }
            }
        }

        {0}
        """;

    // Marks the loaders that stay reported; the others lose their markers.
    private static string Code(string callers, bool mobs, bool locations)
    {
        var code = Loaders.Replace("{0}", callers);
        code = mobs ? code : code.Replace("{|#0:new HttpClient()|}", "new HttpClient()");
        code = locations ? code : code.Replace("{|#1:new HttpClient()|}", "new HttpClient()");

        // The messages are matched to the markers in order: a lone locations marker is the first.
        return mobs ? code : code.Replace("{|#1:", "{|#0:");
    }

    [Fact]
    public Task LoadersRunOnlyFromTheAvaloniaStartupHookOfTheLibrary_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code("""
        public class App : Avalonia.Application
        {
            private readonly MobsService _mobs = new MobsService();

            public override async void OnFrameworkInitializationCompleted()
            {
                base.OnFrameworkInitializationCompleted();
                await Task.WhenAll(Task.Run(_mobs.InitializeAsync), Task.Run(Locations.InitializeAsync));
            }
        }
        """, mobs: false, locations: false), s_library);

    [Fact]
    public Task LoadersRunOnlyFromTheWpfStartupOfTheLibrary_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code("""
        public class App : System.Windows.Application
        {
            protected override async void OnStartup(System.Windows.StartupEventArgs e)
            {
                await new MobsService().InitializeAsync();
                await Locations.InitializeAsync();
            }
        }
        """, mobs: false, locations: false), s_library);

    // The same calls from a public method of a library with no application type: whoever uses the library may call it again.
    [Fact]
    public Task LoadersRunFromAPublicMethodOfAPlainLibrary_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", Code("""
        public class Startup
        {
            private readonly MobsService _mobs = new MobsService();

            public async Task StartAsync()
            {
                await Task.WhenAll(Task.Run(_mobs.InitializeAsync), Task.Run(Locations.InitializeAsync));
            }
        }
        """, mobs: true, locations: true),
        s_library,
        "'HttpClient' is created each time 'InitializeAsync' runs" + Message,
        "'HttpClient' is created each time 'InitializeAsync' runs" + Message);

    // In the application's library, a loader that a view model's public command also runs is run again: the start-up hook
    // does not make it once.
    [Fact]
    public Task LoaderAlsoRunFromAPublicRefreshOfTheApplication_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", Code("""
        public class App : Avalonia.Application
        {
            public override async void OnFrameworkInitializationCompleted()
            {
                await new MobsService().InitializeAsync();
                await Locations.InitializeAsync();
            }
        }

        public class LocationsViewModel
        {
            public Task RefreshAsync() => Locations.InitializeAsync();
        }
        """, mobs: false, locations: true),
        s_library,
        "'HttpClient' is created each time 'InitializeAsync' runs" + Message);
}
