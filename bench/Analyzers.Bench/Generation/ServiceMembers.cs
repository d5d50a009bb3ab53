using System;

namespace HttpClientGuard.Bench.Generation;

/// <summary>
/// Method shapes for the everyday (non-HTTP) service classes. Each one is written as ordinary
/// application code would be: LINQ, async, loops, pattern matching, string building, collections,
/// generics, lambdas, disposables. The service class provides <c>_orders</c>, <c>_byId</c>,
/// <c>_dependency</c>, <c>_log</c>, <c>_gate</c>, <c>_counter</c> and the <c>Changed</c> event.
/// </summary>
internal static class ServiceMembers
{
    public static readonly Func<FileContext, string>[] All =
    {
        GroupTotals, QuerySyntax, AsyncSum, SwitchExpression, StringReport, GenericBest, QueueWalk,
        MemoizedLocalFunction, TupleStatistics, StreamExport, LambdaFilters, ParallelAsync, TypeSwitch,
        ArrayWork, NameSets, NullableLookup, RaiseChanged, DependencyCombination, AsyncStream, Locking,
        DictionaryDeconstruction, TextParsing, DateBuckets, LinqChaining, RetryLoop, ReaderParsing,
    };

    private static string GroupTotals(FileContext c) => $$"""
            public Dictionary<{{c.State}}, decimal> TotalsByState{{c.NextMember()}}()
            {
                return _orders
                    .Where(o => o.Amount > {{c.Number(0, 50)}}m)
                    .GroupBy(o => o.State)
                    .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));
            }

        """;

    private static string QuerySyntax(FileContext c) => $$"""
            public IReadOnlyList<string> RecentNames{{c.NextMember()}}(DateTime since)
            {
                var query =
                    from o in _orders
                    where o.CreatedAt >= since && o.Amount > {{c.Number(1, 500)}}m
                    orderby o.CreatedAt descending, o.Name
                    let label = o.Name.ToUpperInvariant()
                    select $"{o.Id}:{label}";
                return query.Take({{c.Number(5, 40)}}).ToList();
            }

        """;

    private static string AsyncSum(FileContext c) => $$"""
            public async Task<decimal> SumAsync{{c.NextMember()}}(IEnumerable<int> ids, CancellationToken cancellationToken)
            {
                decimal total = 0;
                foreach (var id in ids)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!_byId.TryGetValue(id, out var order))
                    {
                        continue;
                    }

                    total += order.Amount;
                    if (total > {{c.Number(1000, 90000)}}m)
                    {
                        break;
                    }

                    await Task.Delay({{c.Number(0, 3)}}, cancellationToken).ConfigureAwait(false);
                }

                return total;
            }

        """;

    private static string SwitchExpression(FileContext c) => $$"""
            public string Describe{{c.NextMember()}}({{c.Entity}} order) => order switch
            {
                { State: {{c.State}}.Closed } => "closed",
                { Amount: > {{c.Number(500, 5000)}}m } => "large",
                { Amount: < 0m } => "refund",
                { Name.Length: > {{c.Number(10, 30)}} } => "long-name",
                _ when order.CreatedAt.Year < {{c.Number(2000, 2024)}} => "legacy",
                _ => "regular",
            };

        """;

    private static string StringReport(FileContext c) => $$"""
            public string Report{{c.NextMember()}}(int limit)
            {
                var builder = new StringBuilder();
                builder.AppendLine("Report {{c.Index}}");
                for (var i = 0; i < _orders.Count && i < limit; i++)
                {
                    var order = _orders[i];
                    builder.Append(i).Append(". ").Append(order.Name.PadRight({{c.Number(8, 24)}}));
                    builder.AppendLine($" {order.Amount,10:F2} {order.State}");
                }

                builder.AppendFormat(CultureInfo.InvariantCulture, "Total: {0:N2}", _orders.Sum(o => o.Amount));
                return builder.ToString();
            }

        """;

    private static string GenericBest(FileContext c) => $$"""
            public static T Best{{c.NextMember()}}<T>(IEnumerable<T> items, Func<T, decimal> score)
                where T : class
            {
                T? best = null;
                var bestScore = decimal.MinValue;
                foreach (var item in items)
                {
                    var value = score(item);
                    if (value > bestScore)
                    {
                        best = item;
                        bestScore = value;
                    }
                }

                return best ?? throw new InvalidOperationException("No items.");
            }

        """;

    private static string QueueWalk(FileContext c) => $$"""
            public int Walk{{c.NextMember()}}(int start)
            {
                var seen = new HashSet<int>();
                var pending = new Queue<int>();
                pending.Enqueue(start);
                while (pending.Count > 0)
                {
                    var current = pending.Dequeue();
                    if (!seen.Add(current) || current > {{c.Number(100, 1000)}})
                    {
                        continue;
                    }

                    pending.Enqueue(current * 2);
                    pending.Enqueue(current + {{c.Number(1, 9)}});
                }

                return seen.Count;
            }

        """;

    private static string MemoizedLocalFunction(FileContext c) => $$"""
            public long Sequence{{c.NextMember()}}(int n)
            {
                var memo = new Dictionary<int, long>();
                return Next(n);

                long Next(int k)
                {
                    if (k < 2)
                    {
                        return k;
                    }

                    if (memo.TryGetValue(k, out var known))
                    {
                        return known;
                    }

                    var value = Next(k - 1) + Next(k - 2) % {{c.Number(7, 97)}};
                    memo[k] = value;
                    return value;
                }
            }

        """;

    private static string TupleStatistics(FileContext c) => $$"""
            public (int Count, decimal Sum, decimal Average) Statistics{{c.NextMember()}}()
            {
                var (count, sum) = _orders.Aggregate((Count: 0, Sum: 0m), (acc, o) => (acc.Count + 1, acc.Sum + o.Amount));
                var average = count == 0 ? 0m : Math.Round(sum / count, {{c.Number(1, 4)}});
                return (count, sum, average);
            }

        """;

    private static string StreamExport(FileContext c) => $$"""
            public byte[] Export{{c.NextMember()}}()
            {
                using var stream = new MemoryStream();
                using (var writer = new StreamWriter(stream, Encoding.UTF8, {{c.Pick(1024, 4096, 512)}}, leaveOpen: true))
                {
                    foreach (var order in _orders)
                    {
                        writer.Write(order.Id);
                        writer.Write(';');
                        writer.WriteLine(order.Name);
                    }
                }

                return stream.ToArray();
            }

        """;

    private static string LambdaFilters(FileContext c) => $$"""
            public List<{{c.Entity}}> Filter{{c.NextMember()}}(decimal threshold, bool descending)
            {
                Func<{{c.Entity}}, bool> isLarge = o => o.Amount >= threshold;
                Func<{{c.Entity}}, bool> isOpen = o => o.IsOpen;
                Comparison<{{c.Entity}}> order = descending
                    ? (a, b) => b.Amount.CompareTo(a.Amount)
                    : (a, b) => a.Amount.CompareTo(b.Amount);
                var result = _orders.Where(o => isLarge(o) && isOpen(o)).ToList();
                result.Sort(order);
                result.ForEach(o => _log.Add(o.Name));
                return result;
            }

        """;

    private static string ParallelAsync(FileContext c) => $$"""
            public async Task<int[]> Expand{{c.NextMember()}}(IReadOnlyCollection<int> ids)
            {
                var tasks = ids.Select(async id =>
                {
                    await Task.Yield();
                    return id * {{c.Number(2, 9)}} + (_byId.ContainsKey(id) ? 1 : 0);
                });
                var results = await Task.WhenAll(tasks);
                Array.Sort(results);
                return results;
            }

        """;

    private static string TypeSwitch(FileContext c) => $$"""
            public static int Weigh{{c.NextMember()}}(object? value)
            {
                switch (value)
                {
                    case int number when number > {{c.Number(0, 10)}}:
                        return number;
                    case string text:
                        return text.Length;
                    case IEnumerable<int> numbers:
                        return numbers.Sum();
                    case {{c.Entity}} order:
                        return order.Id;
                    case null:
                        return 0;
                    default:
                        return -1;
                }
            }

        """;

    private static string ArrayWork(FileContext c) => $$"""
            public int Checksum{{c.NextMember()}}()
            {
                var buffer = new int[{{c.Number(16, 256)}}];
                for (var i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = (i * i + {{c.Number(1, 50)}}) % 17;
                }

                Array.Sort(buffer);
                var middle = buffer.AsSpan(1, buffer.Length - 2);
                var sum = 0;
                foreach (var value in middle)
                {
                    sum = unchecked(sum * 31 + value);
                }

                return sum;
            }

        """;

    private static string NameSets(FileContext c) => $$"""
            public SortedDictionary<char, List<string>> Index{{c.NextMember()}}()
            {
                var unique = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var index = new SortedDictionary<char, List<string>>();
                foreach (var order in _orders)
                {
                    if (string.IsNullOrWhiteSpace(order.Name) || !unique.Add(order.Name))
                    {
                        continue;
                    }

                    var key = char.ToUpperInvariant(order.Name[0]);
                    if (!index.TryGetValue(key, out var names))
                    {
                        names = new List<string>();
                        index.Add(key, names);
                    }

                    names.Add(order.Name);
                }

                return index;
            }

        """;

    private static string NullableLookup(FileContext c) => $$"""
            public string? FindName{{c.NextMember()}}(int? id)
            {
                if (id is not { } key)
                {
                    return null;
                }

                var order = _byId.GetValueOrDefault(key);
                return order?.Name?.Trim() ?? _orders.FirstOrDefault(o => o.Id == key + {{c.Number(1, 5)}})?.Name;
            }

        """;

    private static string RaiseChanged(FileContext c) => $$"""
            public void Rename{{c.NextMember()}}(int id, string name)
            {
                ArgumentException.ThrowIfNullOrEmpty(name);
                if (_byId.TryGetValue(id, out var order))
                {
                    var renamed = order with { Name = name, Amount = order.Amount + {{c.Number(0, 9)}}m };
                    _byId[id] = renamed;
                    var position = _orders.FindIndex(o => o.Id == id);
                    if (position >= 0)
                    {
                        _orders[position] = renamed;
                    }

                    Changed?.Invoke(this, renamed);
                }
            }

        """;

    private static string DependencyCombination(FileContext c) => $$"""
            public async Task<int> Combined{{c.NextMember()}}(CancellationToken cancellationToken)
            {
                var fromDependency = await _dependency.CountAsync(cancellationToken);
                var matches = _dependency.Find({{c.Number(1, 100)}}m);
                return fromDependency + matches.Count(m => m.Name.Length > {{c.Number(2, 12)}});
            }

        """;

    private static string AsyncStream(FileContext c) => $$"""
            public async IAsyncEnumerable<{{c.Entity}}> Stream{{c.NextMember()}}([EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var order in _orders.ToArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                    if (order.Amount >= {{c.Number(0, 100)}}m)
                    {
                        yield return order;
                    }
                }
            }

        """;

    private static string Locking(FileContext c) => $$"""
            public int Add{{c.NextMember()}}({{c.Entity}} order)
            {
                lock (_gate)
                {
                    if (_byId.TryAdd(order.Id, order))
                    {
                        _orders.Add(order);
                    }
                }

                return Interlocked.Add(ref _counter, {{c.Number(1, 4)}});
            }

        """;

    private static string DictionaryDeconstruction(FileContext c) => $$"""
            public IEnumerable<string> Lines{{c.NextMember()}}()
            {
                var totals = new Dictionary<string, decimal>();
                foreach (var order in _orders)
                {
                    totals[order.Name] = totals.GetValueOrDefault(order.Name) + order.Amount;
                }

                foreach (var (name, total) in totals.OrderByDescending(p => p.Value).Take({{c.Number(3, 30)}}))
                {
                    yield return $"{name} = {total:C}";
                }
            }

        """;

    private static string TextParsing(FileContext c) => $$"""
            public static IReadOnlyList<(string Key, int Value)> Parse{{c.NextMember()}}(string text)
            {
                var result = new List<(string Key, int Value)>();
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (line.StartsWith('#'))
                    {
                        continue;
                    }

                    var parts = line.Split('{{c.Pick("=", ":", ",")}}', 2);
                    if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                    {
                        result.Add((parts[0].Trim().ToLowerInvariant(), value));
                    }
                }

                return result;
            }

        """;

    private static string DateBuckets(FileContext c) => $$"""
            public IDictionary<string, int> AgeBuckets{{c.NextMember()}}(DateTime now)
            {
                return _orders
                    .Select(o => now - o.CreatedAt)
                    .Select(age => age switch
                    {
                        { TotalDays: < 1 } => "today",
                        { TotalDays: < {{c.Number(5, 10)}} } => "this week",
                        { TotalDays: < 31 } => "this month",
                        _ => "older",
                    })
                    .GroupBy(bucket => bucket)
                    .ToDictionary(g => g.Key, g => g.Count());
            }

        """;

    private static string LinqChaining(FileContext c) => $$"""
            public decimal[] Windows{{c.NextMember()}}()
            {
                return _orders
                    .OrderBy(o => o.CreatedAt)
                    .Select(o => o.Amount)
                    .Chunk({{c.Number(2, 8)}})
                    .Select(chunk => chunk.Average())
                    .Zip(_orders.Select(o => (decimal)o.Id), (average, id) => average + id / {{c.Number(10, 1000)}}m)
                    .SelectMany(value => new[] { value, -value })
                    .Distinct()
                    .ToArray();
            }

        """;

    private static string RetryLoop(FileContext c) => $$"""
            public async Task<bool> TryCommit{{c.NextMember()}}(Func<CancellationToken, Task> commit, CancellationToken cancellationToken)
            {
                for (var attempt = 1; attempt <= {{c.Number(2, 6)}}; attempt++)
                {
                    try
                    {
                        await commit(cancellationToken);
                        return true;
                    }
                    catch (InvalidOperationException exception) when (attempt < 3)
                    {
                        _log.Add($"attempt {attempt} failed: {exception.Message}");
                        await Task.Delay(TimeSpan.FromMilliseconds(attempt * {{c.Number(10, 200)}}), cancellationToken);
                    }
                    finally
                    {
                        Interlocked.Increment(ref _counter);
                    }
                }

                return false;
            }

        """;

    private static string ReaderParsing(FileContext c) => $$"""
            public async Task<int> CountLines{{c.NextMember()}}(string path, CancellationToken cancellationToken)
            {
                await using var file = File.OpenRead(path);
                using var reader = new StreamReader(file);
                var count = 0;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length > {{c.Number(0, 80)}})
                    {
                        count++;
                    }
                }

                return count;
            }

        """;
}
