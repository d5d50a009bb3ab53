using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A method that makes a client and then polls with it in a loop nothing leaves (no <c>break</c> of its own, no
/// <c>return</c>, only an exception or the process's end) never returns to make another: the client lives as long as the
/// loop. A loop with a way out, a loop that does not use the client, or an iterator's loop (its consumer stops it) keeps
/// the client per call. Each quiet case has its firing twin beside it.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001WorkerLoopTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // {0}: the loop's condition; {1}: a statement inside the loop after the request; {2}, {3}: the markup around the client.
    private const string Poller = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class VoteRewards
        {
            public async Task OnReadyAsync(Uri feed, CancellationToken token)
            {
                using (var http = {2}new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }){3})
                {
                    while ({0})
                    {
                        await Task.Delay(30000);
                        try
                        {
                            var votes = await http.GetStringAsync(feed);
                            Console.WriteLine(votes);
                            {1}
                        }
                        catch (HttpRequestException e)
                        {
                            Console.WriteLine(e.Message);
                        }
                    }
                }
            }
        }
        """;

    private static string Poll(string condition, string inLoop, bool reported) => Poller
        .Replace("{0}", condition).Replace("{1}", inLoop)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task EndlessLoopThatUsesTheClient_NoDiagnostic() =>
        VerifyAsync(Poll("true", "", reported: false));

    [Fact]
    public Task EndlessForLoopThatUsesTheClient_NoDiagnostic() =>
        VerifyAsync(Poll("true", "", reported: false).Replace("while (true)", "for (;;)"));

    [Fact]
    public Task EndlessDoLoopThatUsesTheClient_NoDiagnostic() =>
        VerifyAsync(Poll("true", "", reported: false).Replace("while (true)", "do").Replace("""
                        }
                    }
                }
            }
        }
        """, """
                        }
                    }
                    while (true);
                }
            }
        }
        """));

    [Fact]
    public Task LoopThatBreaksOutWhenDone_Diagnostic() =>
        VerifyAsync(Poll("true", "if (votes.Length > 0) { break; }", reported: true));

    [Fact]
    public Task LoopUntilCancelled_NoDiagnostic() =>
        VerifyAsync(Poll("!token.IsCancellationRequested", "", reported: false));

    [Fact]
    public Task LoopUntilCancelledThatReturnsWhenDone_Diagnostic() =>
        VerifyAsync(Poll("!token.IsCancellationRequested", "if (votes.Length > 0) { return; }", reported: true));

    [Fact]
    public Task BreakOfASwitchInsideTheLoop_NoDiagnostic() =>
        VerifyAsync(Poll("true", "switch (votes.Length) { case 0: Console.WriteLine(\"none\"); break; default: break; }", reported: false));

    [Fact]
    public Task BreakOfAnInnerLoop_NoDiagnostic() =>
        VerifyAsync(Poll("true", "foreach (var c in votes) { if (c == ',') { break; } }", reported: false));

    [Fact]
    public Task LoopWithAnOrdinaryCondition_Diagnostic() =>
        VerifyAsync(Poll("feed.IsAbsoluteUri", "", reported: true));

    [Fact]
    public Task GotoOutOfTheLoop_Diagnostic() =>
        VerifyAsync(Poll("true", "if (votes.Length > 0) { goto done; }", reported: true).Replace("""
                        }
                    }
                }
            }
        }
        """, """
                        }
                    }
                    done:
                    Console.WriteLine("done");
                }
            }
        }
        """));

    // {0}: what the loop does; {1}, {2}: the markup around the client.
    private const string Ticker = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Heartbeat
        {
            public async Task RunAsync(Uri endpoint, CancellationToken token)
            {
                var client = {1}new HttpClient(){2};
                client.Timeout = TimeSpan.FromSeconds(5);
                Console.WriteLine(await client.GetStringAsync(endpoint));
                using (var timer = new PeriodicTimer(TimeSpan.FromMinutes(1)))
                {
                    while (await timer.WaitForNextTickAsync(token))
                    {
                        {0}
                    }
                }
            }
        }
        """;

    // PeriodicTimer is .NET 6+.
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private static string Tick(string inLoop, bool reported) => Ticker
        .Replace("{0}", inLoop)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task TimerLoopThatUsesTheClient_NoDiagnostic() =>
        VerifyAsync(Tick("Console.WriteLine(await client.GetStringAsync(endpoint));", reported: false), Net80);

    [Fact]
    public Task TimerLoopThatDoesNotUseTheClient_Diagnostic() =>
        // The client is made on every run and nothing in the loop keeps it in use.
        VerifyAsync(Tick("Console.WriteLine(endpoint);", reported: true), Net80);

    // {0}: the loop's condition; {1}, {2}: the markup around the client (its handler goes with it: never reported where it is).
    private const string HandlerPoller = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Poller
        {
            public async Task RunAsync(Uri feed)
            {
                var handler = new HttpClientHandler();
                handler.AllowAutoRedirect = false;
                var http = {1}new HttpClient(handler){2};
                while ({0})
                {
                    Console.WriteLine(await http.GetStringAsync(feed));
                    await Task.Delay(1000);
                }
            }
        }
        """;

    [Fact]
    public Task HandlerOfTheClientAnEndlessLoopUses_NoDiagnostic() =>
        VerifyAsync(HandlerPoller.Replace("{0}", "true").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task HandlerOfTheClientALoopWithAnOrdinaryConditionUses_Diagnostic() =>
        // Per call, the leak is the client's (over its handler), reported once at the client.
        VerifyAsync(HandlerPoller.Replace("{0}", "feed.IsAbsoluteUri").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task ClientMadeInsideTheEndlessLoop_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Poller
        {
            public async Task RunAsync(Uri feed)
            {
                while (true)
                {
                    using (var http = {|HCG001:new HttpClient()|})
                    {
                        Console.WriteLine(await http.GetStringAsync(feed));
                    }

                    await Task.Delay(1000);
                }
            }
        }
        """);

    [Fact]
    public Task EndlessLoopOfAnIterator_Diagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;

        public sealed class Feed
        {
            public IEnumerable<string> Watch(Uri feed)
            {
                using (var http = {|HCG001:new HttpClient()|})
                {
                    while (true)
                    {
                        yield return http.GetStringAsync(feed).Result;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task EndlessLoopOfALambdaInTheMethod_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Poller
        {
            public Task RunAsync(Uri feed)
            {
                var http = {|HCG001:new HttpClient()|};
                Func<Task> poll = async () =>
                {
                    while (true)
                    {
                        Console.WriteLine(await http.GetStringAsync(feed));
                    }
                };
                return Task.CompletedTask;
            }
        }
        """);
}
