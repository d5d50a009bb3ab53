using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A method a serverless host runs on every invocation (an AWS Lambda handler, which takes an <c>ILambdaContext</c>; an
/// Azure Functions in-process function, marked <c>[FunctionName]</c>) runs per invocation, even when the code also calls it
/// once (a local harness's <c>Main</c> trying the handler). Without them, a method every call of which runs once is once.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001FunctionHandlerTests
{
    private static Task VerifyAsync(string source, bool packageMissing = false) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, new TestOptions { IsExecutable = true, IgnoreCompilerDiagnostics = packageMissing });

    // {0}: the handler's attribute; {1}: its context parameter's type; {2}, {3}: the markup around its client.
    private const string Webhook = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Amazon.Lambda.Core
        {
            public interface ILambdaContext { }
        }

        namespace Microsoft.Azure.WebJobs
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class FunctionNameAttribute : Attribute { public FunctionNameAttribute(string name) { } }
        }

        namespace Tools
        {
            public interface ILambdaContext { }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class FunctionNameAttribute : Attribute { public FunctionNameAttribute(string name) { } }
        }

        namespace Webhook
        {
            public class Function
            {
                {0}
                public async Task<string> HandleAsync(string message, {1} context)
                {
                    using (var client = {2}new HttpClient(){3})
                    {
                        var response = await client.PostAsync("https://hooks.example/post", new StringContent(message));
                        using (response)
                        {
                            return response.StatusCode.ToString();
                        }
                    }
                }
            }

            public static class Program
            {
                public static void Main() => Console.WriteLine(new Function().HandleAsync("try", null).Result);
            }
        }
        """;

    private static string Handler(string attribute, string context, bool reported) => Webhook
        .Replace("{0}", attribute).Replace("{1}", context)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task LambdaHandlerAlsoCalledOnceFromMain_Diagnostic() => VerifyAsync(Handler("", "Amazon.Lambda.Core.ILambdaContext", reported: true));

    [Fact]
    public Task AzureFunctionAlsoCalledOnceFromMain_Diagnostic() => VerifyAsync(Handler("[Microsoft.Azure.WebJobs.FunctionName(\"hook\")]", "object", reported: true));

    [Fact]
    public Task PlainMethodCalledOnceFromMain_NoDiagnostic() => VerifyAsync(Handler("", "object", reported: false));

    [Fact]
    public Task ContextAndAttributeOfOtherNamespacesCalledOnceFromMain_NoDiagnostic() =>
        VerifyAsync(Handler("[Tools.FunctionName(\"hook\")]", "Tools.ILambdaContext", reported: false));

    // Folder mode without Amazon.Lambda.Core: the context's type does not bind, and is read by its name.
    [Fact]
    public Task LambdaHandlerOfAMissingPackage_Diagnostic()
    {
        var source = Handler("", "ILambdaContext", reported: true).Replace("""
            namespace Amazon.Lambda.Core
            {
                public interface ILambdaContext { }
            }
            """, "", System.StringComparison.Ordinal);
        Assert.DoesNotContain("namespace Amazon.Lambda.Core", source, System.StringComparison.Ordinal);
        return VerifyAsync(source, packageMissing: true);
    }
}
