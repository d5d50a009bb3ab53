using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A method that makes a client on every run is as frequent as its calls: when only this compilation can call it
/// (private or internal, or any method of a program) and every call runs once (from <c>Main</c>, a static constructor,
/// or a method that itself runs once), so does the creation. A call in a loop or a lambda, a method group handed on, a
/// recursive call, no call at all (a framework runs it) or a public method of a library keep it per call. Each quiet
/// case has its firing twin beside it.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HCG002MethodCallersTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static readonly TestOptions Program = new() { IsExecutable = true };

    // {0}: Main's body; {1}, {2}: the markup around the client MeasureFirstRequest makes (over its own handler: HCG001 there).
    private const string JobProgram = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Program
        {
            static async Task<int> Main(string[] args)
            {
                {0}
                return 0;
            }
        }

        public static class WrkProcess
        {
            public static async Task MeasureFirstRequest(string[] args)
            {
                var handler = new HttpClientHandler();
                handler.UseCookies = false;
                using (var client = {1}new HttpClient(handler){2})
                {
                    Console.WriteLine(await client.GetStringAsync(args[0]));
                }
            }
        }
        """;

    private static string Job(string main, bool reported) => JobProgram
        .Replace("{0}", main)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task PublicMethodOfAProgramCalledOnceFromMain_NoDiagnostic() =>
        VerifyAsync(Job("await WrkProcess.MeasureFirstRequest(args);", reported: false), Program);

    [Fact]
    public Task PublicMethodOfAProgramCalledInALoopOfMain_Diagnostic() =>
        VerifyAsync(Job("for (var i = 0; i < 10; i++) { await WrkProcess.MeasureFirstRequest(args); }", reported: true), Program);

    [Fact]
    public Task CalledOnceFromMainAndFromALambdaInALocalMainInvokesOnce_NoDiagnostic() =>
        // As the method group below: the lambda runs where Main invokes its local, once; twice in all, both at start.
        VerifyAsync(Job("""
            await WrkProcess.MeasureFirstRequest(args);
                    Func<Task> again = () => WrkProcess.MeasureFirstRequest(args);
                    await again();
            """, reported: false), Program);

    [Fact]
    public Task CalledOnceFromMainAndFromALambdaInALocalInvokedInALoop_Diagnostic() =>
        VerifyAsync(Job("""
            await WrkProcess.MeasureFirstRequest(args);
                    Func<Task> again = () => WrkProcess.MeasureFirstRequest(args);
                    foreach (var arg in args)
                    {
                        await again();
                    }
            """, reported: true), Program);

    [Fact]
    public Task CalledOnceFromMainAndHandedOnAsAMethodGroup_Diagnostic() =>
        // The local's delegate runs in a lambda, once per argument.
        VerifyAsync(Job("""
            await WrkProcess.MeasureFirstRequest(args);
                    Func<string[], Task> measure = WrkProcess.MeasureFirstRequest;
                    await Task.WhenAll(Array.ConvertAll(args, arg => measure(new[] { arg })));
            """, reported: true), Program);

    [Fact]
    public Task CalledOnceFromMainAndOnceThroughALocalMainInvokes_NoDiagnostic() =>
        // A method group in a local that Main invokes once runs as Main does: twice in all, both at start.
        VerifyAsync(Job("""
            await WrkProcess.MeasureFirstRequest(args);
                    Func<string[], Task> measure = WrkProcess.MeasureFirstRequest;
                    await measure(args);
            """, reported: false), Program);

    [Fact]
    public Task PublicMethodOfALibraryCalledOnceFromMain_Diagnostic() =>
        // In a library the public method is the library's API: its users may call it per request.
        VerifyAsync(Job("await WrkProcess.MeasureFirstRequest(args);", reported: true));

    [Fact]
    public Task NeverCalledHere_Diagnostic() =>
        // Nothing in the compilation calls it: whatever runs it (a framework, reflection) may run it per request.
        VerifyAsync(Job("await Task.Yield();", reported: true), Program);

    // A chain: Main calls RunAsync once, RunAsync calls the private ProcessScriptFile once ({0}).
    private const string Chain = """
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Program
        {
            static Task<int> Main(string[] args) => Runner.RunAsync(args);
        }

        public static class Runner
        {
            public static async Task<int> RunAsync(string[] args)
            {
                {0}
                return 0;
            }

            static async Task ProcessScriptFile(string[] args)
            {
                using (var client = {1})
                {
                    foreach (var script in args)
                    {
                        await client.GetStringAsync(script);
                    }
                }
            }
        }
        """;

    [Fact]
    public Task PrivateMethodCalledOnceByAMethodMainCallsOnce_NoDiagnostic() =>
        VerifyAsync(Chain.Replace("{0}", "await ProcessScriptFile(args);").Replace("{1}", "new HttpClient()"), Program);

    [Fact]
    public Task PrivateMethodCalledPerScriptByAMethodMainCallsOnce_Diagnostic() =>
        VerifyAsync(Chain.Replace("{0}", "foreach (var script in args) { await ProcessScriptFile(new[] { script }); }").Replace("{1}", "{|HCG001:new HttpClient()|}"), Program);

    // An internal helper of a library and who calls it ({0}).
    private const string Library = """
        using System.Net.Http;

        public sealed class Settings
        {
            {0}

            public string Value { get; private set; }

            internal static string Download(string url)
            {
                using (var client = {1})
                {
                    return client.GetStringAsync(url).Result;
                }
            }
        }
        """;

    [Fact]
    public Task InternalMethodCalledOnlyFromAStaticInitializer_NoDiagnostic() =>
        VerifyAsync(Library.Replace("{0}", "public static readonly string Defaults = Download(\"http://localhost/defaults\");").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task InternalMethodWhoseResultAMethodStoresInAField_Diagnostic() =>
        // Storing what a call returns does not make the call run less often: Refresh runs Download each time.
        VerifyAsync(Library.Replace("{0}", "public void Refresh(string url) => Value = Download(url);").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task PrivateMethodWhoseResultAMethodStoresInAField_Diagnostic() =>
        // The same with a private helper: only its own type calls it, and Refresh still runs it each time.
        VerifyAsync(Library.Replace("internal static string Download", "private static string Download")
            .Replace("{0}", "public void Refresh(string url) => Value = Download(url);").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task PrivateMethodWhoseResultAStaticFieldInitializerStores_NoDiagnostic() =>
        VerifyAsync(Library.Replace("internal static string Download", "private static string Download")
            .Replace("{0}", "public static readonly string Defaults = Download(\"http://localhost/defaults\");").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task PrivateMethodReturnedByAPrivateMethodAConstructorCalls_NoDiagnostic() =>
        // Load returns what Download returns: each runs once per Settings, as the constructor does.
        VerifyAsync(Library.Replace("internal static string Download", "private static string Download")
            .Replace("{0}", "public Settings() => Value = Load(); private static string Load() => Download(\"http://localhost/settings\");").Replace("{1}", "new HttpClient()"));

    [Fact]
    public Task PrivateMethodReturnedByAPrivateMethodAPublicMethodCalls_Diagnostic() =>
        // The same Load called from Refresh: where Refresh keeps the string does not make Download run less often.
        VerifyAsync(Library.Replace("internal static string Download", "private static string Download")
            .Replace("{0}", "public void Refresh() => Value = Load(); private static string Load() => Download(\"http://localhost/settings\");").Replace("{1}", "{|HCG001:new HttpClient()|}"));

    // {0}: who runs Check; {1}: the markup around the client CreateClient returns to Latest, which disposes it.
    private const string UpdateChecker = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class UpdateChecker
        {
            {0}

            public string Version { get; private set; }

            private async Task Check()
            {
                var latest = await Latest();
                if (latest == Version)
                {
                    return;
                }

                Version = latest;
            }

            private static async Task<string> Latest()
            {
                using (var client = CreateClient())
                {
                    return await client.GetStringAsync("http://localhost/releases");
                }
            }

            private static HttpClient CreateClient() => {1};
        }
        """;

    [Fact]
    public Task FactoryWhoseClientAPrivateMethodDisposesAndWhoseResultAPollStores_Diagnostic() =>
        // Check keeps the version string Latest read, not the client: Latest runs, and makes a client, on every poll.
        VerifyAsync(UpdateChecker.Replace("{0}", "public async Task Poll() { while (true) { await Check(); await Task.Delay(1000); } }")
            .Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task FactoryWhoseClientAPrivateMethodDisposesRunOnlyFromTheConstructor_NoDiagnostic() =>
        // The same chain run only by the constructor: once per UpdateChecker.
        VerifyAsync(UpdateChecker.Replace("{0}", "public UpdateChecker() { Check().Wait(); }").Replace("{1}", "new HttpClient()"));

    // {0}: what Start does with the processors CreateProcessors builds; {1}, {2}: the markup around ProxyService's client.
    private const string Processors = """
        using System.Collections.Generic;
        using System.Net.Http;

        public interface IProcessor
        {
            void Run();
        }

        public sealed class ProxyService : IProcessor
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public void Run() => _client.GetStringAsync("http://localhost/health").Wait();
        }

        public sealed class Aggregate
        {
            private readonly List<IProcessor> _processors;

            public Aggregate(List<IProcessor> processors) => _processors = processors;

            public void Run() => _processors.ForEach(p => p.Run());
        }

        public sealed class Host
        {
            private Aggregate _processor;

            public void Start()
            {
                {0}
            }

            private static Aggregate CreateProcessors()
            {
                var processors = new List<IProcessor> { new ProxyService() };
                return new Aggregate(processors);
            }
        }
        """;

    [Fact]
    public Task OwnerMadeInAPrivateMethodThatHandsItOnInsideWhatItReturns_NoDiagnostic() =>
        // The ProxyService leaves CreateProcessors inside the aggregate, which Start keeps: once per Host, not per Start.
        VerifyAsync(Processors.Replace("{0}", "_processor = CreateProcessors();").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task OwnerMadeInAPrivateMethodWhoseResultACallUsesAndDrops_Diagnostic() =>
        VerifyAsync(Processors.Replace("{0}", "CreateProcessors().Run();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    [Fact]
    public Task InternalMethodCalledFromAStaticInitializerAndAPublicMethod_Diagnostic() =>
        VerifyAsync(Library.Replace("{0}", """
            public static readonly string Defaults = Download("http://localhost/defaults");

                public static string Fetch(string url) => Download(url);
            """).Replace("{1}", "{|HCG001:new HttpClient()|}"));

    [Fact]
    public Task RecursiveMethodCalledOnceFromMain_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Program
        {
            static void Main(string[] args)
            {
                Download(args[0], 3);
            }

            static void Download(string url, int attempts)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    if (!client.GetAsync(url).Result.IsSuccessStatusCode && attempts > 1)
                    {
                        Download(url, attempts - 1);
                    }
                }
            }
        }
        """, Program);

    [Fact]
    public Task MethodCalledOnceFromMainMakesAHandlerAndItsClient_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Program
        {
            static void Main(string[] args) => Tool.Download(args[0]);
        }

        static class Tool
        {
            internal static void Download(string url)
            {
                var handler = new HttpClientHandler { UseCookies = false };
                var client = new HttpClient(handler);
                client.GetStringAsync(url).Wait();
            }
        }
        """, Program);

    [Fact]
    public Task MethodCalledOnceFromMainMakesAClientPerUrl_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Program
        {
            static void Main(string[] args) => Tool.Download(args);
        }

        static class Tool
        {
            internal static void Download(string[] urls)
            {
                foreach (var url in urls)
                {
                    var client = {|HCG001:new HttpClient()|};
                    client.GetStringAsync(url).Wait();
                }
            }
        }
        """, Program);

    [Fact]
    public Task MethodCalledOnceFromTopLevelStatements_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        Tool.Download(args[0]);

        static class Tool
        {
            public static void Download(string url)
            {
                using var client = new HttpClient();
                client.GetStringAsync(url).Wait();
            }
        }
        """, TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task MethodCalledInALoopOfTopLevelStatements_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        foreach (var url in args)
        {
            Tool.Download(url);
        }

        static class Tool
        {
            public static void Download(string url)
            {
                using var client = {|HCG001:new HttpClient()|};
                client.GetStringAsync(url).Wait();
            }
        }
        """, TestOptions.LatestOnly with { IsExecutable = true });

    // MihuBot's Program.cs: the top-level statements call a static local function once, which makes the bot's one client and
    // hands it to a registration that does not bind here; the value stays in the local function, which runs once.
    private const string ConfigureLocalFunction = """
        using System.Collections.Generic;
        using System.Net.Http;

        var services = new List<object>();
        {0}

        static void ConfigureServices(List<object> services)
        {
            var httpClient = {1}new HttpClient(new HttpClientHandler { UseCookies = false }){2};
            Register(services, httpClient);
        }

        static void Register(List<object> services, object instance) => System.Console.WriteLine(instance);
        """;

    [Fact]
    public Task ValueKeptByALocalFunctionOfTopLevelStatementsCalledOnce_NoDiagnostic() =>
        VerifyAsync(ConfigureLocalFunction.Replace("{0}", "ConfigureServices(services);").Replace("{1}", "").Replace("{2}", ""),
            TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task ValueKeptByALocalFunctionOfTopLevelStatementsCalledInALoop_Diagnostic() =>
        VerifyAsync(ConfigureLocalFunction.Replace("{0}", "foreach (var name in args) { ConfigureServices(services); }")
            .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), TestOptions.LatestOnly with { IsExecutable = true });

    // Deceive's StartupHandler: System.CommandLine.DragonFruit turns 'Main(LaunchGame args = ..., string patchline = "live")'
    // into the entry point, so Main runs once and so does the private method it calls. The same body in a method not named
    // Main runs per call.
    private const string TypedOptionsMain = """
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class StartupHandler
        {
            public static async Task {0}(string game = "auto", string patchline = "live", int retries = 3)
            {
                await CheckForUpdatesAsync(patchline);
            }

            private static async Task CheckForUpdatesAsync(string patchline)
            {
                var http = {1}new HttpClient(){2};
                await http.GetStringAsync("https://example.org/releases/" + patchline);
            }
        }
        """;

    [Fact]
    public Task PrivateMethodCalledOnceFromAMainWithTypedOptions_NoDiagnostic() =>
        VerifyAsync(TypedOptionsMain.Replace("{0}", "Main").Replace("{1}", "").Replace("{2}", ""));

    [Fact]
    public Task PrivateMethodCalledFromAnOrdinaryMethodWithOptions_Diagnostic() =>
        VerifyAsync(TypedOptionsMain.Replace("{0}", "Launch").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"));

    // A command-line tool's dispatcher: the top-level statements call a local function once, which runs the one command
    // asked for from a switch expression; the command's install step downloads with a client of its own.
    private const string CommandDispatcher = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        return await Run(args);

        static async Task<int> Run(string[] args)
        {
            var exitCode = args[0] switch
            {
                "browser" => await BrowserCommand.RunAsync(args),
                _ => 2,
            };

            return exitCode;
        }

        static class BrowserCommand
        {
            public static async Task<int> RunAsync(string[] args) => args[1] switch
            {
                "install" => await InstallAsync(args),
                _ => 2,
            };

            private static async Task<int> InstallAsync(string[] args)
            {
                using var http = {1}new HttpClient{2} { Timeout = TimeSpan.FromMinutes(15) };
                var bytes = await http.GetByteArrayAsync(args[2]);
                return bytes.Length;
            }
        }
        """;

    [Fact]
    public Task CommandRunOnceByALocalFunctionOfTopLevelStatements_NoDiagnostic() =>
        VerifyAsync(CommandDispatcher.Replace("{1}", "").Replace("{2}", ""), TestOptions.LatestOnly with { IsExecutable = true });

    [Fact]
    public Task CommandRunByALocalFunctionCalledInALoop_Diagnostic() =>
        VerifyAsync(CommandDispatcher.Replace("return await Run(args);", "foreach (var line in args) { await Run(line.Split(' ')); }\nreturn 0;")
            .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), TestOptions.LatestOnly with { IsExecutable = true });

    // A command-line program whose options classes override one abstract Execute: the parser's MapResult runs the lambda of
    // the one that parsed, which calls 'parsed.Execute()' on the base class; each override runs once, and so does the command
    // it starts. {0}: how Main runs the handler; {1}, {2}: the markup around the client.
    private const string OptionsProgram = """
        using System;
        using System.Net.Http;
        using CommandLine;

        internal static class Program
        {
            private static int Main(string[] args)
            {
                {0}
            }

            private static int HandleParsed(BaseOptions parsed)
            {
                if (!parsed.Validate())
                {
                    return 1;
                }

                return parsed.Execute();
            }
        }

        public abstract class BaseOptions
        {
            public virtual bool Validate() => true;

            public abstract int Execute();
        }

        public class ImportOptions : BaseOptions
        {
            public override int Execute() => ImportCommand.Run(this);
        }

        public class ListOptions : BaseOptions
        {
            public override int Execute() => 0;
        }

        public static class ImportCommand
        {
            public static int Run(ImportOptions options)
            {
                using var http = {1}new HttpClient(){2};
                return http.GetStringAsync("http://localhost/games").Result.Length;
            }
        }
        """;

    private static readonly TestOptions FolderModeProgram = TestOptions.LatestOnly with { IsExecutable = true, IgnoreCompilerDiagnostics = true };

    [Fact]
    public Task CommandStartedByAnOverrideThatMapResultRunsOnce_NoDiagnostic() =>
        VerifyAsync(OptionsProgram
            .Replace("{0}", "return Parser.Default.ParseArguments<ImportOptions, ListOptions>(args).MapResult((ImportOptions o) => HandleParsed(o), (ListOptions o) => HandleParsed(o), _ => 1);")
            .Replace("{1}", "").Replace("{2}", ""), FolderModeProgram);

    [Fact]
    public Task CommandStartedByAnOverrideCalledInALoop_Diagnostic() =>
        VerifyAsync(OptionsProgram
            .Replace("{0}", "var code = 0;\nforeach (var line in args) { code = HandleParsed(new ImportOptions()); }\nreturn code;")
            .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), FolderModeProgram);

    [Fact]
    public Task CommandStartedByAnOverrideOfALibrarysPublicBase_Diagnostic() =>
        VerifyAsync(OptionsProgram
            .Replace("using CommandLine;\n", "").Replace("{0}", "return HandleParsed(new ImportOptions());")
            .Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), TestOptions.LatestOnly);

    [Fact]
    public Task CommandStartedByAnOverrideCalledOnceFromMain_NoDiagnostic() =>
        VerifyAsync(OptionsProgram
            .Replace("using CommandLine;\n", "").Replace("{0}", "return HandleParsed(new ImportOptions());")
            .Replace("{1}", "").Replace("{2}", ""), TestOptions.LatestOnly with { IsExecutable = true });

    // A launcher's mod list: the view model's constructor refreshes every mod's icon, each refresh with its own client.
    // {0}: the constructor's calls; {1}, {2}: the markup around the icon client.
    private const string ModList = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ModViewModel
        {
            public string IconUrl { get; set; }
            public byte[] Icon { get; set; }

            public async Task RefreshIconAsync()
            {
                if (string.IsNullOrEmpty(IconUrl)) { Icon = null; return; }
                try
                {
                    using (var httpClient = {1}new HttpClient(){2})
                    {
                        Icon = await httpClient.GetByteArrayAsync(IconUrl);
                    }
                }
                catch (HttpRequestException) { Icon = null; }
            }
        }

        public class ModsViewModel
        {
            public List<ModViewModel> Mods { get; } = new List<ModViewModel>();

            public ModsViewModel()
            {
                Mods.Add(new ModViewModel { IconUrl = "https://example.org/a.png" });
                Mods.Add(new ModViewModel { IconUrl = "https://example.org/b.png" });
                {0}
            }
        }

        public static class Program
        {
            private static ModsViewModel s_view;

            public static void Main()
            {
                s_view = new ModsViewModel();
                Console.ReadLine();
            }
        }
        """;

    private static Task VerifyModList(string calls, bool reported) => VerifyAsync(
        ModList.Replace("{0}", calls).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        Program);

    [Fact]
    public Task CalledInAForeachOfAConstructorMadeOnce_Diagnostic() =>
        VerifyModList("foreach (var mod in Mods) { _ = mod.RefreshIconAsync(); }", reported: true);

    [Fact]
    public Task CalledInAForLoopOfAConstructorMadeOnce_Diagnostic() =>
        VerifyModList("for (var i = 0; i < Mods.Count; i++) { Mods[i].RefreshIconAsync().Wait(); }", reported: true);

    [Fact]
    public Task CalledOnceFromAConstructorMadeOnce_NoDiagnostic() =>
        VerifyModList("_ = Mods[0].RefreshIconAsync();", reported: false);

    [Fact]
    public Task CalledFromALambdaStartedOnceInAConstructorMadeOnce_NoDiagnostic() =>
        VerifyModList("Task.Run(() => Mods[0].RefreshIconAsync());", reported: false);

    [Fact]
    public Task CalledInALoopOfAStaticConstructor_Diagnostic() => VerifyAsync("""
        using System.Net.Http;

        static class Warmup
        {
            private static readonly string[] s_hosts = { "https://a.example.org/", "https://b.example.org/" };

            static Warmup()
            {
                foreach (var host in s_hosts)
                {
                    Ping(host);
                }
            }

            public static void Touch() { }

            private static void Ping(string host)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    client.GetAsync(host).Wait();
                }
            }
        }
        """);

    // A client made and kept per iteration of a constructor's loop is kept by the instance: where its value goes decides.
    [Fact]
    public Task ClientStoredPerIterationOfAConstructorLoop_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;
        using System.Net.Http;

        public sealed class Endpoints
        {
            private readonly Dictionary<string, HttpClient> _clients = new Dictionary<string, HttpClient>();

            public Endpoints(IEnumerable<string> hosts)
            {
                foreach (var host in hosts)
                {
                    _clients[host] = new HttpClient();
                }
            }

            public HttpClient For(string host) => _clients[host];
        }
        """);
}
