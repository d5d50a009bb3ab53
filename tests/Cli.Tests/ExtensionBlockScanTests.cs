using System.IO;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Tests.Infrastructure;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// C# 14 extension blocks (<c>extension(Task&lt;HttpResponseMessage&gt; task) { public Task&lt;byte[]&gt; ReadBytes() =&gt; ...; }</c>):
/// a task of a response handed to a member that only reads it, in static form (<c>ReadBytes(client.PostAsync(url, body))</c>,
/// bound to the member's implementation) or instance form (<c>client.PostAsync(url, body).ReadBytes()</c>), is dropped where
/// it is sent; a member that disposes the response or hands it back decides nothing there. The analyzers build against
/// Roslyn 4.8, which has no such syntax; the scanner compiles with a newer compiler, so these cases are scanned here.
/// </summary>
public sealed class ExtensionBlockScanTests
{
    [Fact]
    public async Task TaskHandedToAMemberThatOnlyReadsIt_ReportedAtEachSend()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("SimpleHttp.cs"), """
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class SimpleHttp
            {
                extension(HttpClient client)
                {
                    public Task<byte[]> Post(string url, HttpContent body) => ReadBytes(client.PostAsync(url, body)); // expect: HCG003
                    public Task<string> Put(string url, HttpContent body) => client.PutAsync(url, body).ReadString(); // expect: HCG003
                    public async Task<int> Delete(string url) => await Status(client.DeleteAsync(url), url); // expect: HCG003
                    public Task<string> Get(string url) => HttpClient.ReadText(client.GetAsync(url)); // expect: HCG003
                    public Task<byte[]> Patch(string url, HttpContent body) => client.PatchAsync(url, body).Bytes(); // expect: HCG003

                    public async Task<bool> Exists(string url)
                    {
                        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)); // expect: HCG003
                        return Found(response);
                    }
                }

                extension(HttpClient)
                {
                    public static Task<string> ReadText(Task<HttpResponseMessage> sent) => sent.ContinueWith(t => t.Result.Content.ReadAsStringAsync()).Unwrap();
                }

                extension(HttpResponseMessage response)
                {
                    public bool Found() => response.IsSuccessStatusCode;
                }

                extension(Task<HttpResponseMessage> task)
                {
                    public Task<byte[]> ReadBytes() => task.ContinueWith(t => t.Result.Content.ReadAsByteArrayAsync()).Unwrap();
                    public async Task<string> ReadString() => await (await task).Content.ReadAsStringAsync();
                    public async Task<int> Status(string url) => url.Length > 0 ? (int)(await task).StatusCode : 0;
                    public Task<byte[]> Bytes() => task.ReadBytes();
                }
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.Equal(ExpectedFindings.In(folder.Path, projectMode: false), ExpectedFindings.FromJson(result.Json()));
    }

    [Fact]
    public async Task TaskHandedToAMemberThatDisposesOrReturnsIt_Quiet()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("SimpleHttp.cs"), """
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class SimpleHttp
            {
                extension(HttpClient client)
                {
                    public Task<byte[]> Post(string url, HttpContent body) => ReadBytes(client.PostAsync(url, body));
                    public Task<string> Put(string url, HttpContent body) => client.PutAsync(url, body).ReadString();
                    public async Task<int> Delete(string url)
                    {
                        using var response = await client.DeleteAsync(url).Checked();
                        return (int)response.StatusCode;
                    }
                }

                extension(Task<HttpResponseMessage> task)
                {
                    public Task<byte[]> ReadBytes() => task.ContinueWith(t =>
                    {
                        using var response = t.Result;
                        return response.Content.ReadAsByteArrayAsync();
                    }).Unwrap();

                    public async Task<string> ReadString()
                    {
                        using var response = await task;
                        return await response.Content.ReadAsStringAsync();
                    }

                    public async Task<HttpResponseMessage> Checked()
                    {
                        var response = await task;
                        return response;
                    }
                }
            }
            """);

        var result = await Hcg.RunAsync("scan", folder.Path, "--format", "json", "--no-package-cache");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        Assert.Empty(ExpectedFindings.FromJson(result.Json()));
    }
}
