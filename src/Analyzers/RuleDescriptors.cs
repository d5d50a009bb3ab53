using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers;

/// <summary>The one place that builds descriptors: help link, category and defaults come from here.</summary>
internal static class RuleDescriptors
{
    public const string HelpLinkBase = "https://github.com/HttpClientGuard/HttpClientGuard/blob/main/docs/rules/";

    public const string ReliabilityCategory = "Reliability";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string description,
        DiagnosticSeverity defaultSeverity = DiagnosticSeverity.Warning,
        string category = ReliabilityCategory,
        params string[] customTags)
    {
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id),
            customTags: customTags);
    }
}
