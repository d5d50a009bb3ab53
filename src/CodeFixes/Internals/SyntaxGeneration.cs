using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// How every fix writes a type or a member into code: <c>global::</c>-qualified and annotated, so that
/// <see cref="AddImportsAsync"/> adds the using it needs (where the file keeps them) and the simplifier
/// shortens the name. Types are named by their metadata names (<see cref="Analyzers.Internals.WellKnownTypeNames"/>)
/// or by their symbols; recognising a type is <see cref="Analyzers.Internals.WellKnownTypes"/>' job.
/// </summary>
internal static class SyntaxGeneration
{
    /// <summary>A type position, from a metadata name such as <c>System.Net.Http.SocketsHttpHandler</c>.</summary>
    public static TypeSyntax TypeName(string metadataName) =>
        SyntaxFactory.ParseTypeName("global::" + metadataName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>A type position, from a symbol (generic arguments included).</summary>
    public static TypeSyntax TypeName(ITypeSymbol type) =>
        SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>A member of a type, such as <c>global::System.TimeSpan.FromMinutes</c>, in an expression.</summary>
    public static ExpressionSyntax MemberAccess(string typeMetadataName, string member) =>
        SyntaxFactory.ParseExpression("global::" + typeMetadataName + "." + member).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>Adds the usings for the annotated qualified names (the code-action clean-up does not in every host).</summary>
    public static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);
}
