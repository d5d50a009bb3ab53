// Correct HttpClient usage that every HttpClientGuard rule must leave alone. This file is compiled
// as part of the test project (so it is real, valid code) and analyzed by ValidCodeTests.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.ValidCode;

/// <summary>One static client over a handler that recycles connections (DNS changes are seen).</summary>
public static class StaticClient
{
    private static readonly HttpClient s_client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    });

    public static async Task<string> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await s_client.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static async Task<long> CountBytesAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await s_client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>A typed client: the factory owns the handler; the client is per request by design.</summary>
public sealed class GitHubClient
{
    private readonly HttpClient _client;

    public GitHubClient(HttpClient client) => _client = client;

    public async Task<string> GetUserAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "users/" + Uri.EscapeDataString(name));
        using var response = await _client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>IHttpClientFactory registrations and named clients.</summary>
public static class Registration
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.AddHttpClient<GitHubClient>(client => client.BaseAddress = new Uri("https://api.github.com/"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
        return services;
    }

    public static async Task<int> StatusAsync(IHttpClientFactory factory, Uri uri)
    {
        var client = factory.CreateClient("named");
        using var response = await client.GetAsync(uri);
        return (int)response.StatusCode;
    }
}

/// <summary>Several clients sharing one handler; the clients never dispose it.</summary>
public sealed class SharedHandlerClients
{
    private static readonly SocketsHttpHandler s_handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    public static async Task<string> GetWithTimeoutAsync(Uri uri, TimeSpan timeout)
    {
        using var client = new HttpClient(s_handler, disposeHandler: false) { Timeout = timeout };
        return await client.GetStringAsync(uri);
    }
}

/// <summary>A cache the user keeps in a static: one client per host, created once.</summary>
public static class PerHostClients
{
    private static readonly ConcurrentDictionary<string, HttpClient> s_clients = new();
    private static readonly Lazy<HttpClient> s_default = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
    private static HttpClient? s_fallback;

    public static HttpClient For(Uri uri) =>
        s_clients.GetOrAdd(uri.Host, host => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = new Uri("https://" + host + "/"),
        });

    public static HttpClient Default => s_default.Value;

    public static HttpClient Fallback => s_fallback ??= new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
}

/// <summary>A message handler that builds responses: returning them is correct.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent) { RequestMessage = request });
}

/// <summary>A method that hands its response to the caller, who disposes it.</summary>
public static class Passthrough
{
    public static Task<HttpResponseMessage> HeadAsync(HttpClient client, Uri uri) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri));

    public static async Task<Stream> OpenAsync(HttpClient client, Uri uri) =>
        await client.GetStreamAsync(uri);

    public static async Task<bool> ExistsAsync(HttpClient client, Uri uri)
    {
        var response = await HeadAsync(client, uri);
        try
        {
            return response.IsSuccessStatusCode;
        }
        finally
        {
            response.Dispose();
        }
    }
}

/// <summary>An entry point may build its one client directly.</summary>
internal static class Tool
{
    private static async Task<int> Main(string[] args)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(args[0]);
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
