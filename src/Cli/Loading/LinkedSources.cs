using System;
using System.Collections.Generic;
using System.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// Files a project compiles from outside its own folder (<c>&lt;Compile Include="..\Shared.Windows\**\*.cs" /&gt;</c>, a
/// folder of sources several platform projects share). Folder mode groups files by the project folder they sit in, so
/// such a file lands in another group (often the scanned folder's loose files) and is compiled there without the
/// project that declares its other half: fields do not bind, and what the file does is misread. Each target whose
/// evaluated Compile items name a scanned file of another group compiles that file too, and a file some project links
/// leaves the loose group (files under no project file), so it is analysed only as the builds compile it. A file of
/// another project stays in that project as well: both builds compile it (findings are counted once per place).
/// </summary>
internal static class LinkedSources
{
    public static List<FolderTarget> Attach(IReadOnlyList<FolderTarget> targets)
    {
        var groupOf = new Dictionary<string, SourceGroup>(StringComparer.Ordinal);
        foreach (var group in targets.Select(target => target.Group).Distinct(ReferenceEqualityComparer.Instance).Cast<SourceGroup>())
        {
            foreach (var file in group.Files)
            {
                groupOf.TryAdd(file, group);
            }
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var linked = new List<FolderTarget>(targets.Count);
        foreach (var target in targets)
        {
            var links = target.Settings.CompileItems is { Count: > 0 } items
                ? items.Where(file => groupOf.TryGetValue(file, out var group) && !ReferenceEquals(group, target.Group))
                    .OrderBy(file => file, StringComparer.Ordinal)
                    .ToList()
                : new List<string>();
            claimed.UnionWith(links);
            linked.Add(links.Count == 0 ? target : target with { LinkedFiles = links });
        }

        if (claimed.Count == 0)
        {
            return linked;
        }

        var remainders = new Dictionary<SourceGroup, SourceGroup>(ReferenceEqualityComparer.Instance);
        var result = new List<FolderTarget>(linked.Count);
        foreach (var target in linked)
        {
            var group = target.Group;
            if (group.ProjectFile is not null || !group.Files.Any(claimed.Contains))
            {
                result.Add(target);
                continue;
            }

            if (!remainders.TryGetValue(group, out var remainder))
            {
                remainder = group with { Files = group.Files.Where(file => !claimed.Contains(file)).ToList() };
                remainders[group] = remainder;
            }

            if (remainder.Files.Count > 0)
            {
                result.Add(target with { Group = remainder });
            }
        }

        return result;
    }
}
