using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A method a framework runs as a command (CommunityToolkit.Mvvm's <c>[RelayCommand]</c>, whose generated command calls it
/// on every execution; a bot's <c>[Command("ping")]</c>) runs per execution, even when the code also calls it once (an
/// automatic sync at start-up). Without the attribute, a method every call of which runs once is once.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001CommandMethodTests
{
    private static Task VerifyAsync(string source, bool packageMissing = false) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, new TestOptions { IsExecutable = true, IgnoreCompilerDiagnostics = packageMissing });

    // {0}: the attribute on SyncTrackersAsync; {1}, {2}: the markup around its client (over its own handler: HCG001 there).
    private const string TrackerViewModel = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace CommunityToolkit.Mvvm.Input
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class RelayCommandAttribute : Attribute { }
        }

        namespace Downloads
        {
            using CommunityToolkit.Mvvm.Input;

            public partial class MainWindowViewModel
            {
                public MainWindowViewModel()
                {
                    _ = MaybeAutoSyncTrackersAsync();
                }

                {0}
                private async Task SyncTrackersAsync()
                {
                    var handler = new HttpClientHandler();
                    using (var client = {1}new HttpClient(handler){2})
                    {
                        Console.WriteLine(await client.GetStringAsync("https://trackers.example/list"));
                    }
                }

                private async Task MaybeAutoSyncTrackersAsync()
                {
                    await SyncTrackersAsync();
                }
            }

            static class Program
            {
                static void Main() => new MainWindowViewModel();
            }
        }
        """;

    private static string ViewModel(string attribute, bool reported) => TrackerViewModel
        .Replace("{0}", attribute)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task RelayCommandAlsoCalledOnceAtStartUp_Diagnostic() => VerifyAsync(ViewModel("[RelayCommand]", reported: true));

    [Fact]
    public Task RelayCommandAttributeSpelledInFull_Diagnostic() => VerifyAsync(ViewModel("[CommunityToolkit.Mvvm.Input.RelayCommandAttribute]", reported: true));

    [Fact]
    public Task PlainMethodCalledOnceAtStartUp_NoDiagnostic() => VerifyAsync(ViewModel("[Obsolete]", reported: false));

    [Fact]
    public Task PlainMethodWithoutAttributeCalledOnceAtStartUp_NoDiagnostic() => VerifyAsync(ViewModel("", reported: false));

    // Folder mode without the CommunityToolkit.Mvvm package: the attribute does not bind, and is read by its name.
    [Fact]
    public Task RelayCommandOfAMissingPackage_Diagnostic()
    {
        var source = ViewModel("[RelayCommand]", reported: true).Replace("""
            namespace CommunityToolkit.Mvvm.Input
            {
                [AttributeUsage(AttributeTargets.Method)]
                public sealed class RelayCommandAttribute : Attribute { }
            }
            """, "", System.StringComparison.Ordinal);
        Assert.DoesNotContain("class RelayCommandAttribute", source, System.StringComparison.Ordinal);
        return VerifyAsync(source, packageMissing: true);
    }
}
