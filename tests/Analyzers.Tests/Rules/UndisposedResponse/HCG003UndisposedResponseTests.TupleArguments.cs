using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response put into a tuple built as an argument (<c>Log(level, (Route: route, Response: response), null, format)</c>):
/// a call that only reads the tuple (a logger's <c>Log</c>, or a method of the compilation generic in it that only reads it)
/// leaves the response the caller's to dispose; a call that keeps it, returns it or may dispose its elements takes it
/// (NetCord's rate-limit retry loop, which logs every response in a tuple before it drops it on <c>continue</c>).
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string TupleLoggingClient = """
        class RestClient
        {
            private readonly HttpClient _client = new HttpClient();
            private readonly Microsoft.Extensions.Logging.ILogger _logger;
            private object _last;

            public RestClient(Microsoft.Extensions.Logging.ILogger logger) { _logger = logger; }

            internal void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, TState state, Exception exception, Func<TState, Exception, string> formatter)
            {
                if (_logger.IsEnabled(level))
                {
                    _logger.Log(level, default(Microsoft.Extensions.Logging.EventId), state, exception, formatter);
                }
            }

            internal void Remember<T>(T value) { _last = value; }

            internal T Echo<T>(T value) { return value; }

            internal void Inspect((string Route, HttpResponseMessage Response) sent) { sent.Response.Dispose(); }

        """;

    [Fact]
    public Task TupleHandedToALoggingMethod_DroppedOnTheRetryPath_Diagnostic() => VerifyAsync(TupleLoggingClient + """
            public async Task<string> SendAsync(string route)
            {
                while (true)
                {
                    var response = {|HCG003:await _client.GetAsync(route)|};
                    Log(Microsoft.Extensions.Logging.LogLevel.Debug, (Route: route, Response: response), null, (s, e) => s.Route + " " + (int)s.Response.StatusCode);
                    if ((int)response.StatusCode == 429)
                    {
                        continue;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
            }

            public async Task<bool> PingAsync(string route)
            {
                var response = {|HCG003:await _client.GetAsync(route)|};
                _logger.Log(Microsoft.Extensions.Logging.LogLevel.Debug, default(Microsoft.Extensions.Logging.EventId), (route, response), null, (s, e) => s.route);
                return response.IsSuccessStatusCode;
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task TupleHandedToACallThatKeepsReturnsOrDisposesIt_NoDiagnostic() => VerifyAsync(TupleLoggingClient + """
            public async Task<bool> RememberAsync(string route)
            {
                var response = await _client.GetAsync(route);
                Remember((route, response));
                return response.IsSuccessStatusCode;
            }

            public async Task<bool> EchoAsync(string route)
            {
                var response = await _client.GetAsync(route);
                var echoed = Echo((route, response));
                return echoed.response.IsSuccessStatusCode;
            }

            public async Task<bool> InspectAsync(string route)
            {
                var response = await _client.GetAsync(route);
                var ok = response.IsSuccessStatusCode;
                Inspect((route, response));
                return ok;
            }

            public async Task<string> LoggedAndDisposedAsync(string route)
            {
                using (var response = await _client.GetAsync(route))
                {
                    Log(Microsoft.Extensions.Logging.LogLevel.Debug, (Route: route, Response: response), null, (s, e) => s.Route);
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """, new TestOptions { WithHttpClientFactory = true });

    [Fact]
    public Task TupleHandedToAGenericMethodConstrainedToReachItsElements_NoDiagnostic() => VerifyAsync("""
        class RestClient
        {
            private readonly HttpClient _client = new HttpClient();

            // ITuple lets the method reach the elements, and it disposes them: not a method that only reads its state.
            internal void Release<T>(T parts) where T : System.Runtime.CompilerServices.ITuple
            {
                for (var i = 0; i < parts.Length; i++)
                {
                    (parts[i] as IDisposable)?.Dispose();
                }
            }

            public async Task<bool> SendAsync(string route)
            {
                var response = await _client.GetAsync(route);
                var ok = response.IsSuccessStatusCode;
                Release((route, response));
                return ok;
            }
        }
        """, new TestOptions { Targets = Targets.Net80 });

    // A library's own logger of ILogger's shape (NetCord's IRestLogger): Log<TState> with a formatter of the state.
    private const string OwnLoggerClient = """
        public enum Level { Debug, Warning }

        public interface IRestLogger
        {
            void Log<TState>(Level level, TState state, Exception exception, Func<TState, Exception, string> formatter);
        }

        // Not a logger's shape: no formatter, so what an implementation does with the state is not known here.
        public interface IStateSink
        {
            void Log<TState>(Level level, TState state);
        }

        class RestClient
        {
            private readonly HttpClient _client = new HttpClient();
            private readonly IRestLogger _logger;
            private readonly IStateSink _sink;

            public RestClient(IRestLogger logger, IStateSink sink) { _logger = logger; _sink = sink; }

            internal void Log<TState>(Level level, TState state, Exception exception, Func<TState, Exception, string> formatter)
            {
                try
                {
                    _logger.Log(level, state, exception, formatter);
                }
                catch (InvalidOperationException)
                {
                }
            }

        """;

    [Fact]
    public Task TupleHandedToALibrarysOwnLoggerOfILoggersShape_DroppedOnTheRetryPath_Diagnostic() => VerifyAsync(OwnLoggerClient + """
            public async Task<string> SendAsync(string route)
            {
                while (true)
                {
                    var response = {|HCG003:await _client.GetAsync(route)|};
                    Log(Level.Debug, (Route: route, Response: response), null, (s, e) => s.Route);
                    if ((int)response.StatusCode == 429)
                    {
                        continue;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);

    [Fact]
    public Task TupleHandedToAStateSinkWithoutAFormatter_NoDiagnostic() => VerifyAsync(OwnLoggerClient + """
            public async Task<string> SendAsync(string route)
            {
                while (true)
                {
                    var response = await _client.GetAsync(route);
                    _sink.Log(Level.Debug, (Route: route, Response: response));
                    if ((int)response.StatusCode == 429)
                    {
                        continue;
                    }

                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """);
}
