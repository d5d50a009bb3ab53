using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A member that memoizes its result runs the code between its cache check and its cache store once per key (or once
/// per holder of a lazily set field):
/// <code>
/// if (s_hosts.TryGetValue(port, out var host)) return host;
/// using var client = new HttpClient();          // once per port, not per call
/// host = await ProbeAsync(client, port);
/// s_hosts.TryAdd(port, host);
/// </code>
/// <code>
/// if (_source != null) return;
/// var handler = new HttpClientHandler();        // once per object: _source is set below
/// _source = new Source(() => handler);
/// </code>
/// <code>
/// if (!s_rulesInitialized)
/// {
///     InitRules();                             // once per process: the flag is set below
///     s_rulesInitialized = true;
/// }
/// </code>
/// The creation itself is not what is cached, so <see cref="CreationFlow"/> does not see the storage. The same holds for
/// a call (<see cref="ClassifyRun"/>): the code between the check and the store runs once per key, whatever it makes.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// Where the memoized results of <paramref name="creation"/>'s member are kept, or <see cref="Storage.None"/>.
    /// A later statement of a block that holds the creation (so it runs whenever the creation completes normally) stores
    /// into a cache under a key (<c>TryAdd</c>, <c>Add</c>, <c>AddOrUpdate</c>, <c>Set</c>, <c>cache[key] = ...</c>) or
    /// into a field (<c>_source = ...</c>), and the creation runs only on a miss of that same cache and key: an earlier
    /// statement returns when <c>cache.TryGetValue(key, out ...)</c> / <c>cache.ContainsKey(key)</c> finds it or the
    /// field is not null, or the creation is inside <c>if</c> on the opposite test.
    /// </summary>
    private static Storage MemoizedPerKey(ExpressionSyntax creation, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var (block, statement) in EnclosingStatements(creation, body))
        {
            // using (var client = new HttpClient()) { ...; _token = read; }: the statements of the block the creation's own
            // 'using' runs (through nested usings) run whenever it completes normally, after it.
            var index = block.Statements.IndexOf(statement);
            var candidates = new List<(StatementSyntax Statement, int Order)>();
            for (var i = 0; i < block.Statements.Count; i++)
            {
                candidates.Add((block.Statements[i], i.CompareTo(index)));
            }

            if (statement is UsingStatementSyntax { Declaration: { } declaration } usingStatement && declaration.Span.Contains(creation.Span))
            {
                foreach (var inner in UsingBody(usingStatement))
                {
                    candidates.Add((inner, 1));
                }
            }

            foreach (var (candidate, order) in candidates)
            {
                // A cache is filled after the work (order > 0), or by the statement that makes it (return s_clients.GetOrAdd(key,
                // new HttpClient()); after the miss check); a flag may be raised before it too, right after its guard:
                // if (Inited) return; Inited = true; ... new ApiService(...) ...
                if (order == 0 && !(GetOrAddOf(candidate) is { } store && store.ArgumentList.Arguments[1].Span.Contains(creation.Span)) ||
                    CacheStore(candidate) is not (var cache, var key) ||
                    order < 0 && key is not null ||
                    (key is null ? FieldStorage(cache, model, cancellationToken) : LongLivedStorage.CollectionStorage(cache, model, cancellationToken)) is var storage &&
                    storage == Storage.None ||
                    model.GetSymbolInfo(cache, cancellationToken).Symbol is not { } cacheSymbol ||
                    (IsFlag(cacheSymbol) ? !SetsTrue(candidate) || Lowers(body, cacheSymbol, model, cancellationToken) || IsSharedBusyGuard(body, cacheSymbol, model, cancellationToken) : order < 0) ||
                    !(RunsOnlyOnAMiss(creation, body, cacheSymbol, key, model, cancellationToken) ||
                      key is null && order > 0 && EveryCallRunsOnlyOnAMiss(body, cacheSymbol, model, cancellationToken)) ||
                    order < 0 && !RunsOnlyOnAMiss(candidate, body, cacheSymbol, key: null, model, cancellationToken))
                {
                    continue;
                }

                return storage;
            }
        }

        return Storage.None;
    }

    /// <summary>
    /// Where a field store keeps its value: a field of this instance or a static one, or a member of an entry a cache hands
    /// out under a key (<c>var entry = _clients.GetOrAdd(name, ...); if (entry.Client != null) return entry.Client; ...
    /// entry.Client = client;</c>): once per key, as long as the collection.
    /// </summary>
    private static Storage FieldStorage(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken) =>
        LongLivedStorage.StorageOf(target, model, cancellationToken) is var storage && storage != Storage.None
            ? storage
            : LongLivedStorage.EntryMemberStorage(target, model, cancellationToken);

    /// <summary>The statements of the block a <c>using</c> statement runs, through nested <c>using</c>s without a block of their own.</summary>
    private static SyntaxList<StatementSyntax> UsingBody(UsingStatementSyntax usingStatement)
    {
        var body = usingStatement.Statement;
        while (body is UsingStatementSyntax nested)
        {
            body = nested.Statement;
        }

        return body is BlockSyntax block ? block.Statements : default;
    }

    /// <summary>
    /// <c>_validState == -1</c> (or <c>!=</c>, either side): the side that names <paramref name="cache"/>, a private field of a
    /// number or enum type, compared with a constant that no store of the field in its type writes. Every write of it outside its
    /// declaration (in every part of the type) must be an assignment of constants (<c>= 1</c>, <c>= ok ? 1 : 0</c>) other than
    /// that one: once the work has stored, the guard never passes again (a reset, <c>_validState = -1;</c>, makes it pass again;
    /// a value not constant may be the sentinel). Null otherwise.
    /// </summary>
    private static ExpressionSyntax? SentinelTested(BinaryExpressionSyntax comparison, ISymbol cache, SemanticModel model, CancellationToken cancellationToken)
    {
        var (tested, sentinel) = NamesCache(comparison.Left) ? (comparison.Left, comparison.Right)
            : NamesCache(comparison.Right) ? (comparison.Right, comparison.Left)
            : (null, null);
        if (tested is null || sentinel is null ||
            cache is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private, Type: var type } field ||
            !(type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64) ||
            model.GetConstantValue(sentinel, cancellationToken) is not { HasValue: true, Value: { } value })
        {
            return null;
        }

        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var part = reference.GetSyntax(cancellationToken);
            var partModel = model.For(part.SyntaxTree);
            foreach (var name in part.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name)
                {
                    continue;
                }

                // _validState, this._validState, or another instance's (other._validState = -1 resets that one's guard).
                var written = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                switch (written.Parent)
                {
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store when store.Left == written:
                        if (!WritesOnlyOtherConstants(store.Right))
                        {
                            return null;
                        }

                        continue;
                    case AssignmentExpressionSyntax compound when compound.Left == written:
                    case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
                    case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None }:
                        return null;
                }
            }

            bool WritesOnlyOtherConstants(ExpressionSyntax stored) => stored.Unwrap() switch
            {
                ConditionalExpressionSyntax choice => WritesOnlyOtherConstants(choice.WhenTrue) && WritesOnlyOtherConstants(choice.WhenFalse),
                var other => partModel.GetConstantValue(other, cancellationToken) is { HasValue: true, Value: { } written } && !SameNumber(written, value),
            };
        }

        return tested;

        // 1 and 1L, an enum member and its value: compared as numbers; anything else counts as the same (the guard is then not read).
        static bool SameNumber(object left, object right) =>
            left is sbyte or byte or short or ushort or int or uint or long or ulong or char && right is sbyte or byte or short or ushort or int or uint or long or ulong or char
                ? System.Convert.ToDecimal(left, System.Globalization.CultureInfo.InvariantCulture) == System.Convert.ToDecimal(right, System.Globalization.CultureInfo.InvariantCulture)
                : true;

        bool NamesCache(ExpressionSyntax side) => side.Unwrap() switch
        {
            IdentifierNameSyntax simple => simple.Identifier.ValueText == cache.Name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == cache.Name,
            _ => false,
        };
    }

    /// <summary>A <c>bool</c> field or property: <c>if (!s_initialized) { Initialize(); s_initialized = true; }</c>.</summary>
    private static bool IsFlag(ISymbol symbol) =>
        symbol switch
        {
            IFieldSymbol field => field.Type.SpecialType == SpecialType.System_Boolean,
            IPropertySymbol property => property.Type.SpecialType == SpecialType.System_Boolean,
            _ => false,
        };

    /// <summary>
    /// The member that raises <paramref name="flag"/> also lowers it (<c>_running = false;</c> when it is done, also in a
    /// lambda it runs, or in a method it calls on this object: <see cref="LowersThroughCalls"/>): a guard against running
    /// twice at once, not a mark that the work is done, so the work runs again on the next call. A lowering elsewhere (a
    /// <c>Reset()</c> on logout that the work does not call) does not make the flag a busy guard.
    /// </summary>
    private static bool Lowers(BlockSyntax body, ISymbol flag, SemanticModel model, CancellationToken cancellationToken) =>
        LowersThroughCalls(body, flag, model, new HashSet<SyntaxNode>(), depth: 0, cancellationToken);

    // The methods the work calls on this object (or its type) are followed this many calls deep.
    private const int MaxLoweringDepth = 4;

    /// <summary>
    /// <paramref name="body"/> lowers the flag, or a method it calls on this object (or a static of its type) does, four calls deep
    /// (<c>if (!_isVerifying) { _isVerifying = true; VerifyToken(); }</c>, where <c>VerifyToken</c> starts
    /// <c>InitializeState()</c>, which awaits <c>VerifyAsync()</c>, which ends with <c>_isVerifying = false;</c>): the work the
    /// flag guards lowers it when it is done, so the next call runs it again.
    /// </summary>
    private static bool LowersThroughCalls(SyntaxNode body, ISymbol flag, SemanticModel model, HashSet<SyntaxNode> seen, int depth, CancellationToken cancellationToken)
    {
        if (!seen.Add(body))
        {
            return false;
        }

        if (Assigns(body, flag, SyntaxKind.FalseLiteralExpression, model, cancellationToken))
        {
            return true;
        }

        if (depth >= MaxLoweringDepth)
        {
            return false;
        }

        foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }) ||
                model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                continue;
            }

            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax declaration &&
                    ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is { } callee &&
                    (callee.SyntaxTree == model.SyntaxTree || model.Compilation.ContainsSyntaxTree(callee.SyntaxTree)) &&
                    LowersThroughCalls(callee, flag, model.For(callee.SyntaxTree), seen, depth + 1, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>flag = true;</c> or <c>flag = false;</c> (<paramref name="literal"/>) somewhere in <paramref name="body"/>.</summary>
    private static bool Assigns(SyntaxNode body, ISymbol flag, SyntaxKind literal, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var target, Right: var value } &&
                value.Unwrap().IsKind(literal) &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, flag))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Another member of the flag's type raises and lowers it too (<c>if (Installing) return; Installing = true; ...
    /// Installing = false;</c> in <c>InstallUpdate</c>, beside <c>InstallUpdateDelayed</c>, which only raises it): the flag guards
    /// both against running at once, and once the other is done this one runs again. A member that only lowers it (a
    /// <c>Reset()</c>) is not one.
    /// </summary>
    private static bool IsSharedBusyGuard(BlockSyntax body, ISymbol flag, SemanticModel model, CancellationToken cancellationToken)
    {
        if (flag.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var member in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                if (member.Body is not { } other || other == body || !other.DescendantTokens().Any(token => token.ValueText == flag.Name) ||
                    other.SyntaxTree != model.SyntaxTree && !model.Compilation.ContainsSyntaxTree(other.SyntaxTree))
                {
                    continue;
                }

                var otherModel = other.SyntaxTree == model.SyntaxTree ? model : model.Compilation.ModelFor(other.SyntaxTree);
                if (Lowers(other, flag, otherModel, cancellationToken) && Assigns(other, flag, SyntaxKind.TrueLiteralExpression, otherModel, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The store is <c>flag = true;</c>: only that marks the work done.</summary>
    private static bool SetsTrue(StatementSyntax store) =>
        store is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: var value } } &&
        value.Unwrap().IsKind(SyntaxKind.TrueLiteralExpression);

    /// <summary>
    /// <c>cache.TryAdd(key, value);</c>, <c>cache[key] = value;</c> and the other value stores, or <c>_field = value;</c>
    /// (key null), as a statement; also an <c>if</c> with an <c>else</c> each branch of which stores into the same field
    /// (<c>if (result.IsSuccess) { _branding = result.Value; } else { ...; _branding = Default(); }</c>), or into the same
    /// collection under the same key.
    /// </summary>
    private static (ExpressionSyntax Cache, ExpressionSyntax? Key)? CacheStore(StatementSyntax statement) =>
        statement is IfStatementSyntax { Else.Statement: { } otherwise } branches
            ? StoreOfBranch(branches.Statement) is var (cache, key) && StoreOfBranch(otherwise) is var (otherCache, otherKey) &&
              SyntaxFactory.AreEquivalent(cache, otherCache) && (key is null ? otherKey is null : otherKey is not null && SyntaxFactory.AreEquivalent(key, otherKey))
                ? (cache, key)
                : null
            : CacheStoreStatement(statement);

    /// <summary>
    /// The store a branch makes: the branch is that store (or an <c>else if</c> whose branches all make it), or a block with a
    /// plain store among its own statements (nested branches inside a block are not searched: one walk per statement). Into a
    /// field, or into a collection under a key (<c>if (valid) { Cache.TryAdd(path, data); return data; } else { Cache.TryAdd(path, []); return []; }</c>).
    /// </summary>
    private static (ExpressionSyntax Cache, ExpressionSyntax? Key)? StoreOfBranch(StatementSyntax branch)
    {
        if (branch is not BlockSyntax block)
        {
            return CacheStore(branch);
        }

        foreach (var statement in block.Statements)
        {
            if (CacheStoreStatement(statement) is { } store)
            {
                return store;
            }
        }

        return null;
    }

    private static (ExpressionSyntax Cache, ExpressionSyntax? Key)? CacheStoreStatement(StatementSyntax statement) =>
        GetOrAddOf(statement) is { Expression: MemberAccessExpressionSyntax getOrAdd, ArgumentList.Arguments: { Count: 2 } added }
            ? (getOrAdd.Expression, added[0].Expression)
            : (statement as ExpressionStatementSyntax)?.Expression switch
        {
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryAdd" or "Add" or "AddOrUpdate" or "Set" } store,
                ArgumentList.Arguments: { Count: >= 2 } arguments,
            } => (store.Expression, arguments[0].Expression),
            AssignmentExpressionSyntax
            {
                RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
                Left: ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } index } element,
            } => (element.Expression, index[0].Expression),
            AssignmentExpressionSyntax
            {
                RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
                Left: var field,
            } when field is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } => (field, null),
            _ => null,
        };

    /// <summary>
    /// <c>client = s_clients.GetOrAdd(key, client);</c>, <c>var kept = s_clients.GetOrAdd(key, client);</c>, <c>return
    /// s_clients.GetOrAdd(key, client);</c> or the bare call: the value made on a miss is stored under the key (a racing
    /// duplicate is dropped, once). Only the two-argument form that takes a value; a factory's lambda is followed as a flow.
    /// </summary>
    private static InvocationExpressionSyntax? GetOrAddOf(StatementSyntax statement)
    {
        var value = statement switch
        {
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: var right } } => right,
            ExpressionStatementSyntax { Expression: var expression } => expression,
            ReturnStatementSyntax { Expression: { } returned } => returned,
            LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
            _ => null,
        };
        return value?.Unwrap() is InvocationExpressionSyntax
               {
                   Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetOrAdd" },
                   ArgumentList.Arguments: { Count: 2 } arguments,
               } invocation &&
               arguments[1].Expression.Unwrap() is not AnonymousFunctionExpressionSyntax
            ? invocation
            : null;
    }

    /// <summary>
    /// <paramref name="creation"/> runs only when <paramref name="cache"/> lacks <paramref name="key"/> (or, key null, the
    /// field is null, the flag down), by <see cref="MissGuard"/>. Asked too of a flag's store made before the work (<c>if
    /// (Inited) return; Inited = true;</c>): raised ahead of its guard, the guard would never let the work run.
    /// </summary>
    private static bool RunsOnlyOnAMiss(SyntaxNode creation, BlockSyntax body, ISymbol cache, ExpressionSyntax? key, SemanticModel model, CancellationToken cancellationToken) =>
        MissGuard(creation, body, (condition, onHit) => Tests(condition, onHit, cache, key, model, cancellationToken) ? cache : null) is not null;

    /// <summary>
    /// The flag (or field) is tested by the callers instead: a private method that raises it when its work is done, each call
    /// of which runs only while it is down (<c>if (!selected) InitializeBrowser();</c> in every caller, <c>selected = true;</c>
    /// at the end of <c>InitializeBrowser</c>; <c>if (_token.Length == 0) return await SignIn();</c> with <c>_token = ...;</c> in
    /// <c>SignIn</c>) runs its work once per flag (again only after a run that ended before raising it, or once the
    /// stored expiry has passed). Every reference to the method must be such a call, guarded in a member's own body or in the block of
    /// the lambda it sits in (<see cref="GuardingBody"/>), other than the method itself; a method group, an unguarded call, or no call at all refuses, and so does an event handler's
    /// signature (markup may wire it where no call is seen).
    /// </summary>
    private static bool EveryCallRunsOnlyOnAMiss(BlockSyntax body, ISymbol flag, SemanticModel model, CancellationToken cancellationToken)
    {
        if (body.Parent is not MethodDeclarationSyntax declaration ||
            model.GetDeclaredSymbol(declaration, cancellationToken) is not { DeclaredAccessibility: Accessibility.Private } method ||
            method.Parameters.Length == 2 && method.Parameters[1].Type.Name.EndsWith("EventArgs", StringComparison.Ordinal))
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            var typeModel = model.For(type.SyntaxTree);
            foreach (var token in SyntaxTreeIndex.For(type.SyntaxTree, cancellationToken).Identifiers(method.Name, cancellationToken))
            {
                if (!type.Span.Contains(token.Span) || token.Parent is not SimpleNameSyntax name)
                {
                    continue;
                }

                var info = typeModel.GetSymbolInfo(name, cancellationToken);
                if (!SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, method))
                {
                    if (info.Symbol is null && info.CandidateSymbols.Length > 0)
                    {
                        return false;
                    }

                    continue;
                }

                ExpressionSyntax called = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
                if (called.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != called ||
                    invocation.FirstAncestorOrSelf<SyntaxNode>(static node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax) is not { } caller ||
                    ((caller as BaseMethodDeclarationSyntax)?.Body ?? (caller as AccessorDeclarationSyntax)?.Body) is not { } memberBody ||
                    GuardingBody(invocation, memberBody) is not { } callerBody ||
                    callerBody == body ||
                    !RunsOnlyOnAMiss(invocation, callerBody, flag, key: null, typeModel, cancellationToken))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

    /// <summary>
    /// The block whose guard must hold a call: the caller's own body, or the block body of the innermost lambda around the
    /// call (<c>Task.Run(() => { if (region == null) GetRegion(); ... })</c>: the guard is read each time the lambda runs,
    /// right before the call). A guard outside the lambda does not hold when the lambda runs later, so a call in an
    /// expression-bodied lambda, or in a lambda the guard does not sit in, has none: null.
    /// </summary>
    private static BlockSyntax? GuardingBody(InvocationExpressionSyntax invocation, BlockSyntax memberBody) =>
        invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { } lambda && memberBody.Span.Contains(lambda.Span)
            ? lambda.Block
            : memberBody;

    /// <summary>
    /// What the guard of <paramref name="creation"/> tests, when one lets it run only on a cache's miss: an <c>if</c> whose
    /// branch holds it and whose condition is a miss (<paramref name="test"/> asked with <c>onHit: false</c>), one whose
    /// <c>else</c> holds it and whose condition is a hit (<c>onHit: true</c>), or an earlier
    /// <c>if</c> without <c>else</c> that returns or throws on a hit (<c>onHit: true</c>), a statement of a block around the
    /// creation (not one in a branch beside it). Both in <paramref name="body"/> itself, not inside a lambda or local function
    /// (a lambda the method starts once, <see cref="IsStartedOnce(AnonymousFunctionExpressionSyntax)"/>, excepted). Shared
    /// by the caches in memory (<see cref="MemoizedPerKey"/>) and on disk (<see cref="FillsAMissingFile"/>).
    /// </summary>
    private static T? MissGuard<T>(SyntaxNode creation, BlockSyntax body, Func<ExpressionSyntax, bool, T?> test)
        where T : class
    {
        for (var node = creation.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax lambda && !IsStartedOnce(lambda) || node is LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (node.Parent is IfStatementSyntax { Condition: var condition } ifStatement && ifStatement.Statement == node &&
                test(condition, false) is { } onMiss)
            {
                return onMiss;
            }

            // if (File.Exists(path)) { return ...; } else { ... new HttpClient() ... }: the else runs only on a miss.
            if (node is ElseClauseSyntax { Parent: IfStatementSyntax { Condition: var hitCondition } } &&
                test(hitCondition, true) is { } onElse)
            {
                return onElse;
            }
        }

        var creationStart = creation.SpanStart;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart >= creationStart)
            {
                break;
            }

            if (node is IfStatementSyntax { Condition: var condition, Statement: var then, Else: null } && then.Span.End <= creationStart &&
                ExitsOnAHit(then) && IsStatementOfAnEnclosingBlock(node, creation, body) && test(condition, true) is { } onHit)
            {
                return onHit;
            }
        }

        return null;
    }

    /// <summary>An <c>if</c> that returns guards the creation only when it sits in a block around it, not in a branch beside it.</summary>
    private static bool IsStatementOfAnEnclosingBlock(SyntaxNode statement, SyntaxNode creation, BlockSyntax body)
    {
        for (var node = creation.Parent; node is not null; node = node.Parent)
        {
            if (node == statement.Parent)
            {
                return true;
            }

            if (node == body)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="condition"/> is true exactly on a hit (<paramref name="onHit"/>) or a miss of the cache and key:
    /// <c>cache.TryGetValue(key, out ...)</c>, <c>cache.ContainsKey(key)</c> and their negation; for a field,
    /// <c>field != null</c>, <c>field is not null</c>, <c>field is {}</c> and <c>field == null</c>, <c>field is null</c>; for a
    /// <c>bool</c> flag, <c>flag</c> and <c>!flag</c>. A hit may also ask the entry to be fresh (<c>hit &amp;&amp; fresh</c>,
    /// a miss <c>miss || stale</c>): the work then runs once per key and staleness, and stores its result again.
    /// </summary>
    private static bool Tests(ExpressionSyntax condition, bool onHit, ISymbol cache, ExpressionSyntax? key, SemanticModel model, CancellationToken cancellationToken)
    {
        condition = condition.Unwrap();
        if (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var negated })
        {
            return Tests(negated, !onHit, cache, key, model, cancellationToken);
        }

        // 'if (s_cache.TryGetValue(key, out var info) && DateTime.UtcNow < info.ExpiredUtc) return info.Value;': a hit that must
        // also be fresh (or a miss that may also be stale). A stale entry is made again and stored again: once per key and expiry.
        var firstTest = condition switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression, Left: var found } when onHit => found,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression, Left: var missing } when !onHit => missing,
            _ => null,
        };
        if (firstTest is not null)
        {
            return Tests(firstTest, onHit, cache, key, model, cancellationToken);
        }

        ExpressionSyntax? tested;
        bool isHit;
        if (key is not null)
        {
            if (condition is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" or "ContainsKey" } lookup,
                    ArgumentList.Arguments: { Count: >= 1 } arguments,
                } &&
                SyntaxFactory.AreEquivalent(arguments[0].Expression.Unwrap(), key.Unwrap()))
            {
                tested = lookup.Expression;
                isHit = true;
            }
            else if (LookedUpLocal(condition, model, cancellationToken) is ({ } looked, var whenFound) &&
                     SyntaxFactory.AreEquivalent(looked.Key.Unwrap(), key.Unwrap()))
            {
                // var name = _cache.Get<string>(key); if (name != null) return name;: the local holds what the lookup found.
                tested = looked.Cache;
                isHit = whenFound;
            }
            else
            {
                return false;
            }
        }
        else
        {
            (tested, isHit) = condition switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } notNull => (notNull.Left, true),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } isNull => (isNull.Left, false),
                IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNull => (isNotNull.Expression, true),
                IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNullPattern => (isNullPattern.Expression, false),
                IsPatternExpressionSyntax { Pattern: RecursivePatternSyntax { Designation: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0 } } isSomething => (isSomething.Expression, true),
                // if (s_initialized) return; / if (!s_initialized) { ...; s_initialized = true; }: a flag is a hit when set.
                IdentifierNameSyntax or MemberAccessExpressionSyntax when IsFlag(cache) => (condition, true),
                // if (_validState == -1) { ...; _validState = ok ? 1 : 0; }: a sentinel no store writes back is a miss while it holds.
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison
                    when SentinelTested(comparison, cache, model, cancellationToken) is { } sentinelField =>
                    (sentinelField, comparison.IsKind(SyntaxKind.NotEqualsExpression)),
                _ => EmptyOrExpired(condition) ?? ((ExpressionSyntax?)null, false),
            };
            if (tested is null)
            {
                return false;
            }
        }

        // The name first: most guards a member has (argument checks that throw, other fields) test something else, and
        // binding each of them would cost more than the rest of the walk.
        return isHit == onHit &&
               tested.Unwrap() switch
               {
                   SimpleNameSyntax simple => simple.Identifier.ValueText == cache.Name,
                   MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == cache.Name,
                   _ => true,
               } &&
               SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(tested, cancellationToken).Symbol, cache);
    }

    /// <summary>
    /// <c>name != null</c> (or <c>== null</c>, <c>is not null</c>, <c>is null</c>) for a local initialized once by a lookup of a
    /// cache under a key (<c>var name = _cache.Get&lt;string&gt;(key);</c>, <c>_cache.Get(key)</c>, <c>_cache.GetValueOrDefault(key)</c>)
    /// and never assigned again: the cache and key looked up, and whether the test holds when the key was found.
    /// </summary>
    private static ((ExpressionSyntax Cache, ExpressionSyntax Key) Lookup, bool WhenFound)? LookedUpLocal(ExpressionSyntax condition, SemanticModel model, CancellationToken cancellationToken)
    {
        var (tested, whenFound) = condition switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: IdentifierNameSyntax local, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } => (local, true),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Left: IdentifierNameSyntax local, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } => (local, false),
            IsPatternExpressionSyntax { Expression: IdentifierNameSyntax local, Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } => (local, true),
            IsPatternExpressionSyntax { Expression: IdentifierNameSyntax local, Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } => (local, false),
            _ => ((IdentifierNameSyntax?)null, false),
        };

        if (tested is null ||
            model.GetSymbolInfo(tested, cancellationToken).Symbol is not ILocalSymbol { DeclaringSyntaxReferences: { Length: 1 } declarations } symbol ||
            declarations[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initializer } declarator ||
            initializer.Unwrap() is not InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Get" or "GetValueOrDefault", Expression: var cache },
                ArgumentList.Arguments: { Count: 1 } arguments,
            } ||
            declarator.FirstAncestorOrSelf<BlockSyntax>() is not { } scope ||
            scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment => assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == symbol.Name))
        {
            return null;
        }

        return ((cache, arguments[0].Expression), whenFound);
    }

    /// <summary>
    /// A field tested for its unset value or for its time having passed, read as a miss: <c>_token.Length == 0</c>,
    /// <c>string.IsNullOrEmpty(_token)</c>, <c>_page == ""</c> (a hit when negated, <c>Length &gt; 0</c> or <c>!= ""</c>); <c>DateTime.Now &gt; _expireAt</c>,
    /// <c>_expireAt &lt;= DateTime.UtcNow</c>, <c>DateTime.Now.CompareTo(_expireAt) &gt; 0</c>, <c>(DateTime.Now - _lastUpdate).TotalSeconds &gt; period</c>
    /// (a hit the other way round). The guarded work stores the field again (a token, its expiry, the moment of the last
    /// fetch): once per holder, or once per expiry or period.
    /// </summary>
    private static (ExpressionSyntax? Tested, bool IsHit)? EmptyOrExpired(ExpressionSyntax condition)
    {
        static bool IsEmptyString(ExpressionSyntax value) => value.Unwrap() switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression, Token.ValueText.Length: 0 } => true,
            MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" }, Name.Identifier.ValueText: "Empty" } => true,
            _ => false,
        };

        switch (condition)
        {
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" }, Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" },
                ArgumentList.Arguments: { Count: 1 } arguments,
            }:
                return (arguments[0].Expression.Unwrap(), false);

            // ReadmePage == "" / _token != string.Empty: a string field set to empty until the guarded work fills it.
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression, Left: var tested, Right: var emptyString } comparedWithEmpty
                when IsEmptyString(emptyString):
                return (tested.Unwrap(), comparedWithEmpty.IsKind(SyntaxKind.NotEqualsExpression));

            case BinaryExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length, Right: LiteralExpressionSyntax { Token.ValueText: "0" } } empty:
                return empty.Kind() switch
                {
                    SyntaxKind.EqualsExpression => (length.Expression.Unwrap(), false),
                    SyntaxKind.NotEqualsExpression or SyntaxKind.GreaterThanExpression => (length.Expression.Unwrap(), true),
                    _ => null,
                };

            // DateTime.Now.CompareTo(_expireAt) > 0: now is past the expiry.
            case BinaryExpressionSyntax
            {
                RawKind: (int)SyntaxKind.GreaterThanExpression or (int)SyntaxKind.LessThanOrEqualExpression,
                Left: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var now, Name.Identifier.ValueText: "CompareTo" }, ArgumentList.Arguments: { Count: 1 } compared },
                Right: LiteralExpressionSyntax { Token.ValueText: "0" },
            } comparison when IsNow(now):
                return (compared[0].Expression.Unwrap(), comparison.IsKind(SyntaxKind.LessThanOrEqualExpression));

            case BinaryExpressionSyntax { Left: var left, Right: var right } elapsedOrdering when ElapsedSince(left) is not null || ElapsedSince(right) is not null:
            {
                // '(DateTime.Now - _lastCacheUpdate).TotalSeconds > CacheSeconds' is a miss (stale); '... < CacheSeconds' a hit.
                var elapsedOnLeft = ElapsedSince(left) is not null;
                var stale = elapsedOrdering.Kind() switch
                {
                    SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression => elapsedOnLeft,
                    SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression => !elapsedOnLeft,
                    _ => (bool?)null,
                };
                return stale is { } isStale ? (ElapsedSince(elapsedOnLeft ? left : right), !isStale) : null;
            }

            case BinaryExpressionSyntax { Left: var left, Right: var right } ordering when IsNow(left) || IsNow(right):
                // 'now > expiry' / 'expiry < now' is a miss; 'now < expiry' / 'expiry > now' a hit.
                var nowOnLeft = IsNow(left);
                var pastExpiry = ordering.Kind() switch
                {
                    SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression => nowOnLeft,
                    SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression => !nowOnLeft,
                    _ => (bool?)null,
                };
                return pastExpiry is { } missed ? ((nowOnLeft ? right : left).Unwrap(), !missed) : null;

            default:
                return null;
        }

        static bool IsNow(ExpressionSyntax expression) =>
            expression.Unwrap() is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "DateTime" or "DateTimeOffset" }, Name.Identifier.ValueText: "Now" or "UtcNow" };

        // The time since a stored moment: 'DateTime.Now - _last' or 'DateTime.UtcNow.Subtract(_last)', as it is or as one of its
        // totals ('.TotalSeconds'): the stored moment, or null.
        static ExpressionSyntax? ElapsedSince(ExpressionSyntax expression)
        {
            var elapsed = expression.Unwrap() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TotalMilliseconds" or "TotalSeconds" or "TotalMinutes" or "TotalHours" or "TotalDays" } total
                ? total.Expression.Unwrap()
                : expression.Unwrap();
            return elapsed switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.SubtractExpression, Left: var now, Right: var since } when IsNow(now) => since.Unwrap(),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var now, Name.Identifier.ValueText: "Subtract" }, ArgumentList.Arguments: { Count: 1 } arguments } when IsNow(now) =>
                    arguments[0].Expression.Unwrap(),
                _ => null,
            };
        }
    }

    /// <summary>
    /// The branch taken on a hit leaves the member: <c>return</c>, <c>throw</c>, a block ending in one, an <c>if</c> / <c>else</c>
    /// both branches of which leave (<c>if (data.Status) return data.Content; else throw ...;</c>), or a block holding only an
    /// <c>if</c> without <c>else</c> that leaves (<c>if (hit) { if (fresh) return value; }</c>, read as <c>hit &amp;&amp;
    /// fresh</c>: the work runs again once the entry is stale, and stores it again).
    /// </summary>
    private static bool ExitsOnAHit(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        IfStatementSyntax { Statement: var then, Else.Statement: var otherwise } => ExitsOnAHit(then) && ExitsOnAHit(otherwise),
        BlockSyntax { Statements: { Count: 1 } only } when only[0] is IfStatementSyntax { Else: null, Statement: var nested } => ExitsOnAHit(nested),
        BlockSyntax { Statements: { Count: > 0 } statements } => statements[statements.Count - 1] is var last &&
                                                                 (last is ReturnStatementSyntax or ThrowStatementSyntax || last is IfStatementSyntax { Else: not null } && ExitsOnAHit(last)),
        _ => false,
    };

    /// <summary>
    /// A lambda the method starts on the thread pool as it runs, its first argument: <c>Task.Run(() => ...)</c>,
    /// <c>Task.Factory.StartNew(...)</c>, <c>ThreadPool.QueueUserWorkItem(...)</c>. It runs once each time the statement that
    /// starts it runs, so a guard of the method around that statement (<c>if (IsUsed) throw ...; IsUsed = true;</c>) guards
    /// what the lambda makes too. The shape, read from syntax; <see cref="IsStartedOnce(AnonymousFunctionExpressionSyntax, SemanticModel, CancellationToken)"/>
    /// also binds the call.
    /// </summary>
    private static bool IsStartedOnce(AnonymousFunctionExpressionSyntax lambda) => StartingCall(lambda) is not null;

    private static bool IsStartedOnce(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken) =>
        StartingCallOf(lambda, model, cancellationToken) is not null;

    /// <summary>
    /// The thread-pool start (<c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c>), bound, that a
    /// lambda or method group is the first argument of: it runs the delegate once each time it runs. Null otherwise.
    /// </summary>
    private static InvocationExpressionSyntax? StartingCallOf(ExpressionSyntax @delegate, SemanticModel model, CancellationToken cancellationToken) =>
        StartingCall(@delegate) is { } call &&
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ContainingType: var type } && type.IsThreadPoolStarter()
            ? call
            : null;

    /// <summary>The call a lambda or method group is the first argument of, when it is named as a thread-pool start.</summary>
    private static InvocationExpressionSyntax? StartingCall(ExpressionSyntax @delegate) =>
        @delegate.ParentSkippingParenthesesAndCasts() is ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } arguments } argument &&
        arguments.Arguments.IndexOf(argument) == 0 &&
        invocation.InvokedName() is "Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem"
            ? invocation
            : null;

    /// <summary>
    /// Each statement that holds <paramref name="node"/> directly in a block, with that block, from the innermost out to
    /// <paramref name="body"/>: where the statements before and after the node's own run with it.
    /// </summary>
    private static IEnumerable<(BlockSyntax Block, StatementSyntax Statement)> EnclosingStatements(SyntaxNode node, BlockSyntax body)
    {
        for (SyntaxNode child = node, parent = node.Parent!; parent is not null && child != body; child = parent, parent = parent.Parent!)
        {
            if (parent is BlockSyntax block && child is StatementSyntax statement)
            {
                yield return (block, statement);
            }
        }
    }
}
