using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Calls that take the value over: constructors that wrap it, helpers that dispose it, collections that keep it, lambdas whose result a helper returns.</summary>
internal static partial class DisposalAnalysis
{
    private static Use ClassifyArgument(IArgumentOperation argument, ResourceKind kind, WellKnownTypes types, ref IOperation value, out ILocalSymbol? local, out IInvocationOperation? forwardedTo)
    {
        local = null;
        forwardedTo = null;
        if (argument.Parameter is { RefKind: not RefKind.None and not RefKind.In })
        {
            return Use.Escapes;
        }

        switch (argument.Parent)
        {
            case IObjectCreationOperation creation:
                if (kind == ResourceKind.ContentStream && types.IsDisposable(creation.Type))
                {
                    // new StreamReader(stream): the reader owns the stream; disposing the reader disposes it.
                    var ownerUse = Classify(creation, ResourceKind.Disposable, types, out _, out var ownerLocal, out _);
                    return ownerUse switch
                    {
                        Use.Disposed or Use.DisposedByOwner => Use.DisposedByOwner,
                        Use.KeptInLocal when ownerLocal is not null && IsDisposedAnywhere(ownerLocal, creation, ResourceKind.Disposable, types) => Use.DisposedByOwner,
                        Use.Escapes or Use.ForwardedToCaller => Use.Escapes,

                        // A wrapper nobody disposes leaves the stream undisposed too.
                        _ => Use.Borrowed,
                    };
                }

                // A constructor that receives the value wraps it: the new object owns it from now on.
                return Use.Escapes;

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (ReturnsSameKind(invocation.Type, kind, types))
                {
                    // Task.FromResult(response), an extension that checks and returns the response...
                    value = invocation;
                    return Classify(invocation, kind, types, out value, out local, out forwardedTo);
                }

                if (method.Name.Contains("Dispose") || method.Name.Contains("Close"))
                {
                    return Use.Disposed;
                }

                if (argument.Parameter is { } parameter && DisposesParameter(method, parameter))
                {
                    // HandleAsync(response) that ends in 'using (response)': the helper took ownership.
                    return Use.DisposedByOwner;
                }

                if (IsCollectionStore(method))
                {
                    return Use.Escapes;
                }

                return Use.Borrowed;

            default:
                return Use.Escapes;
        }
    }

    private static Use ClassifyReturn(IReturnOperation @return, ResourceKind kind, WellKnownTypes types, out IInvocationOperation? forwardedTo)
    {
        forwardedTo = null;
        if (kind != ResourceKind.Disposable && @return.ReturnedValue?.Type is { } returned && types.Task?.BaseType is { } plainTask &&
            SymbolEqualityComparer.Default.Equals(returned, plainTask))
        {
            // 'Task SendAsync() => client.SendAsync(request);': returned as a plain Task, nobody can read the value to dispose it.
            return Use.Discarded;
        }

        if (kind != ResourceKind.Response)
        {
            return Use.Escapes;
        }

        // () => client.GetAsync(u) handed to a retry helper or a policy: the helper's result is the response.
        IOperation? current = @return.Parent;
        while (current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation)
        {
            current = current.Parent;
        }

        if (current is IAnonymousFunctionOperation lambda &&
            lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation helper } } &&
            types.IsResponseOrTaskOfResponse(helper.Type))
        {
            forwardedTo = helper;
            return Use.ForwardedToCaller;
        }

        return Use.Escapes;
    }

    /// <summary>
    /// A syntactic look at a method declared in source: does its body dispose the parameter
    /// (<c>using (p)</c>, <c>using var x = p</c>, <c>p.Dispose()</c>, <c>p?.Dispose()</c>)?
    /// Only the callee's own declaration is read; nothing is bound.
    /// </summary>
    private static bool DisposesParameter(IMethodSymbol method, IParameterSymbol parameter)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        var index = parameter.Ordinal + (method.ReducedFrom is not null ? 1 : 0);
        if (definition.DeclaringSyntaxReferences.Length != 1 || index >= definition.Parameters.Length)
        {
            return false;
        }

        var name = definition.Parameters[index].Name;
        var declaration = definition.DeclaringSyntaxReferences[0].GetSyntax();
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case UsingStatementSyntax @using when @using.Expression == identifier:
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: UsingStatementSyntax } } }:
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } } } }:
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } access when access.Expression == identifier:
                case ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } } } conditional
                    when conditional.Expression == identifier:
                    return true;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } arguments } when IsUsingResource(wrapper) && !LeavesOpen(arguments):
                    // 'using (var reader = new StreamReader(stream))': the wrapper disposes what it wraps.
                    return true;
            }
        }

        return false;
    }

    private static bool IsUsingResource(ExpressionSyntax created) => created.Parent switch
    {
        UsingStatementSyntax @using => @using.Expression == created,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: UsingStatementSyntax } } } => true,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } } =>
            declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword),
        _ => false,
    };

    /// <summary>'new StreamReader(stream, leaveOpen: true)', 'new StreamReader(stream, encoding, true, 1024, true)': a literal true may keep it open.</summary>
    private static bool LeavesOpen(ArgumentListSyntax arguments) =>
        arguments.Arguments.Skip(1).Any(static argument => argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression) || argument.NameColon?.Name.Identifier.ValueText == "leaveOpen");

    private static bool ReturnsSameKind(ITypeSymbol? type, ResourceKind kind, WellKnownTypes types) => kind switch
    {
        ResourceKind.Response => types.IsResponseOrTaskOfResponse(type),
        ResourceKind.ContentStream => types.IsStream(type) || types.IsStream(types.TaskResult(type)),
        _ => false,
    };

    private static bool IsCollectionStore(IMethodSymbol method)
    {
        if (method.Name is "Add" or "Enqueue" or "Push" or "Insert" or "TryAdd" or "Set" or "AddOrUpdate" or "GetOrAdd" or "TrySetResult" or "SetResult" or "Post" or "TryWrite" or "WriteAsync")
        {
            return true;
        }

        // Anything that hands the value to a collection-like receiver keeps it.
        return method.ContainingType?.AllInterfaces.Any(static i => i.SpecialType == SpecialType.System_Collections_IEnumerable) == true;
    }
}
