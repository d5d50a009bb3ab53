using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A lambda handed to a periodic <c>System.Threading.Timer</c> in a constructor or an initializer runs on every period, not
/// once with the constructor: what it makes, and what the methods it calls make, is per tick. A timer with no period
/// (<c>Timeout.Infinite</c>, <c>0</c>, <c>Timeout.InfiniteTimeSpan</c>) fires once per object.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001PeriodicTimerTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;

        """ + source);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task MethodCalledOnEveryTick_Reported() => VerifyAsync("""
        public sealed class ViewerCounter : IDisposable
        {
            private readonly Timer _timer;

            public ViewerCounter()
            {
                _timer = new Timer(e => UpdateViewers(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1.5));
            }

            public int Viewers { get; private set; }

            public void Dispose() => _timer.Dispose();

            private async void UpdateViewers()
            {
                var client = {|HCG001:new HttpClient()|};
                Viewers = (await client.GetStringAsync("http://tmi.example/chatters")).Length;
            }
        }
        """);

    [Fact]
    public Task ClientMadeInTheCallback_Reported() => VerifyAsync("""
        public sealed class Heartbeat
        {
            private readonly Timer _timer = new Timer(_ =>
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    client.GetAsync("http://localhost/health").Wait();
                }
            }, null, 0, 30000);
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task TimerWithoutAPeriod_NoDiagnostic() => VerifyAsync("""
        public sealed class Warmup
        {
            private readonly Timer _once;
            private readonly Timer _later;
            private readonly Timer _never;
            private HttpClient _client;

            public Warmup()
            {
                _once = new Timer(_ => Connect(), null, 1000, Timeout.Infinite);
                _later = new Timer(_ => Connect(), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
                _never = new Timer(_ => Connect(), null, 1000, 0);
            }

            private void Connect()
            {
                var client = new HttpClient();
                client.GetStringAsync("http://localhost/").Wait();
            }
        }
        """);
}
