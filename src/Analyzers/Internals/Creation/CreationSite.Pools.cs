using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A pool of clients: a member that hands out one taken from a long-lived collection and makes a new one only when the
/// collection is empty, while the code gives clients back to that collection after use:
/// <code>
/// private HttpClient GetOrCreateHttpClient()
/// {
///     if (s_clients.TryDequeue(out var client)) return client;   // a client given back earlier
///     return new HttpClient { Timeout = TenSeconds };            // only when none is free
/// }
/// ... var client = GetOrCreateHttpClient(); ... s_clients.Enqueue(client);
/// </code>
/// As many clients are made as are ever in use at once, not one per call. A collection nothing gives a client back to is
/// always empty, and its member makes one per call.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// Where the pool <paramref name="creation"/> refills is kept (a static collection, or one a field of this instance holds), or
    /// <see cref="Storage.None"/>: an earlier statement of a block holding the creation returns what
    /// <c>pool.TryDequeue(out x)</c>, <c>TryTake</c> or <c>TryPop</c> took when it took one, and some code of the compilation
    /// gives clients back to the same collection (<c>Enqueue</c>, <c>Add</c>, <c>Push</c> with a client).
    /// </summary>
    private static Storage PooledOnMiss(ExpressionSyntax creation, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var (block, statement) in EnclosingStatements(creation, body))
        {
            for (var i = block.Statements.IndexOf(statement) - 1; i >= 0; i--)
            {
                if (block.Statements[i] is IfStatementSyntax { Else: null, Condition: InvocationExpressionSyntax take } check &&
                    TakenFromPool(take) is ({ } pool, { } taken) && ReturnsOnly(check.Statement, taken) &&
                    LongLivedStorage.CollectionStorage(pool, model, cancellationToken) is var storage && storage != Storage.None &&
                    model.GetSymbolInfo(pool, cancellationToken).Symbol is { } collection &&
                    IsRefilled(collection, model.Compilation, cancellationToken))
                {
                    return storage;
                }
            }
        }

        return Storage.None;
    }

    /// <summary><c>pool.TryDequeue(out var x)</c> (or <c>TryTake</c>, <c>TryPop</c>): the pool and the name of what it takes.</summary>
    private static (ExpressionSyntax? Pool, string? Taken) TakenFromPool(InvocationExpressionSyntax call) =>
        call is
        {
            Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryDequeue" or "TryTake" or "TryPop", Expression: var pool },
            ArgumentList.Arguments: { Count: 1 } arguments,
        } &&
        arguments[0].RefKindKeyword.IsKind(SyntaxKind.OutKeyword) &&
        arguments[0].Expression switch
        {
            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax single } => single.Identifier.ValueText,
            IdentifierNameSyntax name => name.Identifier.ValueText,
            _ => null,
        } is { } taken
            ? (pool, taken)
            : (null, null);

    /// <summary><c>return x;</c>, alone or as the only statement of a block.</summary>
    private static bool ReturnsOnly(StatementSyntax statement, string name) =>
        (statement is BlockSyntax { Statements: { Count: 1 } statements } ? statements[0] : statement) is
            ReturnStatementSyntax { Expression: IdentifierNameSyntax returned } &&
        returned.Identifier.ValueText == name;

    /// <summary>Some code of the compilation gives a client back to <paramref name="collection"/>: <c>pool.Enqueue(client)</c>, <c>Add</c>, <c>Push</c>.</summary>
    private static bool IsRefilled(ISymbol collection, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var name in SyntaxTreeIndex.SimpleNames(compilation, collection.Name, cancellationToken))
        {
            ExpressionSyntax receiver = name.Parent is MemberAccessExpressionSyntax { Name: var member } qualified && member == name ? qualified : name;
            if (receiver.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enqueue" or "Add" or "Push" } give ||
                give.Expression != receiver ||
                give.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call || call.Expression != give)
            {
                continue;
            }

            // The collection's element type is the client the pool hands out: whatever is given to it is a client.
            var model = compilation.ModelFor(name.SyntaxTree);
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol?.OriginalDefinition, collection.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
