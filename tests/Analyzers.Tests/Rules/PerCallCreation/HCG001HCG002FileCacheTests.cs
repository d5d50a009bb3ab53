using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A cache on disk: a member that makes its client only while a file is missing, and writes that file, runs the download
/// once per path. A check of another path, a scratch file deleted afterwards, a check that does not return, a file the
/// member never writes, or one it only opens to read is no cache: per call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002FileCacheTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // ---------------------------------------------------------------- stays quiet

    [Fact]
    public Task DownloadAfterAnEarlyReturnOnAnExistingFile_NoDiagnostic() => VerifyAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ModelStore
        {
            private readonly string _folder;

            public ModelStore(string folder) { _folder = folder; }

            public async Task<bool> EnsureModelAsync(string language)
            {
                var modelPath = Path.Combine(_folder, language + ".model");
                if (File.Exists(modelPath))
                    return true;

                try
                {
                    using (var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }))
                    using (var response = await client.GetStreamAsync("https://example.com/" + language))
                    using (var file = File.Open(modelPath, FileMode.Create, FileAccess.Write))
                    {
                        await response.CopyToAsync(file);
                    }
                }
                catch (HttpRequestException)
                {
                    return false;
                }

                return true;
            }

            public async Task<string> CachedPageAsync(string url, string path)
            {
                if (File.Exists(path) && new FileInfo(path).Length > 0)
                {
                    return File.ReadAllText(path);
                }

                var handler = new HttpClientHandler();
                using (var client = new HttpClient(handler))
                {
                    var text = await client.GetStringAsync(url);
                    File.WriteAllText(path, text);
                    return text;
                }
            }
        }
        """);

    [Fact]
    public Task DownloadInsideAnIfOnAMissingFileWrittenThroughATemporaryFile_NoDiagnostic() => VerifyAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Tools
        {
            public static async Task<string> ToolPathAsync(string url, string target)
            {
                if (!File.Exists(target))
                {
                    var temporary = target + ".part";
                    using (var client = new HttpClient())
                    {
                        var bytes = await client.GetByteArrayAsync(url);
                        File.WriteAllBytes(temporary, bytes);
                    }

                    File.Move(temporary, target);
                }

                return target;
            }

            public static async Task IconAsync(string url, string path)
            {
                if (!File.Exists(path))
                {
                    using (var client = new HttpClient())
                    using (var stream = new FileStream(path, FileMode.CreateNew))
                    {
                        await (await client.GetStreamAsync(url)).CopyToAsync(stream);
                    }
                }
            }
        }
        """);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task CheckOfAnotherPathOrAFileOnlyRead_Diagnostic() => VerifyAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Downloads
        {
            public async Task FetchAsync(string url, string marker, string target)
            {
                if (File.Exists(marker))
                    return;

                using (var client = {|HCG001:new HttpClient()|})
                {
                    File.WriteAllText(target, await client.GetStringAsync(url));
                }
            }

            public async Task<string> CompareAsync(string url, string path)
            {
                if (!File.Exists(path))
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    using (var local = new FileStream(path, FileMode.Open))
                    {
                        return await client.GetStringAsync(url);
                    }
                }

                return null;
            }

            public async Task<string> OpenedToReadAsync(string url, string path)
            {
                if (File.Exists(path))
                    return null;

                using (var client = {|HCG001:new HttpClient()|})
                using (var local = File.Open(path, FileMode.Open))
                {
                    return await client.GetStringAsync(url);
                }
            }

            public async Task<string> NeverWrittenAsync(string url, string path)
            {
                if (File.Exists(path))
                    return File.ReadAllText(path);

                var handler = new HttpClientHandler();
                using (var client = {|HCG001:new HttpClient(handler)|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task ScratchFileDeletedOrCheckThatDoesNotReturnOrGuardInAnotherBranch_Diagnostic() => VerifyAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Imports
        {
            public async Task ImportAsync(string url, string path)
            {
                if (File.Exists(path))
                    return;

                using (var client = {|HCG001:new HttpClient()|})
                {
                    File.WriteAllBytes(path, await client.GetByteArrayAsync(url));
                }

                Console.WriteLine(File.ReadAllText(path));
                File.Delete(path);
            }

            public async Task RefreshAsync(string url, string path)
            {
                if (File.Exists(path))
                    Console.WriteLine("replacing " + path);

                using (var client = {|HCG001:new HttpClient()|})
                {
                    File.WriteAllBytes(path, await client.GetByteArrayAsync(url));
                }
            }

            public async Task BranchAsync(string url, string path, bool refresh)
            {
                if (refresh)
                {
                    if (File.Exists(path))
                        return;
                }
                else
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        File.WriteAllBytes(path, await client.GetByteArrayAsync(url));
                    }
                }
            }

            public async Task ForcedAsync(string url, string path, bool force)
            {
                if (!File.Exists(path) || force)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        File.WriteAllBytes(path, await client.GetByteArrayAsync(url));
                    }
                }
            }
        }
        """);
    // {0}: the test whose else branch downloads; {1}, {2}: the markup around the client.
    private const string ElseDownloads = """
        using System;
        using System.IO;
        using System.Net.Http;

        public static class Source
        {
            public static Uri GetSource(string source, string cachePath)
            {
                string localSource = Path.Combine(cachePath, source.GetHashCode() + ".bin");
                if ({0})
                {
                    return new Uri(localSource);
                }
                else
                {
                    using (HttpClient client = {1}new HttpClient(){2})
                    using (HttpResponseMessage response = client.GetAsync(source).Result)
                    using (Stream content = response.Content.ReadAsStreamAsync().Result)
                    using (FileStream stream = new FileStream(localSource, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
                    {
                        content.CopyTo(stream);
                    }

                    return new Uri(Path.GetFullPath(localSource));
                }
            }
        }
        """;

    private static string Else(string test, bool reported) => ElseDownloads
        .Replace("{0}", test).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task DownloadInTheElseOfAnExistingFileCheck_NoDiagnostic() =>
        VerifyAsync(Else("File.Exists(localSource)", reported: false));

    [Fact]
    public Task DownloadInTheElseOfAMissingFileCheck_Diagnostic() =>
        VerifyAsync(Else("!File.Exists(localSource)", reported: true));

    [Fact]
    public Task DownloadInTheElseOfAnotherPathsCheck_Diagnostic() =>
        VerifyAsync(Else("File.Exists(cachePath)", reported: true));

    // {0}: the path the download writes; {1}, {2}: the markup around the client. The check spells its path in place.
    private const string SpelledPath = """
        using System;
        using System.IO;
        using System.Net.Http;

        public class Background
        {
            private readonly string _root = "data";

            public string VideoName { get; set; }

            public void Load()
            {
                if (File.Exists(Path.Combine(_root, "cache", VideoName)))
                {
                    Console.WriteLine("local video");
                }
                else
                {
                    using (var client = {1}new HttpClient(){2})
                    using (var s = client.GetStreamAsync("https://example.com/" + VideoName))
                    using (var fs = new FileStream({0}, FileMode.OpenOrCreate))
                    {
                        s.Result.CopyTo(fs);
                    }
                }
            }
        }
        """;

    private static string Spelled(string written, bool reported) => SpelledPath
        .Replace("{0}", written).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task DownloadInTheElseOfACheckOfThePathSpelledTheSameWay_NoDiagnostic() =>
        VerifyAsync(Spelled("Path.Combine(_root, \"cache\", VideoName)", reported: false));

    [Fact]
    public Task DownloadInTheElseOfACheckOfAPathSpelledOtherwise_Diagnostic() =>
        VerifyAsync(Spelled("Path.Combine(_root, \"assets\", VideoName)", reported: true));
}
