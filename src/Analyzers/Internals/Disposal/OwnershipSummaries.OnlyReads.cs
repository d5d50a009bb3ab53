using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Helpers of this compilation that return a response and are given one (a 401 handler that reads the challenge's
/// headers and returns the response of a new request): does the helper only read the response it is given? Then the
/// response passed in is not what comes back, and it stays the caller's to dispose. Decided on the helper's own
/// operations, every reference to the parameter classified as the dispose analysis classifies a local's references;
/// while a summary is made, other helpers' summaries of this kind are not consulted, so that every summary depends on
/// its own method alone and comes out the same whichever call site asks first.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    [ThreadStatic]
    private static bool t_summarizingReads;

    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<bool>> _onlyReads = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation with a body, uses the response it receives for
    /// <paramref name="parameter"/> only to read it (members, headers, status, content as text, handing it to methods that
    /// only borrow it): it neither returns, stores, disposes nor hands it on.
    /// </summary>
    public bool OnlyReadsResponse(IMethodSymbol method, IParameterSymbol parameter) =>
        _types.IsResponse(parameter.Type) && OnlyReads(method, parameter);

    /// <summary>
    /// True when <paramref name="constructor"/>, declared in this compilation with a body, only reads the response it receives
    /// for <paramref name="parameter"/> (<see cref="OnlyReadsResponse"/>, its body reading only members of it:
    /// <see cref="OnlyMembersRead"/>), and so does every constructor it hands the response
    /// to through <c>: base(...)</c> or <c>: this(...)</c> (a base that stores it makes the object hold it), four deep.
    /// </summary>
    public bool ConstructorOnlyReadsResponse(IMethodSymbol constructor, IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            if (constructor.MethodKind != MethodKind.Constructor || !OnlyReadsResponse(constructor, parameter) ||
                constructor.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration ||
                !OnlyMembersRead(declaration, parameter.Name))
            {
                return false;
            }

            if (declaration.Initializer is not { } initializer || !initializer.ArgumentList.DescendantTokens().Any(token => token.ValueText == parameter.Name))
            {
                return true;
            }

            // : base(message): the response goes on to the base's constructor, which decides.
            var model = _compilation.ModelFor(initializer.SyntaxTree);
            if (model.GetSymbolInfo(initializer, cancellationToken).Symbol is not IMethodSymbol chained)
            {
                return false;
            }

            IParameterSymbol? next = null;
            foreach (var argument in initializer.ArgumentList.Arguments)
            {
                if (!argument.DescendantTokens().Any(token => token.ValueText == parameter.Name))
                {
                    continue;
                }

                if (next is not null || argument.Expression.Unwrap() is not IdentifierNameSyntax name ||
                    !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, parameter.OriginalDefinition) ||
                    model.GetOperation(argument, cancellationToken) is not IArgumentOperation { Parameter: { } target })
                {
                    return false;
                }

                next = target;
            }

            if (next is null)
            {
                return false;
            }

            constructor = chained;
            parameter = next;
        }

        return false;
    }

    /// <summary>
    /// In the constructor's body, the parameter is only the receiver of a member read (<c>message.StatusCode</c>,
    /// <c>message.Content.ReadAsStringAsync()</c>, <c>message?.Headers</c>): a method summary counts a response handed to a
    /// helper that stores it in a field as borrowed (<c>Keep(message)</c>, whose field a method's caller cannot reach), but
    /// in a constructor that field is the new object's. The <c>: base(...)</c> argument is the caller's loop to follow.
    /// </summary>
    private static bool OnlyMembersRead(ConstructorDeclarationSyntax declaration, string name)
    {
        var body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        foreach (var identifier in body?.DescendantNodes().OfType<IdentifierNameSyntax>() ?? Enumerable.Empty<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name ||
                identifier.Parent is MemberAccessExpressionSyntax access && (access.Expression == identifier || access.Name == identifier) ||
                identifier.Parent is ConditionalAccessExpressionSyntax conditional && conditional.Expression == identifier)
            {
                // Another name, a member read on it, or a member of that name ('this.message').
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation with a body, only reads what it receives for
    /// <paramref name="parameter"/>, a response or an unconstrained type parameter (<c>Log&lt;TState&gt;(level, TState state, ...)</c>,
    /// which cannot dispose its state but by handing it on): it neither returns, stores, disposes nor hands it on.
    /// </summary>
    public bool OnlyReads(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (t_summarizingReads)
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        var index = parameter.Ordinal + (method.ReducedFrom is not null ? 1 : 0);
        if (!definition.HasOneDeclarationIn(_compilation) || index >= definition.Parameters.Length)
        {
            return false;
        }

        var summary = _onlyReads.GetOrAdd(definition, SummarizeReads);
        return index < summary.Length && summary[index];
    }

    private ImmutableArray<bool> SummarizeReads(IMethodSymbol method)
    {
        var verdicts = new bool[method.Parameters.Length];
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) ||
            _compilation.ModelFor(declaration.SyntaxTree).GetOperation(declaration) is not { } body)
        {
            return verdicts.ToImmutableArray();
        }

        t_summarizingReads = true;
        try
        {
            for (var i = 0; i < verdicts.Length; i++)
            {
                verdicts[i] = (_types.IsResponse(method.Parameters[i].Type) || method.Parameters[i].Type is ITypeParameterSymbol { ConstraintTypes.Length: 0 }) &&
                              method.Parameters[i].RefKind == RefKind.None &&
                              DisposalAnalysis.OnlyReadsParameter(body, method.Parameters[i], _types, this);
            }
        }
        finally
        {
            t_summarizingReads = false;
        }

        return verdicts.ToImmutableArray();
    }
}
