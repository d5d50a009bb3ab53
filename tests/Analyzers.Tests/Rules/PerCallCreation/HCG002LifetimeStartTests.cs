using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// <c>Start</c> / <c>StartAsync</c> implementing a contract that also has <c>Stop</c> / <c>StopAsync</c> opens the object's
/// lifetime: what it makes is made once per instance (per start), and the instance's own lifetime decides. A start with no
/// stop in its contract is an ordinary method, per call.
/// </summary>
[Trait("Rule", "HCG002")]
public class HCG002LifetimeStartTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // {0}: the processor contract's members besides StartAsync; {1}: how the host gets its processors.
    private const string Source = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IApplicationProcessor
        {
            Task StartAsync(string application);
            {0}
        }

        public sealed class ProxyService : IApplicationProcessor
        {
            private readonly List<string> _routes = new List<string>();

            public Task StartAsync(string application)
            {
                var invoker = new HttpMessageInvoker({2});
                Serve(application, invoker);
                return Task.CompletedTask;
            }

            public Task StopAsync(string application) => Task.CompletedTask;

            private void Serve(string route, HttpMessageInvoker invoker) => _routes.Add(route);
        }

        public sealed class Host
        {
            {1}

            public async Task RunAsync(string application)
            {
                foreach (var processor in _processors)
                {
                    await processor.StartAsync(application);
                }
            }
        }
        """;

    private const string OneHost = "private readonly List<IApplicationProcessor> _processors = new List<IApplicationProcessor> { new ProxyService() };";

    [Fact]
    public Task StartWithStopInContract_ProcessorMadeOncePerHost_NoDiagnostic() =>
        VerifyAsync(Source.Replace("{0}", "Task StopAsync(string application);").Replace("{1}", OneHost).Replace("{2}", "new HttpClientHandler()"), TestOptions.LatestOnly);

    [Fact]
    public Task StartWithoutStopInContract_PerCall_Reported() =>
        VerifyAsync(Source.Replace("{0}", string.Empty).Replace("{1}", OneHost).Replace("{2}", "{|HCG002:new HttpClientHandler()|}"), TestOptions.LatestOnly);

    [Fact]
    public Task StartWithStopInContract_ProcessorMadePerRequest_Reported() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public interface IProbe
        {
            void Start();
            void Stop();
        }

        public sealed class Probe : IProbe
        {
            private HttpClientHandler _handler;

            public void Start() => _handler = {|HCG002:new HttpClientHandler()|};

            public void Stop() => _handler.Dispose();
        }

        public sealed class Endpoint
        {
            public void Handle()
            {
                var probe = new Probe();
                probe.Start();
                probe.Stop();
            }
        }
        """);

    // Torch's TorchService: a Windows service's OnStart runs once per start of the service, until OnStop, and what it makes
    // is made once per instance. Another framework's OnStart (an Android activity's) runs each time a view shows: per call.
    private const string ServiceBase = """
        namespace System.ServiceProcess
        {
            public class ServiceBase
            {
                protected virtual void OnStart(string[] args) { }
                protected virtual void OnStop() { }
                public void Stop() { }
            }
        }

        namespace Android
        {
            public class Activity
            {
                protected virtual void OnStart() { }
                protected virtual void OnStop() { }
            }
        }
        """;

    [Fact]
    public Task WindowsServiceOnStart_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class UpdateService : System.ServiceProcess.ServiceBase
        {
            public string Feed;

            protected override void OnStart(string[] args)
            {
                var invoker = new HttpMessageInvoker(new HttpClientHandler());
                Feed = invoker.ToString();
            }
        }

        public static class Program
        {
            public static void Main() => System.Console.WriteLine(new UpdateService());
        }
        """, new TestOptions { LibrarySource = ServiceBase });

    [Fact]
    public Task ActivityOnStart_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        public sealed class FeedActivity : Android.Activity
        {
            public string Feed;

            protected override void OnStart()
            {
                var invoker = new HttpMessageInvoker({|HCG002:new HttpClientHandler()|});
                Feed = invoker.ToString();
            }
        }
        """, new TestOptions { LibrarySource = ServiceBase });
}
