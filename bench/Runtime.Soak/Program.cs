using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Runtime.Soak;

// The soak and fault bench for HttpClientPool (docs/runtime.md, "Soak and fault bench"). Every loop is a fixed number of
// requests or calls, each workload is also cut off after two minutes, and every server listens on 127.0.0.1 only.
// Arguments pick scenarios: thrash churn eviction tls outage throughput (default: all).
var all = new[] { "thrash", "churn", "eviction", "tls", "outage", "throughput" };
var picked = args.Length == 0 ? all : args.Select(arg => arg.ToLowerInvariant()).ToArray();
var unknown = picked.Except(all).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(" ", all)}.");
    return 2;
}

var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
Console.WriteLine($"HttpClientGuard soak bench, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}, load average {loadAverage} at start.");
var certificates = SoakCertificates.Create();
foreach (var scenario in picked)
{
    switch (scenario)
    {
        case "thrash":
            await ThrashScenario.RunAsync(certificates);
            break;
        case "churn":
            await ChurnScenario.RunAsync(certificates);
            break;
        case "eviction":
            await EvictionUnderLoadScenario.RunAsync();
            break;
        case "tls":
            await TlsIsolationScenario.RunAsync(certificates);
            break;
        case "outage":
            await OutageScenario.RunAsync();
            break;
        case "throughput":
            await ThroughputScenario.RunAsync(certificates);
            break;
    }
}

var loadAtEnd = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
Console.WriteLine();
Console.WriteLine($"Load average {loadAtEnd} at the end.");
return 0;
