using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// WinForms raises a form's <c>Load</c> and <c>Shown</c> events once, the first time the form is shown: what a handler of
/// either (subscribed in the form, usually in its designer file), or an <c>OnLoad</c> / <c>OnShown</c> override, makes is
/// made once per form. The main form <c>Main</c> runs is made once; a dialog made per click makes one per click. A handler
/// of any other event, or one the form does not subscribe to its own Load / Shown, runs per event.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FormOpeningTests
{
    // WinForms' types, in another assembly.
    private const string WinForms = """
        namespace System.Windows.Forms
        {
            public class Control
            {
                public event System.EventHandler Click;
            }

            public class Form : Control
            {
                public event System.EventHandler Load;
                public event System.EventHandler Shown;
                public event System.EventHandler Activated;
                protected virtual void OnLoad(System.EventArgs e) { }
                protected virtual void OnShown(System.EventArgs e) { }
                public void ShowDialog() { }
            }

            public static class Application
            {
                public static void Run(Form form) { }
            }
        }
        """;

    private static readonly TestOptions WithWinForms = new() { LibrarySource = WinForms };

    // {0}: the event the designer wires to Bootstrap_Shown; {1}: how the form is made; {2}, {3}: the markup around the creation.
    private const string Bootstrap = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using System.Windows.Forms;

        public sealed class BootstrapUpdater
        {
            private readonly HttpClient _client;

            public BootstrapUpdater()
            {
                _client = {2}new HttpClient(){3};
            }

            public Task<string> CheckAsync() => _client.GetStringAsync("https://example.org/version");
        }

        public partial class Bootstrap : Form
        {
            private async void Bootstrap_Shown(object sender, EventArgs e)
            {
                var updater = new BootstrapUpdater();
                await updater.CheckAsync();
            }
        }

        public partial class Bootstrap
        {
            private void InitializeComponent()
            {
                this.{0} += new System.EventHandler(this.Bootstrap_Shown);
            }
        }

        public static class Program
        {
            {1}
        }
        """;

    private static string Source(string wiredTo, string made, bool reported) =>
        Bootstrap.Replace("{0}", wiredTo).Replace("{1}", made).Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task ShownOrLoadHandlerOfTheMainForm_NoDiagnostic() => Task.WhenAll(
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source("Shown", "public static void Main() => Application.Run(new Bootstrap());", reported: false), WithWinForms),
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source("Load", "public static void Main() => Application.Run(new Bootstrap());", reported: false), WithWinForms));

    [Fact]
    public Task ShownHandlerOfADialogMadePerCall_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source("Shown", "public static void OnUpdateClicked() => new Bootstrap().ShowDialog();", reported: true), WithWinForms);

    [Fact]
    public Task HandlerOfAnotherEventOfTheMainForm_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source("Activated", "public static void Main() => Application.Run(new Bootstrap());", reported: true), WithWinForms);

    [Fact]
    public Task OnShownOverrideOfTheMainForm_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Windows.Forms;

        public class MainForm : Form
        {
            protected override void OnShown(EventArgs e)
            {
                var client = new HttpClient();
                client.GetStringAsync("https://example.org/").Wait();
                base.OnShown(e);
            }
        }

        public static class Program
        {
            public static void Main() => Application.Run(new MainForm());
        }
        """, WithWinForms);

    // Not a form: a control's Load-named event handler is an ordinary method, whatever it is named.
    [Fact]
    public Task LoadHandlerOfAControlThatIsNoForm_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Windows.Forms;

        public class Panel : Control
        {
            public event EventHandler Load;

            public Panel()
            {
                this.Load += new EventHandler(this.Panel_Load);
            }

            private void Panel_Load(object sender, EventArgs e)
            {
                var client = {|HCG001:new HttpClient()|};
                client.GetStringAsync("https://example.org/").Wait();
            }
        }
        """, WithWinForms);

    [Fact]
    public Task ShownHandlerOfAFormWhoseBaseDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;

        public partial class Bootstrap : Form
        {
            public Bootstrap()
            {
                Shown += Bootstrap_Shown;
            }

            private void Bootstrap_Shown(object sender, EventArgs e)
            {
                var client = new HttpClient();
                client.GetStringAsync("https://example.org/").Wait();
            }
        }

        public static class Program
        {
            public static void Main() => new Bootstrap();
        }
        """, new TestOptions { IgnoreCompilerDiagnostics = true });

    // WPF's window types, in another assembly.
    private const string Wpf = """
        namespace System.Windows
        {
            public delegate void RoutedEventHandler(object sender, RoutedEventArgs e);
            public class RoutedEventArgs : System.EventArgs { }

            public class FrameworkElement
            {
                public event RoutedEventHandler Loaded;
                public event System.EventHandler SizeChanged;
            }

            public class Window : FrameworkElement
            {
                public event System.EventHandler ContentRendered;
                public event System.EventHandler Activated;
                protected virtual void OnContentRendered(System.EventArgs e) { }
            }
        }

        namespace System.Windows.Controls
        {
            public class Page : System.Windows.FrameworkElement { }
        }
        """;

    private static readonly TestOptions WithWpf = new() { LibrarySource = Wpf };

    // {0}: the window's base; {1}: how the constructor subscribes; {2}, {3}: the markup around the update check's client.
    private const string UpdateCheckWindow = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using System.Windows;
        using System.Windows.Controls;

        public partial class MainWindow : {0}
        {
            public MainWindow()
            {
                {1}
            }

            private void MainWindow_Loaded(object sender, RoutedEventArgs e) => CheckUpdate();

            private async void CheckUpdate()
            {
                using (var client = {2}new HttpClient(){3})
                {
                    System.Console.WriteLine(await client.GetStringAsync("https://api.github.com/repos/o/r/releases/latest"));
                }
            }
        }
        """;

    // A lambda subscription leaves the named handler empty, so that only the lambda runs the check.
    private static Task VerifyWindowAsync(string windowBase, string subscription, bool reported, TestOptions options) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
            UpdateCheckWindow.Replace("{0}", windowBase).Replace("{1}", subscription)
                .Replace("RoutedEventArgs e) => CheckUpdate();", subscription.Contains("=>") ? "RoutedEventArgs e) { }" : "RoutedEventArgs e) => CheckUpdate();")
                .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty),
            options);

    [Fact]
    public Task LambdaOnTheContentRenderedOfAWpfWindow_NoDiagnostic() =>
        VerifyWindowAsync("Window", "ContentRendered += (sender, args) => { CheckUpdate(); };", reported: false, WithWpf);

    [Fact]
    public Task HandlerOfTheLoadedOfAWpfWindow_NoDiagnostic() =>
        VerifyWindowAsync("Window", "Loaded += MainWindow_Loaded;", reported: false, WithWpf);

    [Fact]
    public Task LambdaOnTheActivatedOfAWpfWindow_Diagnostic() =>
        VerifyWindowAsync("Window", "Activated += (sender, args) => { CheckUpdate(); };", reported: true, WithWpf);

    [Fact]
    public Task HandlerOfTheLoadedOfAPage_Diagnostic() =>
        VerifyWindowAsync("Page", "Loaded += MainWindow_Loaded;", reported: true, WithWpf);

    [Fact]
    public Task LambdaOnTheContentRenderedOfAThemedWindowThatDoesNotBind_NoDiagnostic() =>
        VerifyWindowAsync("FluentWindow", "ContentRendered += (sender, args) => { CheckUpdate(); };", reported: false, new TestOptions { IgnoreCompilerDiagnostics = true });

    // A base named like a window in a file that does not import WPF's namespace is not WPF's.
    [Fact]
    public Task LambdaOnTheContentRenderedOfAnUnboundBaseOutsideWpf_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        UpdateCheckWindow.Replace("using System.Windows;", "using Game.Ui;").Replace("using System.Windows.Controls;", string.Empty)
            .Replace("RoutedEventArgs e) => CheckUpdate();", "RoutedEventArgs e) { }")
            .Replace("{0}", "GameWindow").Replace("{1}", "ContentRendered += (sender, args) => { CheckUpdate(); };")
            .Replace("{2}", "{|HCG001:").Replace("{3}", "|}"),
        new TestOptions { IgnoreCompilerDiagnostics = true });
}

