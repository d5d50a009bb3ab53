using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Generated code is skipped here rather than by the driver. With <see cref="GeneratedCodeAnalysisFlags.None"/>
/// the driver decides every reported location by walking all tokens of its file for a
/// <c>[GeneratedCode]</c> attribute; on the benchmark that walk cost more than all the rules' own
/// work. The rules instead register for all code, return at once in generated files
/// (<see cref="SyntaxNodeAnalysisContext.IsGeneratedCode"/>: file name, <c>&lt;auto-generated&gt;</c>
/// header, <c>generated_code = true</c>), and ask <see cref="IsInMarkedDeclaration"/> only
/// for the few nodes they are about to report.
/// </summary>
internal static class GeneratedCode
{
    public const GeneratedCodeAnalysisFlags AnalysisFlags = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    private const string AttributeName = "GeneratedCode";

    /// <summary>
    /// True when <paramref name="node"/> lies in a member or type marked <c>[GeneratedCode]</c>
    /// (on any partial declaration of it), or in one nested in such a type.
    /// </summary>
    public static bool IsInMarkedDeclaration(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        // The attribute is spelled in this file, or a partial type may carry it in another one.
        if (!node.SyntaxTree.Mentions(AttributeName, cancellationToken) && !IsInPartialType(node))
        {
            return false;
        }

        if (model.Compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute") is not { } attribute)
        {
            return false;
        }

        for (var current = node; current is not null; current = current.Parent)
        {
            var declared = current switch
            {
                BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => model.GetDeclaredSymbol(field.Declaration.Variables[0], cancellationToken),
                MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not GlobalStatementSyntax and not IncompleteMemberSyntax => model.GetDeclaredSymbol(current, cancellationToken),
                _ => null,
            };
            if (declared is not null)
            {
                return IsMarked(declared, attribute);
            }
        }

        return false;
    }

    private static bool IsMarked(ISymbol symbol, INamedTypeSymbol attribute)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            foreach (var data in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInPartialType(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }
}
