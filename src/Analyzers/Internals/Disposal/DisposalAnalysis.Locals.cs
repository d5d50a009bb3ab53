using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>A value kept in a local: every reference to the local, using declarations, disposal on scope exit and on every path.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>True when the local is declared by <c>using var</c> or in a <c>using (...)</c> header.</summary>
    public static bool IsUsingLocal(ILocalSymbol local, IOperation anyOperationInMember)
    {
        foreach (var operation in anyOperationInMember.Root().DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return IsUsingDeclarator(declarator);
            }
        }

        return false;
    }

    /// <summary>
    /// True when the local is disposed somewhere in its member: a using declaration, a using
    /// statement over it, or a <c>Dispose()</c> call, on any path. HCG004/HCG006 need "the
    /// response is disposed here", not "on every path".
    /// </summary>
    public static bool IsDisposedAnywhere(ILocalSymbol local, IOperation anyOperationInMember, ResourceKind kind, WellKnownTypes types)
    {
        var root = anyOperationInMember.Root();
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && IsUsingDeclarator(declarator):
                    return true;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    var use = Classify(reference, kind, types, out _, out _, out _);
                    if (use is Use.Disposed or Use.DisposedByOwner)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// For <c>response.Content.ReadAsStreamAsync()</c> (directly, or through a local holding
    /// <c>response.Content</c>): the local that holds the response owning the stream.
    /// </summary>
    public static ILocalSymbol? OwningResponseLocal(IInvocationOperation streamRead, WellKnownTypes types) =>
        OwningResponseLocal(streamRead.Instance, streamRead, types);

    /// <summary>
    /// The same for a read that did not bind (<see cref="UnboundCalls"/>): its receiver is the first child
    /// of the compiler's invalid operation.
    /// </summary>
    public static ILocalSymbol? OwningResponseLocal(IOperation streamRead, WellKnownTypes types) => streamRead switch
    {
        IInvocationOperation invocation => OwningResponseLocal(invocation, types),
        IInvalidOperation invalid => OwningResponseLocal(invalid.ChildOperations.FirstOrDefault(), invalid, types),
        _ => null,
    };

    private static ILocalSymbol? OwningResponseLocal(IOperation? instance, IOperation streamRead, WellKnownTypes types)
    {
        var content = instance.SkipConversions();
        if (content is ILocalReferenceOperation contentLocal && types.HttpContent is not null)
        {
            content = null;
            foreach (var operation in streamRead.Root().Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, contentLocal.Local))
                {
                    content = declarator.Initializer?.Value.SkipConversions();
                    break;
                }
            }
        }

        return content is IPropertyReferenceOperation { Property.Name: "Content", Instance: { } owner } &&
               owner.SkipConversions() is ILocalReferenceOperation responseLocal &&
               types.IsResponse(responseLocal.Local.Type)
            ? responseLocal.Local
            : null;
    }

    /// <summary>
    /// True when the local is disposed as the member leaves the scope that reads from it: a using
    /// declaration or statement, or a <c>finally</c> around <paramref name="use"/> that disposes it.
    /// </summary>
    public static bool IsDisposedOnScopeExit(ILocalSymbol local, IOperation use, ResourceKind kind, WellKnownTypes types)
    {
        if (IsUsingLocal(local, use))
        {
            return true;
        }

        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is ITryOperation { Finally: { } @finally } @try && use.IsWithin(@try.Body))
            {
                foreach (var operation in @finally.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                        Classify(reference, kind, types, out _, out _, out _) == Use.Disposed)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsUsingDeclarator(IVariableDeclaratorOperation declarator)
    {
        IOperation? current = declarator.Parent;
        while (current is IVariableDeclarationOperation or IVariableDeclarationGroupOperation)
        {
            current = current.Parent;
        }

        return current is IUsingDeclarationOperation || (current is IUsingOperation @using && @using.Resources is IVariableDeclarationGroupOperation);
    }

    private static ValueFate AnalyzeLocal(IOperation value, ILocalSymbol local, ResourceKind kind, WellKnownTypes types, CancellationToken cancellationToken, out PathLeak dropped)
    {
        dropped = default;
        if (local.IsRef || local.IsConst)
        {
            return ValueFate.Escapes;
        }

        var root = value.Root();
        var hasDisposal = false;
        var disposedByOwner = false;
        HashSet<SyntaxNode>? handOffs = null;
        foreach (var operation in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (IsCaptured(reference, local))
            {
                return ValueFate.Escapes;
            }

            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                continue;
            }

            switch (Classify(reference, kind, types, out _, out _, out _))
            {
                case Use.Escapes:
                case Use.KeptInLocal:
                case Use.ForwardedToCaller:
                    if (kind == ResourceKind.Disposable)
                    {
                        return ValueFate.Escapes;
                    }

                    // Returned, stored, aliased or wrapped here: on the paths through this reference somebody
                    // else decides when it is disposed. Whether every other path disposes it or hands it on
                    // too is decided on the graph below.
                    (handOffs ??= new HashSet<SyntaxNode>()).Add(reference.Syntax);
                    break;
                case Use.Disposed:
                    hasDisposal = true;
                    break;
                case Use.DisposedByOwner:
                    disposedByOwner = true;
                    break;
            }
        }

        if (disposedByOwner)
        {
            return handOffs is null ? ValueFate.Disposed : ValueFate.Escapes;
        }

        if (handOffs is not null)
        {
            // Handed on somewhere: a leak only where a path provably drops it (leaves the function holding it,
            // or overwrites it in a retry loop). No graph: trust the hand-off, as before.
            if (DisposalPaths.FindLeak(root, local, value.Syntax, handOffs, cancellationToken) is { Leaks: true } leak)
            {
                dropped = leak;
                return ValueFate.DroppedOnSomePath;
            }

            return ValueFate.Escapes;
        }

        if (!hasDisposal)
        {
            return ValueFate.NotDisposed;
        }

        var paths = DisposalPaths.FindLeak(root, local, value.Syntax, kind == ResourceKind.Disposable ? null : new HashSet<SyntaxNode>(), cancellationToken);
        if (paths is { Leaks: true, OverwrittenAt: not null } overwritten)
        {
            dropped = overwritten;
            return ValueFate.DroppedOnSomePath;
        }

        return paths switch
        {
            { Leaks: true } => ValueFate.NotDisposedOnEveryPath,
            { Leaks: false } => ValueFate.Disposed,

            // No graph for this kind of member: trust the explicit Dispose() rather than guess.
            null => ValueFate.Disposed,
        };
    }

    private static bool IsCaptured(ILocalReferenceOperation reference, ILocalSymbol local)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return !SymbolEqualityComparer.Default.Equals(lambda.Symbol, local.ContainingSymbol);
                case ILocalFunctionOperation function:
                    return !SymbolEqualityComparer.Default.Equals(function.Symbol, local.ContainingSymbol);
            }
        }

        return false;
    }
}
