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
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HttpClientGuard.Runtime.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and an ephemeral port. It counts the TCP connections it accepts (a connection
/// middleware placed before TLS) and answers a few fixed routes; <c>/hold</c> waits until the test releases it.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const int LargeBodyLength = 1 << 20;

    private readonly WebApplication _app;
    private int _connections;
    private TaskCompletionSource _release = NewGate();
    private TaskCompletionSource _holding = NewGate();

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, <c>http(s)://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Completes when a request reached <c>/hold</c>.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Lets every held request answer and re-arms the gate.</summary>
    public void ReleaseHeld()
    {
        var release = Interlocked.Exchange(ref _release, NewGate());
        _holding = NewGate();
        release.TrySetResult();
    }

    public static async Task<LoopbackServer> StartAsync(X509Certificate2? serverCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        LoopbackServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref server!._connections);
                return next(connection);
            });
            if (serverCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            }
        }));

        var app = builder.Build();
        server = new LoopbackServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/client-certificate":
                var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync();
                await context.Response.WriteAsync(certificate?.Thumbprint ?? "none");
                break;
            case "/set-cookie":
                context.Response.Headers.SetCookie = "session=secret-session; Path=/";
                await context.Response.WriteAsync("set");
                break;
            case "/cookie":
                await context.Response.WriteAsync(context.Request.Headers.Cookie.ToString());
                break;
            case "/large":
                context.Response.ContentLength = LargeBodyLength;
                var chunk = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
                for (var written = 0; written < LargeBodyLength; written += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk);
                }

                break;
            case "/hold":
                var release = Volatile.Read(ref _release).Task;
                _holding.TrySetResult();
                await release;
                await context.Response.WriteAsync("released");
                break;
            default:
                await context.Response.WriteAsync("ok");
                break;
        }
    }
}
