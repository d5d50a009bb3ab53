using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Bench.Profiling;

/// <summary>
/// Stand-ins for the first step HCG001 and HCG002 take on every object creation, each doing one
/// thing more than the last, so the driver's telemetry splits the rules' cost into phases. They
/// report nothing; they count, so that two ways of finding HTTP types can be checked to agree.
/// </summary>
internal abstract class CreationProbe : DiagnosticAnalyzer
{
    // Never reported: SupportedDiagnostics must not be empty or the driver skips the analyzer.
    private static readonly DiagnosticDescriptor s_unused = new("PROBE", "Probe", "Probe", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _callbacks;
    private int _bound;
    private int _httpTypes;

    protected void CountCallback() => Interlocked.Increment(ref _callbacks);

    public abstract string Description { get; }

    public int Callbacks => _callbacks;

    public int Bound => _bound;

    public int HttpTypes => _httpTypes;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RegisterActions(context);
    }

    protected virtual void RegisterActions(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var httpClient = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            var handler = start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
            if (httpClient is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    Interlocked.Increment(ref _callbacks);
                    var creation = (BaseObjectCreationExpressionSyntax)nodeContext.Node;
                    if (creation is ObjectCreationExpressionSyntax { Type: PredefinedTypeSyntax or ArrayTypeSyntax or NullableTypeSyntax or TupleTypeSyntax })
                    {
                        return;
                    }

                    if (CreatedType(creation, nodeContext.SemanticModel, nodeContext.CancellationToken, out var type))
                    {
                        Interlocked.Increment(ref _bound);
                        if (InheritsFrom(type, httpClient) || InheritsFrom(type, handler))
                        {
                            Interlocked.Increment(ref _httpTypes);
                        }
                    }
                },
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression);
        });
    }

    /// <summary>False when the probe stops before asking the semantic model.</summary>
    protected abstract bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type);

    private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Only the driver: the callback returns at once. The floor for any per-creation syntax action.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DriverOnlyProbe : CreationProbe
{
    public override string Description => "callback on every creation, no semantic model";

    protected override bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type)
    {
        type = null;
        return false;
    }
}

/// <summary>
/// The driver's cost of hosting an analyzer set shaped like HttpClientGuard: no-op callbacks on every
/// object creation and invocation (the node kinds the rules register), a compilation-end action, and
/// generated code analyzed (the rules skip it themselves). What the rules add beyond it is their own work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SameShapeProbe : CreationProbe
{
    public override string Description => "no-op callback on every creation and invocation, plus a compilation-end action (HttpClientGuard's registrations)";

    protected override void RegisterActions(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(_ => CountCallback(), SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression, SyntaxKind.InvocationExpression);
            start.RegisterCompilationEndAction(_ => { });
        });
    }

    protected override bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type)
    {
        type = null;
        return false;
    }
}
