using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>A fixed number of requests shared by a fixed number of workers, every failure counted, bounded in time.</summary>
internal static class Workload
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    /// <param name="requests">How many requests in all.</param>
    /// <param name="workers">How many run at once.</param>
    /// <param name="request">One request; given the worker's index and the request's global index. Throws on failure.</param>
    public static async Task<WorkloadResult> RunAsync(int requests, int workers, Func<int, int, Task> request)
    {
        using var bound = new CancellationTokenSource(Bound);
        var next = -1;
        var failures = 0;
        Exception? firstFailure = null;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests && !bound.IsCancellationRequested)
            {
                try
                {
                    await request(worker, index);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                }
            }
        })));

        var completed = Math.Min(Volatile.Read(ref next), requests);
        return new WorkloadResult(completed, failures, watch.Elapsed, bound.IsCancellationRequested, firstFailure);
    }
}

internal sealed record WorkloadResult(int Requests, int Failures, TimeSpan Elapsed, bool HitTheBound, Exception? FirstFailure)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public string FailureNote => FirstFailure is null ? string.Empty : $" (first: {FirstFailure.GetType().Name}: {FirstFailure.GetBaseException().Message})";
}
