using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Fixing;

/// <summary>A change that adds a compile error to one target framework's build of the file.</summary>
public sealed record TargetBreak(string Framework, string Error);

/// <summary>
/// The compilations of every target framework of one project, kept at the current fixed text, so that each fix
/// is checked against all of them before it is kept: a fix computed for net10.0 must still compile for
/// netstandard2.0. "Compiles" means the changed documents have no error they did not have before.
/// </summary>
internal sealed class TargetChecks
{
    private readonly List<Member> _members;
    private readonly Dictionary<(int Member, string Path), ImmutableArray<Diagnostic>> _errors = new();

    public TargetChecks(IEnumerable<(ScanProject Target, Project Project)> members)
    {
        _members = members.Select(member => new Member(member.Target, member.Project)).ToList();
    }

    public int Count => _members.Count;

    public ScanProject Target(int index) => _members[index].Target;

    /// <summary>The target's project with every change kept so far.</summary>
    public Project Current(int index) => _members[index].Project;

    /// <summary>The first target whose build the changed texts would break, or null when every target still compiles them.</summary>
    public async Task<TargetBreak?> FirstBreakAsync(IReadOnlyDictionary<string, SourceText> changed, CancellationToken cancellationToken)
    {
        for (var index = 0; index < _members.Count; index++)
        {
            var member = _members[index];
            var after = member.Project.Solution;
            var documents = new List<(string Path, DocumentId Id)>();
            foreach (var (path, text) in changed)
            {
                foreach (var id in after.GetDocumentIdsWithFilePath(path).Where(id => id.ProjectId == member.Project.Id))
                {
                    after = after.WithDocumentText(id, text);
                    documents.Add((path, id));
                }
            }

            foreach (var (path, id) in documents)
            {
                var before = await ErrorsAsync(index, path, member.Project.GetDocument(id)!, cancellationToken).ConfigureAwait(false);
                var now = await ErrorsOfAsync(after.GetDocument(id)!, cancellationToken).ConfigureAwait(false);
                if (FirstNew(before, now) is { } error)
                {
                    return new TargetBreak(member.Target.Target.Framework ?? member.Project.Name, $"{error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }
        }

        return null;
    }

    /// <summary>Keeps the changed texts in every target.</summary>
    public void Accept(IReadOnlyDictionary<string, SourceText> changed)
    {
        for (var index = 0; index < _members.Count; index++)
        {
            var member = _members[index];
            var solution = member.Project.Solution;
            foreach (var (path, text) in changed)
            {
                foreach (var id in solution.GetDocumentIdsWithFilePath(path).Where(id => id.ProjectId == member.Project.Id))
                {
                    solution = solution.WithDocumentText(id, text);
                }

                _errors.Remove((index, path));
            }

            _members[index] = member with { Project = solution.GetProject(member.Project.Id)! };
        }
    }

    /// <summary>The current text of a file (the same in every target that has it).</summary>
    public async Task<SourceText?> TextAsync(string path, CancellationToken cancellationToken)
    {
        foreach (var member in _members)
        {
            if (member.Project.Solution.GetDocumentIdsWithFilePath(path).FirstOrDefault(id => id.ProjectId == member.Project.Id) is { } id)
            {
                return await member.Project.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    private async Task<ImmutableArray<Diagnostic>> ErrorsAsync(int member, string path, Document document, CancellationToken cancellationToken)
    {
        if (!_errors.TryGetValue((member, path), out var errors))
        {
            errors = await ErrorsOfAsync(document, cancellationToken).ConfigureAwait(false);
            _errors[(member, path)] = errors;
        }

        return errors;
    }

    private static async Task<ImmutableArray<Diagnostic>> ErrorsOfAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null
            ? ImmutableArray<Diagnostic>.Empty
            : model.GetDiagnostics(cancellationToken: cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    // Spans move when code is added, so errors are compared by id and message, counted.
    private static Diagnostic? FirstNew(ImmutableArray<Diagnostic> before, ImmutableArray<Diagnostic> after)
    {
        var known = before
            .GroupBy(Signature, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (var error in after)
        {
            var signature = Signature(error);
            if (known.TryGetValue(signature, out var count) && count > 0)
            {
                known[signature] = count - 1;
                continue;
            }

            return error;
        }

        return null;
    }

    private static string Signature(Diagnostic diagnostic) => diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Member(ScanProject Target, Project Project);
}
