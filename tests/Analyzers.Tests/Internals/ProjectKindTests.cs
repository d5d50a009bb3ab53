using System.Collections.Immutable;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// ProjectKind read through the real option plumbing: a probe analyzer reports what ProjectKind
/// decided for each class, and the tests supply build properties and options the way MSBuild does
/// (a global config) or the way users do (an .editorconfig section).
/// </summary>
public class ProjectKindTests
{
    private const string Source = """
        using System.Net.Http;

        class {|#0:C|} { }
        """;

    private static Task VerifyAsync(string expected, string? globalConfig = null, string? editorConfig = null, string source = Source) =>
        Verify<ProjectKindProbe>.DiagnosticsWithMessagesAsync(
            source,
            new TestOptions { Targets = Targets.Net80, GlobalConfig = globalConfig, EditorConfig = editorConfig },
            expected);

    [Fact]
    public Task NoBuildProperties_OrdinaryProject() =>
        VerifyAsync("blazor=False test=False report-in-tests=False suppress-per-call=False native-handler=False tfm=");

    [Fact]
    public Task IsTestProject_PerCallRulesSuppressedByDefault() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=False suppress-per-call=True native-handler=False tfm=net8.0",
            "build_property.IsTestProject = true\nbuild_property.TargetFramework = net8.0");

    [Fact]
    public Task IsTestProjectFalse_NotATestProject() =>
        VerifyAsync(
            "blazor=False test=False report-in-tests=False suppress-per-call=False native-handler=False tfm=",
            "build_property.IsTestProject = false");

    [Fact]
    public Task ReportInTestProjectsInGlobalConfig_PerCallRulesReported() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=True suppress-per-call=False native-handler=False tfm=",
            "build_property.IsTestProject = True\nhttpclientguard.report_in_test_projects = TRUE");

    [Fact]
    public Task ReportInTestProjectsInEditorConfigSection_AppliesToThatFile() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=False suppress-per-call=False native-handler=False tfm=",
            "build_property.IsTestProject = true",
            "[*.cs]\nhttpclientguard.report_in_test_projects = true");

    [Fact]
    public Task EditorConfigSectionForOtherFiles_DoesNotApply() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=False suppress-per-call=True native-handler=False tfm=",
            "build_property.IsTestProject = true",
            "[*.vb]\nhttpclientguard.report_in_test_projects = true");

    [Fact]
    public Task EditorConfigFalseOverridesGlobalTrue_ForThatFile() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=True suppress-per-call=True native-handler=False tfm=",
            "build_property.IsTestProject = true\nhttpclientguard.report_in_test_projects = true",
            "[*.cs]\nhttpclientguard.report_in_test_projects = false");

    [Fact]
    public Task UnparsableOption_FallsBackToDefault() =>
        VerifyAsync(
            "blazor=False test=True report-in-tests=False suppress-per-call=True native-handler=False tfm=",
            "build_property.IsTestProject = true\nhttpclientguard.report_in_test_projects = yes");

    [Fact]
    public Task BlazorWebAssemblyProperty_SuppressesPerCallRulesEvenWhenReportingInTests() =>
        VerifyAsync(
            "blazor=True test=False report-in-tests=True suppress-per-call=True native-handler=False tfm=",
            "build_property.UsingMicrosoftNETSdkBlazorWebAssembly = true\nhttpclientguard.report_in_test_projects = true");

    [Fact]
    public Task BlazorPropertyExposedButEmpty_TrustedOverReferencedHostBuilder() =>
        VerifyAsync(
            "blazor=False test=False report-in-tests=False suppress-per-call=False native-handler=False tfm=",
            "build_property.UsingMicrosoftNETSdkBlazorWebAssembly = ",
            source: Source + WebAssemblyHostBuilderStub);

    [Fact]
    public Task NoBlazorProperty_ReferencedHostBuilderMeansWebAssembly() =>
        VerifyAsync(
            "blazor=True test=False report-in-tests=False suppress-per-call=True native-handler=False tfm=",
            source: Source + WebAssemblyHostBuilderStub);

    [Fact]
    public Task NoBlazorProperty_HostBuilderNextToServerHost_NotWebAssembly() =>
        VerifyAsync(
            "blazor=False test=False report-in-tests=False suppress-per-call=False native-handler=False tfm=",
            source: Source + WebAssemblyHostBuilderStub + """

                namespace Microsoft.AspNetCore.Hosting
                {
                    public class WebHostBuilder { }
                }
                """);

    [Fact]
    public Task BrowserTargetFramework_IsWebAssembly() =>
        VerifyAsync(
            "blazor=True test=False report-in-tests=False suppress-per-call=True native-handler=False tfm=net9.0-browser",
            "build_property.TargetFramework = net9.0-browser\nbuild_property.UsingMicrosoftNETSdkBlazorWebAssembly = ");

    [Fact]
    public Task AndroidTargetFramework_NativeDefaultHandler() =>
        VerifyAsync(
            "blazor=False test=False report-in-tests=False suppress-per-call=False native-handler=True tfm=net8.0-android34.0",
            "build_property.TargetFramework = net8.0-android34.0");

    [Theory]
    [InlineData("net8.0", "")]
    [InlineData("net8.0-android", "android")]
    [InlineData("net8.0-ios17.0", "ios")]
    [InlineData("net9.0-MacCatalyst", "maccatalyst")]
    [InlineData("net8.0-browser1.0", "browser")]
    [InlineData("", "")]
    public void TargetPlatform_IsTheLettersAfterTheDash(string targetFramework, string platform) =>
        Assert.Equal(platform, ProjectKind.TargetPlatform(targetFramework));

    private const string WebAssemblyHostBuilderStub = """

        namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
        {
            public class WebAssemblyHostBuilder { }
        }
        """;

    /// <summary>Reports, on every class name, what ProjectKind decided for its file.</summary>
#pragma warning disable RS1036, RS2008 // a probe that exists only inside this test assembly: never shipped, never released
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProjectKindProbe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new(
            "PROBE",
            "ProjectKind",
            "{0}",
            "Test",
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true);
#pragma warning restore RS1036, RS2008

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var kind = ProjectKind.From(start.Compilation, start.Options);
                start.RegisterSyntaxNodeAction(
                    node =>
                    {
                        var declaration = (ClassDeclarationSyntax)node.Node;
                        if (declaration.Parent is not CompilationUnitSyntax)
                        {
                            return; // the stubs live in namespaces
                        }

                        var summary = $"blazor={kind.IsBlazorWebAssembly} test={kind.IsTestProject} report-in-tests={kind.ReportInTestProjects} " +
                                      $"suppress-per-call={kind.SuppressesPerCallRules(declaration.SyntaxTree)} native-handler={kind.DefaultHandlerIsNative} tfm={kind.TargetFramework}";
                        node.ReportDiagnostic(Diagnostic.Create(s_rule, declaration.Identifier.GetLocation(), summary));
                    },
                    SyntaxKind.ClassDeclaration);
            });
        }
    }
}
