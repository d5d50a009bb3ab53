using System;

namespace HttpClientGuard.Bench.Generation;

/// <summary>
/// Method shapes for the few gateway classes that talk HTTP: the leaks the project exists to find
/// (per-call clients and handlers, undisposed responses and streams) next to the correct
/// patterns (shared clients, <c>using</c>, a factory, typed clients). The gateway class provides
/// <c>s_shared</c>, <c>s_lazy</c>, <c>s_cached</c> and <c>_factory</c>.
/// </summary>
internal static class HttpMembers
{
    public static readonly Func<FileContext, string>[] Leaky =
    {
        ClientPerCall, ClientAndHandlerPerCall, ClientInLoop, UndisposedResponse, UndisposedStream,
        HandlerPerCall, ClientInLambda, UndisposedRequestAndResponse,
    };

    public static readonly Func<FileContext, string>[] Correct =
    {
        SharedClientWithUsing, FactoryClient, LazyClient, CachedClient, JsonFromSharedClient, PostWithUsing,
    };

    private static string ClientPerCall(FileContext c) => $$"""
            public async Task<string> FetchText{{c.NextMember()}}(string url)
            {
                using var client = new HttpClient();
                return await client.GetStringAsync(url);
            }

        """;

    private static string ClientAndHandlerPerCall(FileContext c) => $$"""
            public async Task<int> Status{{c.NextMember()}}(Uri uri)
            {
                var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = {{c.Pick("false", "true")}} });
                var response = await client.GetAsync(uri);
                return (int)response.StatusCode;
            }

        """;

    private static string ClientInLoop(FileContext c) => $$"""
            public async Task<long> TotalLength{{c.NextMember()}}(IEnumerable<string> urls)
            {
                long total = 0;
                foreach (var url in urls)
                {
                    using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds({{c.Number(2, 60)}}) })
                    {
                        var text = await client.GetStringAsync(url);
                        total += text.Length;
                    }
                }

                return total;
            }

        """;

    private static string UndisposedResponse(FileContext c) => $$"""
            public async Task<string> Body{{c.NextMember()}}(string url, CancellationToken cancellationToken)
            {
                var response = await s_shared.GetAsync(url, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

        """;

    private static string UndisposedStream(FileContext c) => $$"""
            public async Task<string?> FirstLine{{c.NextMember()}}(string url, CancellationToken cancellationToken)
            {
                var response = await s_shared.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                var reader = new StreamReader(stream);
                return await reader.ReadLineAsync(cancellationToken);
            }

        """;

    private static string HandlerPerCall(FileContext c) => $$"""
            public HttpClient Create{{c.NextMember()}}(Uri baseAddress)
            {
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes({{c.Number(1, 15)}}) };
                return new HttpClient(handler) { BaseAddress = baseAddress };
            }

        """;

    private static string ClientInLambda(FileContext c) => $$"""
            public Task<string[]> FetchAll{{c.NextMember()}}(IEnumerable<string> urls)
            {
                Func<string, Task<string>> fetch = async url =>
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(url);
                };
                return Task.WhenAll(urls.Select(fetch));
            }

        """;

    private static string UndisposedRequestAndResponse(FileContext c) => $$"""
            public async Task<bool> Post{{c.NextMember()}}(string url, string body, CancellationToken cancellationToken)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                HttpResponseMessage response = await s_shared.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode;
            }

        """;

    private static string SharedClientWithUsing(FileContext c) => $$"""
            public async Task<string> Read{{c.NextMember()}}(string url, CancellationToken cancellationToken)
            {
                using var response = await s_shared.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream);
                return await reader.ReadToEndAsync(cancellationToken);
            }

        """;

    private static string FactoryClient(FileContext c) => $$"""
            public async Task<bool> Ping{{c.NextMember()}}(string path, CancellationToken cancellationToken)
            {
                var client = _factory.CreateClient("api-{{c.Index}}");
                using var response = await client.GetAsync(path, cancellationToken);
                return response.IsSuccessStatusCode;
            }

        """;

    private static string LazyClient(FileContext c) => $$"""
            public Task<byte[]> Bytes{{c.NextMember()}}(Uri uri, CancellationToken cancellationToken) =>
                s_lazy.Value.GetByteArrayAsync(uri, cancellationToken);

        """;

    private static string CachedClient(FileContext c) => $$"""
            public async Task<int> Length{{c.NextMember()}}(string url)
            {
                s_cached ??= new HttpClient { Timeout = TimeSpan.FromSeconds({{c.Number(5, 100)}}) };
                var text = await s_cached.GetStringAsync(url);
                return text.Length;
            }

        """;

    private static string JsonFromSharedClient(FileContext c) => $$"""
            public async Task<{{c.Entity}}[]> Orders{{c.NextMember()}}(string url, CancellationToken cancellationToken)
            {
                var orders = await s_shared.GetFromJsonAsync<{{c.Entity}}[]>(url, cancellationToken);
                return orders ?? Array.Empty<{{c.Entity}}>();
            }

        """;

    private static string PostWithUsing(FileContext c) => $$"""
            public async Task<string> Submit{{c.NextMember()}}({{c.Entity}} order, CancellationToken cancellationToken)
            {
                using var content = JsonContent.Create(order);
                using var response = await s_shared.PostAsync("orders/{{c.Index}}", content, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

        """;
}
