using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A hosted service's <c>ExecuteAsync</c> (an override of <c>Microsoft.Extensions.Hosting.BackgroundService</c>'s) runs once
/// per start of the service, which its <c>StartAsync</c> calls: what it makes outside a loop is made once per instance, as
/// in a constructor, also where the hosting package is missing and only the written base type says so. A client made in
/// the service's loop, or in an <c>ExecuteAsync</c> of another base type, is per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001BackgroundServiceTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private const string Hosting = """
        namespace Microsoft.Extensions.Hosting
        {
            public abstract class BackgroundService
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }

        namespace Jobs
        {
            public abstract class ScheduledJob
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }

        namespace Game.Workers
        {
            public abstract class BackgroundService
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }
        """;

    // A daily import worker. {0}: the base type; {1}: ExecuteAsync's body.
    private const string Worker = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;
        using Jobs;

        public class Worker : {0}
        {
            private readonly Uri _server = new Uri("https://import.example.com/");

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                {1}
            }
        }
        """;

    private const string OnceOutsideALoop = """
        using (var client = {|HCG001:new HttpClient()|})
                {
                    client.BaseAddress = _server;
                    var response = await client.GetAsync("api/import", stoppingToken);
                    response.Dispose();
                }
        """;

    private const string InTheServiceLoop = """
        while (!stoppingToken.IsCancellationRequested)
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        (await client.GetAsync(new Uri(_server, "api/import"), stoppingToken)).Dispose();
                    }

                    await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
                }
        """;

    private static string Quiet(string body) => body.Replace("{|HCG001:", "").Replace("|}", "");

    [Fact]
    public Task BackgroundServiceExecuteAsync_NoDiagnostic() => VerifyAsync(
        Worker.Replace("{0}", "BackgroundService").Replace("{1}", Quiet(OnceOutsideALoop)),
        new TestOptions { LibrarySource = Hosting });

    [Fact]
    public Task QualifiedBackgroundServiceBase_NoDiagnostic() => VerifyAsync(
        Worker.Replace("{0}", "Microsoft.Extensions.Hosting.BackgroundService").Replace("{1}", Quiet(OnceOutsideALoop)),
        new TestOptions { LibrarySource = Hosting });

    // Folder mode without the hosting package: BackgroundService does not bind, the written base type says what it is.
    [Fact]
    public Task UnboundBackgroundServiceExecuteAsync_NoDiagnostic() => VerifyAsync(
        Worker.Replace("using Microsoft.Extensions.Hosting;\n", "").Replace("using Jobs;\n", "")
            .Replace("{0}", "BackgroundService").Replace("{1}", Quiet(OnceOutsideALoop)),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task BackgroundServiceClientInItsLoop_Diagnostic() => VerifyAsync(
        Worker.Replace("{0}", "BackgroundService").Replace("{1}", InTheServiceLoop),
        new TestOptions { LibrarySource = Hosting });

    [Fact]
    public Task ExecuteAsyncOfAnotherBase_Diagnostic() => VerifyAsync(
        Worker.Replace("{0}", "ScheduledJob").Replace("{1}", OnceOutsideALoop),
        new TestOptions { LibrarySource = Hosting });

    [Fact]
    public Task UnboundExecuteAsyncOfAnotherBase_Diagnostic() => VerifyAsync(
        Worker.Replace("using Microsoft.Extensions.Hosting;\n", "").Replace("using Jobs;\n", "")
            .Replace("{0}", "ScheduledJob").Replace("{1}", OnceOutsideALoop),
        new TestOptions { IgnoreCompilerDiagnostics = true });

    // A base of the same name the compilation declares in another namespace binds, and is not the hosting package's.
    [Fact]
    public Task ExecuteAsyncOfABoundBackgroundServiceOfAnotherNamespace_Diagnostic() => VerifyAsync(
        Worker.Replace("using Microsoft.Extensions.Hosting;\n", "").Replace("using Jobs;\n", "using Game.Workers;\n")
            .Replace("{0}", "BackgroundService").Replace("{1}", OnceOutsideALoop),
        new TestOptions { LibrarySource = Hosting });
}
