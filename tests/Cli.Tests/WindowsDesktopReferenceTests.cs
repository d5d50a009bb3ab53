using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// A WPF or Windows Forms target (<c>UseWPF</c>, <c>UseWindowsForms</c>) compiles against the Windows Desktop
/// assemblies in folder mode when this machine has them (a targeting pack, or a Windows runtime pack in the NuGet
/// packages folder), so that a request built from a WPF control's value binds (ScreenToGif's update download). Without
/// them the target line says so. Nothing is downloaded.
/// </summary>
public sealed class WindowsDesktopReferenceTests
{
    // WPF's implicit usings leave out System.Net.Http (and System.IO).
    private const string Window = """
        using System.Net.Http;
        using System.Windows;
        using System.Windows.Controls;

        namespace Updater;

        public class UpdateWindow : Window
        {
            private readonly HttpClient _client;
            private readonly TextBox _url = new();

            public UpdateWindow(HttpClient client) => _client = client;

            public async Task<int> LeakedAsync()
            {
                var response = await _client.GetAsync(_url.Text); // expect: HCG003
                return (int)response.StatusCode;
            }

            public async Task<int> DisposedAsync()
            {
                using var response = await _client.GetAsync(_url.Text);
                Title = response.ReasonPhrase;
                return (int)response.StatusCode;
            }
        }
        """;

    [Fact]
    public async Task WpfProject_CompilesAgainstTheWindowsDesktopAssembliesOfThisMachine()
    {
        // This test run's own NuGet packages folder (PrivatePackages) gets a stand-in for the targeting pack; where the
        // SDK has the real one installed (Windows), that one is used, and it has the same types.
        var pack = Path.Combine(PrivatePackages.Folder, "microsoft.windowsdesktop.app.ref", "10.0.0", "ref", "net10.0");
        Directory.CreateDirectory(pack);
        EmitPresentationFramework(Path.Combine(pack, "PresentationFramework.dll"));
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Updater.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0-windows</TargetFramework>
                <UseWPF>true</UseWPF>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("UpdateWindow.cs"), Window);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        var references = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("references").GetString()!;
        Assert.True(references.Contains("Microsoft.WindowsDesktop.App.Ref", StringComparison.Ordinal), references);
        Assert.True(ExpectedFindings.In(folder.Path, projectMode: false).SequenceEqual(ExpectedFindings.FromJson(report)), result.Output);
        Assert.Single(ExpectedFindings.FromJson(report));
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
    }

    [Fact]
    public void NoWindowsDesktopAssemblies_TheReferencesSaySoAndStayAsTheyWere()
    {
        using var empty = new TempFolder();
        var framework = TargetFramework.Parse("net10.0-windows");
        var references = new ReferenceAssemblies(empty.Path, empty.Path);

        var set = references.WithWindowsDesktop(ReferenceAssemblies.Installed, framework);

        Assert.Equal(ReferenceAssemblies.Installed.References, set.References);
        Assert.EndsWith("; no Microsoft.WindowsDesktop.App assemblies for net10.0 on this machine (WPF and Windows Forms types do not bind)", set.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void NetFrameworkTarget_KeepsItsReferenceAssembliesWhichIncludeWpf()
    {
        using var empty = new TempFolder();
        var references = new ReferenceAssemblies(empty.Path, empty.Path);

        var set = references.WithWindowsDesktop(ReferenceAssemblies.Installed, TargetFramework.Parse("net48"));

        Assert.Same(ReferenceAssemblies.Installed, set);
    }

    [Fact]
    public void Lookup_PrefersTheInstalledPackThenTheNuGetPackThenARuntimePack()
    {
        using var root = new TempFolder();
        using var packages = new TempFolder();
        Assert.Null(ReferenceAssemblies.FindWindowsDesktop(root.Path, packages.Path, "net9.0"));

        var runtime = Directory.CreateDirectory(packages.Combine("microsoft.windowsdesktop.app.runtime.win-x64", "9.0.20", "runtimes", "win-x64", "lib", "net9.0")).FullName;
        Assert.Equal((runtime, "Microsoft.WindowsDesktop.App.Runtime.win-x64 9.0.20 (NuGet packages folder, runtime assemblies)"), ReferenceAssemblies.FindWindowsDesktop(root.Path, packages.Path, "net9.0"));
        Assert.Null(ReferenceAssemblies.FindWindowsDesktop(root.Path, packages.Path, "net8.0"));

        var nuget = Directory.CreateDirectory(packages.Combine("microsoft.windowsdesktop.app.ref", "9.0.11", "ref", "net9.0")).FullName;
        Assert.Equal((nuget, "Microsoft.WindowsDesktop.App.Ref 9.0.11 (NuGet packages folder)"), ReferenceAssemblies.FindWindowsDesktop(root.Path, packages.Path, "net9.0"));

        var installed = Directory.CreateDirectory(root.Combine("packs", "Microsoft.WindowsDesktop.App.Ref", "9.0.9", "ref", "net9.0")).FullName;
        Assert.Equal((installed, "Microsoft.WindowsDesktop.App.Ref 9.0.9 (installed)"), ReferenceAssemblies.FindWindowsDesktop(root.Path, packages.Path, "net9.0"));
    }

    /// <summary>The few WPF types the fixture uses, under their real names, in an assembly named as the real one.</summary>
    private static void EmitPresentationFramework(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var source = """
            namespace System.Windows
            {
                public class Window { public string Title { get; set; } }
            }

            namespace System.Windows.Controls
            {
                public class TextBox { public string Text { get; set; } }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "PresentationFramework",
            new[] { CSharpSyntaxTree.ParseText(source) },
            ReferenceAssemblies.Installed.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }
}
