using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question "does this long-lived client only ever talk to this machine?": a client whose
/// <c>BaseAddress</c> is a literal loopback address (<c>http://localhost:5000/</c>, <c>http://127.0.0.1/</c>,
/// <c>http://[::1]/</c>), or a private member kept as it was first set (static, <c>readonly</c> or get-only) every use of which
/// sends to such a literal (directly, through a request message, or through an expression-bodied helper of the type that
/// builds one), resolves no name that could change: there is no DNS to refresh. Read from the written literals only.
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
    /// <c>BaseAddress</c>, or it is stored (<paramref name="storedIn"/>, as HCG007 finds it) in a private static, readonly or
    /// get-only field or property whose every use in its type sends to a loopback literal (or sets such a <c>BaseAddress</c>).
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

        return storedIn is { Kind: SymbolKind.Field or SymbolKind.Property, DeclaredAccessibility: Accessibility.Private } member &&
               (member.IsStatic || member is IFieldSymbol { IsReadOnly: true } || member is IPropertySymbol { SetMethod: null }) &&
               EveryUseSendsToLoopback(member, followsGetter: member.IsStatic, cancellationToken);
    }

    /// <summary>
    /// Every use of the private static <paramref name="member"/> in its type sends to a loopback literal (or sets such a
    /// <c>BaseAddress</c>), and there is at least one. A null test of it is no use; with <paramref name="followsGetter"/>,
    /// neither is handing it out of the getter of another private static property of the type (<c>static HttpClient client {
    /// get { if (_body == null) _body = new HttpClient(); return _body; } }</c>), whose own uses are asked instead.
    /// </summary>
    private static bool EveryUseSendsToLoopback(ISymbol member, bool followsGetter, CancellationToken cancellationToken)
    {
        var uses = 0;
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != member.Name || IsDeclarationOrAssignmentTarget(name) ||
                    SyntaxFacts.IsInTypeOnlyContext(name) || IsNullTest(name) || IsParameterStoredInTheMember(name))
                {
                    continue;
                }

                if (followsGetter && ReturnedByPrivateStaticGetter(name) is { } getter)
                {
                    if (!(member.ContainingType.GetMembers(getter.Identifier.ValueText) is { Length: 1 } found && found[0] is IPropertySymbol property &&
                          EveryUseSendsToLoopback(property, followsGetter: false, cancellationToken)))
                    {
                        return false;
                    }
                }
                else if (!SendsToLoopback(name))
                {
                    return false;
                }

                uses++;
            }
        }

        return uses > 0;
    }

    /// <summary>
    /// <c>this.httpClient = httpClient;</c> in a constructor: the parameter of the member's name, stored in it (the value
    /// itself, not a use of the member).
    /// </summary>
    private static bool IsParameterStoredInTheMember(IdentifierNameSyntax name) =>
        name.Parent is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var stored } } assignment &&
        assignment.Right == name && stored == name.Identifier.ValueText;

    /// <summary><c>_body == null</c>, <c>_body != null</c>, <c>_body is null</c>, <c>_body is not null</c>: a look, not a use.</summary>
    private static bool IsNullTest(IdentifierNameSyntax name)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax { Name: var accessed } qualified && accessed == name ? qualified : name;
        return use.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } binary =>
                (binary.Left == use ? binary.Right : binary.Left).IsKind(SyntaxKind.NullLiteralExpression),
            IsPatternExpressionSyntax { Pattern: var pattern } =>
                pattern is ConstantPatternSyntax { Expression: var constant } && constant.IsKind(SyntaxKind.NullLiteralExpression) ||
                pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } && negated.IsKind(SyntaxKind.NullLiteralExpression),
            _ => false,
        };
    }

    /// <summary>
    /// The private static property whose getter returns <paramref name="name"/> as it is (<c>return _body;</c>,
    /// <c>get => _body;</c>); null otherwise.
    /// </summary>
    private static PropertyDeclarationSyntax? ReturnedByPrivateStaticGetter(IdentifierNameSyntax name)
    {
        var returned = name.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax;
        if (!returned || name.FirstAncestorOrSelf<AccessorDeclarationSyntax>() is not { RawKind: (int)SyntaxKind.GetAccessorDeclaration } accessor ||
            accessor.Parent?.Parent is not PropertyDeclarationSyntax property ||
            !property.Modifiers.Any(SyntaxKind.StaticKeyword) ||
            property.Modifiers.Any(SyntaxKind.PublicKeyword) || property.Modifiers.Any(SyntaxKind.InternalKeyword) || property.Modifiers.Any(SyntaxKind.ProtectedKeyword))
        {
            return null;
        }

        return property;
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

        return call.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } &&
               (IsLoopback(arguments[0].Expression) || RequestTo(arguments[0].Expression) is { } uri && IsLoopback(uri));
    }

    /// <summary>
    /// The URI of the request <paramref name="request"/> is: <c>new HttpRequestMessage(HttpMethod.Get, address)</c>, directly or
    /// as the only value of a local (<c>var req = new HttpRequestMessage(...); s_client.SendAsync(req)</c>).
    /// </summary>
    private static ExpressionSyntax? RequestTo(ExpressionSyntax request)
    {
        request = request.Unwrap();
        if (request is IdentifierNameSyntax local && LocalValueOf(local) is { } value)
        {
            request = value.Unwrap();
        }

        return request is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } creation &&
               (creation is ImplicitObjectCreationExpressionSyntax || SyntaxGates.WrittenTypeName(creation) == "HttpRequestMessage")
            ? arguments[1].Expression
            : null;
    }

    /// <summary>
    /// The initializer of the local <paramref name="name"/> names, declared in the same member and never assigned after
    /// (found by name in that member); null otherwise.
    /// </summary>
    private static ExpressionSyntax? LocalValueOf(IdentifierNameSyntax name)
    {
        if (name.EnclosingMember() is not { } member)
        {
            return null;
        }

        var text = name.Identifier.ValueText;
        ExpressionSyntax? value = null;
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == text:
                    if (value is not null || declarator.Initializer is not { Value: var initial })
                    {
                        return null;
                    }

                    value = initial;
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } when target.Identifier.ValueText == text:
                    return null;
            }
        }

        return value;
    }

    private static bool IsLoopback(ExpressionSyntax address) => IsLoopback(address, depth: 0);

    /// <summary>
    /// A loopback literal, <c>new Uri(...)</c> of one, a string that starts with one (<c>$"http://127.0.0.1:{port}/x"</c>,
    /// <c>"http://localhost:5000/" + path</c>, <c>$"{scheme}://localhost:{port}"</c>), or one that starts with a member of
    /// the same type (or a local of the member, never reassigned) whose written value is one (<c>$"{ServerBaseUrl}/v1/speech"</c>
    /// with <c>static string ServerBaseUrl => $"http://127.0.0.1:{s_port}";</c>).
    /// </summary>
    private static bool IsLoopback(ExpressionSyntax address, int depth)
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

            // $"{protocol}://localhost:{port}{path}": whatever the scheme, the host is this machine.
            InterpolatedStringExpressionSyntax { Contents: { Count: > 1 } contents } when contents[0] is InterpolationSyntax &&
                contents[1] is InterpolatedStringTextSyntax { TextToken.ValueText: var rest } && rest.StartsWith("://", StringComparison.Ordinal) =>
                "http" + rest,
            _ => null,
        };
        if (text is null)
        {
            if (address is InvocationExpressionSyntax { Expression: IdentifierNameSyntax helper } && depth < 2 && ExpressionBodyOf(helper) is { } built)
            {
                // new HttpRequestMessage(HttpMethod.Get, CreateLoopbackUri(port, path)) with
                // static Uri CreateLoopbackUri(int port, string path) => new($"http://127.0.0.1:{port}{path}", UriKind.Absolute);
                return IsLoopback(built, depth + 1);
            }

            var leading = address switch
            {
                InterpolatedStringExpressionSyntax { Contents: { Count: > 0 } contents } when contents[0] is InterpolationSyntax { Expression: var first } => first,
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression, Left: var left } => left,
                IdentifierNameSyntax identifier => identifier,
                _ => null,
            };
            return leading is not null && depth < 2 &&
                   (leading is IdentifierNameSyntax name
                        ? (WrittenValueOf(name) ?? LocalValueOf(name)) is { } value && IsLoopback(value, depth + 1)
                        : IsLoopback(leading, depth + 1));
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

    /// <summary>The expression body of the one method of the type containing <paramref name="name"/> that has its name, or null.</summary>
    private static ExpressionSyntax? ExpressionBodyOf(IdentifierNameSyntax name)
    {
        if (name.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        ExpressionSyntax? found = null;
        foreach (var member in type.Members)
        {
            if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name.Identifier.ValueText)
            {
                if (found is not null || method.ExpressionBody is not { Expression: var body })
                {
                    return null;
                }

                found = body;
            }
        }

        return found;
    }

    /// <summary>
    /// The value written for a field, constant or get-only property of the type that contains <paramref name="name"/>,
    /// found by name: <c>const string Base = "..."</c>, <c>static string Base => $"..."</c>, <c>string Base { get; } = "..."</c>.
    /// </summary>
    private static ExpressionSyntax? WrittenValueOf(IdentifierNameSyntax name)
    {
        if (name.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        var text = name.Identifier.ValueText;
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == text:
                    if (property.ExpressionBody is { } body)
                    {
                        return body.Expression;
                    }

                    // { get => "..."; } or { get; } = "..." (no setter: nothing else can write it).
                    if (property.AccessorList?.Accessors is not { Count: 1 } accessors || !accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration))
                    {
                        return null;
                    }

                    return accessors[0].ExpressionBody?.Expression ?? (accessors[0].Body is null ? property.Initializer?.Value : null);
                case FieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Identifier.ValueText == text)
                        {
                            return field.Modifiers.Any(SyntaxKind.ConstKeyword) || field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword) ? variable.Initializer?.Value : null;
                        }
                    }

                    break;
            }
        }

        return null;
    }

    private static bool IsDeclarationOrAssignmentTarget(IdentifierNameSyntax name)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax { Name: var accessed } qualified && accessed == name ? qualified : name;
        return use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use ||
               name.Parent is NameColonSyntax or NameEqualsSyntax;
    }
}
