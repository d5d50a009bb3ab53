using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// An owner made for each element of a <c>foreach</c> in the entry point and kept in a collection the entry point holds:
/// <code>
/// var clients = new Dictionary&lt;string, AniListClient&gt;();
/// foreach (var token in config.UserTokens)
/// {
///     var client = new AniListClient(token.Value);   // its client, once per configured user
///     clients[token.Key] = client;
/// }
/// </code>
/// The entry point runs once, so the loop does too: one owner per element, each kept after the loop, not one per call. A
/// loop whose owner is used and dropped on each pass (<c>foreach (var url in urls) { using var c = new HttpClient(); ... }</c>)
/// still opens a pool per pass; so does a <c>while</c> loop, which may run for as long as the process does.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// <paramref name="creation"/>, directly or through a local declared in the loop, is stored in the body of its innermost
    /// loop, a <c>foreach</c>, into a collection local declared before that loop (<c>clients[key] = client</c>,
    /// <c>clients.Add(client)</c>, <c>Add(key, client)</c>, <c>TryAdd</c> and the other stores
    /// <see cref="LongLivedStorage.StoredInto"/> reads).
    /// </summary>
    private static bool KeptByAnEntryPointCollection(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        CommonForEachStatementSyntax? loop = null;
        foreach (var ancestor in creation.Ancestors())
        {
            if (ancestor is CommonForEachStatementSyntax forEach && forEach.Statement.Span.Contains(creation.Span))
            {
                loop = forEach;
                break;
            }

            if (ancestor is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
            {
                return false;
            }
        }

        if (loop is null)
        {
            return false;
        }

        // The value: the creation itself, or the local of the loop it initializes.
        ISymbol? local = creation.WithEnclosingParentheses().Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            ? model.GetDeclaredSymbol(declarator, cancellationToken) as ILocalSymbol
            : null;

        foreach (var node in loop.Statement.DescendantNodesAndSelf(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax collection } } store
                    when IsTheValue(store.Right) && IsCollectionDeclaredBefore(collection):
                    return true;

                case ArgumentSyntax argument when IsTheValue(argument.Expression) &&
                                                  LongLivedStorage.StoredInto(argument) is IdentifierNameSyntax collection && IsCollectionDeclaredBefore(collection):
                    return true;
            }
        }

        return false;

        bool IsTheValue(ExpressionSyntax value)
        {
            value = value.Unwrap();
            return value == creation ||
                   local is not null && value is IdentifierNameSyntax name &&
                   SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local);
        }

        bool IsCollectionDeclaredBefore(IdentifierNameSyntax collection) =>
            model.GetSymbolInfo(collection, cancellationToken).Symbol is ILocalSymbol { DeclaringSyntaxReferences: { Length: 1 } references } &&
            references[0].SyntaxTree == loop.SyntaxTree && references[0].Span.End <= loop.SpanStart;
    }
}
