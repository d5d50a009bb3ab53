using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task of a response handed to a method that continues it (<c>task.ContinueWith(t =&gt; t.Result.Content.ReadAsByteArrayAsync()).Unwrap()</c>):
/// the continuation reads the response through its parameter as the method would in place, so a continuation that only
/// reads members leaves the response undisposed and the send whose task goes in is reported; one that disposes the
/// response, hands it back, keeps it or reads it in a function of its own decides nothing here.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: the continuation ReadBytes hands the task; {1}: the call's task argument.
    private const string ContinuedReader = """
        public static class Http
        {
            private static HttpResponseMessage last;

            public static Task<byte[]> ReadBytes(Task<HttpResponseMessage> task) => task.ContinueWith({0}).Unwrap();

            public static Task<byte[]> Post(HttpClient client, string url, HttpContent body) => ReadBytes({1});
        }
        """;

    private static string Continued(string continuation, string send = "client.PostAsync(url, body)") =>
        ContinuedReader.Replace("{0}", continuation).Replace("{1}", send);

    [Fact]
    public Task TaskHandedToAContinuationThatReadsItsContent_ReportedAtTheSend() => VerifyAsync(Continued(
        "t => t.Result.Content.ReadAsByteArrayAsync()",
        "{|HCG003:client.PostAsync(url, body)|}"));

    [Fact]
    public Task TaskHandedToAContinuationThatLooksAtItsStatusThenReads_ReportedAtTheSend() => VerifyAsync(Continued("""
        t =>
                {
                    if (t.IsFaulted || !t.Result.IsSuccessStatusCode)
                    {
                        return Task.FromResult(new byte[0]);
                    }

                    return t.Result.Content.ReadAsByteArrayAsync();
                }
        """,
        "{|HCG003:client.PostAsync(url, body)|}"));

    [Fact]
    public Task TaskHandedToAContinuationThatDisposesIt_NoDiagnostic() => VerifyAsync(Continued("""
        t =>
                {
                    using (var response = t.Result)
                    {
                        return Task.FromResult(response.Content.ReadAsByteArrayAsync().Result);
                    }
                }
        """));

    [Fact]
    public Task TaskHandedToAContinuationThatKeepsIt_NoDiagnostic() => VerifyAsync(Continued("""
        t =>
                {
                    last = t.Result;
                    return t.Result.Content.ReadAsByteArrayAsync();
                }
        """));

    [Fact]
    public Task TaskHandedToAContinuationThatHandsTheTaskOn_NoDiagnostic() => VerifyAsync(Continued("""
        t =>
                {
                    Remember(t);
                    return t.Result.Content.ReadAsByteArrayAsync();
                }
        """).Replace("private static HttpResponseMessage last;", """
        private static Task<HttpResponseMessage> pending;

            private static void Remember(Task<HttpResponseMessage> task) => pending = task;
        """));

    [Fact]
    public Task TaskHandedToAContinuationThatReadsItInANestedFunction_NoDiagnostic() => VerifyAsync(Continued(
        "t => Task.Run(() => t.Result.Content.ReadAsByteArrayAsync())"));

    [Fact]
    public Task TaskHandedToAContinuationThatHandsTheResponseBack_NoDiagnostic() => VerifyAsync("""
        public static class Http
        {
            public static Task<HttpResponseMessage> Checked(Task<HttpResponseMessage> task) => task.ContinueWith(t => t.Result);

            public static async Task<int> Status(HttpClient client, string url)
            {
                using (var response = await Checked(client.GetAsync(url)))
                {
                    return (int)response.StatusCode;
                }
            }
        }
        """);
}
