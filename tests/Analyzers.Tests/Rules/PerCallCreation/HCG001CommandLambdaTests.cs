using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A lambda handed to a UI command in a view model's constructor runs each time the command executes, not once per view
/// model: a command type of another assembly implementing <c>System.Windows.Input.ICommand</c>, one whose type does not bind
/// and whose name ends in <c>Command</c>, or ReactiveUI's <c>ReactiveCommand.Create...</c>. Other lambdas handed to calls made
/// while constructing still run with the constructor.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001CommandLambdaTests
{
    // An MVVM library's command, in another assembly.
    private const string CommandLibrary = """
        using System;
        using System.Threading.Tasks;
        using System.Windows.Input;

        namespace Mvvm
        {
            public sealed class AsyncRelayCommand : ICommand
            {
                private readonly Func<object, Task> _execute;

                public AsyncRelayCommand(Func<object, Task> execute) => _execute = execute;

                public event EventHandler CanExecuteChanged { add { } remove { } }

                public bool CanExecute(object parameter) => true;

                public async void Execute(object parameter) => await _execute(parameter);
            }

            public sealed class Deferred
            {
                public Deferred(Func<object, Task> run) { }
            }
        }
        """;

    private static readonly TestOptions WithCommands = new() { LibrarySource = CommandLibrary };

    private static readonly TestOptions s_halfTyped = new() { IgnoreCompilerDiagnostics = true };

    // {0}: how the constructor wraps the lambda; {1} / {2}: the expected markup.
    private const string ViewModel = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class MainViewModel
        {
            public MainViewModel()
            {
                RefreshCommand = {0}(async _ =>
                {
                    using (var client = {1}new HttpClient(){2})
                    {
                        Latest = await client.GetStringAsync("https://example.org/latest");
                    }
                });
                LogInCommand = {0}(_ => LogInAsync());
            }

            public object RefreshCommand { get; }

            public object LogInCommand { get; }

            public string Latest { get; private set; }

            private async Task LogInAsync()
            {
                var avatar = await DownloadAvatarAsync("https://example.org/avatar.png");
                Latest = avatar.Length.ToString();
            }

            private static async Task<byte[]> DownloadAvatarAsync(string uri)
            {
                using (var client = {3}new HttpClient(){4})
                {
                    return await client.GetByteArrayAsync(uri);
                }
            }
        }
        """;

    private static string Source(string wrap, bool reported) => ViewModel
        .Replace("{0}", wrap)
        .Replace("{1}", reported ? "{|#0:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty)
        .Replace("{3}", reported ? "{|#1:" : string.Empty).Replace("{4}", reported ? "|}" : string.Empty);

    [Fact]
    public Task LambdasOfACommandFromAnotherAssembly_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001",
        Source("new Mvvm.AsyncRelayCommand", reported: true),
        WithCommands,
        "'HttpClient' is created each time a lambda in 'MainViewModel' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory",
        "'HttpClient' is created each time 'DownloadAvatarAsync' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Theory]
    [InlineData("new AsyncRelayCommand")]
    [InlineData("new DelegateCommand")]
    [InlineData("ReactiveCommand.CreateFromTask")]
    public Task LambdasOfACommandThatDoesNotBind_Diagnostic(string wrap) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source(wrap, reported: true).Replace("{|#0:", "{|HCG001:").Replace("{|#1:", "{|HCG001:"), s_halfTyped);

    [Fact]
    public Task LambdasHandedToAnotherTypeWhileConstructing_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source("new Mvvm.Deferred", reported: false), WithCommands);

    [Fact]
    public Task LambdasHandedToAnUnboundTypeNotNamedACommand_NoDiagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Source("new DeferredWork", reported: false), s_halfTyped);
}
