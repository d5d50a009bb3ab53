using System.Collections.Generic;
using System.Linq;
using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

/// <remarks>
/// Cookies. A client created per call had a cookie container of its own: the cookies one caller's
/// requests received were sent by that caller's next requests through the same client, and never by
/// anybody else's. The factory keeps one primary handler per name for minutes and gives it to every
/// caller, and its default handler has cookies on: a cookie set in one user's request would be sent with
/// the next user's. So every client the fix creates is a named one whose handler has
/// <c>UseCookies = false</c>; and since that loses the cookies a client passed between its own requests,
/// the fix is offered only where the client sends one request (or its code already turned cookies off).
/// </remarks>
internal sealed partial class FactoryInjection
{
    private static readonly ExpressionSyntax CookiesOff = SyntaxFactory.AssignmentExpression(
        SyntaxKind.SimpleAssignmentExpression,
        SyntaxFactory.IdentifierName("UseCookies"),
        SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));

    /// <summary>The handler creation sets <c>UseCookies = false</c> in its initializer.</summary>
    private static bool TurnsCookiesOff(BaseObjectCreationExpressionSyntax handler) =>
        handler.Initializer?.Expressions.Any(e => e is AssignmentExpressionSyntax
        {
            Left: IdentifierNameSyntax { Identifier.ValueText: "UseCookies" },
            Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression },
        }) == true;

    /// <summary>
    /// The handler the named registration creates: the client's own (moved, with <c>UseCookies = false</c>
    /// added when it does not say so already), or an <c>HttpClientHandler</c> with cookies off, which is what
    /// <c>new HttpClient()</c> used apart from its cookies.
    /// </summary>
    private static ExpressionSyntax WithCookiesOff(ExpressionSyntax? relocatedHandler, WellKnownTypes types)
    {
        switch (relocatedHandler)
        {
            case null:
                return SyntaxFactory.ObjectCreationExpression(
                    SyntaxGeneration.TypeName(types.HttpClientHandler!),
                    null,
                    SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList(CookiesOff)));
            case BaseObjectCreationExpressionSyntax created when TurnsCookiesOff(created):
                return created;
            case ObjectCreationExpressionSyntax { Initializer: null } created:
                return created
                    .WithArgumentList(created.ArgumentList is { Arguments.Count: > 0 } ? created.ArgumentList : null)
                    .WithType(created.Type.WithoutTrailingTrivia())
                    .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList(CookiesOff)));
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } created:
                return created.WithInitializer(initializer.AddExpressions(CookiesOff));
            default:
                return relocatedHandler;
        }
    }

    /// <summary>
    /// The created client may send more than one request: through its local (several calls, a loop or a
    /// lambda, passed along), or, when it is kept in a field or property of its owner, through the calls the
    /// owner's members make on it. An owner the framework builds for one request (a controller, a page
    /// model, a hub) runs one action per instance, so there the calls are counted per member; any other
    /// owner's calls are counted over the whole type, since one instance may serve several of them.
    /// </summary>
    private static bool MaySendSeveralRequests(BaseObjectCreationExpressionSyntax creation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var client = ClientLocal.Find(creation, model, cancellationToken);
        if (client.Holder != ClientHolder.Other)
        {
            return client.MaySendSeveralRequests();
        }

        if (StoredIn(creation, model, cancellationToken) is not { } storage)
        {
            // Returned or passed along: used for any number of requests.
            return true;
        }

        var perMember = FrameworkOwners.Create(model.Compilation).ConstructorInjectedKind(storage.ContainingType) is not null;
        var callsByMember = new Dictionary<SyntaxNode, int>();
        foreach (var reference in References(storage, model.Compilation, cancellationToken))
        {
            var access = reference.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == reference
                ? (ExpressionSyntax)self
                : reference;
            if (access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access && assignment.Right.Unwrap() == creation ||
                access.Parent is EqualsValueClauseSyntax)
            {
                continue;
            }

            if (access.Parent is not MemberAccessExpressionSyntax memberAccess || memberAccess.Expression != access)
            {
                // Passed along, returned, copied or reassigned: its requests cannot be counted here.
                return true;
            }

            if (memberAccess.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != memberAccess ||
                memberAccess.Name.Identifier.ValueText == "Dispose")
            {
                // A setting or a header collection read, or the owner's Dispose: no request.
                continue;
            }

            var member = access.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or
                ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
            if (member is not MemberDeclarationSyntax declaration)
            {
                return true;
            }

            var key = perMember ? declaration : (SyntaxNode)storage.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            callsByMember[key] = callsByMember.TryGetValue(key, out var calls) ? calls + 1 : 1;
            if (callsByMember[key] > 1)
            {
                return true;
            }
        }

        if (!perMember || callsByMember.Count < 2)
        {
            return false;
        }

        // One action per instance holds only when no member that sends a request runs beside another one:
        // a constructor or property runs with every action, a method called from inside the type with its caller.
        return callsByMember.Keys.Any(member => member is not MethodDeclarationSyntax method ||
                                                IsCalledWithinType(method.Identifier.ValueText, storage.ContainingType, cancellationToken));
    }

    /// <summary>The field or property the creation initializes or is assigned to, or null.</summary>
    private static ISymbol? StoredIn(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var node = creation.ParentSkippingParenthesesAndCasts();
        return node switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } =>
                model.GetDeclaredSymbol(declarator, cancellationToken) as IFieldSymbol,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } assignment =>
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { IsStatic: false } symbol and (IFieldSymbol or IPropertySymbol) ? symbol : null,
            _ => null,
        };
    }

    /// <summary>Every name in the storage's type that refers to it (all partial declarations).</summary>
    private static IEnumerable<IdentifierNameSyntax> References(ISymbol storage, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in storage.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            foreach (var name in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == storage.Name &&
                    SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, storage))
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>Any name in the type spelling <paramref name="name"/>: a call, a method group, a <c>nameof</c> (all count).</summary>
    private static bool IsCalledWithinType(string name, INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken)
            .DescendantNodes()
            .OfType<SimpleNameSyntax>()
            .Any(n => n.Identifier.ValueText == name));
}
