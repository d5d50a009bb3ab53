using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace HttpClientGuard.Bench.Generation;

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string Path, string Text, bool UsesHttpClient);

/// <summary>
/// Writes the synthetic code base. Every file is a small feature area (an enum, a record, a service
/// interface and its implementation, plus some of: extension methods, a generic cache, a disposable
/// resource, a small class hierarchy, a value type, generic helpers) that depends on a service from
/// an earlier file. One file in 25 also has an HTTP gateway mixing leaky and correct code.
/// </summary>
internal static class CodeBaseGenerator
{
    /// <summary>One file in this many talks HTTP (4%).</summary>
    public const int HttpFileInterval = 25;

    /// <summary>
    /// Each file depends only on the seed and its index, so a smaller
    /// <c>--files</c> run produces a prefix of the larger code base.
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Generate(int fileCount, int seed)
    {
        var files = new List<GeneratedFile>(fileCount + 1) { new("Core/Core.cs", CoreFile, UsesHttpClient: false) };
        for (var index = 0; index < fileCount; index++)
        {
            var context = new FileContext(index, new Random(unchecked(seed * 7919 + index)));
            var usesHttp = index % HttpFileInterval == HttpFileInterval / 2;
            var name = usesHttp ? $"Gateway{index}" : $"OrderService{index}";
            files.Add(new GeneratedFile($"Area{context.Area}/{name}.cs", WriteFile(context, usesHttp), usesHttp));
        }

        return files;
    }

    private static string WriteFile(FileContext c, bool usesHttp)
    {
        var text = new StringBuilder(8 * 1024);
        text.Append("""
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.IO;
            using System.Linq;

            """);
        if (usesHttp)
        {
            text.Append("""
                using System.Net.Http;
                using System.Net.Http.Json;

                """);
        }

        text.Append($$"""
            using System.Runtime.CompilerServices;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Synthetic.Core;

            namespace Synthetic.Area{{c.Area}};

            public enum {{c.State}}
            {
                Draft,
                Active,
                Suspended,
                Closed,
            }

            public sealed record {{c.Entity}}(int Id, string Name, decimal Amount, {{c.State}} State, DateTime CreatedAt) : IEntity
            {
                public bool IsOpen => State is {{c.State}}.Draft or {{c.State}}.Active;

                public Money Price(string currency) => new(Amount, currency);
            }

            public interface IOrderService{{c.Index}}
            {
                IReadOnlyList<{{c.Entity}}> Find(decimal minimum);

                Task<int> CountAsync(CancellationToken cancellationToken);
            }

            public sealed class OrderService{{c.Index}} : IOrderService{{c.Index}}
            {
                private readonly List<{{c.Entity}}> _orders = new();
                private readonly Dictionary<int, {{c.Entity}}> _byId = new();
                private readonly List<string> _log = new();
                private readonly object _gate = new();
                private readonly {{c.DependencyService}} _dependency;
                private int _counter;

                public OrderService{{c.Index}}({{c.DependencyService}} dependency, IEnumerable<{{c.Entity}}> seed)
                {
                    _dependency = dependency ?? throw new ArgumentNullException(nameof(dependency));
                    foreach (var order in seed)
                    {
                        _orders.Add(order);
                        _byId[order.Id] = order;
                    }
                }

                public event EventHandler<{{c.Entity}}>? Changed;

                public int Count => _orders.Count;

                public string Label { get; init; } = "service-{{c.Index}}";

                public IReadOnlyList<string> Log => _log;

                public IReadOnlyList<{{c.Entity}}> Find(decimal minimum) =>
                    _orders.Where(o => o.Amount >= minimum).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();

                public async Task<int> CountAsync(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return _orders.Count;
                }

                public int Touch() => Interlocked.Increment(ref _counter);

                public void Publish({{c.Entity}} order) => Changed?.Invoke(this, order);


            """);
        foreach (var member in Distinct(c, ServiceMembers.All, c.Number(2, 6)))
        {
            text.Append(member(c));
        }

        TrimTrailingBlankLine(text);
        text.Append("}\n");

        if (c.Random.Next(100) < 35)
        {
            text.Append(Extensions(c));
        }

        if (c.Random.Next(100) < 20)
        {
            text.Append(Cache(c));
        }

        if (c.Random.Next(100) < 15)
        {
            text.Append(Resource(c));
        }

        if (c.Random.Next(100) < 15)
        {
            text.Append(RuleHierarchy(c));
        }

        if (c.Random.Next(100) < 15)
        {
            text.Append(Quantity(c));
        }

        if (c.Random.Next(100) < 15)
        {
            text.Append(GenericHelpers(c));
        }

        if (usesHttp)
        {
            text.Append(Gateway(c));
        }

        return text.ToString();
    }

    private static IEnumerable<Func<FileContext, string>> Distinct(FileContext c, Func<FileContext, string>[] pool, int count) =>
        pool.OrderBy(_ => c.Random.Next()).Take(Math.Min(count, pool.Length)).ToArray();

    private static void TrimTrailingBlankLine(StringBuilder text)
    {
        while (text.Length > 1 && text[^1] == '\n' && text[^2] == '\n')
        {
            text.Length--;
        }
    }

    private static string Extensions(FileContext c) => $$"""

        public static class {{c.Entity}}Extensions
        {
            public static decimal TotalOf(this IEnumerable<{{c.Entity}}> orders, {{c.State}} state) =>
                orders.Where(o => o.State == state).Sum(o => o.Amount);

            public static string ToDisplay(this {{c.Entity}} order) =>
                $"#{order.Id} {order.Name} ({order.Amount.ToString("0.00", CultureInfo.InvariantCulture)})";

            public static bool IsRecent(this {{c.Entity}} order, TimeSpan window, DateTime now) =>
                now - order.CreatedAt < window;

            public static IEnumerable<{{c.Entity}}> Page(this IEnumerable<{{c.Entity}}> orders, int page, int size = {{c.Number(10, 100)}}) =>
                orders.Skip(page * size).Take(size);
        }

        """;

    private static string Cache(FileContext c) => $$"""

        public sealed class Cache{{c.Index}}<TKey, TValue>
            where TKey : notnull
        {
            private readonly Dictionary<TKey, (TValue Value, DateTime Expires)> _entries = new();
            private readonly TimeSpan _lifetime;

            public Cache{{c.Index}}(TimeSpan lifetime) => _lifetime = lifetime;

            public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory, DateTime now)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
                {
                    return entry.Value;
                }

                var value = factory(key);
                _entries[key] = (value, now + _lifetime);
                return value;
            }

            public int Purge(DateTime now)
            {
                var expired = _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList();
                foreach (var key in expired)
                {
                    _entries.Remove(key);
                }

                return expired.Count;
            }
        }

        """;

    private static string Resource(FileContext c) => $$"""

        public sealed class Resource{{c.Index}} : IDisposable
        {
            private readonly MemoryStream _buffer = new();
            private readonly Timer _timer;
            private bool _disposed;

            public Resource{{c.Index}}(TimeSpan period)
            {
                _timer = new Timer(_ => Flush(), null, period, period);
            }

            public long Length => _buffer.Length;

            public void Write(string text)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var bytes = Encoding.UTF8.GetBytes(text);
                _buffer.Write(bytes, 0, bytes.Length);
            }

            public void Flush() => _buffer.SetLength(0);

            public void Dispose()
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _timer.Dispose();
                _buffer.Dispose();
            }
        }

        """;

    private static string RuleHierarchy(FileContext c) => $$"""

        public abstract class Rule{{c.Index}}
        {
            protected Rule{{c.Index}}(string name) => Name = name;

            public string Name { get; }

            public abstract bool Applies({{c.Entity}} order);

            public virtual decimal Adjust(decimal amount) => amount;
        }

        public sealed class DiscountRule{{c.Index}} : Rule{{c.Index}}
        {
            private readonly decimal _rate;

            public DiscountRule{{c.Index}}(decimal rate)
                : base("discount-{{c.Index}}") => _rate = rate;

            public override bool Applies({{c.Entity}} order) => order.Amount > {{c.Number(10, 1000)}}m && order.IsOpen;

            public override decimal Adjust(decimal amount) => Math.Round(amount * (1 - _rate), 2);
        }

        """;

    private static string Quantity(FileContext c) => $$"""

        public readonly record struct Quantity{{c.Index}}(int Value) : IComparable<Quantity{{c.Index}}>
        {
            public static Quantity{{c.Index}} Zero => new(0);

            public static Quantity{{c.Index}} operator +(Quantity{{c.Index}} left, Quantity{{c.Index}} right) => new(left.Value + right.Value);

            public static bool operator <(Quantity{{c.Index}} left, Quantity{{c.Index}} right) => left.Value < right.Value;

            public static bool operator >(Quantity{{c.Index}} left, Quantity{{c.Index}} right) => left.Value > right.Value;

            public int CompareTo(Quantity{{c.Index}} other) => Value.CompareTo(other.Value);
        }

        """;

    private static string GenericHelpers(FileContext c) => $$"""

        public static class Helpers{{c.Index}}
        {
            public static T Clamp<T>(T value, T min, T max)
                where T : IComparable<T> =>
                value.CompareTo(min) < 0 ? min : value.CompareTo(max) > 0 ? max : value;

            public static TResult[] Map<TSource, TResult>(IReadOnlyList<TSource> source, Func<TSource, TResult> map)
            {
                var result = new TResult[source.Count];
                for (var i = 0; i < source.Count; i++)
                {
                    result[i] = map(source[i]);
                }

                return result;
            }

            public static IEnumerable<(T First, T Second)> Pairs<T>(IEnumerable<T> items)
            {
                using var enumerator = items.GetEnumerator();
                if (!enumerator.MoveNext())
                {
                    yield break;
                }

                var previous = enumerator.Current;
                while (enumerator.MoveNext())
                {
                    yield return (previous, enumerator.Current);
                    previous = enumerator.Current;
                }
            }
        }

        """;

    private static string Gateway(FileContext c)
    {
        var text = new StringBuilder();
        text.Append($$"""

            public sealed class Gateway{{c.Index}}
            {
                private static readonly HttpClient s_shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                {
                    BaseAddress = new Uri("https://api{{c.Index}}.example/"),
                };

                private static readonly Lazy<HttpClient> s_lazy = new(() => new HttpClient());
                private static HttpClient? s_cached;
                private readonly IHttpClientFactory _factory;

                public Gateway{{c.Index}}(IHttpClientFactory factory) => _factory = factory;


            """);
        var members = HttpMembers.Correct.Concat(Distinct(c, HttpMembers.Leaky, c.Number(3, 6))).OrderBy(_ => c.Random.Next()).ToArray();
        foreach (var member in members)
        {
            text.Append(member(c));
        }

        TrimTrailingBlankLine(text);
        text.Append($$"""
            }

            public sealed class ApiClient{{c.Index}}(HttpClient http)
            {
                public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path);
                    using var response = await http.SendAsync(request, cancellationToken);
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }

            """);
        return text.ToString();
    }

    private const string CoreFile = """
        using System;
        using System.Collections.Generic;

        namespace Synthetic.Core
        {
            public interface IEntity
            {
                int Id { get; }

                string Name { get; }
            }

            public readonly record struct Money(decimal Amount, string Currency)
            {
                public static Money operator +(Money left, Money right) =>
                    left.Currency == right.Currency
                        ? new Money(left.Amount + right.Amount, left.Currency)
                        : throw new InvalidOperationException("Currencies differ.");
            }

            public sealed class Result<T>
            {
                private Result(T? value, string? error)
                {
                    Value = value;
                    Error = error;
                }

                public T? Value { get; }

                public string? Error { get; }

                public bool IsSuccess => Error is null;

                public static Result<T> Success(T value) => new(value, null);

                public static Result<T> Failure(string error) => new(default, error);
            }

            public static class EntityComparer
            {
                public static IComparer<T> ById<T>()
                    where T : IEntity =>
                    Comparer<T>.Create((left, right) => left.Id.CompareTo(right.Id));
            }
        }

        namespace System.Net.Http
        {
            // Same full name as Microsoft.Extensions.Http's factory, which the net8.0 reference pack does not contain.
            public interface IHttpClientFactory
            {
                HttpClient CreateClient(string name);
            }
        }

        """;
}
