using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Which invocations may hand out an <c>HttpResponseMessage</c>, decided from their name before
/// anything is bound: HttpClient's own methods, every method declared in source whose return type
/// mentions HttpResponseMessage, and every field, property, parameter, local or tuple element of a <c>Func</c> type that
/// returns one (<c>_fetch(request)</c>, <c>attempt.call()</c>), found once per compilation, in the files that spell it; and the methods of
/// referenced packages and projects (not the frameworks) that return a response, read once per assembly (a sibling
/// project's <c>IRestClient.PostAsync</c> returning <c>Task&lt;HttpResponseMessage&gt;</c> too: under HttpClient's own
/// name it is not a name-alike). A name filter, not a verdict: whatever passes is bound and decided by its type.
/// </summary>
internal sealed class ResponseMethodNames
{
    /// <summary>
    /// The HttpClient / HttpMessageInvoker methods that hand out a response, and the JSON / XML extension methods
    /// of System.Net.Http.Json and Microsoft.AspNet.WebApi.Client that do (<c>PostAsJsonAsync</c>, ...).
    /// </summary>
    private static readonly string[] s_wellKnown =
    {
        "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "PostAsXmlAsync", "PutAsXmlAsync",
    };

    /// <summary>The extension methods among <see cref="s_wellKnown"/>: they come from a package, which folder mode may lack.</summary>
    private static readonly string[] s_contentExtensions =
    {
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "PostAsXmlAsync", "PutAsXmlAsync",
    };

    /// <summary>
    /// Referenced assemblies whose names start so are the .NET, ASP.NET Core and Windows frameworks: their methods that hand
    /// out a response are HttpClient's own (and the JSON / XML extensions above), or build responses for a server to send
    /// (<c>Request.CreateResponse</c> of ASP.NET Web API), which hold no connection.
    /// </summary>
    private static readonly string[] s_frameworkAssemblyPrefixes =
    {
        "System.", "Microsoft.AspNetCore.", "Microsoft.Extensions.", "Microsoft.NETCore.", "Microsoft.Win32.", "Microsoft.VisualBasic",
        "Microsoft.CSharp", "Microsoft.JSInterop", "Microsoft.Windows.", "Microsoft.WindowsDesktop.", "Presentation", "Windows.", "WinRT.",
    };

    private static readonly string[] s_frameworkAssemblyNames = { "System", "mscorlib", "netstandard", "WindowsBase", "Microsoft.Win32.Primitives" };

    // Keyed by the referenced assembly's symbol, which the compilations of an IDE session share while the reference is
    // unchanged: each package is read once, not at every edit.
    private static readonly ConditionalWeakTable<IAssemblySymbol, ImmutableHashSet<string>> s_declaredInReference = new();

    private readonly Lazy<HashSet<string>> _all;
    private readonly Lazy<HashSet<string>> _declaredInSource;
    private readonly Lazy<HashSet<string>> _wellKnownDeclaredInReferences;
    private readonly Lazy<(string Name, uint Hash)[]> _hashed;
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)>> _callsIn = new();

    public ResponseMethodNames(Compilation compilation)
    {
        _declaredInSource = new Lazy<HashSet<string>>(() => CollectSourceNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        var referenced = new Lazy<HashSet<string>>(() => CollectReferencedNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _wellKnownDeclaredInReferences = new Lazy<HashSet<string>>(
            () => new HashSet<string>(referenced.Value.Where(IsWellKnown), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _all = new Lazy<HashSet<string>>(
            () => new HashSet<string>(s_wellKnown.Concat(_declaredInSource.Value).Concat(referenced.Value), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _hashed = new Lazy<(string Name, uint Hash)[]>(
            () => _all.Value.Select(name => (name, SyntaxTreeIndex.WordHash(name))).ToArray(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool MayReturnResponse(string methodName) => _all.Value.Contains(methodName);

    /// <summary>
    /// The calls in <paramref name="tree"/> whose names <see cref="MayReturnResponse"/> admits (by the file's index, a superset of
    /// the names it spells), in text order: read once per file, as every member of the file asks and most files spell none
    /// (<see cref="MemberDeclarations.Within"/> hands each member its share).
    /// </summary>
    public ImmutableArray<(int Position, InvocationExpressionSyntax Invocation, string Name)> CallsIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_callsIn.TryGetValue(tree, out var calls))
        {
            return calls;
        }

        return _callsIn.GetOrAdd(tree, MemberDeclarations.CallsIn(tree, _hashed.Value, cancellationToken));
    }

    /// <summary>An HttpClient / HttpMessageInvoker method (or JSON / XML extension) that hands out a response.</summary>
    public static bool IsWellKnown(string methodName) => Array.IndexOf(s_wellKnown, methodName) >= 0;

    /// <summary>A JSON / XML extension of HttpClient (System.Net.Http.Json, Microsoft.AspNet.WebApi.Client) that hands out a response.</summary>
    public static bool IsContentExtension(string methodName) => Array.IndexOf(s_contentExtensions, methodName) >= 0;

    /// <summary>
    /// True when only HttpClient / HttpMessageInvoker declare a response-returning method of this
    /// name here (<c>GetAsync</c>, <c>SendAsync</c>, ...): no method declared in source or in a referenced package or
    /// project returns a response under it, so a call on any other receiver type is not one.
    /// </summary>
    public bool IsOnlyWellKnown(string methodName) =>
        IsWellKnown(methodName) && !_declaredInSource.Value.Contains(methodName) && !_wellKnownDeclaredInReferences.Value.Contains(methodName);

    private static HashSet<string> CollectSourceNames(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Only files that spell HttpResponseMessage, and in them only type-level declarations, never
        // member bodies; each file's answer is kept with its syntax tree (SyntaxTreeIndex), so after an
        // edit only the edited file is read again. Methods from referenced assemblies with other names are
        // not found here; their lambdas still lead to them (see DisposalAnalysis).
        foreach (var tree in compilation.SyntaxTrees)
        {
            var index = SyntaxTreeIndex.For(tree, CancellationToken.None);
            if (index.MayMention("HttpResponseMessage"))
            {
                names.UnionWith(index.Fact(s_declaredInTree, static (tree, cancellationToken) => DeclaredIn(tree, cancellationToken), CancellationToken.None));
            }
        }

        var resultTypes = new HashSet<string>(names.Where(static name => name.StartsWith(ResultTypeMark, StringComparison.Ordinal)).Select(static name => name.Substring(ResultTypeMark.Length)), StringComparer.Ordinal);
        if (resultTypes.Count > 0)
        {
            names.RemoveWhere(static name => name.StartsWith(ResultTypeMark, StringComparison.Ordinal));
            ResultTypeUses(compilation, resultTypes, names);
        }

        var delegateTypes = new HashSet<string>(names.Where(static name => name.StartsWith(DelegateTypeMark, StringComparison.Ordinal)).Select(static name => name.Substring(DelegateTypeMark.Length)), StringComparer.Ordinal);
        if (delegateTypes.Count > 0)
        {
            names.RemoveWhere(static name => name.StartsWith(DelegateTypeMark, StringComparison.Ordinal));
            ResponseDelegateUses(compilation, delegateTypes, names);
        }

        return names;
    }

    /// <summary>
    /// The methods of referenced packages and projects (not the frameworks) that hand out a response: a public or protected
    /// method whose declared return type is <c>HttpResponseMessage</c>, <c>Task&lt;HttpResponseMessage&gt;</c> or
    /// <c>ValueTask&lt;HttpResponseMessage&gt;</c> (<c>IDownstreamApi.CallApiAsync</c>, a sibling project's <c>PostJsonAsync</c>
    /// extension, its <c>IRestClient.PostAsync</c>). Overrides (a handler's <c>SendAsync</c>) are left out: they are
    /// HttpClient's pipeline, not a method anyone calls for a response.
    /// </summary>
    private static HashSet<string> CollectReferencedNames(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!IsFramework(assembly.Identity.Name))
            {
                names.UnionWith(s_declaredInReference.GetValue(assembly, static assembly => DeclaredIn(assembly)));
            }
        }

        return names;
    }

    private static bool IsFramework(string assemblyName)
    {
        if (Array.IndexOf(s_frameworkAssemblyNames, assemblyName) >= 0)
        {
            return true;
        }

        foreach (var prefix in s_frameworkAssemblyPrefixes)
        {
            if (assemblyName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableHashSet<string> DeclaredIn(IAssemblySymbol assembly)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(assembly.GlobalNamespace);
        var types = new Stack<INamedTypeSymbol>();
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case INamespaceSymbol nested:
                        namespaces.Push(nested);
                        break;
                    case INamedTypeSymbol type when IsVisible(type):
                        types.Push(type);
                        break;
                }
            }

            while (types.Count > 0)
            {
                var type = types.Pop();
                foreach (var member in type.GetMembers())
                {
                    switch (member)
                    {
                        case INamedTypeSymbol nested when IsVisible(nested):
                            types.Push(nested);
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsOverride: false } method
                            when IsVisible(method) && IsResponseOrTaskOfResponse(method.ReturnType) && !(IsWellKnown(method.Name) && IsMessageInvoker(type)):
                            names.Add(method.Name);
                            break;
                    }
                }
            }
        }

        return names.ToImmutable();

        static bool IsVisible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;
    }

    /// <summary>
    /// A type deriving from HttpMessageInvoker (a package's own <c>HttpClient</c> subclass): its <c>SendAsync</c> is the
    /// well-known one, already decided by the receiver's type.
    /// </summary>
    private static bool IsMessageInvoker(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is { Name: "HttpMessageInvoker", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "Net", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>By name, so that one answer serves every compilation that references the assembly.</summary>
    private static bool IsResponseOrTaskOfResponse(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments: { Length: 1 } arguments } task &&
            task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            type = arguments[0];
        }

        return type is { Name: "HttpResponseMessage", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "Net", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
    }

    private static readonly object s_declaredInTree = new();

    private static ImmutableHashSet<string> DeclaredIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!tree.Mentions("HttpResponseMessage", cancellationToken))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    if (MentionsResponse(method.ReturnType))
                    {
                        names.Add(method.Identifier.ValueText);
                    }

                    AddResponseFuncs(method.ParameterList, names);
                    break;

                case ConstructorDeclarationSyntax constructor:
                    AddResponseFuncs(constructor.ParameterList, names);
                    break;

                case FieldDeclarationSyntax field when IsResponseFunc(field.Declaration.Type):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        names.Add(variable.Identifier.ValueText);
                    }

                    names.Add(DelegateInvoke);
                    break;

                case PropertyDeclarationSyntax property when IsResponseFunc(property.Type):
                    names.Add(property.Identifier.ValueText);
                    names.Add(DelegateInvoke);
                    break;
            }

            // A result type that holds a response (record ApiResponse { HttpResponseMessage Raw { get; init; } }, or
            // record ApiResponse(int StatusCode, HttpResponseMessage Raw)): noted for the second pass (ResultTypeUses).
            if (node is TypeDeclarationSyntax holder && HoldsAResponse(holder))
            {
                names.Add(ResultTypeMark + holder.Identifier.ValueText);
            }
        }

        // Local functions that hand out a response (async Task<HttpResponseMessage> WriteCommandAsync(...) inside a method, or
        // in top-level statements): their calls are producers as a method's are; so are locals and tuple elements of a response
        // Func (Func<Task<HttpResponseMessage>> send = () => client.GetAsync(u); await send()). A delegate type that returns a
        // response is noted for the second pass (ResponseDelegateUses).
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            switch (node)
            {
                case LocalFunctionStatementSyntax local when MentionsResponse(local.ReturnType):
                    names.Add(local.Identifier.ValueText);
                    break;
                case LocalDeclarationStatementSyntax { Declaration: var declaration } when IsResponseFunc(declaration.Type):
                    foreach (var variable in declaration.Variables)
                    {
                        names.Add(variable.Identifier.ValueText);
                    }

                    names.Add(DelegateInvoke);
                    break;
                // A tuple element of a response Func ('(string name, Func<Task<HttpResponseMessage>> call)', a list of
                // attempts each tried by 'await attempt.call()'): its calls are producers as a Func local's are.
                case TupleElementSyntax { Identifier.ValueText: { Length: > 0 } element, Type: var elementType } when IsResponseFunc(elementType):
                    names.Add(element);
                    names.Add(DelegateInvoke);
                    break;
                case DelegateDeclarationSyntax @delegate when MentionsResponse(@delegate.ReturnType):
                    names.Add(DelegateTypeMark + @delegate.Identifier.ValueText);
                    break;
            }
        }

        return names.ToImmutable();
    }

    /// <summary>Marks the name of a result type that holds a response among a file's names (no identifier starts so).</summary>
    private const string ResultTypeMark = "@";

    /// <summary>A class, record or struct that declares a field, property or record parameter of type <c>HttpResponseMessage</c>.</summary>
    private static bool HoldsAResponse(TypeDeclarationSyntax type)
    {
        if (type.ParameterList is { } parameters && parameters.Parameters.Any(static parameter => IsResponseType(parameter.Type)))
        {
            return true;
        }

        foreach (var member in type.Members)
        {
            if (member is PropertyDeclarationSyntax { Type: var propertyType } && IsResponseType(propertyType) ||
                member is FieldDeclarationSyntax { Declaration.Type: var fieldType } && IsResponseType(fieldType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsResponseType(TypeSyntax? type) =>
        SyntaxGates.RightmostName(type is NullableTypeSyntax nullable ? nullable.ElementType : type) == "HttpResponseMessage";

    /// <summary>
    /// The methods declared in source whose return type names a result type that holds a response (<c>Task&lt;ApiResponse&gt;
    /// MakeRequestAsync(...)</c>): their calls may hand a response out inside that object
    /// (<see cref="DisposalAnalysis.ResponseMemberOfResult"/> decides once bound).
    /// </summary>
    private static void ResultTypeUses(Compilation compilation, HashSet<string> resultTypes, HashSet<string> names)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var index = SyntaxTreeIndex.For(tree, CancellationToken.None);
            if (!resultTypes.Any(index.MayMention))
            {
                continue;
            }

            foreach (var method in tree.GetRoot().DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MethodDeclarationSyntax>())
            {
                if (resultTypes.Any(method.ReturnType.SpellsIdentifier))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }
    }

    /// <summary>Marks a delegate type's name among a file's names (no identifier starts so).</summary>
    private const string DelegateTypeMark = "#";

    /// <summary>
    /// The parameters, fields, properties and locals of this compilation typed as one of <paramref name="delegateTypes"/> (delegate
    /// types that return a response: <c>delegate Task&lt;HttpResponseMessage&gt; Handler(string token)</c>), in the files that spell one:
    /// invoking them hands out a response, as a response <c>Func</c>'s does.
    /// </summary>
    private static void ResponseDelegateUses(Compilation compilation, HashSet<string> delegateTypes, HashSet<string> names)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var index = SyntaxTreeIndex.For(tree, CancellationToken.None);
            if (!delegateTypes.Any(index.MayMention))
            {
                continue;
            }

            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case ParameterSyntax { Type: { } type } parameter when NamesOneOf(type, delegateTypes):
                        names.Add(parameter.Identifier.ValueText);
                        names.Add(DelegateInvoke);
                        break;
                    case VariableDeclarationSyntax { Type: var type } declaration when NamesOneOf(type, delegateTypes):
                        foreach (var variable in declaration.Variables)
                        {
                            names.Add(variable.Identifier.ValueText);
                        }

                        names.Add(DelegateInvoke);
                        break;
                    case PropertyDeclarationSyntax { Type: var type } property when NamesOneOf(type, delegateTypes):
                        names.Add(property.Identifier.ValueText);
                        names.Add(DelegateInvoke);
                        break;
                }
            }
        }
    }

    private static bool NamesOneOf(TypeSyntax type, HashSet<string> delegateTypes)
    {
        if (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        return SyntaxGates.RightmostName(type) is { } name && delegateTypes.Contains(name);
    }

    /// <summary>
    /// <c>action.Invoke(client)</c>, <c>action?.Invoke(client)</c>: a response <c>Func</c> invoked by its delegate method. Admitted
    /// only in a compilation that declares such a <c>Func</c>; each call of the name is then bound, and only one whose
    /// delegate returns a response goes on.
    /// </summary>
    private const string DelegateInvoke = "Invoke";

    /// <summary>Parameters a member can invoke for a response: <c>Func&lt;HttpRequestMessage, Task&lt;HttpResponseMessage&gt;&gt; fetch</c>.</summary>
    private static void AddResponseFuncs(ParameterListSyntax parameters, ImmutableHashSet<string>.Builder names)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Type is { } type && IsResponseFunc(type))
            {
                names.Add(parameter.Identifier.ValueText);
                names.Add(DelegateInvoke);
            }
        }
    }

    /// <summary><c>Func&lt;..., Task&lt;HttpResponseMessage&gt;&gt;</c> (nullable or qualified too): invoking it hands out a response.</summary>
    private static bool IsResponseFunc(TypeSyntax type)
    {
        if (type is NullableTypeSyntax nullable)
        {
            type = nullable.ElementType;
        }

        if (type is QualifiedNameSyntax qualified)
        {
            type = qualified.Right;
        }

        return type is GenericNameSyntax { Identifier.ValueText: "Func", TypeArgumentList.Arguments: { Count: > 0 } arguments } &&
               MentionsResponse(arguments[arguments.Count - 1]);
    }

    private static bool MentionsResponse(TypeSyntax returnType) => returnType.SpellsIdentifier("HttpResponseMessage");
}
