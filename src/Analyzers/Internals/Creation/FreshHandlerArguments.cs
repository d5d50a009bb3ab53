using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A handler parameter every caller fills with a handler made for that one call: <c>new HttpClientHandler { ... }</c>, a method
/// or getter of this compilation that makes one anew each time (<see cref="HandlerFlow.FreshHandlerMethod"/>,
/// <see cref="HandlerFlow.FreshHandlerGetter"/>), or a local holding one that the caller uses nowhere else:
/// <c>var proxy = RequestHelper.ProxySettings(host, port); return handler.GetPostResponse(url, path, content, proxy);</c>.
/// The method that receives it owns it, as it would own one it made, so a client there that disposes it disposes nothing
/// shared (HCG005). Only a method nothing outside the compilation can call (private or internal, in a private or internal
/// type, or any method of a program) is decided this way, and only when every reference to it is such a call.
/// </summary>
internal static class FreshHandlerArguments
{
    private const int MaxCalls = 64;

    public static bool EveryCallHandsANewHandler(IParameterSymbol parameter, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsExtern: false } method ||
            !OnlyThisCompilationCalls(method, compilation))
        {
            return false;
        }

        var calls = 0;
        foreach (var name in SyntaxTreeIndex.SimpleNames(compilation, method.Name, cancellationToken))
        {
            if (name.IsNameOfArgument())
            {
                continue;
            }

            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            var model = compilation.GetSemanticModel(name.SyntaxTree);
            var info = model.GetSymbolInfo(use, cancellationToken);
            if (!SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, method.OriginalDefinition))
            {
                if (info.Symbol is null && info.CandidateSymbols.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    // A call that may be this one and does not bind: what it passes is not known.
                    return false;
                }

                continue;
            }

            if (use.Parent is not InvocationExpressionSyntax call || call.Expression != use || ++calls > MaxCalls ||
                model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation ||
                !PassesANewHandler(invocation, parameter, compilation, types, cancellationToken))
            {
                // A method group handed on (its calls are not seen), or a call that passes a handler it does not make for it.
                return false;
            }
        }

        return calls > 0;
    }

    private static bool PassesANewHandler(IInvocationOperation invocation, IParameterSymbol parameter, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal != parameter.Ordinal)
            {
                continue;
            }

            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                return false;
            }

            var value = argument.Value.SkipConversions();
            if (value is null)
            {
                return false;
            }

            if (value is ILocalReferenceOperation local)
            {
                // var proxy = ProxySettings(...); Send(..., proxy);: a local given one value and read only here.
                return OnlyInitializerIfReadOnce(local, invocation) is { } initializer && IsNewHandler(initializer, compilation, types, cancellationToken);
            }

            return IsNewHandler(value, compilation, types, cancellationToken);
        }

        return false;
    }

    private static bool IsNewHandler(IOperation value, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken) =>
        value.SkipConversions() switch
        {
            IObjectCreationOperation creation => types.IsPrimaryHandler(creation.Type),
            IInvocationOperation call => HandlerFlow.FreshHandlerMethod(call.TargetMethod, compilation, types, cancellationToken) is not null,
            IPropertyReferenceOperation property => HandlerFlow.FreshHandlerGetter(property.Property, compilation, types, cancellationToken) is not null,
            _ => false,
        };

    /// <summary>The initializer of <paramref name="local"/> when nothing assigns it again and this is its only read.</summary>
    private static IOperation? OnlyInitializerIfReadOnce(ILocalReferenceOperation local, IOperation anyOperationInMember)
    {
        IOperation? initializer = null;
        var reads = 0;
        foreach (var operation in anyOperationInMember.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                    return null;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local.Local):
                    reads++;
                    break;
            }
        }

        return reads == 1 ? initializer : null;
    }

    /// <summary>
    /// Nothing outside the compilation can call <paramref name="method"/>, and only by its own name: not an override or an
    /// implementation of an interface (a framework or a base type would call it), private or internal (or in such a type), or
    /// any method of a program.
    /// </summary>
    private static bool OnlyThisCompilationCalls(IMethodSymbol method, Compilation compilation)
    {
        if (method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty || method.IsAbstract ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        foreach (var member in method.ContainingType.AllInterfaces)
        {
            foreach (var candidate in member.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate), method))
                {
                    return false;
                }
            }
        }

        for (ISymbol? symbol = method; symbol is IMethodSymbol or INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return true;
            }
        }

        return compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;
    }
}
