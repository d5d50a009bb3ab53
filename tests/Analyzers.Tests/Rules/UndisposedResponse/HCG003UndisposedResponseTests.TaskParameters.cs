using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A task of a response handed in as a parameter and read there is the method's to dispose when every call hands in a
/// task fresh from a call: no caller can reach the response.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // {0}: DoProcess's accessibility; {1}: how DoProcess reads the response; {2}: more members.
    private const string ApiClient = """
        class ApiClient
        {
            private static readonly HttpClient Client = new HttpClient();

            internal Task<int> DoGet(string action)
            {
                var task = Client.GetAsync(action);
                return DoProcess(task);
            }

            internal Task<int> DoPost(string action, HttpContent content) => DoProcess(Client.PostAsync(action, content));

            {0} async Task<int> DoProcess(Task<HttpResponseMessage> task)
            {
                {1}
            }

            {2}
        }
        """;

    private static string Api(string accessibility, string read, string more = "") =>
        ApiClient.Replace("{0}", accessibility).Replace("{1}", read).Replace("{2}", more);

    private const string ReadsAndDrops = """
        var r = {|HCG003:await task|};
                        var json = await r.Content.ReadAsStringAsync();
                        return r.IsSuccessStatusCode ? json.Length : 0;
        """;

    [Fact]
    public Task ResponseTaskEveryCallerHandsFreshAwaitedAndDropped_Diagnostic() =>
        VerifyAsync(Api("internal", ReadsAndDrops));

    [Fact]
    public Task ResponseTaskEveryCallerHandsFreshReadThroughResultAndDropped_Diagnostic() =>
        VerifyAsync(Api("private", """
            await Task.Yield();
                            var r = {|HCG003:task.Result|};
                            return (int)r.StatusCode;
            """));

    [Fact]
    public Task ResponseTaskAwaitedAndDisposed_NoDiagnostic() =>
        VerifyAsync(Api("internal", """
            using (var r = await task)
                            {
                                return (await r.Content.ReadAsStringAsync()).Length;
                            }
            """));

    // Not the method's when some call may still reach the response; but DoPost and DoGet hand DoProcess, which only reads the
    // response, a fresh task (DoGet through a local): that response is dropped where it is handed in
    // (HCG003UndisposedResponseTests.TaskReaders).
    private const string FreshTaskHandedIn = "DoProcess({|HCG003:Client.PostAsync(action, content)|})";

    private static string FreshTasksHandedIn(string source) => source
        .Replace("DoProcess(Client.PostAsync(action, content))", FreshTaskHandedIn)
        .Replace("var task = Client.GetAsync(action);\n        return DoProcess(task);", "var task = {|HCG003:Client.GetAsync(action)|};\n        return DoProcess(task);");

    [Fact]
    public Task ResponseTaskACallerAlsoReadsAfterHandingItIn_ReportedOnlyWhereAFreshTaskIsHandedIn() =>
        VerifyAsync(FreshTasksHandedIn(Api("internal", ReadsAndDrops.Replace("{|HCG003:await task|}", "await task"), """
            internal async Task<int> Traced(string action)
                {
                    var task = Client.GetAsync(action);
                    var length = await DoProcess(task);
                    using (var response = await task)
                    {
                        return length + (int)response.StatusCode;
                    }
                }
            """)));

    [Fact]
    public Task ResponseTaskOfAPublicMethodOrOneHandedOnAsAMethodGroup_ReportedOnlyWhereAFreshTaskIsHandedIn() => VerifyAsync(FreshTasksHandedIn(
        Api("public", ReadsAndDrops.Replace("{|HCG003:await task|}", "await task")) +
        Api("internal", ReadsAndDrops.Replace("{|HCG003:await task|}", "await task"), """
            internal Func<Task<HttpResponseMessage>, Task<int>> Processor => DoProcess;
            """).Replace("class ApiClient", "class GroupedClient")));

    [Fact]
    public Task ResponseTaskOfAnInternalMethodAFriendAssemblyMayCall_ReportedOnlyWhereAFreshTaskIsHandedIn() => VerifyAsync(
        "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Api.Tests\")]\n" +
        FreshTasksHandedIn(Api("internal", ReadsAndDrops.Replace("{|HCG003:await task|}", "await task"))));

    [Fact]
    public Task ResponseTaskParameterAwaitedIntoALocal_AddsUsing() => VerifyFixAsync(
        """
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            internal Task<int> Get(string url) => Process(Client.GetAsync(url));

            private static async Task<int> Process(Task<HttpResponseMessage> task)
            {
                var r = {|HCG003:await task|};
                var json = await r.Content.ReadAsStringAsync();
                return json.Length;
            }
        }
        """,
        """
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            internal Task<int> Get(string url) => Process(Client.GetAsync(url));

            private static async Task<int> Process(Task<HttpResponseMessage> task)
            {
                using (var r = await task)
                {
                    var json = await r.Content.ReadAsStringAsync();
                    return json.Length;
                }
            }
        }
        """,
        """
        class C
        {
            private static readonly HttpClient Client = new HttpClient();

            internal Task<int> Get(string url) => Process(Client.GetAsync(url));

            private static async Task<int> Process(Task<HttpResponseMessage> task)
            {
                using var r = await task;
                var json = await r.Content.ReadAsStringAsync();
                return json.Length;
            }
        }
        """);
}
