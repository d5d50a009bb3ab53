using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

internal static class SymbolExtensions
{
    /// <summary>
    /// <paramref name="symbol"/> has exactly one declaration, in <paramref name="compilation"/>'s own source, so its body can
    /// be bound here. A member of a referenced project has one too, in the IDE and in <c>hcg scan</c>'s folder mode, but in
    /// the source of another compilation: asking this compilation for a semantic model of that tree throws.
    /// </summary>
    public static bool HasOneDeclarationIn(this ISymbol symbol, Compilation compilation) =>
        symbol.DeclaringSyntaxReferences is { Length: 1 } references && compilation.ContainsSyntaxTree(references[0].SyntaxTree);

    /// <summary>
    /// No other assembly can name <paramref name="member"/>: it, or a type around it, is private or internal (a friend assembly
    /// of <c>InternalsVisibleTo</c> aside, as for any internal member).
    /// </summary>
    public static bool IsHiddenFromOtherAssemblies(this ISymbol member)
    {
        for (ISymbol? symbol = member; symbol is IMethodSymbol or INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The compilation builds a program (console, Windows or WinRT executable): nobody else references its members.</summary>
    public static bool IsProgram(this Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

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

    /// <summary><paramref name="type"/> is, or is made of (a type argument, an array's element), a type that did not bind.</summary>
    public static bool ContainsErrorType(this ITypeSymbol type) =>
        type switch
        {
            { TypeKind: TypeKind.Error } => true,
            IArrayTypeSymbol array => array.ElementType.ContainsErrorType(),
            INamedTypeSymbol { IsGenericType: true } generic => generic.TypeArguments.Any(static argument => argument.ContainsErrorType()),
            _ => false,
        };

    /// <summary>The type is the interface, or implements it.</summary>
    public static bool Implements(this ITypeSymbol type, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsStaticMember(this ISymbol? symbol) =>
        symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };

    /// <summary><c>System.Threading.Interlocked</c> or <c>System.Threading.LazyInitializer</c>: atomic one-time initialization.</summary>
    public static bool IsAtomicInitializer(this INamedTypeSymbol? type) =>
        type is
        {
            Name: "Interlocked" or "LazyInitializer",
            ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
        };

    /// <summary>
    /// <c>System.Threading.Tasks.Task</c>, <c>TaskFactory</c> (or <c>TaskFactory&lt;T&gt;</c>) or <c>System.Threading.ThreadPool</c>:
    /// the types whose <c>Run</c> / <c>StartNew</c> / <c>QueueUserWorkItem</c> start a delegate once per call.
    /// </summary>
    public static bool IsThreadPoolStarter(this INamedTypeSymbol? type) =>
        type is
        {
            Name: "Task" or "TaskFactory",
            ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
        } or
        {
            Name: "ThreadPool",
            ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
        };

    /// <summary>The receiver of a method as written at the call: the extended type of an extension method, else the containing type.</summary>
    public static ITypeSymbol? ReceiverType(this IMethodSymbol method) =>
        method.ReducedFrom is { } reduced
            ? reduced.Parameters.Length > 0 ? reduced.Parameters[0].Type : null
            : method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;

    /// <summary>
    /// The expression <paramref name="arguments"/> passes for <paramref name="parameter"/> of <paramref name="method"/> (by name
    /// or by position, as <see cref="ParameterFor"/> matches them), or null when it is left to its default.
    /// </summary>
    public static ExpressionSyntax? ArgumentFor(this ArgumentListSyntax arguments, IMethodSymbol method, IParameterSymbol parameter)
    {
        for (var i = 0; i < arguments.Arguments.Count; i++)
        {
            if (method.Parameters.ParameterFor(arguments, i) is { } bound && bound.Ordinal == parameter.Ordinal)
            {
                return arguments.Arguments[i].Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// The parameter that argument <paramref name="index"/> of <paramref name="arguments"/> is given for: by name
    /// (<c>disposeHandler: false</c>), else by position, extra arguments going to a trailing <c>params</c> parameter.
    /// </summary>
    public static IParameterSymbol? ParameterFor(this ImmutableArray<IParameterSymbol> parameters, ArgumentListSyntax arguments, int index)
    {
        if (arguments.Arguments[index].NameColon is { } nameColon)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        return index < parameters.Length ? parameters[index]
            : parameters.Length > 0 && parameters[parameters.Length - 1].IsParams ? parameters[parameters.Length - 1]
            : null;
    }
}
