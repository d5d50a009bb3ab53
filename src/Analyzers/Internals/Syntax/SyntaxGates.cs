using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Decisions made from the written text before anything is bound. Most object creations and
/// invocations in a code base have nothing to do with HTTP; each gate here dismisses them from
/// their spelling alone, so the semantic model is asked only about the few that may matter.
/// Every gate is a superset of what binding then decides: a gate may let too much through, never too little.
/// </summary>
internal static class SyntaxGates
{
    /// <summary>
    /// The text gate of the compilation-wide scans: a file that never spells a name cannot declare or
    /// use it, and an ordinal search of the text is far cheaper than walking the file's syntax.
    /// </summary>
    public static bool Mentions(this SyntaxTree tree, string word, CancellationToken cancellationToken) =>
        tree.GetText(cancellationToken).ToString().IndexOf(word, StringComparison.Ordinal) >= 0;

    /// <summary>The same gate for several names: the file's text is read once.</summary>
    public static bool MentionsAny(this SyntaxTree tree, IReadOnlyCollection<string> words, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return false;
        }

        var text = tree.GetText(cancellationToken).ToString();
        foreach (var word in words)
        {
            if (text.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A syntactic superset of the client and handler type names: the HTTP types themselves and
    /// anything named like a client, handler or message invoker (derived types), or naming HttpClient anywhere
    /// (<c>class HttpClientSingleton : HttpClient</c>). Binding decides afterwards.
    /// </summary>
    public static bool MayNameHttpType(string name) =>
        name.EndsWith("Client", StringComparison.Ordinal) || name.EndsWith("Handler", StringComparison.Ordinal) ||
        name.EndsWith("Invoker", StringComparison.Ordinal) || name.IndexOf("HttpClient", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// The type a creation builds. An explicit <c>new X(...)</c> is bound speculatively as a type
    /// name at its position: asking the semantic model about a node inside a body would bind the
    /// whole body (and run nullable analysis over it) just to learn that X is a List.
    /// </summary>
    public static ITypeSymbol? CreatedType(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken) =>
        creation is ObjectCreationExpressionSyntax explicitCreation
            ? model.GetSpeculativeSymbolInfo(explicitCreation.Type.SpanStart, explicitCreation.Type, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol as ITypeSymbol
            : model.GetTypeInfo(creation, cancellationToken).Type;

    /// <summary>
    /// The name a creation's type is written with, when it can be read without binding: the
    /// rightmost identifier of <c>new X(...)</c>, or of the target type of a target-typed
    /// <c>new()</c> (see <see cref="TargetTypeSyntax"/>). Null when only binding can tell.
    /// </summary>
    public static string? WrittenTypeName(BaseObjectCreationExpressionSyntax creation) => RightmostName(WrittenType(creation));

    /// <summary>
    /// False when the written type can never be an HTTP type: a predefined type (<c>object _gate = new()</c>),
    /// an array, a tuple or a pointer. Everything else must be looked at further.
    /// </summary>
    public static bool WrittenTypeMayBeClass(BaseObjectCreationExpressionSyntax creation) =>
        WrittenType(creation) is not (PredefinedTypeSyntax or ArrayTypeSyntax or TupleTypeSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax);

    /// <summary>
    /// The syntax-only gate every creation rule passes before binding: the written type name (when
    /// there is one) must look like a client, handler or invoker (<c>...Client</c>, <c>...Handler</c>, <c>...Invoker</c>), which
    /// keeps derived types and skips <c>new List&lt;T&gt;()</c> without touching the semantic model.
    /// Using aliases to HTTP types are the one case this misses; HCG001 / HCG002 read aliases too.
    /// </summary>
    public static bool MayCreateHttpType(BaseObjectCreationExpressionSyntax creation) =>
        WrittenTypeMayBeClass(creation) &&
        (WrittenTypeName(creation) is not { } name || MayNameHttpType(name));

    /// <summary>The type syntax a creation's type is read from (nullable annotations removed), or null.</summary>
    private static TypeSyntax? WrittenType(BaseObjectCreationExpressionSyntax creation)
    {
        var type = creation is ObjectCreationExpressionSyntax explicitCreation ? explicitCreation.Type : TargetTypeSyntax(creation);
        while (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        return type;
    }

    /// <summary>
    /// The declared target type of a target-typed <c>new()</c>, read from syntax: the type of the
    /// variable, field, property or parameter it initializes, or the return type of the member it
    /// is returned from (the T of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c> in an async member).
    /// Null when the target comes from binding: an argument, an assignment, a lambda's return.
    /// Records, operators and field initializers written as <c>=&gt; new(...)</c> are common, and
    /// binding each of them (with nullable analysis of the whole member) costs more than all the rules.
    /// </summary>
    private static TypeSyntax? TargetTypeSyntax(BaseObjectCreationExpressionSyntax creation)
    {
        var parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }:
                return declaration.Type is SimpleNameSyntax { IsVar: true } ? null : declaration.Type;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Type;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax parameter }:
                return parameter.Type;
            case ArrowExpressionClauseSyntax arrow:
                return ReturnTypeOf(arrow.Parent);
            case ReturnStatementSyntax returnStatement:
                for (var node = returnStatement.Parent; node is not null; node = node.Parent)
                {
                    if (node is MemberDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                    {
                        return ReturnTypeOf(node);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What a <c>return</c> or an expression body in <paramref name="member"/> converts to; null for lambdas, iterators' callers and anything unsure.</summary>
    private static TypeSyntax? ReturnTypeOf(SyntaxNode? member)
    {
        var (returnType, modifiers) = member switch
        {
            MethodDeclarationSyntax method => (method.ReturnType, method.Modifiers),
            LocalFunctionStatementSyntax localFunction => (localFunction.ReturnType, localFunction.Modifiers),
            OperatorDeclarationSyntax op => (op.ReturnType, op.Modifiers),
            ConversionOperatorDeclarationSyntax conversion => (conversion.Type, conversion.Modifiers),
            BasePropertyDeclarationSyntax property => (property.Type, default(SyntaxTokenList)),
            AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: BasePropertyDeclarationSyntax property } => (property.Type, default(SyntaxTokenList)),
            _ => (null, default(SyntaxTokenList)),
        };
        if (returnType is RefTypeSyntax)
        {
            return null;
        }

        if (!modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return returnType;
        }

        return returnType is GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments: { Count: 1 } arguments }
            ? arguments[0]
            : null;
    }

    /// <summary>
    /// The name a receiver is written with, for a static call on a type that may not bind: <c>JsonConvert</c> in
    /// <c>JsonConvert.SerializeObject(...)</c> and in <c>Newtonsoft.Json.JsonConvert.SerializeObject(...)</c>; null for other shapes.
    /// </summary>
    public static string? WrittenReceiverName(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText,
        TypeSyntax type => RightmostName(type),
        _ => null,
    };

    /// <summary>The rightmost simple name of a written type (<c>Http</c> in <c>System.Net.Http</c>), or null for <c>var</c> and other shapes.</summary>
    public static string? RightmostName(TypeSyntax? type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple when !simple.IsVar => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// A syntax-only pre-check that <see cref="LongLivedStorage.KeepsForProcess(ExpressionSyntax, SemanticModel, WellKnownTypes, CancellationToken)"/> can be true, so that the ordinary object
    /// creations of method bodies (<c>var list = new List&lt;int&gt;()</c>, <c>Add(new Item())</c>)
    /// are dismissed without binding anything.
    /// </summary>
    public static bool MayBeKeptForProcess(ExpressionSyntax value)
    {
        SyntaxNode child = value;
        for (var parent = value.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case CastExpressionSyntax:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }:
                    continue;

                case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax fluent } access when access.Expression == child:
                    // new HttpClient(handler).WithUserAgent(): a fluent call may hand the client back (bound later).
                    parent = fluent;
                    continue;

                case AssignmentExpressionSyntax assignment:
                    return assignment.Right == child && assignment.Parent is not InitializerExpressionSyntax;

                case EqualsValueClauseSyntax equalsValue when equalsValue.Value == child:
                    return equalsValue.Parent switch
                    {
                        VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => field.Modifiers.Any(SyntaxKind.StaticKeyword),
                        PropertyDeclarationSyntax property => property.Modifiers.Any(SyntaxKind.StaticKeyword),
                        VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } => LocalMayBeKept(equalsValue),
                        _ => false,
                    };

                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == child:
                    return MayBeLongLivedFactory(lambda);

                case ReturnStatementSyntax:
                    return parent.ReturningFunction() is AnonymousFunctionExpressionSyntax returningLambda && MayBeLongLivedFactory(returningLambda);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax wrapper } }
                    when WrittenTypeName(wrapper) != "HttpClient":
                    // new LoggingHandler(new HttpClientHandler()): a delegating handler keeps its inner one as long as it is
                    // kept itself; new CurseForgeService(new HttpClient()): so does an object whose constructor stores it (both
                    // bound later). The handler of 'new HttpClient(new HttpClientHandler())' is judged with its client.
                    parent = wrapper;
                    continue;

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                    return KeepsItsArgument(invocation);

                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>private readonly HttpClient _http = new();</c>: the initializer of an instance field or property, which
    /// <see cref="MayBeKeptForProcess"/> leaves out (only the owner's lifetime can make it long-lived); also one branch of
    /// it (<c>_http = insecure ? new HttpClient(handler) : new HttpClient();</c>, the right of <c>??</c>).
    /// </summary>
    public static bool IsInstanceMemberInitializer(ExpressionSyntax value) =>
        ValueOf(value).Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } } =>
                !field.Modifiers.Any(SyntaxKind.StaticKeyword) && !field.Modifiers.Any(SyntaxKind.ConstKeyword),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => !property.Modifiers.Any(SyntaxKind.StaticKeyword),
            _ => false,
        };

    /// <summary>
    /// <paramref name="value"/> is an argument of a constructor's <c>this(...)</c> or <c>base(...)</c> call, for the constructor
    /// it chains to to keep (<c>: this(new HttpClient { Timeout = ... }, tokenStore)</c>).
    /// </summary>
    public static bool IsChainedConstructorArgument(ExpressionSyntax value) =>
        ValueOf(value).Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ConstructorInitializerSyntax } };

    /// <summary>The outermost expression <paramref name="value"/> is the value of (through parentheses, casts, <c>?:</c> branches, <c>??</c>).</summary>
    private static SyntaxNode ValueOf(ExpressionSyntax value)
    {
        SyntaxNode child = value;
        while (child.Parent is { } parent && parent.PassesValueThrough(child) && parent is not AwaitExpressionSyntax)
        {
            child = parent;
        }

        return child;
    }

    /// <summary>
    /// Locals can reach static storage only where a creation is not per call anyway: constructors,
    /// lambdas (factories), entry points and top-level statements; in another method or local function, only
    /// when the local is handed to a singleton registration or an atomic store (<c>var client = new HttpClient(...);
    /// services.AddSingleton(client);</c> in a <c>ConfigureServices</c>).
    /// </summary>
    private static bool LocalMayBeKept(SyntaxNode declaration)
    {
        for (var current = declaration.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case ConstructorDeclarationSyntax:
                case GlobalStatementSyntax:
                    return true;
                case MethodDeclarationSyntax { Identifier.ValueText: "Main" }:
                    return true;
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                    return declaration.Parent is VariableDeclaratorSyntax declarator && IsRegisteredAsSingleton(declarator.Identifier.ValueText, current);
                case AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary><paramref name="name"/> is an argument of a singleton registration (or an atomic store) in <paramref name="member"/>, by name alone.</summary>
    private static bool IsRegisteredAsSingleton(string name, SyntaxNode member)
    {
        foreach (var node in member.DescendantNodes())
        {
            if (node is ArgumentSyntax { Expression: IdentifierNameSyntax argument, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } &&
                argument.Identifier.ValueText == name && KeepsItsArgument(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A call that may keep what it is given for the process, by name: a singleton registration, an atomic store into a static.</summary>
    private static bool KeepsItsArgument(InvocationExpressionSyntax invocation) =>
        invocation.InvokedName() is "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "CompareExchange" or "Exchange" or
            "RegisterInstance";

    private static bool MayBeLongLivedFactory(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var receiver } } &&
        (receiver is BaseObjectCreationExpressionSyntax ||
         receiver is InvocationExpressionSyntax invocation &&
         invocation.InvokedName() is "AddSingleton" or "TryAddSingleton" or "AddKeyedSingleton" or "TryAddKeyedSingleton" or "EnsureInitialized" or "Register");
}
