using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Framework base types (and handler interfaces) whose instances the framework creates per request (or per call): an
/// HTTP client in their constructor is a client per request. Resolved once per compilation.
/// </summary>
internal sealed class FrameworkOwners
{
    private readonly (INamedTypeSymbol Type, string Kind, bool ConstructorInjected)[] _perRequestBases;
    private readonly INamedTypeSymbol? _apiControllerAttribute;

    private FrameworkOwners((INamedTypeSymbol, string, bool)[] perRequestBases, INamedTypeSymbol? apiControllerAttribute)
    {
        _perRequestBases = perRequestBases;
        _apiControllerAttribute = apiControllerAttribute;
    }

    public static FrameworkOwners Create(Compilation compilation)
    {
        var bases = new System.Collections.Generic.List<(INamedTypeSymbol, string, bool)>();
        Add("Microsoft.AspNetCore.Mvc.ControllerBase", "an ASP.NET Core controller, created per request", constructorInjected: true);
        Add("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "a Razor Pages model, created per request", constructorInjected: true);
        Add("Microsoft.AspNetCore.SignalR.Hub", "a SignalR hub, created per hub method call", constructorInjected: true);

        // Blazor components get services through [Inject] properties; System.Web has no container of ASP.NET Core's.
        Add("Microsoft.AspNetCore.Components.ComponentBase", "a Blazor component, created per render of its parent", constructorInjected: false);
        Add("System.Web.Mvc.Controller", "an ASP.NET MVC controller, created per request", constructorInjected: false);
        Add("System.Web.Http.ApiController", "an ASP.NET Web API controller, created per request", constructorInjected: false);

        // Discord.Net builds a module for every command it runs (modules are transient, filled from the service provider).
        // DSharpPlus's slash commands do unless the module says [SlashModuleLifespan(SlashModuleLifespan.Singleton)]; its
        // CommandsNext keeps one module for the bot unless the module says [ModuleLifespan(ModuleLifespan.Transient)]
        // (RegisterCommands falls back to ModuleLifespan.Singleton).
        Add("Discord.Commands.ModuleBase`1", DiscordModuleKind, constructorInjected: true);
        Add("Discord.Interactions.InteractionModuleBase`1", DiscordModuleKind, constructorInjected: true);
        Add("DSharpPlus.CommandsNext.BaseCommandModule", DSharpPlusCommandsNextKind, constructorInjected: true);
        Add("DSharpPlus.SlashCommands.ApplicationCommandModule", DSharpPlusModuleKind, constructorInjected: true);

        // DisCatSharp, DSharpPlus's fork, keeps its module bases and lifespans.
        Add("DisCatSharp.CommandsNext.BaseCommandModule", DisCatSharpCommandsNextKind, constructorInjected: true);
        Add("DisCatSharp.ApplicationCommands.ApplicationCommandsModule", DisCatSharpModuleKind, constructorInjected: true);

        // MediatR registers the handlers it finds as transient unless told otherwise: the container builds one per request sent.
        Add("MediatR.IRequestHandler`2", MediatRHandlerKind, constructorInjected: true);
        Add("MediatR.IRequestHandler`1", MediatRHandlerKind, constructorInjected: true);
        Add("MediatR.INotificationHandler`1", MediatRHandlerKind, constructorInjected: true);
        Add("MediatR.IStreamRequestHandler`2", MediatRHandlerKind, constructorInjected: true);
        return new FrameworkOwners(bases.ToArray(), compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute"));

        void Add(string metadataName, string kind, bool constructorInjected)
        {
            if (compilation.GetTypeByMetadataName(metadataName) is { } type)
            {
                bases.Add((type, kind, constructorInjected));
            }
        }
    }

    /// <summary>
    /// Why ASP.NET Core creates <paramref name="owner"/> filling its constructor from the container
    /// (controllers, Razor Pages models, hubs), or null.
    /// </summary>
    public string? ConstructorInjectedKind(INamedTypeSymbol owner)
    {
        foreach (var (type, kind, constructorInjected) in _perRequestBases)
        {
            if (Is(owner, type))
            {
                return constructorInjected ? KindUnlessLifespanSaysOtherwise(owner, kind) : null;
            }
        }

        return HasApiControllerAttribute(owner) ? ApiControllerKind : null;
    }

    /// <summary>Why instances of <paramref name="owner"/> are per request, or null when they are not known to be.</summary>
    public string? PerRequestKind(INamedTypeSymbol owner)
    {
        var kind = BoundKind(owner, out var bound);
        if (!bound)
        {
            kind = HasApiControllerAttribute(owner) ? ApiControllerKind
                : IsNonSharedPart(owner) ? NonSharedPartKind
                : ImplementsUnboundMediatRHandler(owner) ? MediatRHandlerKind
                : UnboundControllerKind(owner);
        }

        return kind is DiscordModuleKind or DSharpPlusModuleKind or DisCatSharpModuleKind or DSharpPlusCommandsNextKind or DisCatSharpCommandsNextKind &&
               !DeclaresACommand(owner)
            ? null
            : kind;

        // The first framework base the owner derives from decides, its lifespan attribute included (a module that says it
        // lives for the bot is no per-request owner, whatever else it is).
        string? BoundKind(INamedTypeSymbol type, out bool found)
        {
            foreach (var (baseType, baseKind, _) in _perRequestBases)
            {
                if (Is(type, baseType))
                {
                    found = true;
                    return KindUnlessLifespanSaysOtherwise(type, baseKind);
                }
            }

            found = false;
            return null;
        }
    }

    /// <summary>
    /// A bot command module is built for a command it runs: one that declares no command method (<c>[Command]</c>,
    /// <c>[SlashCommand]</c>, <c>[UserCommand]</c>, <c>[MessageCommand]</c>, <c>[ContextMenu]</c>, <c>[ComponentInteraction]</c>,
    /// <c>[ModalInteraction]</c>, <c>[AutocompleteCommand]</c>, on it or a base of it, bound or as written) is never built by the
    /// framework, however it derives (a service deriving from <c>ModuleBase</c> for its helpers, registered as a singleton).
    /// </summary>
    private static bool DeclaresACommand(INamedTypeSymbol owner)
    {
        for (var current = owner; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method &&
                    method.GetAttributes().Any(static a => a.AttributeClass?.Name is { } name && IsCommandAttributeName(name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCommandAttributeName(string name)
    {
        var bare = name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        return bare is "Command" or "SlashCommand" or "UserCommand" or "MessageCommand" or "ContextMenu" or "ComponentInteraction" or
            "ModalInteraction" or "AutocompleteCommand";
    }

    private const string DiscordModuleKind = "a Discord.Net command module, created for every command it runs";

    private const string DSharpPlusModuleKind = "a DSharpPlus command module, created for every command it runs";

    private const string DisCatSharpModuleKind = "a DisCatSharp command module, created for every command it runs";

    private const string DSharpPlusCommandsNextKind = "a transient DSharpPlus command module, created for every command it runs";

    private const string DisCatSharpCommandsNextKind = "a transient DisCatSharp command module, created for every command it runs";

    /// <summary>
    /// A DSharpPlus / DisCatSharp slash-command module with a lifespan attribute (<c>[SlashModuleLifespan(...)]</c>, on it or a
    /// base of it) says how long it lives, so it is not taken to be per command. A CommandsNext module is per command only
    /// when it says <c>[ModuleLifespan(ModuleLifespan.Transient)]</c>: without one, CommandsNext keeps it for the bot.
    /// </summary>
    private static string? KindUnlessLifespanSaysOtherwise(INamedTypeSymbol owner, string kind) => kind switch
    {
        DSharpPlusModuleKind or DisCatSharpModuleKind => LifespanAttribute(owner) is null ? kind : null,
        DSharpPlusCommandsNextKind or DisCatSharpCommandsNextKind => LifespanAttribute(owner) is { } lifespan && SaysTransient(lifespan) ? kind : null,
        _ => kind,
    };

    /// <summary>
    /// The nearest lifespan attribute on the module or a base of it, bound or as written (folder mode without the package: an
    /// attribute that does not bind keeps its written name, with or without the <c>Attribute</c> suffix).
    /// </summary>
    private static AttributeData? LifespanAttribute(INamedTypeSymbol owner)
    {
        for (var current = owner; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.Name is { } name && IsLifespanName(name)) is { } lifespan)
            {
                return lifespan;
            }
        }

        return null;
    }

    /// <summary>The lifespan the attribute is given, as written (<c>ModuleLifespan.Transient</c>), which binds or not alike.</summary>
    private static bool SaysTransient(AttributeData lifespan) =>
        lifespan.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } &&
        arguments[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Transient" };

    private static bool IsLifespanName(string name) =>
        name is "ModuleLifespan" or "ModuleLifespanAttribute" or "SlashModuleLifespan" or "SlashModuleLifespanAttribute" or
            "ApplicationCommandModuleLifespan" or "ApplicationCommandModuleLifespanAttribute";

    /// <summary>How many of the compilation's own base classes are walked to the one whose base does not bind.</summary>
    private const int MaxBaseDepth = 8;

    /// <summary>
    /// The bases a framework creates per request (controllers) or per command (bot command modules), by written name and the
    /// namespace a file imports them from.
    /// </summary>
    private static readonly (string Base, string Namespace, string Kind)[] s_controllerBases =
    {
        ("ApiController", "System.Web.Http", "an ASP.NET Web API controller, created per request"),
        ("Controller", "System.Web.Mvc", "an ASP.NET MVC controller, created per request"),
        ("Controller", "Microsoft.AspNetCore.Mvc", "an ASP.NET Core controller, created per request"),
        ("ControllerBase", "Microsoft.AspNetCore.Mvc", "an ASP.NET Core controller, created per request"),
        ("ModuleBase", "Discord.Commands", DiscordModuleKind),
        ("InteractionModuleBase", "Discord.Interactions", DiscordModuleKind),
        ("BaseCommandModule", "DSharpPlus.CommandsNext", DSharpPlusCommandsNextKind),
        ("ApplicationCommandModule", "DSharpPlus.SlashCommands", DSharpPlusModuleKind),
        ("BaseCommandModule", "DisCatSharp.CommandsNext", DisCatSharpCommandsNextKind),
        ("ApplicationCommandsModule", "DisCatSharp.ApplicationCommands", DisCatSharpModuleKind),
    };

    /// <summary>
    /// Folder mode without ASP.NET's assemblies (an old Web API project whose packages folder is not restored): a class whose
    /// written base, <c>ApiController</c>, <c>Controller</c> or <c>ControllerBase</c>, does not bind, in a file that imports
    /// the namespace that declares it (<c>using System.Web.Http;</c>) or written qualified by it. A base of that name the
    /// compilation declares binds, and is not a framework's. Also through the compilation's own base classes, abstract ones
    /// included (<c>AboutModule : AbstractInteractionModule</c>, whose base <c>InteractionModuleBase&lt;SocketInteractionContext&gt;</c>
    /// does not bind): the concrete class is the one the framework creates.
    /// </summary>
    private static string? UnboundControllerKind(INamedTypeSymbol owner)
    {
        if (owner.TypeKind != TypeKind.Class || owner.IsAbstract)
        {
            return null;
        }

        // Through the compilation's own bases (AboutModule : AbstractInteractionModule : InteractionModuleBase<...>, a
        // controller over the project's BaseController): the first class whose base does not bind is the one that names it.
        var declared = owner;
        for (var depth = 0; declared.BaseType is { TypeKind: not TypeKind.Error } next; depth++)
        {
            if (depth == MaxBaseDepth || next.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            declared = next;
        }

        if (declared.BaseType is null)
        {
            return null;
        }

        foreach (var reference in declared.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not ClassDeclarationSyntax { BaseList.Types: { Count: > 0 } bases } declaration)
            {
                continue;
            }

            var (name, qualifier) = bases[0].Type switch
            {
                SimpleNameSyntax simple => (simple.Identifier.ValueText, (string?)null),
                QualifiedNameSyntax { Right: var right } qualified => (right.Identifier.ValueText, qualified.Left.ToString()),
                _ => (null, null),
            };
            if (name is null)
            {
                continue;
            }

            foreach (var (baseName, ns, kind) in s_controllerBases)
            {
                // The controllers are not generic; the modules are written either way (ModuleBase, ModuleBase<SocketCommandContext>).
                if (name == baseName && (kind is DiscordModuleKind || bases[0].Type is not GenericNameSyntax and not QualifiedNameSyntax { Right: GenericNameSyntax }) &&
                    (qualifier is not null ? qualifier == ns : declaration.SyntaxTree.ImportsNamespace(ns)))
                {
                    return KindUnlessLifespanSaysOtherwise(owner, kind);
                }
            }
        }

        return null;
    }

    private const string MediatRHandlerKind = "a MediatR handler, which the container builds for every request it handles";

    private static readonly string[] s_mediatRHandlers = { "IRequestHandler", "INotificationHandler", "IStreamRequestHandler" };

    /// <summary>
    /// Folder mode without the MediatR package: a class that implements <c>IRequestHandler&lt;,&gt;</c>,
    /// <c>IRequestHandler&lt;&gt;</c>, <c>INotificationHandler&lt;&gt;</c> or <c>IStreamRequestHandler&lt;,&gt;</c> that does not bind,
    /// written <c>MediatR.</c>-qualified or in a file that says <c>using MediatR;</c>.
    /// </summary>
    private static bool ImplementsUnboundMediatRHandler(INamedTypeSymbol owner)
    {
        if (owner.TypeKind != TypeKind.Class || owner.IsAbstract)
        {
            return false;
        }

        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax { BaseList.Types: var bases } declaration)
            {
                continue;
            }

            foreach (var written in bases)
            {
                var (name, qualified) = written.Type switch
                {
                    GenericNameSyntax generic => (generic, false),
                    QualifiedNameSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "MediatR" }, Right: GenericNameSyntax generic } => (generic, true),
                    _ => ((GenericNameSyntax?)null, false),
                };
                if (name is null || System.Array.IndexOf(s_mediatRHandlers, name.Identifier.ValueText) < 0 || name.TypeArgumentList.Arguments.Count > 2 ||
                    name.Identifier.ValueText == "INotificationHandler" && name.TypeArgumentList.Arguments.Count != 1 ||
                    name.Identifier.ValueText == "IStreamRequestHandler" && name.TypeArgumentList.Arguments.Count != 2)
                {
                    continue;
                }

                // A base that does not bind may stand first in the list, where the compiler takes it for the base class.
                var implemented = owner.Interfaces.Append(owner.BaseType)
                    .FirstOrDefault(i => i is not null && i.Name == name.Identifier.ValueText && i.Arity == name.TypeArgumentList.Arguments.Count);
                if (implemented is { TypeKind: TypeKind.Error } &&
                    (qualified || declaration.SyntaxTree.ImportsNamespace("MediatR")))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><paramref name="owner"/> derives from <paramref name="type"/>, or implements it when it is an interface.</summary>
    private static bool Is(INamedTypeSymbol owner, INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
            ? owner.TypeKind == TypeKind.Class && !owner.IsAbstract && owner.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, type))
            : owner.InheritsFromOrEquals(type);

    private const string NonSharedPartKind = "a non-shared MEF part, created anew for every import";

    /// <summary>
    /// <c>[PartCreationPolicy(CreationPolicy.NonShared)]</c> (System.ComponentModel.Composition): the container makes a new
    /// instance for every import and every <c>GetExports</c> it answers. Read from the written argument when the attribute
    /// does not bind (folder mode without the package). MEF 2's implicit non-sharing is not read: only the explicit policy.
    /// </summary>
    private static bool IsNonSharedPart(INamedTypeSymbol owner)
    {
        foreach (var attribute in owner.GetAttributes())
        {
            if (attribute.AttributeClass is not { Name: "PartCreationPolicyAttribute" or "PartCreationPolicy" } attributeClass)
            {
                continue;
            }

            if (attributeClass.TypeKind != TypeKind.Error)
            {
                return attributeClass.ContainingNamespace?.ToDisplayString() == "System.ComponentModel.Composition" &&
                       attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int policy && policy == NonSharedPolicy;
            }

            return attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments: { Count: 1 } arguments } &&
                   arguments[0].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "NonShared" };
        }

        return false;
    }

    // System.ComponentModel.Composition.CreationPolicy.NonShared.
    private const int NonSharedPolicy = 2;

    private const string ApiControllerKind = "an ASP.NET Core API controller, created per request";

    private bool HasApiControllerAttribute(INamedTypeSymbol owner)
    {
        if (_apiControllerAttribute is null)
        {
            return false;
        }

        for (var current = owner; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _apiControllerAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
