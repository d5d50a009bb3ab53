using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>What a method does with the task of a response handed to it (<see cref="OwnershipSummaries.UseOfTaskParameter"/>).</summary>
internal enum TaskParameterUse
{
    /// <summary>Disposed, stored, handed on to anything but a reader, read in a lambda, or a body that cannot be read.</summary>
    Unknown,

    /// <summary>
    /// Awaited once into a local that is only read, or read in place only through its members (<c>task.Result.StatusCode</c>),
    /// however often: the response is nobody's to dispose but its caller's, who cannot reach it.
    /// </summary>
    OnlyReads,

    /// <summary>
    /// Not read here, only handed on to methods that only read it (<c>requestWrap(Task&lt;HttpResponseMessage&gt; task) =&gt;
    /// GenericRequest(task)</c>): as <see cref="OnlyReads"/> for the caller, but the method reads nothing it could dispose.
    /// </summary>
    HandsOnToReader,

    /// <summary>Awaited once into a local that is read and returned (or null returned instead): the caller gets the same response back.</summary>
    ReturnsResponse,
}

/// <summary>
/// A task of a response handed in as a parameter (<c>internal async Task&lt;T&gt; DoProcess&lt;T&gt;(Task&lt;HttpResponseMessage&gt;
/// task) { var r = await task; ... }</c>): when every call of the method hands in a task fresh from a call (<c>DoProcess(
/// client.GetAsync(url))</c>, or <c>var task = client.PostAsync(url, body); return DoProcess(task);</c> with the local read
/// nowhere else), no caller can reach the response the task yields, so it is the method's to dispose.
/// </summary>
internal sealed partial class OwnershipSummaries
{
    private readonly ConcurrentDictionary<IParameterSymbol, bool> _freshTasks = new(SymbolEqualityComparer.Default);

    /// <summary>How many methods deep a task handed on from reader to reader is followed.</summary>
    private const int TaskForwardingDepth = 3;

    // One cache per depth left to follow: a summary is a function of its method and that depth alone, whichever method asked first.
    private readonly ConcurrentDictionary<IParameterSymbol, TaskParameterUse>[] _taskParameterUses = NewTaskUseCaches<IParameterSymbol>();

    [System.ThreadStatic]
    private static int t_taskSummaryNesting;

    private static ConcurrentDictionary<TSymbol, TaskParameterUse>[] NewTaskUseCaches<TSymbol>()
        where TSymbol : class, ISymbol
    {
        var caches = new ConcurrentDictionary<TSymbol, TaskParameterUse>[TaskForwardingDepth + 1];
        for (var depth = 0; depth < caches.Length; depth++)
        {
            caches[depth] = new ConcurrentDictionary<TSymbol, TaskParameterUse>(SymbolEqualityComparer.Default);
        }

        return caches;
    }

    /// <summary>
    /// What <paramref name="method"/> (declared once in this compilation, with a body, not virtual, abstract, an override or
    /// an interface member's implementation, so that the body read is the one that runs) does with the task of a response it
    /// receives for <paramref name="parameter"/> (<see cref="DisposalAnalysis.SummarizeTaskParameter"/>). A summary may ask
    /// for the summary of a method the task is handed on to, up to <see cref="TaskForwardingDepth"/> methods deep (a cycle of
    /// methods handing it round ends there as <see cref="TaskParameterUse.Unknown"/>).
    /// </summary>
    public TaskParameterUse UseOfTaskParameter(IMethodSymbol method, IParameterSymbol parameter)
    {
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        var index = parameter.Ordinal + (method.ReducedFrom is not null ? 1 : 0);
        var depth = TaskForwardingDepth - t_taskSummaryNesting;
        if (depth < 0 || index >= definition.Parameters.Length || !_types.IsResponse(_types.TaskResult(definition.Parameters[index].Type)) ||
            !RunsOnlyItsOwnBody(definition) || definition.Parameters[index].RefKind != RefKind.None || !definition.HasOneDeclarationIn(_compilation))
        {
            return TaskParameterUse.Unknown;
        }

        return _taskParameterUses[depth].GetOrAdd(definition.Parameters[index], SummarizeTaskParameter);
    }

    // Per member, not per receiver: every member of an extension block shares the block's receiver parameter.
    private readonly ConcurrentDictionary<IMethodSymbol, TaskParameterUse>[] _taskReceiverUses = NewTaskUseCaches<IMethodSymbol>();

    /// <summary>
    /// What <paramref name="member"/>, an instance member of a C# 14 extension block declared once in this compilation,
    /// does with the task of a response it is called on in instance form (<c>client.PostAsync(url, body).ReadBytes()</c>),
    /// as <see cref="UseOfTaskParameter"/> says for a parameter; <see cref="TaskParameterUse.Unknown"/> for any other method.
    /// </summary>
    public TaskParameterUse UseOfTaskReceiver(IMethodSymbol member)
    {
        var definition = member.OriginalDefinition;
        var depth = TaskForwardingDepth - t_taskSummaryNesting;
        // Asked for every call made on a task (task.Wait()): a method declared elsewhere is ruled out first.
        if (depth < 0 || !definition.HasOneDeclarationIn(_compilation) || !RunsOnlyItsOwnBody(definition) ||
            ExtensionBlocks.Receiver(definition.DeclaringSyntaxReferences[0].GetSyntax()) is null)
        {
            return TaskParameterUse.Unknown;
        }

        return _taskReceiverUses[depth].GetOrAdd(definition, SummarizeTaskReceiver);
    }

    private TaskParameterUse SummarizeTaskReceiver(IMethodSymbol member)
    {
        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax();
        var model = _compilation.ModelFor(declaration.SyntaxTree);
        if (ExtensionBlocks.Receiver(declaration) is not { } syntax || model.GetDeclaredSymbol(syntax) is not IParameterSymbol receiver ||
            !_types.IsResponse(_types.TaskResult(receiver.Type)) || receiver.RefKind != RefKind.None || model.GetOperation(declaration) is not { } body)
        {
            return TaskParameterUse.Unknown;
        }

        return SummarizeOneLevelDeeper(body, receiver);
    }

    /// <summary>The summary of <paramref name="parameter"/> in <paramref name="body"/>, one method deeper than the one asking.</summary>
    private TaskParameterUse SummarizeOneLevelDeeper(IOperation body, IParameterSymbol parameter)
    {
        t_taskSummaryNesting++;
        try
        {
            return DisposalAnalysis.SummarizeTaskParameter(body, parameter, _types, this);
        }
        finally
        {
            t_taskSummaryNesting--;
        }
    }

    private TaskParameterUse SummarizeTaskParameter(IParameterSymbol parameter)
    {
        var declaration = parameter.ContainingSymbol.DeclaringSyntaxReferences[0].GetSyntax();
        var model = _compilation.ModelFor(declaration.SyntaxTree);
        if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) || model.GetOperation(declaration) is not { } body ||
            ExtensionBlocks.ParameterInBody(parameter, declaration, model) is not { } named)
        {
            return TaskParameterUse.Unknown;
        }

        return SummarizeOneLevelDeeper(body, named);
    }

    /// <summary>
    /// <c>Task&lt;HttpResponseMessage&gt; task</c> (or <c>ValueTask</c>) spelled in a parameter list: the syntax gate before
    /// anything is bound.
    /// </summary>
    public static bool MayTakeResponseTask(ParameterListSyntax? parameters)
    {
        if (parameters is null)
        {
            return false;
        }

        foreach (var parameter in parameters.Parameters)
        {
            if (SimpleName(parameter.Type) is GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments: { Count: 1 } arguments } &&
                SimpleName(arguments[0]) is IdentifierNameSyntax { Identifier.ValueText: "HttpResponseMessage" })
            {
                return true;
            }
        }

        return false;

        static SimpleNameSyntax? SimpleName(TypeSyntax? type) => type switch
        {
            SimpleNameSyntax simple => simple,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => null,
        };
    }

    /// <summary>
    /// Every call of <paramref name="parameter"/>'s method in the compilation (at least one) hands it a task fresh from a
    /// call. The method must be one only this compilation calls, and only as itself: private, or internal in an assembly that
    /// names no friend assembly (<c>[InternalsVisibleTo]</c>), not virtual, abstract, an override or an interface member's
    /// implementation; every reference to it is a call (a method group may be invoked with any task).
    /// </summary>
    public bool HandedOnlyFreshTasks(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        _freshTasks.GetOrAdd(parameter, p => EveryCallHandsAFreshTask(p, cancellationToken));

    private bool EveryCallHandsAFreshTask(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method || !RunsOnlyItsOwnBody(method) ||
            method.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal) ||
            parameter.RefKind != RefKind.None || parameter.IsParams ||
            method.DeclaredAccessibility != Accessibility.Private && HasFriendAssemblies())
        {
            // [InternalsVisibleTo]: a friend assembly may call an internal method with any task.
            return false;
        }

        IEnumerable<SyntaxTree> trees = method.DeclaredAccessibility == Accessibility.Private
            ? ContainingTypeTrees(method.ContainingType)
            : _compilation.SyntaxTrees;
        var calls = 0;
        foreach (var tree in trees)
        {
            var index = SyntaxTreeIndex.For(tree, cancellationToken);
            if (!index.MayMention(method.Name))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var token in index.Identifiers(method.Name, cancellationToken))
            {
                if (token.Parent is not SimpleNameSyntax name || name.Parent is MethodDeclarationSyntax)
                {
                    continue;
                }

                model ??= _compilation.ModelFor(tree);
                var info = model.GetSymbolInfo(name, cancellationToken);
                if (!SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    if (info.Symbol is null && info.CandidateSymbols.Length > 0)
                    {
                        // A call that does not bind may be to this method with any task.
                        return false;
                    }

                    continue;
                }

                ExpressionSyntax called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (called.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != called ||
                    invocation.ArgumentList.ArgumentFor(method, parameter) is not { } argument || !IsFreshTask(argument, model, cancellationToken))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

    private bool? _hasFriendAssemblies;

    private bool HasFriendAssemblies() =>
        _hasFriendAssemblies ??= _compilation.Assembly.GetAttributes().Any(static attribute => attribute.AttributeClass?.Name == "InternalsVisibleToAttribute");

    /// <summary>
    /// An ordinary method that is not virtual, abstract, an override or an interface member's implementation (explicit or
    /// not): a call of it runs the body declared here, not another type's.
    /// </summary>
    private static bool RunsOnlyItsOwnBody(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, IsVirtual: false, IsAbstract: false, IsOverride: false, ExplicitInterfaceImplementations.IsEmpty: true } &&
        !ImplementsAnInterfaceMember(method);

    private static bool ImplementsAnInterfaceMember(IMethodSymbol method)
    {
        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<SyntaxTree> ContainingTypeTrees(INamedTypeSymbol type)
    {
        var seen = new HashSet<SyntaxTree>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (seen.Add(reference.SyntaxTree))
            {
                yield return reference.SyntaxTree;
            }
        }
    }

    /// <summary>
    /// <c>client.GetAsync(url)</c> (a call returning a task of a response), or a plain local initialized with one that the
    /// code around it names nowhere but in this argument.
    /// </summary>
    private bool IsFreshTask(ExpressionSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        var value = argument.Unwrap();
        if (value is IdentifierNameSyntax name)
        {
            if (model.GetSymbolInfo(name, cancellationToken).Symbol is not ILocalSymbol local ||
                local.DeclaringSyntaxReferences.Length != 1 ||
                local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initial } declarator ||
                declarator.EnclosingFunction() is not { } function)
            {
                return false;
            }

            foreach (var reference in model.References(local, function, cancellationToken))
            {
                if (reference != name)
                {
                    return false;
                }
            }

            value = initial.Unwrap();
        }

        return value is InvocationExpressionSyntax call && model.GetTypeInfo(call, cancellationToken).Type is var type &&
               _types.TaskResult(type) is not null && _types.IsResponseOrTaskOfResponse(type);
    }
}
