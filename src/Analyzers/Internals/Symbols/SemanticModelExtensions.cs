using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

internal static class SemanticModelExtensions
{
    /// <summary>
    /// The method <paramref name="invocation"/> binds to, or, where overload resolution fails only because something written
    /// in the call does not bind (a type argument, <c>services.AddSingleton&lt;IDalamudServices, DalamudServices&gt;()</c> with
    /// the interface in a project folder mode does not load, or an argument's type, <c>KuduHelper.GetKuduClient(website, ...)</c>
    /// with <c>website</c> from a missing Azure package), its one candidate taking as many arguments and type arguments as the
    /// call writes (as declared: a generic candidate is not constructed). Null for anything else.
    /// </summary>
    public static IMethodSymbol? BoundOrOnlyCandidate(this SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol bound)
        {
            return bound;
        }

        if (info.CandidateReason != CandidateReason.OverloadResolutionFailure)
        {
            return null;
        }

        var written = invocation.Expression switch
        {
            MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.Arguments,
            GenericNameSyntax generic => generic.TypeArgumentList.Arguments,
            _ => default,
        };
        var arguments = invocation.ArgumentList.Arguments;
        IMethodSymbol? only = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol method || method.Parameters.Length != arguments.Count ||
                written.Count > 0 && method.TypeParameters.Length != written.Count)
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = method;
        }

        if (only is null)
        {
            return null;
        }

        foreach (var type in written)
        {
            if (model.GetTypeInfo(type, cancellationToken).Type is { TypeKind: TypeKind.Error })
            {
                return only;
            }
        }

        foreach (var argument in arguments)
        {
            if (model.GetTypeInfo(argument.Expression, cancellationToken).Type is { TypeKind: TypeKind.Error })
            {
                return only;
            }
        }

        return null;
    }

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

    /// <summary>
    /// The values <paramref name="symbol"/> (a local, a parameter or a field) is given by the assignments inside
    /// <paramref name="scope"/> (<c>x = v</c>, <c>x ??= v</c>, <c>this.x = v</c>; the declaration's initializer is not one of
    /// them), and whether <paramref name="scope"/> also writes it in a way whose value is not read here: a compound
    /// assignment, a <c>ref</c> or <c>out</c> argument, a deconstruction (those are found by name, without binding).
    /// </summary>
    public static WrittenValues ValuesWritten(this SemanticModel model, ISymbol symbol, SyntaxNode scope, CancellationToken cancellationToken)
    {
        var values = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        var unread = false;
        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when model.Writes(assignment, symbol, cancellationToken):
                    if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                    {
                        values.Add(assignment.Right);
                    }
                    else
                    {
                        unread = true;
                    }

                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } byReference when NamedBy(byReference.Expression, symbol):
                case ArgumentSyntax { Parent: TupleExpressionSyntax { Parent: AssignmentExpressionSyntax deconstruction } tuple } deconstructed
                    when deconstruction.Left == tuple && NamedBy(deconstructed.Expression, symbol):
                    unread = true;
                    break;
            }
        }

        return new WrittenValues(values.ToImmutable(), unread);

        static bool NamedBy(ExpressionSyntax expression, ISymbol symbol) => expression.Unwrap() switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == symbol.Name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText == symbol.Name,
            _ => false,
        };
    }

    /// <summary>
    /// Every name inside <paramref name="scope"/> (lambdas and local functions included) that binds to <paramref name="symbol"/>;
    /// the spelling is compared before anything is bound.
    /// </summary>
    public static IEnumerable<IdentifierNameSyntax> References(this SemanticModel model, ISymbol symbol, SyntaxNode scope, CancellationToken cancellationToken)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && model.Names(name, symbol, cancellationToken))
            {
                yield return name;
            }
        }
    }

    private static bool Names(this SemanticModel model, IdentifierNameSyntax name, ISymbol symbol, CancellationToken cancellationToken) =>
        name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol);
}

/// <summary>What <see cref="SemanticModelExtensions.ValuesWritten"/> found.</summary>
internal readonly struct WrittenValues
{
    public WrittenValues(ImmutableArray<ExpressionSyntax> values, bool alsoWrittenUnread)
    {
        Values = values;
        AlsoWrittenUnread = alsoWrittenUnread;
    }

    /// <summary>The right side of each plain or <c>??=</c> assignment, in source order.</summary>
    public ImmutableArray<ExpressionSyntax> Values { get; }

    /// <summary>Also written by a compound assignment, by reference or by a deconstruction, whose values are not read.</summary>
    public bool AlsoWrittenUnread { get; }

    /// <summary>Written at all inside the scope.</summary>
    public bool Any => !Values.IsEmpty || AlsoWrittenUnread;
}
