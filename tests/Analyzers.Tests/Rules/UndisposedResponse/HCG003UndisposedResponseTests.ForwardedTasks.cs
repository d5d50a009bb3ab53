using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task of a response handed to a private wrapper that hands it on to a reader (<c>requestWrap(task, out result)</c> →
/// <c>GenericRequest(task, out result)</c>, which waits on it and reads <c>task.Result</c>'s members several times): the
/// wrapper reads nothing it could dispose, so the send whose task goes in is reported, however the task reaches it.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: what GenericRequest does with the task's response; {1}: more members.
    private const string ForwardingBackend = """
        class Backend
        {
            private readonly HttpClient client = new HttpClient();

            public int Get(string path, out string result)
            {
                Task<HttpResponseMessage> task = client.GetAsync(path);
                return RequestWrap(task, out result);
            }

            public int Delete(string path, out string result) => RequestWrap(client.DeleteAsync(path), out result);

            private int RequestWrap(Task<HttpResponseMessage> task, out string result)
            {
                try
                {
                    return GenericRequest(task, out result);
                }
                catch (InvalidOperationException)
                {
                    result = null;
                    return 0;
                }
            }

            private int GenericRequest(Task<HttpResponseMessage> task, out string result)
            {
                result = null;
                task.Wait();
                if (task.Status != TaskStatus.RanToCompletion)
                {
                    return (int)task.Result.StatusCode;
                }

                {0}
            }

            {1}
        }
        """;

    private static string Forwarding(string read, string more = "") =>
        ForwardingBackend.Replace("{0}", read).Replace("{1}", more);

    private const string ReadsMembersTwice = """
        result = task.Result.Content.ReadAsStringAsync().Result;
                return (int)task.Result.StatusCode;
        """;

    [Fact]
    public Task TaskHandedThroughAWrapperToAReaderOfItsResult_ReportedAtEachSend() => VerifyAsync(Forwarding(ReadsMembersTwice)
        .Replace("client.GetAsync(path);", "{|HCG003:client.GetAsync(path)|};")
        .Replace("RequestWrap(client.DeleteAsync(path)", "RequestWrap({|HCG003:client.DeleteAsync(path)|}"));

    [Fact]
    public Task TaskHandedThroughTwoWrappersToAReaderOfItsResult_ReportedAtTheSend() => VerifyAsync(Forwarding(ReadsMembersTwice, """
            public int Put(string path, HttpContent body, out string result) => Outer({|HCG003:client.PutAsync(path, body)|}, out result);

                private int Outer(Task<HttpResponseMessage> task, out string result) => RequestWrap(task, out result);
            """)
        .Replace("client.GetAsync(path);", "{|HCG003:client.GetAsync(path)|};")
        .Replace("RequestWrap(client.DeleteAsync(path)", "RequestWrap({|HCG003:client.DeleteAsync(path)|}"));

    [Fact]
    public Task TaskHandedThroughAWrapperToAReaderThatDisposesOrKeepsIt_NoDiagnostic() => VerifyAsync(
        Forwarding("""
            using (var response = task.Result)
                    {
                        result = response.Content.ReadAsStringAsync().Result;
                        return (int)response.StatusCode;
                    }
            """) +
        Forwarding("""
            last = task.Result;
                    return (int)task.Result.StatusCode;
            """, "private HttpResponseMessage last;").Replace("class Backend", "class KeepingBackend") +
        Forwarding("""
            task.Result.Dispose();
                    return 0;
            """).Replace("class Backend", "class DisposingBackend"));

    [Fact]
    public Task TaskHandedToAWrapperThatAlsoKeepsItOrMayBeOverridden_NoDiagnostic() => VerifyAsync(
        Forwarding(ReadsMembersTwice, "private readonly List<Task<HttpResponseMessage>> pending = new List<Task<HttpResponseMessage>>();")
            .Replace("return GenericRequest(task, out result);", """
            pending.Add(task);
                            return GenericRequest(task, out result);
            """) +
        Forwarding(ReadsMembersTwice).Replace("class Backend", "class VirtualBackend")
            .Replace("private int RequestWrap(", "protected virtual int RequestWrap(") +
        Forwarding(ReadsMembersTwice, "public Task<HttpResponseMessage> LastTask;").Replace("class Backend", "class RememberingBackend")
            .Replace("return GenericRequest(task, out result);", """
            LastTask = task;
                            return GenericRequest(task, out result);
            """));

    // Waited on and never read: the response is dropped, but a helper that reads nothing is no reader to name.
    [Fact]
    public Task TaskHandedToAHelperThatOnlyWaitsOnIt_NoDiagnostic() => VerifyAsync("""
        class Backend
        {
            private readonly HttpClient client = new HttpClient();

            public void Fire(string path) => Settle(client.GetAsync(path));

            private static void Settle(Task<HttpResponseMessage> task)
            {
                task.Wait();
            }
        }
        """);

    [Fact]
    public Task TasksHandedRoundBetweenTwoWrappersAndNeverRead_NoDiagnostic() => VerifyAsync("""
        class Backend
        {
            private readonly HttpClient client = new HttpClient();

            public int Get(string path, int tries) => Ping(client.GetAsync(path), tries);

            private int Ping(Task<HttpResponseMessage> task, int tries) => tries > 0 ? Pong(task, tries - 1) : 0;

            private int Pong(Task<HttpResponseMessage> task, int tries) => tries > 0 ? Ping(task, tries - 1) : 0;
        }
        """);

    [Fact]
    public Task TaskReadInPlaceByAPublicExtension_ReportedAtTheSend() => VerifyAsync("""
        static class ResponseTaskChecks
        {
            public static int StatusOf(this Task<HttpResponseMessage> task)
            {
                task.Wait();
                return task.Result.IsSuccessStatusCode ? 0 : (int)task.Result.StatusCode;
            }

            public static int Disposed(this Task<HttpResponseMessage> task)
            {
                using (task.Result)
                {
                    return (int)task.Result.StatusCode;
                }
            }
        }

        class Api
        {
            private readonly HttpClient client = new HttpClient();

            public int Check(string url) => {|HCG003:client.GetAsync(url)|}.StatusOf();

            public int CheckAndDispose(string url) => client.GetAsync(url).Disposed();
        }
        """);
}
