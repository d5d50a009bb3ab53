using System.Collections.Generic;
using System.IO;
using System.Linq;
using HttpClientGuard.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Cli.Tests.Infrastructure;

/// <summary>Compiles a folder's C# files against the framework reference packs and the runtime library, and returns the errors.</summary>
public static class CompileCheck
{
    public static IReadOnlyList<string> Errors(string folder, params string[] implicitUsings)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", System.StringComparison.Ordinal))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
            .ToList();
        if (implicitUsings.Length > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(string.Concat(implicitUsings.Select(ns => $"global using global::{ns};\n")), parseOptions));
        }

        var isExecutable = trees.Any(tree => tree.GetCompilationUnitRoot().Members.Any(member => member is GlobalStatementSyntax));
        var compilation = CSharpCompilation.Create(
            "CompileCheck",
            trees,
            ReferenceAssemblies.Installed.References.Add(MetadataReference.CreateFromFile(typeof(HttpClientGuard.HttpClientPool).Assembly.Location)),
            new CSharpCompilationOptions(isExecutable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => diagnostic.ToString())
            .ToList();
    }
}
