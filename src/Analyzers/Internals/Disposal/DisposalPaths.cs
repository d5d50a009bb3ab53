using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// "Is this local disposed on every path?", answered on the control-flow graph of the function that
/// declares it. One bit of state per block (may the local still hold an undisposed value?),
/// propagated to a fixed point. Exceptional paths are not followed: the question is the early
/// <c>return</c> or <c>break</c> that skips <c>Dispose()</c>. A catch block is entered with nothing held, so what it
/// acquires, and the code reached only through it, are walked too.
/// </summary>
internal static class DisposalPaths
{
    /// <summary>True: some path reaches the exit holding the value; false: none does; null: no graph for this member.</summary>
    public static bool? LeaksOnSomePath(IOperation root, ISymbol local, SyntaxNode acquisition, CancellationToken cancellationToken) =>
        FindLeak(root, local, acquisition, handOffs: null, cancellationToken) is { } leak ? leak.Leaks : null;

    /// <summary>
    /// The first path found that drops the value: it reaches the function's exit still holding it, or
    /// overwrites the local while it holds it. <paramref name="handOffs"/> are the references to the
    /// local that hand the value on (returned, stored, wrapped, thrown inside an exception): on the
    /// paths through them the value is no longer this function's to dispose. With <paramref name="copy"/>, another local the
    /// value is copied into (<c>lastResult = result;</c>): its disposals and hand-offs count as the value's, and replacing
    /// <paramref name="local"/> is no longer a drop (the copy may still hold the value). Null: no graph.
    /// </summary>
    public static PathLeak? FindLeak(IOperation root, ISymbol local, SyntaxNode acquisition, ISet<SyntaxNode>? handOffs, CancellationToken cancellationToken, ILocalSymbol? copy = null) =>
        FindLeak(root, local, acquisition, handOffs, copy, readMode: false, cancellationToken);

    /// <summary>
    /// The first path found that drops a content stream together with the response it was read from: <paramref name="response"/>
    /// holds something to release from <paramref name="read"/> (the stream read) on, until the response is disposed or handed on
    /// (<paramref name="handOffs"/>: the response's and the stream's hand-offs), the stream in <paramref name="stream"/> is, or
    /// the response is replaced. A response handed on or disposed before the read stays released: whoever took it disposes
    /// the content read later too. Assigning the response a new value starts over. Null: no graph.
    /// </summary>
    public static PathLeak? FindStreamLeak(IOperation root, ILocalSymbol response, SyntaxNode read, ISet<SyntaxNode> handOffs, ILocalSymbol? stream, CancellationToken cancellationToken) =>
        FindLeak(root, response, read, handOffs, stream, readMode: true, cancellationToken);

    private static PathLeak? FindLeak(IOperation root, ISymbol local, SyntaxNode acquisition, ISet<SyntaxNode>? handOffs, ILocalSymbol? copy, bool readMode, CancellationToken cancellationToken)
    {
        ControlFlowGraph? memberGraph;
        try
        {
            memberGraph = root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
                IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
                IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // Create refuses roots it does not support (documented); the caller then trusts the explicit Dispose().
            memberGraph = null;
        }

        if (memberGraph is null || FunctionGraph(memberGraph, local.ContainingSymbol, cancellationToken) is not { } graph)
        {
            return null;
        }

        if (handOffs is { Count: > 0 } && !AllInGraph(graph, handOffs))
        {
            // A hand-off the graph rewrote beyond recognition: trust it rather than guess a path around it.
            return new PathLeak(false, null, null);
        }

        var walker = new Walker(graph, local, acquisition, handOffs, copy, readMode, root.SemanticModel?.Compilation);
        return walker.Run(cancellationToken);
    }

    private static bool AllInGraph(ControlFlowGraph graph, ISet<SyntaxNode> handOffs)
    {
        var found = new HashSet<SyntaxNode>();
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in OperationsOf(block))
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant.ReferencedVariable() is not null && handOffs.Contains(descendant.Syntax))
                    {
                        found.Add(descendant.Syntax);
                    }
                }
            }
        }

        return found.Count == handOffs.Count;
    }

    private static ControlFlowGraph? FunctionGraph(ControlFlowGraph memberGraph, ISymbol function, CancellationToken cancellationToken)
    {
        if (function is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            return memberGraph;
        }

        var pending = new Queue<ControlFlowGraph>();
        pending.Enqueue(memberGraph);
        while (pending.Count > 0)
        {
            var graph = pending.Dequeue();
            foreach (var localFunction in graph.LocalFunctions)
            {
                var nested = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                if (SymbolEqualityComparer.Default.Equals(localFunction, function))
                {
                    return nested;
                }

                pending.Enqueue(nested);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in OperationsOf(block))
                {
                    foreach (var descendant in operation.DescendantsAndSelf())
                    {
                        if (descendant is IFlowAnonymousFunctionOperation lambda)
                        {
                            var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                            if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, function))
                            {
                                return nested;
                            }

                            pending.Enqueue(nested);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<IOperation> OperationsOf(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branchValue)
        {
            yield return branchValue;
        }
    }

    private sealed class Walker
    {
        private readonly ControlFlowGraph _graph;
        private readonly ISymbol _local;
        private readonly SyntaxNode _acquisition;
        private readonly ISet<SyntaxNode>? _handOffs;
        private readonly ILocalSymbol? _copy;
        private readonly bool _readMode;
        private readonly Compilation? _compilation;
        private readonly HashSet<CaptureId> _captures = new();
        private SyntaxNode? _overwrite;

        // Whether the copy may hold something other than the value on this path: it does until 'copy = local;' runs, and
        // again once the local takes a new value (a retry's next response). Only a copy that holds the value disposes or
        // hands it on: 'response.Dispose(); response = redirectResponse;' disposes the previous response, not this one.
        private bool _copyStale;

        // Read mode (FindStreamLeak): the response has been disposed or handed on since it took its value, on this path. A stream
        // read from it afterwards is released with it.
        private bool _released;

        // A block is walked once per state it is entered in: the value dead, live with the copy holding it, live with the copy
        // holding something else, or (read mode) dead because the response was released before the read. Kept apart, so that
        // merging paths never pairs one path's value with another's copy, nor one path's release with another's read.
        private const byte Dead = 1;
        private const byte LiveCopyFresh = 2;
        private const byte LiveCopyStale = 4;
        private const byte DeadReleased = 8;

        public Walker(ControlFlowGraph graph, ISymbol local, SyntaxNode acquisition, ISet<SyntaxNode>? handOffs, ILocalSymbol? copy, bool readMode, Compilation? compilation)
        {
            _compilation = compilation;
            _readMode = readMode;
            _graph = graph;
            _local = local;
            _acquisition = acquisition;
            _handOffs = handOffs;
            _copy = copy;
        }

        public PathLeak Run(CancellationToken cancellationToken)
        {
            CollectCaptures();
            var blocks = _graph.Blocks;
            var statesOnEntry = new byte[blocks.Length];
            var pending = new Stack<(int Ordinal, byte State)>();
            SyntaxNode? exitFrom = null;
            statesOnEntry[0] = Dead;
            pending.Push((0, Dead));
            foreach (var handler in HandlerStarts(_graph.Root))
            {
                // Exceptional paths are not followed, so a catch (or filter) block has no ordinary predecessor: enter it with
                // nothing held. Code after 'try { return Read(); } catch { }' is reached only through the catch.
                if ((statesOnEntry[handler] & Dead) == 0)
                {
                    statesOnEntry[handler] |= Dead;
                    pending.Push((handler, Dead));
                }
            }

            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (ordinal, state) = pending.Pop();
                var block = blocks[ordinal];
                if (block.Kind == BasicBlockKind.Exit)
                {
                    if (state is not (Dead or DeadReleased))
                    {
                        return new PathLeak(true, overwrittenAt: null, leftAt: exitFrom);
                    }

                    continue;
                }

                _copyStale = state == LiveCopyStale;
                _released = state == DeadReleased;
                var live = Transfer(block, state is not (Dead or DeadReleased));
                if (_overwrite is not null)
                {
                    return new PathLeak(true, _overwrite, leftAt: null);
                }

                if (live && _compilation is not null && NonReturningCalls.EndsThePath(block, _compilation, cancellationToken))
                {
                    // 'await TryToExtractError(response); return null;' where the helper throws on every path: as after a throw,
                    // exceptional paths are not followed.
                    continue;
                }

                if (NamingPattern(block) is { } naming)
                {
                    // 'if (await client.GetAsync(u) is { IsSuccessStatusCode: true } res)': the pattern acquires the value into
                    // its local where it matches; where it does not, nothing can name the value again, so it is held to the end
                    // of that path (a pattern that fails only on null drops nothing).
                    _copyStale = _copy is not null;
                    var matchedIsConditional = naming.MatchesWhenTrue == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                    Propagate(matchedIsConditional ? block.ConditionalSuccessor : block.FallThroughSuccessor, live: true);
                    Propagate(matchedIsConditional ? block.FallThroughSuccessor : block.ConditionalSuccessor, live: naming.FailsOnAValue);
                    continue;
                }

                // 'while (true)': the graph keeps the branch out of the loop, but a constant condition never takes it. Nor does a
                // value held from an earlier iteration meet a loop counter still at its start ('if (attempt > 0) response.Dispose();').
                var taken = ConstantBranch(block) ?? (live ? CounterBranchAfterFirstIteration(block) ?? CaughtOnlyBranch(block) : null);
                var nullPathIsConditional = NullPathIsConditional(block);
                if (taken != true)
                {
                    Propagate(block.FallThroughSuccessor, live && nullPathIsConditional != false);
                }

                if (taken != false)
                {
                    Propagate(block.ConditionalSuccessor, live && nullPathIsConditional != true);
                }
            }

            return new PathLeak(false, null, null);

            void Propagate(ControlFlowBranch? branch, bool live)
            {
                if (branch?.Destination is not { } destination ||
                    branch.Semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow or ControlFlowBranchSemantics.Error)
                {
                    return;
                }

                live = live && !AnyFinallyDisposes(branch);
                if (live && destination.Kind == BasicBlockKind.Exit && exitFrom is null)
                {
                    exitFrom = branch.Semantics == ControlFlowBranchSemantics.Return && branch.Source.BranchValue is { } returned
                        ? returned.Syntax
                        : branch.Source.Operations.LastOrDefault()?.Syntax ?? branch.Source.BranchValue?.Syntax;
                }

                var entered = !live ? (_released ? DeadReleased : Dead) : _copyStale ? LiveCopyStale : LiveCopyFresh;
                if ((statesOnEntry[destination.Ordinal] & entered) == 0)
                {
                    statesOnEntry[destination.Ordinal] |= entered;
                    pending.Push((destination.Ordinal, entered));
                }
            }
        }

        /// <summary>
        /// The block's condition tests the acquisition with a pattern that declares the local (<c>is not { ... } res</c> too):
        /// whether the condition is true where the pattern matches, and whether the pattern can fail on a value that is not null.
        /// </summary>
        private (bool MatchesWhenTrue, bool FailsOnAValue)? NamingPattern(BasicBlock block)
        {
            if (block.ConditionalSuccessor is null || block.BranchValue is not { } condition)
            {
                return null;
            }

            var matchesWhenTrue = true;
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                matchesWhenTrue = !matchesWhenTrue;
                condition = not.Operand;
            }

            if (condition is not IIsPatternOperation isPattern ||
                isPattern.Value.Syntax.SyntaxTree != _acquisition.SyntaxTree || !isPattern.Value.Syntax.Span.Contains(_acquisition.Span))
            {
                return null;
            }

            var pattern = isPattern.Pattern;
            while (pattern is INegatedPatternOperation negated)
            {
                matchesWhenTrue = !matchesWhenTrue;
                pattern = negated.Pattern;
            }

            var declared = pattern switch
            {
                IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                _ => null,
            };

            if (!SymbolEqualityComparer.Default.Equals(declared, _local))
            {
                return null;
            }

            var inputType = isPattern.Value.Type;
            var failsOnAValue = pattern switch
            {
                IDeclarationPatternOperation { MatchesNull: true } => false,
                IDeclarationPatternOperation declaration => !IsOrInherits(inputType, declaration.MatchedType),
                IRecursivePatternOperation recursive => !recursive.PropertySubpatterns.IsEmpty || !recursive.DeconstructionSubpatterns.IsEmpty ||
                    !IsOrInherits(inputType, recursive.MatchedType),
                _ => true,
            };

            return (matchesWhenTrue, failsOnAValue);

            static bool IsOrInherits(ITypeSymbol? type, ITypeSymbol? matched) =>
                type is not null && matched is not null && (SymbolEqualityComparer.Default.Equals(type, matched) || type.InheritsFromOrEquals(matched as INamedTypeSymbol));
        }

        /// <summary>The first block of every catch and filter region, nested ones included.</summary>
        private static IEnumerable<int> HandlerStarts(ControlFlowRegion region)
        {
            foreach (var nested in region.NestedRegions)
            {
                if (nested.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter)
                {
                    yield return nested.FirstBlockOrdinal;
                }

                foreach (var start in HandlerStarts(nested))
                {
                    yield return start;
                }
            }
        }

        /// <summary>
        /// <c>for (var attempt = 0; ...; attempt++) { if (attempt > 0) { response.Dispose(); ... } response = await Send(); ... }</c>:
        /// the value is acquired in the loop's body after the test, so a path that reaches the test holding it went round the loop,
        /// and the counter, only ever increased by the loop's incrementors, is past its start. Which successor the test then
        /// takes (as <see cref="ConstantBranch"/>), for a comparison of such a counter with a constant; null for anything else.
        /// </summary>
        private bool? CounterBranchAfterFirstIteration(BasicBlock block)
        {
            if (block.ConditionalSuccessor is null || block.BranchValue is not IBinaryOperation comparison ||
                comparison.Syntax.SyntaxTree != _acquisition.SyntaxTree)
            {
                return null;
            }

            var (counter, bound, counterOnLeft) = (comparison.LeftOperand, comparison.RightOperand) switch
            {
                (ILocalReferenceOperation local, { ConstantValue: { HasValue: true, Value: int constant } }) => (local.Local, constant, true),
                ({ ConstantValue: { HasValue: true, Value: int constant } }, ILocalReferenceOperation local) => (local.Local, constant, false),
                _ => (null, 0, false),
            };
            if (counter is null || LoopCounterStart(counter, comparison.Syntax, _acquisition) is not { } start)
            {
                return null;
            }

            // After the first iteration the counter is at least start + 1, and grows.
            bool? value = (comparison.OperatorKind, counterOnLeft) switch
            {
                (BinaryOperatorKind.GreaterThan, true) or (BinaryOperatorKind.LessThan, false) => bound <= start ? true : null,
                (BinaryOperatorKind.GreaterThanOrEqual, true) or (BinaryOperatorKind.LessThanOrEqual, false) => bound <= start + 1 ? true : null,
                (BinaryOperatorKind.LessThanOrEqual, true) or (BinaryOperatorKind.GreaterThanOrEqual, false) => bound <= start ? false : null,
                (BinaryOperatorKind.LessThan, true) or (BinaryOperatorKind.GreaterThan, false) => bound <= start + 1 ? false : null,
                (BinaryOperatorKind.NotEquals, _) => bound <= start ? true : null,
                (BinaryOperatorKind.Equals, _) => bound <= start ? false : null,
                _ => null,
            };
            return value is { } known ? known == (block.ConditionKind == ControlFlowConditionKind.WhenTrue) : null;
        }

        /// <summary>
        /// The start of <paramref name="counter"/> when it is declared by a <c>for</c> statement with a constant start, changed only
        /// by the loop's incrementors, each adding a positive constant (<c>i++</c>, <c>++i</c>, <c>i += 1</c>), and both
        /// <paramref name="test"/> and, after it, <paramref name="acquisition"/> lie in that loop's body with no other loop or
        /// function between; null otherwise.
        /// </summary>
        private static int? LoopCounterStart(ILocalSymbol counter, SyntaxNode test, SyntaxNode acquisition)
        {
            if (counter.DeclaringSyntaxReferences.Length != 1 ||
                counter.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax
                {
                    Initializer.Value: LiteralExpressionSyntax { Token.Value: int start },
                    Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax loop },
                } ||
                test.SpanStart >= acquisition.SpanStart ||
                InnermostLoopOrFunction(test) != loop || InnermostLoopOrFunction(acquisition) != loop ||
                !loop.Statement.Span.Contains(test.Span) || !loop.Statement.Span.Contains(acquisition.Span))
            {
                return null;
            }

            foreach (var incrementor in loop.Incrementors)
            {
                if (!IncreasesBy(incrementor, counter.Name))
                {
                    return null;
                }
            }

            foreach (var name in loop.Statement.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == counter.Name && IsWritten(name))
                {
                    return null;
                }
            }

            return start;

            static bool IncreasesBy(ExpressionSyntax incrementor, string name) => incrementor switch
            {
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax operand } => operand.Identifier.ValueText == name,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression, Operand: IdentifierNameSyntax operand } => operand.Identifier.ValueText == name,
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: IdentifierNameSyntax left, Right: LiteralExpressionSyntax { Token.Value: int step } } =>
                    left.Identifier.ValueText == name && step > 0,
                _ => !incrementor.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name),
            };
        }

        private static bool IsWritten(IdentifierNameSyntax name) => name.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == name,
            PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
            ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } => true,
            ArgumentSyntax { Parent: TupleExpressionSyntax } => true, // (a, b) = ...
            _ => false,
        };

        private static bool IsLoopOrFunction(SyntaxNode node) =>
            node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or
                AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        private static SyntaxNode? InnermostLoopOrFunction(SyntaxNode node) => node.Ancestors().FirstOrDefault(IsLoopOrFunction);

        /// <summary>
        /// <c>Exception? error = null; try { response = await send(); } catch (HttpRequestException ex) { error = ex; }
        /// if (error is not null) { ...; continue; }</c>: a test of a local that only the catch clauses of the try acquiring the
        /// value set, and that is null again before that try each time it runs. A catch is entered with nothing held (the walk
        /// does not follow exceptional paths), so wherever the value is held the local is null: the branch it takes then is
        /// known (true: the conditional successor). Null otherwise.
        /// </summary>
        private bool? CaughtOnlyBranch(BasicBlock block)
        {
            if (block.ConditionalSuccessor is null || block.BranchValue is not { } condition ||
                condition.Syntax.SyntaxTree != _acquisition.SyntaxTree ||
                NullComparison(condition) is not ({ } operand, var nullWhenTrue) || operand.SkipConversions() is not ILocalReferenceOperation { Local: var local } ||
                !IsNullWhileHeld(local, _acquisition))
            {
                return null;
            }

            return nullWhenTrue == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        }

        /// <summary>
        /// The operand a condition compares with null, and whether the condition is true when it is null: <c>x == null</c>,
        /// <c>x != null</c> (either side), <c>x is null</c>, <c>x is not null</c>, <c>x is { }</c>, the compiler's null test, and
        /// their negations (<c>!(x == null)</c>). Null for any other condition.
        /// </summary>
        private static (IOperation Operand, bool NullWhenTrue)? NullComparison(IOperation condition)
        {
            var negated = false;
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                negated = !negated;
                condition = not.Operand;
            }

            (IOperation Operand, bool NullWhenTrue)? compared = null;
            switch (condition)
            {
                case IIsNullOperation isNull:
                    compared = (isNull.Operand, true);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    compared = binary.RightOperand.IsNullConstant() ? (binary.LeftOperand, equals)
                        : binary.LeftOperand.IsNullConstant() ? (binary.RightOperand, equals)
                        : null;
                    break;
                case IIsPatternOperation isPattern:
                    var pattern = isPattern.Pattern;
                    var matchesNull = true;
                    while (pattern is INegatedPatternOperation negatedPattern)
                    {
                        matchesNull = !matchesNull;
                        pattern = negatedPattern.Pattern;
                    }

                    compared = pattern switch
                    {
                        IConstantPatternOperation { Value: var constant } when constant.IsNullConstant() => (isPattern.Value, matchesNull),
                        // 'x is { }' matches every value but null.
                        IRecursivePatternOperation { DeconstructionSubpatterns.Length: 0, PropertySubpatterns.Length: 0, DeclaredSymbol: null } => (isPattern.Value, !matchesNull),
                        _ => null,
                    };
                    break;
            }

            return compared is var (operand, nullWhenTrue) ? (operand, nullWhenTrue != negated) : null;
        }

        /// <summary>
        /// <paramref name="local"/> is declared null (<c>= null</c>, <c>= default</c>) in a block that, further on and with no
        /// loop or function between, holds the try statement whose try block has <paramref name="acquisition"/>; and every
        /// other write of it is in a catch clause of that try statement.
        /// </summary>
        private static bool IsNullWhileHeld(ILocalSymbol local, SyntaxNode acquisition)
        {
            if (local.DeclaringSyntaxReferences.Length != 1 ||
                local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax
                {
                    Initializer.Value: var initial,
                    Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax scope } declaration },
                } ||
                initial.Unwrap() is not (LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } or
                                         LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax))
            {
                return false;
            }

            var tryStatement = acquisition.Ancestors().OfType<TryStatementSyntax>().FirstOrDefault(t => t.Block.Span.Contains(acquisition.Span));
            if (tryStatement is null || tryStatement.SpanStart < declaration.Span.End || !scope.Span.Contains(tryStatement.Span) ||
                tryStatement.Ancestors().TakeWhile(a => a != scope).Any(IsLoopOrFunction) ||
                acquisition.Ancestors().TakeWhile(a => a != tryStatement.Block).Any(IsLoopOrFunction))
            {
                return false;
            }

            foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == local.Name && IsWritten(name) &&
                    !tryStatement.Catches.Any(c => c.Block.Span.Contains(name.Span) && !c.Block.Ancestors().TakeWhile(a => a != tryStatement).Any(IsLoopOrFunction) &&
                                                   !name.Ancestors().TakeWhile(a => a != c.Block).Any(IsLoopOrFunction)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a constant condition always takes the conditional successor (true) or never does (false); null otherwise.</summary>
        private static bool? ConstantBranch(BasicBlock block)
        {
            if (block.ConditionalSuccessor is null || block.BranchValue is not { ConstantValue: { HasValue: true, Value: bool value } })
            {
                return null;
            }

            return value == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        }

        private void CollectCaptures()
        {
            // Captures of captures ('using (r)', 'r?.Dispose()'): two passes reach every chain the compiler builds. Run before
            // the walk, with '_copyStale' still false: the copy's captures are collected too, whatever it holds where they are made.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var block in _graph.Blocks)
                {
                    foreach (var operation in OperationsOf(block))
                    {
                        foreach (var descendant in operation.DescendantsAndSelf())
                        {
                            if (descendant is IFlowCaptureOperation capture && RefersToLocal(capture.Value))
                            {
                                _captures.Add(capture.Id);
                            }
                        }
                    }
                }
            }
        }

        private bool Transfer(BasicBlock block, bool live)
        {
            foreach (var operation in block.Operations)
            {
                live = Transfer(operation, live);
            }

            if (block.BranchValue is { } branchValue)
            {
                // 'return response;' and 'throw new ApiException(response)' hand the value on here.
                live = Transfer(branchValue, live);
            }

            return live;
        }

        /// <summary>Evaluation order: an assignment's value before its store, so 'r = Wrap(r)' hands on before it overwrites.</summary>
        private bool Transfer(IOperation operation, bool live)
        {
            if (_overwrite is not null)
            {
                return live;
            }

            if (operation is ISimpleAssignmentOperation assignment && IsTheLocal(assignment.Target))
            {
                live = Transfer(assignment.Value, live);
                if (_readMode)
                {
                    // A new response: the stream read from the old one, if it is still held in no local, is dropped with it.
                    if (live && _copy is null && !assignment.Value.IsNullConstant())
                    {
                        _overwrite = assignment.Syntax;
                    }

                    _copyStale = _copy is not null;
                    _released = false;
                    return false;
                }

                var acquires = assignment.Value.Syntax.SyntaxTree == _acquisition.SyntaxTree && assignment.Value.Syntax.Span.Contains(_acquisition.Span);
                if (live && _handOffs is not null && _copy is null && !assignment.Value.IsNullConstant())
                {
                    // The local still holds an undisposed value that nothing else took: replacing it drops it.
                    _overwrite = assignment.Syntax;
                }

                // The acquisition makes the local live; any other value replaces it. Either way the copy, if any, now holds
                // an earlier value.
                _copyStale = _copy is not null;
                return acquires;
            }

            if (_copy is not null && operation is ISimpleAssignmentOperation copied && copied.Target is ILocalReferenceOperation copyTarget &&
                SymbolEqualityComparer.Default.Equals(copyTarget.Local, _copy))
            {
                // 'response = redirectResponse;' makes the copy hold the value ('var checkedResponse = response.EnsureSuccessStatusCode();'
                // too: the check hands back the response itself); any other value makes it hold something else.
                live = Transfer(copied.Value, live);
                var copiedValue = copied.Value.SkipConversions() is IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode", Arguments.Length: 0, Instance: { } checkedValue }
                    ? checkedValue
                    : copied.Value;
                _copyStale = _readMode ? !Contains(copied.Value.Syntax, _acquisition) : !copiedValue.SkipConversions().RefersTo(_local);
                return live;
            }

            if (operation is IDeconstructionAssignmentOperation deconstruction && Declares(deconstruction.Target) &&
                deconstruction.Value.Syntax.SyntaxTree == _acquisition.SyntaxTree && deconstruction.Value.Syntax.Span.Contains(_acquisition.Span))
            {
                // 'var (response, retries) = await SendAsync(...)': the acquisition makes the local live.
                Transfer(deconstruction.Value, live);
                return true;
            }

            if (IsDisposal(operation) || IsHandOff(operation))
            {
                // In read mode a release of the response itself (not of the stream's local) also covers what is read from it later.
                _released |= _readMode && !ReleasesOnlyTheCopy(operation);
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                live = Transfer(child, live);
            }

            if (_readMode && operation is IInvocationOperation or IInvalidOperation && operation.Syntax == _acquisition)
            {
                // The stream read: from here the response holds a stream to release, unless it was already handed on.
                live = live || !_released;
            }

            return live;
        }

        private static bool Contains(SyntaxNode outer, SyntaxNode inner) => outer.SyntaxTree == inner.SyntaxTree && outer.Span.Contains(inner.Span);

        /// <summary>A disposal or hand-off whose target is the stream's local (<c>stream.Dispose()</c>, <c>return stream;</c>), not the response.</summary>
        private bool ReleasesOnlyTheCopy(IOperation operation)
        {
            if (_copy is null)
            {
                return false;
            }

            var target = operation is IInvocationOperation { Instance: { } instance } ? instance : operation;
            return target.SkipConversions().RefersTo(_copy) ||
                   operation is IInvocationOperation { Instance: null } call && call.Arguments.Any(argument => argument.Value.SkipConversions().RefersTo(_copy)) &&
                   !call.Arguments.Any(argument => argument.Value.SkipConversions().RefersTo(_local));
        }

        /// <summary>
        /// The local itself as an assignment's target, also when the graph captured it before a conditional value
        /// (<c>response = await client.SendAsync(request, token ?? CancellationToken.None)</c> stores through a capture).
        /// </summary>
        private bool IsTheLocal(IOperation target) =>
            target.RefersTo(_local) || target is IFlowCaptureReferenceOperation captured && _captures.Contains(captured.Id);

        private bool Declares(IOperation target)
        {
            foreach (var operation in target.DescendantsAndSelf())
            {
                if (operation.RefersTo(_local))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsHandOff(IOperation operation) =>
            _handOffs is not null && (operation.RefersTo(_local) || !_copyStale && operation.RefersTo(_copy)) &&
            _handOffs.Contains(operation.Syntax);

        /// <summary>
        /// Which successor is taken when the local is null: true = conditional, false = fall-through, null = no null test.
        /// A response whose <c>Content</c> is null counts as null: it has no content holding a connection (<c>var stream =
        /// response.Content == null ? null : await response.Content.ReadAsStreamAsync(); return stream;</c>).
        /// </summary>
        private bool? NullPathIsConditional(BasicBlock block)
        {
            if (block.BranchValue is null || block.ConditionalSuccessor is null)
            {
                return null;
            }

            bool nullWhenTrue;
            if (NullComparison(block.BranchValue) is var (operand, whenTrue) && IsLocalOrItsContent(operand))
            {
                nullWhenTrue = whenTrue;
            }
            else if (UnboundNullComparison(block.BranchValue) is { } equals)
            {
                nullWhenTrue = equals;
            }
            else
            {
                return null;
            }

            var conditionalTakenWhenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            return nullWhenTrue == conditionalTakenWhenTrue;
        }

        private bool AnyFinallyDisposes(ControlFlowBranch branch)
        {
            foreach (var region in branch.FinallyRegions)
            {
                for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
                {
                    foreach (var operation in OperationsOf(_graph.Blocks[ordinal]))
                    {
                        foreach (var descendant in operation.DescendantsAndSelf())
                        {
                            // 'finally { await DrainAsync(response); }' with a helper that disposes it hands it on there too.
                            if (IsDisposal(descendant) || IsHandOff(descendant))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private bool IsDisposal(IOperation operation)
        {
            if (operation is IInvalidOperation &&
                operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } access })
            {
                // 'response.Dispose()' on a local whose type did not bind (UnboundCalls).
                foreach (var descendant in operation.Descendants())
                {
                    if (descendant.Syntax == access.Expression && RefersToLocal(descendant))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (operation is IInvalidOperation { Syntax: InvocationExpressionSyntax unboundCall } && unboundCall.InvokedName() is { } calledName &&
                (calledName.Contains("Dispose") || calledName.Contains("Close")))
            {
                // 'DisposeQuietly(response)' that did not bind because the local's type did not (its arguments are its children).
                return operation.ChildOperations.Any(RefersToLocal);
            }

            if (operation is not IInvocationOperation invocation)
            {
                return false;
            }

            var name = invocation.TargetMethod.Name;
            if (invocation.Instance is { } instance && name is "Dispose" or "DisposeAsync" or "Close")
            {
                return RefersToLocal(instance);
            }

            if (name.Contains("Dispose") || name.Contains("Close"))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (RefersToLocal(argument.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>cached != null</c> (or <c>==</c>) on a local whose type did not bind (<c>var cached = await FromCacheAsync(key)</c>
        /// where <c>key</c>'s own type is unbound): the comparison binds to no operator, so it is read from its syntax; true for
        /// <c>==</c>, false for <c>!=</c>, null for anything else.
        /// </summary>
        private bool? UnboundNullComparison(IOperation condition)
        {
            if (condition is IBinaryOperation { OperatorMethod: null } or IIsNullOperation ||
                condition.Syntax is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } written)
            {
                return null;
            }

            var tested = written.Right.IsKind(SyntaxKind.NullLiteralExpression) ? written.Left.Unwrap()
                : written.Left.IsKind(SyntaxKind.NullLiteralExpression) ? written.Right.Unwrap()
                : null;
            return tested is IdentifierNameSyntax && condition.DescendantsAndSelf().Any(operation => operation.Syntax == tested && RefersToLocal(operation))
                ? written.IsKind(SyntaxKind.EqualsExpression)
                : null;
        }

        private bool IsLocalOrItsContent(IOperation? operation) =>
            RefersToLocal(operation) ||
            operation.SkipConversions() is IPropertyReferenceOperation { Property: { Name: "Content", Type.Name: "HttpContent" }, Instance: var instance } && RefersToLocal(instance);

        private bool RefersToLocal(IOperation? operation)
        {
            var value = operation.SkipConversions();
            return value switch
            {
                ILocalReferenceOperation or IParameterReferenceOperation => value.RefersTo(_local) || (!_copyStale && value.RefersTo(_copy)),
                IFlowCaptureReferenceOperation captured => _captures.Contains(captured.Id),
                _ => false,
            };
        }
    }
}

/// <summary>Where a path drops a value: overwritten while held, or leaving the function while held.</summary>
internal readonly struct PathLeak
{
    public PathLeak(bool leaks, SyntaxNode? overwrittenAt, SyntaxNode? leftAt)
    {
        Leaks = leaks;
        OverwrittenAt = overwrittenAt;
        LeftAt = leftAt;
    }

    public bool Leaks { get; }

    /// <summary>The assignment that replaces the value while the local still holds it.</summary>
    public SyntaxNode? OverwrittenAt { get; }

    /// <summary>The last statement (or returned value) before the function is left holding the value; null at the closing brace.</summary>
    public SyntaxNode? LeftAt { get; }
}
