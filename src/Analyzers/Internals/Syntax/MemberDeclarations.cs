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
    /// Every call in <paramref name="tree"/> to a method whose simple name is one of <paramref name="names"/> (each hashed
    /// once per compilation by <see cref="SyntaxTreeIndex.WordHash"/>)
    /// (<c>x.Name(...)</c>, <c>x?.Name(...)</c>, <c>Name(...)</c>, <c>Name&lt;T&gt;(...)</c>), each with that name and the position of
    /// the name, in text order. Found from the file's identifier index (<see cref="SyntaxTreeIndex.Identifiers"/>), so a
    /// file that spells none of them costs a few hash probes and nothing is walked. A rule reads it once per file and
    /// hands each member its share (<see cref="Within"/>).
    /// </summary>
    public static ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)> CallsIn(SyntaxTree tree, IEnumerable<(string Name, uint Hash)> names, CancellationToken cancellationToken)
    {
        var index = SyntaxTreeIndex.For(tree, cancellationToken);
        var calls = ImmutableArray.CreateBuilder<(int Position, InvocationExpressionSyntax Invocation, string Name)>();
        foreach (var (name, hash) in names)
        {
            if (!index.MayMention(hash))
            {
                continue;
            }

            foreach (var token in index.Identifiers(name, cancellationToken))
            {
                if (token.Parent is SimpleNameSyntax simpleName && InvocationNamed(simpleName) is { } invocation)
                {
                    calls.Add((token.SpanStart, invocation, name));
                }
            }
        }

        calls.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return calls.ToImmutable();
    }

    /// <summary>
    /// The calls of <paramref name="calls"/> (a file's, as <see cref="CallsIn"/> reads them) whose name lies inside
    /// <paramref name="member"/>: a binary search, so a member's callback costs a lookup however large its file.
    /// </summary>
    public static IEnumerable<(InvocationExpressionSyntax Invocation, string Name)> Within(ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)> calls, SyntaxNode member)
    {
        var span = member.Span;
        int low = 0, high = calls.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (calls[middle].Position < span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < calls.Length && calls[i].Position < span.End; i++)
        {
            yield return (calls[i].Invocation, calls[i].Name);
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
