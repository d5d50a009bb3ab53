using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace HttpClientGuard.Cli.Fixing;

/// <summary>Whether a code fix is offered for one finding, at that very site.</summary>
public enum Fixability
{
    /// <summary>No fixer offers a fix here (a fix would change behaviour, or the rule has none).</summary>
    None,

    /// <summary>A fix is offered for the code as it is.</summary>
    Yes,

    /// <summary>The only fix offered needs the HttpClientGuard runtime library (HttpClientPool), which the project does not reference.</summary>
    WithPackage,
}

/// <summary>
/// Asks the code-fix providers, as the IDE's light bulb and --fix do, whether they offer a fix for a finding;
/// when none does, asks again with the HttpClientGuard runtime library referenced, for the fixes that need it.
/// </summary>
public sealed class FixOffers
{
    private static readonly Lazy<MetadataReference> s_runtime = new(() => MetadataReference.CreateFromFile(typeof(HttpClientPool).Assembly.Location));

    private readonly RuleCatalog _catalog;
    private readonly Project _project;
    private Project? _withRuntime;

    public FixOffers(RuleCatalog catalog, Project project)
    {
        _catalog = catalog;
        _project = project;
    }

    public async Task<Fixability> ForAsync(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!_catalog.IsFixable(diagnostic.Id) || _project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
        {
            return Fixability.None;
        }

        if (await AnyOfferedAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))
        {
            return Fixability.Yes;
        }

        if (WithRuntime()?.GetDocument(document.Id) is { } withRuntime
            && await AnyOfferedAsync(withRuntime, diagnostic, cancellationToken).ConfigureAwait(false))
        {
            return Fixability.WithPackage;
        }

        return Fixability.None;
    }

    /// <summary>The actions one fixer registers for one diagnostic.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Document document, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    private async Task<bool> AnyOfferedAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        foreach (var fixer in _catalog.FixersFor(diagnostic.Id))
        {
            if ((await ActionsAsync(document, fixer, diagnostic, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    // The project as it would be with the package installed; null when it already references the runtime library.
    private Project? WithRuntime()
    {
        if (_withRuntime is null && !_project.MetadataReferences.OfType<PortableExecutableReference>().Any(reference =>
                string.Equals(System.IO.Path.GetFileName(reference.FilePath), "HttpClientGuard.dll", StringComparison.OrdinalIgnoreCase)))
        {
            _withRuntime = _project.AddMetadataReference(s_runtime.Value);
        }

        return _withRuntime;
    }
}
