using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// Folder mode compiles the projects a scanned project references (<c>ProjectReference</c>, transitively) from their
/// sources, so that a client or response reached through a sibling project's type binds (win-acme's DNS plugins get
/// their client from main.lib's IProxyService). Referenced projects outside the scanned folder are not reported.
/// </summary>
public sealed class ProjectReferenceScanTests
{
    private const string Core = """
        namespace Core;

        public interface ITransport
        {
            HttpClient Client { get; }
        }

        public static class Probe
        {
            public static async Task<int> StatusAsync(HttpClient client)
            {
                var response = await client.GetAsync("https://example.com/"); // expect: HCG003
                return (int)response.StatusCode;
            }
        }
        """;

    private const string Mid = """
        namespace Mid;

        public sealed class Services
        {
            public Services(Core.ITransport transport) => Transport = transport;

            public Core.ITransport Transport { get; }
        }
        """;

    private const string App = """
        namespace App;

        public sealed class Uploader
        {
            private readonly Mid.Services _services;

            public Uploader(Mid.Services services) => _services = services;

            public async Task<int> LeakedAsync(string url)
            {
                var response = await _services.Transport.Client.GetAsync(url); // expect: HCG003
                return (int)response.StatusCode;
            }

            public async Task<int> DisposedAsync(string url)
            {
                using var response = await _services.Transport.Client.GetAsync(url);
                return (int)response.StatusCode;
            }

            public Task<HttpResponseMessage> ReturnedAsync(string url) => _services.Transport.Client.GetAsync(url);
        }
        """;

    [Fact]
    public async Task ProjectFolder_CompilesItsReferencedProjectsTransitivelyAndReportsOnlyItsOwnFiles()
    {
        using var repository = CreateRepository();
        var app = repository.Combine("src", "App");

        var result = await Hcg.RunAsync("scan", app, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Uploader.cs:11" }, ExpectedFindings.FromJson(report).ToArray());
        Assert.Equal(ExpectedFindings.In(app, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(1, report.GetProperty("filesScanned").GetInt32());
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Contains("2 referenced project(s) compiled from source (Mid net10.0, Core net10.0)", target.GetProperty("references").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoryFolder_ReferencesTheScannedProjectsThemselvesAndReportsEachFindingOnce()
    {
        using var repository = CreateRepository();

        var result = await Hcg.RunAsync("scan", repository.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(ExpectedFindings.In(repository.Path, projectMode: false), ExpectedFindings.FromJson(report));
        Assert.Equal(2, ExpectedFindings.FromJson(report).Count);
        Assert.Equal(3, report.GetProperty("filesScanned").GetInt32());
        Assert.Equal(0, report.GetProperty("filesWithUnresolvedReferences").GetInt32());
        Assert.Equal(3, report.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task MissingReferencedProject_SaysSoAndStaysQuietWhereTheCodeDoesNotBind()
    {
        using var repository = CreateRepository();
        Directory.Delete(repository.Combine("src", "Core"), recursive: true);
        var app = repository.Combine("src", "App");

        var result = await Hcg.RunAsync("scan", app, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        // Mid's Core.ITransport does not bind: neither does the client reached through it.
        Assert.Empty(ExpectedFindings.FromJson(report));
        var references = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("references").GetString()!;
        Assert.Contains("1 referenced project(s) compiled from source (Mid net10.0)", references, StringComparison.Ordinal);
        Assert.Contains("not loaded (missing, no C# files, or over 64): Core.csproj", references, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectWithoutProjectReferences_SaysNothingAboutThem()
    {
        using var repository = CreateRepository();

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "Core"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Transport.cs:12" }, ExpectedFindings.FromJson(report).ToArray());
        var references = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("references").GetString()!;
        Assert.DoesNotContain("referenced project", references, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzerProjectReference_IsNotCompiledAgainst()
    {
        using var repository = CreateRepository();
        File.WriteAllText(repository.Combine("src", "Core", "Core.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Mid/Mid.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "Core"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(new[] { "HCG003 Transport.cs:12" }, ExpectedFindings.FromJson(report).ToArray());
        var references = Assert.Single(report.GetProperty("targets").EnumerateArray()).GetProperty("references").GetString()!;
        Assert.DoesNotContain("referenced project", references, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("net8.0", "netstandard2.0;net462;net6.0", "net6.0")]
    [InlineData("net472", "netstandard2.0;net462;net6.0", "net462")]
    [InlineData("net461", "net8.0;netstandard2.0", "netstandard2.0")]
    [InlineData("netstandard2.0", "net8.0;netstandard2.1;netstandard2.0", "netstandard2.0")]
    [InlineData("net9.0-windows7.0", "net8.0-windows;net9.0-android35.0;netstandard2.0", "net8.0-windows")]
    [InlineData("net9.0", "net9.0-windows;net8.0", "net8.0")]
    [InlineData("net48", "net8.0;net9.0", "net8.0")]
    public void NearestFramework_IsTheOneTheBuildWouldReference(string wanted, string candidates, string expected)
    {
        var frameworks = candidates.Split(';').Select(TargetFramework.Parse).ToList();

        var nearest = FolderProjectReferences.Nearest(TargetFramework.Parse(wanted), frameworks, framework => framework);

        Assert.Equal(expected, nearest?.Moniker);
    }

    // A summary of a referenced project's method reads that project's syntax, which is not part of the scanned compilation:
    // the timed response cache whose front returns a sibling's task is asked from App, and must not throw (an analyzer failure
    // there dropped every HCG003 of the project). The sibling is not bound across compilations, so the front is not known as
    // a cache here and its caller is reported, as a build, which sees the referenced project as metadata, reports it.
    [Fact]
    public async Task SummaryOfAReferencedProjectsMethod_AnalyzerDoesNotFailAndStillReports()
    {
        using var repository = new TempFolder();
        Write(repository, "Core", Project(), ("Connector.cs", """
            using System.Collections.Concurrent;

            namespace Core;

            public abstract class Connector
            {
                private static readonly HttpClient Client = new HttpClient();
                private readonly ConcurrentDictionary<string, (DateTime Time, HttpResponseMessage Response)> _cached = new();

                protected HttpResponseMessage? MakeWebRequest(string url)
                {
                    if (_cached.TryGetValue(url, out var entry))
                        return entry.Response;
                    var requestTask = MakeAsyncWebRequest(url);
                    return requestTask.Result;
                }

                private async Task<HttpResponseMessage?> MakeAsyncWebRequest(string url)
                {
                    var response = await Client.GetAsync(url);
                    _cached.TryAdd(url, (DateTime.Now, response));
                    return response;
                }
            }
            """));
        Write(repository, "App", Project("../Core/Core.csproj"), ("Gear.cs", """
            namespace App;

            public sealed class GearConnector : Core.Connector
            {
                private readonly HttpClient _client = new HttpClient();

                public string? Name(string id) => MakeWebRequest("https://gear.example/" + id)?.Content.ReadAsStringAsync().Result; // expect: HCG003

                public async Task<int> StatusAsync(string url)
                {
                    var response = await _client.GetAsync(url); // expect: HCG003
                    return (int)response.StatusCode;
                }
            }
            """));

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "App"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Empty(report.GetProperty("notes").EnumerateArray());
        Assert.Equal(ExpectedFindings.In(repository.Combine("src", "App"), projectMode: false), ExpectedFindings.FromJson(report));
    }

    [Fact]
    public async Task ResponseHandedToAReferencedProjectsWrapper_DecidedWithoutReadingItsSourceAsThisCompilations()
    {
        // Core's Wrap builds a Result whose constructor only reads the response; Core's source is another compilation, so
        // the scan of App cannot bind it and takes the response as handed back inside the Result (no finding, no failure).
        using var repository = new TempFolder();
        Write(repository, "Core", Project(), ("Wrapping.cs", """
            namespace Core;

            public sealed class Result
            {
                public Result(HttpResponseMessage response) => Status = (int)response.StatusCode;

                public int Status { get; }
            }

            public static class Wrapping
            {
                public static Result Wrap(HttpResponseMessage response) => new Result(response);
            }
            """));
        Write(repository, "App", Project("../Core/Core.csproj"), ("Caller.cs", """
            namespace App;

            public sealed class Caller
            {
                private static readonly HttpClient Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

                public async Task<Core.Result> WrappedAsync(string url) => Core.Wrapping.Wrap(await Client.GetAsync(url));
            }
            """));

        var result = await Hcg.RunAsync("scan", repository.Combine("src", "App"), "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.DoesNotContain("analyzer failure", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Empty(ExpectedFindings.FromJson(result.Json()));
    }

    private static TempFolder CreateRepository()
    {
        var repository = new TempFolder();
        Write(repository, "Core", Project(), ("Transport.cs", Core));
        Write(repository, "Mid", Project("../Core/Core.csproj"), ("Services.cs", Mid));
        Write(repository, "App", Project(@"..\Mid\Mid.csproj"), ("Uploader.cs", App));
        return repository;
    }

    private static void Write(TempFolder repository, string name, string project, params (string File, string Text)[] files)
    {
        var directory = repository.Combine("src", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), project);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, file), text);
        }
    }

    private static string Project(params string[] references) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
        {string.Concat(references.Select(reference => $"    <ProjectReference Include=\"{reference}\" />\n"))}  </ItemGroup>
        </Project>
        """;
}
