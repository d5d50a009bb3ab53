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
        }

        namespace Discord.Interactions
        {
            public class SocketInteractionContext { }
            public abstract class InteractionModuleBase<T> where T : class { }
        }

        namespace DSharpPlus.CommandsNext
        {
            public abstract class BaseCommandModule { }
        }

        namespace DSharpPlus.CommandsNext.Attributes
        {
            public enum ModuleLifespan { Singleton, Transient }
            public sealed class ModuleLifespanAttribute : System.Attribute { public ModuleLifespanAttribute(ModuleLifespan lifespan) { } }
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

        public string List(string user) => _anime.List(user);
        }

        public class Commands : ModuleBase
        {
            private readonly HttpClient _client;

            public Commands()
            {
                _client = {|HCG001:new HttpClient()|};
                _client.DefaultRequestHeaders.Add("User-Agent", "bot");
            }

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class SlashModule : InteractionModuleBase<SocketInteractionContext>
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, new TestOptions { LibrarySource = Frameworks });

    [Fact]
    public Task DSharpPlusModuleTransientOrSingleton() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using DSharpPlus.CommandsNext;
        using DSharpPlus.CommandsNext.Attributes;

        public class WeatherModule : BaseCommandModule
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        [ModuleLifespan(ModuleLifespan.Singleton)]
        public class RadioModule : BaseCommandModule
        {
            private readonly HttpClient _client = new HttpClient();

            public string Get(string url) => _client.GetStringAsync(url).Result;
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

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class Commands : ModuleBase
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);

    [Fact]
    public Task UnboundModuleBaseOfAnotherNamespace_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Game.Modding;

        public class UserListModule : ModuleBase<ModContext>
        {
            private readonly HttpClient _client = new HttpClient();

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }

        public class Commands : Other.Bots.ModuleBase
        {
            private readonly HttpClient _client = new HttpClient();

            public string Get(string url) => _client.GetStringAsync(url).Result;
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

            public string Get(string url) => _client.GetStringAsync(url).Result;
        }
        """, HalfTyped);
}
