using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Tests.Internals;

/// <summary>
/// The one classifier of container calls, which HCG001/HCG002 (lambdas run once, owners per resolution)
/// and HCG007 (singletons) share. Checked directly, bound against the real Microsoft.Extensions packages.
/// </summary>
public class ServiceRegistrationsTests
{
    [Theory]
    [InlineData("AddTransient", "Transient")]
    [InlineData("TryAddTransient", "Transient")]
    [InlineData("AddKeyedScoped", "Scoped")]
    [InlineData("AddSingleton", "Singleton")]
    [InlineData("TryAddKeyedSingleton", "Singleton")]
    [InlineData("AddHostedService", "Singleton")]
    [InlineData("AddHttpClient", "TypedClient")]
    [InlineData("Configure", "Configuration")]
    public void KindFromName(string name, string expected) =>
        Assert.Equal(expected, ServiceRegistrations.KindFromName(name).ToString());

    [Theory]
    [InlineData("services.AddSingleton(new HttpClient())", "Singleton")]
    [InlineData("services.AddTransient<Api>()", "Transient")]
    [InlineData("services.AddScoped(typeof(Api))", "Scoped")]
    [InlineData("services.AddHttpClient<Api>()", "TypedClient")]
    [InlineData("services.AddHttpClient(\"a\").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler())", "Configuration")]
    [InlineData("ServiceDescriptor.Singleton(sp => new HttpClient())", "Singleton")]
    [InlineData("ServiceDescriptor.Transient<Api, Api>()", "Transient")]
    [InlineData("ActivatorUtilities.CreateInstance<Api>(provider)", "None")]
    [InlineData("list.Add(new HttpClient())", "None")]
    [InlineData("Registry.AddSingleton(new HttpClient())", "None")]
    public async Task Classify_OutermostCall(string call, string expected)
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class Api { }

            public static class Registry
            {
                // A user method with a registration's name, on no container: not a registration.
                public static void AddSingleton(object value) { }
            }

            public static class Startup
            {
                public static void Run(IServiceCollection services, IServiceProvider provider, List<HttpClient> list)
                {
                    _ = CALL;
                }
            }
            """.Replace("CALL", call);
        await ReferenceSets.EnsureResolvedAsync();
        var references = await ReferenceSets.Net80WithHttpClientFactory.ResolveAsync(LanguageNames.CSharp, default);
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Registrations", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0029" && d.Id != "CS8209"));

        var outermost = tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>().Single().Right;
        var invocation = Assert.IsAssignableFrom<InvocationExpressionSyntax>(outermost);
        var types = WellKnownTypes.TryCreate(compilation)!;
        Assert.Equal(expected, ServiceRegistrations.Classify(invocation, compilation.GetSemanticModel(tree), types, default).ToString());
    }
}
