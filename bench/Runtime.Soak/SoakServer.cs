using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>
/// Kestrel on 127.0.0.1, HTTP or HTTPS, counting the TCP connections it accepts in a connection middleware placed before
/// TLS. <c>/</c> answers "ok"; <c>/slow</c> answers after 20 ms, so requests stay in flight while handlers are evicted.
/// It can be stopped and started again on the same port (the outage scenario).
/// </summary>
internal sealed class SoakServer : IAsyncDisposable
{
    private readonly X509Certificate2? _certificate;
    private WebApplication? _app;
    private int _connections;

    private SoakServer(X509Certificate2? certificate) => _certificate = certificate;

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public int ConnectionCount => Volatile.Read(ref _connections);

    public static async Task<SoakServer> StartAsync(X509Certificate2? certificate = null)
    {
        var server = new SoakServer(certificate);
        await server.StartOnAsync(port: 0);
        return server;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the port it had.</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref _connections);
                return next(connection);
            });
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path == "/slow")
            {
                await Task.Delay(20);
            }

            await context.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _app = app;
    }
}
