using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.DisposedSharedHandler;

[Trait("Rule", "HCG005")]
public sealed partial class HCG005DisposedSharedHandlerTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string body, TestOptions? options = null) =>
        Verify<DisposedSharedHandlerAnalyzer>.DiagnosticsAsync(Usings + body, options);

    private static Task VerifyFixAsync(string source, string fixedSource, TestOptions? options = null) =>
        Verify<DisposedSharedHandlerAnalyzer>.FixAsync<DisposedSharedHandlerFixer>(Usings + source, Usings + fixedSource, options);

    [Fact]
    public Task FieldHandlerInUsingStatement_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            async Task<string> M()
            {
                using (var client = {|HCG005:new HttpClient(Handler)|})
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """);

    [Fact]
    public Task ParameterHandlerWithExplicitTrueAndDispose_Diagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(HttpMessageHandler handler)
            {
                var client = {|HCG005:new HttpClient(handler, true)|};
                var text = await client.GetStringAsync("http://x");
                client.Dispose();
                return text;
            }
        }
        """);

    [Fact]
    public Task PropertyHandlerThroughLocalWithUsingVar_Diagnostic() => VerifyAsync("""
        class C
        {
            public HttpMessageHandler Handler { get; set; }

            async Task<string> M()
            {
                var shared = Handler;
                using var client = {|HCG005:new HttpClient(shared)|};
                return await client.GetStringAsync("http://x");
            }
        }
        """, TestOptions.LatestOnly);

    // A property whose getter makes a new handler on every read hands out a handler nobody else holds: the client owns it.
    private const string HandlerProperty = """
        class C
        {
            private static HttpClientHandler s_handler;

            public static HttpClientHandler Handler
            {
                get
                {
                    GETTER
                }
            }

            async Task<string> M()
            {
                var handler = Handler;
                handler.AllowAutoRedirect = false;
                using (var client = CLIENT)
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """;

    [Fact]
    public Task PropertyGetterMakesANewHandlerOnEveryRead_NoDiagnostic() => VerifyAsync(HandlerProperty
        .Replace("GETTER", "var made = new HttpClientHandler { UseCookies = false };\n            return made;", System.StringComparison.Ordinal)
        .Replace("CLIENT", "new HttpClient(handler)", System.StringComparison.Ordinal));

    [Fact]
    public Task PropertyGetterHandsOutOneStoredHandler_Diagnostic() => VerifyAsync(HandlerProperty
        .Replace("GETTER", "if (s_handler == null) s_handler = new HttpClientHandler { UseCookies = false };\n            return s_handler;", System.StringComparison.Ordinal)
        .Replace("CLIENT", "{|HCG005:new HttpClient(handler)|}", System.StringComparison.Ordinal));

    [Fact]
    public Task MessageInvokerOverField_Diagnostic() => VerifyAsync("""
        using System.Threading;
        class C
        {
            private readonly HttpMessageHandler _handler = new HttpClientHandler();

            async Task M(HttpRequestMessage request)
            {
                using (var invoker = {|HCG005:new HttpMessageInvoker(_handler)|})
                using (var response = await invoker.SendAsync(request, CancellationToken.None))
                {
                }
            }
        }
        """);

    [Fact]
    public Task SharedHandlerDisposedInsideFieldInitializerLambda_Diagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            private static readonly Func<Task<string>> Fetch = async () =>
            {
                using var client = {|HCG005:new HttpClient(Handler)|};
                return await client.GetStringAsync("http://x");
            };
        }
        """, TestOptions.LatestOnly);

    [Fact]
    public Task SharedHandlerInFieldAndPropertyInitializers_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();
            private static readonly HttpClient Client = new HttpClient(Handler);

            public static HttpClient Other { get; } = new HttpClient(Handler, true);
        }
        """);

    [Fact]
    public Task NamedHandlerArgumentCreatedInline_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M()
            {
                using (var client = new HttpClient(disposeHandler: true, handler: new HttpClientHandler()))
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """);

    [Fact]
    public Task HandlerCreatedHere_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M()
            {
                var handler = new HttpClientHandler();
                using (var client = new HttpClient(handler))
                using (var other = new HttpClient(new HttpClientHandler()))
                {
                    return await client.GetStringAsync("http://x") + await other.GetStringAsync("http://y");
                }
            }
        }
        """);

    [Fact]
    public Task DisposeHandlerFalseOrNonConstant_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            async Task<string> M(bool owns)
            {
                using (var client = new HttpClient(Handler, false))
                using (var named = new HttpClient(Handler, disposeHandler: false))
                using (var decided = new HttpClient(Handler, owns))
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """);

    [Fact]
    public Task ClientNotDisposedOrHandedOn_NoDiagnostic() => VerifyAsync("""
        class C
        {
            private readonly HttpMessageHandler _handler = new HttpClientHandler();
            private HttpClient _client;

            HttpClient Create() => new HttpClient(_handler);

            void Store() => _client = new HttpClient(_handler);

            async Task<string> NeverDisposed()
            {
                var client = new HttpClient(_handler);
                return await client.GetStringAsync("http://x");
            }
        }
        """);

    [Fact]
    public Task OwnedHandlerDisposedByOwner_NoDiagnostic() => VerifyAsync("""
        sealed class Owner : IDisposable
        {
            private readonly HttpClient _client;

            public Owner(HttpMessageHandler handler) => _client = new HttpClient(handler);

            public void Dispose() => _client.Dispose();
        }
        """);

    [Fact]
    public Task HalfTypedCode_OnlyCompilerErrors() => VerifyAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            void M()
            {
                using (var client = new HttpClient({|CS0103:Missing|}))
                {
                }
                using (var other = new HttpClient(Handler, {|CS0103:maybe|}))
                {
                }
                var broken = new HttpClient(Handler{|CS1026:|}{|CS1002:|}
            }
        }
        """);

    [Fact]
    public Task OneArgument_AddsNamedDisposeHandlerFalse() => VerifyFixAsync("""
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            async Task<string> M()
            {
                using (var client = {|HCG005:new HttpClient(Handler)|})
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """, """
        class C
        {
            private static readonly HttpClientHandler Handler = new HttpClientHandler();

            async Task<string> M()
            {
                using (var client = new HttpClient(Handler, disposeHandler: false))
                {
                    return await client.GetStringAsync("http://x");
                }
            }
        }
        """);

    [Fact]
    public Task ExplicitTrue_BecomesFalse() => VerifyFixAsync("""
        class C
        {
            void M(HttpMessageHandler handler)
            {
                var client = {|HCG005:new HttpClient(handler, disposeHandler: true)|};
                client.Dispose();
            }
        }
        """, """
        class C
        {
            void M(HttpMessageHandler handler)
            {
                var client = new HttpClient(handler, disposeHandler: false);
                client.Dispose();
            }
        }
        """);

    [Fact]
    public Task FixAll_FixesEveryClient() => VerifyFixAsync("""
        class C
        {
            private readonly HttpMessageHandler _handler = new HttpClientHandler();

            void M(HttpMessageHandler handler)
            {
                using (var first = {|HCG005:new HttpClient(_handler)|})
                using (var second = {|HCG005:new HttpClient(handler, true)|})
                using (var third = {|HCG005:new HttpMessageInvoker(_handler)|})
                {
                }
            }
        }
        """, """
        class C
        {
            private readonly HttpMessageHandler _handler = new HttpClientHandler();

            void M(HttpMessageHandler handler)
            {
                using (var first = new HttpClient(_handler, disposeHandler: false))
                using (var second = new HttpClient(handler, false))
                using (var third = new HttpMessageInvoker(_handler, disposeHandler: false))
                {
                }
            }
        }
        """);

    private const string ToolsLibrary = """
        using System.Net.Http;

        public static class CoreTools
        {
            public static HttpClientHandler GenericHttpClientParameters => new HttpClientHandler { AllowAutoRedirect = true };
        }
        """;

    // The getter is in a referenced project: not seen from here, so the handler is not known to be shared.
    [Fact]
    public Task PropertyOfAnotherAssemblyDisposedWithTheClient_NoDiagnostic() => VerifyAsync("""
        class C
        {
            async Task<string> M(string url)
            {
                using (var client = new HttpClient(CoreTools.GenericHttpClientParameters))
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """, new TestOptions { LibrarySource = ToolsLibrary });

    // The same property in this compilation, returning the one handler it keeps: shared.
    [Fact]
    public Task PropertyOfThisCompilationReturningItsKeptHandler_Diagnostic() => VerifyAsync("""
        static class CoreTools
        {
            private static readonly HttpClientHandler s_handler = new HttpClientHandler { AllowAutoRedirect = true };

            public static HttpClientHandler GenericHttpClientParameters => s_handler;
        }

        class C
        {
            async Task<string> M(string url)
            {
                using (var client = {|HCG005:new HttpClient(CoreTools.GenericHttpClientParameters)|})
                {
                    return await client.GetStringAsync(url);
                }
            }
        }
        """);
}
