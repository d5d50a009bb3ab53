using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and an ephemeral port that plays the part of an SDK's remote service: it counts
/// the TCP connections it accepts (a connection middleware, so every socket counts whatever it then sends) and answers
/// every request with the test's <see cref="RequestDelegate"/>.
/// </summary>
internal sealed class CountingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private int _connections;

    private CountingServer(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><see cref="BaseAddress"/> without the trailing slash, as SDKs that append paths want it.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>TCP connections accepted since the server started.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Requests served so far, as <c>METHOD /path?query</c>: proves the SDK reached this server.</summary>
    public int Requests => _requests.Count;

    public string LastRequest => _requests.LastOrDefault() ?? "(none)";

    /// <param name="respond">Writes the response an SDK call needs.</param>
    /// <param name="protocols"><see cref="HttpProtocols.Http2"/> gives HTTP/2 over cleartext (h2c with prior knowledge), as gRPC wants.</param>
    public static async Task<CountingServer> StartAsync(RequestDelegate respond, HttpProtocols protocols = HttpProtocols.Http1)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        CountingServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = protocols;
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref server!._connections);
                return next(connection);
            });
        }));

        var app = builder.Build();
        server = new CountingServer(app);
        app.Run(context =>
        {
            server._requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return respond(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Answers every request with a JSON body (and nothing for <c>HEAD</c>).</summary>
    public static Task<CountingServer> StartJsonAsync(string json, int status = StatusCodes.Status200OK) =>
        StartAsync(context => WriteJsonAsync(context, json, status));

    public static async Task WriteJsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        // Drain the request so that a keep-alive connection stays usable for the next call.
        await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
