using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LeakyService;

/// <summary>Converts prices with a public exchange-rate feed, opening a new client for every conversion.</summary>
public sealed class ExchangeRateClient
{
    private static readonly Uri s_feed = new("https://rates.example.net/latest?base=EUR");

    public async Task<decimal> ConvertAsync(decimal amountInEuro, string currency, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var rates = await client.GetFromJsonAsync<Dictionary<string, decimal>>(s_feed, cancellationToken)
            ?? throw new InvalidOperationException("the rate feed returned nothing");
        return rates.TryGetValue(currency, out var rate)
            ? amountInEuro * rate
            : throw new ArgumentException("no rate for " + currency, nameof(currency));
    }
}
