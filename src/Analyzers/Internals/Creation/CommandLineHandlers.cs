using System.Threading;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The handler of a command-line command runs once per run of the program: the parser picks one command from the
/// arguments and invokes its handler. A handler is a delegate handed to a command-line library
/// (<c>app.OnExecuteAsync(async ct =&gt; ...)</c>, <c>command.SetHandler(...)</c>, <c>command.SetAction(...)</c>,
/// <c>CommandHandler.Create(...)</c>, <c>Parser.Default.ParseArguments&lt;T&gt;(args).WithParsed(...)</c>, CommandLineParser's
/// <c>.MapResult((InitOptions o) =&gt; ..., (BuildOptions o) =&gt; ..., errors =&gt; 1)</c>, which runs the one that parsed) or the execute
/// method of a command class (Spectre.Console.Cli's <c>Command&lt;T&gt;.Execute</c>, McMaster's <c>OnExecute</c> of a
/// <c>[Command]</c> type, a public method of a ConsoleAppFramework command class). Decided from the library's types; where the call does not bind at all (folder mode without the
/// package), from the method's name alone, which these libraries own.
/// </summary>
internal static class CommandLineHandlers
{
    /// <summary>
    /// The delegates handed to <paramref name="invocation"/> are run by a command-line library as a command's handler.
    /// </summary>
    public static bool IsHandlerArgument(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.InvokedName() is not { } name || !IsHandlerRegistrationName(name))
        {
            return false;
        }

        var info = model.GetSymbolInfo(invocation, cancellationToken);
        if (info.Symbol is IMethodSymbol method)
        {
            return IsHandlerRegistration(method);
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is IMethodSymbol candidateMethod && IsHandlerRegistration(candidateMethod))
            {
                return true;
            }
        }

        // The library is not referenced (folder mode without packages): the names are the libraries' own, except Create,
        // which is everybody's: System.CommandLine's only when called on an unbound 'CommandHandler' in a file that imports
        // the library's namespace.
        return info.CandidateSymbols.IsEmpty && (name != "Create" || IsUnboundCommandHandlerCreate(invocation, model, cancellationToken));
    }

    private static bool IsUnboundCommandHandlerCreate(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "CommandHandler" } receiver } &&
        model.GetSymbolInfo(receiver, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true } &&
        (invocation.SyntaxTree.ImportsNamespace("System.CommandLine.Invocation") || invocation.SyntaxTree.ImportsNamespace("System.CommandLine"));

    private static bool IsHandlerRegistration(IMethodSymbol method) =>
        method.Name == "Create"
            ? method.ContainingType is { Name: "CommandHandler" } handler && IsCommandLineLibrary(handler)
            : IsCommandLineLibrary(method.ContainingType);

    /// <summary>
    /// <c>Execute</c> / <c>ExecuteAsync</c> overriding Spectre.Console.Cli's or Aiursoft.CommandFramework's command base classes or implementing CliFx's <c>ICommand</c>, <c>Invoke</c> / <c>InvokeAsync</c>
    /// implementing System.CommandLine's <c>ICommandHandler</c>, and McMaster's convention method <c>OnExecute</c> /
    /// <c>OnExecuteAsync</c> on a type with its <c>[Command]</c> or <c>[Subcommand]</c> attribute: the program runs it once.
    /// </summary>
    public static bool IsCommandMethod(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (IsConsoleAppCommand(method, model, cancellationToken))
        {
            return true;
        }

        var name = method.Identifier.ValueText;
        if (name is not ("Execute" or "ExecuteAsync" or "Invoke" or "InvokeAsync" or "OnExecute" or "OnExecuteAsync") ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared || declared.IsStatic)
        {
            return false;
        }

        if (name is "OnExecute" or "OnExecuteAsync")
        {
            foreach (var attribute in declared.ContainingType.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "CommandAttribute" or "SubcommandAttribute" } attributeClass && IsCommandLineLibrary(attributeClass))
                {
                    return true;
                }
            }

            // 'CommandLineApplication.ExecuteAsync<Program>(args)' runs the convention method of a type with no attribute, and
            // the call may sit in another project: the method takes the library's 'CommandLineApplication' (or its console),
            // or the type's properties are the library's '[Option]' / '[Argument]'s.
            foreach (var parameter in declared.Parameters)
            {
                if (parameter.Type is INamedTypeSymbol parameterType && IsCommandLineLibrary(parameterType))
                {
                    return true;
                }
            }

            foreach (var member in declared.ContainingType.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                foreach (var attribute in property.GetAttributes())
                {
                    if (attribute.AttributeClass is { Name: "OptionAttribute" or "ArgumentAttribute" } attributeClass && IsCommandLineLibrary(attributeClass))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (IsCommandLineLibrary(overridden.ContainingType))
            {
                return true;
            }
        }

        foreach (var @interface in declared.ContainingType.AllInterfaces)
        {
            if (!IsCommandLineLibrary(@interface))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(name))
            {
                if (SymbolEqualityComparer.Default.Equals(declared.ContainingType.FindImplementationForInterfaceMember(member), declared))
                {
                    return true;
                }
            }
        }

        return IsUnboundCliFxCommand(declared) || IsUnboundAiursoftCommand(declared);
    }

    /// <summary>
    /// A public method of a command class of ConsoleAppFramework (Cysharp): a type registered on the app
    /// (<c>var app = ConsoleApp.Create(); app.Add&lt;MyCommands&gt;(); app.Run(args);</c>, version 4's <c>AddCommands&lt;T&gt;()</c> and
    /// <c>AddSubCommands&lt;T&gt;()</c>, also along the fluent chain from <c>ConsoleApp.Create(...)</c>) or deriving from version
    /// 4's <c>ConsoleAppBase</c>. <c>Run</c> dispatches the one command the arguments name, once per run of the program.
    /// Version 5 generates <c>ConsoleApp</c> into the project, so in folder mode it does not bind: an unbound
    /// <c>ConsoleApp</c> counts in a file that imports <c>ConsoleAppFramework</c>.
    /// </summary>
    private static bool IsConsoleAppCommand(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!method.Modifiers.Any(SyntaxKind.PublicKeyword) || method.Parent is not ClassDeclarationSyntax ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } declared)
        {
            return false;
        }

        var type = declared.ContainingType;
        for (var @base = type.BaseType; @base is not null; @base = @base.BaseType)
        {
            if (@base.Name == "ConsoleAppBase" &&
                (@base.TypeKind == TypeKind.Error ? method.SyntaxTree.ImportsNamespace("ConsoleAppFramework") : @base.ContainingNamespace?.ToDisplayString() == "ConsoleAppFramework"))
            {
                return true;
            }
        }

        foreach (var name in SyntaxTreeIndex.SimpleNames(model.Compilation, type.Name, cancellationToken))
        {
            TypeSyntax written = name;
            while (written.Parent is QualifiedNameSyntax qualified && qualified.Right == written)
            {
                written = qualified;
            }

            if (written.Parent is not TypeArgumentListSyntax { Arguments.Count: 1, Parent: GenericNameSyntax { Identifier.ValueText: "Add" or "AddCommands" or "AddSubCommands" } added } ||
                added.InvocationNamedBy() is not { Expression: MemberAccessExpressionSyntax { Expression: { } receiver } } registration ||
                !OnAConsoleApp(receiver, model.Compilation.ModelFor(registration.SyntaxTree), cancellationToken))
            {
                continue;
            }

            var registrationModel = model.Compilation.ModelFor(registration.SyntaxTree);
            if (SymbolEqualityComparer.Default.Equals(registrationModel.GetTypeInfo(written, cancellationToken).Type?.OriginalDefinition, type.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="receiver"/> is ConsoleAppFramework's app: <c>ConsoleApp.Create(...)</c> (or a link of a fluent chain on it),
    /// or a local whose only value is one.
    /// </summary>
    private static bool OnAConsoleApp(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
    {
        var expression = receiver.Unwrap();
        if (expression is IdentifierNameSyntax identifier && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
        {
            expression = LongLivedStorage.OnlyValueOf(local, model, cancellationToken)?.Unwrap();
        }

        // ConsoleApp.Create().Add<A>().Add<B>(): down the chain to its start.
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax inner, Name.Identifier.ValueText: not ("Create" or "CreateBuilder") } })
        {
            expression = inner;
        }

        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" or "CreateBuilder", Expression: IdentifierNameSyntax { Identifier.ValueText: "ConsoleApp" } app } })
        {
            // ConsoleApp.CreateBuilder(args).Build(): version 4's builder.
            if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build", Expression: InvocationExpressionSyntax built } })
            {
                return OnAConsoleApp(built, model, cancellationToken);
            }

            return false;
        }

        var bound = model.GetSymbolInfo(app, cancellationToken).Symbol as INamedTypeSymbol;
        return bound is null
            ? receiver.SyntaxTree.ImportsNamespace("ConsoleAppFramework")
            : bound.ContainingNamespace?.ToDisplayString() == "ConsoleAppFramework";
    }

    /// <summary>
    /// Aiursoft.CommandFramework's <c>protected override Task Execute(ParseResult context)</c> of an
    /// <c>ExecutableCommandHandlerBuilder</c> (the app's <c>SingleCommandApp&lt;T&gt;</c> or <c>NestedCommandApp</c> runs the one
    /// command the arguments name), where the framework does not bind (folder mode without the package): known by the base's
    /// name, the override and its one <c>ParseResult</c> parameter (System.CommandLine's, bound or not).
    /// </summary>
    private static bool IsUnboundAiursoftCommand(IMethodSymbol method) =>
        method is { Name: "Execute", IsOverride: true, Parameters.Length: 1 } &&
        method.Parameters[0].Type is { Name: "ParseResult" } parseResult &&
        (parseResult.TypeKind == TypeKind.Error || parseResult.ContainingNamespace?.ToDisplayString() == "System.CommandLine") &&
        method.ContainingType.BaseType is { Name: "ExecutableCommandHandlerBuilder", TypeKind: TypeKind.Error };

    /// <summary>
    /// CliFx's <c>ValueTask ExecuteAsync(IConsole console)</c> of a <c>[Command]</c> type that implements <c>ICommand</c>, where
    /// CliFx does not bind (folder mode; a CliFx build referenced from a submodule that is not checked out): known by the three
    /// names together, the interface, its one method's console parameter and the attribute. WPF's <c>ICommand</c> has
    /// <c>Execute(object)</c> and no attribute.
    /// </summary>
    private static bool IsUnboundCliFxCommand(IMethodSymbol method)
    {
        if (method.Name != "ExecuteAsync" || method.Parameters.Length != 1 || method.Parameters[0].Type is not { Name: "IConsole" } console ||
            (console.TypeKind != TypeKind.Error && console.ContainingNamespace?.ToDisplayString() != "CliFx.Infrastructure"))
        {
            return false;
        }

        // An unbound first entry of the base list may stand as the base type: the compiler cannot tell it is an interface.
        var implementsCommand = method.ContainingType.BaseType is { Name: "ICommand", TypeKind: TypeKind.Error };
        foreach (var @interface in method.ContainingType.Interfaces)
        {
            implementsCommand |= @interface is { Name: "ICommand", TypeKind: TypeKind.Error };
        }

        if (!implementsCommand)
        {
            return false;
        }

        foreach (var attribute in method.ContainingType.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "CommandAttribute" or "Command" } attributeClass &&
                (attributeClass.TypeKind == TypeKind.Error || IsCommandLineLibrary(attributeClass)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHandlerRegistrationName(string name) =>
        name is "OnExecute" or "OnExecuteAsync" or "SetHandler" or "SetAction" or "WithParsed" or "WithParsedAsync" or "MapResult" or "Create";

    /// <summary>
    /// A type of System.CommandLine, McMaster's or Microsoft.Extensions' CommandLineUtils, CommandLineParser
    /// (namespace <c>CommandLine</c>), Spectre.Console.Cli, CliFx (<c>ICommand.ExecuteAsync</c>) or Aiursoft.CommandFramework
    /// (<c>ExecutableCommandHandlerBuilder.Execute</c>, over System.CommandLine).
    /// </summary>
    private static bool IsCommandLineLibrary(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("System.CommandLine", System.StringComparison.Ordinal) || ns.StartsWith("Aiursoft.CommandFramework", System.StringComparison.Ordinal) ||
               ns is "McMaster.Extensions.CommandLineUtils" or "Microsoft.Extensions.CommandLineUtils" or "CommandLine" or "Spectre.Console.Cli" or "CliFx" or "CliFx.Attributes";
    }
}
