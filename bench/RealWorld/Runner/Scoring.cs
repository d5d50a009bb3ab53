using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HttpClientGuard.RealWorld;

/// <summary>
/// Matches one tool's findings to the labels: a finding counts at a label of the same repository,
/// file and line (or line range) and the same rule family. Several findings of one family on one
/// site count once.
/// </summary>
internal sealed class Scoring
{
    private Scoring(string tool, IReadOnlyList<Outcome> outcomes, IReadOnlyList<ToolFinding> unlabelled)
    {
        Tool = tool;
        Outcomes = outcomes;
        Unlabelled = unlabelled;
    }

    public string Tool { get; }

    public IReadOnlyList<Outcome> Outcomes { get; }

    /// <summary>Findings at sites nobody labelled for their family: to be read and labelled (after-run).</summary>
    public IReadOnlyList<ToolFinding> Unlabelled { get; }

    public static Scoring Score(string tool, IReadOnlyList<SiteLabel> labels, IReadOnlyList<ToolFinding> findings)
    {
        var outcomes = new List<Outcome>();
        var matched = new HashSet<ToolFinding>();
        foreach (var label in labels)
        {
            var hits = findings.Where(f => f.Repo == label.Repo && f.Family == label.Family && label.Covers(f.Path, f.Line)).ToList();
            matched.UnionWith(hits);
            var kind = (label.IsQuiet, hits.Count > 0) switch
            {
                (false, true) => OutcomeKind.TruePositive,
                (false, false) => OutcomeKind.Miss,
                (true, true) => OutcomeKind.FalsePositive,
                (true, false) => OutcomeKind.TrueNegative,
            };
            outcomes.Add(new Outcome(label, kind, hits));
        }

        var unlabelled = findings
            .Where(f => !matched.Contains(f))
            .GroupBy(f => (f.Repo, f.Path, f.Line, f.Family))
            .Select(group => group.First())
            .OrderBy(f => f.Repo, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ToList();
        return new Scoring(tool, outcomes, unlabelled);
    }

    public (int TruePositives, int FalsePositives, int Misses, int TrueNegatives) Counts(Family family)
    {
        var of = Outcomes.Where(o => o.Label.Family == family).ToList();
        return (of.Count(o => o.Kind == OutcomeKind.TruePositive), of.Count(o => o.Kind == OutcomeKind.FalsePositive),
            of.Count(o => o.Kind == OutcomeKind.Miss), of.Count(o => o.Kind == OutcomeKind.TrueNegative));
    }

    public static string Ratio(int numerator, int denominator) =>
        denominator == 0 ? "n/a" : ((double)numerator / denominator).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public void WriteDetails(TextWriter output)
    {
        output.WriteLine($"### {Tool}: false positives");
        WriteOutcomes(output, OutcomeKind.FalsePositive);
        output.WriteLine();
        output.WriteLine($"### {Tool}: misses");
        WriteOutcomes(output, OutcomeKind.Miss);
        output.WriteLine();
        var differing = Outcomes.Where(o => o.Kind == OutcomeKind.TruePositive && !o.Findings.Any(f => string.Equals(f.RuleId, o.Label.Expected, StringComparison.OrdinalIgnoreCase))).ToList();
        if (Tool == "hcg" && differing.Count > 0)
        {
            output.WriteLine($"### {Tool}: found in the right family under another rule id");
            foreach (var outcome in differing)
            {
                output.WriteLine($"- {outcome.Label.Repo}/{outcome.Label.Where}: expected {outcome.Label.Expected}, got {string.Join(", ", outcome.Findings.Select(f => f.RuleId).Distinct())}");
            }

            output.WriteLine();
        }

        output.WriteLine($"### {Tool}: findings at unlabelled sites ({Unlabelled.Count})");
        foreach (var finding in Unlabelled)
        {
            output.WriteLine($"- {finding.Repo}/{finding.Path}:{finding.Line} {finding.RuleId} ({finding.Family}): {Shorten(finding.Message)}");
        }

        if (Unlabelled.Count == 0)
        {
            output.WriteLine("(none)");
        }

        output.WriteLine();
    }

    private void WriteOutcomes(TextWriter output, OutcomeKind kind)
    {
        var list = Outcomes.Where(o => o.Kind == kind).ToList();
        foreach (var outcome in list)
        {
            var label = outcome.Label;
            var got = outcome.Findings.Count == 0 ? string.Empty : $" [{string.Join(", ", outcome.Findings.Select(f => f.RuleId).Distinct())}]";
            output.WriteLine($"- {label.Repo}/{label.Where} expected {label.Expected} ({label.Family}, {label.Labelled}){got}: {label.Reason}");
            if (kind == OutcomeKind.FalsePositive)
            {
                // What the tool said there: the analyzer's own reasoning is the quickest way to the cause.
                output.WriteLine($"  - said: {Shorten(outcome.Findings[0].Message)}");
            }
        }

        if (list.Count == 0)
        {
            output.WriteLine("(none)");
        }
    }

    private static string Shorten(string message) => message.Length <= 240 ? message : message[..237] + "...";
}

internal enum OutcomeKind
{
    TruePositive,
    FalsePositive,
    Miss,
    TrueNegative,
}

internal sealed record Outcome(SiteLabel Label, OutcomeKind Kind, IReadOnlyList<ToolFinding> Findings);
