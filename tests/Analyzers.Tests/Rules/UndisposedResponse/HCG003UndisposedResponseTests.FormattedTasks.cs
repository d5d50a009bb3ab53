using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task of a response only turned into text (<c>MessageBox.Show(GetRepositories(url).ToString())</c>, a task's
/// <c>GetHashCode()</c> or <c>GetType()</c>): the text is the task's type and status, never its result, so the response
/// the task completes with is made and dropped, as when the task is discarded. A task that is also read elsewhere is
/// followed through that read.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: what is done with the task of the response.
    private const string FormattedTask = """
        class Repositories
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<HttpResponseMessage> GetRepositoriesAsync(string url)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                return await _client.SendAsync(request);
            }

            public async Task Show(string url)
            {
                {0}
            }
        }
        """;

    [Fact]
    public Task TaskOfASendOnlyTurnedIntoText_Diagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "Console.WriteLine({|HCG003:_client.GetAsync(url)|}.ToString()); await Task.Yield();"));

    [Fact]
    public Task TaskOfAMethodReturningAResponseOnlyTurnedIntoText_Diagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "Console.WriteLine({|HCG003:GetRepositoriesAsync(url)|}.ToString()); await Task.Yield();"));

    [Fact]
    public Task TaskHashedOrAskedForItsType_Diagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "Console.WriteLine({|HCG003:_client.GetAsync(url)|}.GetHashCode()); Console.WriteLine({|HCG003:_client.DeleteAsync(url)|}.GetType()); await Task.Yield();"));

    [Fact]
    public Task TaskInALocalOnlyTurnedIntoText_Diagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "var task = {|HCG003:_client.GetAsync(url)|}; Console.WriteLine(task.ToString()); await Task.Yield();"));

    [Fact]
    public Task TaskInALocalTurnedIntoTextThenAwaitedAndDisposed_NoDiagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "var task = _client.GetAsync(url); Console.WriteLine(task.ToString()); using (var response = await task) { Console.WriteLine(response.StatusCode); }"));

    [Fact]
    public Task ResultOfTheTaskTurnedIntoTextAfterDisposal_NoDiagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "using (var response = await _client.GetAsync(url)) { Console.WriteLine(response.ToString()); }"));

    [Fact]
    public Task TaskTurnedIntoTextAndReturnedToTheCaller_NoDiagnostic() => VerifyAsync("""
        class Repositories
        {
            private readonly HttpClient _client = new HttpClient();

            public Task<HttpResponseMessage> Get(string url)
            {
                var task = _client.GetAsync(url);
                Console.WriteLine(task.ToString());
                return task;
            }
        }
        """);

    // ToString of a string the response's task yields through a continuation is not the task's own text.
    [Fact]
    public Task ContinuationWhoseResultIsTurnedIntoText_NoDiagnostic() => VerifyAsync(
        FormattedTask.Replace("{0}", "Console.WriteLine(_client.GetAsync(url).ContinueWith(t => { using (t.Result) { return 1; } }).ToString()); await Task.Yield();"));
}
