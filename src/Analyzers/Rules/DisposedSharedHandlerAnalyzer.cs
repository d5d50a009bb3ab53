using System.Collections.Immutable;
using System.Threading;
using HttpClientGuard.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Rules;

/// <summary>
/// HCG005: <c>new HttpClient(handler)</c> or <c>new HttpClient(handler, true)</c> over a handler
/// this member did not create, with the client disposed in this member. Disposing the client
/// disposes the handler, and every later user of it gets <c>ObjectDisposedException</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DisposedSharedHandlerAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.DisposedSharedHandler,
        title: "Disposing this HttpClient disposes a shared handler",
        messageFormat: "Disposing this '{0}' also disposes '{1}', which this member does not own; pass 'disposeHandler: false'",
        description: "HttpClient disposes its handler when it is disposed unless it is created with disposeHandler: false. A handler kept in a field, a property or received as a parameter is shared: once one client disposes it, every later request through it throws ObjectDisposedException.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.AnalysisFlags);
        context.RegisterCompilationStartAction(static start =>
        {
            if (WellKnownTypes.TryCreate(start.Compilation) is not { HttpResponseMessage: not null } types)
            {
                return;
            }

            var ownership = new OwnershipSummaries(start.Compilation, types);
            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeCreation(nodeContext, types, ownership),
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression);
        });
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var creation = (BaseObjectCreationExpressionSyntax)context.Node;
        if (context.IsGeneratedCode || creation.ArgumentList is not { Arguments.Count: 1 or 2 } arguments || !SyntaxGates.MayCreateHttpType(creation) ||
            HandlerCreatedInline(arguments) || IsInitializerValue(creation))
        {
            return;
        }

        var type = SyntaxGates.CreatedType(creation, context.SemanticModel, context.CancellationToken);
        if (!SymbolEqualityComparer.Default.Equals(type, types.HttpClient) &&
            !SymbolEqualityComparer.Default.Equals(type, types.HttpMessageInvoker))
        {
            return;
        }

        if (context.SemanticModel.GetOperation(creation, context.CancellationToken) is not IObjectCreationOperation operation ||
            operation.Constructor is not { } constructor ||
            !DisposesHandler(operation) ||
            SharedHandlerName(operation, types, context.SemanticModel.Compilation, context.CancellationToken) is not { } handlerName)
        {
            return;
        }

        var verdict = DisposalAnalysis.Analyze(operation, ResourceKind.Disposable, types, ownership, context.CancellationToken);
        if (verdict.Fate is not (ValueFate.Disposed or ValueFate.NotDisposedOnEveryPath) ||
            GeneratedCode.IsInMarkedDeclaration(creation, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, DiagnosticLocations.Creation(creation), constructor.ContainingType.Name, handlerName));
    }

    /// <summary><c>new HttpClient(new SocketsHttpHandler())</c>: the handler is the client's own, decided without binding.</summary>
    private static bool HandlerCreatedInline(ArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon is null ? argument == arguments.Arguments[0] : argument.NameColon.Name.Identifier.ValueText == "handler")
            {
                return argument.Expression is BaseObjectCreationExpressionSyntax;
            }
        }

        return false;
    }

    /// <summary>A field or property initializer outside any lambda: nothing there disposes the client.</summary>
    private static bool IsInitializerValue(SyntaxNode creation)
    {
        for (var node = creation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case BaseFieldDeclarationSyntax:
                    return true;
                case PropertyDeclarationSyntax property:
                    return property.Initializer is { } initializer && initializer.Span.Contains(creation.Span);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>True for the one-argument constructor and for an explicit constant <c>true</c>.</summary>
    private static bool DisposesHandler(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean)
            {
                return argument.ArgumentKind == ArgumentKind.Explicit && argument.Value.ConstantValue is { HasValue: true, Value: true };
            }
        }

        return true;
    }

    /// <summary>
    /// The handler's name when it comes from a field, a property of this compilation or a parameter, or a local holding one;
    /// not a property whose getter makes a new handler on every read (<see cref="HandlerFlow.FreshHandlerGetter"/>): that
    /// handler is the client's own; not a property of another assembly, whose getter is not seen; not a parameter every caller
    /// fills with a handler made for the call (<see cref="FreshHandlerArguments"/>).
    /// </summary>
    private static string? SharedHandlerName(IObjectCreationOperation creation, WellKnownTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var argument in creation.Arguments)
        {
            if (!types.IsHandler(argument.Parameter?.Type))
            {
                continue;
            }

            var handler = argument.Value.SkipConversions();
            if (handler is ILocalReferenceOperation local)
            {
                handler = SingleInitializer(local.Local, creation).SkipConversions();
            }

            return handler switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                // A property of another assembly: its getter is not seen, and may make a new handler on every read (a
                // referenced project's 'CoreTools.GenericHttpClientParameters'): not known to be shared.
                IPropertyReferenceOperation property when SymbolEqualityComparer.Default.Equals(property.Property.ContainingAssembly, compilation.Assembly) &&
                                                          HandlerFlow.FreshHandlerGetter(property.Property, compilation, types, cancellationToken) is null => property.Property.Name,
                // A parameter every caller in the compilation fills with a handler made for that call is this member's own.
                IParameterReferenceOperation parameter when !FreshHandlerArguments.EveryCallHandsANewHandler(parameter.Parameter, compilation, types, cancellationToken) =>
                    parameter.Parameter.Name,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The initializer of a local that is never assigned again; null otherwise.</summary>
    private static IOperation? SingleInitializer(ILocalSymbol local, IOperation anyOperationInMember)
    {
        IOperation? initializer = null;
        foreach (var operation in anyOperationInMember.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
            }
        }

        return initializer;
    }
}
