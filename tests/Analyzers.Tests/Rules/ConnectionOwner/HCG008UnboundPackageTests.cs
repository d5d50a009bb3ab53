using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.CodeFixes.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.ConnectionOwner;

/// <summary>
/// HCG008 where the SDK's package does not bind (folder mode without a restore, a failed restore, a package not yet added):
/// a catalogue type written by name in a file that imports its namespace, with arguments that give it no pool, is that
/// SDK's. Nothing is referenced here but the framework, so the sources do not compile (compiler errors are not checked).
/// </summary>
[Trait("Rule", "HCG008")]
public class HCG008UnboundPackageTests
{
    private static readonly TestOptions Unbound = new() { IgnoreCompilerDiagnostics = true };

    private static Task VerifyAsync(params string[] sources) => Verify<ConnectionOwnerAnalyzer>.DiagnosticsAsync(sources, Unbound);

    // A method run per call that uses what it creates and drops it; {0}: usings, {1}: the creation (with markup).
    private const string PerCall = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        {0}

        public interface IApi { }

        public class Service
        {
            private static readonly HttpClient Shared = new HttpClient();

            public void Get(string url, string key)
            {
                var created = {1};
                Use(created);
            }

            private static void Use(object value) { }
        }
        """;

    private static string Source(string usings, string creation) => PerCall.Replace("{0}", usings).Replace("{1}", creation);

    // ---------------------------------------------------------------- reported

    [Fact]
    public Task Refit_ForWithAnAddress_Diagnostic() => Verify<ConnectionOwnerAnalyzer>.DiagnosticsWithMessagesAsync(
        Source("using Refit;", "{|#0:RestService.For<IApi>(url)|}"),
        Unbound,
        "'RestService.For' is created each time 'Get' runs: each instance opens its own connections and leaves them in TIME_WAIT when dropped; create one for the process (a static readonly field, Lazy<T> or a singleton registration)");

    [Fact]
    public Task Refit_ForWithAUriOrForGenerated_Diagnostic() => VerifyAsync(
        Source("using Refit;", "{|HCG008:RestService.For<IApi>(new Uri(url))|}"),
        Source("using Refit;", "{|HCG008:RestService.ForGenerated<IApi>(url)|}").Replace("class Service", "class Service2"));

    [Fact]
    public Task Refit_QualifiedWithoutUsing_Diagnostic() => VerifyAsync(Source(string.Empty, "{|HCG008:Refit.RestService.For<IApi>(url)|}"));

    [Fact]
    public Task Refit_GlobalUsingInAnotherFile_Diagnostic() => VerifyAsync(
        Source(string.Empty, "{|HCG008:RestService.For<IApi>(url)|}"),
        "global using Refit;\n");

    [Fact]
    public Task Octokit_NewGitHubClientWithAProductHeader_Diagnostic() => VerifyAsync(
        Source("using Octokit;", "{|HCG008:new GitHubClient(new ProductHeaderValue(\"app\"))|}"));

    [Fact]
    public Task Flurl_NewFlurlClientWithoutArgumentsOrWithAnAddress_Diagnostic() => VerifyAsync(
        Source("using Flurl.Http;", "{|HCG008:new FlurlClient()|}"),
        Source("using Flurl.Http;", "{|HCG008:new FlurlClient(url)|}").Replace("class Service", "class Service2"));

    [Fact]
    public Task SendGrid_NewSendGridClientWithAKey_Diagnostic() => VerifyAsync(Source("using SendGrid;", "{|HCG008:new SendGridClient(key)|}"));

    [Fact]
    public Task Grpc_ForAddressWithOnlyAnAddress_Diagnostic() => VerifyAsync(Source("using Grpc.Net.Client;", "{|HCG008:GrpcChannel.ForAddress(url)|}"));

    [Fact]
    public Task Redis_ConnectOrConnectAsync_Diagnostic() => VerifyAsync(
        Source("using StackExchange.Redis;", "{|HCG008:ConnectionMultiplexer.Connect(url)|}"),
        Source("using StackExchange.Redis;", "{|HCG008:ConnectionMultiplexer.ConnectAsync(url)|}").Replace("class Service", "class Service2"));

    [Fact]
    public Task CosmosAndServiceBus_NewClient_Diagnostic() => VerifyAsync(
        Source("using Microsoft.Azure.Cosmos;", "{|HCG008:new CosmosClient(url, key)|}"),
        Source("using Azure.Messaging.ServiceBus;", "{|HCG008:new ServiceBusClient(url)|}").Replace("class Service", "class Service2"));

    [Fact]
    public Task Refit_UsingInsideTheNamespace_Diagnostic() => VerifyAsync("""
        namespace App
        {
            using Refit;

            public interface IApi { }

            public class Service
            {
                public void Get(string url)
                {
                    var api = {|HCG008:RestService.For<IApi>(url)|};
                    System.GC.KeepAlive(api);
                }
            }
        }
        """);

    // Code in the SDK's namespace (or one nested in it) sees its types without a using.
    [Fact]
    public Task Refit_InsideANamespaceNestedInTheSdks_Diagnostic() => VerifyAsync("""
        namespace Refit.Extras
        {
            public interface IApi { }

            public class Service
            {
                public void Get(string url)
                {
                    var api = {|HCG008:RestService.For<IApi>(url)|};
                    System.GC.KeepAlive(api);
                }
            }
        }
        """);

    // ---------------------------------------------------------------- quiet

    [Fact]
    public Task Refit_NamespaceNotImported_NoDiagnostic() => VerifyAsync(
        Source("using Other;", "RestService.For<IApi>(url)"),
        Source(string.Empty, "Other.RestService.For<IApi>(url)").Replace("class Service", "class Service2"));

    [Fact]
    public Task Refit_ForOverAnHttpClientOrAnUnreadableArgument_NoDiagnostic() => VerifyAsync(
        Source("using Refit;", "RestService.For<IApi>(Shared)"),
        Source("using Refit;", "RestService.For<IApi>(settings)").Replace("class Service", "class Service2"),
        Source("using Refit;", "RestService.For<IApi>()").Replace("class Service", "class Service3"));

    [Fact]
    public Task Refit_StoredInAStaticReadonlyField_NoDiagnostic() => VerifyAsync("""
        using Refit;

        public interface IApi { }

        public class Service
        {
            private static readonly IApi Api = RestService.For<IApi>("https://api.example.com");

            public IApi Get() => Api;
        }
        """);

    // A type of the user's own with the catalogue's name binds: it is not the SDK's, whatever the file imports.
    [Fact]
    public Task Refit_UsersOwnRestServiceThatBinds_NoDiagnostic() => VerifyAsync(
        Source("using Refit;", "RestService.For<IApi>(url)"),
        """
        public static class RestService
        {
            public static T For<T>(string url) => default(T);
        }
        """);

    [Fact]
    public Task Octokit_UsersOwnGitHubClientThatBinds_NoDiagnostic() => VerifyAsync(
        Source("using Octokit;", "new GitHubClient(new ProductHeaderValue(\"app\"))"),
        """
        public class GitHubClient
        {
            public GitHubClient(object header) { }
        }

        public class ProductHeaderValue
        {
            public ProductHeaderValue(string name) { }
        }
        """);

    // A member named like the type (a property RestService) binds too.
    [Fact]
    public Task Refit_InstanceMemberNamedRestService_NoDiagnostic() => VerifyAsync("""
        using Refit;

        public interface IApi { }

        public class Factory
        {
            public T For<T>(string url) => default(T);
        }

        public class Service
        {
            public Factory RestService { get; } = new Factory();

            public IApi Get(string url) => RestService.For<IApi>(url);
        }
        """);

    // A property of a type that does not bind, named like it (Color Color): the call may be the property's, so it is not read.
    [Fact]
    public Task Refit_PropertyOfAnUnboundTypeNamedRestService_NoDiagnostic() => VerifyAsync("""
        using Refit;

        public interface IApi { }

        public class Service
        {
            public RestService RestService { get; set; }

            public void Get(string url)
            {
                var api = RestService.For<IApi>(url);
                System.GC.KeepAlive(api);
            }
        }
        """);

    [Fact]
    public Task Octokit_NewGitHubClientOverAConnection_NoDiagnostic() => VerifyAsync(
        Source("using Octokit;", "new GitHubClient(connection)"),
        Source("using Octokit;", "new GitHubClient(new Connection(new ProductHeaderValue(\"app\")))").Replace("class Service", "class Service2"));

    [Fact]
    public Task SendGrid_OverAnHttpClientOrOptions_NoDiagnostic() => VerifyAsync(
        Source("using SendGrid;", "new SendGridClient(Shared, key)"),
        Source("using SendGrid;", "new SendGridClient(options)").Replace("class Service", "class Service2"));

    [Fact]
    public Task Grpc_ForAddressWithOptions_NoDiagnostic() => VerifyAsync(
        Source("using Grpc.Net.Client;", "GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpClient = Shared })"));

    [Fact]
    public Task Flurl_NewFlurlClientOverAnHttpClient_NoDiagnostic() => VerifyAsync(Source("using Flurl.Http;", "new FlurlClient(Shared)"));

    // RestSharp is not matched unbound: before 107 a RestClient sent through HttpWebRequest's process-wide pools.
    [Fact]
    public Task RestSharp_Unbound_NoDiagnostic() => VerifyAsync(Source("using RestSharp;", "new RestClient(url)"));

    [Fact]
    public Task Refit_InAGeneratedFile_NoDiagnostic() => VerifyAsync("// <auto-generated/>\n" + Source("using Refit;", "RestService.For<IApi>(url)"));

    // An argument still being typed may be the one that shares a pool: nothing is reported until it is written.
    [Fact]
    public Task HalfTypedCalls_NoDiagnostic() => VerifyAsync(
        Source("using Refit;", "RestService.For<IApi>(url, "),
        Source("using Octokit;", "new GitHubClient(").Replace("class Service", "class Service2"),
        Source("using Refit;", "RestService.").Replace("class Service", "class Service3"));

    // ---------------------------------------------------------------- fixes

    // A static field's type cannot be written for a type that does not bind, and no composition root is read: no fix.
    [Fact]
    public async Task Unbound_NoFixOffered()
    {
        var source = Source("using Refit;", "{|HCG008:RestService.For<IApi>(\"https://api.example.com\")|}");
        await Verify<ConnectionOwnerAnalyzer>.FixAsync<ConnectionOwnerFixer>(source, source, Unbound, ConnectionOwnerFixer.MoveToStaticFieldKey);
        await Verify<ConnectionOwnerAnalyzer>.FixAsync<ConnectionOwnerFixer>(source, source, Unbound, ConnectionOwnerFixer.InjectSingletonKey);
    }
}
