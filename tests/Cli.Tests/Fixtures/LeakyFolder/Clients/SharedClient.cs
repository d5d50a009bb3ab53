using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixture.Clients;

/// <summary>The recommended shape: one client for the process, connections recycled.</summary>
public static class SharedClient
{
    private static readonly HttpClient s_client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public static Task<string> GetAsync(Uri uri) => s_client.GetStringAsync(uri);
}
