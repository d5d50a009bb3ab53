using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// --fix writes only what every target framework of the project compiles, in the project's own language version;
/// where the project is unknown, in the forms every C# compiles.
/// </summary>
public sealed class TargetAwareFixTests
{
    [Fact]
    public async Task FixThatOnlyOneTargetCompiles_IsNotApplied_AndSaysWhichTargetItWouldBreak()
    {
        using var folder = TempFolder.WithFixture("MultiTargetFixable");

        var result = await Hcg.RunAsync(TestOnlyRules.Catalog, "scan", folder.Combine("MultiTargetFixable.csproj"), "--fix");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var consumer = File.ReadAllText(folder.Combine("Consumer.cs"));
        Assert.Contains("public int Use(int key) => Legacy.Fetch(key); // expect: TST001", consumer, StringComparison.Ordinal);
        Assert.Contains("public int Twice() => Current.Ping() + Current.Ping();", consumer, StringComparison.Ordinal);
        Assert.Contains("not applied: Consumer.cs:", result.Output, StringComparison.Ordinal);
        Assert.Contains("TST001: would break netstandard2.0 (CS0103", result.Output, StringComparison.Ordinal);
        Assert.Contains("hcg: fixed 2 of 3 fixable findings in 1 files; 1 not applied: would break netstandard2.0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpClientGuardFixes_OnANetStandardAndNet10Library_BuildForBothTargets()
    {
        using var folder = TempFolder.WithFixture("MultiTargetFix");
        var project = folder.Combine("MultiTargetFix.csproj");
        var before = File.ReadAllText(folder.Combine("Fetcher.cs"));

        var result = await Hcg.RunAsync("scan", project, "--fix");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.NotEqual(before, File.ReadAllText(folder.Combine("Fetcher.cs")));
        var build = await DotnetCommand.RunAsync(folder.Path, TimeSpan.FromMinutes(5), default, "build", project, "-p:TreatWarningsAsErrors=false");
        Assert.True(build.Succeeded, build.Output);
        Assert.Contains("MultiTargetFix -> ", build.Output, StringComparison.Ordinal);
        Assert.Equal(2, build.Output.Split('\n').Count(line => line.Contains("MultiTargetFix.dll", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FolderWithACSharp73Project_FixWritesTheUsingStatementForm()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Legacy.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Status.cs"), StatusSource);

        var result = await Hcg.RunAsync(Analysis.RuleCatalog.Default, "scan", folder.Path, "--fix", "--rules", "HCG003");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var text = File.ReadAllText(folder.Combine("Status.cs"));
        Assert.Contains("using (var response = await client.GetAsync(uri))", text, StringComparison.Ordinal);
        Assert.DoesNotContain("using var", text, StringComparison.Ordinal);
        Assert.Contains("netstandard2.0: folder mode, C# 7.3 (SDK default for netstandard2.0)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LooseFilesWithoutAProject_FixWritesTheCSharp73Form()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Status.cs"), StatusSource);

        var result = await Hcg.RunAsync(Analysis.RuleCatalog.Default, "scan", folder.Path, "--fix", "--rules", "HCG003");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var text = File.ReadAllText(folder.Combine("Status.cs"));
        Assert.Contains("using (var response = await client.GetAsync(uri))", text, StringComparison.Ordinal);
        Assert.Contains("fixes written for C# 7.3 (no project file)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectOnCSharp14_FixWritesTheUsingDeclaration()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Modern.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Status.cs"), StatusSource);

        var result = await Hcg.RunAsync(Analysis.RuleCatalog.Default, "scan", folder.Path, "--fix", "--rules", "HCG003");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("using var response = await client.GetAsync(uri);", File.ReadAllText(folder.Combine("Status.cs")), StringComparison.Ordinal);
    }

    private const string StatusSource = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Legacy
        {
            public static class Status
            {
                public static async Task<int> CodeAsync(HttpClient client, Uri uri)
                {
                    var response = await client.GetAsync(uri);
                    return (int)response.StatusCode;
                }
            }
        }
        """;
}
