using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Statements after which the code does not go on, as after a <c>throw</c>: a call (awaited or not) of a method marked
/// <c>[DoesNotReturn]</c>, or of a method of this compilation no path of which returns (a throw helper;
/// <c>await TryToExtractError(response);</c> that turns every failed status into an exception). The method's own
/// control-flow graph says so, read once per method.
/// </summary>
internal static class NonReturningCalls
{
    // Keyed by the method's symbol, which lives as long as its compilation.
    private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<bool>> s_neverReturns = new();

    /// <summary>Whether one of <paramref name="block"/>'s statements is a call that never returns: its successors are not reached.</summary>
    public static bool EndsThePath(BasicBlock block, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var operation in block.Operations)
        {
            // The graph keeps an expression statement's expression alone.
            var value = operation is IExpressionStatementOperation statement ? statement.Operation : operation;
            if (CalledMethod(value) is { } method && NeverReturns(method, compilation, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method a statement calls: <c>Throw(...)</c>, <c>await Check(...)</c>, <c>await Check(...).ConfigureAwait(false)</c>.</summary>
    private static IMethodSymbol? CalledMethod(IOperation value)
    {
        if (value is IAwaitOperation { Operation: var awaited })
        {
            value = awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : awaited;
        }

        return value is IInvocationOperation call ? call.TargetMethod : null;
    }

    /// <summary>Read once per method (its original definition), attributes and graph alike.</summary>
    private static bool NeverReturns(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken) =>
        s_neverReturns.GetValue((method.ReducedFrom ?? method).OriginalDefinition, definition => new StrongBox<bool>(ReadNeverReturns(definition, compilation, cancellationToken))).Value;

    /// <summary>
    /// Marked <c>[DoesNotReturn]</c> (a polyfill too); or a method of this compilation, not virtual, abstract, an override or
    /// extern, no reachable block of whose graph goes on to its exit: every path throws (or loops for ever).
    /// </summary>
    private static bool ReadNeverReturns(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (method.GetAttributes().Any(static attribute => attribute.AttributeClass is
            {
                Name: "DoesNotReturnAttribute",
                ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
            }))
        {
            return true;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) ||
            method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern ||
            method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration ||
            declaration.Body is null && declaration.ExpressionBody is null ||
            declaration.DescendantNodes().Any(static node => node is YieldStatementSyntax))
        {
            return false;
        }

        try
        {
            if (compilation.ModelFor(declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not IMethodBodyOperation body)
            {
                return false;
            }

            var graph = ControlFlowGraph.Create(body, cancellationToken);
            var exit = graph.Blocks[graph.Blocks.Length - 1];
            return exit.Kind == BasicBlockKind.Exit && !exit.Predecessors.Any(static branch => branch.Source.IsReachable);
        }
        catch (ArgumentException)
        {
            // A body the graph builder refuses (documented for roots it does not support): assume it returns.
            return false;
        }
    }
}
