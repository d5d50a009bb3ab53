using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The HCG008 fixes' two questions about a per-call creation of a client that owns connections: would one
/// instance built once be the same thing (<see cref="IsBuiltFromStatics"/>), and would every use of it
/// behave the same on one instance shared by every call (<see cref="MayShare"/>). Both fixes, the static
/// field and the singleton registration, are offered only where both answers are yes.
/// </summary>
internal static class ConnectionOwnerSharing
{
    /// <summary>Method names that change the object they are called on: a shared instance would keep the change.</summary>
    private static readonly string[] s_changingPrefixes = { "Add", "Set", "Remove", "Clear", "With", "Configure", "Use", "Reset", "Dispose", "Close" };

    /// <summary>
    /// Built from constants and static readonly state only, so that building it once builds the same thing:
    /// constants, <c>typeof</c>, static readonly fields (for which <paramref name="staticFieldReady"/> says
    /// the field has its value where the one instance is built), objects created from those (with an
    /// object initializer setting such values), a static factory at the top, builder methods on such a receiver.
    /// </summary>
    public static bool IsBuiltFromStatics(ExpressionSyntax expression, SemanticModel model, Func<IFieldSymbol, ExpressionSyntax, bool> staticFieldReady, CancellationToken cancellationToken) =>
        IsBuiltFrom(expression, model, staticFieldReady, cancellationToken, top: true);

    private static bool IsBuiltFrom(ExpressionSyntax expression, SemanticModel model, Func<IFieldSymbol, ExpressionSyntax, bool> staticFieldReady, CancellationToken cancellationToken, bool top)
    {
        if (model.GetConstantValue(expression, cancellationToken).HasValue)
        {
            return true;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return IsBuiltFrom(parenthesized.Expression, model, staticFieldReady, cancellationToken, top: false);
            case TypeOfExpressionSyntax:
                return true;
            case BaseObjectCreationExpressionSyntax objectCreation:
                return objectCreation is ObjectCreationExpressionSyntax &&
                       ArgumentsBuiltFromStatics(objectCreation.ArgumentList) &&
                       (objectCreation.Initializer is null || objectCreation.Initializer.Expressions.All(e =>
                           e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment && IsBuiltFrom(assignment.Right, model, staticFieldReady, cancellationToken, top: false)));
            case InvocationExpressionSyntax invocation:
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || !ArgumentsBuiltFromStatics(invocation.ArgumentList))
                {
                    return false;
                }

                // The factory itself (a static catalogue method), or a builder's methods on a receiver built so.
                return method.IsStatic
                    ? top
                    : invocation.Expression is MemberAccessExpressionSyntax memberAccess && IsBuiltFrom(memberAccess.Expression, model, staticFieldReady, cancellationToken, top: false);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return model.GetSymbolInfo(expression, cancellationToken).Symbol switch
                {
                    IFieldSymbol { IsConst: true } => true,
                    IFieldSymbol { IsStatic: true, IsReadOnly: true } field => staticFieldReady(field, expression),
                    _ => false,
                };
            default:
                return false;
        }

        bool ArgumentsBuiltFromStatics(ArgumentListSyntax? arguments) =>
            arguments is null || arguments.Arguments.All(argument => argument.RefKindKeyword.IsKind(SyntaxKind.None) && IsBuiltFrom(argument.Expression, model, staticFieldReady, cancellationToken, top: false));
    }

    /// <summary>
    /// Every use of the created value would do the same on one instance that every call shares: it is used
    /// in place, kept in a local, or kept in an instance field by a constructor, and then only called, read
    /// or handed to calls. Not when it is disposed or closed (the shared instance would be), returned (the
    /// caller may dispose or keep it), given to an alias, or changed: a property or event of it (or of one
    /// of its properties) assigned, or a method named like a change (<c>Add</c>..., <c>Set</c>...,
    /// <c>With</c>..., <c>Configure</c>...) called on it, such as per-call credentials or headers.
    /// </summary>
    public static bool MayShare(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var value = Outermost(creation);
        switch (value.Parent)
        {
            case MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ArgumentSyntax:
                return IsSharedUse(value);
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                if (declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } ||
                    model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local ||
                    declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
                {
                    return false;
                }

                return EveryUseShared(member, local, model, cancellationToken);
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } assignment when assignment.Right == value:
                var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
                return target switch
                {
                    ILocalSymbol assigned when assignment.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } scope => EveryUseShared(scope, assigned, model, cancellationToken),
                    IFieldSymbol { IsStatic: false } field when assignment.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not null =>
                        field.ContainingType.DeclaringSyntaxReferences.All(reference =>
                            EveryUseShared(reference.GetSyntax(cancellationToken), field, model.Compilation.GetSemanticModel(reference.SyntaxTree), cancellationToken)),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>Every reference to <paramref name="symbol"/> under <paramref name="scope"/> is a shared use (or assigns it).</summary>
    private static bool EveryUseShared(SyntaxNode scope, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != symbol.Name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
            {
                continue;
            }

            ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified : name;
            var outer = Outermost(reference);
            if (outer.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == outer)
            {
                // Given a value: the creation itself, or another value this check does not follow (then the creation's own use is checked where it is).
                continue;
            }

            if (!IsSharedUse(outer))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One use of the value: members read or called (property chains followed), or an argument of a call;
    /// the change-like names and assignments of <see cref="MayShare"/> excluded.
    /// </summary>
    private static bool IsSharedUse(ExpressionSyntax value)
    {
        var current = Outermost(value);
        while (true)
        {
            switch (current.Parent)
            {
                case ArgumentSyntax argument:
                    return argument.RefKindKeyword.IsKind(SyntaxKind.None) && argument.Parent?.Parent is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax;
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access when access.Expression == current:
                    if (!IsSharedMember(access, access.Name.Identifier.ValueText, out var next))
                    {
                        return false;
                    }

                    if (next is null)
                    {
                        return true;
                    }

                    current = next;
                    break;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == current:
                    return conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } && !IsChangingName(binding.Name.Identifier.ValueText) ||
                           conditional.WhenNotNull is MemberBindingExpressionSyntax;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// <c>value.Name</c>: a call not named like a change (its result is a new value: not followed), or a read;
    /// a property read is followed (<paramref name="next"/>) since a change to what it returns changes the value.
    /// </summary>
    private static bool IsSharedMember(MemberAccessExpressionSyntax access, string name, out ExpressionSyntax? next)
    {
        next = null;
        var outer = Outermost(access);
        if (outer.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access)
        {
            return !IsChangingName(name);
        }

        if (outer.Parent is AssignmentExpressionSyntax assignment && assignment.Left == outer ||
            outer.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            return false;
        }

        if (outer.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax)
        {
            next = outer;
        }

        return true;
    }

    private static bool IsChangingName(string name) =>
        s_changingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])));

    private static ExpressionSyntax Outermost(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = (ExpressionSyntax)expression.Parent;
        }

        return expression;
    }
}
