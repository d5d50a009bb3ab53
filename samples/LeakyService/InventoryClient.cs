using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace LeakyService;

/// <summary>
/// Looks up stock levels through a retrying handler pipeline, which it builds for every request:
/// a new connection pool per lookup.
/// </summary>
public sealed class InventoryClient
{
    private readonly Uri _baseAddress;

    public InventoryClient(Uri baseAddress) => _baseAddress = baseAddress;

    public async Task<int> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        var pipeline = new RetryOnUnavailableHandler(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) });
        using var invoker = new HttpMessageInvoker(pipeline);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress, "stock/" + Uri.EscapeDataString(sku)));
        var response = await invoker.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return int.Parse(body, CultureInfo.InvariantCulture);
    }

    private sealed class RetryOnUnavailableHandler : DelegatingHandler
    {
        public RetryOnUnavailableHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
