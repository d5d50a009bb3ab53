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

internal sealed partial class FactoryInjection
{
    private const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    /// <summary>
    /// What the composition root gains: <c>services.AddHttpClient("Name").ConfigurePrimaryHttpMessageHandler(() =&gt; handler);</c>,
    /// written once per name: an equal registration already there is reused, a different one gets the next
    /// name. The handler never shares cookies (FactoryInjection.Cookies.cs), which is why even a client
    /// without settings of its own gets a named registration instead of the factory's default client: one
    /// for the whole project, "NoCookies" (the name says why it exists).
    /// </summary>
    internal sealed class Registration
    {
        /// <summary>The name of the client every creation without handler settings gets.</summary>
        public const string SharedClientName = "NoCookies";

        private readonly ProjectId _projectId;
        private readonly ExpressionSyntax? _handler;

        private Registration(ProjectId projectId, string clientName, ExpressionSyntax? handler)
        {
            _projectId = projectId;
            ClientName = clientName;
            _handler = handler;
        }

        /// <summary>The named client the creation asks for.</summary>
        public string ClientName { get; }

        /// <summary>
        /// Null when the project has no single composition root, or when the handler cannot be written there
        /// (it names something the root cannot see).
        /// </summary>
        public static Registration? TryPlan(
            Project project,
            Compilation compilation,
            WellKnownTypes types,
            BaseObjectCreationExpressionSyntax? handler,
            SemanticModel model,
            string nameBase,
            CancellationToken cancellationToken)
        {
            if (types.HttpClientHandler is null ||
                CompositionRoot.Find(compilation, types, cancellationToken).Count != 1)
            {
                return null;
            }

            var relocated = handler is null ? null : Relocate(handler, model, cancellationToken);
            if (handler is not null && relocated is null)
            {
                return null;
            }

            // Clients with no handler of their own share one name, and so one pool, across the project;
            // a handler of its own is the owner's, named after it.
            var primary = WithCookiesOff(relocated, types);
            nameBase = handler is null ? SharedClientName : nameBase;
            var named = NamedRegistrations(compilation, types, cancellationToken);
            for (var i = 1; ; i++)
            {
                var name = i == 1 ? nameBase : nameBase + i.ToString(CultureInfo.InvariantCulture);
                if (!named.TryGetValue(name, out var existing))
                {
                    return new Registration(project.Id, name, primary);
                }

                if (existing is not null && SyntaxFactory.AreEquivalent(existing, primary))
                {
                    return new Registration(project.Id, name, null);
                }
            }
        }

        /// <summary>Writes the registration into the composition root of <paramref name="solution"/>; null when there is nothing to write.</summary>
        public Task<Document?> ApplyAsync(Solution solution, CancellationToken cancellationToken) =>
            _handler is null
                ? Task.FromResult<Document?>(null)
                : CompositionRoot.WriteAsync(solution, _projectId, "AddHttpClient", (services, _) => Write(services), cancellationToken);

        private ExpressionSyntax Write(ExpressionSyntax services)
        {
            ExpressionSyntax registration = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, services, SyntaxFactory.IdentifierName("AddHttpClient")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ClientName))))));
            registration = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, registration, SyntaxFactory.IdentifierName("ConfigurePrimaryHttpMessageHandler")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.ParenthesizedLambdaExpression(_handler!)))));
            return registration;
        }

        /// <summary>
        /// Every <c>AddHttpClient</c> name in the compilation, with its handler (written as <see cref="Relocate"/>
        /// writes it) when the name's only registration is exactly
        /// <c>AddHttpClient("Name").ConfigurePrimaryHttpMessageHandler(() =&gt; new Handler { ... });</c>, else null.
        /// Typed clients take their type's name.
        /// </summary>
        private static Dictionary<string, ExpressionSyntax?> NamedRegistrations(Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, ExpressionSyntax?>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!tree.Mentions("AddHttpClient", cancellationToken))
                {
                    continue;
                }

                var model = compilation.GetSemanticModel(tree);
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.InvokedName() != "AddHttpClient" ||
                        model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method ||
                        ServiceRegistrations.Classify("AddHttpClient", method, types) != RegistrationKind.TypedClient)
                    {
                        continue;
                    }

                    var name = method.TypeArguments.Length > 0
                        ? method.TypeArguments[method.TypeArguments.Length - 1].Name
                        : invocation.ArgumentList.Arguments.Count > 0 ? model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, cancellationToken).Value as string : null;
                    if (name is null)
                    {
                        continue;
                    }

                    var handler = method.TypeArguments.Length == 0 && invocation.ArgumentList.Arguments.Count == 1 &&
                                  invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigurePrimaryHttpMessageHandler", Parent: InvocationExpressionSyntax { Parent: ExpressionStatementSyntax } configure } &&
                                  configure.ArgumentList.Arguments.Count == 1 &&
                                  configure.ArgumentList.Arguments[0].Expression is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, ExpressionBody: BaseObjectCreationExpressionSyntax created }
                        ? Relocate(created, model, cancellationToken)
                        : null;

                    // A name registered twice is configured twice: no new client equals it.
                    names[name] = names.ContainsKey(name) ? null : handler;
                }
            }

            return names;
        }

        internal static CompilationUnitSyntax WithUsing(CompilationUnitSyntax unit, string namespaceName)
        {
            if (unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName))
            {
                return unit;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithAdditionalAnnotations(Formatter.Annotation);
            var index = 0;
            while (index < unit.Usings.Count && !SortsAfter(unit.Usings[index], namespaceName))
            {
                index++;
            }

            return unit.WithUsings(unit.Usings.Insert(index, directive));

            // System first, then ordinal: the order dotnet_sort_system_directives_first gives.
            static bool SortsAfter(UsingDirectiveSyntax existing, string name)
            {
                if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
                {
                    return true;
                }

                var text = existing.Name.ToString();
                var existingIsSystem = text == "System" || text.StartsWith("System.", StringComparison.Ordinal);
                return !existingIsSystem && string.CompareOrdinal(text, name) > 0;
            }
        }
    }

    /// <summary>
    /// The handler creation written so that it compiles in another file: every type and every static member
    /// named without its type is written fully qualified (the simplifier and import adder shorten them again).
    /// Null when it names something that file could not reach (private members, protected or nested private
    /// types) or calls extension methods (their namespace may not be imported there).
    /// </summary>
    internal static ExpressionSyntax? Relocate(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var compilation = model.Compilation;
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: not null }:
                    return null;
                case SimpleNameSyntax name when model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol &&
                                                symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or INamespaceSymbol) &&
                                                !compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly):
                    return null;
            }
        }

        var rewriter = new QualifyingRewriter(model, cancellationToken);
        return (ExpressionSyntax)rewriter.Visit(expression)!.WithoutTrivia();
    }

    private sealed class QualifyingRewriter : CSharpSyntaxRewriter
    {
        private readonly SemanticModel _model;
        private readonly CancellationToken _cancellationToken;

        public QualifyingRewriter(SemanticModel model, CancellationToken cancellationToken)
            : base(visitIntoStructuredTrivia: false)
        {
            _model = model;
            _cancellationToken = cancellationToken;
        }

        public override SyntaxNode? Visit(SyntaxNode? node)
        {
            if (node is ExpressionSyntax expression && IsName(expression) && !IsMemberName(expression))
            {
                switch (_model.GetSymbolInfo(expression, _cancellationToken).Symbol)
                {
                    case INamedTypeSymbol type:
                        return SyntaxGeneration.TypeName(type).WithTriviaFrom(expression);
                    case IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } or IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } when expression is SimpleNameSyntax simple:
                        // A static member of an enclosing type, named alone: Type.Member.
                        var member = _model.GetSymbolInfo(expression, _cancellationToken).Symbol!;
                        return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxGeneration.TypeName(member.ContainingType), simple.WithoutTrivia())
                            .WithTriviaFrom(expression);
                }
            }

            return base.Visit(node);
        }

        private static bool IsName(ExpressionSyntax expression) => expression switch
        {
            SimpleNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => true,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } memberAccess => IsName(memberAccess.Expression),
            _ => false,
        };

        /// <summary>The right side of <c>x.Name</c>, a named argument, or a property set in an object initializer.</summary>
        private static bool IsMemberName(ExpressionSyntax expression) =>
            expression.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == expression ||
            expression.Parent is QualifiedNameSyntax qualified && qualified.Right == expression ||
            expression.Parent is MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax ||
            expression.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment && assignment.Left == expression;
    }

    /// <summary>
    /// Where services are registered: top-level statements or <c>Main</c> using <c>builder.Services</c>,
    /// a <c>ConfigureServices(IServiceCollection services)</c> method (the Startup class), or a lambda
    /// handed to a host builder's <c>ConfigureServices</c>. The fixes write registrations only where the
    /// project has exactly one.
    /// </summary>
    internal sealed class CompositionRoot
    {
        private readonly SyntaxNode _anchor;
        private readonly bool _insertBefore;

        private CompositionRoot(SyntaxTree tree, ExpressionSyntax services, SyntaxNode anchor, bool insertBefore = false)
        {
            Tree = tree;
            Services = services;
            _anchor = anchor;
            _insertBefore = insertBefore;
        }

        public SyntaxTree Tree { get; }

        /// <summary>
        /// Writes the statement <paramref name="write"/> builds on the services expression as the last
        /// registration of the project's one composition root, importing the container's namespace when
        /// <paramref name="extensionMethod"/> is not in scope there. <paramref name="write"/> is also told which
        /// names are taken there (for the parameters of the lambdas it writes). Null when the project has no single root.
        /// </summary>
        public static async Task<Document?> WriteAsync(
            Solution solution,
            ProjectId projectId,
            string extensionMethod,
            Func<ExpressionSyntax, Func<string, bool>, ExpressionSyntax> write,
            CancellationToken cancellationToken)
        {
            if (solution.GetProject(projectId) is not { } project ||
                await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is not { } compilation ||
                WellKnownTypes.TryCreate(compilation) is not { ServiceCollection: { } serviceCollection } types ||
                Find(compilation, types, cancellationToken) is not { Count: 1 } roots ||
                solution.GetDocument(roots[0].Tree) is not { } document)
            {
                return null;
            }

            var root = roots[0];
            var model = compilation.GetSemanticModel(root.Tree);
            // Inside a lambda root its own parameters are in scope only in its body.
            var inside = root._anchor is AnonymousFunctionExpressionSyntax lambda ? lambda.Body.SpanStart : root.Position;
            var statement = SyntaxFactory.ExpressionStatement(write(root.Services.WithoutTrivia(), name => model.LookupSymbols(inside, name: name).Any()))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var syntaxRoot = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var needsImport = !model.LookupSymbols(root.Position, container: serviceCollection, name: extensionMethod, includeReducedExtensionMethods: true).Any();
            var newRoot = root.Insert(syntaxRoot!, statement);
            if (needsImport && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = Registration.WithUsing(unit, DependencyInjectionNamespace);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>The expression registrations are written on: <c>builder.Services</c>, <c>services</c>.</summary>
        public ExpressionSyntax Services { get; }

        /// <summary>A position inside the root, for looking up what is in scope there.</summary>
        public int Position => _anchor.SpanStart;

        public static List<CompositionRoot> Find(Compilation compilation, WellKnownTypes types, CancellationToken cancellationToken)
        {
            var roots = new List<CompositionRoot>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                // A builder's registrations spell "Services"; a builder used for nothing else yet is still built.
                if (!tree.Mentions("Services", cancellationToken) && !tree.Mentions("Build", cancellationToken))
                {
                    continue;
                }

                var syntaxRoot = tree.GetRoot(cancellationToken);
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in syntaxRoot.DescendantNodes())
                {
                    switch (node)
                    {
                        case MethodDeclarationSyntax { Identifier.ValueText: "ConfigureServices", Body: { } body } method:
                            foreach (var parameter in method.ParameterList.Parameters)
                            {
                                if (IsServiceCollection(model.GetDeclaredSymbol(parameter, cancellationToken)?.Type, types) && parameter.Identifier.ValueText != "_")
                                {
                                    roots.Add(new CompositionRoot(tree, SyntaxFactory.IdentifierName(parameter.Identifier.ValueText), body));
                                    break;
                                }
                            }

                            break;

                        case MethodDeclarationSyntax { Identifier.ValueText: "Main", Body: { } main } entryPoint when entryPoint.Modifiers.Any(SyntaxKind.StaticKeyword):
                            AddEntryPoint(roots, tree, main.Statements, model, types, cancellationToken);
                            break;

                        case InvocationExpressionSyntax invocation when invocation.InvokedName() == "ConfigureServices":
                            foreach (var argument in invocation.ArgumentList.Arguments)
                            {
                                if (argument.Expression is AnonymousFunctionExpressionSyntax lambda &&
                                    model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true } function &&
                                    function.Parameters.FirstOrDefault(p => IsServiceCollection(p.Type, types)) is { Name: not "_" } services &&
                                    (lambda.Block is not null || lambda.ExpressionBody is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax))
                                {
                                    roots.Add(new CompositionRoot(tree, SyntaxFactory.IdentifierName(services.Name), lambda));
                                }
                            }

                            break;
                    }
                }

                if (syntaxRoot is CompilationUnitSyntax unit && unit.Members.OfType<GlobalStatementSyntax>().Any())
                {
                    AddEntryPoint(roots, tree, unit.Members.OfType<GlobalStatementSyntax>(), model, types, cancellationToken);
                }
            }

            return roots;
        }

        /// <summary>
        /// Inserts <paramref name="statement"/> as the root's last registration. <paramref name="root"/> is the
        /// root of <see cref="Tree"/>, the tree this composition root was found in.
        /// </summary>
        public SyntaxNode Insert(SyntaxNode root, StatementSyntax statement)
        {
            switch (_anchor)
            {
                case GlobalStatementSyntax global:
                    // Top-level statements are members to the formatter, which would separate elastic ones by a blank line.
                    var endOfLine = global.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    var globalStatement = new[]
                    {
                        SyntaxFactory.GlobalStatement(statement)
                            .WithLeadingTrivia(SyntaxFactory.TriviaList())
                            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.CarriageReturnLineFeed),
                    };
                    return _insertBefore ? root.InsertNodesBefore(global, globalStatement) : root.InsertNodesAfter(global, globalStatement);
                case BlockSyntax block:
                    return AppendTo(root, block, statement);
                case AnonymousFunctionExpressionSyntax { Block: { } lambdaBlock }:
                    return AppendTo(root, lambdaBlock, statement);
                case AnonymousFunctionExpressionSyntax { ExpressionBody: { } expressionBody } lambda:
                    // Line breaks stated: the formatter keeps a block it is given on one line as it is.
                    var newBody = SyntaxFactory.Block(
                            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                            SyntaxFactory.List(new[]
                            {
                                SyntaxFactory.ExpressionStatement(expressionBody.WithoutTrivia()).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                                statement.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                            }),
                            SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(newBody).WithAdditionalAnnotations(Formatter.Annotation));
                case StatementSyntax anchorStatement:
                    return _insertBefore ? root.InsertNodesBefore(anchorStatement, new[] { statement }) : root.InsertNodesAfter(anchorStatement, new[] { statement });
                default:
                    return root;
            }
        }

        /// <summary>Last in the block, before a final <c>return</c> (old <c>ConfigureServices</c> methods return a provider).</summary>
        private static SyntaxNode AppendTo(SyntaxNode root, BlockSyntax block, StatementSyntax statement)
        {
            if (block.Statements.Count == 0)
            {
                return root.ReplaceNode(block, block.AddStatements(statement));
            }

            var last = block.Statements[block.Statements.Count - 1];
            return last is ReturnStatementSyntax ? root.InsertNodesBefore(last, new[] { statement }) : root.InsertNodesAfter(last, new[] { statement });
        }

        /// <summary>
        /// The entry point's host builders: locals whose <c>Services</c> is a service collection
        /// (<c>WebApplication.CreateBuilder</c>, <c>Host.CreateApplicationBuilder</c>). One root per builder,
        /// anchored after the last statement that uses <c>builder.Services</c>, or else before the one that
        /// calls <c>builder.Build()</c>.
        /// </summary>
        private static void AddEntryPoint<TStatement>(List<CompositionRoot> roots, SyntaxTree tree, IEnumerable<TStatement> statements, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
            where TStatement : SyntaxNode
        {
            var list = statements.ToList();
            foreach (var statement in list)
            {
                var declaration = (statement as GlobalStatementSyntax)?.Statement as LocalDeclarationStatementSyntax ?? statement as LocalDeclarationStatementSyntax;
                foreach (var declarator in declaration?.Declaration.Variables ?? default)
                {
                    if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol builder ||
                        !builder.Type.GetMembers("Services").Any(m => m is IPropertySymbol { IsStatic: false } services && IsServiceCollection(services.Type, types)))
                    {
                        continue;
                    }

                    var name = builder.Name;
                    SyntaxNode? after = null;
                    SyntaxNode? before = null;
                    foreach (var candidate in list)
                    {
                        foreach (var memberAccess in candidate.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
                        {
                            if (memberAccess is not { Expression: IdentifierNameSyntax receiver } || receiver.Identifier.ValueText != name ||
                                !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, builder))
                            {
                                continue;
                            }

                            if (memberAccess.Name.Identifier.ValueText == "Services")
                            {
                                after = candidate;
                            }
                            else if (memberAccess.Name.Identifier.ValueText == "Build" && before is null && after is null)
                            {
                                before = candidate;
                            }
                        }
                    }

                    var services = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(name), SyntaxFactory.IdentifierName("Services"));
                    if ((after ?? before) is { } anchor)
                    {
                        roots.Add(new CompositionRoot(tree, services, anchor, insertBefore: after is null));
                    }
                }
            }
        }

        private static bool IsServiceCollection(ITypeSymbol? type, WellKnownTypes types) =>
            type is not null && type.Implements(types.ServiceCollection);
    }
}
