using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The statements that configure a client right after its creation, before anything else uses it:
/// <c>client.Timeout = ...;</c>, <c>client.BaseAddress = ...;</c>, <c>client.MaxResponseContentBufferSize = ...;</c>,
/// <c>client.DefaultRequestHeaders.Add(name, value);</c> and <c>client.DefaultRequestHeaders.Accept.Add(value);</c>
/// (any header collection). The static-field fix moves them into the field's object initializer when every
/// value is the same on every call; configuration anywhere else, or of any other kind, is not moved.
/// </summary>
internal sealed class ClientConfiguration
{
    private const string HeadersName = "DefaultRequestHeaders";

    private ClientConfiguration(IReadOnlyList<ExpressionStatementSyntax> statements) => Statements = statements;

    public static ClientConfiguration None { get; } = new(new ExpressionStatementSyntax[0]);

    /// <summary>The configuring statements, in order.</summary>
    public IReadOnlyList<ExpressionStatementSyntax> Statements { get; }

    /// <summary>The leading run of configuring statements after the client's declaration (or at the start of its using body).</summary>
    public static ClientConfiguration Find(ClientLocal client)
    {
        if (client.Local is null || client.DeclaringStatement is not { } declaring)
        {
            return None;
        }

        IEnumerable<StatementSyntax> following = declaring switch
        {
            UsingStatementSyntax { Statement: BlockSyntax body } => body.Statements,
            LocalDeclarationStatementSyntax { Parent: BlockSyntax block } => block.Statements.Skip(block.Statements.IndexOf(declaring) + 1),
            _ => Enumerable.Empty<StatementSyntax>(),
        };

        var statements = new List<ExpressionStatementSyntax>();
        foreach (var statement in following)
        {
            if (statement is not ExpressionStatementSyntax expressionStatement ||
                Receiver(expressionStatement) is not { } receiver ||
                !client.References.Contains(receiver))
            {
                break;
            }

            statements.Add(expressionStatement);
        }

        return new ClientConfiguration(statements);
    }

    /// <summary>True when <paramref name="reference"/> lies in one of the configuring statements.</summary>
    public bool Contains(SyntaxNode reference) => Statements.Any(statement => statement.Span.Contains(reference.Span));

    /// <summary>Every value the configuration writes is the same on every call (statics and constants only).</summary>
    public bool DependsOnlyOnStatics(SemanticModel model, CancellationToken cancellationToken) =>
        Statements.All(statement => Values(statement).All(value => StaticFieldHoist.DependsOnlyOnStatics(value, model, cancellationToken)));

    /// <summary>
    /// <paramref name="existing"/> with the configuration added, or null when the two cannot be written as one
    /// initializer (a setting written twice, headers set in both, or named and plain headers mixed).
    /// </summary>
    public InitializerExpressionSyntax? MergeInto(InitializerExpressionSyntax? existing)
    {
        var expressions = existing?.Expressions.ToList() ?? new List<ExpressionSyntax>();
        if (Statements.Count == 0)
        {
            return existing;
        }

        var written = new HashSet<string>(expressions.OfType<AssignmentExpressionSyntax>().Select(a => a.Left.ToString()));
        var plainHeaders = new List<ExpressionSyntax>();
        var namedHeaders = new List<(string Name, ExpressionSyntax Value)>();
        foreach (var statement in Statements)
        {
            switch (statement.Expression)
            {
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax setting } assignment:
                    if (!written.Add(setting.Name.Identifier.ValueText))
                    {
                        return null;
                    }

                    expressions.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(setting.Name.Identifier.ValueText), assignment.Right.WithoutTrivia()));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax headers } } invocation:
                    if (headers.Name.Identifier.ValueText == HeadersName)
                    {
                        plainHeaders.Add(InitializerExpression(SyntaxKind.ComplexElementInitializerExpression, SeparatedList(invocation.ArgumentList.Arguments.Select(a => a.Expression.WithoutTrivia()))));
                    }
                    else
                    {
                        namedHeaders.Add((headers.Name.Identifier.ValueText, invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia()));
                    }

                    break;
            }
        }

        if (plainHeaders.Count > 0 || namedHeaders.Count > 0)
        {
            if (plainHeaders.Count > 0 && namedHeaders.Count > 0 || !written.Add(HeadersName))
            {
                return null;
            }

            var headerInitializer = plainHeaders.Count > 0
                ? InitializerExpression(SyntaxKind.CollectionInitializerExpression, SeparatedList(plainHeaders))
                : InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SeparatedList<ExpressionSyntax>(namedHeaders.GroupBy(h => h.Name).Select(group => AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        IdentifierName(group.Key),
                        InitializerExpression(SyntaxKind.CollectionInitializerExpression, SeparatedList(group.Select(h => h.Value)))))));
            expressions.Add(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(HeadersName), headerInitializer));
        }

        return InitializerExpression(SyntaxKind.ObjectInitializerExpression, SeparatedList(expressions));
    }

    /// <summary>The client reference a configuring statement starts from, or null when it is not one.</summary>
    private static IdentifierNameSyntax? Receiver(ExpressionStatementSyntax statement) => statement.Expression switch
    {
        AssignmentExpressionSyntax
        {
            RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
            Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax client, Name.Identifier.ValueText: "Timeout" or "BaseAddress" or "MaxResponseContentBufferSize" },
        } => client,
        InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "Add",
                Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax client, Name.Identifier.ValueText: HeadersName },
            },
            ArgumentList.Arguments: { Count: 2 } arguments,
        } when arguments.All(static a => a.NameColon is null && a.RefKindKeyword.IsKind(SyntaxKind.None)) => client,
        InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "Add",
                Expression: MemberAccessExpressionSyntax
                {
                    Name: IdentifierNameSyntax,
                    Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax client, Name.Identifier.ValueText: HeadersName },
                },
            },
            ArgumentList.Arguments: { Count: 1 } single,
        } when single[0] is { NameColon: null, RefKindKeyword.RawKind: 0 } => client,
        _ => null,
    };

    private static IEnumerable<ExpressionSyntax> Values(ExpressionStatementSyntax statement) => statement.Expression switch
    {
        AssignmentExpressionSyntax assignment => new[] { assignment.Right },
        InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments.Select(a => a.Expression),
        _ => Enumerable.Empty<ExpressionSyntax>(),
    };
}
