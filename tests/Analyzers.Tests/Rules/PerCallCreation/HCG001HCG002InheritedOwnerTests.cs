using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A client a base class creates per instance (a field initializer, a lazy member such as
/// <c>_client ??= new HttpClient()</c>) belongs to each instance of every derived type: it is per call
/// when a derived type is created per call, and the message names where.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002InheritedOwnerTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    [Fact]
    public Task BaseFieldInitializer_DerivedCreatedPerCall_ReportedWithTheSite() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;

        public abstract class ServiceClientBase
        {
            protected readonly HttpClient Client = {|#0:new HttpClient()|};
        }

        public class CrashReportClient : ServiceClientBase
        {
            public string Upload(string url) => Client.GetStringAsync(url).Result;
        }

        public class CrashHandler
        {
            public void OnCrash(string url)
            {
                new CrashReportClient().Upload(url);
            }
        }
        """, "'HttpClient' is created per instance of 'ServiceClientBase', which is a base of 'CrashReportClient', which is created each time 'CrashHandler.OnCrash' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task BaseLazyProperty_DerivedCreatedInLoop_Reported() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public abstract class ApiBase
        {
            HttpClient _client;

            protected HttpClient Client => _client ??= {|HCG001:new HttpClient()|};
        }

        public class StatusApi : ApiBase
        {
            public string Status(string url) => Client.GetStringAsync(url).Result;
        }

        public class Monitor
        {
            public void Poll(IEnumerable<string> urls)
            {
                foreach (var url in urls)
                {
                    new StatusApi().Status(url);
                }
            }
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task BaseLazyProperty_DerivedHeldStatically_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public abstract class ApiBase
        {
            HttpClient _client;

            protected HttpClient Client => _client ?? (_client = new HttpClient());
        }

        public class StatusApi : ApiBase
        {
            public string Status(string url) => Client.GetStringAsync(url).Result;
        }

        public static class Apis
        {
            public static readonly StatusApi Status = new StatusApi();
        }
        """);

    [Fact]
    public Task BaseFieldInitializer_DerivedNeverCreatedHere_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public abstract class ServiceClientBase
        {
            protected readonly HttpClient Client = new HttpClient();
        }

        public class CrashReportClient : ServiceClientBase
        {
            public string Upload(string url) => Client.GetStringAsync(url).Result;
        }
        """);

    [Fact]
    public Task BaseHandler_TwoDerivedOneSingletonOneConstructorTime_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public abstract class ServiceClientBase
        {
            protected readonly HttpMessageInvoker Invoker = new HttpMessageInvoker(new HttpClientHandler());
        }

        public class A : ServiceClientBase { }

        public class B : ServiceClientBase { }

        public class Host
        {
            static readonly A s_a = new A();
            readonly B _b = new B();
        }
        """);

    private const string ProxyWithVirtualHandler = """
        using System;
        using System.Net;
        using System.Net.Http;

        public class DataPortalProxy
        {
            private static readonly HttpClientHandler SharedHandler = new HttpClientHandler();
            private HttpClient _client;

            protected virtual HttpClientHandler GetHandler() => null;

            protected HttpClient Client => _client ??= new HttpClient(GetHandler() ?? SharedHandler, disposeHandler: false);

            public string Fetch(string url) => Client.GetStringAsync(url).Result;
        }

        public class CompressionProxy : DataPortalProxy
        {
            protected override HttpClientHandler GetHandler()
            {
                var handler = {|#0:new HttpClientHandler()|};
                handler.AutomaticDecompression = DecompressionMethods.GZip;
                return handler;
            }
        }

        """;

    [Fact]
    public Task OverrideCalledByTheBaseOncePerInstance_DerivedNeverCreatedHere_BaseCreatedPerCall_NoDiagnostic() => VerifyAsync(
        ProxyWithVirtualHandler.Replace("{|#0:new HttpClientHandler()|}", "new HttpClientHandler()", System.StringComparison.Ordinal)
                               + """
        public static class Portal
        {
            public static string Fetch(string url) => new DataPortalProxy().Fetch(url);
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task OverrideCalledByTheBaseOncePerInstance_DerivedCreatedPerCall_ReportedWithTheDerivedType() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG002",
        ProxyWithVirtualHandler + """
        public static class Portal
        {
            public static string Fetch(string url) => new CompressionProxy().Fetch(url);
        }
        """,
        TestOptions.LatestOnly,
        "'HttpClientHandler' is created per instance of 'CompressionProxy', which is created each time 'Portal.Fetch' runs (returned by 'GetHandler'): each handler owns a connection pool and leaves sockets in TIME_WAIT; share one handler, use HttpClientPool.CreateClient(options), or IHttpClientFactory");

    // {0}: the test-only constructor's client; {1}: the derived command's members besides its public constructor.
    private const string CommandBase = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Project { }

        public class CommandBase
        {
            private readonly HttpClient _client;

            public CommandBase(string console, string path, HttpClient client)
                : this(console, new Project(), client) { }

            // Only tests use it.
            internal CommandBase(string console, Project project)
                : this(console, project, {0}) { }

            internal CommandBase(string console, Project project, HttpClient client)
            {
                _client = client;
            }
        }

        public class AddFileCommand : CommandBase
        {
            public AddFileCommand(string console, string path, HttpClient client)
                : base(console, path, client) { }

            {1}
        }
        """;

    [Fact]
    public Task BaseConstructorMakingTheClient_NoDerivedConstructorReachesIt_NoDiagnostic() => VerifyAsync(CommandBase.Replace("{0}", "new HttpClient()").Replace("{1}", """
            public static void Create(HttpClient client, Action<Func<Task>> setAction)
            {
                setAction(async () =>
                {
                    var command = new AddFileCommand("console", "path", client);
                    await Task.Yield();
                });
            }
        """));

    [Fact]
    public Task BaseConstructorMakingTheClient_ADerivedConstructorReachesIt_ReportedWithTheSite() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG001",
        CommandBase.Replace("{0}", "{|#0:new HttpClient()|}").Replace("{1}", """
            public AddFileCommand(string console)
                : this(console, new Project()) { }

            private AddFileCommand(string console, Project project)
                : base(console, project) { }

            public static void Create(Action<Func<Task>> setAction)
            {
                setAction(async () =>
                {
                    var command = new AddFileCommand("console");
                    await Task.Yield();
                });
            }
        """),
        TestOptions.Default,
        "'HttpClient' is created per instance of 'CommandBase', which is a base of 'AddFileCommand', which is created each time a lambda in 'AddFileCommand.Create' runs: each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task BaseParameterlessConstructorMakingTheClient_DerivedImplicitBase_Reported() => VerifyAsync("""
        using System.Net.Http;

        public class ClientBase
        {
            private readonly HttpClient _client;

            public ClientBase() : this({|HCG001:new HttpClient()|}) { }

            public ClientBase(HttpClient client) { _client = client; }
        }

        public class StatusClient : ClientBase
        {
        }

        public class Poller
        {
            public void Poll()
            {
                var status = new StatusClient();
            }
        }
        """);

    [Fact]
    public Task BaseParameterlessConstructorMakingTheClient_DerivedPassesItsOwn_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public class ClientBase
        {
            private readonly HttpClient _client;

            public ClientBase() : this(new HttpClient()) { }

            public ClientBase(HttpClient client) { _client = client; }
        }

        public class StatusClient : ClientBase
        {
            public StatusClient(HttpClient shared) : base(shared) { }
        }

        public class Poller
        {
            private static readonly HttpClient Shared = new HttpClient();

            public void Poll()
            {
                var status = new StatusClient(Shared);
            }
        }
        """);
}
