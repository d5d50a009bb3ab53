using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Methods that hand out responses a member of their type keeps: a response cache. Every <c>return</c> gives a response
/// taken from a field's collection (<c>_cache.TryGetValue(uri, out var cached) ... return cached;</c>,
/// <c>return _cache[uri];</c>, <c>return await _cache.GetOrCreateAsync(uri, ...)</c>), one stored there before it is
/// returned (<c>_cache[uri] = response; return response;</c>, also inside a tuple entry: <c>_cache.TryAdd(uri, (DateTime.Now,
/// response))</c>, returned as <c>entry.response</c>), what a sibling cache method returns (<c>var task = FetchAsync(uri);
/// return task.Result;</c>), a field itself, or <c>null</c>. The cache owns those
/// responses: a caller that disposed one would break the next reader, so callers are not asked to.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsKept = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation and returning a response (or a task of one),
    /// returns only responses its type keeps (see the type's summary), and at least one. Read from the declaration; the one
    /// thing bound is a call of a sibling method whose result (or task) is returned, decided by that sibling's own summary, in
    /// this compilation's syntax trees only (a referenced project compiled from source is not part of it). A cycle of such
    /// methods counts as not keeping.
    /// </summary>
    public bool ReturnsOnlyResponsesItKeeps(IMethodSymbol method) => SummaryOfReturns(method, _returnsKept, SummarizeKeptReturnsOnce);

    /// <summary>
    /// A summary of what <paramref name="method"/>, declared in this compilation and returning a response (or a task of one),
    /// returns: read once per method by <paramref name="summarize"/> and kept in <paramref name="summaries"/>.
    /// </summary>
    private bool SummaryOfReturns(IMethodSymbol method, ConcurrentDictionary<IMethodSymbol, bool> summaries, Func<IMethodSymbol, bool> summarize)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        return definition.DeclaringSyntaxReferences.Length == 1 && _types.IsResponseOrTaskOfResponse(definition.ReturnType) &&
               summaries.GetOrAdd(definition, summarize);
    }

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_summarizingKept;

    /// <summary>A method whose responses come from itself (recursion, or a cycle of such methods) is not taken as a cache.</summary>
    private bool SummarizeKeptReturnsOnce(IMethodSymbol method)
    {
        var summarizing = t_summarizingKept ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!summarizing.Add(method))
        {
            return false;
        }

        try
        {
            return SummarizeKeptReturns(method);
        }
        finally
        {
            summarizing.Remove(method);
        }
    }

    private bool SummarizeKeptReturns(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences[0].GetSyntax() is not BaseMethodDeclarationSyntax { Body: { } body } declaration)
        {
            return false;
        }

        // A bare name the method does not declare itself is a member (a field, a property, or a static one).
        var declared = declaration.DeclaredNames();
        var cachedLocals = new HashSet<string>(StringComparer.Ordinal);
        var returned = new List<ExpressionSyntax?>();
        foreach (var node in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax @return:
                    returned.Add(@return.Expression);
                    break;

                // _cache.TryGetValue(uri, out HttpResponseMessage cached): 'cached' is the cache's.
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" or "TryGet" or "TryPeek" } lookup } call
                    when IsMember(lookup.Expression, declared):
                    foreach (var argument in call.ArgumentList.Arguments)
                    {
                        if (argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && OutName(argument.Expression) is { } name)
                        {
                            cachedLocals.Add(name);
                        }
                    }

                    break;

                // _cache[uri] = response; _last = response: 'response' is kept by the member it is stored in. Not an object
                // initializer's 'new ApiException(body) { Response = response }': that member is the new object's, not this type's.
                case AssignmentExpressionSyntax { Right: IdentifierNameSyntax stored } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
                    !assignment.Parent.IsKind(SyntaxKind.ObjectInitializerExpression) && !assignment.Parent.IsKind(SyntaxKind.WithInitializerExpression) &&
                    assignment.Left switch
                    {
                        ElementAccessExpressionSyntax element => IsMember(element.Expression, declared),
                        var target => IsMember(target, declared),
                    }:
                    cachedLocals.Add(stored.Identifier.ValueText);
                    break;

                // _cache.Add(uri, response), _cache.TryAdd(uri, response), _cache.TryAdd(uri, (DateTime.Now, response))
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "TryAdd" or "Set" or "AddOrUpdate" } store } call
                    when IsMember(store.Expression, declared):
                    foreach (var argument in call.ArgumentList.Arguments)
                    {
                        if (argument.Expression is IdentifierNameSyntax added)
                        {
                            cachedLocals.Add(added.Identifier.ValueText);
                        }
                        else if (argument.Expression is TupleExpressionSyntax entry)
                        {
                            foreach (var element in entry.Arguments)
                            {
                                if (element.Expression is IdentifierNameSyntax inEntry)
                                {
                                    cachedLocals.Add(inEntry.Identifier.ValueText);
                                }
                            }
                        }
                    }

                    break;
            }
        }

        // Calls of sibling methods are bound in this compilation's trees only (a referenced project compiled from source is
        // not part of it).
        var model = _compilation.ContainsSyntaxTree(body.SyntaxTree) ? _compilation.ModelFor(body.SyntaxTree) : null;
        var any = false;
        foreach (var expression in returned)
        {
            var value = expression?.Unwrap();
            if (value is AwaitExpressionSyntax awaited)
            {
                value = awaited.Expression.Unwrap();
            }

            if (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configured })
            {
                value = configured.Expression.Unwrap();
            }

            if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: IdentifierNameSyntax awaitedTask })
            {
                // requestTask.Result: what the task's local holds.
                value = awaitedTask;
            }

            if (value is IdentifierNameSyntax named && !cachedLocals.Contains(named.Identifier.ValueText) && model is not null &&
                model.GetSymbolInfo(named).Symbol is ILocalSymbol taskLocal && LongLivedStorage.OnlyValueOf(taskLocal, model, CancellationToken.None) is { } onlyValue)
            {
                // var requestTask = FetchAsync(url); ... return requestTask.Result;: the local's one value, another method's.
                value = onlyValue.Unwrap();
            }

            switch (value)
            {
                case { } nothing when nothing.IsNullOrDefault():
                    continue;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
                    when model is not null && model.GetSymbolInfo(call).Symbol is IMethodSymbol sibling &&
                         SymbolEqualityComparer.Default.Equals(sibling.ContainingType, method.ContainingType) &&
                         ReturnsOnlyResponsesItKeeps(sibling):
                    // return await FetchAsync(url), whose every response is kept by this type's cache.
                    any = true;
                    continue;
                // return result.response: the response inside an entry taken from the cache.
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax entry } when cachedLocals.Contains(entry.Identifier.ValueText):
                case IdentifierNameSyntax local when cachedLocals.Contains(local.Identifier.ValueText):
                case ElementAccessExpressionSyntax element when IsMember(element.Expression, declared):
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetOrCreate" or "GetOrCreateAsync" or "GetOrAdd" or "AddOrUpdate" } cache }
                    when IsMember(cache.Expression, declared):
                    any = true;
                    continue;
                default:
                    return false;
            }
        }

        return any;
    }

    /// <summary><c>this.x</c>, or a bare name the method does not declare: a field or property of the type (or a static one).</summary>
    private static bool IsMember(ExpressionSyntax expression, HashSet<string> declared) => expression.Unwrap() switch
    {
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => true,
        IdentifierNameSyntax name => !declared.Contains(name.Identifier.ValueText),
        _ => false,
    };

    private static string? OutName(ExpressionSyntax expression) => expression switch
    {
        DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } => designation.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };
}
