using System.Composition;
using HttpClientGuard.Analyzers;
using HttpClientGuard.CodeFixes.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpClientGuard.CodeFixes.Rules;

/// <summary>HCG003: dispose the response with <c>using</c>, introducing a local for discarded results and chains.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedResponseFixer)), Shared]
public sealed class UndisposedResponseFixer : AddUsingFixer
{
    public UndisposedResponseFixer()
        : base(RuleIds.UndisposedResponse, "response", "Dispose the response with 'using'")
    {
    }
}
