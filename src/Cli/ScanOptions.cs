using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli;

public enum OutputFormat
{
    Text,
    Json,
    Sarif,
}

/// <summary>What <c>hcg scan</c> was asked to do, parsed from the command line.</summary>
public sealed record ScanOptions
{
    /// <summary>The .sln, .slnx, .csproj or folder to scan; null scans the bundled sample.</summary>
    public string? Path { get; init; }

    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>Where the report goes; null writes it to standard output.</summary>
    public string? OutputFile { get; init; }

    /// <summary>The lowest severity that makes the exit code non-zero; null never fails on findings.</summary>
    public DiagnosticSeverity? FailOn { get; init; }

    public bool Fix { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Run <c>dotnet restore</c> on the solution or project before loading it.</summary>
    public bool Restore { get; init; }

    /// <summary>Folder mode takes the project's packages from the NuGet cache when they were restored before; false compiles without them.</summary>
    public bool UsePackageCache { get; init; } = true;

    /// <summary>Rule ids to report and fix; empty means every rule.</summary>
    public ImmutableHashSet<string> Rules { get; init; } = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    public bool ShowProgress { get; init; } = true;
}

/// <summary>The result of reading the command line: a scan to run, or a text to print and an exit code.</summary>
public sealed record ParsedCommand(ScanOptions? Scan, string? Text, int ExitCode);

public static class CommandLine
{
    public const string Usage = """
        Usage: hcg scan [path] [options]

        Scans a .sln, .slnx, .csproj or folder for HttpClient socket-exhaustion bugs.
        Without a path it scans the bundled sample service.

        Options:
          --format text|json|sarif   report format (default: text)
          --output <file>            write the report to a file instead of standard output
          --fail-on <severity>       exit with 1 when a finding is at or above error|warning|info|hidden
                                     (default: none, findings never fail the run)
          --rules <ids>              only these rules, comma-separated (e.g. HCG001,HCG003)
          --restore                  run 'dotnet restore' on the solution or project first, as the build
                                     does, so every target loads with its packages
          --no-package-cache         folder mode: do not use packages restored before (same result on every machine)
          --fix                      apply the code fixes and write the files
          --dry-run                  with --fix: print the diff instead of writing (implies --fix)
          --no-progress              no progress display
          -h, --help                 this text
          --version                  the scanner's version

        Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input, 3 internal error.
        """;

    public static ParsedCommand Parse(IReadOnlyList<string> args, string version)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new ParsedCommand(null, Usage, ExitCodes.Success);
        }

        if (args[0] == "--version")
        {
            return new ParsedCommand(null, version, ExitCodes.Success);
        }

        if (args[0] != "scan")
        {
            throw new UserInputException($"unknown command '{args[0]}'; the only command is 'scan' (see hcg --help)");
        }

        var options = new ScanOptions();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return new ParsedCommand(null, Usage, ExitCodes.Success);
                case "--format":
                    options = options with { Format = ParseFormat(ValueOf(args, ref i)) };
                    break;
                case "--output" or "-o":
                    options = options with { OutputFile = ValueOf(args, ref i) };
                    break;
                case "--fail-on":
                    options = options with { FailOn = ParseSeverity(ValueOf(args, ref i)) };
                    break;
                case "--rules":
                    options = options with { Rules = ParseRules(ValueOf(args, ref i)) };
                    break;
                case "--fix":
                    options = options with { Fix = true };
                    break;
                case "--dry-run":
                    options = options with { Fix = true, DryRun = true };
                    break;
                case "--restore":
                    options = options with { Restore = true };
                    break;
                case "--no-package-cache":
                    options = options with { UsePackageCache = false };
                    break;
                case "--no-progress":
                    options = options with { ShowProgress = false };
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new UserInputException($"unknown option '{arg}' (see hcg --help)");
                    }

                    if (options.Path is not null)
                    {
                        throw new UserInputException($"only one path can be scanned at a time; got '{options.Path}' and '{arg}'");
                    }

                    options = options with { Path = arg };
                    break;
            }
        }

        return new ParsedCommand(options, null, ExitCodes.Success);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int index)
    {
        if (index + 1 >= args.Count || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UserInputException($"option '{args[index]}' needs a value (see hcg --help)");
        }

        index++;
        return args[index];
    }

    private static OutputFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        "sarif" => OutputFormat.Sarif,
        _ => throw new UserInputException($"unknown format '{value}'; use text, json or sarif"),
    };

    private static DiagnosticSeverity? ParseSeverity(string value) => value.ToLowerInvariant() switch
    {
        "none" => null,
        "error" => DiagnosticSeverity.Error,
        "warning" => DiagnosticSeverity.Warning,
        "info" => DiagnosticSeverity.Info,
        "hidden" => DiagnosticSeverity.Hidden,
        _ => throw new UserInputException($"unknown severity '{value}'; use error, warning, info, hidden or none"),
    };

    private static ImmutableHashSet<string> ParseRules(string value)
    {
        var ids = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            throw new UserInputException("--rules needs at least one rule id, e.g. --rules HCG001,HCG003");
        }

        return ids.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
