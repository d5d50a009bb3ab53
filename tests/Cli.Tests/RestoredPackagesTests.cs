using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Cli;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode does not restore, so a project's packages used to be unknown types there and HCG008's catalogue
/// (recognised by symbol) reported nothing. Packages the project file references are now taken from the local
/// NuGet cache when this machine restored them before: the report names them, and those it could not find.
/// </summary>
public sealed class RestoredPackagesTests
{
    private const string RestSharpVersion = "114.1.0";

    [Fact]
    public async Task FolderScan_PackageRestoredBefore_ReportsItsClientCreatedPerCall()
    {
        using var repository = new TempFolder();

        await RestoreRestSharpAsync(repository);

        Directory.CreateDirectory(repository.Combine("src", "App"));
        File.WriteAllText(repository.Combine("src", "App", "App.csproj"), Project("net8.0", ("RestSharp", RestSharpVersion), ("Contoso.Never.Restored", "1.0.0")));
        File.WriteAllText(repository.Combine("src", "App", "Api.cs"), """
            using System.Threading.Tasks;
            using RestSharp;

            public class Api
            {
                private static readonly RestClient s_shared = new RestClient("https://status.example.com");

                public async Task<string?> GetAsync(string url)
                {
                    var client = new RestClient(url);
                    var response = await client.GetAsync(new RestRequest("items"));
                    return response.Content;
                }

                public Task<RestResponse> StatusAsync() => s_shared.ExecuteAsync(new RestRequest("status"));
            }
            """);

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "App"), "--no-progress");

        Assert.True(result.ExitCode == ExitCodes.Success, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains($"1 package(s) from the NuGet cache (RestSharp {RestSharpVersion})", result.Output, StringComparison.Ordinal);
        Assert.Contains("not restored here: Contoso.Never.Restored 1.0.0", result.Output, StringComparison.Ordinal);
        Assert.Contains("Api.cs:10  var client = new RestClient(url);", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Api.cs:6", result.Output, StringComparison.Ordinal);
        Assert.Contains("HCG008", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderScan_NoPackageCache_CompilesWithoutThePackages()
    {
        using var repository = new TempFolder();
        await RestoreRestSharpAsync(repository);
        Directory.CreateDirectory(repository.Combine("App"));
        File.WriteAllText(repository.Combine("App", "App.csproj"), Project("net8.0", ("RestSharp", RestSharpVersion)));
        File.WriteAllText(repository.Combine("App", "Api.cs"), """
            using RestSharp;

            public class Api
            {
                public string Get(string url) => new RestClient(url).ToString();
            }
            """);

        var withCache = await Hcg.RunAsync("scan", repository.Combine("App"), "--no-progress");
        var withoutCache = await Hcg.RunAsync("scan", repository.Combine("App"), "--no-progress", "--no-package-cache");

        Assert.Contains("Api.cs:5", withCache.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("package(s) from the NuGet cache", withoutCache.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HCG008", withoutCache.Output, StringComparison.Ordinal);
        Assert.Contains("1 with unresolved references", withoutCache.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderScan_PackageNeverRestored_SaysSoAndReportsNothingForIt()
    {
        using var repository = new TempFolder();
        Directory.CreateDirectory(repository.Combine("App"));
        File.WriteAllText(repository.Combine("App", "App.csproj"), Project("net8.0", ("Contoso.Never.Restored", "2.0.0")));
        File.WriteAllText(repository.Combine("App", "Api.cs"), """
            using Contoso.Never.Restored;

            public class Api
            {
                public string Get(string url) => new RestClient(url).ToString();
            }
            """);

        var result = await Hcg.RunAsync("scan", repository.Combine("App"), "--no-progress");

        Assert.True(result.ExitCode == ExitCodes.Success, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("not restored here: Contoso.Never.Restored 2.0.0", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HCG008", result.Output, StringComparison.Ordinal);
    }

    // A catalogue SDK whose every version builds its own pool is recognised by name where its package never restored
    // (docs/rules/HCG008.md, "When the package does not bind"); RestSharp, whose old versions did not, stays quiet.
    [Fact]
    public async Task FolderScan_RefitNeverRestored_ReportedByName()
    {
        using var repository = new TempFolder();
        Directory.CreateDirectory(repository.Combine("App"));
        File.WriteAllText(repository.Combine("App", "App.csproj"), Project("net8.0", ("Refit", "10.0.1"), ("RestSharp", "106.15.0")));
        File.WriteAllText(repository.Combine("App", "Api.cs"), """
            using Refit;
            using RestSharp;

            public interface IStatusApi { }

            public class Api
            {
                public string Get(string url)
                {
                    var api = RestService.For<IStatusApi>(url);
                    var client = new RestClient(url);
                    return api.ToString() + client.ToString();
                }
            }
            """);

        // Without the cache neither package binds, whatever this machine restored before.
        var result = await Hcg.RunAsync("scan", repository.Combine("App"), "--no-progress", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("1 with unresolved references", result.Output, StringComparison.Ordinal);
        Assert.Contains("Api.cs:10  var api = RestService.For<IStatusApi>(url);", result.Output, StringComparison.Ordinal);
        Assert.Contains("HCG008", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Api.cs:11", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageReferences_CentralVersionsOverridesAndFrameworkConditions()
    {
        using var repository = new TempFolder();
        File.WriteAllText(repository.Combine("Directory.Packages.props"), """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Octokit" Version="14.0.0" />
                <PackageVersion Include="Flurl.Http" Version="4.0.2" />
                <PackageVersion Include="System.Text.Json" Version="8.0.5" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(repository.Combine("Directory.Build.props"), """
            <Project>
              <ItemGroup><PackageReference Include="Octokit" /></ItemGroup>
            </Project>
            """);
        Directory.CreateDirectory(repository.Combine("Lib"));
        var projectFile = repository.Combine("Lib", "Lib.csproj");
        File.WriteAllText(projectFile, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Flurl.Http" VersionOverride="3.2.4" />
                <PackageReference Include="Unversioned.Package" />
              </ItemGroup>
              <ItemGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
                <PackageReference Include="System.Text.Json" />
              </ItemGroup>
            </Project>
            """);

        static string Listed(IReadOnlyList<PackageReference> packages) => string.Join(", ", packages.Select(p => p.Id + " " + p.Version));

        Assert.Equal("Flurl.Http 3.2.4, Octokit 14.0.0, System.Text.Json 8.0.5", Listed(ProjectFileXml.PackageReferences(projectFile, "netstandard2.0")));
        Assert.Equal("Flurl.Http 3.2.4, Octokit 14.0.0", Listed(ProjectFileXml.PackageReferences(projectFile, "net8.0")));
    }

    [Theory]
    [InlineData("net8.0", "net6.0;netstandard2.0;netstandard2.1;net9.0", "net6.0")]
    [InlineData("net8.0", "netstandard2.0;netstandard2.1;net462", "netstandard2.1")]
    [InlineData("netstandard2.0", "netstandard2.0;netstandard2.1;net6.0", "netstandard2.0")]
    [InlineData("net472", "net45;net462;netstandard2.0;net6.0", "net462")]
    [InlineData("net452", "netstandard2.0;net6.0", null)]
    [InlineData("netcoreapp3.1", "netstandard2.0;netstandard2.1;netcoreapp2.1", "netcoreapp2.1")]
    public void Nearest_PicksTheClosestFrameworkTheTargetCanUse(string target, string candidates, string? expected) =>
        Assert.Equal(expected, RestoredPackages.Nearest(candidates.Split(';'), TargetFramework.Parse(target)!));

    [Fact]
    public void Resolve_FollowsNuspecDependenciesOfTheNearestGroup_AndListsMissingDirectPackagesOnly()
    {
        using var cache = new TempFolder();
        FakePackage(cache, "Sdk.Client", "2.1.0", """
            <dependencies>
              <group targetFramework=".NETStandard2.0"><dependency id="Sdk.Core" version="[1.4.0, )" /><dependency id="Not.Cached" version="1.0.0" /></group>
              <group targetFramework="net8.0"><dependency id="Sdk.Core" version="1.5.0" /></group>
            </dependencies>
            """);
        FakePackage(cache, "Sdk.Core", "1.4.0", "<dependencies />");
        FakePackage(cache, "Sdk.Core", "1.5.0", "<dependencies />");

        var direct = new[] { new PackageReference("Sdk.Client", "[2.1.0]"), new PackageReference("Gone", "3.0.0") };
        var forNetStandard = RestoredPackages.Resolve(direct, TargetFramework.Parse("netstandard2.0"), new HashSet<string>(), cache.Path);
        var forNet8 = RestoredPackages.Resolve(direct, TargetFramework.Parse("net8.0"), new HashSet<string>(), cache.Path);

        Assert.Equal(new[] { "Sdk.Client 2.1.0", "Sdk.Core 1.4.0" }, forNetStandard.Found);
        Assert.Equal(new[] { "Gone 3.0.0" }, forNetStandard.Missing);
        Assert.Equal(new[] { "Sdk.Client 2.1.0", "Sdk.Core 1.5.0" }, forNet8.Found);
    }

    /// <summary>What a developer's machine has: RestSharp restored once, by another project (into this run's private packages folder).</summary>
    private static async Task RestoreRestSharpAsync(TempFolder repository)
    {
        Directory.CreateDirectory(repository.Combine("restore"));
        File.WriteAllText(repository.Combine("restore", "Restore.csproj"), Project("net8.0", ("RestSharp", RestSharpVersion)));
        var restore = await DotnetCommand.RunAsync(repository.Combine("restore"), TimeSpan.FromMinutes(3), default, "restore", "Restore.csproj");
        Assert.True(restore.Succeeded, "restore of RestSharp failed:\n" + restore.Output);
    }

    private static void FakePackage(TempFolder cache, string id, string version, string dependencies)
    {
        var folder = cache.Combine(id.ToLowerInvariant(), version);
        Directory.CreateDirectory(Path.Combine(folder, "lib", "netstandard2.0"));
        File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version>{dependencies}</metadata>
            </package>
            """);
    }

    private static string Project(string framework, params (string Id, string Version)[] packages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>{framework}</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
          <ItemGroup>
        {string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />\n"))}  </ItemGroup>
        </Project>
        """;
}
