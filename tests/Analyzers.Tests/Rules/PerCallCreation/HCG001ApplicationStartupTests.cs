using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A desktop UI framework calls its application's start-up hook once per process (Avalonia's
/// <c>OnFrameworkInitializationCompleted</c>, WPF's <c>OnStartup</c>): the main window it makes, and what that window's
/// constructor makes, is made once. Also where the UI package is missing and the base does not bind. A hook of that name on
/// a base the compilation declares and calls is an ordinary method.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ApplicationStartupTests
{
    // The UI frameworks' application types, in another assembly (the Avalonia package, WPF's PresentationFramework).
    internal const string UiFrameworks = """
        namespace Avalonia
        {
            public class Application
            {
                public virtual void OnFrameworkInitializationCompleted() { }
            }
        }

        namespace System.Windows
        {
            public class StartupEventArgs : System.EventArgs { }

            public class Application
            {
                protected virtual void OnStartup(StartupEventArgs e) { }
            }
        }
        """;

    private static readonly TestOptions WithUiFrameworks = new() { LibrarySource = UiFrameworks };

    private static readonly TestOptions s_halfTyped = new() { IgnoreCompilerDiagnostics = true };

    // {0}: the application type and its start-up hook, which makes the main window.
    private const string DesktopApp = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class GameManager
        {
            private readonly HttpClient _client;

            public GameManager()
            {
                _client = {|#0:new HttpClient()|};
            }

            public Task<string> LatestAsync() => _client.GetStringAsync("https://example.org/releases");
        }

        public sealed class MainWindow
        {
            private readonly GameManager _games;

            public MainWindow()
            {
                _games = new GameManager();
            }
        }

        {0}
        """;

    private static string App(string app, bool reported = false) =>
        reported ? DesktopApp.Replace("{0}", app) : DesktopApp.Replace("{0}", app).Replace("{|#0:", string.Empty).Replace("()|};", "();");

    [Fact]
    public Task AvaloniaAndWpfStartupHooks_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(App("""
        public class App : Avalonia.Application
        {
            public override void OnFrameworkInitializationCompleted()
            {
                var window = new MainWindow();
                window.ToString();
                base.OnFrameworkInitializationCompleted();
            }
        }

        public class WpfApp : System.Windows.Application
        {
            private HttpClient _updates;

            protected override void OnStartup(System.Windows.StartupEventArgs e)
            {
                _updates = new HttpClient();
                new MainWindow();
            }
        }
        """), WithUiFrameworks);

    [Fact]
    public Task StartupHookOverAnApplicationBaseThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(App("""
        public class App : Application, System.ComponentModel.INotifyPropertyChanged
        {
            public event System.ComponentModel.PropertyChangedEventHandler PropertyChanged;

            public override void OnFrameworkInitializationCompleted()
            {
                var window = new MainWindow();
                window.ToString();
                base.OnFrameworkInitializationCompleted();
            }
        }
        """), s_halfTyped);

    [Fact]
    public Task HookOfTheSameNameOnABaseTheCompilationCalls_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", App("""
        public abstract class Application
        {
            public abstract void OnFrameworkInitializationCompleted();
        }

        public class Screen : Application
        {
            public override void OnFrameworkInitializationCompleted()
            {
                var window = new MainWindow();
                window.ToString();
            }
        }

        public static class Navigator
        {
            public static void Show(Application screen) => screen.OnFrameworkInitializationCompleted();

            public static void Open() => new Screen().OnFrameworkInitializationCompleted();
        }
        """, reported: true),
        TestOptions.Default,
        "'HttpClient' is created per instance of 'GameManager', which is created per instance of 'MainWindow', which is created each time 'Screen.OnFrameworkInitializationCompleted' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    // WPF's Startup event, wired in App.xaml (which the compilation does not see) to a handler on the application type.
    [Fact]
    public Task WpfStartupEventHandler_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(App("""
        public partial class WpfApp : System.Windows.Application
        {
            private void Application_Startup(object sender, System.Windows.StartupEventArgs e)
            {
                var window = new MainWindow();
                window.ToString();
            }
        }
        """), WithUiFrameworks);

    [Fact]
    public Task WpfStartupEventHandlerOverAnApplicationBaseThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(App("""
        public partial class App : Application
        {
            private void Application_Startup(object sender, StartupEventArgs e)
            {
                var window = new MainWindow();
                window.ToString();
            }
        }
        """), s_halfTyped);

    // The same signature outside an application type, or on a static method, is an ordinary method its callers decide.
    [Fact]
    public Task StartupSignatureOutsideAnApplicationType_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", App("""
        public class Shell
        {
            public void OnStartup(object sender, System.Windows.StartupEventArgs e)
            {
                var window = new MainWindow();
                window.ToString();
            }
        }
        """, reported: true),
        WithUiFrameworks,
        "'HttpClient' is created per instance of 'GameManager', which is created per instance of 'MainWindow', which is created each time 'Shell.OnStartup' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task StaticStartupSignatureOnTheApplicationType_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", App("""
        public class WpfApp : System.Windows.Application
        {
            public static void Open(object sender, System.Windows.StartupEventArgs e) => new MainWindow().ToString();
        }
        """, reported: true),
        WithUiFrameworks,
        "'HttpClient' is created per instance of 'GameManager', which is created per instance of 'MainWindow', which is created each time 'WpfApp.Open' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");
}
