using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Delegates kept in fields and properties (<see cref="CreationFrequency.Invoked"/>): a client made inside
/// <c>Func&lt;HttpClient&gt; HttpClientFactory { get; set; } = () =&gt; new HttpClient();</c> is made each time some code
/// invokes the member, so the invocations across the compilation decide, exactly as a factory's calls do:
/// <c>using var client = _factory();</c> in a request handler is per call; <c>_client = options.HttpClientFactory();</c>
/// in a constructor is per instance of that type. A member nobody here invokes is quiet: it is invoked by code
/// outside the compilation (a library's option), which may well invoke it once.
/// </summary>
internal sealed partial class OwnerEvidence
{
    /// <summary>How many members deep a delegate handed from member to member is followed.</summary>
    private const int MaxForwardingDepth = 3;

    /// <summary>
    /// Where the delegate kept in <paramref name="member"/> (a field or property of delegate type) is invoked per
    /// call, for the message; null when every invocation in the compilation runs once (or per instance of a type
    /// not created per call), and when nothing here invokes it.
    /// </summary>
    public string? DelegateEvidence(ISymbol member, CancellationToken cancellationToken) =>
        Delegate(member, new Walk(cancellationToken)).PerCallEvidence is { } evidence ? evidence + Through(member) : null;

    private static string Through(ISymbol member) => " (through the delegate '" + member.Name + "')";

    private FactoryFacts Delegate(ISymbol member, Walk walk, int depth = 0) =>
        _delegates.TryGetValue(member, out var facts) ? facts : walk.Read(member, _delegates, () => ReadDelegate(member, walk, depth), FactoryFacts.BeingRead);

    /// <summary>
    /// Every invocation of the member (<c>F()</c>, <c>F.Invoke()</c>, <c>F?.Invoke()</c>), classified as a factory
    /// call is, and every member the delegate is handed to (<c>Options.Factory = s_default</c>, a property whose
    /// getter returns it), followed.
    /// </summary>
    private FactoryFacts ReadDelegate(ISymbol member, Walk walk, int depth)
    {
        var cancellationToken = walk.CancellationToken;
        foreach (var (tree, name) in Mentions(member.Name, cancellationToken))
        {
            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name
                ? memberAccess
                : name.Parent is MemberBindingExpressionSyntax binding ? binding : name;
            var model = _compilation.ModelFor(tree);
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol?.OriginalDefinition, member))
            {
                continue;
            }

            string? where = null;
            if (InvocationOf(use) is { } call)
            {
                where = CallerEvidence(call, CreationSite.Classify(call, model, _types, cancellationToken), model, member, walk);
            }
            else if (depth < MaxForwardingDepth && HandedTo(use, model, cancellationToken) is { } next &&
                     !SymbolEqualityComparer.Default.Equals(next, member))
            {
                where = Delegate(next, walk, depth + 1).PerCallEvidence;
            }

            if (where is not null)
            {
                return new FactoryFacts(where);
            }
        }

        return FactoryFacts.OneTime;
    }

    /// <summary>The expression whose value is what one invocation of the delegate returns, or null.</summary>
    private static ExpressionSyntax? InvocationOf(ExpressionSyntax use) => use.Parent switch
    {
        // F(), options.F()
        InvocationExpressionSyntax invocation when invocation.Expression == use => invocation,

        // F.Invoke()
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Parent: InvocationExpressionSyntax invocation } invoke
            when invoke.Expression == use && invocation.Expression == invoke => invocation,

        // F?.Invoke(), options.F?.Invoke(): the whole conditional access is the result.
        ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Invoke" } } } conditional
            when conditional.Expression == use => conditional,

        // options?.F()
        InvocationExpressionSyntax invocation when use is MemberBindingExpressionSyntax && invocation.Expression == use &&
                                                   invocation.Parent is ConditionalAccessExpressionSyntax conditional &&
                                                   conditional.WhenNotNull == invocation => conditional,
        _ => null,
    };

    /// <summary>
    /// The field or property of delegate type the member's value is handed to as it is: assigned
    /// (<c>options.Factory = s_default</c>, <c>Factory = _custom ?? s_default</c>), a member's initializer, or what a
    /// property's getter returns. Null for any other use (a comparison, an argument, a local).
    /// </summary>
    private static ISymbol? HandedTo(ExpressionSyntax use, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode value = use;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax ||
               value.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression) ||
               value.Parent is ConditionalExpressionSyntax conditional && conditional.Condition != value)
        {
            value = value.Parent;
        }

        ISymbol? target = value.Parent switch
        {
            AssignmentExpressionSyntax assignment when assignment.Right == value &&
                                                       (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)) =>
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } =>
                model.GetDeclaredSymbol(declarator, cancellationToken),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            ArrowExpressionClauseSyntax { Parent: AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: PropertyDeclarationSyntax property } } =>
                model.GetDeclaredSymbol(property, cancellationToken),
            ReturnStatementSyntax returnStatement when returnStatement.FirstAncestorOrSelf<AccessorDeclarationSyntax>() is
                { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: PropertyDeclarationSyntax property } &&
                returnStatement.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is null =>
                model.GetDeclaredSymbol(property, cancellationToken),
            _ => null,
        };

        return target is IFieldSymbol { Type.TypeKind: TypeKind.Delegate } or IPropertySymbol { Type.TypeKind: TypeKind.Delegate, IsIndexer: false }
            ? target.OriginalDefinition
            : null;
    }
}
