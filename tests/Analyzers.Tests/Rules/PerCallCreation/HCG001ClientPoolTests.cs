using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A pool of clients: a member that returns a client taken from a long-lived collection and makes a new one only when the
/// collection is empty, while the caller gives each client back after use, makes as many clients as are in use at once.
/// A pool nothing gives a client back to, a collection a call makes afresh, a take whose result is not what is returned,
/// or one that does not return, is no pool: per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ClientPoolTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;

        """;

    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Usings + source, options);

    // {0}: the take and the creation; {1}: what the sender does with the client after use.
    private const string Sender = """
        public class Sender
        {
            private static readonly ConcurrentQueue<HttpClient> s_clients = new ConcurrentQueue<HttpClient>();
            private static readonly ConcurrentBag<HttpClient> s_bag = new ConcurrentBag<HttpClient>();
            private static readonly ConcurrentStack<HttpClient> s_stack = new ConcurrentStack<HttpClient>();

            public string Send(string url)
            {
                var client = GetOrCreateHttpClient();
                var text = client.GetStringAsync(url).GetAwaiter().GetResult();
                {1}
                return text;
            }

            private HttpClient GetOrCreateHttpClient()
            {
                {0}
            }
        }
        """;

    private static string Pool(string take, string giveBack) => Sender.Replace("{0}", take).Replace("{1}", giveBack);

    // ---------------------------------------------------------------- stays quiet

    [Fact]
    public Task ClientTakenFromAStaticQueueTheSenderGivesItBackTo_NoDiagnostic() => VerifyAsync(Pool("""
        if (s_clients.TryDequeue(out HttpClient cli))
                {
                    return cli;
                }

                return new HttpClient() { Timeout = TimeSpan.FromSeconds(10) };
        """, "s_clients.Enqueue(client);"));

    [Fact]
    public Task ClientTakenFromAStaticBagOrStack_NoDiagnostic() => VerifyAsync(
        Pool("""
            if (s_bag.TryTake(out var cli)) return cli;
                    return new HttpClient();
            """, "s_bag.Add(client);") +
        Pool("""
            HttpClient cli;
                    if (s_stack.TryPop(out cli)) return cli;
                    var made = new HttpClient();
                    return made;
            """, "s_stack.Push(client);").Replace("public class Sender", "public class StackSender"));

    // A pool a field of the instance holds is one per instance: the instances decide (here none is made in the compilation).
    private const string InstancePool = """
        public class InstanceSender
        {
            private readonly ConcurrentQueue<HttpClient> _clients = new ConcurrentQueue<HttpClient>();

            public string Send(string url)
            {
                var client = Take();
                var text = client.GetStringAsync(url).GetAwaiter().GetResult();
                _clients.Enqueue(client);
                return text;
            }

            private HttpClient Take()
            {
                if (_clients.TryDequeue(out var cli)) return cli;
                return {0};
            }
        }
        """;

    [Fact]
    public Task ClientTakenFromAPoolTheInstanceHolds_NoDiagnostic() => VerifyAsync(InstancePool.Replace("{0}", "new HttpClient()"));

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task PoolOfAnInstanceMadePerCall_Diagnostic() => VerifyAsync(InstancePool.Replace("{0}", "{|HCG001:new HttpClient()|}") + """

        public class Pages
        {
            public string Page(string url) => new InstanceSender().Send(url);
        }
        """);

    [Fact]
    public Task PoolNothingGivesAClientBackTo_Diagnostic() => VerifyAsync(Pool("""
        if (s_clients.TryDequeue(out HttpClient cli))
                {
                    return cli;
                }

                return {|HCG001:new HttpClient()|};
        """, ""));

    [Fact]
    public Task PoolGivenBackToAnotherCollectionOrMadePerCall_Diagnostic() => VerifyAsync(
        Pool("""
            if (s_clients.TryDequeue(out HttpClient cli)) return cli;
                    return {|HCG001:new HttpClient()|};
            """, "s_bag.Add(client);") + """

        public class Unrelated
        {
            private static readonly ConcurrentQueue<HttpClient> s_clients = new ConcurrentQueue<HttpClient>();

            public void Keep(HttpClient client) => s_clients.Enqueue(client);
        }

        """ +
        Pool("""
            var fresh = new ConcurrentQueue<HttpClient>();
                    if (fresh.TryDequeue(out HttpClient cli)) return cli;
                    fresh.Enqueue(cli);
                    return {|HCG001:new HttpClient()|};
            """, "").Replace("public class Sender", "public class LocalSender"));

    [Fact]
    public Task TakeThatDoesNotReturnWhatItTook_Diagnostic() => VerifyAsync(Pool("""
        if (s_clients.TryDequeue(out HttpClient cli))
                {
                    cli.Dispose();
                }

                return {|HCG001:new HttpClient()|};
        """, "s_clients.Enqueue(client);"));
}
