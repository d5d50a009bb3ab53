using System.Collections.Immutable;
using System.Linq;
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

    internal void CountCallback() => Interlocked.Increment(ref _callbacks);

    /// <summary>The analyzers run together for this probe: the probe alone, unless it stands for a set.</summary>
    public virtual ImmutableArray<DiagnosticAnalyzer> Set => ImmutableArray.Create<DiagnosticAnalyzer>(this);

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
/// The driver's cost of hosting an analyzer set shaped like HttpClientGuard: six no-op analyzers, one
/// per rule analyzer, each with that analyzer's registrations (object creations and/or invocations,
/// the compilation-end action of HCG001/HCG002) and generated code analyzed, as the rules do. The
/// driver walks each declaration's nodes once per analyzer, so the count matters as much as the
/// kinds. What the rules add beyond this set is their own work and the garbage it leaves.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SameShapeProbe : CreationProbe
{
    private static readonly SyntaxKind[] s_creations = { SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression };
    private static readonly SyntaxKind[] s_invocations = { SyntaxKind.InvocationExpression };

    public override string Description => "six no-op analyzers with the registrations of HttpClientGuard's six (creations, invocations, a compilation-end action)";

    /// <summary>This probe stands for HCG001/HCG002 (creations, invocations, compilation end); the others for HCG007, HCG005 (creations) and HCG003, HCG004, HCG006 (invocations).</summary>
    public override ImmutableArray<DiagnosticAnalyzer> Set => ImmutableArray.Create<DiagnosticAnalyzer>(
        this,
        new Companion(this, s_creations),
        new Companion(this, s_creations),
        new Companion(this, s_invocations),
        new Companion(this, s_invocations),
        new Companion(this, s_invocations));

    protected override void RegisterActions(AnalysisContext context) =>
        Register(context, this, s_creations.Concat(s_invocations).ToArray(), compilationEnd: true);

    protected override bool CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken, out ITypeSymbol? type)
    {
        type = null;
        return false;
    }

    private static void Register(AnalysisContext context, SameShapeProbe counter, SyntaxKind[] kinds, bool compilationEnd)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(_ => counter.CountCallback(), kinds);
            if (compilationEnd)
            {
                start.RegisterCompilationEndAction(_ => { });
            }
        });
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Companion : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_unused = new("PROBE2", "Probe", "Probe", "Performance", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        private readonly SameShapeProbe _counter;
        private readonly SyntaxKind[] _kinds;

        public Companion(SameShapeProbe counter, SyntaxKind[] kinds) => (_counter, _kinds) = (counter, kinds);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            Register(context, _counter, _kinds, compilationEnd: false);
        }
    }
}
