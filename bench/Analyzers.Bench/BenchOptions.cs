using System;
using System.Collections.Generic;
using System.Globalization;

namespace HttpClientGuard.Bench;

/// <summary>
/// The command line: <c>[--files 2000] [--runs 3] [--warmup 2] [--seed 2026] [--concurrency on|off|both]
/// [--profile] [--out DIR] [--refs DIR] [--editor EDITS]</c>. With <c>--editor</c>, only the editor scenario runs
/// (document-scoped analysis of one open document after each of EDITS one-character edits elsewhere).
/// </summary>
internal sealed record BenchOptions(
    int Files,
    int Runs,
    int Warmup,
    int Seed,
    IReadOnlyList<bool> ConcurrencyModes,
    bool Profile,
    string? OutputDirectory,
    string? ReferenceDirectory,
    int Editor = 0)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(Files: 2000, Runs: 3, Warmup: 2, Seed: 2026, ConcurrencyModes: new[] { true }, Profile: false, OutputDirectory: null, ReferenceDirectory: null);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--profile")
            {
                options = options with { Profile = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--files" => options with { Files = Positive(value) },
                "--runs" => options with { Runs = Positive(value) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => options with { ConcurrencyModes = Modes(value) },
                "--out" => options with { OutputDirectory = value },
                "--refs" => options with { ReferenceDirectory = value },
                "--editor" => options with { Editor = Positive(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number > 0 ? number : throw new ArgumentException($"Expected a positive number, got {value}.");
    }

    private static bool[] Modes(string value) => value switch
    {
        "both" => new[] { true, false },
        "on" => new[] { true },
        "off" => new[] { false },
        _ => throw new ArgumentException("--concurrency is both, on or off."),
    };
}
