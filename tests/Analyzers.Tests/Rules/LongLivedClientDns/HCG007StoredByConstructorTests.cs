using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// A client handed to the constructor of an object that is kept for the process (a static field's initializer, a static
/// constructor's store), where that constructor, declared in this compilation, stores it in a field of the object it
/// builds, lives as long as the object: NexusLauncher's <c>static readonly CurseForgeService CurseForgeService = new(new
/// HttpClient());</c>. Quiet when the constructor only reads it, the object is not kept for the process, or the client's
/// handler recycles its connections.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007StoredByConstructorTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    // {0}: the service's constructor body; {1}: how the view model keeps the service; {2}, {3}: the markup around the client;
    // {4}: the client's arguments.
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class CurseForgeService
        {
            private readonly HttpClient _httpClient;
            private readonly string _host;

            public CurseForgeService(HttpClient httpClient)
            {
                {0}
            }

            public Task<string> SearchAsync(string text) => _httpClient.GetStringAsync("https://api.curseforge.com/v1/mods/search?q=" + text);
        }

        public partial class MainWindowViewModel
        {
            {1}

            public Task<string> Search(string text) => Service.SearchAsync(text);
        }
        """;

    private static Task VerifyAsync(string constructor, string kept, bool reported, string arguments = "") => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", constructor).Replace("{1}", kept.Replace("{client}", "{2}new HttpClient({4}){3}"))
            .Replace("{2}", reported ? "{|HCG007:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty).Replace("{4}", arguments),
        Net80);

    private const string Stores = "_httpClient = httpClient;";

    [Theory]
    [InlineData("private static readonly CurseForgeService Service = new CurseForgeService({client});")]
    [InlineData("private static CurseForgeService Service { get; } = new CurseForgeService({client});")]
    [InlineData("private static readonly CurseForgeService Service; static MainWindowViewModel() { Service = new CurseForgeService({client}); }")]
    public Task ClientStoredByTheConstructorOfAnObjectKeptInAStatic_Diagnostic(string kept) => VerifyAsync(Stores, kept, reported: true);

    [Fact]
    public Task ClientStoredThroughThisByATargetTypedCreationKeptInAStatic_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", "this._httpClient = httpClient;")
            .Replace("{1}", "private static readonly CurseForgeService Service = new({|HCG007:new HttpClient()|});"),
        Net80 with { MinimumLanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest });

    [Fact]
    public Task ClientOnlyReadByTheConstructorOfAnObjectKeptInAStatic_NoDiagnostic() =>
        VerifyAsync("_host = httpClient.BaseAddress?.Host; _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });",
            "private static readonly CurseForgeService Service = new CurseForgeService({client});", reported: false);

    [Fact]
    public Task ClientStoredByTheConstructorOfAnObjectKeptPerInstance_NoDiagnostic() =>
        VerifyAsync(Stores, "private readonly CurseForgeService Service = new CurseForgeService({client});", reported: false);

    [Fact]
    public Task ClientWithAConnectionLifetimeStoredByTheConstructorOfAnObjectKeptInAStatic_NoDiagnostic() =>
        VerifyAsync(Stores, "private static readonly CurseForgeService Service = new CurseForgeService({client});", reported: false,
            arguments: "new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }");

    [Fact]
    public Task ClientStoredByTheConstructorOfAnObjectKeptInAStatic_FixGivesItAHandlerWithALifetime() =>
        Verify<LongLivedClientDnsAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.LongLivedClientDnsFixer>(
            Source.Replace("{0}", Stores).Replace("{1}", "private static readonly CurseForgeService Service = new CurseForgeService({|HCG007:new HttpClient()|});"),
            Source.Replace("{0}", Stores).Replace("{1}", "private static readonly CurseForgeService Service = new CurseForgeService(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));"),
            Net80,
            HttpClientGuard.CodeFixes.Rules.LongLivedClientDnsFixer.SetLifetimeKey);
}
