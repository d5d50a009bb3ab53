using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Analyzers.Internals;

internal static class DiagnosticLocations
{
    /// <summary>
    /// <c>new T(args)</c> without its object initializer, so that a long initializer is not
    /// squiggled line after line.
    /// </summary>
    public static Location Creation(BaseObjectCreationExpressionSyntax creation)
    {
        var end = creation switch
        {
            // GetLastToken skips missing tokens, so half-typed code is not squiggled onto the next line.
            { ArgumentList: { } arguments } => arguments.GetLastToken().Span.End,
            ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Type.Span.End,
            _ => creation.NewKeyword.Span.End,
        };
        return Location.Create(creation.SyntaxTree, TextSpan.FromBounds(creation.SpanStart, end));
    }
}
