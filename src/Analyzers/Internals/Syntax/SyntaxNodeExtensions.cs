using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The syntax questions every rule and fix asks: strip what does not change a value, name what an
/// invocation calls, find the member that holds a node. One copy each; a rule never writes its own loop.
/// </summary>
internal static class SyntaxNodeExtensions
{
    /// <summary>The expression under parentheses, casts and the null-forgiving <c>!</c>: the same value.</summary>
    public static ExpressionSyntax Unwrap(this ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    continue;
                default:
                    return expression;
            }
        }
    }

    /// <summary><paramref name="node"/> with the parentheses written around it (<c>(await task)</c> in <c>(await task).Content</c>).</summary>
    public static SyntaxNode WithEnclosingParentheses(this SyntaxNode node)
    {
        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return node;
    }

    /// <summary>The nearest ancestor that is not a parenthesis or a cast around <paramref name="node"/>: where its value goes.</summary>
    public static SyntaxNode? ParentSkippingParenthesesAndCasts(this SyntaxNode node)
    {
        var parent = node.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>
    /// Some identifier under <paramref name="node"/> is spelled <paramref name="name"/> (<c>HttpResponseMessage</c> in a
    /// written type, <c>InnerHandler</c> in a member): read from the tokens, nothing bound.
    /// </summary>
    public static bool SpellsIdentifier(this SyntaxNode node, string name)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The simple name an invocation calls (<c>a.B()</c>, <c>a?.B()</c>, <c>B()</c>), read from syntax alone; null for delegates and other shapes.</summary>
    public static string? InvokedName(this InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The file imports <paramref name="ns"/> with a plain <c>using</c> (at its top or in a namespace declaration): how folder mode
    /// tells whose type a written base that does not bind is (<c>using System.Web.Http;</c> over <c>ApiController</c>).
    /// </summary>
    public static bool ImportsNamespace(this SyntaxTree tree, string ns) =>
        tree.GetRoot().DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>().Any(u => u.Alias is null && u.Name?.ToString() == ns);

    /// <summary>
    /// <paramref name="node"/> sees the types of namespace <paramref name="ns"/> without qualifying them: a plain <c>using</c>
    /// of it at the top of its file or in a namespace declaration around it, a namespace declaration around it that is
    /// <paramref name="ns"/> or nested in it, or a <c>global using</c> of it in any file of the compilation (as
    /// <c>ImplicitUsings</c> writes them; read once per compilation).
    /// </summary>
    public static bool SeesNamespace(this SyntaxNode node, string ns, Compilation compilation)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            var usings = current switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax space => space.Usings,
                _ => default,
            };
            if (usings.Any(directive => directive.Alias is null && directive.StaticKeyword.RawKind == 0 && NamespaceText(directive.Name) == ns))
            {
                return true;
            }

            if (current is BaseNamespaceDeclarationSyntax { Name: var name } &&
                (NamespaceText(name) == ns || NamespaceText(name)!.StartsWith(ns + ".", System.StringComparison.Ordinal)))
            {
                // Code inside namespace System.Net.Http (or one nested in it) sees its types without a using; code inside
                // System or System.Net does not.
                return true;
            }
        }

        return s_globalImports.GetValue(compilation, static compilation => new HashSet<string>(
            compilation.SyntaxTrees.SelectMany(tree => tree.GetRoot().ChildNodes().OfType<UsingDirectiveSyntax>())
                .Where(directive => directive.GlobalKeyword.RawKind != 0 && directive.Alias is null && directive.StaticKeyword.RawKind == 0)
                .Select(directive => NamespaceText(directive.Name)!),
            System.StringComparer.Ordinal)).Contains(ns);
    }

    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> s_globalImports = new();

    private static string? NamespaceText(NameSyntax? name) => name?.ToString().Replace(" ", string.Empty);

    /// <summary>
    /// The call <paramref name="name"/> names as a generic method (<c>services.AddSingleton&lt;T&gt;()</c>, <c>Create&lt;T&gt;()</c>,
    /// <c>x?.Get&lt;T&gt;()</c>); null when it names a type (<c>ILogger&lt;T&gt;</c>) or a method group that is not called.
    /// </summary>
    public static InvocationExpressionSyntax? InvocationNamedBy(this GenericNameSyntax name) => name.Parent switch
    {
        InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
        MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access when access.Name == name && invocation.Expression == access => invocation,
        MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax invocation } binding when invocation.Expression == binding => invocation,
        _ => null,
    };

    /// <summary>
    /// The name of the last call of the fluent chain made on <paramref name="start"/> (<c>start.A().B().C()</c>) that
    /// <paramref name="isWanted"/> accepts: a container's lifetime call (<c>.SingleInstance()</c>, <c>.InRequestScope()</c>).
    /// </summary>
    public static string? LastChainedCall(this ExpressionSyntax start, System.Func<string, bool> isWanted)
    {
        string? found = null;
        var current = start;
        while (current.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } access && access.Expression == current)
        {
            if (next.InvokedName() is { } name && isWanted(name))
            {
                found = name;
            }

            current = next;
        }

        return found;
    }

    /// <summary>
    /// The innermost expression whose result <paramref name="value"/> is, the inverse of <see cref="AwaitedResult"/>: through
    /// <c>await</c>, <c>.Result</c>, <c>.ConfigureAwait(...)</c>, <c>.GetAwaiter().GetResult()</c> and parentheses
    /// (<c>SendAsync(r)</c> for <c>await SendAsync(r).ConfigureAwait(false)</c>).
    /// </summary>
    public static ExpressionSyntax ResultSource(this ExpressionSyntax value)
    {
        value = value.Unwrap();
        while (true)
        {
            switch (value)
            {
                case AwaitExpressionSyntax awaited:
                    value = awaited.Expression.Unwrap();
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: var task }:
                    value = task.Unwrap();
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }:
                    value = configured.Unwrap();
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Expression: var awaitedTask } } } }:
                    value = awaitedTask.Unwrap();
                    continue;
                default:
                    return value;
            }
        }
    }

    /// <summary>
    /// The outermost expression that is still <paramref name="value"/>'s result: through <c>await</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>,
    /// <c>.ConfigureAwait(...)</c> and parentheses (<c>await client.SendAsync(r).ConfigureAwait(false)</c> for the call).
    /// </summary>
    public static ExpressionSyntax AwaitedResult(this ExpressionSyntax value)
    {
        while (true)
        {
            switch (value.Parent)
            {
                case AwaitExpressionSyntax or ParenthesizedExpressionSyntax:
                    value = (ExpressionSyntax)value.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result when result.Expression == value && result.Parent is not InvocationExpressionSyntax:
                    value = result;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } configure when configure.Expression == value:
                    value = configured;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Parent: InvocationExpressionSyntax awaiter } getAwaiter when getAwaiter.Expression == value &&
                    awaiter.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Parent: InvocationExpressionSyntax result } getResult && getResult.Expression == awaiter:
                    value = result;
                    continue;
                default:
                    return value;
            }
        }
    }

    /// <summary>
    /// <paramref name="declaration"/> returns the local <paramref name="name"/> itself (<c>return result;</c>, also through casts and
    /// <c>Task.FromResult</c>; not in a lambda or local function): what the local holds goes to the caller with it.
    /// </summary>
    public static bool ReturnsLocal(this SyntaxNode declaration, string name) =>
        declaration.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(node => node is ReturnStatementSyntax { Expression: { } expression } && ReturnedAsItIs(expression) is IdentifierNameSyntax returned &&
                         returned.Identifier.ValueText == name);

    /// <summary>What a <c>return</c> hands back as it is: through <see cref="Unwrap"/> and <c>Task.FromResult(...)</c> (a
    /// non-async method returning a task: <c>return Task.FromResult((T)(object)result);</c>).</summary>
    public static ExpressionSyntax ReturnedAsItIs(this ExpressionSyntax expression)
    {
        expression = expression.Unwrap();
        while (expression is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } invocation &&
               invocation.InvokedName() == "FromResult" && arguments[0].RefKindKeyword.RawKind == 0)
        {
            expression = arguments[0].Expression.Unwrap();
        }

        return expression;
    }

    /// <summary><c>null</c>, <c>default</c> or <c>default(T)</c> (through parentheses and casts): no value at all.</summary>
    public static bool IsNullOrDefault(this ExpressionSyntax expression) =>
        expression.Unwrap() is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax;

    /// <summary><c>nameof(x)</c>: <paramref name="node"/> is named there, not used.</summary>
    /// <summary>
    /// <paramref name="node"/> sits in a loop (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>, or a body a <c>goto</c>
    /// jumps around in), a lambda or a local function between itself and <paramref name="body"/>: it may run more than once
    /// per run of <paramref name="body"/>.
    /// </summary>
    public static bool IsInLoopOrFunction(this SyntaxNode node, SyntaxNode body)
    {
        for (var current = node.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or
                AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or GotoStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsNameOfArgument(this SyntaxNode node) =>
        node.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } };

    /// <summary>The member, accessor, local function or lambda whose body holds <paramref name="node"/>'s locals.</summary>
    public static SyntaxNode? EnclosingMember(this SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (IsMemberBody(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The parameter of <paramref name="method"/> an argument of its call is for (by name, or by position); null for a params array or no match.</summary>
    public static IParameterSymbol? ParameterIn(this ArgumentSyntax argument, IMethodSymbol method)
    {
        if (argument.NameColon is { } nameColon)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        var index = argument.Parent is ArgumentListSyntax list ? list.Arguments.IndexOf(argument) : -1;
        return index >= 0 && index < method.Parameters.Length && !method.Parameters[index].IsParams ? method.Parameters[index] : null;
    }

    /// <summary>
    /// <paramref name="node"/> is part of what a <c>throw</c> throws (<c>throw new ApiException("failed: " + await
    /// response.Content.ReadAsStreamAsync())</c>, or a <c>throw</c> expression's operand), in the same function: the value made
    /// there lives only on a path that throws.
    /// </summary>
    public static bool IsInThrownValue(this SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ThrowStatementSyntax or ThrowExpressionSyntax:
                    return true;
                case StatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The lambda, local function, member or initializer whose body holds <paramref name="node"/>: its locals are its own.</summary>
    public static SyntaxNode? EnclosingFunction(this SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax || IsMemberBody(current))
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsMemberBody(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or
            BaseFieldDeclarationSyntax or CompilationUnitSyntax;

    /// <summary>Where a node is written, for messages: <c>Type.Member</c>, or "top-level statements".</summary>
    public static string EnclosingMemberName(this SyntaxNode node)
    {
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>() switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
            _ => null,
        };
        var container = node.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
        return member is null ? container ?? "top-level statements" : container is null ? member : container + "." + member;
    }

    /// <summary>The lambda, local function, method or accessor a <c>return</c> statement leaves.</summary>
    public static SyntaxNode? ReturningFunction(this SyntaxNode returnStatement)
    {
        for (var current = returnStatement.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return current;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="first"/> and <paramref name="second"/> sit in different branches of one <c>if</c>/<c>else</c>, <c>?:</c>,
    /// <c>switch</c> section or switch expression arm, or one sits in an <c>if</c> that returns or throws and the other after
    /// it, so one run of the code reaches at most one of them. Not when a loop
    /// around that choice leaves out <paramref name="value"/> (the node that makes what both read): another iteration may
    /// take the other branch over the same value.
    /// </summary>
    public static bool AreOnExclusiveBranches(SyntaxNode first, SyntaxNode second, SyntaxNode value)
    {
        var common = first.Parent;
        while (common is not null && !common.Span.Contains(second.Span))
        {
            common = common.Parent;
        }

        if (common is null || !(IsChoiceBetween(common, first, second) || IsEarlyExitBefore(common, first, second) || IsEarlyExitBefore(common, second, first)))
        {
            return false;
        }

        for (var current = common.Parent; current is not null && !IsMemberBody(current); current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                break;
            }

            if (current is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax &&
                !current.Span.Contains(value.Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>if (text) { return Read(task.Result); } return Other(task.Result);</c>: <paramref name="inside"/> sits in an
    /// <c>if</c> without <c>else</c> whose branch ends in <c>return</c> or <c>throw</c>, and <paramref name="after"/> in a later
    /// statement of the same block, which that branch never reaches.
    /// </summary>
    private static bool IsEarlyExitBefore(SyntaxNode block, SyntaxNode inside, SyntaxNode after)
    {
        if (block is not BlockSyntax { Statements: var statements })
        {
            return false;
        }

        var exit = statements.FirstOrDefault(statement => statement.Span.Contains(inside.Span));
        var later = statements.FirstOrDefault(statement => statement.Span.Contains(after.Span));
        if (exit is not IfStatementSyntax { Else: null, Statement: var branch } || later is null ||
            statements.IndexOf(later) <= statements.IndexOf(exit) || !branch.Span.Contains(inside.Span))
        {
            return false;
        }

        var last = branch is BlockSyntax { Statements: { Count: > 0 } inner } ? inner.Last() : branch;
        return last is ReturnStatementSyntax or ThrowStatementSyntax;
    }

    private static bool IsChoiceBetween(SyntaxNode choice, SyntaxNode first, SyntaxNode second)
    {
        SyntaxNode? BranchOf(SyntaxNode node)
        {
            var branch = node;
            while (branch.Parent is { } parent && parent != choice)
            {
                branch = parent;
            }

            return branch.Parent == choice ? branch : null;
        }

        var firstBranch = BranchOf(first);
        var secondBranch = BranchOf(second);
        if (firstBranch is null || secondBranch is null || firstBranch == secondBranch)
        {
            return false;
        }

        return choice switch
        {
            IfStatementSyntax ifStatement => IsIn(ifStatement.Statement, firstBranch, secondBranch) && IsIn(ifStatement.Else, firstBranch, secondBranch),
            ConditionalExpressionSyntax conditional => IsIn(conditional.WhenTrue, firstBranch, secondBranch) && IsIn(conditional.WhenFalse, firstBranch, secondBranch),
            // A guard ('case X when ...', 'X when ... =>') runs before the next section or arm is tried: only their bodies exclude each other.
            SwitchStatementSyntax => firstBranch is SwitchSectionSyntax firstSection && secondBranch is SwitchSectionSyntax secondSection &&
                                     firstSection.Statements.Any(s => s.Span.Contains(first.Span)) && secondSection.Statements.Any(s => s.Span.Contains(second.Span)),
            SwitchExpressionSyntax => firstBranch is SwitchExpressionArmSyntax firstArm && secondBranch is SwitchExpressionArmSyntax secondArm &&
                                      firstArm.Expression.Span.Contains(first.Span) && secondArm.Expression.Span.Contains(second.Span),
            _ => false,
        };

        static bool IsIn(SyntaxNode? branch, SyntaxNode a, SyntaxNode b) => branch is not null && (branch == a || branch == b);
    }

    /// <summary>
    /// <paramref name="parent"/> hands the value of <paramref name="child"/> on unchanged: parentheses, a cast,
    /// <c>await</c>, <c>!</c>, a branch of a conditional or an arm of a switch expression, either side of <c>??</c>.
    /// </summary>
    public static bool PassesValueThrough(this SyntaxNode parent, SyntaxNode child) => parent switch
    {
        ParenthesizedExpressionSyntax or CastExpressionSyntax or AwaitExpressionSyntax => true,
        PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression),
        ConditionalExpressionSyntax conditional => conditional.Condition != child,
        BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.CoalesceExpression),
        SwitchExpressionArmSyntax arm => arm.Expression == child,
        SwitchExpressionSyntax => child is SwitchExpressionArmSyntax,
        _ => false,
    };

    /// <summary>
    /// Parameters and locals (out variables, pattern and <c>foreach</c> variables included) declared anywhere in the method:
    /// a bare name among them is not a field or property of the type.
    /// </summary>
    public static HashSet<string> DeclaredNames(this BaseMethodDeclarationSyntax declaration)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in declaration.DescendantNodes())
        {
            switch (node)
            {
                case ParameterSyntax parameter:
                    names.Add(parameter.Identifier.ValueText);
                    break;
                case VariableDeclaratorSyntax declarator:
                    names.Add(declarator.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    names.Add(designation.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    names.Add(forEach.Identifier.ValueText);
                    break;
            }
        }

        return names;
    }
}
