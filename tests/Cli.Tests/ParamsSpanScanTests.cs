using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// From .NET 9, <c>Task.WhenAll(a, b)</c> binds to <c>WhenAll(params ReadOnlySpan&lt;Task&lt;T&gt;&gt;)</c>, whose arguments
/// reach the call through an implicit collection expression (C# 13 params collections). The analyzer tests compile against
/// net8.0 with Roslyn 4.8, where the array overload is chosen, so the span overload is scanned here (net10.0, Roslyn 5.0).
/// </summary>
public sealed class ParamsSpanScanTests
{
    [Fact]
    public async Task WhenAllOverTheSpanOverload_ResultsOnlyReadOrDiscardedReported_DisposedQuiet()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Mirrors.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(folder.Combine("Mirrors.cs"), """
            public static class Mirrors
            {
                public static async Task<bool> BothUp(HttpClient client, Uri first, Uri second)
                {
                    var statuses = await Task.WhenAll(client.GetAsync(first), client.GetAsync(second)); // expect: HCG003 HCG003
                    return statuses[0].IsSuccessStatusCode && statuses[1].IsSuccessStatusCode;
                }

                public static async Task Notify(HttpClient client, Uri first, Uri second)
                {
                    await Task.WhenAll(client.PostAsync(first, null), client.PostAsync(second, null)); // expect: HCG003 HCG003
                }

                public static async Task<bool> Disposed(HttpClient client, Uri first, Uri second)
                {
                    var responses = await Task.WhenAll(client.GetAsync(first), client.GetAsync(second));
                    try
                    {
                        return responses[0].IsSuccessStatusCode;
                    }
                    finally
                    {
                        foreach (var response in responses)
                        {
                            response.Dispose();
                        }
                    }
                }

                public static async Task<HttpResponseMessage[]> Returned(HttpClient client, Uri first, Uri second) =>
                    await Task.WhenAll(client.GetAsync(first), client.GetAsync(second));
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(result.Json()));
    }
}
