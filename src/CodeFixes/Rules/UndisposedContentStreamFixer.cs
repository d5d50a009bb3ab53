using System.Composition;
using HttpClientGuard.Analyzers;
using HttpClientGuard.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>HCG004: dispose the content stream with <c>using</c> (<c>await using</c> in async code where Stream is IAsyncDisposable).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedContentStreamFixer)), Shared]
public sealed class UndisposedContentStreamFixer : AddUsingFixer
{
    public UndisposedContentStreamFixer()
        : base(RuleIds.UndisposedContentStream, "stream", "Dispose the stream with 'using'")
    {
    }
}
