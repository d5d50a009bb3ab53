namespace HttpClientGuard.Analyzers;

/// <summary>Every diagnostic id the package reports, in one place.</summary>
internal static class RuleIds
{
    public const string PerCallClient = "HCG001";
    public const string PerCallHandler = "HCG002";
    public const string UndisposedResponse = "HCG003";
    public const string UndisposedContentStream = "HCG004";
    public const string DisposedSharedHandler = "HCG005";
    public const string StreamOutlivesResponse = "HCG006";
    public const string LongLivedClientWithoutDnsRefresh = "HCG007";
    public const string ConnectionOwnerPerCall = "HCG008";
}
