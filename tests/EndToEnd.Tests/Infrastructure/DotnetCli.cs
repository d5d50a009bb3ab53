using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.EndToEnd.Tests.Infrastructure;

/// <summary>The output of one finished <c>dotnet</c> command.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Command line, exit code and output, for assertion messages.</summary>
    public string Describe() => $"$ {CommandLine}{Environment.NewLine}exit code {ExitCode}{Environment.NewLine}{Output}";
}

/// <summary>Runs the SDK's <c>dotnet</c> the way a user's shell or CI would, with a time limit.</summary>
internal static class DotnetCli
{
    public static async Task<CommandResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var startInfo = CreateStartInfo(workingDirectory, environment, arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var commandLine = "dotnet " + string.Join(' ', arguments);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Timed out after {timeout}: {commandLine}{Environment.NewLine}{Snapshot(output)}");
        }

        return new CommandResult(commandLine, process.ExitCode, Snapshot(output));
    }

    /// <summary><c>dotnet</c> with <paramref name="arguments"/>, its output redirected, in the environment a user's shell would give it.</summary>
    public static ProcessStartInfo CreateStartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its own MSBuild and test-host settings to the test process; a user's shell has none of them.
        foreach (var inherited in startInfo.Environment.Keys.Where(IsTestHostVariable).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Left-over MSBuild nodes would outlive the test holding its output pipes.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static bool IsTestHostVariable(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);

    internal static void Append(StringBuilder output, string? line)
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

    internal static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
