using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A built consumer application running as its users run it (<c>dotnet Consumer.dll</c>), until it stops or
/// is disposed. It must print <c>listening: &lt;url&gt;</c> once it serves requests.
/// </summary>
internal sealed class RunningApplication : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);
    private const string ListeningPrefix = "listening: ";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private RunningApplication(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the application wrote so far, standard output and error.</summary>
    public string Output => DotnetCli.Snapshot(_output);

    public static async Task<RunningApplication> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = DotnetCli.CreateStartInfo(workingDirectory, environment, arguments), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            DotnetCli.Append(output, e.Data);
            if (e.Data is { } line && line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                var address = line[ListeningPrefix.Length..].Trim();
                listening.TrySetResult(new Uri(address.EndsWith('/') ? address : address + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) => DotnetCli.Append(output, e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The application exited before it listened:" + Environment.NewLine + DotnetCli.Snapshot(output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var baseAddress = await listening.Task.WaitAsync(s_startTimeout);
            return new RunningApplication(process, output, baseAddress);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the application to exit by itself (after a request that stops it); false on timeout.</summary>
    public async Task<bool> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(s_stopTimeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Stop(_process);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
