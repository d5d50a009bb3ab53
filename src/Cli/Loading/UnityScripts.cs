using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// Loose files that are Unity scripts: an assembly definition (<c>*.asmdef</c>) in their folder or a folder above it, or
/// an <c>Assets</c> folder above them beside a <c>ProjectSettings</c> folder (a Unity project, whose generated project files
/// are not committed). Unity compiles them in the editor with <c>UNITY_EDITOR</c> and its version symbols defined, and the
/// project files it generates for Visual Studio and Rider define the same, so an editor window under
/// <c>#if UNITY_EDITOR</c> is code the developer sees analysed. Folder mode compiles them twice: with the plain symbols, as
/// every loose file (a package's plain .NET branch, <c>#else</c> of <c>UNITY_2017_1_OR_NEWER</c>, is what a .NET build of
/// it compiles), and with <see cref="EditorSymbols"/>; findings are merged as a multi-target project's are.
/// </summary>
public static class UnityScripts
{
    /// <summary>
    /// What the editor defines for a Unity 2022.3 project on Windows: the editor and standalone platform symbols, every
    /// version symbol up to <c>UNITY_2022_3_OR_NEWER</c>, and <c>CSHARP_7_3_OR_NEWER</c>. A player-only branch
    /// (<c>#if !UNITY_EDITOR</c> with a Unity version symbol) is what neither compilation sees.
    /// </summary>
    public static readonly ImmutableArray<string> EditorSymbols = BuildEditorSymbols();

    /// <summary>Whether the files are Unity scripts; folders are read once each.</summary>
    public static bool AreUnityScripts(IEnumerable<string> files)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var directory = Path.GetDirectoryName(file); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                if (!seen.Add(directory))
                {
                    break;
                }

                if (IsUnityFolder(directory))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsUnityFolder(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory, "*.asmdef").Any() ||
                   Path.GetFileName(directory).Equals("Assets", StringComparison.Ordinal) &&
                   Path.GetDirectoryName(directory) is { } project && Directory.Exists(Path.Combine(project, "ProjectSettings"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ImmutableArray<string> BuildEditorSymbols()
    {
        var symbols = new List<string> { "UNITY_EDITOR", "UNITY_EDITOR_WIN", "UNITY_STANDALONE", "UNITY_STANDALONE_WIN", "CSHARP_7_3_OR_NEWER" };
        symbols.AddRange(new[] { 3, 4, 5, 6 }.Select(minor => $"UNITY_5_{minor}_OR_NEWER"));
        foreach (var (year, lastMinor) in new[] { (2017, 4), (2018, 4), (2019, 4), (2020, 3), (2021, 3), (2022, 3) })
        {
            for (var minor = 1; minor <= lastMinor; minor++)
            {
                symbols.Add($"UNITY_{year}_{minor}_OR_NEWER");
            }
        }

        return symbols.ToImmutableArray();
    }
}
