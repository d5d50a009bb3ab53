namespace HttpClientGuard.Cli.Analysis;

/// <summary>Where a scan reports how far it is; shown as a live display or as plain lines.</summary>
public interface IScanProgress
{
    void Stage(string description);

    void StartFiles(int total);

    /// <summary>Called concurrently from the analysis threads.</summary>
    void FileDone();
}
