namespace HttpClientGuard.Runtime.Tests.Infrastructure;

/// <summary>Tests that use the process-wide <see cref="HttpClientPool"/> run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessWidePoolCollection
{
    public const string Name = "Process-wide pool";
}
