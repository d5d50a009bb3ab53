using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question about a client kept in an instance field: is its owner a container singleton, one instance
/// kept for the life of the container? Yes when a singleton registration of this compilation lets the container
/// build the type itself (<c>AddSingleton&lt;X&gt;()</c>, <c>TryAddSingleton&lt;IX, X&gt;()</c>,
/// <c>AddHostedService&lt;X&gt;()</c>, <c>AddSingleton(typeof(X))</c>, Autofac's <c>RegisterType&lt;X&gt;().SingleInstance()</c>), or hands it one instance
/// (<c>AddSingleton(new X(...))</c>, <c>AddSingleton(sp =&gt; new X(...))</c>, a block lambda whose only <c>return</c>
/// returns <c>new X(...)</c>). Only bound registrations count:
/// an unbound name is never enough to report. Registrations are looked for in the files that spell the type's
/// name (<see cref="SyntaxTreeIndex"/>), a type parameter's constraint included (<c>where TNode : LavaNode</c> over
/// <c>AddSingleton&lt;TNode&gt;()</c>), and a type argument of a call to a generic helper of the compilation that registers
/// its type parameter so (<see cref="ThroughGenericHelper"/>); answers are cached per type; safe from concurrent callbacks.
/// </summary>
internal sealed class ContainerSingletons
{
    private readonly Compilation _compilation;
    private readonly WellKnownTypes _types;
    private readonly ConcurrentDictionary<INamedTypeSymbol, string> _registrations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, string> _builtOnce = new(SymbolEqualityComparer.Default);

    public ContainerSingletons(Compilation compilation, WellKnownTypes types)
    {
        _compilation = compilation;
        _types = types;
    }

    /// <summary>How <paramref name="type"/> is registered as a singleton, for the message (<c>AddSingleton&lt;...&gt;() in 'AddServices'</c>); null when it is not.</summary>
    public string? Registration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        Answer(_registrations, type, Find, cancellationToken);

    /// <summary>
    /// How <paramref name="type"/>, registered only per resolution, is still built once for the process, for the message
    /// (<c>AddTransient&lt;...&gt;() in 'Program.Main', asked for only by container singletons</c>, <c>..., resolved once at
    /// start-up</c>); null when it is not. Every
    /// registration of the compilation that names it must be a transient or scoped one of the container
    /// (<c>AddTransient&lt;IX, X&gt;()</c>, <c>AddScoped(typeof(X))</c>, a factory lambda making it) whose service only
    /// container singletons ask for, directly or through types built once in turn (<see cref="ServiceConsumers"/>), or that
    /// the entry point resolves once (<see cref="ServiceRegistrations.ResolvedOnlyAtStart"/>). A typed client
    /// (<c>AddHttpClient&lt;X&gt;()</c>) or another container's registration (Autofac, Ninject, MvvmCross) leaves it
    /// undecided: null.
    /// </summary>
    public string? BuiltOnceForSingletons(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        Answer(_builtOnce, type, FindBuiltOnce, cancellationToken);

    /// <summary>The answer of <paramref name="find"/> for a concrete class's definition, read once per type; null for any other type.</summary>
    private static string? Answer(ConcurrentDictionary<INamedTypeSymbol, string> answers, INamedTypeSymbol type, Func<INamedTypeSymbol, CancellationToken, string?> find, CancellationToken cancellationToken)
    {
        var definition = type.OriginalDefinition;
        if (definition.TypeKind != TypeKind.Class || definition.IsStatic || definition.IsAbstract)
        {
            return null;
        }

        if (!answers.TryGetValue(definition, out var found))
        {
            found = find(definition, cancellationToken) ?? string.Empty;
            answers.TryAdd(definition, found);
        }

        return found.Length == 0 ? null : found;
    }

    private string? FindBuiltOnce(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        string? first = null;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var token in SyntaxTreeIndex.For(tree, cancellationToken).Identifiers(type.Name, cancellationToken))
            {
                if (token.Parent is not SimpleNameSyntax name)
                {
                    continue;
                }

                foreach (var registration in ServiceRegistrations.RegistrationsNaming(name))
                {
                    model ??= _compilation.ModelFor(tree);
                    if (registration.InvokedName() is not { } invoked)
                    {
                        continue;
                    }

                    if (AutofacRegistrations.IsRegistrationName(invoked) || NinjectRegistrations.IsBinding(registration) ||
                        MvvmCrossRegistrations.Lifetime(registration, model, cancellationToken) != RegistrationKind.None)
                    {
                        // Another container's registration naming it: how that container resolves it is not read here.
                        return null;
                    }

                    if (ServiceRegistrations.BoundOrOnlyCandidate(registration, model, cancellationToken) is not IMethodSymbol method ||
                        !ServiceRegistrations.RegisteredTypes(registration, method, model, cancellationToken).Any(registered => SymbolEqualityComparer.Default.Equals(registered.OriginalDefinition, type)))
                    {
                        continue;
                    }

                    switch (ServiceRegistrations.Classify(invoked, method, _types))
                    {
                        case RegistrationKind.Singleton or RegistrationKind.Configuration:
                            // Registration's answer; options bound to it.
                            continue;
                        case RegistrationKind.TypedClient or RegistrationKind.None:
                            // A typed client: a new instance per resolution, whoever asks. A method of that name outside the container.
                            return null;
                    }

                    string how;
                    if (ServiceRegistrations.ResolvedOnlyAtStart(registration, model, cancellationToken))
                    {
                        how = "resolved once at start-up";
                    }
                    else if (ServiceRegistrations.ServiceType(registration, method, model, cancellationToken) is { } service &&
                             ServiceConsumers.OnlySingletonsConsume(service, _compilation, this, cancellationToken))
                    {
                        how = "asked for only by container singletons";
                    }
                    else
                    {
                        return null;
                    }

                    var written = WrittenCall(registration, invoked);
                    first ??= $"{written} in '{registration.EnclosingMemberName()}', {how}";
                }
            }
        }

        return first;
    }

    /// <summary>A registration as the message writes it: <c>AddSingleton&lt;...&gt;()</c>, <c>AddTransient(...)</c>.</summary>
    private static string WrittenCall(InvocationExpressionSyntax registration, string invoked) =>
        registration.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax } or GenericNameSyntax ? invoked + "<...>()" : invoked + "(...)";

    private string? Find(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var token in SyntaxTreeIndex.For(tree, cancellationToken).Identifiers(type.Name, cancellationToken))
            {
                if (token.Parent is not SimpleNameSyntax name)
                {
                    continue;
                }

                if (ThroughGenericHelper(name, type, tree, ref model, cancellationToken) is { } helped)
                {
                    return helped;
                }

                foreach (var registration in ServiceRegistrations.RegistrationsNaming(name))
                {
                    if (registration.InvokedName() is { } autofacName && AutofacRegistrations.IsRegistrationName(autofacName))
                    {
                        // builder.RegisterType<X>().AsSelf().SingleInstance(): Autofac builds one X for the container's life.
                        model ??= _compilation.ModelFor(tree);
                        if (AutofacRegistrations.IsSingleInstance(registration, model, cancellationToken) &&
                            AutofacRegistrations.RegisteredTypes(registration, model, cancellationToken).Any(registered => SymbolEqualityComparer.Default.Equals(registered.OriginalDefinition, type)))
                        {
                            return $"{autofacName}{(registration.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax } ? "<...>()" : "(...)")}.SingleInstance() with Autofac in '{registration.EnclosingMemberName()}'";
                        }

                        continue;
                    }

                    if (registration.InvokedName() is not { } invoked ||
                        ServiceRegistrations.KindFromName(invoked) != RegistrationKind.Singleton)
                    {
                        continue;
                    }

                    model ??= _compilation.ModelFor(tree);
                    if (ServiceRegistrations.BoundOrOnlyCandidate(registration, model, cancellationToken) is not IMethodSymbol method ||
                        ServiceRegistrations.Classify(invoked, method, _types) != RegistrationKind.Singleton ||
                        !Registers(registration, method, type, model, cancellationToken))
                    {
                        continue;
                    }

                    var written = WrittenCall(registration, invoked);
                    return $"{written} in '{registration.EnclosingMemberName()}'";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <c>services.AddRuntimeFeatureService&lt;IWeather, Weather&gt;(...)</c>: <paramref name="name"/> is a type argument of a call
    /// to a generic method of this compilation whose body registers that type parameter as a singleton the container builds
    /// (<c>services.AddSingleton&lt;TService&gt;();</c>, <c>AddHostedService&lt;TService&gt;()</c>, with no argument that hands it a
    /// factory or an instance). One helper deep; the message names both calls. Null otherwise.
    /// </summary>
    private string? ThroughGenericHelper(SimpleNameSyntax name, INamedTypeSymbol type, SyntaxTree tree, ref SemanticModel? model, CancellationToken cancellationToken)
    {
        TypeSyntax written = name;
        while (written.Parent is QualifiedNameSyntax qualified && qualified.Right == written)
        {
            // AddRuntimeFeatureService<Bot.Commands.Misc.Weather>(...)
            written = qualified;
        }

        if (written.Parent is not TypeArgumentListSyntax { Parent: GenericNameSyntax helperName } arguments ||
            helperName.InvocationNamedBy() is not { } call)
        {
            return null;
        }

        model ??= _compilation.ModelFor(tree);
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol bound ||
            (bound.ReducedFrom ?? bound.OriginalDefinition) is not { DeclaringSyntaxReferences: { Length: 1 } references } helper ||
            !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(written, cancellationToken).Type?.OriginalDefinition, type) ||
            references[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration ||
            !_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return null;
        }

        var parameter = helper.TypeParameters[arguments.Arguments.IndexOf(written)];
        var helperModel = _compilation.ModelFor(declaration.SyntaxTree);
        foreach (var registration in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (registration.InvokedName() is not { } invoked ||
                registration.ArgumentList.Arguments.Count != 0 ||
                ServiceRegistrations.BoundOrOnlyCandidate(registration, helperModel, cancellationToken) is not IMethodSymbol method ||
                ServiceRegistrations.Classify(invoked, method, _types) != RegistrationKind.Singleton ||
                method.TypeArguments.Length == 0 ||
                !SymbolEqualityComparer.Default.Equals(method.TypeArguments[method.TypeArguments.Length - 1], parameter))
            {
                continue;
            }

            return $"{invoked}<...>() in '{helper.ContainingType.Name}.{helper.Name}', called as {helper.Name}<...>() in '{call.EnclosingMemberName()}'";
        }

        return null;
    }

    /// <summary>The container's own construction of the type, or one instance handed to it (directly or as a factory's whole result).</summary>
    private static bool Registers(InvocationExpressionSyntax invocation, IMethodSymbol method, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var activated in ServiceRegistrations.ActivatedTypes(invocation, method, model, cancellationToken))
        {
            if (SymbolEqualityComparer.Default.Equals(activated.OriginalDefinition, type))
            {
                return true;
            }
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var instance = argument.Expression.Unwrap() switch
            {
                BaseObjectCreationExpressionSyntax creation => creation,
                AnonymousFunctionExpressionSyntax { ExpressionBody: { } body } => body.Unwrap() as BaseObjectCreationExpressionSyntax,
                AnonymousFunctionExpressionSyntax { Block: { } block } => OnlyCreationReturned(block),
                IdentifierNameSyntax local => OnlyValueOf(local, model, cancellationToken),
                _ => null,
            };
            if (instance is not null &&
                SymbolEqualityComparer.Default.Equals(SyntaxGates.CreatedType(instance, model, cancellationToken)?.OriginalDefinition, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>sp =&gt; { var options = sp.GetRequiredService&lt;...&gt;(); return new GithubGraphQLClient(options.ProductName, ...); }</c>:
    /// the creation the block's only <c>return</c> hands out (one in a nested function is that function's), or null.
    /// </summary>
    private static BaseObjectCreationExpressionSyntax? OnlyCreationReturned(BlockSyntax block)
    {
        BaseObjectCreationExpressionSyntax? found = null;
        foreach (var node in block.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax @return)
            {
                if (found is not null || @return.Expression?.Unwrap() is not BaseObjectCreationExpressionSyntax creation)
                {
                    return null;
                }

                found = creation;
            }
        }

        return found;
    }

    /// <summary>
    /// <c>var handler = new RecordingHandler(...); services.AddSingleton&lt;RecordingHandler&gt;(handler);</c>: the creation a
    /// local of the registering member is initialized with, when nothing assigns it again.
    /// </summary>
    private static BaseObjectCreationExpressionSyntax? OnlyValueOf(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
            ? LongLivedStorage.OnlyValueOf(local, model, cancellationToken)?.Unwrap() as BaseObjectCreationExpressionSyntax
            : null;
}
