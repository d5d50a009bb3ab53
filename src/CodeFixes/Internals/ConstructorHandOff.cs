using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// A client created in a constructor initializer (<c>: this(new HttpClient())</c>, <c>: base(new HttpClient(...))</c>)
/// is handed to another constructor, which keeps it. Sharing one client between instances keeps behaviour only when
/// that constructor, and the type through the private field it keeps the client in, only call it: never dispose,
/// reconfigure or hand it on (<see cref="ClientLocal.IsCallOrSettingRead"/>).
/// </summary>
internal static class ConstructorHandOff
{
    private const int MaxChainedConstructors = 4;

    /// <summary>The constructor initializer <paramref name="creation"/> is an argument of, or null.</summary>
    public static ConstructorInitializerSyntax? Initializer(BaseObjectCreationExpressionSyntax creation)
    {
        SyntaxNode node = creation;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ConstructorInitializerSyntax initializer } } ? initializer : null;
    }

    /// <summary>True when every use of the client after the hand-off is a call or a read of a setting.</summary>
    public static bool IsOnlyCalled(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode node = creation;
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node.Parent is ArgumentSyntax argument &&
               argument.Parent?.Parent is ConstructorInitializerSyntax initializer &&
               ParameterIsOnlyCalled(initializer, argument, model.Compilation, 0, cancellationToken);
    }

    private static bool ParameterIsOnlyCalled(ConstructorInitializerSyntax initializer, ArgumentSyntax argument, Compilation compilation, int depth, CancellationToken cancellationToken)
    {
        var model = compilation.GetSemanticModel(initializer.SyntaxTree);
        if (depth > MaxChainedConstructors ||
            model.GetSymbolInfo(initializer, cancellationToken).Symbol is not IMethodSymbol constructor ||
            Parameter(constructor, argument) is not { IsParams: false } parameter ||
            constructor.DeclaringSyntaxReferences.Length != 1 ||
            constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration)
        {
            // A constructor in metadata, a record's or a primary constructor: what it does with the client is not read here.
            return false;
        }

        var declarationModel = compilation.GetSemanticModel(declaration.SyntaxTree);
        foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != parameter.Name ||
                !SymbolEqualityComparer.Default.Equals(declarationModel.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
            {
                continue;
            }

            if (ClientLocal.IsCallOrSettingRead(identifier))
            {
                continue;
            }

            if (identifier.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment && assignment.Right == identifier &&
                declarationModel.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Private } field &&
                assignment.Left is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } &&
                FieldIsOnlyCalled(field, compilation, cancellationToken))
            {
                continue;
            }

            if (identifier.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ConstructorInitializerSyntax chained } } passedOn &&
                chained == declaration.Initializer &&
                ParameterIsOnlyCalled(chained, passedOn, compilation, depth + 1, cancellationToken))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Every reference to the private field, in every part of its type, is a write or a call on the client.</summary>
    private static bool FieldIsOnlyCalled(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
        {
            var syntax = part.GetSyntax(cancellationToken);
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            foreach (var identifier in syntax.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != field.Name ||
                    !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, field))
                {
                    continue;
                }

                ExpressionSyntax reference = identifier;
                if (identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess && thisAccess.Name == identifier)
                {
                    reference = thisAccess;
                }
                else if (identifier.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == identifier)
                {
                    // Another instance's field (other._client): not followed.
                    return false;
                }

                var written = reference.Parent is AssignmentExpressionSyntax assignment && assignment.Left == reference;
                if (!written && !ClientLocal.IsCallOrSettingRead(reference))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IParameterSymbol? Parameter(IMethodSymbol method, ArgumentSyntax argument)
    {
        if (argument.NameColon is { } nameColon)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText);
        }

        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
        return index < method.Parameters.Length ? method.Parameters[index] : null;
    }
}
