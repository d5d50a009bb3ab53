using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>
/// Unbounded churn: 5,000 distinct keys, each a capturing lambda built per call (a validation callback pinning the
/// server's thumbprint), used once, mixed with 8 hot keys; 16 workers, HTTPS. What the process holds during and after.
/// </summary>
internal static class ChurnScenario
{
    private const int ChurnKeys = 5_000;
    private const int HotKeys = 8;
    private const int Workers = 16;

    // Every 6th request goes to a hot key: 5,000 churn requests and 1,000 hot ones.
    private const int Requests = ChurnKeys * 6 / 5;

    public static async Task RunAsync(SoakCertificates certificates)
    {
        Report.Heading(
            "Churn: 5,000 capturing-lambda keys and 8 hot keys",
            $"{Requests:N0} HTTPS requests by {Workers} workers: each churn request builds options with a new capturing lambda (a validation callback pinning the server's thumbprint) and uses them once; every 6th request goes to one of {HotKeys} hot keys. Pool at its defaults (capacity 64, hard maximum 256); `IHttpClientFactory` needs a name per distinct setting ({ChurnKeys + HotKeys:N0} names). Peaks are sampled every 20 ms. Managed heap after a full collection, before the run and after it with the pool (or the service provider) still alive. File descriptors are the process's, client and server sockets both (the server runs in the process): before the run, peak, and after it with the pool or provider still alive.");
        var thumbprint = certificates.IssuedServer.Thumbprint;
        var pool = await PoolAsync(certificates, thumbprint);
        var factory = await FactoryAsync(certificates, thumbprint);
        Report.Table(["Approach", "Handlers created", "Peak handlers alive (pooled + draining)", "Peak draining", "Managed heap before / after", "Fds before / peak / after", "New connections", "Failed"], [pool, factory]);
    }

    private static bool HotKey(int index, out int key)
    {
        key = index / 6 % HotKeys;
        return index % 6 == 0;
    }

    private static async Task<string[]> PoolAsync(SoakCertificates certificates, string thumbprint)
    {
        var heapBefore = ProcessProbe.ManagedBytesAfterCollection();
        var fdsBefore = ProcessProbe.FileDescriptors();
        await using var server = await SoakServer.StartAsync(certificates.IssuedServer);
        using var probe = new PoolProbe(maxPooledHandlers: 64);
        WorkloadResult result;
        int peakAlive, peakDraining, peakFds;
        await using (var alive = ProcessProbe.Sample(() => probe.Pool.Count + probe.Pool.DrainingCount))
        await using (var draining = ProcessProbe.Sample(() => probe.Pool.DrainingCount))
        await using (var fds = ProcessProbe.Sample(ProcessProbe.FileDescriptors))
        {
            result = await Workload.RunAsync(Requests, Workers, async (_, index) =>
            {
                PooledHandlerOptions options;
                if (HotKey(index, out var key))
                {
                    options = Handlers.PoolOptions(key, certificates.Authority);
                }
                else
                {
                    // A new closure per call: the key can never be shared, and the pool must not grow for it.
                    var expected = thumbprint;
                    options = Handlers.PoolOptions(HotKeys, certificates.Authority);
                    options.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None && certificate?.Thumbprint == expected;
                }

                using var client = probe.Pool.CreateClient(options, server.BaseAddress);
                await client.GetStringAsync(string.Empty);
            });
            (peakAlive, peakDraining, peakFds) = (alive.Peak, draining.Peak, fds.Peak);
        }

        var fdsAfter = ProcessProbe.FileDescriptors();
        var heapAfter = ProcessProbe.ManagedBytesAfterCollection();
        var created = probe.Pool.HandlersCreated;
        var rebuilt = probe.Created("rebuilt");
        return [
            "`HttpClientPool` (capacity 64, hard maximum 256)",
            $"{Report.N(created)} ({Report.N(rebuilt)} rebuilt)",
            Report.N(peakAlive), Report.N(peakDraining), $"{Report.Mb(heapBefore)} / {Report.Mb(heapAfter)}", $"{Report.N(fdsBefore)} / {Report.N(peakFds)} / {Report.N(fdsAfter)}",
            Report.N(server.ConnectionCount), Report.N(result.Failures) + result.FailureNote,
        ];
    }

    private static async Task<string[]> FactoryAsync(SoakCertificates certificates, string thumbprint)
    {
        var heapBefore = ProcessProbe.ManagedBytesAfterCollection();
        var fdsBefore = ProcessProbe.FileDescriptors();
        await using var server = await SoakServer.StartAsync(certificates.IssuedServer);
        var handlers = 0;
        await using var provider = Handlers.FactoryWithOneNamePerKey(
            HotKeys + ChurnKeys,
            key => key < HotKeys
                ? Handlers.SocketsHandler(key, certificates.Authority)
                : Handlers.SocketsHandler(HotKeys, certificates.Authority, (_, certificate, _, errors) => errors == SslPolicyErrors.None && (certificate as X509Certificate2)?.Thumbprint == thumbprint),
            () => Interlocked.Increment(ref handlers));
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        WorkloadResult result;
        int peakFds;
        await using (var fds = ProcessProbe.Sample(ProcessProbe.FileDescriptors))
        {
            result = await Workload.RunAsync(Requests, Workers, async (_, index) =>
            {
                var name = HotKey(index, out var key) ? "key" + key : "key" + (HotKeys + (index - (index / 6) - 1));
                using var client = factory.CreateClient(name);
                client.BaseAddress = server.BaseAddress;
                await client.GetStringAsync(string.Empty);
            });
            peakFds = fds.Peak;
        }

        var fdsAfter = ProcessProbe.FileDescriptors();
        var heapAfter = ProcessProbe.ManagedBytesAfterCollection();
        GC.KeepAlive(factory);
        return [
            $"`IHttpClientFactory`, one name per distinct setting",
            Report.N(handlers), $"{Report.N(handlers)} (until the 2-minute handler lifetime, then the GC)", "—", $"{Report.Mb(heapBefore)} / {Report.Mb(heapAfter)}",
            $"{Report.N(fdsBefore)} / {Report.N(peakFds)} / {Report.N(fdsAfter)}",
            Report.N(server.ConnectionCount), Report.N(result.Failures) + result.FailureNote,
        ];
    }
}
