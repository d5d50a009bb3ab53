using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// C# 14's <c>field</c> keyword (<c>get => field ??= new HttpClient()</c>) stores the client in the property's own backing
/// field, as <c>_client ??= new HttpClient()</c> does in a declared one: once per instance, so the owner's lifetime decides.
/// The analyzers build against Roslyn 4.8, which has no such syntax; the scanner compiles with a newer compiler, so these
/// cases are scanned here rather than in the analyzer tests.
/// </summary>
public sealed class FieldKeywordScanTests
{
    [Fact]
    public async Task BackingFieldOfAnOwnerMadeOnce_Quiet()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Weather.cs"), """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherApi
            {
                public HttpClient Client { get => field ??= new HttpClient(); }

                public async Task<string> Today(string url)
                {
                    using var response = await Client.GetAsync(url);
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public class RatesApi
            {
                public HttpClient Client { get { return field ?? (field = new HttpClient()); } }

                public Task<string> Rates(string url) => Client.GetStringAsync(url);
            }

            public static class Apis
            {
                private static readonly WeatherApi Weather = new WeatherApi();
                private static readonly RatesApi Rates = new RatesApi();

                public static async Task<string> Report(string url) => await Weather.Today(url) + await Rates.Rates(url);
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.Empty(ExpectedFindings.FromJson(result.Json()));
    }

    [Fact]
    public async Task BackingFieldOfAnOwnerMadePerCall_ReportedAtTheCreationNamingThePerCallSite()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Weather.cs"), """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherApi
            {
                public HttpClient Client { get => field ??= new HttpClient(); } // expect: HCG001

                public async Task<string> Today(string url)
                {
                    using var response = await Client.GetAsync(url);
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public static class Reports
            {
                public static Task<string> Today(string url) => new WeatherApi().Today(url);
            }

            public static class Shared
            {
                public static HttpClient Client => field ??= new HttpClient(); // expect: HCG007
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var report = result.Json();
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(report));
        var messages = System.Linq.Enumerable.Select(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString());
        Assert.Contains(messages, m => m!.Contains("'WeatherApi', which is created each time 'Reports.Today' runs", System.StringComparison.Ordinal));
    }
}
