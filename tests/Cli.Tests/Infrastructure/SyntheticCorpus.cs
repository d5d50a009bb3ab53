using System;
using System.IO;
using System.Text;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>
/// Writes a deterministic folder of realistic, varied C# (models, services, controllers, LINQ and async
/// code spread over several SDK-style projects) in which a known share of files hold a leak marked
/// with <c>// expect:</c>. Used for the scan-speed test and the numbers in docs/performance.md.
/// </summary>
public static class SyntheticCorpus
{
    private const int ProjectCount = 4;

    private static readonly string[] s_folders = { "Models", "Services", "Api", "Infrastructure", "Domain/Orders", "Domain/Billing" };

    private static readonly string[] s_nouns = { "Order", "Invoice", "Customer", "Shipment", "Product", "Payment", "Warehouse", "Coupon", "Ledger", "Refund" };

    public static void Write(string root, int fileCount, int seed = 20261127)
    {
        var random = new Random(seed);
        for (var project = 0; project < ProjectCount; project++)
        {
            var directory = Path.Combine(root, $"Service{project}");
            Directory.CreateDirectory(directory);
            var sdk = project % 2 == 0 ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk";
            File.WriteAllText(Path.Combine(directory, $"Service{project}.csproj"), $"""
                <Project Sdk="{sdk}">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """);
        }

        for (var index = 0; index < fileCount; index++)
        {
            var project = index % ProjectCount;
            var folder = s_folders[random.Next(s_folders.Length)];
            var noun = s_nouns[random.Next(s_nouns.Length)];
            var ns = $"Corpus.Service{project}.{folder.Replace('/', '.')}";
            var roll = random.Next(100);
            var (name, body) = roll switch
            {
                < 30 => ($"{noun}Model{index}", Model(noun, index, random)),
                < 45 => ($"{noun}Queries{index}", Queries(noun, index, random)),
                < 57 => ($"{noun}Pipeline{index}", Pipeline(noun, index, random)),
                < 69 => ($"{noun}Repository{index}", Repository(noun, index, random)),
                < 79 => ($"{noun}Gateway{index}", SharedClientGateway(noun, index)),
                < 85 => ($"{noun}Api{index}", FactoryClientApi(noun, index, project)),
                < 94 => ($"{noun}Leaky{index}", PerCallClient(noun, index, random)),
                _ => ($"{noun}Handlers{index}", PerCallHandler(noun, index)),
            };
            var path = Path.Combine(root, $"Service{project}", folder, name + ".cs");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"namespace {ns};\n\n{body}");
        }
    }

    private static string Model(string noun, int index, Random random)
    {
        var text = new StringBuilder();
        text.AppendLine($"/// <summary>A {noun.ToLowerInvariant()} as stored and sent over the wire.</summary>");
        text.AppendLine($"public sealed record {noun}Model{index}(Guid Id, string Reference, DateTimeOffset CreatedAt)");
        text.AppendLine("{");
        var properties = 3 + random.Next(8);
        for (var p = 0; p < properties; p++)
        {
            var (type, value) = (p % 4) switch
            {
                0 => ("decimal", $"{random.Next(1000)}.{random.Next(100):00}m"),
                1 => ("string", $"\"{noun}-{p}\""),
                2 => ("int", random.Next(10_000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => ("IReadOnlyList<string>", "Array.Empty<string>()"),
            };
            text.AppendLine($"    public {type} Field{p} {{ get; init; }} = {value};");
            text.AppendLine();
        }

        text.AppendLine($"    public bool IsRecent(DateTimeOffset now) => now - CreatedAt < TimeSpan.FromDays({1 + random.Next(30)});");
        text.AppendLine();
        text.AppendLine("    public string Describe()");
        text.AppendLine("    {");
        text.AppendLine("        var builder = new System.Text.StringBuilder();");
        text.AppendLine("        builder.Append(Reference).Append(' ').Append(CreatedAt.ToString(\"O\", System.Globalization.CultureInfo.InvariantCulture));");
        text.AppendLine("        return builder.ToString();");
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Queries(string noun, int index, Random random) => $$"""
        public static class {{noun}}Queries{{index}}
        {
            public static IEnumerable<(string Key, decimal Total)> TotalsByKey(IEnumerable<(string Key, decimal Amount)> rows)
                => rows.GroupBy(row => row.Key)
                    .Select(group => (group.Key, group.Sum(row => row.Amount)))
                    .OrderByDescending(pair => pair.Item2)
                    .Take({{5 + random.Next(50)}});

            public static Dictionary<string, int> CountWords(string text)
            {
                var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    counts[word] = counts.TryGetValue(word, out var count) ? count + 1 : 1;
                }

                return counts;
            }

            public static int[] Window(int[] values, int size)
            {
                if (size <= 0 || size > values.Length)
                {
                    return Array.Empty<int>();
                }

                var result = new int[values.Length - size + 1];
                var sum = values.Take(size).Sum();
                result[0] = sum;
                for (var i = size; i < values.Length; i++)
                {
                    sum += values[i] - values[i - size];
                    result[i - size + 1] = sum;
                }

                return result;
            }
        }
        """;

    private static string Pipeline(string noun, int index, Random random) => $$"""
        using System.Threading.Channels;

        public sealed class {{noun}}Pipeline{{index}} : IAsyncDisposable
        {
            private readonly Channel<string> _channel = Channel.CreateBounded<string>({{16 + random.Next(512)}});
            private readonly CancellationTokenSource _stop = new();
            private Task? _worker;

            public void Start(Func<string, CancellationToken, Task> handle)
            {
                _worker = Task.Run(async () =>
                {
                    await foreach (var item in _channel.Reader.ReadAllAsync(_stop.Token))
                    {
                        try
                        {
                            await handle(item, _stop.Token);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Console.Error.WriteLine($"{{noun}} {item}: {ex.Message}");
                        }
                    }
                });
            }

            public ValueTask EnqueueAsync(string item, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(item, cancellationToken);

            public async ValueTask DisposeAsync()
            {
                _channel.Writer.TryComplete();
                await _stop.CancelAsync();
                if (_worker is not null)
                {
                    await Task.WhenAny(_worker, Task.Delay(TimeSpan.FromSeconds(5)));
                }

                _stop.Dispose();
            }
        }
        """;

    private static string Repository(string noun, int index, Random random) => $$"""
        using System.Collections.Concurrent;

        public interface I{{noun}}Store{{index}}
        {
            Task<string?> FindAsync(Guid id, CancellationToken cancellationToken);

            Task SaveAsync(Guid id, string value, CancellationToken cancellationToken);
        }

        public sealed class {{noun}}Repository{{index}} : I{{noun}}Store{{index}}
        {
            private readonly ConcurrentDictionary<Guid, string> _items = new();
            private readonly int _capacity = {{100 + random.Next(10_000)}};

            public Task<string?> FindAsync(Guid id, CancellationToken cancellationToken)
                => Task.FromResult(_items.TryGetValue(id, out var value) ? value : null);

            public Task SaveAsync(Guid id, string value, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_items.Count >= _capacity && !_items.ContainsKey(id))
                {
                    throw new InvalidOperationException("{{noun}} store is full");
                }

                _items[id] = value;
                return Task.CompletedTask;
            }
        }
        """;

    private static string SharedClientGateway(string noun, int index) => $$"""
        using System.Net.Http;

        /// <summary>Shares one client for the process: the recommended shape, never reported.</summary>
        public sealed class {{noun}}Gateway{{index}}
        {
            private static readonly HttpClient s_client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

            public async Task<string> GetAsync(Uri uri, CancellationToken cancellationToken)
            {
                using var response = await s_client.GetAsync(uri, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }
        """;

    private static string FactoryClientApi(string noun, int index, int project) => project % 2 == 0
        ? $$"""
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("{{noun.ToLowerInvariant()}}s")]
            public sealed class {{noun}}Api{{index}} : ControllerBase
            {
                private readonly IHttpClientFactory _clients;

                public {{noun}}Api{{index}}(IHttpClientFactory clients) => _clients = clients;

                [HttpGet("{id}")]
                public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
                {
                    var client = _clients.CreateClient("{{noun}}");
                    using var response = await client.GetAsync("items/" + Uri.EscapeDataString(id), cancellationToken);
                    return response.IsSuccessStatusCode ? Ok(await response.Content.ReadAsStringAsync(cancellationToken)) : NotFound();
                }
            }
            """
        : $$"""
            public sealed class {{noun}}Api{{index}}
            {
                private readonly HttpClient _client;

                public {{noun}}Api{{index}}(HttpClient client) => _client = client;

                public Task<string> GetAsync(string id, CancellationToken cancellationToken)
                    => _client.GetStringAsync("items/" + Uri.EscapeDataString(id), cancellationToken);
            }
            """;

    private static string PerCallClient(string noun, int index, Random random) => random.Next(3) switch
    {
        0 => $$"""
            public sealed class {{noun}}Leaky{{index}}
            {
                public async Task<string> FetchAsync(Uri uri)
                {
                    using var client = new HttpClient(); // expect: HCG001
                    return await client.GetStringAsync(uri);
                }
            }
            """,
        1 => $$"""
            public sealed class {{noun}}Leaky{{index}}
            {
                private readonly Uri _baseAddress;

                public {{noun}}Leaky{{index}}(Uri baseAddress) => _baseAddress = baseAddress;

                public async Task<int> CountAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
                {
                    var total = 0;
                    foreach (var path in paths)
                    {
                        using var client = new HttpClient { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(10) }; // expect: HCG001
                        var body = await client.GetStringAsync(path, cancellationToken);
                        total += body.Length;
                    }

                    return total;
                }
            }
            """,
        _ => $$"""
            public static class {{noun}}Leaky{{index}}
            {
                public static Task<HttpResponseMessage> PostAsync(Uri uri, string json)
                {
                    var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }); // expect: HCG001
                    return client.PostAsync(uri, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
                }
            }
            """,
    };

    private static string PerCallHandler(string noun, int index) => $$"""
        public static class {{noun}}Handlers{{index}}
        {
            public static HttpMessageHandler Create(bool useProxy)
            {
                return new SocketsHttpHandler { UseProxy = useProxy, ConnectTimeout = TimeSpan.FromSeconds(5) }; // expect: HCG002
            }

            public static bool Probe(bool useProxy)
            {
                using var handler = Create(useProxy);
                return handler is SocketsHttpHandler;
            }
        }
        """;
}
