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

    public abstract string Description { get; }

    public int Callbacks => _callbacks;

    public int Bound => _bound;

    public int HttpTypes => _httpTypes;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
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
/// What HandlerFlow.CreatedType does today: <c>GetSymbolInfo</c> on the type name. The name sits in a
/// method body, so the member semantic model binds (and, nullable being on, flow-analyses) the whole body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class BoundTypeNameProbe : CreationProbe
{
    public override string Description => "GetSymbolInfo(creation.Type) / GetTypeInfo(new()) on every creation (today's CreatedType)";

    protected override bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type)
    {
        type = creation is ObjectCreationExpressionSyntax explicitCreation
            ? model.GetSymbolInfo(explicitCreation.Type, cancellationToken).Symbol as ITypeSymbol
            : model.GetTypeInfo(creation, cancellationToken).Type;
        return true;
    }
}

/// <summary>
/// The alternative: bind only the type name in the scope of the creation
/// (<c>GetSpeculativeSymbolInfo</c> with <c>BindAsTypeOrNamespace</c>), which needs usings, aliases and
/// type parameters but not the method body. Target-typed <c>new()</c> still binds its expression.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SpeculativeTypeNameProbe : CreationProbe
{
    public override string Description => "GetSpeculativeSymbolInfo(type name, BindAsTypeOrNamespace); new() bound as today";

    protected override bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type)
    {
        type = creation is ObjectCreationExpressionSyntax explicitCreation
            ? model.GetSpeculativeSymbolInfo(explicitCreation.Type.SpanStart, explicitCreation.Type, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol as ITypeSymbol
            : model.GetTypeInfo(creation, cancellationToken).Type;
        return true;
    }
}
