using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Runtime.Soak;

/// <summary>What the process holds: open file descriptors (Linux: /proc/self/fd; client and server sockets both, since
/// the server runs in this process) and managed memory after a full collection.</summary>
internal static class ProcessProbe
{
    public static int FileDescriptors()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public static long ManagedBytesAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static long WorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Samples <paramref name="read"/> every 20 ms until disposed and keeps the largest value.</summary>
    public static PeakSampler Sample(Func<int> read) => new(read);

    internal sealed class PeakSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _peak;

        public PeakSampler(Func<int> read)
        {
            _peak = read();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var value = read();
                    if (value > Volatile.Read(ref _peak))
                    {
                        Volatile.Write(ref _peak, value);
                    }

                    try
                    {
                        await Task.Delay(20, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }

        public int Peak => Volatile.Read(ref _peak);

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _loop;
            _stop.Dispose();
        }
    }
}
