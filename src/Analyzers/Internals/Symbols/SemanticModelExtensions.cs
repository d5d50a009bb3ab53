using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

internal static class SemanticModelExtensions
{
    /// <summary>
    /// The semantic model for <paramref name="tree"/>: <paramref name="model"/> itself for its own file, the compilation's for
    /// another file (another part of a partial type, a constructor chain, a caller elsewhere).
    /// </summary>
    public static SemanticModel For(this SemanticModel model, SyntaxTree tree) =>
        tree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(tree);

    /// <summary>
    /// <paramref name="assignment"/> writes <paramref name="symbol"/> itself (<c>x = ...</c>, <c>x ??= ...</c>, <c>this.x = ...</c>);
    /// the name is compared before anything is bound.
    /// </summary>
    public static bool Writes(this SemanticModel model, AssignmentExpressionSyntax assignment, ISymbol symbol, CancellationToken cancellationToken) =>
        assignment.Left.Unwrap() switch
        {
            IdentifierNameSyntax name => model.Names(name, symbol, cancellationToken),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => model.Names(name, symbol, cancellationToken),
            _ => false,
        };

    private static bool Names(this SemanticModel model, IdentifierNameSyntax name, ISymbol symbol, CancellationToken cancellationToken) =>
        name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol);
}
