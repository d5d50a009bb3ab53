using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A lambda or method group kept in a field or property of delegate type runs when that member is invoked,
/// not when it is stored: <c>Func&lt;HttpClient&gt; HttpClientFactory { get; set; } = () =&gt; new HttpClient();</c>
/// builds a client each time some code calls <c>options.HttpClientFactory()</c>. The invocations, found across
/// the compilation by <see cref="OwnerEvidence.DelegateEvidence"/>, decide.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// The field or property (of a delegate type) that <paramref name="function"/> is stored into: a field or
    /// property initializer, or an assignment (<c>options.HttpClientFactory = () =&gt; ...</c>, also in an object
    /// initializer, and <c>??=</c>). Null for any other use (a local, an argument, an event, a return).
    /// </summary>
    private static ISymbol? StoredDelegate(ExpressionSyntax function, SemanticModel model, CancellationToken cancellationToken)
    {
        var member = function.ParentSkippingParenthesesAndCasts() switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } =>
                model.GetDeclaredSymbol(declarator, cancellationToken),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) =>
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
            _ => null,
        };

        return member is IFieldSymbol { Type.TypeKind: TypeKind.Delegate } or IPropertySymbol { Type.TypeKind: TypeKind.Delegate, IsIndexer: false }
            ? member.OriginalDefinition
            : null;
    }
}
