using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Cli.Loading;

/// <summary>What a <c>dotnet</c> command printed and how it ended.</summary>
public sealed record DotnetCommandResult(int ExitCode, string Output, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The first error line (<c>error NU1101: ...</c>), for a one-line note.</summary>
    public string FirstError()
    {
        var line = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.OrdinalIgnoreCase))
            ?? Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)
            ?? $"exit code {ExitCode}";
        var error = line.IndexOf("error ", StringComparison.Ordinal);
        line = error > 0 ? line[error..] : line;
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}

/// <summary>Runs the installed SDK's <c>dotnet</c> (restore), as a user's shell would.</summary>
public static class DotnetCommand
{
    public static async Task<DotnetCommandResult> RunAsync(string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Microsoft.Build.Locator points this process's MSBuild at the newest SDK; the command picks its own
        // SDK for the working directory (global.json), as the user's build does.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new DotnetCommandResult(-1, "error: could not start dotnet: " + ex.Message, TimedOut: false);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new DotnetCommandResult(-1, Snapshot(output), TimedOut: true);
        }

        return new DotnetCommandResult(process.ExitCode, Snapshot(output), TimedOut: false);
    }

    private static string Executable()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var besideRuntime = Path.Combine(ReferenceAssemblies.DotnetRoot(), name);
        return File.Exists(besideRuntime) ? besideRuntime : name;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
