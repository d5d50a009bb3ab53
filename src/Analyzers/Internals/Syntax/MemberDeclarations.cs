using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The declarations HCG003 and HCG004 register for: one callback per member instead of one per invocation (HCG006,
/// whose verdicts lie inside the call, keeps its invocation callbacks). Every call lies in one of them (a call in a local function, lambda or accessor lies in the
/// member around it), except the base arguments of a primary constructor
/// (<c>record R(HttpClient C) : Base(C.GetAsync(...).Result)</c>), which the driver visits once per symbol
/// declared there and would report twice: not analysed. A rule reports each verdict from its member's
/// callback, so an editor's document-scoped analysis (which keeps only what a callback reports inside its
/// own node) keeps it even when the verdict lies outside the call.
/// </summary>
internal static class MemberDeclarations
{
    public static readonly ImmutableArray<SyntaxKind> Kinds = ImmutableArray.Create(
        SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
        SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.PropertyDeclaration,
        SyntaxKind.IndexerDeclaration, SyntaxKind.EventDeclaration, SyntaxKind.FieldDeclaration,
        SyntaxKind.GlobalStatement);

    /// <summary>
    /// The calls inside <paramref name="member"/> to a method whose simple name is one of <paramref name="names"/>
    /// (<c>x.Name(...)</c>, <c>x?.Name(...)</c>, <c>Name(...)</c>, <c>Name&lt;T&gt;(...)</c>), each with that name.
    /// Found from the file's identifier index (<see cref="SyntaxTreeIndex.Identifiers"/>, kept per tree and per
    /// name), so a member that calls none of them costs a few hash probes and nothing is walked.
    /// </summary>
    public static IEnumerable<(InvocationExpressionSyntax Invocation, string Name)> Calls(SyntaxNode member, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var index = SyntaxTreeIndex.For(member.SyntaxTree, cancellationToken);
        var span = member.Span;
        foreach (var name in names)
        {
            if (!index.MayMention(name))
            {
                continue;
            }

            foreach (var token in index.Identifiers(name, cancellationToken))
            {
                if (!span.Contains(token.Span))
                {
                    continue;
                }

                if (token.Parent is SimpleNameSyntax simpleName && InvocationNamed(simpleName) is { } invocation)
                {
                    yield return (invocation, name);
                }
            }
        }
    }

    /// <summary>The invocation whose invoked name is <paramref name="name"/>, the same reading as <see cref="SyntaxNodeExtensions.InvokedName"/>.</summary>
    private static InvocationExpressionSyntax? InvocationNamed(SimpleNameSyntax name)
    {
        ExpressionSyntax invoked = name.Parent switch
        {
            MemberAccessExpressionSyntax memberAccess when memberAccess.Name == name => memberAccess,
            MemberBindingExpressionSyntax memberBinding when memberBinding.Name == name => memberBinding,
            _ => name,
        };

        return invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked ? invocation : null;
    }
}
