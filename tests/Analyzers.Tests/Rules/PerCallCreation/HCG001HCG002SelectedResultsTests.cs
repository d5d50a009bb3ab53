using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A lambda handed to <c>Enumerable.Select</c> whose results the query yields, none dropped
/// (<c>Factories.Select(f =&gt; f.Create(pcs)).FirstOrDefault(b =&gt; b != null)</c>, <c>.ToList()</c>): what the lambda makes
/// goes where the query's value goes. One picked and returned by a public factory, or a list kept in a static, is not per
/// call; used and dropped by a method each request runs, or a list returned (one per element on every call, as a loop
/// adding to a returned list makes), it is. A predicate that tests more than null drops what it turns down: the lambda
/// stays per call.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002SelectedResultsTests
{
    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IStorage
        {
            Task<string> ReadAsync(string path);
        }

        public sealed class HttpStorage : IStorage
        {
            private readonly HttpClient _client;

            public HttpStorage(Uri root, HttpMessageHandler auth)
            {
                _client = new HttpClient(auth) { BaseAddress = root };
            }

            public Task<string> ReadAsync(string path) => _client.GetStringAsync(path);
        }

        public sealed class TokenHandler : DelegatingHandler
        {
            private readonly string _token;

            public TokenHandler(string token) : base(new HttpClientHandler())
            {
                _token = token;
            }
        }

        public interface IStorageFactory
        {
            IStorage Create(string connectionString);
        }

        internal sealed class BuiltInStorageFactory : IStorageFactory
        {
            public IStorage Create(string connectionString)
            {
                if (!connectionString.StartsWith("http", StringComparison.Ordinal))
                {
                    return null;
                }

                var parts = connectionString.Split(';');
                return new HttpStorage(new Uri(parts[0]), new TokenHandler(parts[1]));
            }
        }

        """;

    private static Task VerifyAsync(string source, string types = Types) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(types + source);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task QueryResultUsedAndDroppedPerCall_Reported() => VerifyAsync("""
        public sealed class Mirror
        {
            public async Task<int> CountAsync(IEnumerable<string> urls)
            {
                var clients = urls.Select(u => {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) }).ToList();
                var total = 0;
                foreach (var client in clients)
                {
                    total += (await client.GetStringAsync("/")).Length;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task ListReturned_Reported() => VerifyAsync("""
        public static class Mirrors
        {
            // One client per element on every call, as a loop adding them to a returned list makes.
            public static List<HttpClient> Open(IEnumerable<string> urls) =>
                urls.Select(u => {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) }).Where(c => c != null).ToList();
        }
        """);

    [Fact]
    public Task TasksOfClientsAwaitedAndDropped_Reported() => VerifyAsync("""
        public static class Warmup
        {
            public static async Task<int> CountAsync(IEnumerable<string> urls)
            {
                var clients = await Task.WhenAll(urls.Select(async u =>
                {
                    await Task.Yield();
                    return {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) };
                }).ToList());
                return clients.Length;
            }
        }
        """);

    [Fact]
    public Task PredicateThatTurnsResultsDown_Reported() => VerifyAsync("""
        public static class Pick
        {
            public static HttpClient Reachable(IEnumerable<string> urls)
            {
                return urls.Select(u => {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) }).First(c => c.BaseAddress.IsLoopback);
            }

            public static List<HttpClient> Loopbacks(IEnumerable<string> urls)
            {
                return urls.Select(u => {|HCG001:new HttpClient|} { BaseAddress = new Uri(u) }).Where(c => c.BaseAddress.IsLoopback).ToList();
            }
        }
        """);

    [Fact]
    public Task LambdaHandedToAnotherMethod_Reported() => VerifyAsync("""
        internal static class Sequences
        {
            public static IEnumerable<string> Touch(this IEnumerable<string> items, Func<string, HttpClient> open)
            {
                foreach (var item in items)
                {
                    open(item).CancelPendingRequests();
                    yield return item;
                }
            }
        }

        public static class Probe
        {
            public static string FirstProbed(IEnumerable<string> urls) => urls.Touch(u => {|HCG001:new HttpClient()|}).First();
        }
        """);

    [Fact]
    public Task FactoryResultPickedAndDroppedPerCall_Reported() => VerifyAsync("""
        public sealed class Reader
        {
            private readonly List<IStorageFactory> _factories = new List<IStorageFactory> { new BuiltInStorageFactory() };

            public async Task<string> ReadAsync(string connectionString, string path)
            {
                var storage = _factories.Select(f => f.Create(connectionString)).FirstOrDefault(s => s != null);
                return await storage.ReadAsync(path);
            }
        }
        """, Types.Replace("base(new HttpClientHandler())", "base({|HCG002:new HttpClientHandler()|})", System.StringComparison.Ordinal));

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task PickedResultReturnedByAPublicFactory_NoDiagnostic() => VerifyAsync("""
        public static class Storages
        {
            private static readonly List<IStorageFactory> s_factories = new List<IStorageFactory> { new BuiltInStorageFactory() };

            public static IStorage FromConnectionString(string connectionString)
            {
                IStorage instance = s_factories
                    .Select(f => f.Create(connectionString))
                    .FirstOrDefault(b => b != null);
                if (instance == null)
                {
                    throw new ArgumentException("no factory took the connection string", nameof(connectionString));
                }

                return instance;
            }

            public static IStorage TryFromConnectionString(string connectionString) =>
                s_factories.Select(f => f.Create(connectionString)).SingleOrDefault((b) => b != null);
        }
        """);

    [Fact]
    public Task QueryKeptInAStaticOrReturned_NoDiagnostic() => VerifyAsync("""
        public static class Mirrors
        {
            private static HttpClient[] s_mirrors;
            private static List<HttpClient> s_open;

            public static void Configure(IEnumerable<string> urls)
            {
                s_mirrors = urls.Select(u => new HttpClient { BaseAddress = new Uri(u) }).ToArray();
            }

            public static void Open(IEnumerable<string> urls)
            {
                s_open = urls.Select(u => new HttpClient { BaseAddress = new Uri(u) }).Where(c => !(c is null)).ToList();
            }

            public static Task<HttpClient> OpenAsync(IEnumerable<string> urls) =>
                urls.Select(async u =>
                {
                    await Task.Yield();
                    return new HttpClient { BaseAddress = new Uri(u) };
                }).First();

            public static HttpClient Only(IEnumerable<string> urls) =>
                urls.Take(1).Select((u) => new HttpClient { BaseAddress = new Uri(u) }).AsEnumerable().Single();
        }

        public sealed class Replicas
        {
            private HttpClient[] _replicas;

            public Replicas(IEnumerable<string> urls) => Open(urls);

            private void Open(IEnumerable<string> urls)
            {
                var opened = urls.Select(u => new HttpClient { BaseAddress = new Uri(u) }).ToArray();
                _replicas = opened;
            }
        }
        """);
}
