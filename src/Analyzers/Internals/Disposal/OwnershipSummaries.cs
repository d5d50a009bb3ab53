using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>What a method does with a response or stream it is given, as far as its disposal goes.</summary>
[Flags]
internal enum ParameterOwnership
{
    None = 0,

    /// <summary><c>using (p)</c>, <c>using var x = p</c>, <c>p.Dispose()</c>, a using wrapper around it.</summary>
    Disposes = 1,

    /// <summary><c>using var content = p.Content</c>, <c>p.Content.Dispose()</c>: everything that holds a response's connection.</summary>
    DisposesContent = 2,

    /// <summary>
    /// <c>return new Result(p)</c>, <c>=&gt; new(true, p, default)</c>, <c>return p</c>: the returned object holds it, and whoever
    /// holds the result owns it (framework results such as <c>File(stream)</c> are in this group too).
    /// </summary>
    ReturnsWrapped = 4,

    /// <summary><c>_field = p</c> in a disposable type whose <c>Dispose</c> disposes <c>_field</c>: the instance owns it.</summary>
    KeptByDisposableOwner = 8,
}

/// <summary>
/// Per-method summaries of ownership, made once per method per compilation and kept for the compilation's
/// analysis (one instance is created in each dispose rule's compilation-start action): does a method in
/// the compilation dispose parameter N, return it inside the object it builds, or keep it in a field its
/// own <c>Dispose</c> releases; and, for framework methods whose source is not here, the documented list
/// in <c>docs/rules/HCG003.md</c> / <c>HCG004.md</c>. Summaries read the callee's own declaration,
/// syntactically; only a call that hands the parameter on to another method of this compilation is bound, to read
/// that method's summary in turn.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private readonly Compilation _compilation;
    private readonly WellKnownTypes _types;
    private readonly INamedTypeSymbol? _controllerBase;
    private readonly INamedTypeSymbol? _results;
    private readonly INamedTypeSymbol? _typedResults;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<ParameterOwnership>> _summaries = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<bool>> _callersDispose = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsDisposed = new(SymbolEqualityComparer.Default);

    public OwnershipSummaries(Compilation compilation, WellKnownTypes types)
    {
        _compilation = compilation;
        _types = types;
        _controllerBase = compilation.GetTypeByMetadataName(WellKnownTypeNames.ControllerBase);
        _results = compilation.GetTypeByMetadataName(WellKnownTypeNames.Results);
        _typedResults = compilation.GetTypeByMetadataName(WellKnownTypeNames.TypedResults);
    }

    /// <summary>What <paramref name="method"/> does with the argument it receives for <paramref name="parameter"/>.</summary>
    public ParameterOwnership Of(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (IsFrameworkResult(method, parameter) || IsClosingReaderFactory(method))
        {
            return ParameterOwnership.ReturnsWrapped;
        }

        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        var index = parameter.Ordinal + (method.ReducedFrom is not null ? 1 : 0);
        if (definition.DeclaringSyntaxReferences.Length != 1 || index >= definition.Parameters.Length)
        {
            return ParameterOwnership.None;
        }

        var summary = _summaries.GetOrAdd(definition, Summarize);
        return index < summary.Length ? summary[index] : ParameterOwnership.None;
    }

    /// <summary>
    /// True when <paramref name="method"/>, declared in this compilation, hands back only responses it has disposed
    /// itself: every <c>return</c> gives (in the response's place of the tuple it returns, if it returns one) a local its
    /// own <c>using</c> declares, or <c>null</c> / <c>default</c>, or a response it builds there (<c>new HttpResponseMessage(...)</c>,
    /// which holds no connection: a catch block's stand-in for the failed request), and at least one gives such a local
    /// (<c>using var response = await PostAsync(...); var text = ...; return (response, text);</c>). Its callers get a
    /// disposed response, so there is nothing for them to dispose. Read from the declaration alone, nothing bound.
    /// </summary>
    public bool ReturnsOnlyResponsesItDisposes(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var element = DisposalAnalysis.ResponseElement(definition.ReturnType, _types);
        if (element is null && !_types.IsResponseOrTaskOfResponse(definition.ReturnType))
        {
            return false;
        }

        return _returnsDisposed.GetOrAdd(definition, m => SummarizeReturns(m, element));
    }

    private static bool SummarizeReturns(IMethodSymbol method, int? element)
    {
        if (ResponsesReturned(method, element, CancellationToken.None) is not var (body, returned))
        {
            return false;
        }

        var usingLocals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } usingDeclaration:
                    usingLocals.UnionWith(usingDeclaration.Declaration.Variables.Select(static v => v.Identifier.ValueText));
                    break;
                case UsingStatementSyntax { Declaration: { } header }:
                    usingLocals.UnionWith(header.Variables.Select(static v => v.Identifier.ValueText));
                    break;
            }
        }

        // using var response = await PostAsync(...); ... return (response, text);
        return EveryReturnIsOneOf(returned, usingLocals);
    }

    /// <summary>
    /// What each <c>return</c> of <paramref name="method"/>'s own block body (not a lambda's or local function's) hands back in
    /// the response's place: the value, or the <paramref name="element"/> of the tuple it returns (null where it returns no
    /// such tuple, or nothing); with the body. Null for a method without one (an expression body declares no local to return).
    /// Read from the declaration alone, nothing bound.
    /// </summary>
    internal static (BlockSyntax Body, List<ExpressionSyntax?> Returned)? ResponsesReturned(IMethodSymbol method, int? element, CancellationToken cancellationToken)
    {
        var body = method.DeclaringSyntaxReferences.Length != 1 ? null : method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            BaseMethodDeclarationSyntax member => member.Body,
            LocalFunctionStatementSyntax local => local.Body,
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        var returned = new List<ExpressionSyntax?>();
        foreach (var @return in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
        {
            var value = @return.Expression?.Unwrap();
            if (element is { } index)
            {
                value = value is TupleExpressionSyntax tuple && index < tuple.Arguments.Count ? tuple.Arguments[index].Expression.Unwrap() : null;
            }

            returned.Add(value);
        }

        return (body, returned);
    }

    /// <summary>
    /// Every returned value is <c>null</c> / <c>default</c>, a response built there (<c>new HttpResponseMessage(...)</c>, which
    /// holds no connection: a catch block's stand-in for the failed request), or a local named in <paramref name="locals"/>,
    /// and at least one is such a local.
    /// </summary>
    internal static bool EveryReturnIsOneOf(List<ExpressionSyntax?> returned, HashSet<string> locals)
    {
        var any = false;
        foreach (var value in returned)
        {
            switch (value)
            {
                case { } nothing when nothing.IsNullOrDefault():
                    continue;
                case IdentifierNameSyntax local when locals.Contains(local.Identifier.ValueText):
                    any = true;
                    continue;
                case ImplicitObjectCreationExpressionSyntax:
                case ObjectCreationExpressionSyntax { Type: var created } when SyntaxGates.RightmostName(created) == "HttpResponseMessage":
                    // catch (HttpRequestException ex) { return (new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), path); }
                    continue;
                default:
                    return false;
            }
        }

        return any;
    }

    /// <summary>
    /// True when <paramref name="method"/> is private (or a local function), every call to it sits in the same
    /// file as its declaration and binds to it, and each hands it, for <paramref name="parameter"/>, a local
    /// that its own member disposes (<c>using var response = ...; return await Process(response);</c>), or a response
    /// the caller borrows itself (its own parameter: see <see cref="IsBorrowed"/>).
    /// Used for what a method does with a stream of a response it borrows: the callers release it.
    /// </summary>
    public bool EveryCallerDisposes(IMethodSymbol method, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        if (parameter.Ordinal >= definition.Parameters.Length || definition.DeclaringSyntaxReferences.Length != 1 ||
            definition.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree ||
            !(definition.DeclaredAccessibility == Accessibility.Private || definition.MethodKind == MethodKind.LocalFunction))
        {
            return false;
        }

        var verdicts = _callersDispose.GetOrAdd(definition, m => SummarizeCallers(m, model, cancellationToken));
        return verdicts[parameter.Ordinal];
    }

    /// <summary>
    /// The framework methods that hand a stream to a result the framework disposes after writing it
    /// (see docs/rules/HCG004.md for the evidence): <c>ControllerBase.File(Stream, ...)</c>,
    /// <c>Results.File/Stream(Stream, ...)</c>, <c>TypedResults.File/Stream(Stream, ...)</c>.
    /// </summary>
    private bool IsFrameworkResult(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (method.Name is not ("File" or "Stream") || !_types.IsStream(parameter.Type))
        {
            return false;
        }

        var owner = method.ContainingType;
        return (method.Name == "File" && _controllerBase is not null && owner.InheritsFromOrEquals(_controllerBase)) ||
               (_results is not null && SymbolEqualityComparer.Default.Equals(owner, _results)) ||
               (_typedResults is not null && SymbolEqualityComparer.Default.Equals(owner, _typedResults));
    }

    /// <summary>
    /// The framework's XML reader factories over a stream whose reader closes that stream when it is disposed (measured on
    /// .NET 10; see docs/rules/HCG004.md): <c>JsonReaderWriterFactory.CreateJsonReader(Stream, ...)</c> and
    /// <c>XmlDictionaryReader.CreateTextReader / CreateBinaryReader / CreateMtomReader(Stream, ...)</c>. The reader holds the
    /// stream as a <c>StreamReader</c> does, and its own fate decides. Not <c>XmlReader.Create(Stream)</c>, whose reader leaves
    /// the stream open unless its settings say <c>CloseInput</c>.
    /// </summary>
    private static bool IsClosingReaderFactory(IMethodSymbol method) =>
        method.ContainingType is { ContainingNamespace: var space } owner &&
        (method.Name == "CreateJsonReader" && owner.Name == "JsonReaderWriterFactory" &&
         space is { Name: "Json", ContainingNamespace: { Name: "Serialization", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } ||
         method.Name is "CreateTextReader" or "CreateBinaryReader" or "CreateMtomReader" && owner.Name == "XmlDictionaryReader" &&
         space is { Name: "Xml", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

    private ImmutableArray<ParameterOwnership> Summarize(IMethodSymbol method)
    {
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        var summary = new ParameterOwnership[method.Parameters.Length];
        var body = declaration switch
        {
            BaseMethodDeclarationSyntax member => (SyntaxNode?)member.Body ?? member.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };

        if (body is null)
        {
            return summary.ToImmutableArray();
        }

        var names = method.Parameters.Select(static p => p.Name).ToArray();
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var index = Array.IndexOf(names, identifier.Identifier.ValueText);
            if (index < 0 || IsMemberName(identifier))
            {
                continue;
            }

            if (IsDisposed(identifier) || IsDisposedThroughLocalWrapper(identifier, declaration) || IsHandedToADisposer(identifier, method) ||
                IsWrappedByAnUnboundReaderInUsing(identifier))
            {
                summary[index] |= ParameterOwnership.Disposes;
            }
            else if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content && content.Expression == identifier &&
                     (IsDisposed(content) || LocalReference(content, declaration, static reference => IsDisposed(reference))))
            {
                // p.Content.Dispose(), or var content = p.Content; ... content.Dispose();
                summary[index] |= ParameterOwnership.DisposesContent;
            }
            else if (IsReturnedInsideObject(identifier, declaration) && !IsOnlyReadByItsConstructor(identifier) ||
                     LocalReference(WithCasts(identifier), declaration, reference => IsReturnedInsideObject(reference, declaration) && !IsOnlyReadByItsConstructor(reference)) ||
                     ContentStreamRead(identifier) is { } stream && !IsBufferedBefore(stream, identifier.Identifier.ValueText, body) &&
                     (IsReturnedInsideObject(stream, declaration) || LocalReference(stream, declaration, reference => IsReturnedInsideObject(reference, declaration))))
            {
                // The parameter itself, through a local (T result = (T)p; return new ApiResponse<T>(status, result);), or its
                // content stream (var stream = p.Content.ReadAsStreamAsync().Result; result.ResultStream = stream; return result;),
                // goes back to the caller inside the result. A stream read after the body was read whole is a copy of that
                // buffer: the response stays the caller's.
                summary[index] |= ParameterOwnership.ReturnsWrapped;
            }
            else if (StoredMember(identifier) is { } member && DisposesMember(method.ContainingType, member))
            {
                summary[index] |= ParameterOwnership.KeptByDisposableOwner;
            }
        }

        return summary.ToImmutableArray();
    }

    /// <summary>
    /// <c>var decompressor = new BrotliStream(p, CompressionMode.Decompress); ...; decompressor.Dispose();</c>: the first argument
    /// of a wrapper kept in a plain local that is disposed (and not told to leave it open) is disposed with it.
    /// </summary>
    private static bool IsDisposedThroughLocalWrapper(IdentifierNameSyntax identifier, SyntaxNode declaration) =>
        identifier.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } arguments } argument &&
        arguments.Arguments[0] == argument && !LeavesOpen(arguments) &&
        LocalReference(wrapper, declaration, static reference => IsDisposed(reference));

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_disposerSummaries;

    /// <summary>
    /// <c>DecompressToStream(p)</c>: the parameter handed, as it is, to a method of this compilation whose own summary
    /// disposes that parameter (bound here, one call at a time; a method already being summarised on this thread, as in
    /// recursion, counts as not disposing).
    /// </summary>
    /// <summary>
    /// <c>using var reader = stream.CreateStreamReader(encoding);</c> with the extension's package missing: a call that does
    /// not bind, made on the parameter, named for the reader or stream it makes of it (<c>...Reader</c>, <c>...Stream</c>), whose
    /// result a <c>using</c> disposes. Taken as the wrapper a <c>new StreamReader(stream)</c> would be, which disposes what it
    /// wraps: the guess that keeps quiet.
    /// </summary>
    private bool IsWrappedByAnUnboundReaderInUsing(IdentifierNameSyntax identifier) =>
        identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var made, Parent: InvocationExpressionSyntax call } access &&
        access.Expression == identifier &&
        (made.EndsWith("Reader", StringComparison.Ordinal) || made.EndsWith("Stream", StringComparison.Ordinal)) &&
        IsUsingResource(call) &&
        _compilation.ContainsSyntaxTree(call.SyntaxTree) &&
        _compilation.ModelFor(call.SyntaxTree).GetSymbolInfo(call) is { Symbol: null, CandidateSymbols.IsDefaultOrEmpty: true };

    private bool IsHandedToADisposer(IdentifierNameSyntax identifier, IMethodSymbol method)
    {
        if (identifier.Parent is not ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument ||
            !_compilation.ContainsSyntaxTree(call.SyntaxTree) ||
            _compilation.ModelFor(call.SyntaxTree).GetSymbolInfo(call).Symbol is not IMethodSymbol callee ||
            (callee.ReducedFrom ?? callee.OriginalDefinition) is not { DeclaringSyntaxReferences.Length: 1 } definition ||
            argument.ParameterIn(callee) is not { } parameter)
        {
            return false;
        }

        var summarizing = t_disposerSummaries ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!summarizing.Add(method.OriginalDefinition))
        {
            return false;
        }

        try
        {
            return summarizing.Contains(definition) ? false : (Of(callee, parameter) & ParameterOwnership.Disposes) != 0;
        }
        finally
        {
            summarizing.Remove(method.OriginalDefinition);
        }
    }

    /// <summary>The expression is disposed where it stands: a using resource, the receiver of Dispose(), a using wrapper's first argument.</summary>
    private static bool IsDisposed(ExpressionSyntax expression)
    {
        switch (expression.Parent)
        {
            case UsingStatementSyntax @using when @using.Expression == expression:
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: UsingStatementSyntax } } }:
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } } } }:
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } access when access.Expression == expression && access.Parent is InvocationExpressionSyntax:
            case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } } } conditional
                when conditional.Expression == expression:
                return true;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } arguments } argument
                when arguments.Arguments[0] == argument && IsUsingResource(wrapper) && !LeavesOpen(arguments):
                // 'using (var reader = new StreamReader(stream))': the wrapper disposes what it wraps.
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>p.Content.ReadAsStreamAsync()</c> for the parameter reference <paramref name="identifier"/>, with what passes its
    /// value on (<c>await</c>, <c>.Result</c>, <c>.ConfigureAwait(false)</c>): the outermost of those, or null.
    /// </summary>
    private static ExpressionSyntax? ContentStreamRead(IdentifierNameSyntax identifier)
    {
        if (identifier.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content || content.Expression != identifier ||
            content.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ReadAsStreamAsync" or "ReadAsStream" } read ||
            read.Parent is not InvocationExpressionSyntax call)
        {
            return null;
        }

        return call.AwaitedResult();
    }

    /// <summary>
    /// <c>Payload = await p.Content.ReadAsStringAsync(), PayloadStream = await p.Content.ReadAsStreamAsync()</c>: the body of
    /// <paramref name="parameter"/> was read whole (<c>ReadAsStringAsync</c>, <c>ReadAsByteArrayAsync</c>,
    /// <c>LoadIntoBufferAsync</c>) before <paramref name="streamRead"/> on every path to it: earlier in the same statement
    /// (not behind a conditional operator), or in an earlier statement of a block that holds it. The stream is then the buffer.
    /// </summary>
    private static bool IsBufferedBefore(ExpressionSyntax streamRead, string parameter, SyntaxNode body)
    {
        var statement = streamRead.FirstAncestorOrSelf<StatementSyntax>();
        foreach (var node in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart >= streamRead.SpanStart)
            {
                break;
            }

            if (node is not MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "ReadAsStringAsync" or "ReadAsByteArrayAsync" or "LoadIntoBufferAsync",
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Expression: IdentifierNameSyntax { Identifier.ValueText: var owner } },
                    Parent: InvocationExpressionSyntax read,
                } || owner != parameter)
            {
                continue;
            }

            var readStatement = read.FirstAncestorOrSelf<StatementSyntax>();
            if (readStatement is not null && !RunsOnlySometimes(read, readStatement) &&
                (readStatement == statement || (readStatement.Parent is BlockSyntax block && statement is not null && block.Span.Contains(statement.Span))))
            {
                return true;
            }
        }

        return false;

        // 'x ? p.Content.ReadAsStringAsync() : ...', 'ok && ...', 'p?.Content...': not read on every pass through the statement.
        static bool RunsOnlySometimes(SyntaxNode read, StatementSyntax statement) =>
            read.Ancestors().TakeWhile(ancestor => ancestor != statement).Any(static ancestor =>
                ancestor is ConditionalExpressionSyntax or ConditionalAccessExpressionSyntax ||
                ancestor.IsKind(SyntaxKind.LogicalAndExpression) || ancestor.IsKind(SyntaxKind.LogicalOrExpression) || ancestor.IsKind(SyntaxKind.CoalesceExpression));
    }

    /// <summary>
    /// A plain local initialized with <paramref name="value"/> has a reference (not in a lambda or local function) for which
    /// <paramref name="test"/> holds: <c>var content = p.Content; ... content.Dispose();</c> (disposed),
    /// <c>var stream = ...; ...; return new Result(stream);</c> (returned inside the result).
    /// </summary>
    private static bool LocalReference(ExpressionSyntax value, SyntaxNode declaration, Func<IdentifierNameSyntax, bool> test)
    {
        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } } local })
        {
            return false;
        }

        var name = local.Identifier.ValueText;
        foreach (var node in declaration.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is IdentifierNameSyntax reference && reference.Identifier.ValueText == name && !IsMemberName(reference) && test(reference))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>return p;</c>, <c>return new R(p);</c>, <c>=&gt; new(true, p, default)</c>, <c>return new R { Body = p };</c>: the
    /// method hands the value to its caller inside what it returns. A lambda's return is not the method's.
    /// </summary>
    private static bool IsReturnedInsideObject(ExpressionSyntax identifier, SyntaxNode declaration)
    {
        SyntaxNode current = identifier;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax:
                // 'ok ? p : throw ...', 'p ?? throw ...', 'code switch { 200 => p, _ => throw ... }': one of the values handed back.
                case ConditionalExpressionSyntax conditional when conditional.Condition != current:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == current:
                    current = parent;
                    continue;
                case SwitchExpressionArmSyntax arm:
                    current = arm.Parent!;
                    continue;
                case ArgumentSyntax { RefKindKeyword.RawKind: 0 } argument when argument.Parent?.Parent is BaseObjectCreationExpressionSyntax creation:
                    current = creation;
                    continue;
                case AssignmentExpressionSyntax assignment when assignment.Right == current && assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation }:
                    current = creation;
                    continue;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } } local }
                    when current is BaseObjectCreationExpressionSyntax:
                    // var result = new T { HttpResponse = p }; ...; return result;
                    return declaration.ReturnsLocal(local.Identifier.ValueText);
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax holder } } assignment
                    when assignment.Right == current && assignment.Parent is ExpressionStatementSyntax:
                    // var result = new T(); result.HttpResponse = p; return result;
                    return declaration.ReturnsLocal(holder.Identifier.ValueText);
                case ReturnStatementSyntax:
                case ArrowExpressionClauseSyntax:
                    return parent.Ancestors().FirstOrDefault(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax) == declaration;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// <c>new ApiResponse&lt;T&gt;(p)</c> whose constructor, declared in this compilation, only reads the response (copies its
    /// status and headers, reads its body: <see cref="ConstructorOnlyReadsResponse"/>): the object handed back does not hold it.
    /// </summary>
    private bool IsOnlyReadByItsConstructor(ExpressionSyntax value) =>
        WithCasts(value).Parent is ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent.Parent: BaseObjectCreationExpressionSyntax creation } argument &&
        _compilation.ContainsSyntaxTree(creation.SyntaxTree) &&
        _compilation.ModelFor(creation.SyntaxTree).GetSymbolInfo(creation).Symbol is IMethodSymbol constructor &&
        argument.ParameterIn(constructor) is { } parameter &&
        ConstructorOnlyReadsResponse(constructor, parameter, CancellationToken.None);

    /// <summary>The expression with the casts and parentheses around it: <c>(T)p</c> for <c>p</c>.</summary>
    private static ExpressionSyntax WithCasts(ExpressionSyntax expression)
    {
        while (expression.Parent is CastExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            expression = (ExpressionSyntax)expression.Parent;
        }

        return expression;
    }

    /// <summary>The member name in <c>_field = p</c> / <c>this.Field = p</c>.</summary>
    private static string? StoredMember(IdentifierNameSyntax identifier) =>
        identifier.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Right == identifier &&
        assignment.Parent is ExpressionStatementSyntax
            ? assignment.Left switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                _ => null,
            }
            : null;

    /// <summary>
    /// The type is disposable and one of its Dispose / DisposeAsync / Dispose(bool) methods disposes <paramref name="member"/>,
    /// which must be a field or property the type declares.
    /// </summary>
    public bool DisposesMember(INamedTypeSymbol type, string member)
    {
        if (!(_types.IsDisposable(type) || _types.IsAsyncDisposable(type)) ||
            !type.GetMembers(member).Any(static m => m is IFieldSymbol or IPropertySymbol))
        {
            return false;
        }

        foreach (var dispose in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (dispose.Name is not ("Dispose" or "DisposeAsync" or "DisposeAsyncCore"))
            {
                continue;
            }

            foreach (var reference in dispose.DeclaringSyntaxReferences)
            {
                foreach (var name in reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != member)
                    {
                        continue;
                    }

                    ExpressionSyntax expression = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == name ? self : name;
                    if (IsDisposed(expression))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private ImmutableArray<bool> SummarizeCallers(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var verdicts = new bool[method.Parameters.Length];
        var calls = 0;
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        for (var i = 0; i < verdicts.Length; i++)
        {
            verdicts[i] = true;
        }

        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (name.Identifier.ValueText != method.Name || name.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                continue;
            }

            var invoked = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
            if (invoked.Parent is not InvocationExpressionSyntax call || call.Expression != invoked)
            {
                // A method group or a name that is not called here: callers are not all known.
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, method))
                {
                    return new bool[verdicts.Length].ToImmutableArray();
                }

                continue;
            }

            if (model.GetOperation(call, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation ||
                !SymbolEqualityComparer.Default.Equals(operation.TargetMethod.OriginalDefinition, method))
            {
                continue;
            }

            calls++;
            for (var i = 0; i < verdicts.Length; i++)
            {
                var argument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == i);
                verdicts[i] &= argument?.Value.SkipConversions() switch
                {
                    Microsoft.CodeAnalysis.Operations.ILocalReferenceOperation local =>
                        DisposalAnalysis.IsDisposedAnywhere(local.Local, operation, ResourceKind.Response, _types, this),
                    Microsoft.CodeAnalysis.Operations.IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol caller } borrowed } =>
                        IsBorrowed(caller, borrowed, model, cancellationToken),
                    _ => false,
                };
            }
        }

        return calls == 0 ? new bool[verdicts.Length].ToImmutableArray() : verdicts.ToImmutableArray();
    }

    [ThreadStatic]
    private static int t_borrowDepth;

    /// <summary>
    /// A caller that hands on a response it was handed itself (<c>ReadWithTimeoutAsync(response, ...)</c> calling
    /// <c>ReadFromStreamAsync(response, ...)</c>) does not own it either: the response is the caller's callers' when the caller
    /// is internal or public, or a lambda (its invoker's), as for the helper itself; a private caller's own callers decide, a
    /// few levels deep.
    /// </summary>
    private bool IsBorrowed(IMethodSymbol caller, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        if (caller.MethodKind == MethodKind.AnonymousFunction ||
            !(caller.DeclaredAccessibility == Accessibility.Private || caller.MethodKind == MethodKind.LocalFunction))
        {
            return true;
        }

        if (t_borrowDepth >= 3)
        {
            return false;
        }

        t_borrowDepth++;
        try
        {
            return EveryCallerDisposes(caller, parameter, model, cancellationToken);
        }
        finally
        {
            t_borrowDepth--;
        }
    }

    private static bool IsMemberName(IdentifierNameSyntax identifier) =>
        (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier) ||
        identifier.Parent is MemberBindingExpressionSyntax or NameColonSyntax ||
        (identifier.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assigned && assigned.Left == identifier);

    private static bool IsUsingResource(ExpressionSyntax created) => created.Parent switch
    {
        UsingStatementSyntax @using => @using.Expression == created,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: UsingStatementSyntax } } } => true,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } } =>
            declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword),
        _ => false,
    };

    /// <summary>'new StreamReader(stream, leaveOpen: true)', 'new StreamReader(stream, encoding, true, 1024, true)': a literal true may keep it open.</summary>
    private static bool LeavesOpen(ArgumentListSyntax arguments) =>
        arguments.Arguments.Skip(1).Any(static argument => argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression) || argument.NameColon?.Name.Identifier.ValueText == "leaveOpen");
}
