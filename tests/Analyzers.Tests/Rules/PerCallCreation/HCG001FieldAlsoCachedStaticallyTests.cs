using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// An owner stored in a field of this instance and, in the same run, put into a static cache (<c>apiClient = new
/// ApiClient(url); Cache.Add(url, apiClient);</c> after a <c>TryGetValue</c> on the cache): kept for the process, one per key,
/// however often the instances holding the field are made. A field that is only this instance's stays per instance, and a
/// client sent through before it is cached is made per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FieldAlsoCachedStaticallyTests
{
    // {0}: how the source's api client is obtained; {1}/{2}: the client's markup.
    private const string Source = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ApiClient
        {
            private readonly HttpClient _http = {1}new HttpClient(){2};

            public ApiClient(string url) { Url = url; }

            public string Url { get; }

            public Task<string> GetAsync(string path) => _http.GetStringAsync(Url + path);
        }

        public class PackageSource
        {
            private static readonly Dictionary<string, ApiClient> ApiClientCache = new Dictionary<string, ApiClient>();

            private ApiClient apiClient;

            public PackageSource(string url)
            {
                Url = url;
                Initialize();
            }

            public string Url { get; }

            private ApiClient Initialize()
            {
                {0}
            }

            public Task<string> FindAsync(string id) => apiClient.GetAsync("/" + id);
        }

        public static class Config
        {
            public static List<PackageSource> Load(string[] urls)
            {
                var sources = new List<PackageSource>();
                foreach (var url in urls)
                {
                    sources.Add(new PackageSource(url));
                }

                return sources;
            }

            public static Task<string> Find(string url, string id) => new PackageSource(url).FindAsync(id);
        }
        """;

    private static Task VerifyAsync(string initialize, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", initialize).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty));

    [Fact]
    public Task FieldAlsoAddedToAStaticCacheAfterTryGetValue_NoDiagnostic() => VerifyAsync("""
        if (ApiClientCache.TryGetValue(Url, out apiClient))
                {
                    return apiClient;
                }

                apiClient = new ApiClient(Url);
                ApiClientCache.Add(Url, apiClient);
                return apiClient;
        """, reported: false);

    [Fact]
    public Task ThisFieldAlsoStoredByIndexerInAStaticCache_NoDiagnostic() => VerifyAsync("""
        if (!ApiClientCache.TryGetValue(Url, out var cached))
                {
                    this.apiClient = new ApiClient(Url);
                    ApiClientCache[Url] = this.apiClient;
                    return this.apiClient;
                }

                apiClient = cached;
                return cached;
        """, reported: false);

    [Fact]
    public Task FieldOnlyThisInstances_Diagnostic() => VerifyAsync("""
        apiClient = new ApiClient(Url);
                return apiClient;
        """, reported: true);

    [Fact]
    public Task FieldUsedForARequestBeforeItIsCached_Diagnostic() => VerifyAsync("""
        apiClient = new ApiClient(Url);
                apiClient.GetAsync("/ping").Wait();
                ApiClientCache[Url] = apiClient;
                return apiClient;
        """, reported: true);

    // Another object's field of the same name put into the cache is not this one.
    [Fact]
    public Task OtherObjectsFieldCached_Diagnostic() => VerifyAsync("""
        apiClient = new ApiClient(Url);
                var other = new PackageSource(Url + "/mirror");
                ApiClientCache[Url] = other.apiClient;
                return apiClient;
        """, reported: true);
}
