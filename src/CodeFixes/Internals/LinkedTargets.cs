using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// A file of a multi-targeting project is one document per target framework (linked documents); a fix
/// applied to one is applied to all. These questions ask every target, so that no fix writes code only
/// the current target compiles.
/// </summary>
internal static class LinkedTargets
{
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
