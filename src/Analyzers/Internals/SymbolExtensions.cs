using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

internal static class SymbolExtensions
{
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsStaticMember(this ISymbol? symbol) =>
        symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
}
