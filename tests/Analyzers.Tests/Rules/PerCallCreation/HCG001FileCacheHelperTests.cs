using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Caches on disk in two more shapes: the check lets through a file it finds unusable (<c>if (File.Exists(path)) { try {
/// if (valid) return; } catch { File.Delete(path); } }</c>), and the file is written by a helper of this compilation that is
/// handed the path. A helper that writes another path, one that deletes it, a check whose block never returns and a delete
/// after the download stay per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FileCacheHelperTests
{
    // {0}: the check; {1}: the write after the download; {2}/{3}: the client's markup.
    private const string Source = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class IconCache
        {
            public async Task<string> IconAsync(string name, string url)
            {
                var path = Path.Combine("icons", name + ".png");
                {0}

                using (var client = {2}new HttpClient(){3})
                {
                    var bytes = await client.GetByteArrayAsync(url);
                    {1}
                }

                return path;
            }

            private static void Save(byte[] bytes, string destination)
            {
                using (var file = new FileStream(destination, FileMode.Create))
                {
                    file.Write(bytes, 0, bytes.Length);
                }
            }

            private static void SaveAndDrop(byte[] bytes, string destination)
            {
                File.WriteAllBytes(destination, bytes);
                File.Delete(destination);
            }

            private static void Log(byte[] bytes, string destination)
            {
                using (var file = new FileStream("last.log", FileMode.Append))
                {
                    file.Write(bytes, 0, bytes.Length);
                }
            }
        }
        """;

    private const string RevalidatedCheck = """
        if (File.Exists(path))
                {
                    try
                    {
                        if (new FileInfo(path).Length > 0)
                        {
                            return path;
                        }
                    }
                    catch (IOException)
                    {
                        File.Delete(path);
                    }
                }
        """;

    private static Task VerifyAsync(string check, string write, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", check).Replace("{1}", write)
            .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty));

    [Theory]
    [InlineData(RevalidatedCheck, "File.WriteAllBytes(path, bytes);")]
    [InlineData("if (File.Exists(path)) return path;", "Save(bytes, path);")]
    [InlineData(RevalidatedCheck, "Save(bytes, path);")]
    [InlineData("if (File.Exists(Path.Combine(\"icons\", name + \".png\"))) return path;", "Save(bytes, Path.Combine(\"icons\", name + \".png\"));")]
    public Task DownloadThatFillsTheFileItChecked_NoDiagnostic(string check, string write) => VerifyAsync(check, write, reported: false);

    [Theory]
    // The helper writes another file.
    [InlineData("if (File.Exists(path)) return path;", "Log(bytes, path);")]
    // The helper deletes what it wrote.
    [InlineData("if (File.Exists(path)) return path;", "SaveAndDrop(bytes, path);")]
    // Handed another path.
    [InlineData("if (File.Exists(path)) return path;", "Save(bytes, path + \".tmp\");")]
    // The check's block never returns.
    [InlineData("if (File.Exists(path)) { Console.WriteLine(path); }", "File.WriteAllBytes(path, bytes);")]
    // Deleted after the download: a scratch file.
    [InlineData(RevalidatedCheck, "File.WriteAllBytes(path, bytes); File.Delete(path);")]
    public Task DownloadThatLeavesNoCache_Diagnostic(string check, string write) => VerifyAsync(check, write, reported: true);
}
