using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Methods of this compilation that hand out a response's content stream as HttpClient's own <c>GetStreamAsync</c> does
/// (ColorMC's <c>GetStreamAsync(url)</c>: <c>var res = await client.GetAsync(url, ResponseHeadersRead); if (not OK) { res.Dispose();
/// return null; } return await res.Content.ReadAsStreamAsync();</c>). The stream, and the connection under it, is the
/// caller's: a caller that drops it leaks it (HCG004), as with <c>HttpClient.GetStreamAsync</c>.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private static readonly object s_streamMethodNamesInTree = new();
    private static readonly string[] s_streamWords = { "ReadAsStreamAsync", "ReadAsStream", "GetStreamAsync" };

    // How many files deep a helper that returns another helper's stream is followed for its name.
    private const int MaxHelperDepth = 8;

    private readonly ConcurrentDictionary<IMethodSymbol, bool> _returnsContentStream = new(SymbolEqualityComparer.Default);
    private HashSet<string>? _streamMethodNames;
    private (string Name, uint Hash)[]? _contentStreamMethodNames;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)>> _contentStreamCallsIn = new();

    /// <summary>
    /// The calls in <paramref name="tree"/> that may read a content stream, by name before binding, in text order: to
    /// HttpClient's and HttpContent's stream methods, and to the methods declared in this compilation, in files that spell
    /// one of those or call such a method by name (a helper over a helper in another file), whose declared return type names
    /// a Stream. What HCG004 finds a member's calls in
    /// (<see cref="MemberDeclarations.Within"/>); the names are hashed once per compilation and the calls read once per file.
    /// </summary>
    public ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)> ContentStreamCallsIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_contentStreamCallsIn.TryGetValue(tree, out var known))
        {
            return known;
        }

        var all = _contentStreamMethodNames;
        if (all is null)
        {
            var names = new HashSet<string>(s_streamWords, StringComparer.Ordinal);
            names.UnionWith(StreamMethodNames(cancellationToken));
            Interlocked.CompareExchange(ref _contentStreamMethodNames, names.Select(static name => (name, SyntaxTreeIndex.WordHash(name))).ToArray(), null);
            all = _contentStreamMethodNames!;
        }

        return _contentStreamCallsIn.GetOrAdd(tree, MemberDeclarations.CallsIn(tree, all, cancellationToken));
    }

    /// <summary>
    /// True when <paramref name="method"/> (one declaration here, with a body) returns, on every path that returns a
    /// value other than null, the content stream of a response it makes and does not dispose before its caller reads the
    /// stream (no <c>using</c> over it, no disposal in a <c>finally</c>), or the result of HttpClient's <c>GetStreamAsync</c>,
    /// or of another such method.
    /// </summary>
    public bool ReturnsContentStream(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (!_types.IsStreamOrTaskOfStream(definition.ReturnType))
        {
            return false;
        }

        if (!definition.IsAbstract)
        {
            return definition.HasOneDeclarationIn(_compilation) && SummarizeReturnedStream(definition);
        }

        // _http.GetTelegramFileHeader(file, 512) through the service's interface: what every implementation of it in this
        // compilation returns (none here: not known).

        var implementations = MethodSummaries.ImplementationsIn(definition, _compilation, CancellationToken.None);
        return implementations.Length > 0 &&
               implementations.All(implementation => implementation.HasOneDeclarationIn(_compilation) && _types.IsStreamOrTaskOfStream(implementation.ReturnType) && SummarizeReturnedStream(implementation));
    }

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_summarizing;

    private bool SummarizeReturnedStream(IMethodSymbol method)
    {
        if (_returnsContentStream.TryGetValue(method, out var known))
        {
            return known;
        }

        // A method whose stream comes from itself (recursion, or a cycle of such methods) is not taken as a producer.
        var summarizing = t_summarizing ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!summarizing.Add(method))
        {
            return false;
        }

        try
        {
            return _returnsContentStream.GetOrAdd(method, ReturnsOnlyContentStreams(method));
        }
        finally
        {
            summarizing.Remove(method);
        }
    }

    private bool ReturnsOnlyContentStreams(IMethodSymbol method)
    {
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) ||
            _compilation.ModelFor(declaration.SyntaxTree).GetOperation(declaration) is not { } body)
        {
            return false;
        }

        var streams = 0;
        foreach (var @return in body.Descendants().OfType<IReturnOperation>())
        {
            if (@return.IsInsideFunction() || @return.ReturnedValue is not { } returned)
            {
                continue;
            }

            var value = returned.SkipTaskReads(_types);
            if (value is ILocalReferenceOperation { Local: { IsUsing: false } local } && returned.SemanticModel is { } model &&
                LongLivedStorage.OnlyValueOf(local, model, CancellationToken.None) is { } initializer && model.GetOperation(initializer) is { } initialValue)
            {
                // 'var contentStream = await response.Content.ReadAsStreamAsync(); return contentStream;': the local's only value.
                value = initialValue.SkipTaskReads(_types);
            }

            if (value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation)
            {
                continue;
            }

            if (value is not IInvocationOperation call || !IsStreamHandedOut(call))
            {
                return false;
            }

            streams++;
        }

        return streams > 0;
    }

    /// <summary><c>client.GetStreamAsync(url)</c>, another such method, or <c>response.Content.ReadAsStreamAsync()</c> of a response this method does not dispose first.</summary>
    private bool IsStreamHandedOut(IInvocationOperation call)
    {
        var target = call.TargetMethod.ReducedFrom ?? call.TargetMethod.OriginalDefinition;
        if (!_types.IsContentStreamMethod(target))
        {
            return ReturnsContentStream(target);
        }

        if (target.Name == "GetStreamAsync")
        {
            return true;
        }

        // response.Content.ReadAsStreamAsync(): the response must be a local of this method, not disposed as the read's scope is left
        // (no 'using' over it, no 'finally' around the read that disposes it), or one made right there, which nothing can dispose
        // ('(await GetAsync(url)).Content.ReadAsStreamAsync()' over a send or a method of this compilation handing out a new response).
        return call.Instance?.SkipConversions() switch
        {
            IPropertyReferenceOperation { Property.Name: "Content", Instance: ILocalReferenceOperation { Local: var response } } =>
                !DisposalAnalysis.IsDisposedOnScopeExit(response, call, ResourceKind.Response, _types, this),
            IPropertyReferenceOperation { Property.Name: "Content", Instance: { } holder } =>
                holder.SkipTaskReads(_types) is IInvocationOperation { TargetMethod: var maker } && MakesNewResponse(maker.ReducedFrom ?? maker.OriginalDefinition),
            _ => false,
        };
    }

    /// <summary>A call whose response nothing else holds: its type is a response (or a task of one), and it does not hand back one it disposes, keeps or builds.</summary>
    private bool MakesNewResponse(IMethodSymbol maker) =>
        _types.IsResponseOrTaskOfResponse(maker.ReturnType) &&
        !ReturnsOnlyResponsesItDisposes(maker) && !ReturnsOnlyResponsesItKeeps(maker) && !ReturnsOnlyResponsesItBuilds(maker);

    private HashSet<string> StreamMethodNames(CancellationToken cancellationToken)
    {
        if (_streamMethodNames is { } names)
        {
            return names;
        }

        // Files that spell a stream word, then files that call a method found so far by name (a helper over a helper in
        // another file: 'Download(fileId) => await bot.StreamDownloader(url)'), until no file adds a name.
        names = new HashSet<string>(StringComparer.Ordinal);
        var read = new HashSet<SyntaxTree>();
        IReadOnlyCollection<string> mentioned = s_streamWords;
        for (var round = 0; mentioned.Count > 0 && round < MaxHelperDepth; round++)
        {
            var added = new List<string>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var index = SyntaxTreeIndex.For(tree, cancellationToken);
                if (read.Contains(tree) || !mentioned.Any(word => index.MayMention(word)))
                {
                    continue;
                }

                read.Add(tree);
                foreach (var name in index.Fact(s_streamMethodNamesInTree, static (tree, cancellationToken) => StreamMethodsDeclaredIn(tree, cancellationToken), cancellationToken))
                {
                    if (names.Add(name))
                    {
                        added.Add(name);
                    }
                }
            }

            mentioned = added;
        }

        Interlocked.CompareExchange(ref _streamMethodNames, names, null);
        return _streamMethodNames;
    }

    /// <summary>Methods of one file whose written return type names a Stream (<c>Stream</c>, <c>Task&lt;Stream?&gt;</c>, <c>ValueTask&lt;MemoryStream&gt;</c>); bodies are not read.</summary>
    private static ImmutableHashSet<string> StreamMethodsDeclaredIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static node => node is not (BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            if (node is MethodDeclarationSyntax method &&
                method.ReturnType.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(static type => type.Identifier.ValueText.EndsWith("Stream", StringComparison.Ordinal)))
            {
                names.Add(method.Identifier.ValueText);
            }
        }

        return names.ToImmutable();
    }
}
