namespace HttpClientGuard.Cli;

/// <summary>The process exit codes, documented in docs/cli.md.</summary>
public static class ExitCodes
{
    /// <summary>The scan ran; no finding reached the <c>--fail-on</c> severity.</summary>
    public const int Success = 0;

    /// <summary>At least one finding at or above the <c>--fail-on</c> severity (after <c>--fix</c>, among those left).</summary>
    public const int FindingsAtOrAboveThreshold = 1;

    /// <summary>Bad input: unknown option, missing path, no C# to scan, unreadable files.</summary>
    public const int BadInput = 2;

    /// <summary>The scanner itself failed; the message says where.</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
