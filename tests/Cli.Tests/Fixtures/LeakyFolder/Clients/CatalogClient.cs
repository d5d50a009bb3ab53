using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Fixture.Clients;

public sealed class CatalogClient
{
    public async Task<string> GetAsync(Uri uri)
    {
        using var client = new HttpClient(); // expect: HCG001
        return await client.GetStringAsync(uri);
    }

    public HttpMessageHandler CreateHandler(bool useProxy)
    {
        return new HttpClientHandler { UseProxy = useProxy }; // expect: HCG002
    }

    public bool Probe(bool useProxy)
    {
        using var handler = CreateHandler(useProxy);
        return handler is HttpClientHandler;
    }
}
