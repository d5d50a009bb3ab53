using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// C# 14 extension blocks (<c>extension(Task&lt;HttpResponseMessage&gt; task) { public Task&lt;byte[]&gt; ReadBytes() =&gt; ...; }</c>).
/// A call written in static form (<c>ReadBytes(client.PostAsync(url, body))</c>) binds to the member's implementation method,
/// whose first parameter is the block's receiver and whose other parameters copy the member's own; the member's body names
/// the block's and the member's parameters, which are other symbols. The analyzers build on Roslyn 4.8, which has no model
/// of the block, so it is recognised by its syntax: a type declaration whose keyword is <c>extension</c> with one parameter.
/// </summary>
internal static class ExtensionBlocks
{
    /// <summary>
    /// The parameter the body of <paramref name="declaration"/> (the declaration of <paramref name="parameter"/>'s method)
    /// names for <paramref name="parameter"/>: the parameter itself for an ordinary method; for an instance member of an
    /// extension block reached through its implementation, the block's receiver (first parameter) or the member's own
    /// parameter in the same place; null when it cannot be told.
    /// </summary>
    public static IParameterSymbol? ParameterInBody(IParameterSymbol parameter, SyntaxNode declaration, SemanticModel model)
    {
        if (declaration is not MethodDeclarationSyntax method || !IsMemberOfBlock(method, out var receiver) ||
            parameter.ContainingSymbol is not IMethodSymbol { IsStatic: true } implementation ||
            implementation.Parameters.Length != method.ParameterList.Parameters.Count + 1)
        {
            return parameter;
        }

        var syntax = parameter.Ordinal == 0 ? receiver : method.ParameterList.Parameters[parameter.Ordinal - 1];
        return model.GetDeclaredSymbol(syntax) as IParameterSymbol;
    }

    /// <summary>
    /// The receiver parameter's declaration when <paramref name="declaration"/> is a member of an extension block (a call in
    /// instance form, <c>task.ReadBytes()</c>, binds to the member itself and hands it the receiver; a static member is never
    /// called so); else null.
    /// </summary>
    public static ParameterSyntax? Receiver(SyntaxNode declaration) =>
        declaration is MethodDeclarationSyntax method && IsMemberOfBlock(method, out var receiver) ? receiver : null;

    private static bool IsMemberOfBlock(MethodDeclarationSyntax method, out ParameterSyntax receiver)
    {
        receiver = null!;
        // A static member has no receiver: its implementation takes the member's own parameters only, which the callers'
        // parameter counts tell apart.
        if (method.Parent is not TypeDeclarationSyntax { Keyword.ValueText: "extension", ParameterList.Parameters: { Count: 1 } parameters })
        {
            return false;
        }

        receiver = parameters[0];
        return true;
    }
}
