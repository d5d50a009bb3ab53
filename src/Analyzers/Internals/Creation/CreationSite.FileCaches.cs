using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A member that downloads into a file only while that file is missing is a cache on disk: the code between the check
/// and the write runs once per path, not per call.
/// <code>
/// if (File.Exists(modelPath)) return true;
/// using var client = new HttpClient();          // once per model file: the file is written below
/// await using var file = File.Open(modelPath, FileMode.Create);
/// await (await client.GetStreamAsync(uri)).CopyToAsync(file);
/// </code>
/// The check and the write must name the same local, parameter, field or property, or spell the same path in place
/// (<c>Path.Combine(_root, "cache", name)</c> in both), and nothing in the member deletes it after the download. The write
/// may be a helper's of this compilation that is handed the path (<c>Save(stream, path)</c> opening a <c>FileStream</c> on
/// its parameter), and the check may let a file it finds unusable through (<see cref="RevalidatedHit"/>).
/// </summary>
internal readonly partial struct CreationSite
{
    /// <summary>
    /// <paramref name="creation"/> runs only when a file is missing (an earlier <c>if (File.Exists(path))</c> that returns,
    /// or an <c>if (!File.Exists(path))</c> that holds it, in <paramref name="body"/>, not inside a lambda or local
    /// function), and <paramref name="body"/> writes that path after the creation (<c>File.Create</c>, <c>File.Open</c> other
    /// than <c>FileMode.Open</c>, <c>File.OpenWrite</c>, <c>File.WriteAll*</c>, the target of <c>File.Copy</c> or
    /// <c>File.Move</c>, <c>new FileStream(path, mode)</c> other than <c>FileMode.Open</c>) and never deletes it.
    /// </summary>
    private static bool FillsAMissingFile(ExpressionSyntax creation, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        if ((MissGuard(creation, body, (condition, onHit) => TestedFile(condition, whenExists: onHit, model, cancellationToken)) ??
             RevalidatedHit(creation, body, model, cancellationToken)) is not { } path)
        {
            return false;
        }

        var written = false;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            var after = node.SpanStart > creation.Span.End;
            if (FileWriteOf(node, model, cancellationToken) is var (target, deletes) && IsPath(target, path, model, cancellationToken))
            {
                if (deletes && after)
                {
                    // A scratch file, not a cache: the next call downloads again. (Deleting a bad copy before the download, as
                    // 'catch { File.Delete(path); }' after a failed check does, is the cache refilling itself.)
                    return false;
                }

                written |= !deletes && after;
            }
            else if (after && node is InvocationExpressionSyntax call && WritesThroughHelper(call, path, model, cancellationToken))
            {
                // SaveImageAsIco(stream, "favicon/" + name) whose 'new FileStream(dst, FileMode.Create)' writes its parameter.
                written = true;
            }
        }

        return written;
    }

    /// <summary><paramref name="target"/> names the tested path: the same symbol, or the same path spelled in place.</summary>
    private static bool IsPath(ExpressionSyntax target, object path, SemanticModel model, CancellationToken cancellationToken) =>
        path is ExpressionSyntax spelled
            ? SyntaxFactory.AreEquivalent(target.Unwrap(), spelled)
            : SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, (ISymbol)path);

    /// <summary>
    /// <c>if (File.Exists(path)) { try { if (new FileInfo(path).Length &gt; 0) { ...; return; } } catch { File.Delete(path); } }</c>
    /// before the creation, in a block around it: the download runs only when the file is missing or the check found it
    /// unusable, as <c>File.Exists(path) &amp;&amp; valid</c> does. The block must hold a <c>return</c> of the member (not one in a
    /// lambda or local function). The tested path; null otherwise.
    /// </summary>
    private static object? RevalidatedHit(ExpressionSyntax creation, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        var creationStart = creation.SpanStart;
        foreach (var statement in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<IfStatementSyntax>())
        {
            if (statement.SpanStart >= creationStart)
            {
                break;
            }

            if (statement is { Else: null, Statement: var then } && then.Span.End <= creationStart &&
                then.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Any() &&
                IsStatementOfAnEnclosingBlock(statement, creation, body) &&
                TestedFile(statement.Condition, whenExists: true, model, cancellationToken) is { } path)
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="call"/> binds to a method of this compilation that is handed <paramref name="path"/> as an argument and
    /// writes that parameter in its own body (<see cref="FileWriteOf"/>), without deleting it.
    /// </summary>
    private static bool WritesThroughHelper(InvocationExpressionSyntax call, object path, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method ||
            method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax { Body: { } helperBody } declaration)
        {
            return false;
        }

        var helperModel = model.For(declaration.SyntaxTree);
        var writes = false;
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (!IsPath(argument.Expression, path, model, cancellationToken) || argument.ParameterIn(method) is not { } parameter)
            {
                continue;
            }

            foreach (var node in helperBody.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (FileWriteOf(node, helperModel, cancellationToken) is var (target, deletes) &&
                    SymbolEqualityComparer.Default.Equals(helperModel.GetSymbolInfo(target, cancellationToken).Symbol, parameter))
                {
                    if (deletes)
                    {
                        return false;
                    }

                    writes = true;
                }
            }
        }

        return writes;
    }

    /// <summary>
    /// The path whose test makes <paramref name="condition"/> true only when the file exists (<paramref name="whenExists"/>),
    /// or only when it is missing: <c>File.Exists(path)</c> and its negation, also as one operand of <c>&amp;&amp;</c>
    /// (<c>File.Exists(path) &amp;&amp; new FileInfo(path).Length &gt; 0</c>: a file that fails the rest is written again).
    /// </summary>
    private static object? TestedFile(ExpressionSyntax condition, bool whenExists, SemanticModel model, CancellationToken cancellationToken)
    {
        condition = condition.Unwrap();
        switch (condition)
        {
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var negated }:
                return TestedFile(negated, !whenExists, model, cancellationToken);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both:
                return TestedFile(both.Left, whenExists, model, cancellationToken) ?? TestedFile(both.Right, whenExists, model, cancellationToken);
            case InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } exists when whenExists && exists.InvokedName() == "Exists" &&
                                                                                                    IsFileMethod(exists, model, cancellationToken):
                return model.GetSymbolInfo(arguments[0].Expression, cancellationToken).Symbol is { Kind: SymbolKind.Local or SymbolKind.Parameter or SymbolKind.Field or SymbolKind.Property } path
                    ? path
                    : IsSpelledPath(arguments[0].Expression.Unwrap()) ? arguments[0].Expression.Unwrap() : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The path <paramref name="node"/> writes or deletes through <c>System.IO.File</c> or a <c>FileStream</c>, with
    /// whether it deletes it; null for anything else.
    /// </summary>
    private static (ExpressionSyntax Target, bool Deletes)? FileWriteOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } call:
                var name = call.InvokedName();
                switch (name)
                {
                    case "Create" or "OpenWrite" or "WriteAllBytes" or "WriteAllBytesAsync" or "WriteAllText" or "WriteAllTextAsync" or "WriteAllLines" or "WriteAllLinesAsync" or "Delete":
                    case "Open" when arguments.Count < 2 || !OpensOnly(arguments[1].Expression):
                        return IsFileMethod(call, model, cancellationToken) ? (arguments[0].Expression, name == "Delete") : null;
                    case "Copy" or "Move" when arguments.Count >= 2:
                        return IsFileMethod(call, model, cancellationToken) ? (arguments[1].Expression, false) : null;
                    default:
                        return null;
                }

            case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: >= 2 } streamArguments } stream
                when !OpensOnly(streamArguments[1].Expression) &&
                     model.GetSymbolInfo(stream, cancellationToken).Symbol is IMethodSymbol { ContainingType: { Name: "FileStream" } streamType } &&
                     streamType.ContainingNamespace?.ToDisplayString() == "System.IO":
                return (streamArguments[0].Expression, false);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>Path.Combine(Root, "cache", config.Name)</c>: a path built in place from names, member reads and literals by
    /// <c>Path.Combine</c> (or <c>+</c>, an interpolated string), which the write must spell the same way.
    /// </summary>
    private static bool IsSpelledPath(ExpressionSyntax path) => path switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Path" }, Name.Identifier.ValueText: "Combine" } } combine =>
            combine.ArgumentList.Arguments.All(static argument => IsPathPart(argument.Expression.Unwrap())),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or InterpolatedStringExpressionSyntax => IsPathPart(path),
        _ => false,
    };

    private static bool IsPathPart(ExpressionSyntax part) => part switch
    {
        LiteralExpressionSyntax or IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: var owner } => owner is ThisExpressionSyntax || IsPathPart(owner.Unwrap()),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add => IsPathPart(add.Left.Unwrap()) && IsPathPart(add.Right.Unwrap()),
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.All(static content =>
            content is InterpolatedStringTextSyntax || content is InterpolationSyntax { Expression: var inserted } && IsPathPart(inserted.Unwrap())),
        _ => IsSpelledPath(part),
    };

    /// <summary><c>FileMode.Open</c>: reads an existing file, writes nothing new.</summary>
    private static bool OpensOnly(ExpressionSyntax mode) =>
        mode.Unwrap() is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "FileMode" }, Name.Identifier.ValueText: "Open" };

    private static bool IsFileMethod(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { IsStatic: true, ContainingType: { Name: "File" } type } &&
        type.ContainingNamespace?.ToDisplayString() == "System.IO";
}
