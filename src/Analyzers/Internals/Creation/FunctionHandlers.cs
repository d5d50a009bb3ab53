using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Methods a serverless host runs once per invocation, whatever calls of them the compilation shows (a local harness's
/// <c>Main</c> that calls the handler once to try it).
/// </summary>
internal static class FunctionHandlers
{
    /// <summary>
    /// An AWS Lambda handler (a parameter of type <c>ILambdaContext</c> from <c>Amazon.Lambda.Core</c>) or an Azure Functions
    /// in-process function (<c>[FunctionName]</c> from <c>Microsoft.Azure.WebJobs</c>). Where the package does not bind (folder
    /// mode often lacks it) the type or attribute is read by the name written.
    /// </summary>
    public static bool RunsPerInvocation(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is { Name: "ILambdaContext" } type && Declares(type, "Amazon.Lambda.Core"))
            {
                return true;
            }
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "FunctionName" or "FunctionNameAttribute" } attributeType && Declares(attributeType, "Microsoft.Azure.WebJobs"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Declares(ITypeSymbol type, string expectedNamespace) =>
        type.TypeKind == TypeKind.Error || type.ContainingNamespace?.ToDisplayString() == expectedNamespace;
}
