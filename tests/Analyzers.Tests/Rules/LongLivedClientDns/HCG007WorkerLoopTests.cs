using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.LongLivedClientDns;

/// <summary>
/// HCG007 for a client a method makes and then polls with in a loop nothing leaves (<c>while (true)</c>,
/// <c>!token.IsCancellationRequested</c>, <c>await timer.WaitForNextTickAsync(...)</c>): the method never returns, so the
/// client lives as long as the worker, over connections that are never recycled. C# 7.3 and latest, net8.0.
/// </summary>
[Trait("Rule", "HCG007")]
public class HCG007WorkerLoopTests
{
    private static readonly TestOptions Net80 = new() { Targets = Targets.Net80 };

    private static Task VerifyAsync(string source) =>
        Verify<LongLivedClientDnsAnalyzer>.DiagnosticsAsync(source, Net80);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task WhileTrueLoopOverTheDefaultHandler_Diagnostic() => Verify<LongLivedClientDnsAnalyzer>.DiagnosticsWithMessagesAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        class VotePoller
        {
            public async Task RunAsync(string url)
            {
                using (var http = {|#0:new HttpClient()|})
                {
                    while (true)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30));
                        Console.WriteLine(await http.GetStringAsync(url));
                    }
                }
            }
        }
        """,
        Net80,
        "'HttpClient' is kept for the life of the process by the endless loop in 'VotePoller.RunAsync', over the default handler: its connections are never recycled, so DNS changes are missed; set SocketsHttpHandler.PooledConnectionLifetime or use HttpClientPool");

    [Fact]
    public Task CancellationLoopOverAClientHandlerOrPeriodicTimerOverSocketsHandler_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Workers
        {
            public async Task PollAsync(string url, CancellationToken token)
            {
                var http = {|HCG007:new HttpClient(new HttpClientHandler { UseCookies = false })|};
                while (!token.IsCancellationRequested)
                {
                    await http.GetAsync(url, token);
                    await Task.Delay(1000, token);
                }
            }

            public async Task TickAsync(string url, CancellationToken token)
            {
                var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
                var http = {|HCG007:new HttpClient(new SocketsHttpHandler())|};
                while (await timer.WaitForNextTickAsync(token))
                {
                    await http.GetStringAsync(url);
                }
            }
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task WorkerLoopOverAHandlerWithALifetimeOrToLocalhost_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Workers
        {
            public async Task PollAsync(string url, CancellationToken token)
            {
                var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                while (!token.IsCancellationRequested)
                {
                    await http.GetAsync(url, token);
                }
            }

            public async Task LocalAsync(CancellationToken token)
            {
                var http = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };
                while (!token.IsCancellationRequested)
                {
                    await http.GetAsync("health", token);
                }
            }
        }
        """);

    [Fact]
    public Task LoopThatEndsOrDoesNotUseTheClientOrMakesOnePerPass_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Workers
        {
            public async Task UntilHealthyAsync(string url)
            {
                var http = new HttpClient();
                while (true)
                {
                    if ((await http.GetAsync(url)).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
            }

            public async Task OtherWorkAsync(string url, CancellationToken token)
            {
                var http = new HttpClient();
                await http.GetStringAsync(url);
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(1000, token);
                }
            }

            public async Task PerPassAsync(string url, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    var http = new HttpClient();
                    await http.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task IteratorOrLambdaLoop_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Workers
        {
            public IEnumerable<string> Pages(string url)
            {
                var http = new HttpClient();
                while (true)
                {
                    yield return http.GetStringAsync(url).Result;
                }
            }

            public Func<Task> Later(string url) => async () =>
            {
                var http = new HttpClient();
                while (true)
                {
                    await http.GetStringAsync(url);
                }
            };
        }
        """);

    // ---------------------------------------------------------------- fix

    [Fact]
    public Task WorkerLoopClient_FixGivesItASocketsHandlerWithALifetime() =>
        Verify<LongLivedClientDnsAnalyzer>.FixAsync<LongLivedClientDnsFixer>("""
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Workers
            {
                public async Task PollAsync(string url, CancellationToken token)
                {
                    var http = {|HCG007:new HttpClient()|};
                    while (!token.IsCancellationRequested)
                    {
                        await http.GetAsync(url, token);
                    }
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Workers
            {
                public async Task PollAsync(string url, CancellationToken token)
                {
                    var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
                    while (!token.IsCancellationRequested)
                    {
                        await http.GetAsync(url, token);
                    }
                }
            }
            """, Net80, LongLivedClientDnsFixer.SetLifetimeKey);
}
