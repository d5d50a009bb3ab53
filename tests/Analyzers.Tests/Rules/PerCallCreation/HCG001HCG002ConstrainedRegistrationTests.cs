using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A library's registration extension that registers a type parameter (<c>AddNode&lt;TNode&gt;() where TNode : Node</c>
/// calling <c>services.AddScoped&lt;TNode&gt;()</c>) lets the container build whatever class its caller picks, each a
/// <c>Node</c>: the constraint's constructor runs as often as the registration says.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002ConstrainedRegistrationTests
{
    private static readonly TestOptions WithDependencyInjection = new() { WithHttpClientFactory = true };

    private static Task VerifyAsync(string source) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, WithDependencyInjection);

    // ---------------------------------------------------------------- fires

    [Fact]
    public Task ScopedTypeParameterConstrainedToTheOwner_Reported() => Verify<PerCallCreationAnalyzer>.DiagnosticsWithMessagesAsync("HCG001", """
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Notifier
        {
            private readonly HttpClient _client;

            public Notifier()
            {
                _client = {|#0:new HttpClient()|};
            }
        }

        public static class NotifierRegistration
        {
            public static IServiceCollection AddNotifier<TNotifier>(this IServiceCollection services)
                where TNotifier : Notifier
            {
                return services.AddScoped<TNotifier>();
            }
        }
        """, WithDependencyInjection, "'HttpClient' is created per instance of 'Notifier', which is registered as scoped in 'NotifierRegistration.AddNotifier': each instance opens its own connection pool and leaves sockets in TIME_WAIT; use HttpClientPool.CreateClient(...), a static client with PooledConnectionLifetime, or IHttpClientFactory");

    [Fact]
    public Task TransientTypeofOfAGenericOwnersTypeParameter_Reported() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Node<TTrack>
        {
            private readonly HttpClient _client = {|HCG001:new HttpClient()|};
        }

        public static class NodeRegistration
        {
            public static void AddNode<TNode, TTrack>(IServiceCollection services)
                where TNode : Node<TTrack>
            {
                services.AddTransient(typeof(TNode));
            }
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task SingletonTypeParameterConstrainedToTheOwner_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Node
        {
            private readonly HttpClient _client = new HttpClient();
        }

        public static class NodeRegistration
        {
            public static IServiceCollection AddNode<TNode>(this IServiceCollection services)
                where TNode : Node
            {
                return services.AddSingleton<TNode>();
            }
        }
        """);

    [Fact]
    public Task ScopedRegistrationOfAnotherTypeParameter_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public class Node
        {
            private readonly HttpClient _client = new HttpClient();
        }

        public class Player { }

        public static class NodeRegistration
        {
            public static IServiceCollection AddNode<TNode, TPlayer>(this IServiceCollection services)
                where TNode : Node
                where TPlayer : Player
            {
                services.AddSingleton<TNode>();
                return services.AddScoped<TPlayer>();
            }
        }
        """);

    [Fact]
    public Task ScopedTypeParameterConstrainedToAnInterfaceOnly_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        public interface INode { }

        public class Node : INode
        {
            private readonly HttpClient _client = new HttpClient();
        }

        public static class NodeRegistration
        {
            public static IServiceCollection AddNode<TNode>(this IServiceCollection services)
                where TNode : class, INode
            {
                return services.AddScoped<TNode>();
            }
        }
        """);
}
