using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Framework methods that make a new <c>HttpClient</c> over a new <c>HttpClientHandler</c> on every call, so that the call
/// opens a connection pool as <c>new HttpClient()</c> does. One is known: <c>System.Net.Http.HttpClientFactory.Create(params
/// DelegatingHandler[] handlers)</c> of Microsoft.AspNet.WebApi.Client (System.Net.Http.Formatting), which builds
/// <c>new HttpClient(CreatePipeline(new HttpClientHandler(), handlers))</c>. Its overload <c>Create(HttpMessageHandler
/// innerHandler, params DelegatingHandler[] handlers)</c> wraps the handler it is given and opens no pool of its own. When
/// the package is missing (folder mode), a call <c>HttpClientFactory.Create(...)</c> in a file that imports
/// <c>System.Net.Http</c>, whose receiver names nothing in the compilation, counts when it has no arguments or every
/// argument is a <c>DelegatingHandler</c> (the first overload); with any other argument it may be the second: not one.
/// </summary>
internal static class FrameworkClientFactories
{
    private const string FactoryTypeName = "HttpClientFactory";
    private const string FactoryNamespace = "System.Net.Http";

    /// <summary>The written shape: <c>HttpClientFactory.Create(...)</c>, also qualified. Read from syntax alone.</summary>
    public static bool MayBeOne(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create", Expression: var receiver } &&
        receiver switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == FactoryTypeName,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == FactoryTypeName,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == FactoryTypeName,
            _ => false,
        };

    /// <summary><paramref name="call"/> makes a client over a handler of its own, as described on the type.</summary>
    public static bool MakesClientOverNewHandler(InvocationExpressionSyntax call, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        Recognises(call, model, types, anyOverload: false, cancellationToken);

    /// <summary>
    /// <paramref name="call"/> is the factory's <c>Create</c>, either overload: it returns a client, over a handler of its own
    /// or over the one it is given (what a response's rule needs to know of the client).
    /// </summary>
    public static bool MakesClient(InvocationExpressionSyntax call, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        Recognises(call, model, types, anyOverload: true, cancellationToken);

    private static bool Recognises(InvocationExpressionSyntax call, SemanticModel model, WellKnownTypes types, bool anyOverload, CancellationToken cancellationToken)
    {
        if (!MayBeOne(call))
        {
            return false;
        }

        var info = model.GetSymbolInfo(call, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return IsWebApiFactory(method.ContainingType) && (anyOverload || method.Parameters.Length == 1 && method.Parameters[0].IsParams);
        }

        var receiver = ((MemberAccessExpressionSyntax)call.Expression).Expression;
        if (!info.CandidateSymbols.IsEmpty)
        {
            // An argument that does not bind: every candidate must be the factory's, and the arguments decide the overload.
            if (!info.CandidateSymbols.All(candidate => candidate is IMethodSymbol { ContainingType: var type } && IsWebApiFactory(type)))
            {
                return false;
            }
        }
        else if (model.GetSymbolInfo(receiver, cancellationToken).Symbol is not null ||
                 !(receiver is MemberAccessExpressionSyntax or QualifiedNameSyntax ? receiver.ToString().Replace(" ", string.Empty) == FactoryNamespace + "." + FactoryTypeName : call.SeesNamespace(FactoryNamespace, model.Compilation)))
        {
            // The receiver is something of the compilation (a type of its own, a field, a local), or the file does not import
            // the factory's namespace: another library's HttpClientFactory, not this one.
            return false;
        }

        return anyOverload || call.ArgumentList.Arguments.All(argument =>
            argument.NameColon is null && argument.RefKindKeyword.RawKind == 0 &&
            types.IsDelegatingHandler(model.GetTypeInfo(argument.Expression, cancellationToken).Type));
    }

    private static bool IsWebApiFactory(INamedTypeSymbol? type) =>
        type is { Name: FactoryTypeName, IsStatic: true, ContainingType: null } &&
        type.ContainingNamespace.ToDisplayString() == FactoryNamespace;
}
