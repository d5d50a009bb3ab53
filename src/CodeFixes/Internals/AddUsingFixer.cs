using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The one "dispose it with using" fix, shared by HCG003 (responses) and HCG004 (content streams).
/// Fix All goes through <see cref="UsingIntroduction"/> per document, because a batch merge of
/// independent edits would conflict where one using statement has to wrap another.
/// </summary>
public abstract class AddUsingFixer : CodeFixProvider
{
    private readonly string _diagnosticId;
    private readonly string _localBaseName;
    private readonly string _title;

    private protected AddUsingFixer(string diagnosticId, string localBaseName, string title)
    {
        _diagnosticId = diagnosticId;
        _localBaseName = localBaseName;
        _title = title;
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <summary>One key per rule: every "add using" fix of a rule is the same kind of fix.</summary>
    public string EquivalenceKey => _diagnosticId + ".AddUsing";

    public sealed override FixAllProvider GetFixAllProvider() => new AddUsingFixAllProvider(this);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var plans = await UsingIntroduction.PlanAsync(context.Document, new[] { diagnostic }, _localBaseName, context.CancellationToken).ConfigureAwait(false);
            if (plans.IsEmpty)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(_title, cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var plans = await UsingIntroduction.PlanAsync(document, diagnostics, _localBaseName, cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (plans.IsEmpty || root is null)
        {
            return document;
        }

        // Formatted in the document's own line endings and indentation, not the host's defaults.
        return await SyntaxGeneration.AddImportsAsync(document.WithSyntaxRoot(UsingIntroduction.Apply(root, plans)), cancellationToken).ConfigureAwait(false);
    }

    private sealed class AddUsingFixAllProvider : DocumentBasedFixAllProvider
    {
        private readonly AddUsingFixer _fixer;

        public AddUsingFixAllProvider(AddUsingFixer fixer) => _fixer = fixer;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            if (fixAllContext.CodeActionEquivalenceKey != _fixer.EquivalenceKey)
            {
                return null;
            }

            var relevant = diagnostics.Where(d => d.Id == _fixer._diagnosticId).ToImmutableArray();
            return await _fixer.FixAsync(document, relevant, fixAllContext.CancellationToken).ConfigureAwait(false);
        }
    }
}
