using System;
using System.Threading;
using Microsoft.CodeAnalysis;
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
