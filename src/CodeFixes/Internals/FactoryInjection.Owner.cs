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
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace HttpClientGuard.CodeFixes.Internals;

internal sealed partial class FactoryInjection
{
    /// <summary>
    /// What the container hands the owner: <c>IHttpClientFactory</c> (HCG001), or an SDK client registered as a
    /// singleton (HCG008), its type, and the name its parameter takes.
    /// </summary>
    internal sealed class InjectedService
    {
        public InjectedService(ITypeSymbol type, string parameterName, bool reusesAnyMember, bool reusesParameters)
        {
            Type = type;
            ParameterName = parameterName;
            ReusesAnyMember = reusesAnyMember;
            ReusesParameters = reusesParameters;
        }

        public ITypeSymbol Type { get; }

        /// <summary><c>httpClientFactory</c>, <c>restClient</c>: the new parameter's name, and the stem of the new field's.</summary>
        public string ParameterName { get; }

        /// <summary>
        /// Any instance field or property of the type that the owner has or inherits holds the container's
        /// service (the factory: there is only one); otherwise only a readonly field filled from a constructor
        /// parameter is reused, and only where <see cref="ReusesParameters"/>.
        /// </summary>
        public bool ReusesAnyMember { get; }

        /// <summary>A parameter of the type that the container already fills receives this very service.</summary>
        public bool ReusesParameters { get; }

        public TypeSyntax TypeSyntax() => SyntaxGeneration.TypeName(Type);

        public static InjectedService HttpClientFactory(WellKnownTypes types) => new(types.HttpClientFactory!, FactoryParameterName, reusesAnyMember: true, reusesParameters: true);
    }

    /// <summary>
    /// Who receives the service, how the creation reaches it, and the edits that add it. The owner is the
    /// minimal API handler (lambda or local function) that encloses the creation, or else the class whose
    /// instance member it is in, when the container builds that class (<see cref="ContainerActivation"/>).
    /// </summary>
    internal sealed class OwnerInjection
    {
        private OwnerInjection(ExpressionSyntax factoryAccess, string clientNameBase, IReadOnlyList<NodeEdit> edits)
        {
            FactoryAccess = factoryAccess;
            ClientNameBase = clientNameBase;
            Edits = edits;
        }

        /// <summary>The expression that reaches the service at the creation: a field, property or parameter.</summary>
        public ExpressionSyntax FactoryAccess { get; }

        /// <summary>The owner's name, from which a named client's name is made.</summary>
        public string ClientNameBase { get; }

        public IReadOnlyList<NodeEdit> Edits { get; }

        public static async Task<OwnerInjection?> TryPlanAsync(
            Document document,
            ExpressionSyntax creation,
            SemanticModel model,
            WellKnownTypes types,
            ContainerActivation activation,
            InjectedService service,
            CancellationToken cancellationToken)
        {
            // A static lambda or local function between the creation and its owner cannot reach the factory.
            var crossedStatic = false;
            for (var node = creation.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        if (lambda.Parent is ArgumentSyntax argument && activation.IsEndpointHandlerArgument(argument, model, cancellationToken))
                        {
                            return crossedStatic || lambda is not ParenthesizedLambdaExpressionSyntax handler
                                ? null
                                : ForHandler(document, handler, handler.ParameterList, model, service, cancellationToken);
                        }

                        crossedStatic |= lambda.Modifiers.Any(SyntaxKind.StaticKeyword);
                        break;

                    case LocalFunctionStatementSyntax localFunction:
                        if (IsEndpointLocalFunction(localFunction, model, activation, cancellationToken))
                        {
                            return crossedStatic ? null : ForHandler(document, localFunction, localFunction.ParameterList, model, service, cancellationToken);
                        }

                        crossedStatic |= localFunction.Modifiers.Any(SyntaxKind.StaticKeyword);
                        break;

                    case MemberDeclarationSyntax member:
                        return crossedStatic ? null : await ForTypeAsync(document, creation, member, model, types, activation, service, cancellationToken).ConfigureAwait(false);
                }
            }

            return null;
        }

        /// <summary>
        /// A minimal API handler: a parameter of the service's type, which the endpoint fills from the
        /// container on every request (an existing one is reused where the service allows it). Handlers
        /// written without parameter types, or with parameters the new one cannot follow, are left alone.
        /// </summary>
        private static OwnerInjection? ForHandler(Document document, SyntaxNode function, ParameterListSyntax parameters, SemanticModel model, InjectedService service, CancellationToken cancellationToken)
        {
            if (parameters.Parameters.Any(p => p.Type is null))
            {
                return null;
            }

            var nameBase = model.GetEnclosingSymbol(function.SpanStart, cancellationToken)?.ContainingType?.Name ?? "Program";
            foreach (var parameter in parameters.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(parameter.Type!, cancellationToken).Type, service.Type))
                {
                    return service.ReusesParameters
                        ? new OwnerInjection(SyntaxFactory.IdentifierName(parameter.Identifier.ValueText), nameBase, Array.Empty<NodeEdit>())
                        : null;
                }
            }

            var name = UniqueName(service.ParameterName, candidate => model.LookupSymbols(function.SpanStart, name: candidate).Any() || DeclaresName(function, candidate));
            var edit = new NodeEdit(document.Id, parameters, (root, current) => root.ReplaceNode(current, WithServiceParameter((ParameterListSyntax)current, name, service)));
            return new OwnerInjection(SyntaxFactory.IdentifierName(name), nameBase, new[] { edit });
        }

        /// <summary>A local function passed to endpoint methods (<c>app.MapGet("/", Handle)</c>) and used nowhere else.</summary>
        private static bool IsEndpointLocalFunction(LocalFunctionStatementSyntax localFunction, SemanticModel model, ContainerActivation activation, CancellationToken cancellationToken)
        {
            if (localFunction.Parent is not { } scope || model.GetDeclaredSymbol(localFunction, cancellationToken) is not IMethodSymbol symbol)
            {
                return false;
            }

            // Top-level statements are siblings in the compilation unit; otherwise the enclosing block holds every use.
            var container = scope is GlobalStatementSyntax ? scope.Parent! : scope;
            var used = false;
            foreach (var identifier in container.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != symbol.Name ||
                    !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, symbol) &&
                    !model.GetMemberGroup(identifier, cancellationToken).Contains(symbol, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                if (identifier.Parent is not ArgumentSyntax argument || !activation.IsEndpointHandlerArgument(argument, model, cancellationToken))
                {
                    return false;
                }

                used = true;
            }

            return used;
        }

        /// <summary>
        /// A class the container builds: the service it already has; a parameter of its primary constructor;
        /// or a parameter of every constructor (all must be public and none may chain to another with
        /// <c>this(...)</c>, since the container may choose any of them), kept in a readonly field named in
        /// the type's style; a new public constructor when it has none. A creation inside a constructor uses
        /// that constructor's parameter and needs no field. Not offered when anything else builds or derives
        /// from the class: the new constructor parameter would break that code.
        /// </summary>
        private static async Task<OwnerInjection?> ForTypeAsync(
            Document document,
            ExpressionSyntax creation,
            MemberDeclarationSyntax member,
            SemanticModel model,
            WellKnownTypes types,
            ContainerActivation activation,
            InjectedService service,
            CancellationToken cancellationToken)
        {
            if (!IsInstanceCode(member, creation) ||
                member.Parent is not ClassDeclarationSyntax typeDeclaration ||
                model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not { } type ||
                activation.WhyConstructed(type, cancellationToken) is null ||
                type.InstanceConstructors.Any(c => c.Parameters.Any(p => types.IsHttpClient(p.Type))))
            {
                // A class that takes an HttpClient is a typed client: the container already hands it one.
                return null;
            }

            var solution = document.Project.Solution;
            if (await IsBuiltOrDerivedElsewhereAsync(type, solution, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var inConstructor = member is ConstructorDeclarationSyntax;
            var thisStyle = UsesThisQualification(type, cancellationToken);
            if (!inConstructor && ExistingMember(type, service, model.Compilation, cancellationToken) is { } existing)
            {
                return new OwnerInjection(MemberAccess(existing.Name, thisStyle || IsShadowed(existing.Name, creation, model)), type.Name, Array.Empty<NodeEdit>());
            }

            if (PrimaryConstructor(type, cancellationToken) is { } primary)
            {
                return ForPrimaryConstructor(solution, type, primary, service, model, cancellationToken);
            }

            var constructors = new List<ConstructorDeclarationSyntax>();
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared)
                {
                    continue;
                }

                if (constructor.DeclaredAccessibility != Accessibility.Public ||
                    constructor.DeclaringSyntaxReferences.Length != 1 ||
                    constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax syntax ||
                    syntax.Initializer is { RawKind: (int)SyntaxKind.ThisConstructorInitializer } ||
                    syntax.Body is null && syntax.ExpressionBody is null ||
                    solution.GetDocumentId(syntax.SyntaxTree) is null)
                {
                    return null;
                }

                constructors.Add(syntax);
            }

            var needsField = !inConstructor;
            var fieldName = needsField ? FieldName(type, service.ParameterName) : null;
            var edits = new List<NodeEdit>();
            ExpressionSyntax? access = null;
            foreach (var constructor in constructors)
            {
                if (inConstructor && constructor != member)
                {
                    // The creation uses its own constructor's parameter; the others need nothing until a field does.
                    continue;
                }

                var existingParameter = constructor.ParameterList.Parameters.FirstOrDefault(p =>
                    SymbolEqualityComparer.Default.Equals(model.Compilation.GetSemanticModel(p.SyntaxTree).GetDeclaredSymbol(p, cancellationToken)?.Type, service.Type));
                if (existingParameter is not null && !service.ReusesParameters)
                {
                    return null;
                }

                var parameterName = existingParameter?.Identifier.ValueText ??
                                    UniqueName(service.ParameterName, candidate => constructor.ParameterList.Parameters.Any(p => p.Identifier.ValueText == candidate));
                var assignment = fieldName is null ? null : Assignment(fieldName, parameterName, thisStyle);
                if (constructor == member)
                {
                    access = SyntaxFactory.IdentifierName(parameterName);
                }

                edits.Add(new NodeEdit(
                    solution.GetDocumentId(constructor.SyntaxTree)!,
                    constructor,
                    (root, current) => root.ReplaceNode(current, WithService((ConstructorDeclarationSyntax)current, existingParameter is null ? parameterName : null, service, assignment))));
            }

            if (fieldName is not null)
            {
                var part = constructors.Count > 0 ? (TypeDeclarationSyntax)constructors[0].Parent! : typeDeclaration;
                var newMembers = new List<MemberDeclarationSyntax> { Field(fieldName, service) };
                if (constructors.Count == 0)
                {
                    newMembers.Add(NewConstructor(typeDeclaration.Identifier.ValueText, Assignment(fieldName, service.ParameterName, thisStyle), service));
                }

                edits.Add(InsertMembers(solution.GetDocumentId(part.SyntaxTree)!, part, newMembers));
                access = MemberAccess(fieldName, thisStyle || IsShadowed(fieldName, creation, model));
            }

            return access is null ? null : new OwnerInjection(access, type.Name, edits);
        }

        /// <summary>A C# 12 primary constructor: its parameter is in scope in every instance member.</summary>
        private static OwnerInjection? ForPrimaryConstructor(Solution solution, INamedTypeSymbol type, TypeDeclarationSyntax primary, InjectedService service, SemanticModel model, CancellationToken cancellationToken)
        {
            // Every other constructor must chain to the primary one: they would all need the new argument.
            if (type.InstanceConstructors.Count(c => !c.IsImplicitlyDeclared) != 1 || primary.ParameterList is not { } parameters ||
                solution.GetDocumentId(primary.SyntaxTree) is not { } documentId)
            {
                return null;
            }

            var primaryModel = model.Compilation.GetSemanticModel(primary.SyntaxTree);
            foreach (var parameter in parameters.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(primaryModel.GetDeclaredSymbol(parameter, cancellationToken)?.Type, service.Type))
                {
                    return service.ReusesParameters
                        ? new OwnerInjection(SyntaxFactory.IdentifierName(parameter.Identifier.ValueText), type.Name, Array.Empty<NodeEdit>())
                        : null;
                }
            }

            var memberNames = new HashSet<string>(type.GetMembers().Select(m => m.Name), StringComparer.Ordinal);
            var name = UniqueName(service.ParameterName, candidate => memberNames.Contains(candidate) || parameters.Parameters.Any(p => p.Identifier.ValueText == candidate));
            var edit = new NodeEdit(documentId, parameters, (root, current) => root.ReplaceNode(current, WithServiceParameter((ParameterListSyntax)current, name, service)));
            return new OwnerInjection(SyntaxFactory.IdentifierName(name), type.Name, new[] { edit });
        }

        /// <summary>Instance members only: methods, accessors, constructors; not initializers (they run before any constructor body).</summary>
        private static bool IsInstanceCode(MemberDeclarationSyntax member, SyntaxNode creation)
        {
            if (member.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return false;
            }

            return member switch
            {
                MethodDeclarationSyntax or ConstructorDeclarationSyntax => true,
                PropertyDeclarationSyntax property => property.Initializer is null || !property.Initializer.Span.Contains(creation.Span),
                IndexerDeclarationSyntax or EventDeclarationSyntax => true,
                _ => false,
            };
        }

        /// <summary>Constructor calls (<c>new Owner(...)</c>, <c>: base(...)</c>, factory lambdas) or derived classes anywhere in the solution.</summary>
        private static async Task<bool> IsBuiltOrDerivedElsewhereAsync(INamedTypeSymbol type, Solution solution, CancellationToken cancellationToken)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var reference in await SymbolFinder.FindReferencesAsync(constructor, solution, cancellationToken).ConfigureAwait(false))
                {
                    if (reference.Locations.Any())
                    {
                        return true;
                    }
                }
            }

            var derived = await SymbolFinder.FindDerivedClassesAsync(type, solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return derived.Any();
        }

        /// <summary>
        /// An instance field or property of the service's type the type declares or can see in a base type
        /// (<see cref="InjectedService.ReusesAnyMember"/>); otherwise a readonly field of the type itself that its
        /// constructors fill from their parameters only.
        /// </summary>
        private static ISymbol? ExistingMember(INamedTypeSymbol type, InjectedService service, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!service.ReusesAnyMember)
            {
                return service.ReusesParameters ? FieldFilledFromParameters(type, service, compilation, cancellationToken) : null;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => field.Type,
                        IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property => property.Type,
                        _ => null,
                    };
                    if (SymbolEqualityComparer.Default.Equals(memberType, service.Type) &&
                        (SymbolEqualityComparer.Default.Equals(current, type) || compilation.IsSymbolAccessibleWithin(member, type)))
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        /// <summary>A readonly field without initializer whose every assignment is <c>_field = parameter;</c> in a constructor.</summary>
        private static IFieldSymbol? FieldFilledFromParameters(INamedTypeSymbol type, InjectedService service, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || !field.IsReadOnly || field.IsImplicitlyDeclared || !SymbolEqualityComparer.Default.Equals(field.Type, service.Type) ||
                    field.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: not null }))
                {
                    continue;
                }

                var assignments = 0;
                var fromParameters = true;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var model = compilation.GetSemanticModel(reference.SyntaxTree);
                    foreach (var assignment in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>())
                    {
                        if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, field))
                        {
                            continue;
                        }

                        assignments++;
                        fromParameters &= assignment.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not null &&
                                          model.GetSymbolInfo(assignment.Right, cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } };
                    }
                }

                if (assignments > 0 && fromParameters)
                {
                    return field;
                }
            }

            return null;
        }

        private static TypeDeclarationSyntax? PrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null } declaration)
                {
                    return declaration;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>_httpClientFactory</c>, <c>m_httpClientFactory</c> or <c>httpClientFactory</c> (for the parameter name
        /// <paramref name="stem"/>), after the prefix most of the type's instance fields use (<c>_</c> when it has
        /// none), unique among the members it can see.
        /// </summary>
        private static string FieldName(INamedTypeSymbol type, string stem)
        {
            int underscore = 0, hungarian = 0, plain = 0;
            foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst || field.IsImplicitlyDeclared || field.Name.Length == 0)
                {
                    continue;
                }

                if (field.Name.StartsWith("m_", StringComparison.Ordinal))
                {
                    hungarian++;
                }
                else if (field.Name[0] == '_')
                {
                    underscore++;
                }
                else if (char.IsLower(field.Name[0]))
                {
                    plain++;
                }
            }

            var prefix = hungarian > underscore && hungarian >= plain ? "m_" : plain > underscore && plain > hungarian ? string.Empty : "_";
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var current = type; current is not null; current = current.BaseType)
            {
                names.UnionWith(current.GetMembers().Select(m => m.Name));
            }

            return UniqueName(prefix + stem, names.Contains);
        }

        /// <summary>The type writes <c>this.</c> before its members (StyleCop SA1101 and similar).</summary>
        private static bool UsesThisQualification(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } memberAccess &&
                        memberAccess.Parent is not AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax { Parent.Parent: ConstructorDeclarationSyntax } })
                    {
                        // this.x = x in constructors is needed, not a style; this.x anywhere else is.
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsShadowed(string name, SyntaxNode position, SemanticModel model) =>
            model.LookupSymbols(position.SpanStart, name: name).Any(symbol => symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol);

        private static ExpressionSyntax MemberAccess(string name, bool qualify) => qualify
            ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ThisExpression(), SyntaxFactory.IdentifierName(name))
            : SyntaxFactory.IdentifierName(name);

        private static StatementSyntax Assignment(string fieldName, string parameterName, bool thisStyle) =>
            SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression,
                    MemberAccess(fieldName, thisStyle || fieldName == parameterName),
                    SyntaxFactory.IdentifierName(parameterName)))
                .WithAdditionalAnnotations(Formatter.Annotation);

        private static FieldDeclarationSyntax Field(string name, InjectedService service) =>
            SyntaxFactory.FieldDeclaration(
                    SyntaxFactory.VariableDeclaration(service.TypeSyntax())
                        .AddVariables(SyntaxFactory.VariableDeclarator(name)))
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
                .WithAdditionalAnnotations(Formatter.Annotation);

        private static ConstructorDeclarationSyntax NewConstructor(string typeName, StatementSyntax assignment, InjectedService service) =>
            SyntaxFactory.ConstructorDeclaration(typeName)
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
                .WithParameterList(WithServiceParameter(SyntaxFactory.ParameterList(), service.ParameterName, service))
                .WithBody(SyntaxFactory.Block(assignment))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>The new parameter goes last, before any optional or <c>params</c> parameter.</summary>
        private static ParameterListSyntax WithServiceParameter(ParameterListSyntax list, string name, InjectedService service)
        {
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
                .WithType(service.TypeSyntax());
            var index = 0;
            while (index < list.Parameters.Count && list.Parameters[index].Default is null && !list.Parameters[index].Modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                index++;
            }

            return list.WithParameters(list.Parameters.Insert(index, parameter)).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>
        /// A constructor with the service parameter (unless it has one) and the field assignment, placed after
        /// the assignments of parameters to fields it starts with.
        /// </summary>
        private static ConstructorDeclarationSyntax WithService(ConstructorDeclarationSyntax constructor, string? newParameter, InjectedService service, StatementSyntax? assignment)
        {
            if (newParameter is not null)
            {
                constructor = constructor.WithParameterList(WithServiceParameter(constructor.ParameterList, newParameter, service));
            }

            if (assignment is null)
            {
                return constructor;
            }

            if (constructor.Body is null && constructor.ExpressionBody is { } expressionBody)
            {
                constructor = constructor
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expressionBody.Expression.WithoutTrivia())))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            var body = constructor.Body!;
            var parameterNames = new HashSet<string>(constructor.ParameterList.Parameters.Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
            var index = 0;
            while (index < body.Statements.Count && AssignsParameter(body.Statements[index], parameterNames))
            {
                index++;
            }

            return constructor.WithBody(body.WithStatements(body.Statements.Insert(index, assignment)));
        }

        /// <summary><c>_x = x;</c>, <c>this.x = x ?? throw ...;</c></summary>
        private static bool AssignsParameter(StatementSyntax statement, HashSet<string> parameterNames) =>
            statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: var right } } &&
            (right is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce ? coalesce.Left : right) is IdentifierNameSyntax name &&
            parameterNames.Contains(name.Identifier.ValueText);

        /// <summary>Inserts members after the part's last field, or first when it has none.</summary>
        private static NodeEdit InsertMembers(DocumentId documentId, TypeDeclarationSyntax part, IReadOnlyList<MemberDeclarationSyntax> members) =>
            new(documentId, part, (root, current) =>
            {
                var type = (TypeDeclarationSyntax)current;
                var lastField = type.Members.LastOrDefault(m => m is FieldDeclarationSyntax);
                var index = lastField is null ? 0 : type.Members.IndexOf(lastField) + 1;
                return root.ReplaceNode(type, type.WithMembers(type.Members.InsertRange(index, members)));
            });

        private static string UniqueName(string baseName, Func<string, bool> taken)
        {
            var candidate = baseName;
            for (var i = 2; taken(candidate); i++)
            {
                candidate = baseName + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>A local, parameter, local function or range variable of that name inside <paramref name="function"/>.</summary>
        private static bool DeclaresName(SyntaxNode function, string name) =>
            function.DescendantNodes().Any(node => node switch
            {
                VariableDeclaratorSyntax v => v.Identifier.ValueText == name,
                SingleVariableDesignationSyntax d => d.Identifier.ValueText == name,
                ParameterSyntax p => p.Identifier.ValueText == name,
                LocalFunctionStatementSyntax f => f.Identifier.ValueText == name,
                ForEachStatementSyntax f => f.Identifier.ValueText == name,
                CatchDeclarationSyntax c => c.Identifier.ValueText == name,
                FromClauseSyntax f => f.Identifier.ValueText == name,
                LetClauseSyntax l => l.Identifier.ValueText == name,
                JoinClauseSyntax j => j.Identifier.ValueText == name,
                _ => false,
            });
    }
}
