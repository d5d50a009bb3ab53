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
            var model = compilation.ModelFor(name.SyntaxTree);
            if (!FactoryCallers.Refers(model.GetSymbolInfo(use, cancellationToken), method))
            {
                continue;
            }

            // A call that binds (one that does not, a candidate, passes what is not known), handing a new handler each time; a
            // method group handed on (its calls are not seen) refuses.
            if (use.Parent is not InvocationExpressionSyntax call || call.Expression != use || ++calls > MaxCalls ||
                model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation ||
                !PassesANewHandler(invocation, parameter, model, compilation, types, cancellationToken))
            {
                return false;
            }
        }

        return calls > 0;
    }

    private static bool PassesANewHandler(IInvocationOperation invocation, IParameterSymbol parameter, SemanticModel model, Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal != parameter.Ordinal)
            {
                continue;
            }

            var value = argument.ArgumentKind == ArgumentKind.Explicit ? argument.Value.SkipConversions() : null;
            if (value is ILocalReferenceOperation { Local: var local } &&
                local.DeclaringSyntaxReferences is { Length: 1 } declarations && declarations[0].SyntaxTree == model.SyntaxTree &&
                declarations[0].GetSyntax(cancellationToken).EnclosingFunction() is { } function &&
                model.References(local, function, cancellationToken).Count() == 1)
            {
                // var proxy = ProxySettings(...); Send(..., proxy);: a local given one value and read only here.
                value = LongLivedStorage.OnlyValueOf(local, model, cancellationToken) is { } initializer ? model.GetOperation(initializer, cancellationToken) : null;
            }

            return value is not null && IsNewHandler(value, compilation, types, cancellationToken);
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

        return method.IsHiddenFromOtherAssemblies() || compilation.IsProgram();
    }
}
