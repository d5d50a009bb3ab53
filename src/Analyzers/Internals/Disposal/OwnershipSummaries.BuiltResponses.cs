using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Methods that hand out only responses they build themselves: server code answering a request
/// (<c>return Request.CreateErrorResponse(HttpStatusCode.NotFound, e);</c>, <c>return Task.FromResult(new HttpResponseMessage(...))</c>).
/// Such a response was never received over a connection, so a caller that drops it holds no connection; it is not a
/// producer for HCG003. A built response whose content comes from anything but a content object made right there
/// (<c>Content = upstream.Content</c>: a proxy handing on a received body) is not "built" in this sense. A method that
/// returns what another such method of the compilation returns (<c>return ToResponseMessage(copy);</c>, <c>return await
/// SendAsync(request);</c>, called as itself, not through an override) hands out built responses too: a wrapper that reads
/// the real response into bytes and hands back an in-memory copy.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsBuilt = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation and returning a response (or a task of one),
    /// returns only responses it builds (see the type's summary), and at least one. Read from the declaration; a returned
    /// call is bound to see which method it runs. The caller decides whether the call can reach an override instead.
    /// </summary>
    public bool ReturnsOnlyResponsesItBuilds(IMethodSymbol method) => SummaryOfReturns(method, _returnsBuilt, SummarizeBuiltReturns);

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_builtSummaries;

    private bool SummarizeBuiltReturns(IMethodSymbol method)
    {
        var returned = new List<ExpressionSyntax?>();
        var (block, arrow) = method.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            BaseMethodDeclarationSyntax member => (member.Body, member.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };
        SyntaxNode? body = (SyntaxNode?)block ?? arrow;
        if (body is null)
        {
            return false;
        }

        if (block is null)
        {
            returned.Add(arrow!);
        }

        // Every write of each local name the method makes, and whether one of them is not a plain assignment (an 'out'
        // argument, a deconstruction): such a local's value is not read from here.
        var writes = new Dictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
        var writtenOtherwise = new HashSet<string>(StringComparer.Ordinal);
        var contents = new List<(string Owner, ExpressionSyntax Content)>();
        foreach (var node in body.DescendantNodesAndSelf(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax @return:
                    returned.Add(@return.Expression);
                    break;
                case VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator:
                    Written(writes, declarator.Identifier.ValueText).Add(initial);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment:
                    if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        Written(writes, target.Identifier.ValueText).Add(assignment.Right);
                    }
                    else
                    {
                        writtenOtherwise.Add(target.Identifier.ValueText);
                    }

                    break;

                // response.Content = ...: read once every write is known.
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name.Identifier.ValueText: "Content" } } content:
                    contents.Add((owner.Identifier.ValueText, content.Right));
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 } byReference:
                    if (byReference.Expression is IdentifierNameSyntax name)
                    {
                        writtenOtherwise.Add(name.Identifier.ValueText);
                    }

                    break;
                case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction:
                    foreach (var part in deconstruction.Left.DescendantNodes())
                    {
                        switch (part)
                        {
                            case IdentifierNameSyntax identifier:
                                writtenOtherwise.Add(identifier.Identifier.ValueText);
                                break;
                            case SingleVariableDesignationSyntax designation:
                                writtenOtherwise.Add(designation.Identifier.ValueText);
                                break;
                        }
                    }

                    break;
            }
        }

        WritesInNestedFunctions(body, writes, writtenOtherwise);

        // response.Content = upstream.Content: the built response carries a body it did not make.
        foreach (var (owner, content) in contents)
        {
            if (!IsContentMadeHere(content, writes))
            {
                writtenOtherwise.Add(owner);
            }
        }

        var any = false;
        foreach (var expression in returned)
        {
            switch (expression?.ReturnedAsItIs())
            {
                case null:
                    continue;
                case { } nothing when nothing.IsNullOrDefault():
                    continue;
                case IdentifierNameSyntax local when !writtenOtherwise.Contains(local.Identifier.ValueText) &&
                                                     writes.TryGetValue(local.Identifier.ValueText, out var values) &&
                                                     values.TrueForAll(value => value.IsNullOrDefault() || IsBuilt(value, writes)):
                    any |= !values.TrueForAll(static value => value.IsNullOrDefault());
                    continue;
                case var value when IsBuilt(value, writes):
                    any = true;
                    continue;
                case var value when ReturnsWhatABuilderReturns(value, method):
                    any = true;
                    continue;
                default:
                    return false;
            }
        }

        return any;
    }

    /// <summary>
    /// <c>return ToResponseMessage(copy);</c> or <c>return await SendAsync(request).ConfigureAwait(false);</c>: a call, bound
    /// here, to a method of this compilation that cannot be overridden (static, private, non-virtual) and itself returns only
    /// responses it builds. A method already being summarised on this thread (recursion) counts as not building.
    /// </summary>
    private bool ReturnsWhatABuilderReturns(ExpressionSyntax value, IMethodSymbol method)
    {
        if (value.ResultSource() is not InvocationExpressionSyntax call || !_compilation.ContainsSyntaxTree(call.SyntaxTree) ||
            _compilation.ModelFor(call.SyntaxTree).GetSymbolInfo(call).Symbol is not IMethodSymbol callee ||
            callee.IsVirtual || callee.IsAbstract || callee.IsOverride ||
            (callee.ReducedFrom ?? callee.OriginalDefinition) is not { DeclaringSyntaxReferences.Length: 1 } definition)
        {
            return false;
        }

        var summarizing = t_builtSummaries ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!summarizing.Add(method.OriginalDefinition))
        {
            return false;
        }

        try
        {
            return !summarizing.Contains(definition) && ReturnsOnlyResponsesItBuilds(definition);
        }
        finally
        {
            summarizing.Remove(method.OriginalDefinition);
        }
    }

    /// <summary>
    /// <c>await policy.ExecuteAsync(async () => { response = await client.PostAsync(uri, body); });</c>: a lambda or local
    /// function that assigns a local of the method writes it too. A name any nested function declares itself is left out
    /// (it may be that function's own local, not the method's).
    /// </summary>
    private static void WritesInNestedFunctions(SyntaxNode body, Dictionary<string, List<ExpressionSyntax>> writes, HashSet<string> writtenOtherwise)
    {
        HashSet<string>? declaredInside = null;
        List<AssignmentExpressionSyntax>? assignments = null;
        foreach (var function in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (function is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                continue;
            }

            foreach (var node in function.DescendantNodesAndSelf())
            {
                if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment && writes.ContainsKey(target.Identifier.ValueText))
                {
                    (assignments ??= new List<AssignmentExpressionSyntax>()).Add(assignment);
                }
                else if (node switch
                         {
                             ParameterSyntax parameter => parameter.Identifier,
                             VariableDeclaratorSyntax declarator => declarator.Identifier,
                             SingleVariableDesignationSyntax designation => designation.Identifier,
                             ForEachStatementSyntax loop => loop.Identifier,
                             _ => default(SyntaxToken?),
                         } is { } declared)
                {
                    (declaredInside ??= new HashSet<string>(StringComparer.Ordinal)).Add(declared.ValueText);
                }
            }
        }

        foreach (var assignment in assignments ?? Enumerable.Empty<AssignmentExpressionSyntax>())
        {
            var name = ((IdentifierNameSyntax)assignment.Left).Identifier.ValueText;
            if (declaredInside?.Contains(name) == true)
            {
                continue;
            }

            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                writes[name].Add(assignment.Right);
            }
            else
            {
                writtenOtherwise.Add(name);
            }
        }
    }

    private static List<ExpressionSyntax> Written(Dictionary<string, List<ExpressionSyntax>> writes, string name)
    {
        if (!writes.TryGetValue(name, out var values))
        {
            writes[name] = values = new List<ExpressionSyntax>();
        }

        return values;
    }

    /// <summary>
    /// <c>new HttpResponseMessage(...)</c> (or a target-typed <c>new(...)</c> in a method that returns one) whose
    /// initializer sets no <c>Content</c> but one made there (see <see cref="IsContentMadeHere"/>);
    /// <c>Request.CreateResponse(...)</c> / <c>CreateErrorResponse(...)</c> on the request a server answers (ASP.NET Web
    /// API's extensions).
    /// </summary>
    private static bool IsBuilt(ExpressionSyntax value, Dictionary<string, List<ExpressionSyntax>> writes) => value.Unwrap() switch
    {
        ObjectCreationExpressionSyntax { Type: var type } creation => type.SpellsIdentifier("HttpResponseMessage") && ContentsMadeHere(creation.Initializer, writes),
        ImplicitObjectCreationExpressionSyntax creation => ContentsMadeHere(creation.Initializer, writes),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateResponse" or "CreateErrorResponse", Expression: var receiver } } call =>
            receiver.Unwrap() switch
            {
                IdentifierNameSyntax name => IsRequest(name),
                MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => IsRequest(name),
                _ => false,
            } && !MentionsReceivedBody(call.ArgumentList, writes),
        _ => false,
    };

    private static bool IsRequest(IdentifierNameSyntax name) => string.Equals(name.Identifier.ValueText, "Request", StringComparison.OrdinalIgnoreCase);

    private static bool ContentsMadeHere(InitializerExpressionSyntax? initializer, Dictionary<string, List<ExpressionSyntax>> writes)
    {
        if (initializer is null)
        {
            return true;
        }

        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Content" }, Right: var content } &&
                !IsContentMadeHere(content, writes))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>null</c>, or a content object made here from anything but a received body: <c>new StringContent(json)</c>,
    /// <c>new StreamContent(File.OpenRead(path))</c>; not <c>new StreamContent(await upstream.Content.ReadAsStreamAsync())</c>,
    /// directly or through a local.
    /// </summary>
    private static bool IsContentMadeHere(ExpressionSyntax content, Dictionary<string, List<ExpressionSyntax>> writes) => content.Unwrap() switch
    {
        LiteralExpressionSyntax => true,
        BaseObjectCreationExpressionSyntax { ArgumentList: var arguments } => arguments is null || !MentionsReceivedBody(arguments, writes),
        _ => false,
    };

    /// <summary>Names a response's <c>Content</c> or reads a body stream, in <paramref name="node"/> or in what a local named there is assigned.</summary>
    private static bool MentionsReceivedBody(SyntaxNode node, Dictionary<string, List<ExpressionSyntax>> writes, int depth = 0)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" }:
                case InvocationExpressionSyntax call when call.InvokedName() is { } invoked &&
                    (invoked.StartsWith("ReadAsStream", StringComparison.Ordinal) || invoked.StartsWith("GetStream", StringComparison.Ordinal) ||
                     invoked.StartsWith("CopyTo", StringComparison.Ordinal)):
                    return true;
                case IdentifierNameSyntax local when writes.TryGetValue(local.Identifier.ValueText, out var values):
                    if (depth >= 2 || values.Exists(value => MentionsReceivedBody(value, writes, depth + 1)))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }
}
