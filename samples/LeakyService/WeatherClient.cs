using System;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace LeakyService;

/// <summary>Calls an upstream API the way much production code does: a new client per call.</summary>
public sealed class WeatherClient
{
    private readonly Uri _baseAddress;

    public WeatherClient(Uri baseAddress) => _baseAddress = baseAddress;

    public async Task<string> GetForecastAsync(string city)
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var response = await client.GetAsync("forecast/" + Uri.EscapeDataString(city));
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<string> GetWithClientCertificateAsync(X509Certificate2 certificate, string path)
    {
        var handler = new HttpClientHandler();
        handler.ClientCertificates.Add(certificate);
        using var client = new HttpClient(handler) { BaseAddress = _baseAddress };
        using var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }
}
