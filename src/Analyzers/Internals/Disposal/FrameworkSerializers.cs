using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Well-known serializers that read the value they are given into text or bytes and keep nothing of it, recognised by type and
/// method name where the type does not bind (folder mode without Newtonsoft.Json, or System.Text.Json on netstandard2.0 and
/// .NET Framework): <c>JsonConvert.SerializeObject(response, Formatting.Indented)</c> logs a response, it neither keeps nor
/// disposes it, so disposing it stays the caller's job. A type of the code's own under one of these names binds and is decided
/// by its source instead. Documented in <c>docs/rules/HCG003.md</c>.
/// </summary>
internal static class FrameworkSerializers
{
    public static bool IsUnboundSerialization(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        if (call.Expression is not MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var method })
        {
            return false;
        }

        var type = SyntaxGates.WrittenReceiverName(receiver);

        return model.GetSymbolInfo(receiver, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true } && type switch
        {
            "JsonConvert" => method == "SerializeObject",
            "JsonSerializer" => method is "Serialize" or "SerializeToUtf8Bytes" or "SerializeToElement" or "SerializeToDocument" or "SerializeToNode",
            _ => false,
        };
    }
}
