using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// MediatR registers the request, notification and stream handlers it finds as transient: the container builds a handler
/// for every request it handles, so a client its constructor makes is made per request. A same-named interface the
/// compilation declares, and a handler that keeps a static client, stay quiet.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001MediatRHandlerTests
{
    // MediatR's contracts, in another assembly (the package).
    private const string MediatRContracts = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace MediatR
        {
            public interface IRequest<out TResponse> { }

            public interface INotification { }

            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }

            public interface INotificationHandler<in TNotification> where TNotification : INotification
            {
                Task Handle(TNotification notification, CancellationToken cancellationToken);
            }
        }
        """;

    private static readonly TestOptions WithMediatR = new() { LibrarySource = MediatRContracts };

    [Fact]
    public Task RequestAndNotificationHandlersMakingAClientInTheirConstructor_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;

        public sealed class Ask : IRequest<string> { }

        public sealed class AskHandler : IRequestHandler<Ask, string>
        {
            private readonly HttpClient _client;

            public AskHandler()
            {
                _client = {|#0:new HttpClient(new HttpClientHandler())|};
            }

            public Task<string> Handle(Ask request, CancellationToken cancellationToken) => _client.GetStringAsync("http://x");
        }

        public sealed class Joined : INotification { }

        public sealed class WelcomeHandler : INotificationHandler<Joined>
        {
            private readonly HttpClient _client = {|#1:new HttpClient()|};

            public Task Handle(Joined notification, CancellationToken cancellationToken) => _client.GetAsync("http://x/welcome");
        }
        """,
        WithMediatR,
        "'HttpClient' is created per instance of 'AskHandler' (a MediatR handler, which the container builds for every request it handles): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory",
        "'HttpClient' is created per instance of 'WelcomeHandler' (a MediatR handler, which the container builds for every request it handles): each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task SameNamedInterfaceOrStaticClient_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Local
        {
            public interface IRequestHandler<TRequest, TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }

            public sealed class AskHandler : IRequestHandler<string, string>
            {
                private readonly HttpClient _client;

                public AskHandler()
                {
                    _client = new HttpClient(new HttpClientHandler());
                }

                public Task<string> Handle(string request, CancellationToken cancellationToken) => _client.GetStringAsync(request);
            }
        }

        public sealed class Joined : MediatR.INotification { }

        public sealed class WelcomeHandler : MediatR.INotificationHandler<Joined>
        {
            private static readonly HttpClient s_client = new HttpClient();

            public Task Handle(Joined notification, CancellationToken cancellationToken) => s_client.GetAsync("http://x/welcome");
        }
        """, WithMediatR);

    private const string Startup = """
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
            }
        }
        """;

    // The container builds the handler, so the fix injects the factory, as for a controller; the result compiles clean.
    [Fact]
    public Task HandlerMakingAClientInItsConstructor_InjectsTheFactory() => Verify<PerCallCreationAnalyzer>.FixAsync<HttpClientGuard.CodeFixes.Rules.PerCallCreationFixer>(
        new[] { """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;

        public sealed class Ask : IRequest<string> { }

        public sealed class AskHandler : IRequestHandler<Ask, string>
        {
            public async Task<string> Handle(Ask request, CancellationToken cancellationToken)
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    return await client.GetStringAsync("https://api.example.com/answers");
                }
            }
        }
        """, Startup },
        new[] { """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using MediatR;

        public sealed class Ask : IRequest<string> { }

        public sealed class AskHandler : IRequestHandler<Ask, string>
        {
            private readonly IHttpClientFactory _httpClientFactory;

            public AskHandler(IHttpClientFactory httpClientFactory)
            {
                _httpClientFactory = httpClientFactory;
            }

            public async Task<string> Handle(Ask request, CancellationToken cancellationToken)
            {
                using (var client = _httpClientFactory.CreateClient("NoCookies"))
                {
                    return await client.GetStringAsync("https://api.example.com/answers");
                }
            }
        }
        """, """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddHttpClient("NoCookies").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { UseCookies = false });
            }
        }
        """ },
        new TestOptions { WithAspNetCore = true, LibrarySource = MediatRContracts },
        HttpClientGuard.CodeFixes.Rules.PerCallCreationFixer.InjectFactoryKey);

    // Folder mode without the MediatR package: the handler interfaces do not bind, but 'using MediatR;' (or a MediatR.
    // qualified name) says whose they are. {0}: the file's using directive and the handler's base.
    private const string UnboundHandler = """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        {0}

        public sealed class AskHandler : {1}
        {
            private readonly HttpClient _client;

            public AskHandler()
            {
                _client = {2}new HttpClient(new HttpClientHandler()){3};
            }

            public Task<string> Handle(Ask request, CancellationToken cancellationToken) => _client.GetStringAsync("http://x");
        }
        """;

    private static readonly TestOptions s_halfTyped = new() { IgnoreCompilerDiagnostics = true };

    [Theory]
    [InlineData("using MediatR;", "IRequestHandler<Ask, string>")]
    [InlineData("", "MediatR.IRequestHandler<Ask, string>")]
    [InlineData("using MediatR;", "INotificationHandler<Ask>")]
    public Task HandlerOfAnUnboundMediatRInterface_Diagnostic(string usingDirective, string handlerBase) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
            UnboundHandler.Replace("{0}", usingDirective).Replace("{1}", handlerBase).Replace("{2}", "{|HCG001:").Replace("{3}", "|}"),
            s_halfTyped);

    [Theory]
    [InlineData("using Mediator;", "IRequestHandler<Ask, string>")]
    [InlineData("using MediatR;", "IRequestHandler<Ask, string, int>")]
    [InlineData("using MediatR;", "IRequestValidator<Ask>")]
    public Task HandlerOfAnUnboundInterfaceOfAnotherLibrary_NoDiagnostic(string usingDirective, string handlerBase) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
            UnboundHandler.Replace("{0}", usingDirective).Replace("{1}", handlerBase).Replace("{2}", string.Empty).Replace("{3}", string.Empty),
            s_halfTyped);
}
