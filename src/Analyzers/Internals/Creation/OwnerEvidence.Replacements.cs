using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A client stored into a field is kept by the field's owner, once per instance (or once, in a static), unless the
/// method that stores it runs again: <c>private void InitializeClient() { _client = new HttpClient(...); }</c>, called by
/// the constructor and again by a public <c>ClearCookies()</c>, replaces the client on every <c>ClearCookies</c> call and
/// leaves the old pool undisposed. Decided from what the code does: the store is a plain assignment to a field or static
/// in an ordinary method, not under a test of a field the method stores (a cache's check), after an
/// early return, in a <c>for</c>, <c>while</c> or <c>do</c> loop (a retry) or in a catch (a branch on a parameter or a setting is still run by the calls that take it),
/// and neither that method nor the caller disposes what the field held; some call of the method, outside the owner's
/// constructors, runs the same way (its tests read none of the fields the method or the caller stores) and runs per call
/// (<see cref="RunEvidence"/>): each run after the first replaces the client the last one made. A rebuild guarded by such a
/// test (<c>if (!ReferenceEquals(_handler.Proxy, proxy)) CreateClient();</c>, <c>if (!_ready) { Build(); _ready = true; }</c>)
/// is once per change. A static is one for every instance, so an instance constructor's call replaces it too
/// (<c>APIHelper.InitialiseClient()</c> in a command module's constructor: each command's module replaces the client the last
/// one made), as often as that constructor's type is made (one made once replaces nothing). A method no call of the
/// compilation runs (a public method nobody here calls, only constructors) is not shown to run again, unless its host runs it
/// on the same object for every event (Streamer.bot's <c>CPHInline.Execute</c>, see <see cref="ModLoaderHooks"/>): both stay as they were,
/// unless another method of the type sets the field to null without disposing it (a disconnect that lets go of the client so
/// that the next login can make another).
/// </summary>
internal sealed partial class OwnerEvidence
{
    /// <summary>
    /// Where <paramref name="creation"/>, stored into a field of its owner by a method that runs again, runs per call (for the
    /// message); null for any other creation, or when no call shows it.
    /// </summary>
    public string? ReplacedEachRun(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.WithEnclosingParentheses().Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment ||
            assignment.Right.Unwrap() != creation ||
            FieldName(assignment.Left) is not { } field ||
            assignment.EnclosingFunction() is not MethodDeclarationSyntax declaration ||
            LongLivedStorage.StorageOf(assignment.Left, model, cancellationToken) is var storage && storage == Storage.None ||
            model.GetDeclaredSymbol(declaration, cancellationToken) is not { MethodKind: MethodKind.Ordinary } method)
        {
            return null;
        }

        // The fields this method stores into (the client, the handler under it): disposing any of them first ends the old
        // pool, and a test that reads one of them is a cache's check.
        var stored = StoredFields(declaration);
        if (!RunsWhole(assignment, declaration, loopReplaces: true) || DisposesAny(declaration, stored) || Guards(declaration, assignment, stored, model, cancellationToken))
        {
            return null;
        }

        var walk = new Walk(cancellationToken);
        foreach (var name in SyntaxTreeIndex.SimpleNames(_compilation, method.Name, cancellationToken))
        {
            if (name.IsNameOfArgument() ||
                name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name != name)
            {
                continue;
            }

            // The constructors' calls make the first client of an instance field; a recursive call replaces nothing new. A static
            // is one for every instance: each instance constructor that runs the method replaces the one the last instance
            // made. Decided before binding.
            ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax access ? access : name;
            if (use.Parent is not InvocationExpressionSyntax call || call.Expression != use || call.EnclosingFunction() is not { } caller ||
                caller is ConstructorDeclarationSyntax && storage != Storage.Static || caller == declaration)
            {
                continue;
            }

            var callModel = _compilation.ModelFor(name.SyntaxTree);
            if (!FactoryCallers.Refers(callModel.GetSymbolInfo(use, cancellationToken), method))
            {
                continue;
            }

            // A flag or timestamp the caller stores guards the call as the method's own fields do.
            var guarded = new HashSet<string>(stored);
            guarded.UnionWith(StoredFields(caller));
            // A loop runs it again on each pass when the call is on this object (or the field is a static): a loop over other
            // objects ('foreach (var account in accounts) account.Connect();') makes each one's first client.
            if (!RunsWhole(call, caller, loopReplaces: storage == Storage.Static || IsOnThisObject(use)) || DisposesAny(caller, stored) || Guards(caller, call, guarded, callModel, cancellationToken))
            {
                continue;
            }

            var site = CreationSite.ClassifyRun(call, callModel, _types, cancellationToken);
            if ((site.Frequency != CreationFrequency.PerInstance || storage == Storage.Static) && RunEvidence(site, callModel, walk, depth: 0) is { } where)
            {
                return where + ", replacing the one in '" + field + "' without disposing it";
            }
        }

        // No call here runs it, but its host runs it again on the same object: Streamer.bot's 'CPHInline.Execute' for every run of
        // the action ('client = new HttpClient();' at its top replaces the last run's client).
        if (ModLoaderHooks.RunsOnEveryActionRun(declaration))
        {
            return $"each time Streamer.bot runs the action ('{method.ContainingType.Name}.{method.Name}'), replacing the one in '{field}' without disposing it";
        }

        // No call here shows the method run again, but the type lets go of what it stored so that it can: a disconnect that
        // sets the field to null without disposing it ('protected override void _Disconnect() { Client = null; }' beside
        // '_Login', which the base's public LogIn runs on every login).
        return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } storedSymbol &&
               DroppedWithoutDisposing(method, storedSymbol, declaration, stored, cancellationToken) is { } dropper
            ? $"each time '{method.ContainingType.Name}.{method.Name}' runs again after '{dropper}' has dropped the one in '{field}' without disposing it"
            : null;
    }

    /// <summary>
    /// An ordinary method of <paramref name="creator"/>'s type, other than <paramref name="declaration"/> and the ones that end
    /// the object's life or its host's (<c>Dispose</c>, <c>DisposeAsync</c>, <c>Close</c>, <c>Stop</c>, <c>StopAsync</c>,
    /// <c>OnStop</c>, <c>Shutdown</c>: a hosted service's start runs once per process), that sets <paramref name="field"/> to <c>null</c>
    /// in a statement of its own and disposes none of the fields it sets to null that the creator stores (the client, the
    /// handler under it): its name, or null.
    /// </summary>
    private string? DroppedWithoutDisposing(IMethodSymbol creator, ISymbol field, MethodDeclarationSyntax declaration, HashSet<string> stored, CancellationToken cancellationToken)
    {
        foreach (var reference in creator.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var member in type.Members)
            {
                if (member is not MethodDeclarationSyntax { Identifier.ValueText: not ("Dispose" or "DisposeAsync" or "Close" or "Stop" or "StopAsync" or "OnStop" or "Shutdown") } other ||
                    other == declaration)
                {
                    continue;
                }

                // The fields it sets to null: disposing one of them, or one the creator stored (the handler under the
                // client), ends the old pool.
                var nulled = new HashSet<string>();
                var dropsTheField = false;
                foreach (var assignment in Body(other).DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment is { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } &&
                        assignment.Right.Unwrap().IsKind(SyntaxKind.NullLiteralExpression) && FieldName(assignment.Left) is { } name)
                    {
                        nulled.Add(name);
                        dropsTheField |= name == field.Name &&
                            SymbolEqualityComparer.Default.Equals((model ??= _compilation.ModelFor(type.SyntaxTree)).GetSymbolInfo(assignment.Left, cancellationToken).Symbol, field);
                    }
                }

                nulled.IntersectWith(stored);
                if (dropsTheField && !DisposesAny(other, nulled))
                {
                    return creator.ContainingType.Name + "." + other.Identifier.ValueText;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// What <paramref name="node"/> disposes or closes, if it is such a call or statement: <c>x.Dispose()</c>,
    /// <c>x?.Dispose()</c>, <c>x.DisposeAsync().ConfigureAwait(false)</c>, <c>Close</c>, <c>using (x)</c>.
    /// </summary>
    internal static ExpressionSyntax? DisposedBy(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } access } => access.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax inner } } => DisposedBy(inner),
        ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } } } conditional => conditional.Expression,
        UsingStatementSyntax { Expression: { } resource } => resource,
        _ => null,
    };

    /// <summary>The field or property an assignment's left side names on this object or its type (<c>_client</c>, <c>this._client</c>, <c>Api.Client</c>).</summary>
    internal static string? FieldName(ExpressionSyntax left) => left.Unwrap() switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    private static HashSet<string> StoredFields(SyntaxNode declaration)
    {
        var names = new HashSet<string>();
        foreach (var assignment in Body(declaration).DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax && FieldName(assignment.Left) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// <paramref name="expression"/> (a call or an assignment) is a statement of its own (or awaited as one, or the function's
    /// expression body), or the whole value of a return, an assignment statement or a local's declaration, or runs whenever one
    /// does (an argument of a call or a constructor, a member's value in an object initializer:
    /// <c>result.Add(new PingResult { Success = await ApiHealth(host) })</c>), and the statements around it are blocks,
    /// <c>try</c> blocks, <c>lock</c>, <c>using</c>, <c>checked</c>, <c>unsafe</c> and <c>fixed</c>, or branches (<c>if</c>,
    /// <c>else</c>, <c>switch</c>), whose tests <see cref="Guards"/> reads; a <c>foreach</c> body when
    /// <paramref name="loopReplaces"/> (each pass runs it again; a <c>for</c>, <c>while</c> or <c>do</c> may be a retry that
    /// its own test stops); never a catch.
    /// </summary>
    private static bool RunsWhole(ExpressionSyntax expression, SyntaxNode function, bool loopReplaces)
    {
        var value = AlwaysEvaluatedWith(expression.AwaitedResult());
        StatementSyntax statement;
        switch (value.Parent)
        {
            case ArrowExpressionClauseSyntax arrow when arrow.Parent == function:
            case AnonymousFunctionExpressionSyntax lambda when lambda == function && lambda.ExpressionBody == value:
                return true;
            case ExpressionStatementSyntax or ReturnStatementSyntax:
                statement = (StatementSyntax)value.Parent;
                break;
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax assigned } assignment when assignment.Right == value:
                // id = await ParseTrackIdAsync(title);
                statement = assigned;
                break;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declared } } }:
                // var id = await ParseTrackIdAsync(title);
                statement = declared;
                break;
            default:
                return false;
        }

        for (var node = statement.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BlockSyntax when node.Parent == function:
                    return true;
                case BlockSyntax { Parent: BlockSyntax or TryStatementSyntax or LockStatementSyntax or UsingStatementSyntax or CheckedStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or IfStatementSyntax or ElseClauseSyntax or SwitchSectionSyntax }:
                case BlockSyntax { Parent: CommonForEachStatementSyntax } when loopReplaces:
                case CommonForEachStatementSyntax when loopReplaces:
                case IfStatementSyntax:
                case ElseClauseSyntax:
                case SwitchSectionSyntax:
                case SwitchStatementSyntax:
                case TryStatementSyntax:
                case LockStatementSyntax:
                case UsingStatementSyntax:
                case CheckedStatementSyntax:
                case UnsafeStatementSyntax:
                case FixedStatementSyntax:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The outermost expression that runs whenever <paramref name="value"/> does and hands it on unconditionally: the call or
    /// constructor it is an argument of, the object whose initializer gives it to a member, awaited or parenthesized. Stops at
    /// anything that may skip it (<c>?.</c>, <c>??</c>, <c>?:</c>, <c>&amp;&amp;</c>, a lambda).
    /// </summary>
    private static ExpressionSyntax AlwaysEvaluatedWith(ExpressionSyntax value)
    {
        while (true)
        {
            switch (value.Parent)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ExpressionSyntax call and (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) } }:
                    value = call.AwaitedResult();
                    continue;
                case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax created } } member
                    when member.Right == value:
                    value = created.AwaitedResult();
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression == value:
                    // GetClient().GetStringAsync(uri): the receiver runs whenever the member it is read for does.
                    value = access.Parent is InvocationExpressionSyntax invoked && invoked.Expression == access ? invoked.AwaitedResult() : access;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == value:
                    value = conditional.AwaitedResult();
                    continue;
                default:
                    return value;
            }
        }
    }

    /// <summary>A call on this object: <c>Connect()</c>, <c>this.Connect()</c>, <c>base.Connect()</c>.</summary>
    private static bool IsOnThisObject(ExpressionSyntax use) =>
        use is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax };

    /// <summary>
    /// A test before <paramref name="statement"/> in <paramref name="function"/>, or around it, may stop it: an <c>if</c> or
    /// <c>switch</c> before it that returns, one around it that returns ahead of it, or one that reads one of the
    /// <paramref name="guards"/> (<c>if (_client != null) return;</c>,
    /// <c>if (!ReferenceEquals(_handler.Proxy, proxy)) CreateClient();</c>, <c>if (_version != version) { Build(); _version
    /// = version; }</c>: a cache's check). A branch on what the call brings (a parameter, a setting) is still run by the
    /// calls that take it. Two early returns before it stop no later run (<see cref="StopsOnlyThisRun"/>): one on a
    /// re-entrancy flag the function raises after it and lowers again after the statement, and one on values this run has just
    /// read.
    /// </summary>
    private static bool Guards(SyntaxNode function, SyntaxNode statement, HashSet<string> guards, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in Body(function).DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart >= statement.SpanStart)
            {
                break;
            }

            var test = node switch
            {
                IfStatementSyntax branch => branch.Condition,
                SwitchStatementSyntax choice => choice.Expression,
                _ => null,
            };
            // An 'if' or 'switch' around the statement stops it only by a return ahead of it on its own path ('case "/login":
            // Login(); break;' in a request dispatcher whose other cases return runs it on every such request); one before it,
            // by any return.
            var around = node.Span.Contains(statement.Span);
            if (test is not null && !around && node is IfStatementSyntax { Else: null } earlyReturn &&
                StopsOnlyThisRun(earlyReturn, function, statement, guards, model, cancellationToken))
            {
                continue;
            }

            if (test is not null &&
                (node.DescendantNodes().Any(inner => inner is ReturnStatementSyntax or YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } &&
                                                     (!around || IsAheadOnItsPath(inner, statement))) ||
                 guards.Any(test.SpellsIdentifier)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An <c>if</c> before <paramref name="statement"/> whose return stops only the run that takes it, not the next one:
    /// <list type="bullet">
    /// <item>a re-entrancy flag: its test is a field (<c>if (_connecting) return;</c>) that <paramref name="function"/> sets to
    /// <c>true</c> after the <c>if</c> and before the statement, and back to <c>false</c> (at its end, in a catch or a
    /// <c>finally</c>): it turns away a run that overlaps one under way; a flag this function never lowers is a once-guard;</item>
    /// <item>a test on what this run has just read (<c>_ip = Settings.Get("ip"); if (!IpPattern.IsMatch(_ip)) return;</c>):
    /// every name it reads is a local whose value reads none of the <paramref name="guards"/> (<c>var old = _client;</c> is the
    /// client's check), a constant or <c>readonly</c> field, a type or a static method, or a field or property the function
    /// stored in a statement of its own before the <c>if</c>; a bare name that may read what another run left (another field,
    /// a parameter, an instance method) keeps it a guard.</item>
    /// </list>
    /// </summary>
    private static bool StopsOnlyThisRun(IfStatementSyntax branch, SyntaxNode function, SyntaxNode statement, HashSet<string> guards, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.SyntaxTree != branch.SyntaxTree)
        {
            return false;
        }

        var body = Body(function);
        if (FieldName(branch.Condition.Unwrap()) is { } flag)
        {
            var raised = false;
            var lowered = false;
            foreach (var assignment in body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<AssignmentExpressionSyntax>())
            {
                if (assignment is not { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } || FieldName(assignment.Left) != flag)
                {
                    continue;
                }

                raised |= assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression) && assignment.SpanStart > branch.Span.End && assignment.Span.End <= statement.SpanStart;
                lowered |= assignment.Right.IsKind(SyntaxKind.FalseLiteralExpression);
            }

            return raised && lowered;
        }

        // The fields this run has stored before the test, in statements of the function's own block.
        var fresh = new HashSet<string>();
        if (body is BlockSyntax block)
        {
            foreach (var earlier in block.Statements)
            {
                if (earlier.SpanStart >= branch.SpanStart)
                {
                    break;
                }

                if (earlier is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } stored } &&
                    FieldName(stored.Left) is { } name)
                {
                    fresh.Add(name);
                }
            }
        }

        foreach (var name in branch.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            // Any name the method stores and has not just stored, a member's too ('_state.Ready' beside '_state.Ready =
            // true;'), is a cache's check; a member read on this object ('this._started') is read as the bare name.
            var identifier = name.Identifier.ValueText;
            if (guards.Contains(identifier) && !fresh.Contains(identifier))
            {
                return false;
            }

            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax) ||
                name.Parent is MemberBindingExpressionSyntax || fresh.Contains(identifier))
            {
                continue;
            }

            switch (model.GetSymbolInfo(name, cancellationToken).Symbol)
            {
                case ILocalSymbol local when local.DeclaringSyntaxReferences.Length == 1 &&
                                             local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var value } &&
                                             !guards.Any(guard => !fresh.Contains(guard) && value.SpellsIdentifier(guard)):
                case IFieldSymbol { IsConst: true } or IFieldSymbol { IsReadOnly: true }:
                case INamedTypeSymbol or INamespaceSymbol:
                case IMethodSymbol { IsStatic: true }:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="exit"/> comes before <paramref name="statement"/> in the same statement list or one around it (their
    /// nearest common ancestor is a block or a switch section), not in another branch of an <c>if</c> or <c>switch</c>.
    /// </summary>
    private static bool IsAheadOnItsPath(SyntaxNode exit, SyntaxNode statement)
    {
        if (exit.Span.End > statement.SpanStart)
        {
            return false;
        }

        var common = exit.Parent;
        while (common is not null && !common.Span.Contains(statement.Span))
        {
            common = common.Parent;
        }

        return common is BlockSyntax or SwitchSectionSyntax;
    }

    /// <summary>A <c>Dispose()</c> / <c>DisposeAsync()</c> / <c>Close()</c> call on one of <paramref name="fields"/>, or a <c>using</c> of one, in <paramref name="function"/>.</summary>
    private static bool DisposesAny(SyntaxNode function, HashSet<string> fields)
    {
        foreach (var node in Body(function).DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (DisposedBy(node) is { } disposed && FieldName(disposed) is { } name && fields.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The body of a member, local function or lambda (block or expression), without its parameters and attributes.</summary>
    private static SyntaxNode Body(SyntaxNode function) => function switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody ?? function,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody ?? function,
        LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody ?? function,
        AnonymousFunctionExpressionSyntax lambda => lambda.Body,
        _ => function,
    };
}
