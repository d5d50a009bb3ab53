using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

/// <summary>
/// The HCG008 fix for code the container builds: "Inject RestClient as a singleton". The owner of the
/// creation receives the client the way the HCG001 fix gives it the factory (<see cref="FactoryInjection.OwnerInjection"/>:
/// a constructor parameter kept in a readonly field, a primary-constructor parameter, a minimal API handler
/// parameter), the creation becomes that field or parameter, and the one composition root the HCG001 fix
/// finds (<see cref="FactoryInjection.CompositionRoot"/>) gains <c>services.AddSingleton(_ =&gt; new RestClient(...))</c>
/// with the creation's own arguments. <see cref="TryPlanAsync"/> returns null wherever that could change
/// behaviour or leave code that does not compile, and the fix is then not offered.
/// </summary>
internal sealed class SingletonInjection : IInjectionPlan
{
    private const string RegistrationMethod = "AddSingleton";

    private readonly DocumentId _documentId;
    private readonly ExpressionSyntax _creation;
    private readonly FactoryInjection.OwnerInjection _owner;
    private readonly ProjectId _projectId;
    private readonly ExpressionSyntax? _registration;

    private SingletonInjection(DocumentId documentId, ExpressionSyntax creation, FactoryInjection.OwnerInjection owner, ProjectId projectId, ExpressionSyntax? registration, string typeName)
    {
        _documentId = documentId;
        _creation = creation;
        _owner = owner;
        _projectId = projectId;
        _registration = registration;
        Title = "Inject " + typeName + " as a singleton";
    }

    /// <summary>The light bulb's title, naming the client's type.</summary>
    public string Title { get; }

    /// <summary>
    /// The plan for <paramref name="creation"/>, or null when the fix is not offered: the compilation has no
    /// service collection; the creation reads per-call values or its one instance could not be shared
    /// (<see cref="ConnectionOwnerSharing"/>); it cannot be written in the composition root (private members,
    /// extension methods, type parameters); the project has no single composition root; the container already
    /// has a different registration of the type, or code that asks it for one; or the owner is not built by
    /// the container (or is also built elsewhere).
    /// </summary>
    public static async Task<SingletonInjection?> TryPlanAsync(Document document, ExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null ||
            WellKnownTypes.TryCreate(model.Compilation) is not { ServiceCollection: not null } types ||
            model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol type ||
            type.TypeKind == TypeKind.Error || MentionsTypeParameter(type) ||
            creation.Parent is AwaitExpressionSyntax || type.Name is "Task" or "ValueTask" ||
            !ConnectionOwnerSharing.IsBuiltFromStatics(creation, model, static (_, _) => true, cancellationToken) ||
            !ConnectionOwnerSharing.MayShare(creation, model, cancellationToken) ||
            FactoryInjection.Relocate(creation, model, cancellationToken) is not { } relocated ||
            FactoryInjection.CompositionRoot.Find(model.Compilation, types, cancellationToken).Count != 1)
        {
            return null;
        }

        // One registration per service type: an equal one is the very instance this creation would get; any
        // other would be replaced or would replace this one, for every class that asks for the type.
        var existing = Registrations(model.Compilation, types, type, relocated, cancellationToken);
        if (existing == Existing.Different || existing == Existing.None && IsAskedFor(model.Compilation, type, cancellationToken))
        {
            return null;
        }

        var service = new FactoryInjection.InjectedService(type, ParameterName(type), reusesAnyMember: false, reusesParameters: existing == Existing.Equal);
        var activation = ContainerActivation.Create(model.Compilation, types);
        var owner = await FactoryInjection.OwnerInjection.TryPlanAsync(document, creation, model, types, activation, service, cancellationToken).ConfigureAwait(false);
        return owner is null
            ? null
            : new SingletonInjection(document.Id, creation, owner, document.Project.Id, existing == Existing.Equal ? null : relocated, type.Name);
    }

    /// <summary>The creation becomes the owner's field or parameter; the owner gains it; the composition root registers the singleton.</summary>
    public async Task<Solution> ApplyAsync(Solution solution, bool addImports, CancellationToken cancellationToken)
    {
        var access = _owner.FactoryAccess.WithTriviaFrom(_creation).WithAdditionalAnnotations(Formatter.Annotation);
        var edits = new List<FactoryInjection.NodeEdit>
        {
            new(_documentId, _creation, (root, creation) => root.ReplaceNode(creation, access)),
        };
        edits.AddRange(_owner.Edits);
        solution = await FactoryInjection.NodeEdit.ApplyAsync(solution, edits, cancellationToken).ConfigureAwait(false);
        var changed = new HashSet<DocumentId>(edits.Select(e => e.DocumentId));

        if (_registration is { } registration &&
            await FactoryInjection.CompositionRoot.WriteAsync(solution, _projectId, RegistrationMethod, (services, taken) => Register(services, registration, taken), cancellationToken).ConfigureAwait(false) is { } rootDocument)
        {
            solution = rootDocument.Project.Solution;
            changed.Add(rootDocument.Id);
        }

        return addImports ? await FactoryInjection.AddImportsAsync(solution, changed, cancellationToken).ConfigureAwait(false) : solution;
    }

    /// <summary>
    /// <c>services.AddSingleton(_ =&gt; creation)</c>: the service type is the creation's type, inferred. The
    /// lambda's parameter is <c>serviceProvider</c> where <c>_</c> is taken in the root (before C# 8 a lambda
    /// parameter may not hide an enclosing one).
    /// </summary>
    private static ExpressionSyntax Register(ExpressionSyntax services, ExpressionSyntax creation, Func<string, bool> taken)
    {
        var parameter = "_";
        for (var i = 1; taken(parameter); i++)
        {
            parameter = i == 1 ? "serviceProvider" : "serviceProvider" + i.ToString(CultureInfo.InvariantCulture);
        }

        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, services, SyntaxFactory.IdentifierName(RegistrationMethod)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)), creation)))));
    }

    private enum Existing
    {
        None,
        Equal,
        Different,
    }

    /// <summary>
    /// Whether the container already registers <paramref name="type"/> (as a type argument or <c>typeof</c>
    /// argument of any registration), and whether that is exactly <c>AddSingleton(_ =&gt; creation)</c> with
    /// this creation (compared as <see cref="FactoryInjection.Relocate"/> writes both), registered once.
    /// </summary>
    private static Existing Registrations(Compilation compilation, WellKnownTypes types, INamedTypeSymbol type, ExpressionSyntax relocated, CancellationToken cancellationToken)
    {
        // Every file: a registration through a helper's factory method need not spell the type's name. Only
        // calls named like registrations are bound.
        var found = Existing.None;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.InvokedName() is not { } name ||
                    ServiceRegistrations.KindFromName(name) is RegistrationKind.None or RegistrationKind.Configuration ||
                    model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
                    ServiceRegistrations.Classify(name, method, types) is RegistrationKind.None or RegistrationKind.Configuration ||
                    !Registers(invocation, method, type, model, cancellationToken))
                {
                    continue;
                }

                var equal = found == Existing.None &&
                            ServiceRegistrations.Classify(name, method, types) == RegistrationKind.Singleton &&
                            invocation.ArgumentList.Arguments.Count == 1 &&
                            invocation.ArgumentList.Arguments[0].Expression is SimpleLambdaExpressionSyntax { ExpressionBody: { } body } &&
                            FactoryInjection.Relocate(body, model, cancellationToken) is { } written &&
                            SyntaxFactory.AreEquivalent(written, relocated);
                if (!equal)
                {
                    return Existing.Different;
                }

                found = Existing.Equal;
            }
        }

        return found;
    }

    private static bool Registers(InvocationExpressionSyntax invocation, IMethodSymbol method, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken) =>
        method.TypeArguments.Any(argument => SymbolEqualityComparer.Default.Equals(argument, type)) ||
        invocation.ArgumentList.Arguments.Any(argument => argument.Expression is TypeOfExpressionSyntax typeOf &&
                                                          SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, type));

    /// <summary>
    /// Code that would receive the new registration: a parameter of a constructor, a lambda or a local
    /// function (the container and minimal API endpoints fill those), or an attributed method parameter
    /// (<c>[FromServices]</c>), of the type or a sequence of it; a <c>GetService</c>-like call for the type;
    /// <c>typeof</c> the type anywhere (a <c>ServiceDescriptor</c>, an activator). Today it gets nothing or
    /// something else.
    /// </summary>
    private static bool IsAskedFor(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.Mentions(type.Name, cancellationToken))
            {
                continue;
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case TypeOfExpressionSyntax typeOf when SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, type):
                        return true;
                    case ParameterSyntax parameter when parameter.Type is not null &&
                                                        (parameter.Parent?.Parent is ConstructorDeclarationSyntax or TypeDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax ||
                                                         parameter.AttributeLists.Count > 0) &&
                                                        IsTypeOrSequence(model.GetTypeInfo(parameter.Type, cancellationToken).Type, type):
                        return true;
                    case InvocationExpressionSyntax invocation when invocation.InvokedName() is { } name && name.Contains("Service") &&
                                                                     model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method &&
                                                                     (method.TypeArguments.Any(argument => IsTypeOrSequence(argument, type)) ||
                                                                      invocation.ArgumentList.Arguments.Any(argument => argument.Expression is TypeOfExpressionSyntax typeOf &&
                                                                          IsTypeOrSequence(model.GetTypeInfo(typeOf.Type, cancellationToken).Type, type))):
                        return true;
                }
            }
        }

        return false;
    }

    private static bool IsTypeOrSequence(ITypeSymbol? candidate, INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(candidate, type) ||
        candidate is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 &&
        SymbolEqualityComparer.Default.Equals(generic.TypeArguments[0], type) &&
        generic.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    private static bool MentionsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => named.TypeArguments.Any(MentionsTypeParameter) || named.ContainingType is { } containing && MentionsTypeParameter(containing),
        IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
        _ => false,
    };

    /// <summary><c>restClient</c> for <c>RestClient</c>; <c>items</c> for a Refit interface <c>IItems</c>.</summary>
    private static string ParameterName(INamedTypeSymbol type)
    {
        var name = type.Name;
        if (type.TypeKind == TypeKind.Interface && name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        name = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None ? name : name + "Client";
    }
}
