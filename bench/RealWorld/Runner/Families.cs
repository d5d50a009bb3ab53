using System;

namespace HttpClientGuard.RealWorld;

/// <summary>What the set measures: rule families, so that HCG001 vs HCG002 on one creation is one question.</summary>
internal enum Family
{
    /// <summary>
    /// HCG001, HCG002, and HCG008 (an SDK client that builds its own pool, made per call: the README's fourth convention labels
    /// it as construction where it is made); IDISP014.
    /// </summary>
    Construction,

    /// <summary>HCG003, HCG004, HCG006; IDISP001 / IDISP004 on a response or a content stream.</summary>
    Disposal,

    /// <summary>HCG005: a shared handler disposed through a client.</summary>
    SharedHandler,

    /// <summary>HCG007: a long-lived client that never refreshes DNS.</summary>
    Dns,
}

internal static class Families
{
    public static readonly Family[] All = { Family.Construction, Family.Disposal, Family.SharedHandler, Family.Dns };

    public static Family? Of(string ruleId) => ruleId.ToUpperInvariant() switch
    {
        "HCG001" or "HCG002" or "HCG008" => Family.Construction,
        "HCG003" or "HCG004" or "HCG006" => Family.Disposal,
        "HCG005" => Family.SharedHandler,
        "HCG007" => Family.Dns,
        _ => null,
    };

    public static Family? Parse(string text) => text.ToLowerInvariant() switch
    {
        "construction" => Family.Construction,
        "disposal" => Family.Disposal,
        "hcg005" or "shared-handler" => Family.SharedHandler,
        "hcg007" or "dns" => Family.Dns,
        _ => null,
    };

    public static string Name(Family family) => family switch
    {
        Family.Construction => "construction (HCG001/HCG002/HCG008)",
        Family.Disposal => "disposal (HCG003/HCG004/HCG006)",
        Family.SharedHandler => "HCG005",
        Family.Dns => "HCG007",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };
}
