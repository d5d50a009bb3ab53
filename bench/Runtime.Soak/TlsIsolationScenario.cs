using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>Strict and accept-any validation interleaved against a server whose certificate nobody trusts: no strict
/// request may ever ride on an accept-any handler's connection.</summary>
internal static class TlsIsolationScenario
{
    private const int Workers = 8;
    private const int Requests = 2_000;

    public static async Task RunAsync(SoakCertificates certificates)
    {
        Report.Heading(
            "TLS isolation",
            $"{Requests:N0} HTTPS requests by {Workers} workers against a self-signed server, alternating per request between default (strict) options and options with `DangerousAcceptAnyServerCertificateValidator`, both built per call.");
        await using var server = await SoakServer.StartAsync(certificates.SelfSignedServer);
        using var probe = new PoolProbe(maxPooledHandlers: 64);
        int strictOk = 0, strictRefusedByTls = 0, strictOther = 0, acceptAnyOk = 0, acceptAnyFailed = 0;
        await Workload.RunAsync(Requests, Workers, async (_, index) =>
        {
            var strict = index % 2 == 0;
            var options = strict ? new PooledHandlerOptions() : new PooledHandlerOptions { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
            using var client = probe.Pool.CreateClient(options, server.BaseAddress);
            try
            {
                await client.GetStringAsync(string.Empty);
                Interlocked.Increment(ref strict ? ref strictOk : ref acceptAnyOk);
            }
            catch (HttpRequestException ex) when (strict && ex.GetBaseException() is AuthenticationException)
            {
                Interlocked.Increment(ref strictRefusedByTls);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref strict ? ref strictOther : ref acceptAnyFailed);
            }
        });
        Report.Table(
            ["Strict: succeeded", "Strict: refused by TLS validation", "Strict: other failure", "Accept-any: succeeded", "Accept-any: failed", "Handlers"],
            [[Report.N(strictOk), Report.N(strictRefusedByTls), Report.N(strictOther), Report.N(acceptAnyOk), Report.N(acceptAnyFailed), Report.N(probe.Pool.HandlersCreated)]]);
    }
}
