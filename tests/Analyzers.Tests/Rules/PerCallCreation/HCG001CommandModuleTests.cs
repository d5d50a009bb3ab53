using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A Discord bot's command module: Discord.Net builds one for every command it runs (<c>ModuleBase&lt;T&gt;</c>,
/// <c>InteractionModuleBase&lt;T&gt;</c>, filled from the service provider), and DSharpPlus does unless the module declares
/// a lifespan. A client the module makes (in its constructor, a field initializer, or through an object its field
/// initializer builds) is one per command. Also where the Discord package is missing and only the written base, in a file
/// importing its namespace, says what the module is. A module that declares a DSharpPlus lifespan, and a base of that
/// name from another namespace, decide nothing.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001CommandModuleTests
{
    private static readonly TestOptions HalfTyped = new() { IgnoreCompilerDiagnostics = true };

    private const string Frameworks = """
        namespace Discord.Commands
        {
            public interface ICommandContext { }
            public class SocketCommandContext : ICommandContext { }
            public abstract class ModuleBase<T> where T : class, ICommandContext { }
            public abstract class ModuleBase : ModuleBase<ICommandContext> { }
            public sealed class CommandAttribute : System.Attribute { public CommandAttribute(string text) { } }
        }

        namespace Discord.Interactions
        {
            public class SocketInteractionContext { }
            public abstract class InteractionModuleBase<T> where T : class { }
            public sealed class SlashCommandAttribute : System.Attribute { public SlashCommandAttribute(string name, string description) { } }
        }

        namespace DSharpPlus.CommandsNext
        {
            public abstract class BaseCommandModule { }
        }

        namespace DSharpPlus.CommandsNext.Attributes
        {
            public enum ModuleLifespan { Singleton, Transient }
            public sealed class ModuleLifespanAttribute : System.Attribute { public ModuleLifespanAttribute(ModuleLifespan lifespan) { } }
            public sealed class CommandAttribute : System.Attribute { public CommandAttribute(string name) { } }
        }
        """;

    [Fact]
    public Task DiscordNetModules_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Discord.Commands;
        using Discord.Interactions;

        public sealed class AnimeService
        {
            private readonly HttpClient _http;
            private readonly string _root;

            public AnimeService(string root)
            {
                _http = {|HCG001:new HttpClient()|};
                _root = root;
            }

            public string List(string user) => _http.GetStringAsync(_root + "/" + user).Result;
        }

        public class UserListModule : ModuleBase<SocketCommandContext>
        {
            private readonly AnimeService _anime = new AnimeService("lists");

        [Command("list")] public string List(string user) => _anime.List(user);
        }

        public class Commands : ModuleBase
        {
            private readonly HttpClient _client;

            public Commands()
            {
                _client = {|HCG001:new HttpClient()|};
                _client.DefaultRequestHeaders.Add("User-Agent", "bot");
            }

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class SlashModule : InteractionModuleBase<SocketInteractionContext>
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [SlashCommand("get", "Fetches a page")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, new TestOptions { LibrarySource = Frameworks });

    // CommandsNext keeps a module for the bot unless it says it is transient (RegisterCommands falls back to Singleton).
    [Fact]
    public Task DSharpPlusModuleTransientOrSingleton() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using DSharpPlus.CommandsNext;
        using DSharpPlus.CommandsNext.Attributes;

        [ModuleLifespan(ModuleLifespan.Transient)]
        public class WeatherModule : BaseCommandModule
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class NewsModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        [ModuleLifespan(ModuleLifespan.Singleton)]
        public class RadioModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, new TestOptions { LibrarySource = Frameworks });

    // Folder mode without Discord.Net: the written base, in a file importing its namespace, says what the module is.
    [Fact]
    public Task UnboundDiscordNetModules_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Discord.Commands;

        public class UserListModule : ModuleBase<SocketCommandContext>
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class Commands : ModuleBase
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    [Fact]
    public Task UnboundModuleBaseOfAnotherNamespace_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Game.Modding;

        public class UserListModule : ModuleBase<ModContext>
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class Commands : Other.Bots.ModuleBase
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    // A generic controller base in a file importing ASP.NET's namespace is not ASP.NET's (its controllers are not generic).
    [Fact]
    public Task UnboundGenericControllerBase_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : Controller<Order>
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    // The project's own abstract module base between the module and the framework's unbound base: the concrete module is
    // still made per command. {0}: the base the abstract class is written over; {1}, {2}: the markup around the client.
    private const string OwnBaseOverUnbound = """
        using System.Net.Http;
        using Discord.Interactions;

        public abstract class AbstractInteractionModule : {0}
        {
        }

        public class AboutModule : AbstractInteractionModule
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """;

    [Fact]
    public Task UnboundModuleThroughTheProjectsAbstractBase_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        OwnBaseOverUnbound.Replace("{0}", "InteractionModuleBase<SocketInteractionContext>").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), HalfTyped);

    [Fact]
    public Task ProjectsAbstractBaseOverAnotherUnboundBase_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        OwnBaseOverUnbound.Replace("{0}", "ServiceBase<SocketInteractionContext>").Replace("{1}", "").Replace("{2}", ""), HalfTyped);

    // Folder mode without Discord.Net: a service the abstract module base builds in a field initializer (AniListFetcher), and a
    // utility both it and a service a concrete module builds hold (GraphQLUtility, two holders deep): each concrete module
    // made per command makes them (the abstract base's own unbound base decides nothing: only concrete modules are made).
    // {0}: how the modules hold their fetchers.
    private const string HeldThroughModules = """
        using System.Net.Http;
        using Discord.Interactions;

        public class GraphQLUtility
        {
            private readonly HttpClient _client;

            public GraphQLUtility(string url)
            {
                _client = {1}new HttpClient(){2};
            }

            public string Query(string body) => _client.PostAsync("graphql", new StringContent(body)).Result.StatusCode.ToString();
        }

        public class AniListFetcher
        {
            private readonly GraphQLUtility _graphQL = new GraphQLUtility("https://graphql.anilist.co");
        }

        public class GitHubFetcher
        {
            private readonly GraphQLUtility _graphQL = new GraphQLUtility("https://api.github.com/graphql");
        }

        public abstract class AbstractInteractionModule : InteractionModuleBase<SocketInteractionContext>
        {
            {0}
        }

        public class AboutModule : AbstractInteractionModule
        {
            protected GitHubFetcher _gitHubFetcher = new GitHubFetcher();

            [SlashCommand("about", "About the bot")] public void About() { }
        }

        public class SearchModule : AbstractInteractionModule
        {
            [SlashCommand("search", "Searches")] public void Search(string text) { }
        }
        """;

    [Fact]
    public Task HeldThroughTheAbstractModuleBaseAndAConcreteModule_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        HeldThroughModules.Replace("{0}", "protected AniListFetcher _aniListFetcher = new AniListFetcher();").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"),
        HalfTyped);

    [Fact]
    public Task HeldThroughTheAbstractModuleBaseAndAConcreteModule_MessageNamesTheModule() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync(
        "HCG001",
        HeldThroughModules.Replace("{0}", "protected AniListFetcher _aniListFetcher = new AniListFetcher();").Replace("{1}", "{|#0:").Replace("{2}", "|}"),
        HalfTyped,
        "'HttpClient' is created per instance of 'GraphQLUtility', which is created per instance of 'AniListFetcher', which is created per instance of 'AbstractInteractionModule', which is a base of 'AboutModule' (a Discord.Net command module, created for every command it runs): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task HeldOnlyThroughStaticFieldsOfTheModules_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        HeldThroughModules.Replace("{0}", "protected static readonly AniListFetcher s_aniListFetcher = new AniListFetcher();")
            .Replace("protected GitHubFetcher _gitHubFetcher = new GitHubFetcher();", "protected static readonly GitHubFetcher s_gitHubFetcher = new GitHubFetcher();")
            .Replace("{1}", "").Replace("{2}", ""),
        HalfTyped);

    // DisCatSharp, DSharpPlus's fork, and DSharpPlus itself where the package is missing: the written base in a file importing
    // its namespace; a lifespan attribute, read by its written name, makes a module transient or keeps it a singleton.
    [Fact]
    public Task UnboundDisCatSharpAndDSharpPlusModulesTransientOrSingleton() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using DisCatSharp.CommandsNext;
        using DisCatSharp.CommandsNext.Attributes;

        [ModuleLifespan(ModuleLifespan.Transient)]
        public class PokemonCommandModule : BaseCommandModule
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class TriviaCommandModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        [ModuleLifespan(ModuleLifespan.Singleton)]
        public class RadioModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        [DSharpPlus.CommandsNext.Attributes.ModuleLifespan(DSharpPlus.CommandsNext.Attributes.ModuleLifespan.Transient)]
        public class WeatherModule : DSharpPlus.CommandsNext.BaseCommandModule
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        [DSharpPlus.CommandsNext.Attributes.ModuleLifespan(DSharpPlus.CommandsNext.Attributes.ModuleLifespan.Singleton)]
        public class MusicModule : DSharpPlus.CommandsNext.BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    [Fact]
    public Task UnboundBaseCommandModuleOfAnotherNamespace_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Game.Commands;

        public class PokemonCommandModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            [Command("get")] public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    // A class deriving from a module base for its helpers but declaring no command is never built by the framework: a container
    // singleton's client stays once per process (a Twitch poller kept as a service). {0}: its members; {1}/{2}: the markup.
    private const string ServiceDerivingFromAModule = """
        using System.Net.Http;
        using Discord.Commands;

        public class TwitchService : ModuleBase<SocketCommandContext>
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public string Poll(string url) => _client.GetStringAsync(url).Result;

            {0}
        }
        """;

    [Fact]
    public Task ServiceDerivingFromAModuleWithoutCommands_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ServiceDerivingFromAModule.Replace("{0}", "public void Refresh() { }").Replace("{1}", "").Replace("{2}", ""), new TestOptions { LibrarySource = Frameworks });

    [Fact]
    public Task ServiceDerivingFromAModuleWithACommand_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ServiceDerivingFromAModule.Replace("{0}", "[Command(\"live\")] public void Live() { }").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), new TestOptions { LibrarySource = Frameworks });

    [Fact]
    public Task UnboundServiceDerivingFromAModuleWithoutCommands_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ServiceDerivingFromAModule.Replace("{0}", "[Obsolete] public void Refresh() { }").Replace("{1}", "").Replace("{2}", ""), HalfTyped);

    [Fact]
    public Task UnboundServiceDerivingFromAModuleWithACommandAttributeWrittenInFull_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ServiceDerivingFromAModule.Replace("{0}", "[CommandAttribute(\"live\")] public void Live() { }").Replace("{1}", "{|HCG001:").Replace("{2}", "|}"), HalfTyped);
}
