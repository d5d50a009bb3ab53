using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using HttpClientGuard.Cli.Terminal;
using HttpClientGuard.Cli.Fixing;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Reporting;
using Spectre.Console;

namespace HttpClientGuard.Cli;

/// <summary>The <c>hcg</c> command: parse, load, scan, report, fix. Every failure becomes a message and an exit code.</summary>
public sealed class CliApp
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly bool _outputIsTerminal;
    private readonly bool _errorIsTerminal;
    private readonly RuleCatalog _catalog;

    public CliApp(TextWriter output, TextWriter error, bool outputIsTerminal = false, bool errorIsTerminal = false, RuleCatalog? catalog = null)
    {
        _output = output;
        _error = error;
        _outputIsTerminal = outputIsTerminal;
        _errorIsTerminal = errorIsTerminal;
        _catalog = catalog ?? RuleCatalog.Default;
    }

    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        try
        {
            var command = CommandLine.Parse(args, Version);
            if (command.Scan is null)
            {
                _output.WriteLine(command.Text);
                return command.ExitCode;
            }

            return await ScanAsync(command.Scan, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException ex)
        {
            _error.WriteLine("hcg: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _error.WriteLine("hcg: cancelled");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The promise is "never a stack trace": any failure becomes one line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var where = new StackTrace(ex).GetFrames().FirstOrDefault()?.GetMethod() is { } method ? $" in {method.DeclaringType?.Name}.{method.Name}" : string.Empty;
            _error.WriteLine($"hcg: internal error{where}: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.InternalError;
        }
    }

    private async Task<int> ScanAsync(ScanOptions options, CancellationToken cancellationToken)
    {
        var catalog = _catalog.Only(options.Rules);
        var target = ScanTarget.Resolve(options.Path);
        var stopwatch = Stopwatch.StartNew();
        var scanner = new Scanner(catalog);

        using var outcome = await ProgressDisplay.RunAsync(_error, options.ShowProgress, _errorIsTerminal, async progress =>
        {
            var loaded = await WorkspaceLoader.LoadAsync(target, options.Restore, progress.Stage, cancellationToken, options.UsePackageCache).ConfigureAwait(false);
            try
            {
                var result = await scanner.ScanAsync(loaded.Projects, progress, cancellationToken).ConfigureAwait(false);
                var fixes = options.Fix
                    ? await new FixApplier(catalog, scanner).ComputeAsync(loaded.Projects, result, cancellationToken).ConfigureAwait(false)
                    : new FixResult(Array.Empty<FixedFile>(), Array.Empty<SkippedFix>());
                return new ScanOutcome(loaded, result, fixes);
            }
            catch
            {
                // The MSBuild workspace owns a build-host process: never leave it behind.
                loaded.Dispose();
                throw;
            }
        }).ConfigureAwait(false);

        var report = new ScanReport(target, outcome.Loaded.Projects, outcome.Result, catalog, outcome.Loaded.Notes, outcome.Loaded.Unreadable, stopwatch.Elapsed);
        WriteReport(options, report);

        if (options.Fix)
        {
            ReportFixes(options, report, outcome.Fixes);
        }

        if (outcome.Loaded.Unreadable.Count > 0)
        {
            _error.WriteLine($"hcg: {outcome.Loaded.Unreadable.Count} files or folders could not be read (first: {outcome.Loaded.Unreadable[0]}); the scan is incomplete");
            return ExitCodes.BadInput;
        }

        return FailsThreshold(options, outcome) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Success;
    }

    private static bool FailsThreshold(ScanOptions options, ScanOutcome outcome)
    {
        if (options.FailOn is not { } threshold)
        {
            return false;
        }

        if (options.Fix && !options.DryRun)
        {
            // The files were rewritten: judge by what is left in them.
            var fixedFiles = outcome.Fixes.Files.ToDictionary(file => file.FilePath, StringComparer.Ordinal);
            return outcome.Result.Findings.Any(finding => !fixedFiles.ContainsKey(finding.FilePath) && finding.Severity >= threshold)
                || outcome.Fixes.Files.Any(file => file.RemainingSeverities.Any(severity => severity >= threshold));
        }

        return outcome.Result.Findings.Any(finding => finding.Severity >= threshold);
    }

    private void WriteReport(ScanOptions options, ScanReport report)
    {
        if (options.OutputFile is { } file)
        {
            try
            {
                using var stream = File.Create(file);
                WriteReport(options.Format, report, stream, null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"cannot write the report to {file}: {ex.Message}", ex);
            }

            _error.WriteLine($"hcg: {report.Result.Findings.Count} findings, report written to {file}");
            return;
        }

        using var buffer = new MemoryStream();
        WriteReport(options.Format, report, buffer, _output);
        if (buffer.Length > 0)
        {
            _output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            _output.WriteLine();
        }
    }

    private void WriteReport(OutputFormat format, ScanReport report, Stream stream, TextWriter? console)
    {
        switch (format)
        {
            case OutputFormat.Json:
                JsonReport.Write(stream, report, Version);
                break;
            case OutputFormat.Sarif:
                SarifReport.Write(stream, report, Version);
                break;
            default:
                if (console is not null)
                {
                    TextReport.Write(CreateConsole(console, _outputIsTerminal), report);
                }
                else
                {
                    using var writer = new StreamWriter(stream, leaveOpen: true);
                    TextReport.Write(CreateConsole(writer, isTerminal: false), report);
                }

                break;
        }
    }

    private void ReportFixes(ScanOptions options, ScanReport report, FixResult result)
    {
        // Fix output goes with a text report; beside JSON or SARIF on standard output it would corrupt them.
        var writer = options.Format == OutputFormat.Text || options.OutputFile is not null ? _output : _error;
        var fixable = report.Result.Findings.Count(finding => finding.Fix == Fixability.Yes);
        if (fixable == 0)
        {
            writer.WriteLine(report.Catalog.Fixers.IsEmpty
                ? "hcg: no code fixes are available for these rules yet; nothing changed"
                : "hcg: no finding has a code fix; nothing changed");
            return;
        }

        var fixes = result.Files;
        foreach (var skipped in result.Skipped)
        {
            writer.WriteLine($"not applied: {report.RelativePath(skipped.FilePath)}:{skipped.Line} {skipped.RuleId}: would break {skipped.Framework} ({skipped.Error})");
        }

        var removed = fixes.Sum(file => file.FixedCount);
        var notApplied = result.Skipped.Count == 0
            ? string.Empty
            : $"; {result.Skipped.Count} not applied: would break {string.Join(", ", result.Skipped.Select(fix => fix.Framework).Distinct().Order(StringComparer.Ordinal))}";
        if (options.DryRun)
        {
            foreach (var file in fixes)
            {
                UnifiedDiff.Write(writer, report.RelativePath(file.FilePath), file.Before, file.After);
            }

            writer.WriteLine($"hcg: --dry-run: the fixes would remove {removed} of {fixable} fixable findings in {fixes.Count} files{notApplied}; nothing written");
            return;
        }

        try
        {
            FixApplier.Write(fixes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write the fixed files: {ex.Message}", ex);
        }

        foreach (var file in fixes)
        {
            writer.WriteLine($"fixed {report.RelativePath(file.FilePath)} ({file.FixedCount} {(file.FixedCount == 1 ? "finding" : "findings")})");
        }

        writer.WriteLine($"hcg: fixed {removed} of {fixable} fixable findings in {fixes.Count} files{notApplied}");
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Redirected output is read by tools and people alike: never wrap a finding's line.
            console.Profile.Width = 1000;
        }

        return console;
    }

    private sealed record ScanOutcome(LoadedWorkspace Loaded, ScanResult Result, FixResult Fixes) : IDisposable
    {
        public void Dispose() => Loaded.Dispose();
    }
}
