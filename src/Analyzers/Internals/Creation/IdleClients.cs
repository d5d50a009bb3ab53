using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question "does this long-lived client ever send a request?": a static field or property of this compilation
/// whose every use anywhere in it only configures the client (<c>X.DefaultRequestHeaders.Accept.Add(...)</c>,
/// <c>X.Timeout = ...</c>) opens no connection, so no DNS answer can go stale. Not when code outside the compilation may
/// use it (a member other assemblies see, in a library), when any use does something else (a call, an argument, a
/// return, a copy), nor when nothing uses it yet.
/// </summary>
internal static class IdleClients
{
    private const int MaxUses = 64;

    private static readonly string[] s_configurationMembers =
    {
        "DefaultRequestHeaders", "Timeout", "BaseAddress", "MaxResponseContentBufferSize", "DefaultRequestVersion", "DefaultVersionPolicy",
    };

    public static bool NeverSends(ISymbol? storedIn, Compilation compilation, CancellationToken cancellationToken)
    {
        if (storedIn is not (IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true }) ||
            !storedIn.HasOneDeclarationIn(compilation) ||
            compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary && IsVisibleOutside(storedIn))
        {
            return false;
        }

        var uses = 0;
        SemanticModel? model = null;
        foreach (var simpleName in SyntaxTreeIndex.SimpleNamesWhereVisible(compilation, storedIn, cancellationToken))
        {
            if (simpleName is not IdentifierNameSyntax name)
            {
                continue;
            }

            model = model?.SyntaxTree == name.SyntaxTree ? model : compilation.ModelFor(name.SyntaxTree);
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, storedIn.OriginalDefinition))
            {
                continue;
            }

            // MessageEvent.httpClient.DefaultRequestHeaders...: the access that names the member is the use.
            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
            if (++uses > MaxUses || !Configures(use))
            {
                return false;
            }
        }

        // A client nothing uses yet is code being written: the rule speaks now, before the first request is added.
        return uses > 0;
    }

    /// <summary>
    /// A field initializer's client that every constructor of its kind (the static constructor for a static field, each
    /// instance constructor that does not chain to <c>this(...)</c> for an instance field) replaces before anything reads the
    /// field: <c>private readonly HttpClient _client = new HttpClient();</c> with <c>_client = new HttpClient(handler);</c>
    /// first thing in the constructor. The replaced client is never sent through. Not when another initializer, or the
    /// constructor before the store, names the field, or there is no such constructor. Read from the syntax.
    /// </summary>
    public static bool ReplacedBeforeUse(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation.ParentSkippingParenthesesAndCasts() is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } declarator } ||
            field.Parent is not TypeDeclarationSyntax type || field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            return false;
        }

        var name = declarator.Identifier.ValueText;
        var isStatic = field.Modifiers.Any(SyntaxKind.StaticKeyword);
        var constructors = 0;
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax other when other != field && Mentions(other, name):
                case PropertyDeclarationSyntax { Initializer: { } initializer } when Mentions(initializer, name):
                    // static HttpClient s_other = s_client; reads it before any constructor runs.
                    return false;
                case ConstructorDeclarationSyntax constructor when constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == isStatic:
                    constructors++;
                    if (constructor.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword } ||
                        constructor.Body is { } body && ReplacesFirst(body, name))
                    {
                        continue;
                    }

                    return false;
            }
        }

        return constructors > 0;
    }

    /// <summary>A top-level <c>name = ...;</c> (or <c>this.name = ...;</c>) in <paramref name="body"/> before which, and in whose value, the name is not written.</summary>
    private static bool ReplacesFirst(BlockSyntax body, string name)
    {
        foreach (var statement in body.Statements)
        {
            if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment } &&
                assignment.Left.Unwrap() switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
                    _ => false,
                })
            {
                return !Mentions(assignment.Right, name);
            }

            if (Mentions(statement, name) || statement is ReturnStatementSyntax or ThrowStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool Mentions(SyntaxNode node, string name) =>
        node.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);

    /// <summary>
    /// HCG001's and HCG002's question about a client or handler made per call: is it ever sent through? One kept in a local
    /// of its member, or in an instance field or property of this compilation (not one other assemblies may reach), whose
    /// every use only configures it (a client's <c>DefaultRequestHeaders</c>, <c>Timeout</c>, ...; any member of a handler set
    /// or read: <c>handler.Proxy = ...</c>, <c>handler.ClientCertificates.Add(...)</c>) or disposes it opens no connection, so
    /// it leaves no socket behind. A use of any other kind (a call, an argument, a return, a copy, a capture in a lambda) may
    /// send. One nothing configures (nothing uses it, or it is only disposed, and its creation has no object initializer) is
    /// code being written, and is still reported; a creation whose initializer sets it up and that nothing uses afterwards is
    /// finished code that never sends (a handler built and then forgotten when its method moved to a shared client).
    /// </summary>
    public static bool NeverSendsPerCall(BaseObjectCreationExpressionSyntax creation, bool isClient, SemanticModel model, CancellationToken cancellationToken)
    {
        // 'a = b = new HttpClient()' hands the client on beyond the store: only a store that is a statement of its own counts.
        var storedIn = creation.ParentSkippingParenthesesAndCasts() is AssignmentExpressionSyntax { Parent: not ExpressionStatementSyntax }
            ? null
            : CreationFlow.StoredIn(creation, model, cancellationToken);

        IEnumerable<SimpleNameSyntax> names;
        switch (storedIn)
        {
            case ILocalSymbol { IsRef: false } local when creation.EnclosingFunction() is { } function:
                names = function.DescendantNodes().OfType<IdentifierNameSyntax>().Where(name => name.Identifier.ValueText == local.Name);
                break;
            case IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false, IsIndexer: false }
                when storedIn.HasOneDeclarationIn(model.Compilation) &&
                     !(model.Compilation.Options.OutputKind == OutputKind.DynamicallyLinkedLibrary && IsVisibleOutside(storedIn)):
                names = SyntaxTreeIndex.SimpleNamesWhereVisible(model.Compilation, storedIn, cancellationToken);
                break;
            default:
                return false;
        }

        var uses = 0;
        var configured = creation.Initializer is { Expressions.Count: > 0 };

        // Only a client class of this compilation can declare send methods that forward (ForwardsElsewhere): for any other
        // no use is bound, so the walk stays on the syntax.
        var mayForward = isClient && model.GetTypeInfo(creation, cancellationToken).Type is { } created &&
                         SymbolEqualityComparer.Default.Equals(created.ContainingAssembly, model.Compilation.Assembly);
        SemanticModel? treeModel = null;
        foreach (var simpleName in names)
        {
            if (simpleName is not IdentifierNameSyntax name || IsTheDeclaration(name, creation))
            {
                continue;
            }

            treeModel = treeModel?.SyntaxTree == name.SyntaxTree ? treeModel : name.SyntaxTree == model.SyntaxTree ? model : model.Compilation.ModelFor(name.SyntaxTree);
            if (!SymbolEqualityComparer.Default.Equals(treeModel.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, storedIn.OriginalDefinition))
            {
                continue;
            }

            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
            var configures = isClient ? Configures(use) || mayForward && ForwardsElsewhere(use, treeModel, cancellationToken) : ConfiguresHandler(use);
            if (++uses > MaxUses || !(configures || Disposes(use)))
            {
                return false;
            }

            configured |= configures;
        }

        // One nothing configures yet is code being written: the rule speaks, as HCG007 does.
        return configured;
    }

    /// <summary>
    /// <c>client.SendAsync(request)</c> on a client whose class, declared in this compilation and derived from
    /// <c>HttpClient</c>, declares the method called (<c>new</c> or <c>override</c>) with a body that never reaches the instance's
    /// own handler: no <c>base.</c>, no <c>this</c> handed on, and of the instance's own members only fields of this
    /// compilation read (<c>return _options.HttpClient.SendAsync(request, token);</c>). Such a call forwards the request to
    /// another client; the derived client's own handler opens no connection. A call of any inherited member (<c>GetAsync</c>)
    /// or of another own method may send through it.
    /// </summary>
    private static bool ForwardsElsewhere(ExpressionSyntax use, SemanticModel model, CancellationToken cancellationToken)
    {
        if (use.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access || access.Expression != use ||
            model.GetSymbolInfo(access, cancellationToken).Symbol is not IMethodSymbol { IsStatic: false, IsAbstract: false, MethodKind: MethodKind.Ordinary } method ||
            method.ContainingType is not { TypeKind: TypeKind.Class } declaring ||
            !model.GetTypeInfo(use, cancellationToken).Type.InheritsFromOrEquals(declaring.OriginalDefinition) ||
            !SymbolEqualityComparer.Default.Equals(declaring.ContainingAssembly, model.Compilation.Assembly) ||
            method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration ||
            ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is not { } body)
        {
            return false;
        }

        var bodyModel = declaration.SyntaxTree == model.SyntaxTree ? model : model.Compilation.ModelFor(declaration.SyntaxTree);
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case BaseExpressionSyntax:
                case ThisExpressionSyntax when node.Parent is not MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                    return false;
                case SimpleNameSyntax name when !(name.Parent is MemberAccessExpressionSyntax member && member.Name == name && member.Expression is not ThisExpressionSyntax) &&
                                                 name.Parent is not (MemberBindingExpressionSyntax or NameColonSyntax or QualifiedNameSyntax):
                    if (bodyModel.GetSymbolInfo(name, cancellationToken).Symbol is { IsStatic: false, Kind: SymbolKind.Method or SymbolKind.Property or SymbolKind.Event or SymbolKind.Field } symbol &&
                        symbol.ContainingType is { } owner && declaring.InheritsFromOrEquals(owner.OriginalDefinition) &&
                        !(symbol is IFieldSymbol && SymbolEqualityComparer.Default.Equals(owner.ContainingAssembly, model.Compilation.Assembly)))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>The store the creation is written into (<c>_client = new HttpClient()</c>): not a use.</summary>
    private static bool IsTheDeclaration(IdentifierNameSyntax name, BaseObjectCreationExpressionSyntax creation) =>
        name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name && assignment.Right.Unwrap() == creation ||
        name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Parent: AssignmentExpressionSyntax outer } access &&
        access.Name == name && outer.Left == access && outer.Right.Unwrap() == creation;

    /// <summary><c>x.DefaultRequestHeaders...</c>, <c>x.Timeout = ...</c>: a member that configures the client and sends nothing.</summary>
    private static bool Configures(ExpressionSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } configured && configured.Expression == use &&
        Array.IndexOf(s_configurationMembers, member) >= 0;

    /// <summary>
    /// <c>handler.Proxy = ...</c>, <c>handler.ClientCertificates.Add(...)</c>, <c>if (handler.SupportsAutomaticDecompression)</c>:
    /// a member of the handler, set or read. A handler sends only through a client or invoker it is handed to, which is an
    /// argument, not a member access.
    /// </summary>
    private static bool ConfiguresHandler(ExpressionSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: not "Dispose" } member && member.Expression == use &&
        member.Parent is not InvocationExpressionSyntax;

    /// <summary><c>x.Dispose()</c>, <c>x?.Dispose()</c>, <c>using (x)</c>.</summary>
    private static bool Disposes(ExpressionSyntax use) => use.Parent switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose", Parent: InvocationExpressionSyntax } access => access.Expression == use,
        ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" } } } access => access.Expression == use,
        UsingStatementSyntax @using => @using.Expression == use,
        _ => false,
    };

    private static bool IsVisibleOutside(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
