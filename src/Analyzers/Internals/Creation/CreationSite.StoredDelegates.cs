using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A lambda or method group kept in a field or property of delegate type runs when that member is invoked,
/// not when it is stored: <c>Func&lt;HttpClient&gt; HttpClientFactory { get; set; } = () =&gt; new HttpClient();</c>
/// builds a client each time some code calls <c>options.HttpClientFactory()</c>. The invocations, found across
/// the compilation by <see cref="OwnerEvidence.DelegateEvidence"/>, decide.
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// Whether <paramref name="function"/> is stored into a field or property: a field or property initializer, or an
    /// assignment (<c>options.HttpClientFactory = () =&gt; ...</c>, also in an object initializer, and <c>??=</c>), also as the
    /// default of a <c>??</c> stored so (<c>_handlerFactory = handlerFactory ?? (() =&gt; new HttpClientHandler())</c>).
    /// <paramref name="member"/> is that member when it is of a delegate type, and null when the target does not bind
    /// (a package folder mode lacks: its invocations are not in this compilation either). An argument of a constructor or
    /// method of this compilation that keeps it in a member as it is counts as stored there. False for any other use
    /// (a local, another argument, an event, a return).
    /// </summary>
    private static bool StoredInMember(ExpressionSyntax function, SemanticModel model, CancellationToken cancellationToken, out ISymbol? member)
    {
        member = null;
        ISymbol? target;

        // _handlerFactory = handlerFactory ?? (() => new HttpClientHandler()): the default is stored when no delegate is given.
        var stored = function.ParentSkippingParenthesesAndCasts() is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce &&
                     coalesce.Right.Unwrap() == function
            ? coalesce
            : function;
        switch (stored.ParentSkippingParenthesesAndCasts())
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator }:
                target = model.GetDeclaredSymbol(declarator, cancellationToken);
                break;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                target = model.GetDeclaredSymbol(property, cancellationToken);
                break;
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression):
                var info = model.GetSymbolInfo(assignment.Left, cancellationToken);
                if (info.Symbol is null && info.CandidateSymbols.IsEmpty &&
                    (assignment.Left is MemberAccessExpressionSyntax or IdentifierNameSyntax || assignment.Parent is InitializerExpressionSyntax))
                {
                    // options.HttpClientFactory = () => ... on a type that does not bind: nothing here invokes it. So too for
                    // 'HandlerOverride = () => ...' whose field is declared in a part of the class this compilation lacks (a
                    // file a project links from a shared folder, scanned alone): a lambda is stored, not run.
                    return true;
                }

                target = info.Symbol;
                break;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax or ConstructorInitializerSyntax } } argument
                when KeptByCallee(argument, model, cancellationToken) is { } kept:
                // new HandlerCache(CreateHandler) whose constructor does '_create = create;': as often as '_create' is invoked. So
                // too for ': this(HttpFactory.GetHttpClient)', a constructor chained to the one that keeps it.
                target = kept;
                break;
            default:
                return false;
        }

        if (target is IFieldSymbol { Type.TypeKind: TypeKind.Delegate } or IPropertySymbol { Type.TypeKind: TypeKind.Delegate, IsIndexer: false })
        {
            member = target.OriginalDefinition;
            return true;
        }

        return false;
    }

    /// <summary>
    /// <paramref name="function"/> (a lambda or method group) is kept in a field or property (<see cref="StoredInMember"/>): it
    /// runs where that member is invoked, not where it is stored.
    /// </summary>
    public static bool IsKeptInMember(ExpressionSyntax function, SemanticModel model, CancellationToken cancellationToken) =>
        StoredInMember(function, model, cancellationToken, out _);

    /// <summary>The member a constructor or method of this compilation keeps the delegate argument in, as it is.</summary>
    private static ISymbol? KeptByCallee(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken) =>
        argument.Parent?.Parent is { } call && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method &&
        method.DeclaringSyntaxReferences.Length > 0 && argument.ParameterIn(method) is { } parameter
            ? MethodSummaries.KeptIn(method, parameter, cancellationToken)
            : null;
}
