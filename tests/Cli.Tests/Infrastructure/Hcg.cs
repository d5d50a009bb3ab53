using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    /// <summary>No .NET stack frame leaked into what the user sees.</summary>
    public bool HasStackTrace => (Output + Error).Split('\n').Any(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.Contains(" in ", StringComparison.Ordinal))
        || (Output + Error).Contains("   at ", StringComparison.Ordinal);
}

/// <summary>Runs <c>hcg</c> in-process, with redirected (non-terminal) output like a CI log.</summary>
public static class Hcg
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(catalog: null, args);

    public static async Task<CliResult> RunAsync(RuleCatalog? catalog, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new CliApp(output, error, catalog: catalog).RunAsync(args);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
