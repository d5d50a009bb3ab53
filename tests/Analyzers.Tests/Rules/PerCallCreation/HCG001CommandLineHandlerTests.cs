using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A command-line program runs one command's handler once per run: a client made in the handler (a lambda handed to
/// McMaster's <c>OnExecuteAsync</c>, System.CommandLine's <c>SetHandler</c>, Spectre.Console.Cli's <c>ExecuteAsync</c>) is made
/// once, as in <c>Main</c>. Loops and lambdas inside the handler, and look-alike methods of other types, stay per call.
/// The libraries are stood in for by types of their namespaces, as the analyzer decides by namespace.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001CommandLineHandlerTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    private static readonly TestOptions Program = new() { IsExecutable = true };

    private const string Libraries = """

        namespace McMaster.Extensions.CommandLineUtils
        {
            public class CommandLineApplication
            {
                public void OnExecuteAsync(System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<int>> handler) { }

                public int Execute(params string[] args) => 0;
            }

            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class CommandAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Property)]
            public sealed class OptionAttribute : System.Attribute { }
        }

        namespace System.CommandLine
        {
            public class RootCommand
            {
                public void SetHandler(System.Func<string, System.Threading.Tasks.Task> handler) { }

                public void SetAction(System.Func<string, int> action) { }
            }
        }

        namespace CommandLine
        {
            public sealed class ParserResult<T> { }

            public static class ParserResultExtensions
            {
                public static ParserResult<T> WithParsed<T>(this ParserResult<T> result, System.Action<T> action) => result;

                public static TResult MapResult<T, TResult>(this ParserResult<T> result, System.Func<T, TResult> parsed, System.Func<System.Collections.Generic.IEnumerable<object>, TResult> notParsed) => default;
            }
        }

        namespace Spectre.Console.Cli
        {
            public sealed class CommandContext { }

            public abstract class AsyncCommand<TSettings>
            {
                public abstract System.Threading.Tasks.Task<int> ExecuteAsync(CommandContext context, TSettings settings);
            }
        }
        """;

    // {0}: what the handler lambda does with its client.
    private const string McMasterProgram = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using McMaster.Extensions.CommandLineUtils;

        static class Program
        {
            static int Main(string[] args)
            {
                var app = new CommandLineApplication();
                app.OnExecuteAsync(async cancellationToken =>
                {
                    {0}
                    return 0;
                });
                return app.Execute(args);
            }
        }
        """;

    [Fact]
    public Task ClientInAnOnExecuteAsyncHandler_NoDiagnostic() => VerifyAsync(McMasterProgram.Replace("{0}", """
        using (var client = new HttpClient())
                    {
                        Console.WriteLine(await client.GetStringAsync("http://localhost/cert"));
                    }
        """) + Libraries, Program);

    [Fact]
    public Task ClientInALoopOfAnOnExecuteAsyncHandler_Diagnostic() => VerifyAsync(McMasterProgram.Replace("{0}", """
        for (var i = 0; i < 3; i++)
                    {
                        using (var client = {|HCG001:new HttpClient()|})
                        {
                            Console.WriteLine(await client.GetStringAsync("http://localhost/cert"));
                        }
                    }
        """) + Libraries, Program);

    [Fact]
    public Task ClientInALambdaInsideAnOnExecuteAsyncHandler_Diagnostic() => VerifyAsync(McMasterProgram.Replace("{0}", """
        await Task.WhenAll(new[] { "a", "b" }.Select(async name =>
                    {
                        using (var client = {|HCG001:new HttpClient()|})
                        {
                            Console.WriteLine(await client.GetStringAsync("http://localhost/" + name));
                        }
                    }));
        """).Replace("using System;", "using System;\nusing System.Linq;") + Libraries, Program);

    [Fact]
    public Task HandlerLambdaOfAnUnboundCommandLineApplication_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        static class Program
        {
            static int Main(string[] args)
            {
                var app = new CommandLineApplication();
                app.OnExecuteAsync(async cancellationToken =>
                {
                    using (var client = new HttpClient())
                    {
                        Console.WriteLine(await client.GetStringAsync("http://localhost/cert"));
                    }

                    return 0;
                });
                return app.Execute(args);
            }
        }
        """, Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task LookAlikeOnExecuteAsyncOfTheProgramsOwnType_Diagnostic() => VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Jobs
        {
            private readonly List<Func<CancellationToken, Task<int>>> _jobs = new List<Func<CancellationToken, Task<int>>>();

            public void OnExecuteAsync(Func<CancellationToken, Task<int>> job) => _jobs.Add(job);

            public void Register(string url)
            {
                OnExecuteAsync(async cancellationToken =>
                {
                    using (var client = {|HCG001:new HttpClient()|})
                    {
                        Console.WriteLine(await client.GetStringAsync(url));
                    }

                    return 0;
                });
            }
        }
        """);

    [Fact]
    public Task MethodGroupHandedToSetHandler_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.CommandLine;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Program
        {
            static void Main(string[] args)
            {
                var root = new RootCommand();
                root.SetHandler(DownloadAsync);
            }

            static async Task DownloadAsync(string url)
            {
                using (var client = new HttpClient())
                {
                    Console.WriteLine(await client.GetStringAsync(url));
                }
            }
        }
        """ + Libraries, Program);

    [Fact]
    public Task OverloadedMethodGroupHandedToAnUnboundSetHandler_NoDiagnostic() => VerifyAsync("""
        using System;
        using System.CommandLine;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Program
        {
            static int Main(string[] args)
            {
                var run = new Command("run");
                var url = new Argument<string>("url");
                run.AddArgument(url);
                run.SetHandler(Entry, url);
                var root = new RootCommand();
                root.AddCommand(run);
                root.SetHandler(Entry);
                return root.Invoke(args);
            }

            static Task Entry() => Entry("http://localhost/");

            static async Task Entry(string url) => await new Mirror(url).RunAsync();
        }

        sealed class Mirror
        {
            private readonly HttpClient _client;

            public Mirror(string url) => _client = new HttpClient { BaseAddress = new Uri(url) };

            public Task<string> RunAsync() => _client.GetStringAsync("/");
        }
        """, Program with { IgnoreCompilerDiagnostics = true });

    // A crawler whose root command's handler is a method group handed to System.CommandLine's CommandHandler.Create, whose
    // package folder mode did not restore. {0}: the file's command-line import; {1}: the fetch's markup.
    private const string UnboundCreate = """
        using System;
        {0}
        using System.Net.Http;

        static class Program
        {
            static int Main(string[] args)
            {
                var root = new RootCommand { new Argument<string>("url") };
                root.Handler = CommandHandler.Create<string>(Crawl);
                return root.InvokeAsync(args).Result;
            }

            static void Crawl(string url)
            {
                Console.WriteLine(Fetch(url));
            }

            static string Fetch(string url)
            {
                var client = {1};
                return client.GetStringAsync(url).Result;
            }
        }
        """;

    [Fact]
    public Task MethodGroupHandedToAnUnboundCommandHandlerCreate_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(UnboundCreate.Replace("{0}", "using System.CommandLine;\nusing System.CommandLine.Invocation;").Replace("{1}", "new HttpClient()"),
            Program with { IgnoreCompilerDiagnostics = true }),
        VerifyAsync(UnboundCreate.Replace("{0}", "using System.CommandLine.Invocation;").Replace("{1}", "new HttpClient()"),
            Program with { IgnoreCompilerDiagnostics = true }));

    [Fact]
    public Task MethodGroupHandedToAnUnboundCreateOutsideSystemCommandLine_Diagnostic() => Task.WhenAll(
        VerifyAsync(UnboundCreate.Replace("{0}", "using Crawling.Commands;").Replace("{1}", "{|HCG001:new HttpClient()|}"),
            Program with { IgnoreCompilerDiagnostics = true }),
        VerifyAsync(UnboundCreate.Replace("{0}", "using System.CommandLine;").Replace("CommandHandler.Create<string>", "Handlers.Create<string>").Replace("{1}", "{|HCG001:new HttpClient()|}"),
            Program with { IgnoreCompilerDiagnostics = true }));

    [Fact]
    public Task MethodGroupHandedToSetHandlerAndCalledInALoop_Diagnostic() => VerifyAsync("""
        using System;
        using System.CommandLine;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Program
        {
            static async Task Main(string[] args)
            {
                var root = new RootCommand();
                root.SetHandler(DownloadAsync);
                foreach (var url in args)
                {
                    await DownloadAsync(url);
                }
            }

            static async Task DownloadAsync(string url)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    Console.WriteLine(await client.GetStringAsync(url));
                }
            }
        }
        """ + Libraries, Program);

    // {0}: the command's base type.
    private const string SpectreCommand = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Spectre.Console.Cli;

        public sealed class Settings
        {
            public string Url { get; set; }
        }

        public sealed class DownloadCommand : {0}
        {
            public override async Task<int> ExecuteAsync(CommandContext context, Settings settings)
            {
                using (var client = {1})
                {
                    await client.GetStringAsync(settings.Url);
                }

                return 0;
            }
        }

        static class Program
        {
            static int Main(string[] args) => 0;
        }

        public abstract class Job<TSettings>
        {
            public abstract Task<int> ExecuteAsync(CommandContext context, TSettings settings);
        }
        """;

    [Fact]
    public Task SpectreAsyncCommandExecuteAsync_NoDiagnostic() =>
        VerifyAsync(SpectreCommand.Replace("{0}", "AsyncCommand<Settings>").Replace("{1}", "new HttpClient()") + Libraries, Program);

    [Fact]
    public Task ExecuteAsyncOverridingTheProgramsOwnJob_Diagnostic() =>
        VerifyAsync(SpectreCommand.Replace("{0}", "Job<Settings>").Replace("{1}", "{|HCG001:new HttpClient()|}") + Libraries, Program);

    // {0}: the attribute on the command type.
    private const string McMasterCommandType = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using McMaster.Extensions.CommandLineUtils;

        static class Program
        {
            static int Main(string[] args) => 0;
        }

        {0}
        public sealed class ExportCommand
        {
            public string Url { get; set; }

            public async Task<int> OnExecuteAsync()
            {
                using (var client = {1})
                {
                    await client.GetStringAsync(Url);
                }

                return 0;
            }
        }
        """;

    [Fact]
    public Task OnExecuteAsyncOfACommandType_NoDiagnostic() =>
        VerifyAsync(McMasterCommandType.Replace("{0}", "[Command]").Replace("{1}", "new HttpClient()") + Libraries, Program);

    [Fact]
    public Task OnExecuteAsyncOfATypeWithoutTheCommandAttribute_Diagnostic() =>
        VerifyAsync(McMasterCommandType.Replace("{0}", "").Replace("{1}", "{|HCG001:new HttpClient()|}") + Libraries, Program);

    // 'CommandLineApplication.ExecuteAsync<ExportCommand>(args)' (perhaps in another project) runs a type with no attribute.
    [Fact]
    public Task OnExecuteAsyncTakingTheApplicationOfATypeWithoutTheAttribute_NoDiagnostic() =>
        VerifyAsync(McMasterCommandType.Replace("{0}", "").Replace("{1}", "new HttpClient()")
            .Replace("OnExecuteAsync()", "OnExecuteAsync(CommandLineApplication app, System.Threading.CancellationToken cancellationToken)") + Libraries, Program);

    [Fact]
    public Task OnExecuteAsyncOfATypeWithOptionPropertiesWithoutTheAttribute_NoDiagnostic() =>
        VerifyAsync(McMasterCommandType.Replace("{0}", "").Replace("{1}", "new HttpClient()")
            .Replace("public string Url { get; set; }", "[Option]\n    public string Url { get; set; }") + Libraries, Program);

    [Fact]
    public Task OnExecuteAsyncTakingATokenOnlyOfATypeWithoutTheAttribute_Diagnostic() =>
        VerifyAsync(McMasterCommandType.Replace("{0}", "").Replace("{1}", "{|HCG001:new HttpClient()|}")
            .Replace("OnExecuteAsync()", "OnExecuteAsync(System.Threading.CancellationToken cancellationToken)") + Libraries, Program);

    [Fact]
    public Task LambdaHandedToSetAction_NoDiagnostic() => VerifyAsync("""
        using System.CommandLine;
        using System.Net.Http;

        static class Program
        {
            static void Main(string[] args)
            {
                var root = new RootCommand();
                root.SetAction(url =>
                {
                    using (var client = new HttpClient())
                    {
                        return client.GetStringAsync(url).Result.Length;
                    }
                });
            }
        }
        """ + Libraries, Program);

    [Fact]
    public Task LambdaHandedToWithParsed_NoDiagnostic() => VerifyAsync("""
        using CommandLine;
        using System.Net.Http;

        public sealed class Options
        {
            public string Url { get; set; }
        }

        static class Program
        {
            static void Main(string[] args)
            {
                new ParserResult<Options>().WithParsed(options =>
                {
                    using (var client = new HttpClient())
                    {
                        client.GetStringAsync(options.Url).Wait();
                    }
                });
            }
        }
        """ + Libraries, Program);

    // CommandLineParser's MapResult runs the one lambda whose options parsed (or the errors' one), once per program run.
    [Fact]
    public Task LambdaHandedToMapResult_NoDiagnostic() => VerifyAsync("""
        using CommandLine;
        using System.Net.Http;

        public sealed class Options
        {
            public string Url { get; set; }
        }

        static class Program
        {
            static int Main(string[] args)
            {
                return new ParserResult<Options>().MapResult(
                    (Options options) =>
                    {
                        using (var client = new HttpClient())
                        {
                            return client.GetStringAsync(options.Url).Result.Length;
                        }
                    },
                    errors => 1);
            }
        }
        """ + Libraries, Program);

    [Fact]
    public Task LoopInALambdaHandedToMapResult_Diagnostic() => VerifyAsync("""
        using CommandLine;
        using System.Net.Http;

        public sealed class Options
        {
            public string[] Urls { get; set; }
        }

        static class Program
        {
            static int Main(string[] args)
            {
                return new ParserResult<Options>().MapResult(
                    (Options options) =>
                    {
                        var total = 0;
                        foreach (var url in options.Urls)
                        {
                            using (var client = {|HCG001:new HttpClient()|})
                            {
                                total += client.GetStringAsync(url).Result.Length;
                            }
                        }

                        return total;
                    },
                    errors => 1);
            }
        }
        """ + Libraries, Program);

    // {0}: the command type's attribute; {1}: the client's markup. A CliFx command makes a manager whose constructor makes the client.
    private const string CliFxCommand = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using CliFx;
        using CliFx.Attributes;
        using CliFx.Infrastructure;

        static class Program
        {
            static int Main(string[] args) => 0;
        }

        public sealed class DownloadManager : IDisposable
        {
            private readonly HttpClient _client;

            public DownloadManager()
            {
                _client = {1};
            }

            public Task<string> GetAsync(string url) => _client.GetStringAsync(url);

            public void Dispose() => _client.Dispose();
        }

        {0}
        public sealed class PrefillCommand : ICommand
        {
            public async ValueTask ExecuteAsync(IConsole console)
            {
                using (var manager = new DownloadManager())
                {
                    await manager.GetAsync("http://localhost/apps");
                }
            }
        }
        """;

    private const string CliFxLibrary = """

        namespace CliFx
        {
            public interface ICommand
            {
                System.Threading.Tasks.ValueTask ExecuteAsync(CliFx.Infrastructure.IConsole console);
            }
        }

        namespace CliFx.Infrastructure
        {
            public interface IConsole { }
        }

        namespace CliFx.Attributes
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class CommandAttribute : System.Attribute
            {
                public CommandAttribute(string name) { }
            }
        }
        """;

    private static readonly TestOptions Net8Program = Program with { Targets = Targets.Net80 };

    [Fact]
    public Task ClientOfAnOwnerMadeByACliFxCommand_NoDiagnostic() =>
        VerifyAsync(CliFxCommand.Replace("{0}", "[Command(\"prefill\")]").Replace("{1}", "new HttpClient()") + CliFxLibrary, Net8Program);

    [Fact]
    public Task ClientOfAnOwnerMadeByACliFxCommandWhosePackageIsMissing_NoDiagnostic() =>
        VerifyAsync(CliFxCommand.Replace("{0}", "[Command(\"prefill\")]").Replace("{1}", "new HttpClient()"), Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientOfAnOwnerMadeByAnUnboundICommandWithoutTheCommandAttribute_Diagnostic() =>
        VerifyAsync(CliFxCommand.Replace("{0}", "").Replace("{1}", "{|HCG001:new HttpClient()|}"), Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientOfAnOwnerMadeByTheProgramsOwnICommand_Diagnostic() =>
        VerifyAsync(CliFxCommand.Replace("{0}", "[Command(\"prefill\")]").Replace("{1}", "{|HCG001:new HttpClient()|}")
            .Replace("using CliFx;\n", "").Replace("using CliFx.Attributes;\n", "").Replace("using CliFx.Infrastructure;\n", "") + """

            public interface ICommand
            {
                ValueTask ExecuteAsync(IConsole console);
            }

            public interface IConsole { }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class CommandAttribute : Attribute
            {
                public CommandAttribute(string name) { }
            }
            """, Net8Program);

    // Aiursoft's httping: the top-level program runs 'new SingleCommandApp<PingHandler>().RunAsync(args)', whose one command's
    // Execute resolves the ping worker and pings once; the worker's client lives through the ping loop. {0}: the handler's base
    // and its parameter type; {1}: the client's markup.
    private const string AiursoftCommand = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using System.CommandLine;
        using Aiursoft.CommandFramework.Framework;

        static class Program
        {
            static int Main(string[] args) => 0;
        }

        public class PingWorker
        {
            public async Task HttpPing(string url, int count)
            {
                var handler = new HttpClientHandler { AllowAutoRedirect = false };
                var client = {1};
                for (var i = 0; i < count; i++)
                {
                    Console.WriteLine((await client.GetAsync(url)).StatusCode);
                }
            }
        }

        public class PingHandler : {0}
        {
            protected override async Task Execute(ParseResult context)
            {
                await new PingWorker().HttpPing(context.ToString(), 4);
            }
        }
        """;

    private const string AiursoftLibrary = """

        namespace System.CommandLine
        {
            public class ParseResult { }
        }

        namespace Aiursoft.CommandFramework.Framework
        {
            public abstract class ExecutableCommandHandlerBuilder
            {
                protected abstract System.Threading.Tasks.Task Execute(System.CommandLine.ParseResult context);
            }
        }
        """;

    [Fact]
    public Task ClientMadeOnceByAnAiursoftCommand_NoDiagnostic() =>
        VerifyAsync(AiursoftCommand.Replace("{0}", "ExecutableCommandHandlerBuilder").Replace("{1}", "new HttpClient(handler)") + AiursoftLibrary, Net8Program);

    [Fact]
    public Task ClientMadeOnceByAnAiursoftCommandWhosePackageIsMissing_NoDiagnostic() =>
        VerifyAsync(AiursoftCommand.Replace("{0}", "ExecutableCommandHandlerBuilder").Replace("{1}", "new HttpClient(handler)"), Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientMadeByAnUnboundCommandOfAnotherBase_Diagnostic() =>
        VerifyAsync(AiursoftCommand.Replace("{0}", "CommandHandlerBuilder").Replace("{1}", "{|HCG001:new HttpClient(handler)|}"), Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientMadeByTheProgramsOwnExecutableCommandHandlerBuilder_Diagnostic() =>
        VerifyAsync(AiursoftCommand.Replace("{0}", "ExecutableCommandHandlerBuilder").Replace("{1}", "{|HCG001:new HttpClient(handler)|}")
            .Replace("using Aiursoft.CommandFramework.Framework;\n", "").Replace("using System.CommandLine;\n", "") + """

            public class ParseResult { }

            public abstract class ExecutableCommandHandlerBuilder
            {
                protected abstract Task Execute(ParseResult context);
            }
            """, Net8Program);

    // A base of the program's own over System.CommandLine's ParseResult is not the framework's: its callers decide.
    [Fact]
    public Task ClientMadeByTheProgramsOwnBaseOverSystemCommandLine_Diagnostic() =>
        VerifyAsync(AiursoftCommand.Replace("{0}", "ExecutableCommandHandlerBuilder").Replace("{1}", "{|HCG001:new HttpClient(handler)|}")
            .Replace("using Aiursoft.CommandFramework.Framework;\n", "") + """

            public abstract class ExecutableCommandHandlerBuilder
            {
                protected abstract Task Execute(ParseResult context);
            }

            namespace System.CommandLine
            {
                public class ParseResult { }
            }
            """, Net8Program);

    // celestemods (fifty-first held-out set): ConsoleAppFramework runs the one public method of a registered command class
    // the arguments name, once per run. {0}: the registration and the program's extra code; {1}: the client's markup.
    private const string ConsoleAppCommands = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using ConsoleAppFramework;

        static class Program
        {
            static void Main(string[] args)
            {
                {0}
            }
        }

        public class ModCommands
        {
            public async Task<int> Update(string dir)
            {
                using (var client = {1})
                {
                    Console.WriteLine(await client.GetStringAsync("https://example.org/mods/" + dir));
                }

                return 0;
            }
        }

        public class OtherCommands
        {
            public void Clean() { }
        }
        """;

    private const string ConsoleAppLibrary = """

        namespace ConsoleAppFramework
        {
            public static class ConsoleApp
            {
                public static ConsoleAppBuilder Create() => new ConsoleAppBuilder();
            }

            public class ConsoleAppBuilder
            {
                public ConsoleAppBuilder Add<T>() => this;

                public void Run(string[] args) { }
            }
        }
        """;

    [Fact]
    public Task ClientMadeOnceByAConsoleAppCommand_NoDiagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<ModCommands>(); app.Run(args);").Replace("{1}", "new HttpClient()") + ConsoleAppLibrary, Net8Program);

    [Fact]
    public Task ClientMadeOnceByAConsoleAppCommandAddedAlongTheChain_NoDiagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "ConsoleApp.Create().Add<OtherCommands>().Add<ModCommands>().Run(args);").Replace("{1}", "new HttpClient()") + ConsoleAppLibrary, Net8Program);

    // Version 5 generates ConsoleApp into the project: folder mode, without the generator, does not bind it.
    [Fact]
    public Task ClientMadeOnceByAConsoleAppCommandWhoseGeneratorIsMissing_NoDiagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<ModCommands>(); app.Run(args);").Replace("{1}", "new HttpClient()"),
        Net8Program with { IgnoreCompilerDiagnostics = true });

    // Version 4: a command class derives from ConsoleAppBase, whose public methods are the commands.
    [Fact]
    public Task ClientMadeOnceByAConsoleAppBaseCommandWhosePackageIsMissing_NoDiagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", string.Empty).Replace("public class ModCommands", "public class ModCommands : ConsoleAppBase").Replace("{1}", "new HttpClient()"),
        Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientMadeByAPublicMethodOfAClassTheAppDoesNotAdd_Diagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<OtherCommands>(); app.Run(args);").Replace("{1}", "{|HCG001:new HttpClient()|}") + ConsoleAppLibrary, Net8Program);

    [Fact]
    public Task ClientMadeByACommandAddedToTheProgramsOwnConsoleApp_Diagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("using ConsoleAppFramework;\n", string.Empty)
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<ModCommands>(); app.Run(args);").Replace("{1}", "{|HCG001:new HttpClient()|}") + """

        public static class ConsoleApp
        {
            public static Registry Create() => new Registry();
        }

        public class Registry
        {
            public Registry Add<T>() => this;

            public void Run(string[] args) { }
        }
        """, Net8Program);

    [Fact]
    public Task ClientMadeInALoopOfAConsoleAppCommand_Diagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<ModCommands>(); app.Run(args);")
        .Replace("using (var client = {1})", "for (var i = 0; i < 3; i++) using (var client = {|HCG001:new HttpClient()|})") + ConsoleAppLibrary, Net8Program);

    [Fact]
    public Task ClientMadeByACommandAddedToAnUnboundConsoleAppOfAnotherLibrary_Diagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("using ConsoleAppFramework;\n", string.Empty)
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<ModCommands>(); app.Run(args);").Replace("{1}", "{|HCG001:new HttpClient()|}"),
        Net8Program with { IgnoreCompilerDiagnostics = true });

    [Fact]
    public Task ClientMadeByAClassNamedAsTheAddedCommandClassOfAnotherNamespace_Diagnostic() => VerifyAsync(ConsoleAppCommands
        .Replace("{0}", "var app = ConsoleApp.Create(); app.Add<Tools.ModCommands>(); app.Run(args);").Replace("{1}", "{|HCG001:new HttpClient()|}") + ConsoleAppLibrary + """

        namespace Tools
        {
            public class ModCommands
            {
                public void List() { }
            }
        }
        """, Net8Program);
}
