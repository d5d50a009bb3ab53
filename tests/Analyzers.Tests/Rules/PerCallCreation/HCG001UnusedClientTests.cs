using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client made into a local that nothing names again sends no request and opens no connection: quiet. Named anywhere
/// (a request, an argument, a capture), it is a client in use and per call as usual.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001UnusedClientTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // {0}: the client's declaration; {1}: what else the method does.
    private const string Source = """
        using System.IO;
        using System.IO.Compression;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class ExtractArchiveAction
        {
            public string FileName { get; set; }

            public string Target { get; set; }

            public async Task Execute()
            {
                {0}
                {
                    {1}
                    using (var stream = new FileStream(FileName, FileMode.Open))
                    {
                        new ZipArchive(stream).ExtractToDirectory(Target);
                    }
                }
            }
        }
        """;

    [Fact]
    public Task UsingStatementOfAClientNothingNames_NoDiagnostic() =>
        VerifyAsync(Source.Replace("{0}", "using (var client = new HttpClient())").Replace("{1}", "await Task.Yield();"));

    [Fact]
    public Task UsingStatementOfAClientThatSends_Diagnostic() =>
        VerifyAsync(Source.Replace("{0}", "using (var client = {|HCG001:new HttpClient()|})").Replace("{1}", "await client.GetStringAsync(FileName);"));

    [Fact]
    public Task UsingDeclarationOfAClientNothingNames_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class Action
        {
            public int Execute(int count)
            {
                using HttpClient client = new();
                return count + 1;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task UsingDeclarationOfAClientCapturedByALambda_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public sealed class Action
        {
            public Func<string> Execute(string url)
            {
                using HttpClient client = {|HCG001:new()|};
                return () => client.GetStringAsync(url).Result;
            }
        }
        """, TestOptions.LatestOnly);
}
