using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Clients that never send a request open no connection. HCG007's question "does this long-lived client ever send a request?": a static field or property of this compilation
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
        foreach (var simpleName in SyntaxTreeIndex.SimpleNames(compilation, storedIn.Name, cancellationToken))
        {
            if (simpleName is not IdentifierNameSyntax name)
            {
                continue;
            }

            model = model?.SyntaxTree == name.SyntaxTree ? model : compilation.GetSemanticModel(name.SyntaxTree);
            if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, storedIn.OriginalDefinition))
            {
                continue;
            }

            // MessageEvent.httpClient.DefaultRequestHeaders...: the access that names the member is the use.
            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
            if (++uses > MaxUses ||
                use.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } configured || configured.Expression != use ||
                Array.IndexOf(s_configurationMembers, member) < 0)
            {
                return false;
            }
        }

        // A client nothing uses yet is code being written: the rule speaks now, before the first request is added.
        return uses > 0;
    }

    /// <summary>
    /// HCG001's question: <c>using HttpClient client = new();</c> into a local that nothing in its member ever names again
    /// (left behind when the code that used it went away) sends no request, so it opens no connection and leaves no socket.
    /// A local that is named anywhere (a call, an argument, a return, a capture) is a client in use.
    /// </summary>
    public static bool IsUnusedLocal(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.ParentSkippingParenthesesAndCasts() is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.Parent?.Parent is not (LocalDeclarationStatementSyntax or UsingStatementSyntax) ||
            declarator.EnclosingMember() is not { } scope ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name &&
                (model.GetSymbolInfo(name, cancellationToken) is var info &&
                 (info.Symbol is null && info.CandidateSymbols.IsEmpty || SymbolEqualityComparer.Default.Equals(info.Symbol, local))))
            {
                // Named again (or a name that does not bind, which might be it): in use.
                return false;
            }
        }

        return true;
    }

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
