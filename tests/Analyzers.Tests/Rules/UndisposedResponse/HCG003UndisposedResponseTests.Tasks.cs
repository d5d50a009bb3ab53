using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>Responses reached through their tasks: kept and read later, waited on, continued, discarded, returned as a plain Task.</summary>
public sealed partial class HCG003UndisposedResponseTests
{
    // HealthClinic's test backdoor: response tasks gathered as plain Tasks and awaited together; nothing can read a
    // response out of a Task again, so nobody disposes it.
    [Fact]
    public Task ResponseTaskHandedOnAsAPlainTask_Diagnostic() => VerifyAsync("""
        using System.Collections.Generic;

        class C
        {
            static readonly HttpClient s_client = new HttpClient();

            static Task<HttpResponseMessage> DeleteAsync(int id) => s_client.DeleteAsync("http://x/" + id);

            async Task DeleteAll(int[] ids)
            {
                var pending = new List<Task>();
                foreach (var id in ids)
                {
                    pending.Add({|HCG003:DeleteAsync(id)|});
                }

                await Task.WhenAll(pending);
            }

            async Task Together(string url)
            {
                await Task.WhenAll({|HCG003:s_client.GetAsync(url)|}, s_client.GetStringAsync(url));
            }

            async Task Declared(string url)
            {
                Task pending = {|HCG003:s_client.PostAsync(url, null)|};
                await pending;
            }
        }
        """);

    [Fact]
    public Task ResponseTaskKeptWithItsTypeOrNotAResponse_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;

        class C
        {
            static readonly HttpClient s_client = new HttpClient();

            async Task<int> WaitedWithOthersThenDisposed(string url)
            {
                var response = s_client.GetAsync(url);
                var text = s_client.GetStringAsync(url);
                await Task.WhenAll(response, text);
                using (var message = response.Result)
                {
                    return (int)message.StatusCode + text.Result.Length;
                }
            }

            private object _pending;

            void Boxed(string url)
            {
                object kept = s_client.GetAsync(url);
                _pending = kept;
            }

            async Task Strings(string[] urls)
            {
                var pending = new List<Task>();
                foreach (var url in urls)
                {
                    pending.Add(s_client.GetStringAsync(url));
                }

                await Task.WhenAll(pending);
            }

            async Task<int> Typed(string[] urls)
            {
                var pending = new List<Task<HttpResponseMessage>>();
                foreach (var url in urls)
                {
                    pending.Add(s_client.GetAsync(url));
                }

                var total = 0;
                foreach (var response in await Task.WhenAll(pending))
                {
                    using (response)
                    {
                        total += (int)response.StatusCode;
                    }
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task TaskKeptThenWaitedAndResultRead_Diagnostic() => VerifyAsync("""
        class C
        {
            int M(HttpClient client)
            {
                var task = {|HCG003:client.GetAsync("http://x")|};
                task.Wait();
                var response = task.Result;
                return (int)response.StatusCode;
            }

            int Awaiter(HttpClient client)
            {
                var task = {|HCG003:client.GetAsync("http://x")|};
                return (int)task.GetAwaiter().GetResult().StatusCode;
            }

            async Task<int> Awaited(HttpClient client)
            {
                var task = {|HCG003:client.PostAsync("http://x", null)|};
                var response = await task;
                return (int)response.StatusCode;
            }

            // Task.WaitAll takes plain Tasks: the task is waited on through a conversion, and its result read after.
            int WaitedWithOthers(HttpClient client)
            {
                var task = {|HCG003:client.GetAsync("http://x")|};
                Task.WaitAll(task);
                var response = task.Result;
                return response != null ? (int)response.StatusCode : 0;
            }
        }
        """);

    // 'await task.ContinueWith(x => { });' only waits for the task (the continuation never reads it), so the reads of
    // 'task.Result' after it are where the response is: read, logged, and never disposed.
    [Fact]
    public Task TaskWaitedThroughAContinuationThatIgnoresItThenResultRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async void SendBatch(HttpClient client, string uri, bool compress)
            {
                Task<HttpResponseMessage> result;
                if (compress)
                {
                    result = {|HCG003:client.PostAsync(uri, new StringContent("a"))|};
                }
                else
                {
                    result = {|HCG003:client.PostAsync(uri, new StringContent("b"))|};
                }

                await result.ContinueWith(x => { });
                if (result.Result != null && result.Result.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    System.Console.WriteLine("failed: " + result.Result.StatusCode + " " + result);
                    System.Console.WriteLine($"result={result}");
                }
            }

            async Task<int> StatusOnly(HttpClient client)
            {
                var task = {|HCG003:client.GetAsync("http://x")|};
                await task.ContinueWith(t => { if (t.IsFaulted) System.Console.WriteLine("faulted"); });
                return (int)task.Result.StatusCode;
            }
        }
        """);

    [Fact]
    public Task TaskWaitedThroughAContinuationThenResultDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> Disposed(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                await task.ContinueWith(x => { });
                using (var response = task.Result)
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<HttpResponseMessage> Returned(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                await task.ContinueWith(x => { });
                return task.Result;
            }

            // The continuation reads the response itself: it is the continuation's, and it disposes it.
            async Task Continued(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                await task.ContinueWith(x => x.Result.Dispose());
            }
        }
        """);

    [Fact]
    public Task WhenAllOverTasksThenResultsRead_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var first = {|HCG003:client.GetAsync("http://x/1")|};
                var second = {|HCG003:client.GetAsync("http://x/2")|};
                await Task.WhenAll(first, second);
                return (int)first.Result.StatusCode + (int)second.Result.StatusCode;
            }
        }
        """);

    [Fact]
    public Task WaitedOrDiscardedNeverRead_Diagnostic() => VerifyAsync("""
        class C
        {
            void M(HttpClient client)
            {
                {|HCG003:client.GetAsync("http://x")|}.Wait();
                var task = {|HCG003:client.DeleteAsync("http://x")|};
                task.Wait();
                {|HCG003:client.PostAsync("http://x", null)|};
                _ = {|HCG003:Task.Run(async () => await client.PostAsync("http://x", null))|};
            }
        }
        """);

    [Fact]
    public Task ContinueWithReadsResultAndDropsIt_Diagnostic() => VerifyAsync("""
        class C
        {
            Task<int> M(HttpClient client) =>
                {|HCG003:client.GetAsync("http://x")|}.ContinueWith(t => (int)t.Result.StatusCode);
        }
        """);

    [Fact]
    public Task ContinueWithOnlyLooksAtTheException_Diagnostic() => VerifyAsync(MirrorProbe);

    // The call is the receiver of the continuation: no 'using' can go around it there, so no fix is offered.
    [Fact]
    public Task ContinueWithOnlyLooksAtTheException_NoFixOffered() =>
        Verify<UndisposedResponseAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.UndisposedResponseFixer>(Usings + MirrorProbe, Usings + MirrorProbe, TestOptions.Default);

    private const string MirrorProbe = """
        class C
        {
            private readonly string[] _urls = { "a.example", "b.example" };
            private int _failed;

            void FastestMirror()
            {
                var client = new HttpClient();
                foreach (var url in _urls)
                {
                    var u = url;
                    {|HCG003:client.GetAsync("https://" + u)|}.ContinueWith(t =>
                    {
                        if (t.Exception != null)
                        {
                            System.Threading.Interlocked.Increment(ref _failed);
                            return;
                        }

                        Console.WriteLine(u);
                    });
                }
            }
        }
        """;

    [Fact]
    public Task ReturnedAsPlainTask_Diagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpClient _client = new HttpClient();

            Task Ping() => {|HCG003:_client.GetAsync("http://x/ping")|};

            Task Send(HttpRequestMessage request)
            {
                return {|HCG003:_client.SendAsync(request)|};
            }
        }
        """);

    [Fact]
    public Task TaskReadAndDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private Task<HttpResponseMessage> _pending;

            int Disposed(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                task.Wait();
                using (var response = task.Result)
                {
                    return (int)response.StatusCode;
                }
            }

            int WaitedWithOthersThenDisposed(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                Task.WaitAll(task, Task.Delay(10));
                using (var response = task.Result)
                {
                    return (int)response.StatusCode;
                }
            }

            async Task<HttpResponseMessage> Returned(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                await Task.WhenAll(task, Task.Delay(10));
                return task.Result;
            }

            void Stored(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                _pending = task;
            }

            async Task<int> ReadTwiceDisposedOnce(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                var status = (int)task.Result.StatusCode;
                using (var response = await task)
                {
                    return status;
                }
            }

            async Task<HttpResponseMessage[]> All(HttpClient client)
            {
                var first = client.GetAsync("http://x/1");
                var second = client.GetAsync("http://x/2");
                return await Task.WhenAll(first, second);
            }

            async Task<HttpResponseMessage> Any(HttpClient client)
            {
                var first = client.GetAsync("http://x/1");
                var winner = await Task.WhenAny(first, Task.Delay(100));
                return winner == first ? first.Result : null;
            }
        }
        """);

    [Fact]
    public Task ContinueWithDisposesOrReturnsResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            Task<int> Disposed(HttpClient client) =>
                client.GetAsync("http://x").ContinueWith(t =>
                {
                    using (var response = t.Result)
                    {
                        return (int)response.StatusCode;
                    }
                });

            Task<HttpResponseMessage> Forwarded(HttpClient client) =>
                client.GetAsync("http://x").ContinueWith(t => t.Result);

            Task<HttpResponseMessage> Typed(HttpClient client) => client.GetAsync("http://x");

            Task<int> Run(HttpClient client) => Task.Run(async () =>
            {
                using (var response = await client.PostAsync("http://x", null))
                {
                    return (int)response.StatusCode;
                }
            });
        }
        """);

    // A task kept in a local and continued: the continuation reads the response through its parameter, as one made on the
    // call itself does.
    [Fact]
    public Task TaskKeptInALocalAndContinuedWithAReadOfItsResult_Diagnostic() => VerifyAsync("""
        class C
        {
            Task<System.Net.HttpStatusCode> Add(HttpClient client, HttpContent content)
            {
                var request = {|HCG003:client.PostAsync("https://api.example.org/add", content)|};
                return request.ContinueWith(taskRequest =>
                {
                    try
                    {
                        HttpResponseMessage response = taskRequest.Result;
                        return response.StatusCode;
                    }
                    catch (System.Exception)
                    {
                        return System.Net.HttpStatusCode.BadRequest;
                    }
                });
            }
        }
        """);

    [Fact]
    public Task TaskKeptInALocalAndContinuedWithADisposedOrForwardedResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            Task<int> Disposed(HttpClient client)
            {
                var request = client.GetAsync("http://x");
                return request.ContinueWith(t =>
                {
                    using (var response = t.Result)
                    {
                        return (int)response.StatusCode;
                    }
                });
            }

            Task<HttpResponseMessage> Forwarded(HttpClient client)
            {
                var request = client.GetAsync("http://x");
                return request.ContinueWith(t => t.Result);
            }

            // The status read first is of the one response the continuation disposes.
            Task<int> ReadThenDisposed(HttpClient client)
            {
                var request = client.GetAsync("http://x");
                System.Console.WriteLine(request.Result.StatusCode);
                return request.ContinueWith(t =>
                {
                    using (var response = t.Result)
                    {
                        return (int)response.StatusCode;
                    }
                });
            }
        }
        """);

    [Fact]
    public Task ContinueWithLooksAtTheExceptionThenDisposesTheResult_NoDiagnostic() => VerifyAsync("""
        class C
        {
            Task<int> Probe(HttpClient client) =>
                client.GetAsync("http://x").ContinueWith(t =>
                {
                    if (t.Exception != null)
                    {
                        return -1;
                    }

                    using (var response = t.Result)
                    {
                        return (int)response.StatusCode;
                    }
                });
        }
        """);

    private const string WhenAllChallenges = """
        using System.Linq;

        class Challenges
        {
            public async Task Commit(IEnumerable<(string Url, string Value)> challenges)
            {
                using var client = new HttpClient();
                var responses = await Task.WhenAll(challenges.Select(item => CALL));
                foreach (var response in responses.Where(r => !r.IsSuccessStatusCode))
                {
                    Console.WriteLine($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.Host}");
                }

                AFTER
            }
        }
        """;

    [Fact]
    public Task WhenAllResultsOnlyRead_Diagnostic() => VerifyAsync(WhenAllChallenges
        .Replace("CALL", "{|HCG003:client.PutAsync(item.Url, new StringContent(item.Value))|}", System.StringComparison.Ordinal)
        .Replace("AFTER", "", System.StringComparison.Ordinal), TestOptions.LatestOnly);

    [Fact]
    public Task WhenAllResultsDisposedInALoop_NoDiagnostic() => VerifyAsync(WhenAllChallenges
        .Replace("CALL", "client.PutAsync(item.Url, new StringContent(item.Value))", System.StringComparison.Ordinal)
        .Replace("AFTER", "foreach (var response in responses) response.Dispose();", System.StringComparison.Ordinal), TestOptions.LatestOnly);

    [Fact]
    public Task WhenAllResultsHandedOn_NoDiagnostic() => VerifyAsync(WhenAllChallenges
        .Replace("CALL", "client.PutAsync(item.Url, new StringContent(item.Value))", System.StringComparison.Ordinal)
        .Replace("AFTER", "Keep(responses);", System.StringComparison.Ordinal)
        .Replace("class Challenges\n{", "class Challenges\n{\n    static void Keep(HttpResponseMessage[] kept) { }", System.StringComparison.Ordinal), TestOptions.LatestOnly);

    [Fact]
    public Task WhenAllOfTwoTasksResultsOnlyRead_Diagnostic() => VerifyAsync("""
        class Mirrors
        {
            public async Task<bool> BothUp(HttpClient client, Uri first, Uri second)
            {
                var statuses = await Task.WhenAll({|HCG003:client.GetAsync(first)|}, {|HCG003:client.GetAsync(second)|});
                return statuses[0].IsSuccessStatusCode && statuses[1].IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task WhenAllResultsReturned_NoDiagnostic() => VerifyAsync("""
        class Mirrors
        {
            public async Task<HttpResponseMessage[]> Both(HttpClient client, Uri first, Uri second)
            {
                var responses = await Task.WhenAll(client.GetAsync(first), client.GetAsync(second));
                return responses;
            }
        }
        """);

    [Fact]
    public Task WhenAllOverALocalCollectionOfTasksResultsOnlyRead_Diagnostic() => VerifyAsync("""
        class Mirrors
        {
            public async Task<bool> BothUp(HttpClient client, Uri first, Uri second)
            {
                var tasks = new[] { {|HCG003:client.GetAsync(first)|}, {|HCG003:client.GetAsync(second)|} };
                var statuses = await Task.WhenAll(tasks);
                return statuses[0].IsSuccessStatusCode && statuses[1].IsSuccessStatusCode;
            }

            public async Task<int> AllUp(HttpClient client, IEnumerable<Uri> mirrors)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var mirror in mirrors)
                {
                    tasks.Add({|HCG003:client.GetAsync(mirror)|});
                }

                var statuses = await Task.WhenAll(tasks);
                return statuses.Length;
            }
        }
        """);

    // A controller's fan-out of PUTs: the list's own ToArray() hands the tasks to Task.WhenAll, whose results nobody reads.
    [Fact]
    public Task WhenAllOverAListsToArrayResultsDiscarded_Diagnostic() => VerifyAsync("""
        class Lights
        {
            public async Task SetAll(HttpClient client, IEnumerable<Uri> lights, HttpContent state)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var light in lights)
                {
                    tasks.Add({|HCG003:client.PutAsync(light, state)|});
                }

                await Task.WhenAll(tasks.ToArray());
            }
        }
        """);

    // The results disposed, and a collection of the code's own whose ToArray may be anything (its Add keeps the tasks).
    [Fact]
    public Task WhenAllOverAListsToArrayResultsDisposedOrOverAnotherCollectionsToArray_NoDiagnostic() => VerifyAsync("""
        class Pending
        {
            private static readonly List<Task<HttpResponseMessage>> s_all = new List<Task<HttpResponseMessage>>();

            public void Add(Task<HttpResponseMessage> task) => s_all.Add(task);

            public Task<HttpResponseMessage>[] ToArray() => s_all.ToArray();
        }

        class Lights
        {
            public async Task SetAll(HttpClient client, IEnumerable<Uri> lights, HttpContent state)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var light in lights)
                {
                    tasks.Add(client.PutAsync(light, state));
                }

                foreach (var response in await Task.WhenAll(tasks.ToArray()))
                {
                    response.Dispose();
                }
            }

            public async Task Queue(HttpClient client, IEnumerable<Uri> lights, HttpContent state)
            {
                var pending = new Pending();
                foreach (var light in lights)
                {
                    pending.Add(client.PutAsync(light, state));
                }

                await Task.WhenAll(pending.ToArray());
            }
        }
        """);

    [Fact]
    public Task WhenAllOverACollectionExpressionResultsOnlyRead_Diagnostic() => VerifyAsync("""
        class Mirrors
        {
            public async Task<bool> BothUp(HttpClient client, Uri first, Uri second)
            {
                Task<HttpResponseMessage>[] tasks = [{|HCG003:client.GetAsync(first)|}, {|HCG003:client.GetAsync(second)|}];
                var statuses = await Task.WhenAll(tasks);
                return statuses[0].IsSuccessStatusCode;
            }

            public async Task<bool> Inline(HttpClient client, Uri first, Uri second)
            {
                var statuses = await Task.WhenAll([{|HCG003:client.GetAsync(first)|}, {|HCG003:client.GetAsync(second)|}]);
                return statuses[0].IsSuccessStatusCode;
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task WhenAllOverALocalCollectionOfTasksReadOrHandedElsewhere_NoDiagnostic() => VerifyAsync("""
        class Mirrors
        {
            public async Task<int> FirstFromTheTask(HttpClient client, IEnumerable<Uri> mirrors)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var mirror in mirrors)
                {
                    tasks.Add(client.GetAsync(mirror));
                }

                var statuses = await Task.WhenAll(tasks);
                foreach (var task in tasks)
                {
                    task.Result.Dispose();
                }

                return statuses.Length;
            }

            public async Task<bool> Disposed(HttpClient client, Uri first, Uri second)
            {
                var tasks = new[] { client.GetAsync(first), client.GetAsync(second) };
                var responses = await Task.WhenAll(tasks);
                try
                {
                    return responses[0].IsSuccessStatusCode;
                }
                finally
                {
                    foreach (var response in responses)
                    {
                        response.Dispose();
                    }
                }
            }

            public async Task<HttpResponseMessage[]> Returned(HttpClient client, Uri first, Uri second)
            {
                var tasks = new[] { client.GetAsync(first), client.GetAsync(second) };
                return await Task.WhenAll(tasks);
            }

            public Task<HttpResponseMessage>[] Started(HttpClient client, Uri first, Uri second)
            {
                var tasks = new[] { client.GetAsync(first), client.GetAsync(second) };
                Task.WhenAll(tasks).ContinueWith(_ => Console.WriteLine("done"));
                return tasks;
            }
        }
        """);

    [Fact]
    public Task WhenAllResultsDiscarded_Diagnostic() => VerifyAsync("""
        class Hooks
        {
            public async Task Notify(HttpClient client, Uri first, Uri second)
            {
                await Task.WhenAll({|HCG003:client.PostAsync(first, null)|}, {|HCG003:client.PostAsync(second, null)|});
            }

            public async Task NotifyAll(HttpClient client, IEnumerable<Uri> hooks)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var hook in hooks)
                {
                    tasks.Add({|HCG003:client.PostAsync(hook, null)|});
                }

                _ = await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task WhenAllAwaitedThenTasksRead_NoDiagnostic() => VerifyAsync("""
        class Hooks
        {
            public async Task<int> Notify(HttpClient client, Uri first, Uri second)
            {
                var one = client.PostAsync(first, null);
                var two = client.PostAsync(second, null);
                await Task.WhenAll(one, two);
                using (var a = one.Result)
                using (var b = two.Result)
                {
                    return (int)a.StatusCode + (int)b.StatusCode;
                }
            }

            public async Task NotifyAll(HttpClient client, IEnumerable<Uri> hooks)
            {
                var tasks = new List<Task<HttpResponseMessage>>();
                foreach (var hook in hooks)
                {
                    tasks.Add(client.PostAsync(hook, null));
                }

                await Task.WhenAll(tasks);
                tasks.ForEach(task => task.Result.Dispose());
            }
        }
        """);

    [Fact]
    public Task JsonExtensionResponseDiscardedOrFiredAndForgotten_Diagnostic() => VerifyAsync("""
        using System.Net.Http.Json;

        class Installer
        {
            async Task Finish(HttpClient client, string callback, System.Threading.CancellationToken cancel)
            {
                _ = {|HCG003:client.PostAsJsonAsync(callback, new { Completed = true }, cancellationToken: cancel)|};
                {|HCG003:await client.PutAsJsonAsync(callback, new { Completed = true })|};
            }
        }
        """, new TestOptions { Targets = Targets.Net80, WithAspNetCore = true });

    [Fact]
    public Task JsonExtensionResponseDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http.Json;

        class Installer
        {
            async Task<bool> Finish(HttpClient client, string callback)
            {
                using (var response = await client.PostAsJsonAsync(callback, new { Completed = true }))
                {
                    return response.IsSuccessStatusCode;
                }
            }

            Task<HttpResponseMessage> Report(HttpClient client, string callback) => client.PatchAsJsonAsync(callback, new { Completed = true });
        }
        """, new TestOptions { Targets = Targets.Net80, WithAspNetCore = true });

    [Fact]
    public Task ResponseFromAFuncFieldOrParameterReadAndDropped_Diagnostic() => VerifyAsync("""
        class Lens
        {
            protected Func<HttpRequestMessage, Task<HttpResponseMessage>> _fetch;

            public Lens(HttpClient client) => _fetch = request => client.SendAsync(request);

            async Task<string> Upload(HttpRequestMessage request)
            {
                var response = {|HCG003:await _fetch(request)|};
                return await response.Content.ReadAsStringAsync();
            }

            async Task<bool> Consent(Func<Task<HttpResponseMessage>> send)
            {
                var response = {|HCG003:await send()|};
                return response.Headers.Contains("Set-Cookie");
            }
        }
        """);

    [Fact]
    public Task ResponseFromAFuncFieldOrParameterDisposedOrReturned_NoDiagnostic() => VerifyAsync("""
        class Lens
        {
            private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> _fetch;

            public Lens(HttpClient client) => _fetch = request => client.SendAsync(request);

            async Task<string> Upload(HttpRequestMessage request)
            {
                using (var response = await _fetch(request))
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }

            Task<HttpResponseMessage> Forward(HttpRequestMessage request) => _fetch(request);

            async Task<bool> Consent(Func<Task<HttpResponseMessage>> send)
            {
                using (var response = await send())
                {
                    return response.Headers.Contains("Set-Cookie");
                }
            }
        }
        """);

    // A task disposed after its response is read; {0}: how the read response is used.
    private const string DisposedTask = """
        class C
        {
            string Quotes(HttpClient client, string url)
            {
                var result = {1}client.GetAsync(url){2};
                {0}
                result.Dispose();
                return text;
            }
        }
        """;

    [Fact]
    public Task TaskDisposedAfterItsResultIsReadTwice_Diagnostic() => VerifyAsync(DisposedTask
        .Replace("{0}", "result.Result.EnsureSuccessStatusCode();\n        var text = result.Result.Content.ReadAsStringAsync().Result;")
        .Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    [Fact]
    public Task TaskDisposedAfterItsResultIsReadOnce_Diagnostic() => VerifyAsync(DisposedTask
        .Replace("{0}", "var text = result.Result.Content.ReadAsStringAsync().Result;")
        .Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    [Fact]
    public Task TaskDisposedAfterItsResultIsDisposed_NoDiagnostic() => VerifyAsync(DisposedTask
        .Replace("{0}", "string text;\n        using (var response = result.Result) { text = response.Content.ReadAsStringAsync().Result; }")
        .Replace("{1}", "").Replace("{2}", ""));

    // A response local released in a finally; {0}: the call there.
    private const string ReleasedInFinally = """
        static class DisposableExtensions
        {
            public static bool DisposeSafely(this IDisposable disposable)
            {
                try { disposable?.Dispose(); return true; } catch { return false; }
            }

            public static string Describe(this HttpResponseMessage response) => response.ReasonPhrase;
        }

        class C
        {
            async Task<bool> TryRequest(HttpClient client, HttpRequestMessage request)
            {
                HttpResponseMessage response = null;
                try
                {
                    response = {1}await client.SendAsync(request){2};
                    return response.IsSuccessStatusCode;
                }
                finally
                {
                    {0}
                }
            }
        }
        """;

    [Fact]
    public Task ConditionalDisposeSafelyInFinally_NoDiagnostic() =>
        VerifyAsync(ReleasedInFinally.Replace("{0}", "response?.DisposeSafely();").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task ConditionalCallOfAnotherExtensionInFinally_Diagnostic() =>
        VerifyAsync(ReleasedInFinally.Replace("{0}", "response?.Describe();").Replace("{1}", "{|HCG003:").Replace("{2}", "|}"));

    // {0}: what the branches write into the task local; {1}: how the response is read.
    private const string TaskPerBranch = """
        class C
        {
            string Send(HttpClient client, string url, HttpContent content, bool put, Task<HttpResponseMessage> pending)
            {
                Task<HttpResponseMessage> response = null;
                {0}
                response.Wait();
                {1}
            }
        }
        """;

    private const string ReadsTwiceAndDrops = """
        if (response.IsCompleted && response.Result.IsSuccessStatusCode)
                {
                    return response.Result.Content.ReadAsStringAsync().Result;
                }

                return null;
        """;

    [Fact]
    public Task TaskLocalWrittenByACallInEachBranchReadAndDropped_Diagnostic() => VerifyAsync(TaskPerBranch
        .Replace("{0}", """
            if (put)
                    {
                        response = {|HCG003:client.PutAsync(url, content)|};
                    }
                    else
                    {
                        response = {|HCG003:client.PostAsync(url, content)|};
                    }
            """)
        .Replace("{1}", ReadsTwiceAndDrops));

    [Fact]
    public Task TaskLocalWrittenByACallInEachBranchDisposedOrAlsoHandedATaskFromElsewhere_NoDiagnostic() => VerifyAsync(
        TaskPerBranch
            .Replace("{0}", """
                if (put)
                        {
                            response = client.PutAsync(url, content);
                        }
                        else
                        {
                            response = client.PostAsync(url, content);
                        }
                """)
            .Replace("{1}", """
                using (var message = response.Result)
                        {
                            return message.Content.ReadAsStringAsync().Result;
                        }
                """) +
        TaskPerBranch.Replace("class C", "class D")
            .Replace("{0}", """
                if (put)
                        {
                            response = client.PutAsync(url, content);
                        }
                        else
                        {
                            response = pending;
                        }
                """)
            .Replace("{1}", ReadsTwiceAndDrops));

    [Fact]
    public Task TaskLocalReadThroughNullConditionalMembersAndDropped_Diagnostic() => VerifyAsync(TaskPerBranch
        .Replace("{0}", "response = {|HCG003:client.PutAsync(url, content)|};")
        .Replace("{1}", """
            if ((response?.Result?.ReasonPhrase ?? null) != null)
                    {
                        return response?.Result?.RequestMessage?.RequestUri?.ToString();
                    }

                    return null;
            """));

    [Fact]
    public Task TaskLocalDisposedOrItsContentKeptThroughNullConditionalMembers_NoDiagnostic() => VerifyAsync(
        TaskPerBranch
            .Replace("{0}", "response = client.PutAsync(url, content);")
            .Replace("{1}", """
                var reason = response?.Result?.ReasonPhrase;
                        response?.Result?.Dispose();
                        return reason;
                """) +
        TaskPerBranch.Replace("class C", "class D")
            .Replace("{0}", "response = client.PutAsync(url, content);")
            .Replace("{1}", """
                var body = response?.Result?.Content;
                        using (body)
                        {
                            return body?.ReadAsStringAsync().Result;
                        }
                """));

    private const string ReadsTask = "var task = client.GetAsync(\"http://x\");";

    private const string MarkedReadsTask = "var task = {|HCG003:client.GetAsync(\"http://x\")|};";

    private const string BranchReaders = """
        class C
        {
            static string ReadText(HttpResponseMessage response)
            {
                using (response)
                {
                    return response.Content.ReadAsStringAsync().Result;
                }
            }

            static string Status(HttpResponseMessage response) => response.StatusCode.ToString();

            string M(HttpClient client, bool text, int mode, bool[] flags)
            {
                var task = client.GetAsync("http://x");
                task.Wait();
                {0}
            }
        }
        """;

    [Fact]
    public Task TaskReadAndDisposedOnOneBranchDroppedOnAnother_Diagnostic() => VerifyAsync(
        BranchReaders.Replace(ReadsTask, MarkedReadsTask).Replace("{0}", "return text ? ReadText(task.Result) : Status(task.Result);") +
        BranchReaders.Replace("class C", "class D").Replace(ReadsTask, MarkedReadsTask).Replace("{0}", """
            if (text)
                    {
                        using (var response = task.Result)
                        {
                            return response.ReasonPhrase;
                        }
                    }
                    else
                    {
                        return task.Result.ReasonPhrase;
                    }
            """) +
        BranchReaders.Replace("class C", "class F").Replace(ReadsTask, MarkedReadsTask).Replace("{0}", """
            if (text)
                    {
                        return ReadText(task.Result);
                    }

                    return Status(task.Result);
            """) +
        BranchReaders.Replace("class C", "class E").Replace(ReadsTask, MarkedReadsTask).Replace("{0}", """
            switch (mode)
                    {
                        case 0:
                            return ReadText(task.Result);
                        case 1:
                            return Status(task.Result);
                        default:
                            return task.Result.ReasonPhrase;
                    }
            """));

    [Fact]
    public Task TaskReadOnOneBranchDisposedWhereEveryBranchGoes_NoDiagnostic() => VerifyAsync(
        BranchReaders.Replace("{0}", """
            var status = text ? Status(task.Result) : task.Result.ReasonPhrase;
                    task.Result.Dispose();
                    return status;
            """) +
        BranchReaders.Replace("class C", "class D").Replace("{0}", """
            if (task.Result.IsSuccessStatusCode)
                    {
                        return ReadText(task.Result);
                    }

                    using (task.Result)
                    {
                        return null;
                    }
            """) +
        BranchReaders.Replace("class C", "class F").Replace("{0}", """
            var status = "";
                    if (!text)
                    {
                        status = Status(task.Result);
                    }

                    return status + ReadText(task.Result);
            """) +
        BranchReaders.Replace("class C", "class E").Replace("{0}", """
            var status = "";
                    foreach (var flag in flags)
                    {
                        if (flag)
                        {
                            status += Status(task.Result);
                        }
                        else
                        {
                            task.Result.Dispose();
                        }
                    }

                    return status;
            """));

    // A response first seen where its task is read, statements after the call, is reported at the call with the read named; one
    // read in the call's own expression is reported there as before.
    [Fact]
    public Task TaskReadInALaterStatement_DiagnosticAtTheCallNamesTheRead() => Verify<UndisposedResponseAnalyzer>.DiagnosticsWithMessagesAsync(
        Usings + """
        class C
        {
            async Task<int> Later(HttpClient client)
            {
                var task = {|#0:client.GetAsync("http://x")|};
                await Task.Delay(10);
                var response = await task;
                return (int)response.StatusCode;
            }

            int Same(HttpClient client)
            {
                var response = {|#1:client.GetAsync("http://x").Result|};
                return (int)response.StatusCode;
            }
        }
        """,
        TestOptions.Default,
        "The HttpResponseMessage from 'GetAsync' is never disposed (read as 'await task'); dispose it with 'using' so that its connection goes back to the pool",
        "The HttpResponseMessage from 'GetAsync' is never disposed; dispose it with 'using' so that its connection goes back to the pool");

    // The fix puts 'using' around the read the diagnostic names, not around the call that makes the task.
    [Fact]
    public Task TaskReadInALaterStatement_AddsUsingAtTheRead() => VerifyFixAsync(
        """
        class C
        {
            int M(HttpClient client)
            {
                var task = {|HCG003:client.GetAsync("http://x")|};
                task.Wait();
                var response = task.Result;
                return (int)response.StatusCode;
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                task.Wait();
                using (var response = task.Result)
                {
                    return (int)response.StatusCode;
                }
            }
        }
        """,
        """
        class C
        {
            int M(HttpClient client)
            {
                var task = client.GetAsync("http://x");
                task.Wait();
                using var response = task.Result;
                return (int)response.StatusCode;
            }
        }
        """);
}
