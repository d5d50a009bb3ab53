using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// A file of a multi-targeting project is one document per target framework (linked documents); a fix
/// applied to one is applied to all. These questions ask every target, so that no fix writes code only
/// the current target compiles.
/// </summary>
internal static class LinkedTargets
{
    /// <summary>
    /// The lowest C# version among the document and its linked documents: a project targeting net6.0 and
    /// netstandard2.0 without a LangVersion compiles the same file as C# 10 and as C# 7.3, and a fix computed
    /// in the net6.0 document must not write <c>using var</c> (dotnet format merges the two targets' different
    /// edits into conflict markers, and the netstandard2.0 build rejects C# 8 syntax).
    /// </summary>
    public static LanguageVersion LowestLanguageVersion(Document document)
    {
        var lowest = (document.Project.ParseOptions as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.CSharp7_3;
        foreach (var id in document.GetLinkedDocumentIds())
        {
            if (document.Project.Solution.GetDocument(id)?.Project.ParseOptions is CSharpParseOptions { LanguageVersion: var version } && version < lowest)
            {
                lowest = version;
            }
        }

        return lowest;
    }

    /// <summary>True when the document's compilation and the compilation of each linked document define <paramref name="metadataName"/>.</summary>
    public static async Task<bool> EveryTargetHasTypeAsync(Document document, string metadataName, CancellationToken cancellationToken)
    {
        foreach (var id in document.GetLinkedDocumentIds().Add(document.Id))
        {
            if (document.Project.Solution.GetDocument(id) is not { } target ||
                await target.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation ||
                compilation.GetTypeByMetadataName(metadataName) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="type"/> (a top-level type such as <c>System.IO.Stream</c>) is IAsyncDisposable
    /// for every linked document's target too: <c>await using</c> over a netstandard2.0 Stream does not compile.
    /// </summary>
    public static async Task<bool> EveryLinkedTargetHasAsyncDisposalAsync(Document document, ITypeSymbol type, CancellationToken cancellationToken)
    {
        var linked = document.GetLinkedDocumentIds();
        if (linked.IsEmpty)
        {
            return true;
        }

        if (type is not INamedTypeSymbol { ContainingType: null, ContainingNamespace: { } containingNamespace } named)
        {
            return false;
        }

        var metadataName = containingNamespace.IsGlobalNamespace ? named.MetadataName : containingNamespace.ToDisplayString() + "." + named.MetadataName;
        foreach (var id in linked)
        {
            if (document.Project.Solution.GetDocument(id) is not { } target ||
                await target.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation ||
                compilation.GetTypeByMetadataName(metadataName) is not { } linkedType ||
                WellKnownTypes.TryCreate(compilation) is not { } types ||
                !types.IsAsyncDisposable(linkedType))
            {
                return false;
            }
        }

        return true;
    }
}
