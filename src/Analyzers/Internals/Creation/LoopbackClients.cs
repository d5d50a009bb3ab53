using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question "does this long-lived client only ever talk to this machine?": a client whose
/// <c>BaseAddress</c> is a literal loopback address (<c>http://localhost:5000/</c>, <c>http://127.0.0.1/</c>,
/// <c>http://[::1]/</c>), or a private static member every use of which sends to such a literal, resolves no name
/// that could change: there is no DNS to refresh. Read from the written literals only.
/// </summary>
internal static class LoopbackClients
{
    private static readonly string[] s_loopbackPrefixes =
    {
        "http://localhost:", "http://localhost/", "https://localhost:", "https://localhost/",
        "http://127.", "https://127.", "http://[::1]", "https://[::1]",
    };

    /// <summary>
    /// The client created at <paramref name="creation"/> talks only to loopback literals: its initializer sets a loopback
    /// <c>BaseAddress</c>, or it is stored (<paramref name="storedIn"/>, as HCG007 finds it) in a private static field or
    /// property whose every use in its type sends to a loopback literal (or sets such a <c>BaseAddress</c>).
    /// </summary>
    public static bool TalksOnlyToThisMachine(BaseObjectCreationExpressionSyntax creation, ISymbol? storedIn, CancellationToken cancellationToken)
    {
        if (creation.Initializer is { } initializer)
        {
            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "BaseAddress" }, Right: var address })
                {
                    return IsLoopback(address);
                }
            }
        }

        if (storedIn is not { Kind: SymbolKind.Field or SymbolKind.Property, IsStatic: true, DeclaredAccessibility: Accessibility.Private } member)
        {
            return false;
        }

        var uses = 0;
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != member.Name || IsDeclarationOrAssignmentTarget(name))
                {
                    continue;
                }

                if (!SendsToLoopback(name))
                {
                    return false;
                }

                uses++;
            }
        }

        return uses > 0;
    }

    /// <summary><c>s_client.GetAsync("http://127.0.0.1:9000/status")</c>, <c>s_client.BaseAddress = new Uri("http://localhost/")</c>.</summary>
    private static bool SendsToLoopback(IdentifierNameSyntax name)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax { Name: var accessed } qualified && accessed == name ? qualified : name;
        if (use.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } call || call.Expression != use)
        {
            return false;
        }

        if (member == "BaseAddress")
        {
            return call.Parent is AssignmentExpressionSyntax { Right: var address } assignment && assignment.Left == call && IsLoopback(address);
        }

        return call.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } && IsLoopback(arguments[0].Expression);
    }

    private static bool IsLoopback(ExpressionSyntax address)
    {
        address = address.Unwrap();
        if (address is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: >= 1 } arguments })
        {
            // new Uri("http://localhost:11434/")
            address = arguments[0].Expression.Unwrap();
        }

        var text = address switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            InterpolatedStringExpressionSyntax { Contents: { Count: > 0 } contents } when contents[0] is InterpolatedStringTextSyntax first => first.TextToken.ValueText,
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        foreach (var prefix in s_loopbackPrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDeclarationOrAssignmentTarget(IdentifierNameSyntax name)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax { Name: var accessed } qualified && accessed == name ? qualified : name;
        return use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use ||
               name.Parent is NameColonSyntax or NameEqualsSyntax;
    }
}
