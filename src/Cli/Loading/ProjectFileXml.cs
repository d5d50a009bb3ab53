using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// The fallback when MSBuild cannot evaluate a project (a missing SDK, a malformed file): reads the nearest
/// Directory.Build.props and the project file as plain XML, in MSBuild's order, expanding <c>$(Property)</c>
/// and conditions on <c>'$(TargetFramework)'</c> and <c>'$(Configuration)'</c>. Other conditions are taken as
/// true. The SDK's framework symbols and default language version come from <see cref="TargetFramework"/>.
/// </summary>
public static partial class ProjectFileXml
{
    public static IReadOnlyList<TargetSettings> Read(string projectFile)
    {
        var documents = Documents(projectFile, out var project);

        var sdk = (string?)project?.Attribute("Sdk");
        var isWeb = sdk?.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) == true;
        var isBlazorWebAssembly = sdk?.StartsWith("Microsoft.NET.Sdk.BlazorWebAssembly", StringComparison.OrdinalIgnoreCase) == true;
        var outer = Properties(documents, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        var monikers = Value(outer, "TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (monikers.Count == 0)
        {
            var single = Value(outer, "TargetFramework");
            if (single.Length == 0 && IsMobileOrUniversalWindows(documents, outer))
            {
                // A Xamarin (MonoAndroid v12.0, Xamarin.iOS) or UWP (TargetPlatformIdentifier UAP) project of the old
                // format: its TargetFrameworkVersion is the platform's, not .NET Framework's. Those platforms implement
                // .NET Standard 2.0, whose reference assemblies hold System.Net.Http; net40's, picked for "v12.0", do not.
                // So does a portable class library (TargetFrameworkProfile Profile154 over v4.0): its surface is a subset of
                // .NET Standard's, and its HttpClient came from the Microsoft.Net.Http package net40 lacks.
                single = "netstandard2.0";
            }
            else if (single.Length == 0 && Value(outer, "TargetFrameworkVersion") is { Length: > 0 } legacyVersion)
            {
                single = TargetFramework.FrameworkMoniker(legacyVersion.TrimStart('v', 'V'));
            }

            monikers.Add(single);
        }

        return monikers
            .Select(moniker => Settings(documents, moniker, isWeb) with { IsBlazorWebAssembly = isBlazorWebAssembly })
            .ToList();
    }

    private static TargetSettings Settings(List<XElement> documents, string moniker, bool isWeb)
    {
        var properties = Properties(documents, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["TargetFramework"] = moniker });
        var framework = TargetFramework.Parse(moniker);
        var language = TargetSettings.ParseLanguageVersion(Value(properties, "LangVersion"));
        var implicitDefines = !string.Equals(Value(properties, "DisableImplicitFrameworkDefines"), "true", StringComparison.OrdinalIgnoreCase);
        var usings = new List<string>();
        if (Value(properties, "ImplicitUsings") is "enable" or "true")
        {
            usings.AddRange(TargetSettings.SdkImplicitUsings.Where(ns => ns != "System.Net.Http" || framework?.IsNetFramework != true));
            if (isWeb)
            {
                usings.AddRange(TargetSettings.WebSdkImplicitUsings);
            }
        }

        usings.AddRange(documents.SelectMany(root => root.Descendants())
            .Where(e => e.Name.LocalName == "Using" && e.Attribute("Include") is not null && e.Attribute("Alias") is null && e.Attribute("Static") is null)
            .Select(e => (string)e.Attribute("Include")!));

        return new TargetSettings(
            framework,
            language ?? framework?.DefaultLanguageVersion ?? Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3,
            LanguageVersionIsDefault: language is null,
            TargetSettings.SymbolsFor(framework, TargetSettings.SplitConstants(Value(properties, "DefineConstants")), implicitDefines),
            TargetSettings.ParseNullable(Value(properties, "Nullable")),
            TargetSettings.GlobalUsingLines(usings),
            SettingsSource.ProjectFileXml)
        {
            // Microsoft.NET.Sdk.Web builds an executable unless the project says otherwise.
            OutputKind = TargetSettings.ParseOutputType(Value(properties, "OutputType") is { Length: > 0 } outputType ? outputType : isWeb ? "Exe" : null),
        };
    }

    /// <summary>
    /// An old-format Xamarin or UWP project: <c>TargetFrameworkIdentifier</c> MonoAndroid / Xamarin.* or
    /// <c>TargetPlatformIdentifier</c> UAP, or an import of the Xamarin or Windows XAML build targets.
    /// </summary>
    private static bool IsMobileOrUniversalWindows(List<XElement> documents, Dictionary<string, string> properties) =>
        Value(properties, "TargetPlatformIdentifier").Equals("UAP", StringComparison.OrdinalIgnoreCase) ||
        Value(properties, "TargetFrameworkIdentifier").Equals(".NETPortable", StringComparison.OrdinalIgnoreCase) ||
        Value(properties, "TargetFrameworkProfile").StartsWith("Profile", StringComparison.OrdinalIgnoreCase) ||
        Value(properties, "TargetFrameworkIdentifier") is var identifier &&
        (identifier.Equals("MonoAndroid", StringComparison.OrdinalIgnoreCase) || identifier.StartsWith("Xamarin.", StringComparison.OrdinalIgnoreCase)) ||
        documents.SelectMany(root => root.Descendants())
            .Where(element => element.Name.LocalName == "Import")
            .Select(element => ((string?)element.Attribute("Project") ?? string.Empty).Replace('\\', '/'))
            .Any(import => import.Contains("/Xamarin/Android/", StringComparison.OrdinalIgnoreCase) ||
                           import.Contains("/Xamarin/iOS/", StringComparison.OrdinalIgnoreCase) ||
                           import.Contains("/Xamarin/Mac/", StringComparison.OrdinalIgnoreCase) ||
                           import.Contains("/WindowsXaml/", StringComparison.OrdinalIgnoreCase) ||
                           import.Contains("/Microsoft/Portable/", StringComparison.OrdinalIgnoreCase));

    /// <param name="properties">Global properties (a target framework), which the files cannot override, as in MSBuild.</param>
    private static Dictionary<string, string> Properties(List<XElement> documents, Dictionary<string, string> properties)
    {
        var globals = properties.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        properties.TryAdd("Configuration", "Debug");
        foreach (var group in documents.SelectMany(root => root.Elements()).Where(e => e.Name.LocalName == "PropertyGroup"))
        {
            if (!Holds((string?)group.Attribute("Condition"), properties))
            {
                continue;
            }

            foreach (var property in group.Elements())
            {
                if (!globals.Contains(property.Name.LocalName) && Holds((string?)property.Attribute("Condition"), properties))
                {
                    properties[property.Name.LocalName] = Expand(property.Value.Trim(), properties);
                }
            }
        }

        return properties;
    }

    private static string Value(Dictionary<string, string> properties, string name)
        => properties.TryGetValue(name, out var value) ? value : string.Empty;

    private static string Expand(string value, Dictionary<string, string> properties)
        => PropertyReference().Replace(value, match => Value(properties, match.Groups["name"].Value));

    // '$(TargetFramework)' == 'net452', joined by 'and' / 'or'; anything else is taken as true.
    private static bool Holds(string? condition, Dictionary<string, string> properties)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        var any = Regex.Split(condition, @"\s+or\s+", RegexOptions.IgnoreCase);
        return any.Any(alternative => Regex.Split(alternative, @"\s+and\s+", RegexOptions.IgnoreCase).All(part =>
        {
            var comparison = Comparison().Match(part.Trim().Trim('(', ')'));
            if (!comparison.Success)
            {
                return true;
            }

            var left = Expand(comparison.Groups["left"].Value, properties);
            var right = Expand(comparison.Groups["right"].Value, properties);
            var equal = string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
            return comparison.Groups["op"].Value == "==" ? equal : !equal;
        }));
    }

    /// <summary>
    /// The file's root element. A file that is not well-formed only because something stands before its root (an empty line,
    /// then a byte-order mark: MSBuild then fails "Data at the root level is invalid. Line 2, position 1") is read from its
    /// first <c>&lt;</c>, so that its targets are still known; anything else that does not parse gives null.
    /// </summary>
    private static XElement? Load(string file)
    {
        try
        {
            return XDocument.Load(file).Root;
        }
        catch (XmlException)
        {
            return LoadFromFirstElement(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static XElement? LoadFromFirstElement(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            var start = 0;
            while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
            {
                start++;
            }

            return XDocument.Parse(text.Substring(start)).Root;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// The nearest Directory.Build.props (when there is one), with the ones above it that it imports through
    /// <c>GetPathOfFileAbove('Directory.Build.props', ...)</c> (outermost first), and the project file, followed by the
    /// projects it imports by a plain relative path (<c>&lt;Import Project="App.csproj" /&gt;</c> in a tool wrapper), in
    /// MSBuild's order. <paramref name="project"/> is the project that names an SDK (the imported one for a wrapper).
    /// </summary>
    private static List<XElement> Documents(string projectFile, out XElement? project)
    {
        var documents = new List<XElement>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var props = BuildFileNames.NearestAbove(directory, BuildFileNames.Props);
        for (var depth = 0; props is not null && depth < 8 && Load(props) is { } propsRoot; depth++)
        {
            documents.Insert(0, propsRoot);
            var importsAbove = propsRoot.Elements().Any(e => e.Name.LocalName == "Import" &&
                ((string?)e.Attribute("Project"))?.IndexOf("GetPathOfFileAbove('Directory.Build.props'", StringComparison.OrdinalIgnoreCase) >= 0);
            props = importsAbove && Path.GetDirectoryName(Path.GetDirectoryName(props)) is { } parent ? BuildFileNames.NearestAbove(parent, BuildFileNames.Props) : null;
        }

        project = Load(projectFile);
        if (project is not null)
        {
            // Shared build files it imports through the solution's or its own folder ($(SolutionDir)\src\library.targets):
            // read before the project, whose own properties win.
            var folders = new Dictionary<string, string>(BuildFileNames.SolutionProperties(directory), StringComparer.OrdinalIgnoreCase)
            {
                ["MSBuildProjectDirectory"] = directory,
            };
            AddSharedImports(project, directory, folders, documents, depth: 0);
            documents.Add(project);
            foreach (var import in project.Elements().Where(e => e.Name.LocalName == "Import").ToList())
            {
                if ((string?)import.Attribute("Project") is { } path && !path.Contains('$') &&
                    path.EndsWith("proj", StringComparison.OrdinalIgnoreCase) &&
                    Path.Combine(directory, path) is var imported &&
                    File.Exists(imported) && Load(imported) is { } importedRoot)
                {
                    documents.Add(importedRoot);
                    if (importedRoot.Attribute("Sdk") is not null)
                    {
                        project = importedRoot;
                    }
                }
            }
        }

        return documents;
    }

    /// <summary>
    /// The <c>.props</c> and <c>.targets</c> files <paramref name="root"/> imports unconditionally by a path that names only
    /// <c>$(SolutionDir)</c>, <c>$(MSBuildThisFileDirectory)</c> and <c>$(MSBuildProjectDirectory)</c> (the Directory.Build
    /// files come from <see cref="BuildFileNames"/>), each after the files it imports in turn, up to four levels deep.
    /// </summary>
    private static void AddSharedImports(XElement root, string directory, IReadOnlyDictionary<string, string> folders, List<XElement> documents, int depth)
    {
        if (depth >= 4)
        {
            return;
        }

        foreach (var import in root.Elements().Where(static e => e.Name.LocalName == "Import" && e.Attribute("Condition") is null))
        {
            if ((string?)import.Attribute("Project") is not { } written ||
                !(written.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || written.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)) ||
                written.IndexOf("Directory.Build.", StringComparison.OrdinalIgnoreCase) >= 0 ||
                !written.Contains('$'))
            {
                continue;
            }

            var thisFile = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
            var path = PropertyReference().Replace(written, match => match.Groups["name"].Value switch
            {
                "MSBuildThisFileDirectory" => thisFile,
                var name => folders.TryGetValue(name, out var value) ? value : match.Value,
            });
            if (path.Contains('$'))
            {
                continue;
            }

            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(directory, path.Replace('\\', Path.DirectorySeparatorChar)));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }

            if (File.Exists(full) && Load(full) is { } imported)
            {
                AddSharedImports(imported, Path.GetDirectoryName(full)!, folders, documents, depth + 1);
                documents.Add(imported);
            }
        }
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_\-]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"^'(?<left>[^']*)'\s*(?<op>==|!=)\s*'(?<right>[^']*)'$")]
    private static partial Regex Comparison();
}
