using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>A response whose content stream goes out inside an object its function returns: the stream keeps it alive.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string UploadFile = """
        using System.IO;
        using System.Linq;

        sealed class UploadFile
        {
            public UploadFile(string name, Stream body, string description)
            {
                Name = name;
                Body = body;
                Description = description;
            }

            public string Name { get; }
            public Stream Body { get; }
            public string Description { get; }
        }

        """;

    [Fact]
    public Task ContentStreamReturnedInAnObjectFromALocalFunctionOrLambda_NoDiagnostic() => VerifyAsync(UploadFile + """
        class Attachments
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<UploadFile[]> Download(string[] urls)
            {
                async Task<UploadFile> Get(string url)
                {
                    var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    return new UploadFile(url, await response.Content.ReadAsStreamAsync(), "attachment");
                }

                return await Task.WhenAll(urls.Select(Get));
            }

            public Task<UploadFile[]> DownloadAll(string[] urls) => Task.WhenAll(urls.Select(async url =>
            {
                var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                return new UploadFile(url, await response.Content.ReadAsStreamAsync(), "attachment");
            }));
        }
        """);

    [Fact]
    public Task ContentStreamInAnObjectTheLocalFunctionOnlyReads_Diagnostic() => VerifyAsync(UploadFile + """
        class Attachments
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string[]> Names(string[] urls)
            {
                async Task<string> Get(string url)
                {
                    var response = {|HCG003:await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)|};
                    var file = new UploadFile(url, await response.Content.ReadAsStreamAsync(), "attachment");
                    return file.Name;
                }

                return await Task.WhenAll(urls.Select(Get));
            }
        }
        """);

    // The wrapper's type comes from a project folder mode did not compile: its constructor does not bind.
    [Fact]
    public Task ContentStreamReturnedInAnObjectWhoseTypeDoesNotBind_NoDiagnostic() => VerifyAsync("""
        using System.Linq;

        class Attachments
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<MultipartFile[]> Download(string[] urls)
            {
                async Task<MultipartFile> Get(string url)
                {
                    var response = await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    return new MultipartFile(url, await response.Content.ReadAsStreamAsync(), "attachment");
                }

                return await Task.WhenAll(urls.Select(Get));
            }
        }
        """, TestOptions.Default with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ContentStreamInAnUnboundObjectTheLocalFunctionOnlyReads_Diagnostic() => VerifyAsync("""
        using System.Linq;

        class Attachments
        {
            private static readonly HttpClient Client = new HttpClient();

            public async Task<string[]> Names(string[] urls)
            {
                async Task<string> Get(string url)
                {
                    var response = {|HCG003:await Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)|};
                    var file = new MultipartFile(url, await response.Content.ReadAsStreamAsync(), "attachment");
                    return file.Name;
                }

                return await Task.WhenAll(urls.Select(Get));
            }
        }
        """, TestOptions.Default with { IgnoreCompilerDiagnostics = true });
}
