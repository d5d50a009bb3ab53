using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task kept in a local that a lambda only watches (<c>yield return Timing.WaitUntilTrue(() => respTask.IsCompleted);</c>
/// in a game's coroutine) is followed through its other reads as if the lambda were not there; a lambda that reads the
/// task's result takes it out of the member's hands, and the member stays quiet.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: how the coroutine reads the response.
    private const string Coroutine = """
        static class Timing
        {
            public static float WaitUntilTrue(Func<bool> condition) => 0f;
        }

        static class Audio
        {
            public static System.Collections.Generic.IEnumerator<float> Load(HttpClient client, string url)
            {
                var respTask = {1}client.GetAsync(url){2};
                yield return Timing.WaitUntilTrue(() => respTask.IsCompleted && !respTask.IsFaulted);
                {0}
            }
        }
        """;

    [Fact]
    public Task TaskWatchedByALambdaAndItsResultOnlyRead_Diagnostic() => VerifyAsync(
        Coroutine.Replace("{0}", "var resp = respTask.Result; var bytesTask = resp.Content.ReadAsByteArrayAsync(); yield return Timing.WaitUntilTrue(() => bytesTask.IsCompleted); Console.WriteLine(resp.StatusCode);")
            .Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    [Fact]
    public Task TaskWatchedByALambdaAndItsResultDisposed_NoDiagnostic() => VerifyAsync(
        Coroutine.Replace("{0}", "using (var resp = respTask.Result) { Console.WriteLine(resp.StatusCode); }").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task TaskWhoseResultALambdaReads_NoDiagnostic() => VerifyAsync(
        Coroutine.Replace("{0}", "yield return Timing.WaitUntilTrue(() => respTask.Result.IsSuccessStatusCode);").Replace("{1}", "").Replace("{2}", ""));
}
