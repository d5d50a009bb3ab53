using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// <c>Task.Run(async () =&gt; { ...; return await client.PostAsync(...); })</c> whose lambda names a type of a missing package,
/// so the call does not bind: <c>Task.Run&lt;TResult&gt;</c> hands back what the lambda returns, so its result (awaited or
/// read through <c>.Result</c>) is that response, reported there when nothing disposes it. Quiet when the caller disposes or
/// returns it, and for another unbound <c>Run</c>.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // A desktop app's crash-log upload, whose body is made with a JSON package the scan lacks.
    [Fact]
    public Task ResponseReturnedOutOfAnUnboundTaskRun_Diagnostic() => VerifyAsync("""
        static class LogUpload
        {
            public static bool Upload(string log)
            {
                var uploadResult = {|HCG003:Task.Run(async () =>
                {
                    using (var client = new HttpClient())
                    {
                        var json = JsonConvert.SerializeObject(new { contents = log });
                        return await client.PostAsync("https://paste.example.com/v1/pastes", new StringContent(json));
                    }
                }).Result|};

                return uploadResult.StatusCode == System.Net.HttpStatusCode.Created;
            }

            public static async Task<bool> UploadAsync(string log)
            {
                var uploadResult = {|HCG003:await Task.Run(() =>
                {
                    var json = JsonConvert.SerializeObject(new { contents = log });
                    return Shared.Client.PostAsync("https://paste.example.com/v1/pastes", new StringContent(json));
                })|};

                return uploadResult.IsSuccessStatusCode;
            }
        }

        static class Shared
        {
            public static readonly HttpClient Client = new HttpClient();
        }
        """, s_halfTyped);

    [Fact]
    public Task ResponseReturnedOutOfAnUnboundTaskRunDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        static class LogUpload
        {
            public static bool Disposed(string log)
            {
                using (var uploadResult = Task.Run(() =>
                {
                    var json = JsonConvert.SerializeObject(new { contents = log });
                    return Shared.Client.PostAsync("https://paste.example.com/v1/pastes", new StringContent(json));
                }).Result)
                {
                    return uploadResult.StatusCode == System.Net.HttpStatusCode.Created;
                }
            }

            public static Task<HttpResponseMessage> Returned(string log) => Task.Run(() =>
            {
                var json = JsonConvert.SerializeObject(new { contents = log });
                return Shared.Client.PostAsync("https://paste.example.com/v1/pastes", new StringContent(json));
            });

            public static async Task<bool> OtherRun(Worker worker, string log)
            {
                var uploadResult = await worker.Run(() =>
                {
                    var json = JsonConvert.SerializeObject(new { contents = log });
                    return Shared.Client.PostAsync("https://paste.example.com/v1/pastes", new StringContent(json));
                });

                return uploadResult.IsSuccessStatusCode;
            }
        }

        static class Shared
        {
            public static readonly HttpClient Client = new HttpClient();
        }
        """, s_halfTyped);
}
