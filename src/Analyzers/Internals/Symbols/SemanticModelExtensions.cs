using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// the interface in a project folder mode does not load; an argument's type, <c>KuduHelper.GetKuduClient(website, ...)</c>
    /// with <c>website</c> from a missing Azure package; a name inside a lambda argument,
    /// <c>AddSingleton&lt;IcecastService&gt;(sp =&gt; new IcecastService(sp.GetRequiredService&lt;DiscordSocketClient&gt;(), ...))</c>
    /// with the Discord package missing), its one candidate taking as many arguments and type arguments as the call writes
    /// (as declared: a generic candidate is not constructed); where several do, the one whose parameters fit the arguments'
    /// shapes (<see cref="ArgumentShapesFit"/>). Null for anything else.
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
        var fitting = new List<IMethodSymbol>();
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is IMethodSymbol method && method.Parameters.Length == arguments.Count &&
                (written.Count == 0 || method.TypeParameters.Length == written.Count))
            {
                fitting.Add(method);
            }
        }

        // AddSingleton<T>(Func<IServiceProvider, T>) beside AddSingleton<T>(T) and AddSingleton(Type, Func<...>): the one whose
        // parameters take the written arguments' shapes (read by position: not for named arguments).
        if (fitting.Count > 1 && !arguments.Any(static argument => argument.NameColon is not null))
        {
            fitting.RemoveAll(method => !model.ArgumentShapesFit(arguments, method.Parameters, 0, cancellationToken));
        }

        var only = fitting.Count == 1 ? fitting[0] : null;
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
            if (argument.Expression is AnonymousFunctionExpressionSyntax function
                    ? WritesAnUnboundName(model, function, cancellationToken)
                    : model.GetTypeInfo(argument.Expression, cancellationToken).Type is { TypeKind: TypeKind.Error })
            {
                return only;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether each argument has the shape of its parameter (from <paramref name="offset"/> on: 1 for an extension method's
    /// unreduced form): a lambda or method group goes to a delegate parameter and nothing else does, a <c>typeof</c> to a
    /// <c>Type</c> parameter and nothing else does. Read from the written arguments, for calls that do not bind.
    /// </summary>
    public static bool ArgumentShapesFit(this SemanticModel model, SeparatedSyntaxList<ArgumentSyntax> arguments, ImmutableArray<IParameterSymbol> parameters, int offset, CancellationToken cancellationToken)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var expression = arguments[i].Expression;
            var parameterType = parameters[i + offset].Type;
            var isDelegate = expression is AnonymousFunctionExpressionSyntax ||
                             expression is IdentifierNameSyntax or MemberAccessExpressionSyntax &&
                             model.GetSymbolInfo(expression, cancellationToken) is var argument &&
                             (argument.Symbol is IMethodSymbol || argument.CandidateSymbols.Any(static candidate => candidate is IMethodSymbol));
            var isType = parameterType is { Name: "Type", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
            if (isDelegate != (parameterType.TypeKind == TypeKind.Delegate) || isType != expression is TypeOfExpressionSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name written in <paramref name="function"/>'s body whose type does not bind (a type of a missing package).</summary>
    private static bool WritesAnUnboundName(SemanticModel model, AnonymousFunctionExpressionSyntax function, CancellationToken cancellationToken)
    {
        foreach (var node in function.Body.DescendantNodes())
        {
            if (node is SimpleNameSyntax name && model.GetTypeInfo(name, cancellationToken).Type is { TypeKind: TypeKind.Error } &&
                model.GetSymbolInfo(name, cancellationToken).Symbol is null or ITypeSymbol)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The semantic model for <paramref name="tree"/>: <paramref name="model"/> itself for its own file, the compilation's for
    /// another file (another part of a partial type, a constructor chain, a caller elsewhere).
    /// </summary>
    public static SemanticModel For(this SemanticModel model, SyntaxTree tree) =>
        tree == model.SyntaxTree ? model : model.Compilation.ModelFor(tree);

    /// <summary>
    /// The semantic model for <paramref name="tree"/>, which need not be one of <paramref name="compilation"/>'s own files: a
    /// project reference (the IDE's, and the scanner's folder mode) hands over symbols whose declarations are source in the
    /// referenced project (a constructor that stores its client, a helper that reads the response), and
    /// <see cref="Compilation.GetSemanticModel"/> throws for a tree that is not its own. Such a tree is read with the model of
    /// the referenced compilation that holds it (through the compilation references, transitively), whose symbols are the
    /// ones this compilation sees. Every analyzer asks for models through here. A build sees the referenced project as
    /// metadata, with no declaration to read, so there the same paths find no source and decide as for a package; the
    /// summaries that must agree with the build (OwnershipSummaries) still test <c>ContainsSyntaxTree</c> first.
    /// </summary>
    public static SemanticModel ModelFor(this Compilation compilation, SyntaxTree tree)
    {
        if (compilation.ContainsSyntaxTree(tree))
        {
            return compilation.GetSemanticModel(tree);
        }

        return Holding(compilation, tree, new HashSet<Compilation>())?.GetSemanticModel(tree) ??
               // Held by no compilation this one reaches (not seen in practice): a compilation of its own answers without
               // throwing, with symbols nothing here compares equal to.
               CSharpCompilation.Create(assemblyName: null, new[] { tree }, compilation.References).GetSemanticModel(tree);
    }

    private static Compilation? Holding(Compilation compilation, SyntaxTree tree, HashSet<Compilation> seen)
    {
        foreach (var reference in compilation.References)
        {
            if (reference is CompilationReference { Compilation: var referenced } && seen.Add(referenced))
            {
                if (referenced.ContainsSyntaxTree(tree))
                {
                    return referenced;
                }

                if (Holding(referenced, tree, seen) is { } holder)
                {
                    return holder;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="assignment"/> writes <paramref name="symbol"/> itself (<c>x = ...</c>, <c>x ??= ...</c>, <c>this.x = ...</c>);
    /// the name is compared before anything is bound.
    /// </summary>
    public static bool Writes(this SemanticModel model, AssignmentExpressionSyntax assignment, ISymbol symbol, CancellationToken cancellationToken) =>
        model.NamesOwn(assignment.Left, symbol, cancellationToken);

    /// <summary>
    /// <paramref name="expression"/> is <paramref name="symbol"/> itself, named plainly or on <c>this</c> (<c>x</c>,
    /// <c>this.x</c>); the name is compared before anything is bound.
    /// </summary>
    public static bool NamesOwn(this SemanticModel model, ExpressionSyntax expression, ISymbol symbol, CancellationToken cancellationToken) =>
        expression.Unwrap() switch
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
