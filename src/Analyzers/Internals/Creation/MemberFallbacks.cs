using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A creation made only when a field or auto-property of this compilation is null (<c>Owner.HttpClient ?? new HttpClient()</c>,
/// <c>Handler != null ? new Throttled(Handler) : new Throttled()</c>, also through a local read from the member), where the
/// compilation never leaves that member null: the member is given a value when its object is made (its initializer, or a
/// top-level assignment in every constructor), and every value it is ever given, anywhere in the compilation, is a new
/// object or the result of a method of this compilation each of whose returns is one (a new object, a local given only
/// such values, a parameter tested not null on the way to the return). Such a fallback never runs, so it is no per-call
/// creation, whichever caller runs the member. A member also given <c>null</c>, a parameter, a value of another assembly or
/// anything unread, or not given a value by some constructor, may be null: the fallback then stands as written.
/// </summary>
internal static class MemberFallbacks
{
    private const int MaxWrites = 32;
    private const int MaxDepth = 2;

    // Keyed by the member's symbol, which lives as long as its compilation: each member's writes are read once.
    private static readonly ConditionalWeakTable<ISymbol, MemberFacts> s_facts = new();

    /// <summary>Whether <paramref name="creation"/> is the fallback of a member the compilation never leaves null.</summary>
    public static bool NeverRuns(SyntaxNode creation, SemanticModel model, CancellationToken cancellationToken)
    {
        // A constructor or an initializer runs while the members may still be null: its fallbacks may run. An expression-bodied
        // property's body runs when it is read, as an accessor's does.
        if (creation.EnclosingMember() is not { } member || member is ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax ||
            member is PropertyDeclarationSyntax { ExpressionBody: var arrow } && (arrow is null || !arrow.Span.Contains(creation.Span)))
        {
            return false;
        }

        foreach (var tested in ParameterFallbacks.NullTestsAbove(creation, member))
        {
            var symbol = model.GetSymbolInfo(FactoryTestedBy(tested, model, cancellationToken) ?? tested.Unwrap(), cancellationToken).Symbol;
            if (symbol is ILocalSymbol local)
            {
                // var custom = Owner.HttpClient; var client = custom ?? new HttpClient();
                symbol = OnlyReadFrom(local, model, cancellationToken);
            }

            // The methods that make the member's value run while it is still null: a fallback of their own may run.
            if (symbol is IFieldSymbol or IPropertySymbol && Facts(symbol, model.Compilation, cancellationToken) is { NeverNull: true } facts &&
                !facts.Producers.Contains(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="member"/>, a field or auto-property read at <paramref name="read"/>, holds a value there: the
    /// compilation never leaves it null (as for <see cref="NeverRuns"/>), and the read is in no constructor or initializer,
    /// which may run before the value is given, nor in a method that makes that value. <c>new Scanner(new Defs(_httpClient))</c>
    /// per refresh, with <c>_httpClient = new HttpClient()</c> in every constructor, never reaches <c>Defs</c>'s own fallback.
    /// </summary>
    public static bool HoldsAValueWhereRead(ISymbol member, SyntaxNode read, Compilation compilation, CancellationToken cancellationToken) =>
        member is IFieldSymbol or IPropertySymbol &&
        read.EnclosingMember() is { } enclosing && enclosing is not (ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax or PropertyDeclarationSyntax) &&
        Facts(member, compilation, cancellationToken) is { NeverNull: true } facts && !facts.Producers.Contains(enclosing);

    /// <summary>
    /// <c>_factory?.CreateClient(name) ?? new HttpClient()</c>: <c>IHttpClientFactory.CreateClient</c> never returns null, so
    /// the left is null only when the factory is; the factory is what is tested. Null for anything else.
    /// </summary>
    private static ExpressionSyntax? FactoryTestedBy(ExpressionSyntax tested, SemanticModel model, CancellationToken cancellationToken) =>
        tested.Unwrap() is ConditionalAccessExpressionSyntax
        {
            Expression: var factory,
            WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "CreateClient" } } call,
        } &&
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method &&
        (method.ReducedFrom ?? method).ContainingType is { } declaring &&
        (IsHttpClientFactory(declaring) || declaring.Name == "HttpClientFactoryExtensions" && IsHttpClientFactory((method.ReducedFrom ?? method).Parameters.FirstOrDefault()?.Type))
            ? factory.Unwrap()
            : null;

    private static bool IsHttpClientFactory(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "IHttpClientFactory", TypeKind: TypeKind.Interface } factory &&
        factory.ContainingNamespace?.ToDisplayString() == "System.Net.Http";

    /// <summary>The field or property a local is initialized from and never written again; null otherwise.</summary>
    private static ISymbol? OnlyReadFrom(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initial } declarator ||
            declarator.EnclosingFunction() is not { } scope ||
            model.ValuesWritten(local, scope, cancellationToken).Any)
        {
            return null;
        }

        return model.GetSymbolInfo(initial.Unwrap(), cancellationToken).Symbol is (IFieldSymbol or IPropertySymbol) and var member ? member : null;
    }

    private static MemberFacts? Facts(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        member = member.OriginalDefinition;
        if (member.DeclaringSyntaxReferences.Length != 1 ||
            !SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly) ||
            member.ContainingType is not { TypeKind: TypeKind.Class } ||
            member.IsAbstract || member.IsVirtual || member.IsOverride || member.IsExtern)
        {
            return null;
        }

        return s_facts.GetValue(member, _ =>
        {
            var producers = new List<SyntaxNode>();
            return new MemberFacts(ReadNeverNull(member, compilation, producers, cancellationToken), producers.ToImmutableArray());
        });
    }

    private static bool ReadNeverNull(ISymbol member, Compilation compilation, List<SyntaxNode> producers, CancellationToken cancellationToken)
    {
        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        ExpressionSyntax? initializer;
        switch (declaration)
        {
            case VariableDeclaratorSyntax field:
                initializer = field.Initializer?.Value;
                break;
            case PropertyDeclarationSyntax { AccessorList.Accessors: var accessors } property
                when accessors.All(static accessor => accessor.Body is null && accessor.ExpressionBody is null):
                initializer = property.Initializer?.Value;
                break;
            default:
                // A property with a body of its own computes or checks what it returns: not read here.
                return false;
        }

        // A field whose one writer is a property's setter ('set => this.httpClient = value;'): the property's writes are its values.
        var setter = member is IFieldSymbol backing ? SettingProperty(backing, cancellationToken) : null;
        if (initializer is null && !EveryConstructorAssigns(member, setter, cancellationToken))
        {
            return false;
        }

        // Every value the compilation gives the member: its initializer and each write, found by name and bound.
        var model = compilation.ModelFor(declaration.SyntaxTree);
        if (initializer is not null && !NeverNullValue(initializer, model, depth: 0, producers, cancellationToken))
        {
            return false;
        }

        var writes = 0;
        return WritesNeverNull(member) && (setter is null || WritesNeverNull(setter.Property));

        bool WritesNeverNull(ISymbol written)
        {
            var treeModel = model;
            foreach (var simpleName in SyntaxTreeIndex.SimpleNames(compilation, written.Name, cancellationToken))
            {
                if (simpleName is not IdentifierNameSyntax name)
                {
                    continue;
                }

                treeModel = treeModel.SyntaxTree == name.SyntaxTree ? treeModel : model.For(name.SyntaxTree);

                // X = ..., owner.X = ..., owner?.X = ... (the binding is the assignment's left).
                var target = name.Parent switch
                {
                    MemberAccessExpressionSyntax access when access.Name == name => access,
                    MemberBindingExpressionSyntax binding => binding,
                    _ => (ExpressionSyntax)name,
                };
                switch (target.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == target:
                        if (assignment == setter?.Store ||
                            !SymbolEqualityComparer.Default.Equals(treeModel.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, written))
                        {
                            continue;
                        }

                        if (++writes > MaxWrites ||
                            !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) ||
                            !NeverNullValue(assignment.Right, treeModel, depth: 0, producers, cancellationToken))
                        {
                            return false;
                        }

                        break;

                    case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword }:
                    case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                    case RefExpressionSyntax:
                        // Written through a reference or a deconstruction: not read here.
                        if (SymbolEqualityComparer.Default.Equals(treeModel.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, written))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Each constructor of the member's type gives it a value in a statement of its own body (not under a branch), or
    /// hands on to another constructor of the type with <c>this(...)</c> (which is itself one of those checked); a static
    /// member, in the static constructor. A type without a written constructor gives it nothing.
    /// </summary>
    private static bool EveryConstructorAssigns(ISymbol member, Setter? setter, CancellationToken cancellationToken)
    {
        var constructors = member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors;
        if (constructors.IsEmpty)
        {
            return false;
        }

        foreach (var constructor in constructors)
        {
            if (constructor.DeclaringSyntaxReferences.Length != 1 ||
                constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration)
            {
                return false;
            }

            if (declaration.Initializer is { RawKind: (int)SyntaxKind.ThisConstructorInitializer })
            {
                continue;
            }

            var statements = declaration.ExpressionBody is { } arrow
                ? new[] { arrow.Expression }
                : declaration.Body is { } body ? RunOnEveryNormalExit(body.Statements) : Enumerable.Empty<ExpressionSyntax>();
            if (!statements.Any(expression => expression is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment &&
                                              (Names(assignment.Left, member) || setter is not null && Names(assignment.Left, setter.Property))))
            {
                return false;
            }
        }

        return true;

        // The expression statements of the body, and of a 'try' in it every 'catch' of which ends by throwing: the constructor
        // only returns once they have all run ('try { ...; _client = new HttpClient(handler); } catch (Exception e) { Log(e); throw; }').
        static IEnumerable<ExpressionSyntax> RunOnEveryNormalExit(SyntaxList<StatementSyntax> statements)
        {
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case ExpressionStatementSyntax expression:
                        yield return expression.Expression;
                        break;
                    case TryStatementSyntax attempt when attempt.Catches.All(static handler => handler.Block.Statements.LastOrDefault() is ThrowStatementSyntax):
                        foreach (var inner in RunOnEveryNormalExit(attempt.Block.Statements))
                        {
                            yield return inner;
                        }

                        break;
                }
            }
        }

    }

    // Name only: every write, this one included, is bound and read in ReadNeverNull.
    private static bool Names(ExpressionSyntax left, ISymbol member) => left.Unwrap() switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == member.Name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText == member.Name,
        _ => false,
    };

    /// <summary>
    /// A value that is never null: a new object, <c>this</c>, both branches of a conditional, the right of <c>??</c>, a
    /// local given only such values, or a call to a method of this compilation each of whose returns is one (or is a
    /// parameter the method tested not null on the way there).
    /// </summary>
    private static bool NeverNullValue(ExpressionSyntax value, SemanticModel model, int depth, List<SyntaxNode> producers, CancellationToken cancellationToken)
    {
        switch (value.Unwrap())
        {
            case BaseObjectCreationExpressionSyntax or ThisExpressionSyntax:
                return true;
            case ConditionalExpressionSyntax conditional:
                return NeverNullValue(conditional.WhenTrue, model, depth, producers, cancellationToken) && NeverNullValue(conditional.WhenFalse, model, depth, producers, cancellationToken);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce:
                return NeverNullValue(coalesce.Right, model, depth, producers, cancellationToken);
            case IdentifierNameSyntax name when depth < MaxDepth:
                return model.GetSymbolInfo(name, cancellationToken).Symbol switch
                {
                    ILocalSymbol local => LocalNeverNull(local, model, depth, producers, cancellationToken),
                    IParameterSymbol parameter => TestedNotNull(name, parameter, model, cancellationToken) ||
                                                  ContainerSuppliesFactory(parameter, model.Compilation, depth: 0, cancellationToken),
                    _ => false,
                };
            case InvocationExpressionSyntax call when depth < MaxDepth:
                return model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && ReturnsNeverNull(method, model.Compilation, depth + 1, producers, cancellationToken);
            default:
                return false;
        }
    }

    private static bool LocalNeverNull(ILocalSymbol local, SemanticModel model, int depth, List<SyntaxNode> producers, CancellationToken cancellationToken)
    {
        if (local.IsRef ||
            local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var initial } declarator ||
            declarator.EnclosingFunction() is not { } scope ||
            !NeverNullValue(initial, model, depth + 1, producers, cancellationToken))
        {
            return false;
        }

        var written = model.ValuesWritten(local, scope, cancellationToken);
        return !written.AlsoWrittenUnread && written.Values.All(value => NeverNullValue(value, model, depth + 1, producers, cancellationToken));
    }

    /// <summary>
    /// <paramref name="reference"/> is reached only when <paramref name="parameter"/> is not null: inside the branch of an
    /// <c>if</c> or a conditional that tests it is not null, or after an earlier <c>if (p == null) return ...;</c>.
    /// </summary>
    private static bool TestedNotNull(SyntaxNode reference, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        if (parameter.RefKind != RefKind.None || reference.EnclosingFunction() is not { } function || model.ValuesWritten(parameter, function, cancellationToken).Any)
        {
            return false;
        }

        return ParameterFallbacks.TestedNotNullAbove(reference, parameter, function, model, cancellationToken);
    }

    /// <summary>
    /// A required <c>IHttpClientFactory</c> parameter of a constructor (not declared nullable, no default value), read where
    /// the constructor assigns it: a container builds the type only with a factory (one it cannot resolve makes the
    /// resolution fail, no instance); an optional or nullable one only when the type is never named to a container (as a
    /// generic method's type argument or in <c>typeof</c>); and no <c>new Owner(...)</c> in the compilation may pass null for it
    /// (<see cref="ParameterFallbacks.MayReach"/>, through <c>this(...)</c> chains). A type some class of the compilation
    /// derives from is not read: its derived constructors pass what they like. A creation that passes on such a parameter of
    /// its own constructor (<c>new ModelService(factory)</c> in a host the container builds) passes a factory too.
    /// </summary>
    private static bool ContainerSuppliesFactory(IParameterSymbol parameter, Compilation compilation, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth || parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } owner } ||
            !IsHttpClientFactory(parameter.Type))
        {
            return false;
        }

        // A container may build the type without a factory when the parameter is optional or nullable: only a type the code
        // builds itself, no other assembly can build (a program's, or one hidden from other assemblies) and never named to a
        // container, is read then.
        var optional = parameter.HasExplicitDefaultValue || parameter.IsOptional || parameter.NullableAnnotation == NullableAnnotation.Annotated;
        if (optional && !compilation.IsProgram() && !owner.IsHiddenFromOtherAssemblies())
        {
            return false;
        }

        var built = false;
        var model = (SemanticModel?)null;
        foreach (var mention in SyntaxTreeIndex.SimpleNames(compilation, owner.Name, cancellationToken))
        {
            model = model?.SyntaxTree == mention.SyntaxTree ? model : compilation.ModelFor(mention.SyntaxTree);
            var written = mention.Parent is QualifiedNameSyntax qualified && qualified.Right == mention ? qualified : (TypeSyntax)mention;
            switch (written.Parent)
            {
                case ObjectCreationExpressionSyntax creation when creation.Type == written:
                    if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition, owner.OriginalDefinition) &&
                        ParameterFallbacks.MayReach(creation, parameter, model, cancellationToken, Supplied))
                    {
                        return false;
                    }

                    built = true;
                    break;
                case BaseTypeSyntax when model.GetSymbolInfo(written, cancellationToken).Symbol is INamedTypeSymbol type &&
                                         SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner.OriginalDefinition):
                    return false;
                case TypeArgumentListSyntax { Parent: GenericNameSyntax } or TypeOfExpressionSyntax when optional &&
                                         (written.Parent is TypeArgumentListSyntax { Parent: GenericNameSyntax generic } ? generic.InvocationNamedBy() is not null : true) &&
                                         SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(written, cancellationToken).Symbol?.OriginalDefinition, owner.OriginalDefinition):
                    // AddSingleton<IEmail, EmailService>(), typeof(EmailService), ActivatorUtilities.CreateInstance<EmailService>(sp).
                    return false;
            }
        }

        // 'new(...)' target-typed into an owner-typed variable names no type: look for those too. An optional parameter of a
        // type nothing here builds by name is left as written.
        return (built || !optional) && !compilation.SyntaxTrees.Any(tree => TargetTypedCreations(tree, owner, compilation, parameter, Supplied, cancellationToken));

        bool Supplied(IParameterSymbol passed) =>
            !SymbolEqualityComparer.Default.Equals(passed.ContainingType, owner) && ContainerSuppliesFactory(passed, compilation, depth + 1, cancellationToken);
    }

    private static bool TargetTypedCreations(SyntaxTree tree, INamedTypeSymbol owner, Compilation compilation, IParameterSymbol parameter, System.Func<IParameterSymbol, bool> supplied, CancellationToken cancellationToken)
    {
        if (!SyntaxTreeIndex.For(tree, cancellationToken).MayMention(owner.Name))
        {
            return false;
        }

        SemanticModel? model = null;
        foreach (var creation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<ImplicitObjectCreationExpressionSyntax>())
        {
            model ??= compilation.ModelFor(tree);
            if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition, owner.OriginalDefinition) &&
                ParameterFallbacks.MayReach(creation, parameter, model, cancellationToken, supplied))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A method of this compilation, not overridable, whose every <c>return</c> (or expression body) is never null.</summary>
    private static bool ReturnsNeverNull(IMethodSymbol method, Compilation compilation, int depth, List<SyntaxNode> producers, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) ||
            method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsAsync ||
            method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        producers.Add(declaration);
        var model = compilation.ModelFor(declaration.SyntaxTree);
        if (declaration.ExpressionBody is { } arrow)
        {
            return NeverNullValue(arrow.Expression, model, depth, producers, cancellationToken);
        }

        var any = false;
        foreach (var node in declaration.Body?.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)) ?? Enumerable.Empty<SyntaxNode>())
        {
            if (node is ReturnStatementSyntax @return)
            {
                if (@return.Expression is not { } returned || !NeverNullValue(returned, model, depth, producers, cancellationToken))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>
    /// The property of the field's type whose setter stores what it is given into the field, <c>set => this.httpClient = value;</c>
    /// (or a block with that statement at its top level): a property of this type only, neither virtual nor abstract. The
    /// field's values are then the property's, and the property's writes are read as the field's; the setter's other
    /// statements, and any other store into the field, are read as any write. Its getter may do what it likes
    /// (<c>get => this.httpClient ?? new HttpClient();</c> is the fallback read). Null when there is none.
    /// </summary>
    private static Setter? SettingProperty(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (var candidate in field.ContainingType.GetMembers())
        {
            if (candidate is not IPropertySymbol { IsStatic: var isStatic, IsVirtual: false, IsAbstract: false, IsOverride: false, ReturnsByRef: false, ReturnsByRefReadonly: false, SetMethod: { } set } property ||
                isStatic != field.IsStatic ||
                set.DeclaringSyntaxReferences.Length != 1 ||
                set.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not AccessorDeclarationSyntax accessor)
            {
                continue;
            }

            var statements = accessor.ExpressionBody is { } arrow
                ? new[] { arrow.Expression }
                : accessor.Body?.Statements.OfType<ExpressionStatementSyntax>().Select(static statement => statement.Expression) ?? Enumerable.Empty<ExpressionSyntax>();
            foreach (var statement in statements)
            {
                if (statement is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: IdentifierNameSyntax { Identifier.ValueText: "value" } } store &&
                    Names(store.Left, field))
                {
                    return new Setter(property, store);
                }
            }
        }

        return null;
    }

    /// <summary>A property whose setter stores <c>value</c> into a field, and that store.</summary>
    private sealed class Setter
    {
        public Setter(IPropertySymbol property, AssignmentExpressionSyntax store)
        {
            Property = property;
            Store = store;
        }

        public IPropertySymbol Property { get; }

        public AssignmentExpressionSyntax Store { get; }
    }

    /// <summary>Whether the member is never null, and the methods whose results it is given (they run while it is still null).</summary>
    private sealed class MemberFacts
    {
        public MemberFacts(bool neverNull, ImmutableArray<SyntaxNode> producers)
        {
            NeverNull = neverNull;
            Producers = producers;
        }

        public bool NeverNull { get; }

        public ImmutableArray<SyntaxNode> Producers { get; }
    }
}
