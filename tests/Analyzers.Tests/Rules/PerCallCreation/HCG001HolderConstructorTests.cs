using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// An owner made in one constructor of its holder (<c>public Api() : this(new Options())</c>): only the holders built
/// through that constructor make it. A holder copied per call through another constructor (<c>WithOptions</c>, which hands
/// the options it already has to <c>new Api(options)</c>) makes no owner and no client.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HolderConstructorTests
{
    // {0}: the holder's parameterless constructor; {1}: what the per-call method builds; {2}/{3}: the client's markup.
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class ClientOptions
        {
            public HttpClient HttpClient { get; set; } = {2}new HttpClient(){3};
            public TimeSpan Timeout { get; set; }
            public ClientOptions Copy() => (ClientOptions)MemberwiseClone();
        }

        public class Api
        {
            private readonly ClientOptions _options;

            {0}

            public Api(ClientOptions options)
            {
                _options = options;
            }

            public Api WithOptions(Func<ClientOptions, ClientOptions> modify) => new Api(modify(_options));

            public Task<string> GetAsync() => _options.HttpClient.GetStringAsync("https://api.example.com/");
        }

        public class Chat
        {
            private readonly Api _api;

            public Chat(Api api)
            {
                _api = api;
            }

            public async Task<string> AskAsync()
            {
                var api = {1};
                return await api.GetAsync();
            }
        }
        """;

    private static string Code(string constructor, string perCall, bool reported) =>
        Source.Replace("{0}", constructor).Replace("{1}", perCall)
            .Replace("{2}", reported ? "{|HCG001:" : string.Empty).Replace("{3}", reported ? "|}" : string.Empty);

    [Theory]
    [InlineData("public Api() : this(new ClientOptions()) { }")]
    [InlineData("public Api() { _options = new ClientOptions(); }")]
    public Task HolderCopiedPerCallThroughAConstructorThatMakesNoOwner_NoDiagnostic(string constructor) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code(constructor, "_api.WithOptions(o => { var copy = o.Copy(); copy.Timeout = TimeSpan.FromMinutes(5); return copy; })", reported: false));

    [Theory]
    [InlineData("public Api() : this(new ClientOptions()) { }")]
    [InlineData("public Api() { _options = new ClientOptions(); }")]
    public Task HolderBuiltPerCallThroughTheConstructorThatMakesTheOwner_Diagnostic(string constructor) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code(constructor, "new Api()", reported: true));

    [Theory]
    [InlineData("private readonly ClientOptions _defaults = new ClientOptions(); public Api() : this(new ClientOptions()) { }")]
    [InlineData("public Api() : this(new ClientOptions()) { } private readonly ClientOptions _defaults = new ClientOptions();")]
    public Task OwnerMadeInAFieldInitializerOfTheHolder_EveryConstructorMakesIt_Diagnostic(string members) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code(members, "_api.WithOptions(o => o)", reported: true));

    [Fact]
    public Task OwnerMadeInBothConstructorsOfTheHolder_Diagnostic() =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(Code(
            "public Api() : this(new ClientOptions()) { } private readonly ClientOptions _spare; public Api(int retries) : this(new ClientOptions()) { _spare = new ClientOptions(); }",
            "new Api(3)", reported: true));
}
