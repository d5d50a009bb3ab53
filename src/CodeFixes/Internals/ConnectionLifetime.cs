using System.Linq;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The code the fixes write to make a handler recycle its connections:
/// <c>PooledConnectionLifetime = TimeSpan.FromMinutes(2)</c>. Two minutes follows the .NET
/// guidance for static clients: DNS changes are seen within minutes, and a connection is
/// re-established at most once per two minutes per server. Names are <c>global::</c>-qualified
/// and annotated; <see cref="SyntaxGeneration.AddImportsAsync"/> adds the usings.
/// </summary>
internal static class ConnectionLifetime
{
    public const string PropertyName = "PooledConnectionLifetime";

    private const int DefaultMinutes = 2;

    /// <summary><c>PooledConnectionLifetime = TimeSpan.FromMinutes(2)</c>, for an object initializer.</summary>
    public static AssignmentExpressionSyntax Assignment() =>
        SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(PropertyName),
            SyntaxFactory.InvocationExpression(
                SyntaxGeneration.MemberAccess(WellKnownTypeNames.TimeSpan, "FromMinutes"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(DefaultMinutes)))))));

    /// <summary><c>new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }</c>, then <paramref name="otherSettings"/>.</summary>
    public static ObjectCreationExpressionSyntax SocketsHandler(params ExpressionSyntax[] otherSettings) =>
        SyntaxFactory.ObjectCreationExpression(
                SyntaxGeneration.TypeName(WellKnownTypeNames.SocketsHttpHandler),
                null,
                SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SeparatedList(new ExpressionSyntax[] { Assignment() }.Concat(otherSettings))))
            .WithAdditionalAnnotations(Formatter.Annotation);
}
