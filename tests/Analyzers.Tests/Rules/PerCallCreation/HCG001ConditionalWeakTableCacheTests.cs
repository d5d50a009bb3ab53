using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A <c>ConditionalWeakTable</c> held by a static, asked through <c>GetValue(key, create)</c>, keeps what its callback makes
/// for as long as the key lives: once per settings object, as <c>GetOrAdd</c> on a static dictionary is. Also through a local
/// that only ever names such a table (<c>var clients = custom == null ? s_clients : s_custom.GetValue(custom, _ => new
/// ...());</c>). A table of this instance keeps one per key of the instance; any other <c>GetValue</c> is no cache.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ConditionalWeakTableCacheTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // {0}: the table GetOrCreate asks; {1}, {2}: the markup around the creation.
    private const string PayRequest = """
        using System;
        using System.Net.Http;
        using System.Runtime.CompilerServices;
        using System.Threading;

        public sealed class Setting { }

        public sealed class PayRequest
        {
            private static readonly ConditionalWeakTable<Setting, Lazy<HttpClient>> s_clients = new ConditionalWeakTable<Setting, Lazy<HttpClient>>();
            private static readonly ConditionalWeakTable<Action<HttpClient>, ConditionalWeakTable<Setting, Lazy<HttpClient>>> s_custom =
                new ConditionalWeakTable<Action<HttpClient>, ConditionalWeakTable<Setting, Lazy<HttpClient>>>();
            private readonly ConditionalWeakTable<Setting, Lazy<HttpClient>> _mine = new ConditionalWeakTable<Setting, Lazy<HttpClient>>();
            private readonly Lazy<HttpClient> _client;

            public PayRequest(Setting setting, Action<HttpClient> setHeader)
            {
                _client = GetOrCreate(setting, setHeader);
            }

            public string Get(string url) => _client.Value.GetStringAsync(url).Result;

            private Lazy<HttpClient> GetOrCreate(Setting setting, Action<HttpClient> setHeader)
            {
                {0}
                return clients.GetValue(setting, key => new Lazy<HttpClient>(() => Create(key), LazyThreadSafetyMode.ExecutionAndPublication));
            }

            private static HttpClient Create(Setting setting)
            {
                var client = {1}new HttpClient(new HttpClientHandler())]{2};
                client.Timeout = Timeout.InfiniteTimeSpan;
                return client;
            }
        }

        public static class Api
        {
            public static string Call(Setting setting, string url) => new PayRequest(setting, null).Get(url);
        }
        """;

    private static string Source(string table, bool reported) =>
        PayRequest.Replace("{0}", table).Replace("{1}", reported ? "{|HCG001:" : "").Replace("]{2}", reported ? "|}" : "");

    [Fact]
    public Task StaticTable_NoDiagnostic() => VerifyAsync(Source("var clients = s_clients;", reported: false));

    [Fact]
    public Task StaticTableOrOneAStaticTableKeeps_NoDiagnostic() => VerifyAsync(Source(
        "var clients = setHeader == null ? s_clients : s_custom.GetValue(setHeader, _ => new ConditionalWeakTable<Setting, Lazy<HttpClient>>());", reported: false));

    [Fact]
    public Task TableOfAnInstanceMadePerCall_Diagnostic() => VerifyAsync(Source("var clients = _mine;", reported: true));

    [Fact]
    public Task StaticTableOrAFreshOne_Diagnostic() => VerifyAsync(Source(
        "var clients = setHeader == null ? s_clients : new ConditionalWeakTable<Setting, Lazy<HttpClient>>();", reported: true));

    [Fact]
    public Task GetValueOfAnotherType_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public sealed class Registry
        {
            private static readonly Registry s_registry = new Registry();

            public T GetValue<T>(string key, Func<string, T> create) => create(key);

            public static string Call(string url) =>
                s_registry.GetValue(url, key => {|HCG001:new HttpClient()|}).GetStringAsync(url).Result;
        }
        """);
}
