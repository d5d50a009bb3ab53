using HttpClientGuard.Cli.Fixing;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Analysis;

/// <summary>One diagnostic, with the location and source line the reports show.</summary>
/// <param name="Line">1-based, like editors and SARIF.</param>
/// <param name="Column">1-based.</param>
public sealed record Finding(
    string RuleId,
    DiagnosticSeverity Severity,
    string Message,
    string FilePath,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string SourceLine)
{
    /// <summary>Whether a code fix is offered at this site (asked of the fixers, not assumed from the rule).</summary>
    public Fixability Fix { get; init; }

    /// <summary>
    /// The other places in source the diagnostic points at (its additional locations): for HCG003 / HCG004 the read of a
    /// response or stream first seen after its call, which the fix puts under <c>using</c>; for HCG007 the handlers its
    /// fix sets.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<FindingLocation> Related { get; init; } = System.Array.Empty<FindingLocation>();
}

/// <summary>A span of source a finding points at besides its own: 1-based lines and columns, like <see cref="Finding"/>.</summary>
public sealed record FindingLocation(string FilePath, int Line, int Column, int EndLine, int EndColumn);

/// <summary>What a scan found, and how much of the code it could see.</summary>
/// <param name="FilesWithUnresolvedReferences">Files in which some type or namespace could not be resolved, so findings there may be missing.</param>
/// <param name="AnalyzerFailures">Analyzer exceptions, reported instead of hidden (an analyzer must never throw).</param>
/// <param name="CompilerFailures">
/// Projects on which the C# compiler itself threw while binding (a compiler bug met by the scanned code), and what was
/// done about it: analysed again without nullable analysis, or left out. The other projects are still scanned.
/// </param>
public sealed record ScanResult(
    System.Collections.Generic.IReadOnlyList<Finding> Findings,
    int FilesScanned,
    int FilesWithUnresolvedReferences,
    System.Collections.Generic.IReadOnlyList<string> AnalyzerFailures,
    System.Collections.Generic.IReadOnlyList<string> CompilerFailures);
