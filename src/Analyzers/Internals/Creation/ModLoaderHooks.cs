using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The start-up hooks of a game mod loader's plugin, which the loader runs once when it loads the plugin it creates itself:
/// MelonLoader's <c>MelonPlugin</c> / <c>MelonMod</c> initialization and application-start overrides, and BepInEx's
/// <c>BaseUnityPlugin.Awake</c> / <c>Start</c> (the chainloader makes one component per plugin), and Playnite's
/// <c>OnApplicationStarted</c> (Playnite makes one object per extension and calls it once the application has started).
/// Their per-frame, per-scene and per-event hooks (<c>OnUpdate</c>, <c>OnSceneWasLoaded</c>, <c>OnGameStarted</c>) run
/// again and again, and are not here. One host hook is here for the opposite answer: Streamer.bot's <c>CPHInline.Execute</c>
/// runs on one object for every run of its action.
/// </summary>
internal static class ModLoaderHooks
{
    /// <summary>
    /// An instance override of one of those hooks: its overridden member is declared in the <c>MelonLoader</c>,
    /// <c>BepInEx</c> or <c>Playnite</c> namespace, or, where the plugin's base type does not bind (folder mode without the
    /// game's or the launcher's assemblies), the written base is <c>MelonPlugin</c>, <c>MelonMod</c>, <c>BaseUnityPlugin</c>
    /// or one of Playnite's plugin bases (<c>GenericPlugin</c>, <c>LibraryPlugin</c>, <c>MetadataPlugin</c>) and the name is
    /// that base's hook.
    /// </summary>
    public static bool RunsOncePerLoad(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = method.Identifier.ValueText;
        var melon = IsMelonLoaderHook(name);
        var bepInEx = name is "Awake" or "Start";
        if (!melon && !bepInEx || method.Modifiers.Any(SyntaxKind.StaticKeyword) ||
            method.Parent is not ClassDeclarationSyntax plugin ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return false;
        }

        if (melon && declared.OverriddenMethod is { } overridden)
        {
            return IsIn(overridden.ContainingType, "MelonLoader") || name == PlayniteStartHook && IsIn(overridden.ContainingType, "Playnite");
        }

        if (bepInEx && model.GetDeclaredSymbol(plugin, cancellationToken) is { } pluginType)
        {
            // Unity calls Awake and Start by name (no override): the plugin type must derive from BepInEx's BaseUnityPlugin.
            for (var type = pluginType.BaseType; type is not null; type = type.BaseType)
            {
                if (type.TypeKind == TypeKind.Error)
                {
                    break;
                }

                if (type.Name == "BaseUnityPlugin" && IsIn(type, "BepInEx"))
                {
                    return true;
                }
            }
        }

        if (declared.ContainingType.BaseType is not (null or { TypeKind: TypeKind.Error }) ||
            plugin.BaseList?.Types.FirstOrDefault()?.Type is not { } written)
        {
            return false;
        }

        return SyntaxGates.RightmostName(written) switch
        {
            "MelonPlugin" or "MelonMod" => melon && method.Modifiers.Any(SyntaxKind.OverrideKeyword),
            "BaseUnityPlugin" => bepInEx,
            "GenericPlugin" or "LibraryPlugin" or "MetadataPlugin" => name == PlayniteStartHook && method.Modifiers.Any(SyntaxKind.OverrideKeyword),
            _ => false,
        };
    }

    /// <summary>
    /// Playnite's <c>MetadataPlugin.GetMetadataProvider</c> override: Playnite calls it for every metadata request and drops
    /// the provider it returns when the request is done, so what it returns is made per call, not handed to a caller that
    /// keeps it. Bound in the <c>Playnite</c> namespace, or, where the SDK does not bind, an override in a type whose written
    /// base is <c>MetadataPlugin</c>.
    /// </summary>
    public static bool MakesAProviderPerRequest(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.Identifier.ValueText != "GetMetadataProvider" || !method.Modifiers.Any(SyntaxKind.OverrideKeyword) ||
            method.Parent is not ClassDeclarationSyntax plugin ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return false;
        }

        if (declared.OverriddenMethod is { } overridden)
        {
            return IsIn(overridden.ContainingType, "Playnite");
        }

        return declared.ContainingType.BaseType is null or { TypeKind: TypeKind.Error } &&
               plugin.BaseList?.Types.FirstOrDefault()?.Type is { } written && SyntaxGates.RightmostName(written) == "MetadataPlugin";
    }

    /// <summary>
    /// Streamer.bot's C# action: Streamer.bot compiles the class <c>CPHInline</c> once, makes one object of it (running its
    /// optional <c>Init</c>), and calls its parameterless <c>Execute()</c> on that same object each time the action
    /// runs, for every trigger, chat command or redeem. Nothing in the compilation calls <c>Execute</c>; a field it stores is
    /// replaced on every run. Decided from the declaration alone: the script references no Streamer.bot assembly.
    /// </summary>
    public static bool RunsOnEveryActionRun(MethodDeclarationSyntax method) =>
        method.Identifier.ValueText == "Execute" && method.ParameterList.Parameters.Count == 0 && method.Parent is ClassDeclarationSyntax { Identifier.ValueText: StreamerBotAction };

    /// <summary>
    /// <paramref name="declaration"/> is a mod loader's plugin: a class deriving from MelonLoader's <c>MelonMod</c> /
    /// <c>MelonPlugin</c> or BepInEx's <c>BaseUnityPlugin</c>, or, where its base does not bind, written over one of those
    /// names. The loader loads the assembly to run that plugin; nothing else calls into it.
    /// </summary>
    public static bool IsPlugin(ClassDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declaration.BaseList?.Types.FirstOrDefault()?.Type is not { } written ||
            SyntaxGates.RightmostName(written) is not ("MelonMod" or "MelonPlugin" or "BaseUnityPlugin") ||
            model.GetDeclaredSymbol(declaration, cancellationToken) is not { } plugin)
        {
            return false;
        }

        return plugin.BaseType is null or { TypeKind: TypeKind.Error } || IsIn(plugin.BaseType, "MelonLoader") || IsIn(plugin.BaseType, "BepInEx");
    }

    /// <summary>The class Streamer.bot's C# action must declare.</summary>
    private const string StreamerBotAction = "CPHInline";

    /// <summary>Playnite's plugin hook that runs once per application start (its name is MelonLoader 0.6's too).</summary>
    private const string PlayniteStartHook = "OnApplicationStarted";

    /// <summary>MelonLoader's hooks that run once per game start (0.5 and 0.6 names), not per scene or frame.</summary>
    private static bool IsMelonLoaderHook(string name) => name is
        "OnPreInitialization" or "OnApplicationEarlyStart" or "OnApplicationStart" or "OnApplicationStarted" or
        "OnApplicationLateStart" or "OnPreModsLoaded" or "OnPreSupportModule" or "OnEarlyInitializeMelon" or
        "OnInitializeMelon" or "OnLateInitializeMelon";

    private static bool IsIn(INamedTypeSymbol type, string rootNamespace)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false } && ns.Name == rootNamespace;
    }
}
